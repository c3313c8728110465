"""What the question's code does on Keras 3, with Keras's own messages."""
from __future__ import annotations

import keras
import streamlit as st

from explorer.i18n import t
from explorer.traps import Trap


def title(lang: str) -> str:
    return t(lang, "traps.header", version=keras.__version__)


def render(traps: list[Trap], lang: str) -> None:
    for trap in traps:
        st.markdown(f"**{t(lang, f'traps.{trap.key}.title')}**")
        st.code(trap.message, language="text")
        st.markdown(t(lang, f"traps.{trap.key}.fix"))
