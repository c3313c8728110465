""""Break it": switch on a common mistake and see the real error beside a one-line cause."""
from __future__ import annotations

from typing import Callable

import streamlit as st

from explorer.breakit import CASES, BreakResult, cause_values, small_shape
from explorer.config import Config
from explorer.i18n import t
from explorer.ui.xray_panel import md

DEFAULT_ON = ("merge_none",)


def cause_text(cfg: Config, result: BreakResult, lang: str) -> str:
    """The one-line cause with this configuration's numbers; a silent variant when nothing was raised."""
    values = cause_values(cfg, result.key)
    if result.error_type:
        return t(lang, f"breakit.{result.key}.cause", **values)
    return t(lang, f"breakit.{result.key}.silent", diff=f"{result.silent_diff:.4g}", **values)


def render_case(cfg: Config, result: BreakResult, lang: str) -> None:
    st.caption(t(lang, "breakit.you_wrote"))
    st.code(result.code, language="python", wrap_lines=True)
    said, cause = st.columns([3, 2])
    with said:
        st.caption(t(lang, "breakit.said", kind=result.source))
        message = f"{result.error_type}: {result.message}" if result.error_type else t(lang, "breakit.no_error")
        st.code(message, language="text", wrap_lines=True)
    with cause:
        st.caption(" ")  # lines the box up with the message beside it
        with st.container(border=True):
            md(("" if result.error_type else "⚠️ ") + t(lang, "breakit.cause", cause=cause_text(cfg, result, lang)))


def render(cfg: Config, run_case: Callable[[Config, str], BreakResult], lang: str) -> None:
    """run_case(cfg, key) is the cached runner; a case runs only when its toggle is on."""
    b, steps = small_shape(cfg)
    st.subheader(t(lang, "breakit.header"))
    st.markdown(t(lang, "breakit.intro", b=b, t=steps))
    for key in CASES:
        if st.toggle(t(lang, f"breakit.{key}.title"), value=key in DEFAULT_ON, key=f"breakit_{key}"):
            render_case(cfg, run_case(cfg, key), lang)
