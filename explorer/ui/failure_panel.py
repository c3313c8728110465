"""When Keras 3 cannot build the model: where, Keras's own words, why, and the smallest fix."""
from __future__ import annotations

import streamlit as st

from explorer.description import named, shape_text
from explorer.i18n import t
from explorer.layers.base import Fix
from explorer.shapes import Failure
from explorer.ui.messages import escape_markdown


def fix_text(fix: Fix, lang: str) -> str:
    params = {k: escape_markdown(v) for k, v in fix.params}
    # the code goes inside backticks in the texts, where escapes would show: keep it literal, no backtick
    params["code"] = fix.code.replace("`", "'")
    try:
        return t(lang, fix.key, **params)
    except (KeyError, IndexError, ValueError):
        return escape_markdown(fix.key)


def render(failure: Failure, code: str | None, lang: str) -> None:
    with st.container(border=True, key="failure_panel"):
        st.subheader(t(lang, "failure.header"))
        line_text = t(lang, "failure.line", line=failure.line) if failure.line else ""
        st.markdown(t(lang, "failure.where", layer=escape_markdown(failure.layer), cls=failure.cls,
                      line_text=line_text,
                      shape=escape_markdown(" + ".join(shape_text(s) for s in failure.input_shapes)),
                      named=escape_markdown(" + ".join(named(a) for a in failure.input_axes))))
        if code and failure.line:
            lines = code.splitlines()
            if 0 < failure.line <= len(lines):
                st.code(lines[failure.line - 1].strip()[:300], language="python")
        st.markdown(t(lang, "failure.keras_said" if failure.origin == "keras" else "failure.explorer_said"))
        st.code(failure.message, language=None, wrap_lines=True)
        if failure.cause is not None:
            st.markdown(t(lang, "failure.cause", cause=fix_text(failure.cause, lang)))
        if failure.fix is not None:
            st.markdown(t(lang, "failure.fix", fix=fix_text(failure.fix, lang)))
            if failure.fix.code:
                st.code(failure.fix.code, language="python")
        st.caption(t(lang, "failure.partial"))
