"""The code export panel: the model the page read, as clean Keras 3 code to copy (st.code's button)
or download as model.py. The code comes from explorer.export.export_code (None: nothing to export)."""
from __future__ import annotations

import streamlit as st

from explorer.i18n import t


def render(code: str | None, lang: str) -> None:
    if code is None:
        st.info(t(lang, "export.unavailable"))
        return
    st.caption(t(lang, "export.caption"))
    st.code(code, language="python")
    st.download_button(t(lang, "export.download"), code.encode("utf-8"), file_name="model.py",
                       mime="text/x-python", key="download_model_py", on_click="ignore")
