"""The share link, in the sidebar: the page address with the model (a preset and its named numbers,
or the packed code) and the language."""
from __future__ import annotations

import streamlit as st

from explorer.i18n import t
from explorer.share import MAX_CODE_PARAM, model_share_query, page_base
from explorer.ui.model_input import ModelInput

SHARE_KEY = "share_link"


def render(model: ModelInput, lang: str) -> None:
    """The link in a text box: shown literally, selectable in one click, and light (st.code would load
    Streamlit's 1.5 MB code highlighter on every first visit for this one line)."""
    base = page_base(st.context.url)
    st.sidebar.subheader(t(lang, "share.header"))
    if model.source != "code":
        st.sidebar.caption(t(lang, "share.json"))
        return
    values = [(c.name, c.value) for c in model.controls]
    query = model_share_query(model.code, model.preset, values, lang)
    if query is None:
        st.sidebar.caption(t(lang, "share.too_long", limit=f"{MAX_CODE_PARAM:,}"))
        return
    st.sidebar.caption(t(lang, "share.caption" if base else "share.no_url"))
    st.session_state[SHARE_KEY] = f"{base}?{query}"  # always this page's link, whatever the box was sent
    st.sidebar.text_input(t(lang, "share.label"), key=SHARE_KEY, label_visibility="collapsed")
