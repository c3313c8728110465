"""Your data and your loss (issue 19): the arrays the learner's training code gives the model and the loss compile
names, then what real Keras said when the call met them (explorer/fit_check.py, run only when the panel is opened).

Offered only for code with training code (the reader's ReadResult.training). On failure: Keras's words, where, the
shapes that meet, why, the smallest fix, and "Apply the fix to my code", which writes it into the code box as the
one-click fix of a model does (fix_button.write_code), so the page then says what changed.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from explorer.data_path import ROLES, as_input, has_training, holds_text, path_frame
from explorer.description import Description, named, shape_text
from explorer.fit_check import FitCheck, LineFix
from explorer.i18n import t
from explorer.reader.edit import apply_edit, apply_line_fix
from explorer.spec import ModelSpec
from explorer.training import ArraySpec, TrainingSpec
from explorer.ui import cache
from explorer.ui.failure_panel import fix_text
from explorer.ui.fix_button import write_code
from explorer.ui.html_table import render_table
from explorer.ui.messages import code_span_text, escape_markdown

PANEL_KEY = "open_fit"
STATUS = {"ok": (st.success, "fitpanel.status.ok"), "failed": (st.error, "fitpanel.status.failed")}


def entry(spec: ModelSpec, training: object, code: str | None, lang: str) -> tuple:
    """The live section's (label, expander key, body) for this panel, or nothing when the code has no training
    code. code: the code box's text the spec was read from (None for a Keras JSON model: no Apply then)."""
    if not has_training(training):
        return ()
    return ((t(lang, "fitpanel.header"), PANEL_KEY, lambda: render(spec, training, code, lang)),)


# -- what the training code gives ----------------------------------------------------------------------------------
def array_text(role: str, arr: ArraySpec, lang: str) -> str:
    """One array as the page says it: "**x** `(60000, 28, 28)`, uint8: pixels 0..255 (from `...`, line 7)"."""
    shape = ((None,) if arr.batch else ()) + tuple(arr.shape)
    out = t(lang, "fitpanel.array", role=role, shape=shape_text(shape), dtype=escape_markdown(arr.dtype or "?"),
            holds=holds_text(arr, lang))
    if arr.batch:
        out += t(lang, "fitpanel.array_batched", batch=arr.batch)
    if arr.source:
        out += t(lang, "fitpanel.array_from", source=code_span_text(arr.source[:160]), line=arr.line)
    return out


def _names(count: int, letter: str) -> list[str]:
    return [letter] if count == 1 else [f"{letter}[{i}]" for i in range(count)]


def show_training(training: TrainingSpec, lang: str) -> None:
    lines = [array_text(name, as_input(arr), lang) for name, arr in zip(_names(len(training.x), "x"), training.x)]
    lines += [array_text(name, arr, lang) for name, arr in zip(_names(len(training.y), "y"), training.y)]
    if training.loss:
        logits = t(lang, "fitpanel.logits")
        lines += [t(lang, "fitpanel.loss", loss=code_span_text(loss.name), logits=logits if loss.from_logits else "",
                    line=loss.line or training.compile_line) for loss in training.loss]
    else:
        lines.append(t(lang, "fitpanel.no_loss"))
    st.markdown("\n".join("- " + line for line in lines))


# -- what Keras said ------------------------------------------------------------------------------------------------
def meets_frame(check: FitCheck, lang: str) -> pd.DataFrame:
    return pd.DataFrame([{t(lang, "fitpanel.col.role"): t(lang, ROLES.get(m.role, "fitpanel.role.x")),
                          t(lang, "fitpanel.col.name"): m.name,
                          t(lang, "fitpanel.col.shape"): shape_text(m.shape),
                          t(lang, "fitpanel.col.axes"): named(m.axes)} for m in check.meets])


def fixed_code(code: str | None, spec: ModelSpec, fix, line_fix: LineFix | None) -> tuple[str | None, int]:
    """(the learner's code with this fix written in, or None; the line it changes)."""
    if not code:
        return None, 0
    if line_fix is not None:
        return apply_line_fix(code, line_fix.first, line_fix.last, line_fix.text), line_fix.first
    if fix is not None and fix.edit is not None:
        layer = next((item for item in spec.layers if item.name == fix.edit.at), None)
        return apply_edit(code, spec, fix.edit, fix.code), (layer.line if layer is not None else 0)
    return None, 0


