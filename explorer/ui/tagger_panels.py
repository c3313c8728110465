"""The panels written for the question's tagger: what changed, the live demonstrations, the three
answers, the X-rays, break-it, code export and the question's Keras 3 traps. They run when the
learner's model is that tagger (explorer.tagger), with its numbers."""
from __future__ import annotations

import streamlit as st

from explorer.config import Config
from explorer.xray import xray_fits
from explorer.ui import answer_panel, breakit_panel, cache, changes_panel, code_panel, demo_panel, messages
from explorer.ui import traps_panel, xray_panel


def render(cfg: Config, answer_slot, lang: str) -> None:
    before = changes_panel.previous(cfg)
    changes_panel.render(cache.changes_between(before, cfg) if before else None, lang)
    budget = cache.budget_for(cfg)
    demos = None
    if budget.ok:
        demos = cache.demonstrations_for(cfg)
        demo_panel.render(demos, lang)
    else:
        demo_panel.render_skipped(messages.demo_skipped_text(budget, lang), lang)
    with answer_slot:
        answer_panel.render(cfg, cache.description_for(cfg), demos.dense if demos else None, lang)
    if xray_fits(cfg):
        xray_panel.render(cache.xray_for(cfg), lang)
    else:
        xray_panel.render_skipped(cfg, lang)
    breakit_panel.render(cfg, cache.breakit_for, lang)
    code_panel.render(cache.code_for(cfg, lang), lang)
    traps_panel.render(cache.traps(), lang)
