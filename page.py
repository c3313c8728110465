"""Keras Shape Explorer, the page (`streamlit run app.py` serves it; AppTest runs it directly).

sidebar → Config → core (cached) → panels. Shapes are drawn before the forward pass runs, so they
never wait for it; the answer panel sits on top but is filled last, with the live numbers.
"""
import streamlit as st

from explorer.i18n import t
from explorer.ui import answer_panel, cache, demo_panel, diagram_panel, messages, sidebar, table_panel, traps_panel
from explorer.ui import breakit_panel, changes_panel, code_panel, share_panel, xray_panel
from explorer.xray import xray_fits

st.set_page_config(page_title="Keras Shape Explorer", page_icon="🧊", layout="wide")

lang, url_notices = sidebar.read_language()
st.set_page_config(page_title=t(lang, "app.title"))  # the browser tab, in the page's language
cfg, notices = sidebar.read_config(lang)
share_panel.render(cfg, lang)
st.title(t(lang, "app.title"))
st.markdown(t(lang, "app.intro"))
messages.show_notices(url_notices + notices, lang)
before = changes_panel.previous(cfg)
changes_panel.render(cache.changes_between(before, cfg) if before else None, lang)

budget = cache.budget_for(cfg)
if not budget.fits_memory:
    st.error(messages.budget_text(budget, lang))
answer_slot = st.container()

infos = cache.description_for(cfg)
table, weights = cache.tables_for(cfg)
model_total = (lambda: cache.model_for(cfg).count_params()) if budget.fits_memory else None  # built after the table
table_panel.render(cfg, table, weights, int(table["params"].sum()), model_total, lang)
diagram_panel.render(cache.figure_for(cfg, diagram_panel.labels(lang)), lang)

demos = None
if budget.ok:
    demos = cache.demonstrations_for(cfg)
    demo_panel.render(demos, lang)
else:
    demo_panel.render_skipped(messages.demo_skipped_text(budget, lang), lang)

with answer_slot:
    answer_panel.render(cfg, infos, demos.dense if demos else None, lang)
if xray_fits(cfg):
    xray_panel.render(cache.xray_for(cfg), lang)
else:
    xray_panel.render_skipped(cfg, lang)
breakit_panel.render(cfg, cache.breakit_for, lang)
code_panel.render(cache.code_for(cfg, lang), lang)
traps_panel.render(cache.traps(), lang)