def _fix(fix, line_fix: LineFix | None, heading: str, key: str, label: str, spec: ModelSpec, code: str | None,
         lang: str) -> None:
    st.markdown(t(lang, heading, fix=fix_text(fix, lang)))
    if fix.code:
        st.code(fix.code, language="python")
    new, line = fixed_code(code, spec, fix, line_fix)
    if new is not None:
        st.button(label, key=key, type="primary" if key == "fit.apply_fix" else "secondary", on_click=write_code,
                  args=(code, new, "fix"), help=t(lang, "fitpanel.apply_help", line=line))


def show_check(check: FitCheck, spec: ModelSpec, code: str | None, lang: str) -> None:
    if check.status == "not_run":
        st.info(t(lang, "fitpanel.status.not_run", reason=fix_text(check.reason, lang) if check.reason else ""))
        return
    show, key = STATUS[check.status]
    key = "fitpanel.status.failed_typed" if check.status == "failed" and not check.line else key
    show(t(lang, key, call=check.call, line=check.line))
    if check.ok:
        st.markdown(t(lang, "fitpanel.silent"))
        notes = [fix_text(note, lang) for note in check.notes] or [t(lang, "fitpanel.silent_none")]
        st.markdown("\n".join("- " + note for note in notes))
        return
    st.markdown(t(lang, "fitpanel.keras_said"))
    st.code(check.message, language=None, wrap_lines=True)
    for note in check.notes:  # what the check had to assume (the code does not say it)
        st.caption(fix_text(note, lang))
    if check.meets:
        st.markdown(t(lang, "fitpanel.meets"))
        render_table(meets_frame(check, lang), "fit_meets")
    if check.cause is not None:
        st.markdown(t(lang, "fitpanel.cause", cause=fix_text(check.cause, lang)))
    if check.fix is not None:
        _fix(check.fix, check.line_fix, "fitpanel.fix", "fit.apply_fix", t(lang, "breakany.apply_fix"), spec, code,
             lang)
    if check.other is not None:
        _fix(check.other, check.other_line_fix, "fitpanel.other", "fit.apply_other", t(lang, "fitpanel.apply_other"),
             spec, code, lang)


# -- the path under the shape table ---------------------------------------------------------------------------------
def render_path(desc: Description, spec: ModelSpec, training: object, lang: str) -> None:
    """Under the shape table, for code with training code: the data's way into the model and to the loss."""
    if not has_training(training) or not desc.ok or not training.x:
        return
    frame = path_frame(desc, spec, training, lang)
    if frame.empty:
        return
    header = t(lang, "fitpanel.path.header_typed") if training.origin == "typed" else \
        t(lang, "fitpanel.path.header", call=training.call, line=training.line)
    st.markdown(f"**{header}**")
    headers = {"role": "fitpanel.col.role", "shape": "fitpanel.col.shape", "axes": "fitpanel.col.axes",
               "holds": "fitpanel.col.holds"}
    render_table(frame.rename(columns={c: t(lang, k) for c, k in headers.items()}), "data_path", stack=True,
                 wrap=(t(lang, "fitpanel.col.role"), t(lang, "fitpanel.col.holds")))  # the shapes stay on one line
    st.caption(t(lang, "fitpanel.path.checked"))


def render(spec: ModelSpec, training: TrainingSpec, code: str | None, lang: str) -> None:
    if training.origin == "typed":
        loss = t(lang, "fitpanel.intro_typed_loss", line=training.compile_line) if training.compile_line else ""
        st.caption(t(lang, "fitpanel.intro_typed", loss=loss))
    else:
        st.caption(t(lang, "fitpanel.intro", call=training.call, line=training.line))
    show_training(training, lang)
    with st.spinner(t(lang, "fitpanel.running")):
        check = cache.fit_check_for(spec, training, code or "")
    show_check(check, spec, code, lang)
