"""The share link, in the sidebar: the page address with the model (a preset and its named numbers,
or the packed code) and the language."""
from __future__ import annotations

from urllib.parse import urlsplit

import streamlit as st

from explorer.i18n import t
from explorer.share import MAX_BASE_CHARS, MAX_CODE_PARAM, model_share_query
from explorer.ui.model_input import ModelInput


def render(model: ModelInput, lang: str) -> None:
    """st.code shows the link literally (nothing in it is interpreted) and has a copy button."""
    base = (st.context.url or "").split("?", 1)[0].split("#", 1)[0][:MAX_BASE_CHARS]
    if base and not urlsplit(base).path:
        base += "/"
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
    st.sidebar.code(f"{base}?{query}", language=None, wrap_lines=True)
