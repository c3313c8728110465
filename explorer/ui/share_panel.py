"""The share link, in the sidebar: the page address with every setting and the language."""
from __future__ import annotations

import streamlit as st

from explorer.config import Config
from explorer.i18n import t
from explorer.share import share_link


def render(cfg: Config, lang: str) -> None:
    """st.code shows the link literally (nothing in it is interpreted) and has a copy button."""
    base = st.context.url
    st.sidebar.subheader(t(lang, "share.header"))
    st.sidebar.caption(t(lang, "share.caption" if base else "share.no_url"))
    st.sidebar.code(share_link(base, cfg, lang), language=None, wrap_lines=True)
