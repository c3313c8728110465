"""The Plotly tensor-flow diagram."""
from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from explorer.diagram import MAX_STEPS
from explorer.i18n import t

LABEL_KEYS = ("tensor", "weights", "title", "hover_shape", "hover_named", "hover_params")


def labels(lang: str) -> dict[str, str]:
    return {k: t(lang, f"diagram.{k}") for k in LABEL_KEYS}


def render(fig: go.Figure, lang: str, steps: int = 0) -> None:
    st.subheader(t(lang, "diagram.header"))
    st.caption(t(lang, "diagram.caption"))
    if steps > MAX_STEPS:
        st.info(t(lang, "diagram.cut", shown=MAX_STEPS, total=f"{steps:,}"))
    st.plotly_chart(fig, width="content", key="flow_diagram",
                    config={"displayModeBar": False, "staticPlot": False, "scrollZoom": False})
