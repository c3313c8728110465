"""The code export: this configuration as runnable Keras 3 code, with copy (st.code's button) and download."""
from __future__ import annotations

import streamlit as st

from explorer.i18n import t


def render(code: str, lang: str) -> None:
    st.subheader(t(lang, "code.header"))
    st.caption(t(lang, "code.caption"))
    st.code(code, language="python")
    st.download_button(t(lang, "code.download"), code.encode("utf-8"), file_name="model.py",
                       mime="text/x-python", key="download_code", on_click="ignore")
