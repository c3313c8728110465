""""Break it" for any model: each common mistake with this model, run live (explorer/live/breakit.py).

For each, said once: its title (what the mistake is), the mistaken code, who raised what (the error's type
and Keras's words, or the shape Keras built without a word), one cause (the kind's own sentence, else
explorer.diagnose's, the one the page shows for the same error in pasted code), one fix with its code, and a
button that writes the mistake into the learner's code so the whole page shows it (and, at the top, what
changed: fix_button).
"""
from __future__ import annotations

import streamlit as st

from explorer.description import shape_text
from explorer.i18n import t
from explorer.live.base import code_text
from explorer.live.breakit import (FAILED, OVER_BUDGET, RAISED, SILENT, SILENT_SHAPE, TINY_BATCH, BreakOutcome,
                                   broken_source)
from explorer.reader.edit import not_written
from explorer.ui import read_cache, sidebar
from explorer.ui.failure_panel import fix_text
from explorer.ui.fix_button import write_code
from explorer.ui.messages import escape_markdown
from explorer.ui.model_input import CODE_KEY


def _text(lang: str, key: str, params: tuple[tuple[str, str], ...]) -> str | None:
    """A family's sentence with its placeholders (escaped: layer names come from the learner's code); None
    for no key ("")."""
    if not key:
        return None
    try:
        return t(lang, key, **{k: escape_markdown(v) for k, v in params})
    except (KeyError, IndexError, ValueError, TypeError):  # a missing text or placeholder: the fallback
        return None


def title(outcome: BreakOutcome, lang: str) -> str:
    return (_text(lang, outcome.title_key, outcome.params)
            or t(lang, "breakany.title_fallback", mistake=escape_markdown(outcome.key),
                 layer=escape_markdown(outcome.layer)))


def cause_text(outcome: BreakOutcome, lang: str) -> str | None:
    """The one cause the page gives: the mistake's own sentence, else diagnose's for the error it raised."""
    own = _text(lang, outcome.why_key, outcome.params)
    if own:
        return own
    if outcome.failure is not None and outcome.failure.cause is not None:
        return fix_text(outcome.failure.cause, lang)
    return None


def _said(outcome: BreakOutcome, lang: str) -> None:
    who = t(lang, "breakany.explorer") if outcome.source == "explorer" else outcome.source
    st.caption(t(lang, "breakany.said", who=escape_markdown(who)))
    message = f"{outcome.error_type}: {outcome.message}" if outcome.error_type else outcome.message
    st.code(message, language=None, wrap_lines=True)


def render_outcome(outcome: BreakOutcome, lang: str, new_code: str | None, index: int,
                   old_code: str | None = None, why: tuple[str, dict[str, str]] | None = None) -> None:
    """One mistake; new_code: the learner's code (old_code) with the mistake written in, for "Try it"; why: when
    it cannot be written, the reason (explorer.reader.edit.not_written: an i18n key and its params)."""
    st.caption(t(lang, "breakany.you_wrote"))
    st.code(code_text(outcome.code, lambda note: t(lang, note.key, **dict(note.params))), language="python",
            wrap_lines=True)
    if outcome.status in (FAILED, RAISED):
        _said(outcome, lang)
    elif outcome.status == SILENT:
        st.warning(t(lang, "breakany.silent", diff=f"{outcome.silent_diff:.4g}"), icon="⚠️")
    elif outcome.status == SILENT_SHAPE:
        st.warning(t(lang, "breakany.silent_shape", output=shape_text(outcome.output),
                     expected=shape_text(outcome.expected)), icon="⚠️")
    elif outcome.status == OVER_BUDGET:
        st.info(t(lang, "breakany.over_budget", reason=escape_markdown(outcome.message)))
    else:
        st.info(t(lang, "breakany.unbroken"))
    cause = cause_text(outcome, lang)
    if cause:
        st.markdown(t(lang, "breakany.cause", cause=cause))
    if outcome.fix is not None:
        st.markdown(t(lang, "breakany.fix", fix=fix_text(outcome.fix, lang)))
        if outcome.fix.code:
            st.code(outcome.fix.code, language="python")
    if new_code is not None:
        st.button(t(lang, "breakany.try_it"), key=f"breakany.try.{index}", on_click=write_code,
                  args=(old_code, new_code, "try"), help=t(lang, "breakany.try_it_help"))
    elif why is not None:
        key, params = why
        st.caption(t(lang, "edit.why.lead", why=t(lang, key, **params)))


def render(outcomes: tuple[BreakOutcome, ...], lang: str, code_available: bool) -> None:
    """outcomes: explorer.live.breakit.outcomes_for(spec) of the page's model; code_available: the
    model came from the code box (st.session_state["code"]), so a mistake can be written into it."""
    if not outcomes:
        st.caption(t(lang, "breakany.none"))
        return
    st.markdown(t(lang, "breakany.intro", batch=TINY_BATCH))
    code = st.session_state.get(CODE_KEY) if code_available else None
    spec = read_cache.read_code_for(code, sidebar.current_input_shape()).spec if isinstance(code, str) else None
    if spec is None and any(o.broken is not None for o in outcomes):
        st.caption(t(lang, "breakany.no_code"))
    for index, outcome in enumerate(outcomes):
        new_code = broken_source(code, spec, outcome) if spec is not None else None
        why = None
        if new_code is None and spec is not None:
            why = next(filter(None, (not_written(code, spec, edit) for edit in outcome.edits)), None)
        with st.expander(title(outcome, lang), expanded=index == 0):
            render_outcome(outcome, lang, new_code, index, code, why)
