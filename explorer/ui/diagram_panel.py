"""The tensor-flow diagram, drawn as inline SVG inside the page's markdown (no chart library to load)."""
from __future__ import annotations

import streamlit as st

from explorer.diagram import MAX_STEPS
from explorer.i18n import t

LABEL_KEYS = {  # the diagram's label -> its words
    "tensor": "diagram.tensor",
    "weights": "diagram.weights",
    "title": "diagram.title",
    "hover_shape": "diagram.hover_shape",
    "hover_named": "diagram.hover_named",
    "hover_params": "diagram.hover_params",
}


def labels(lang: str) -> dict[str, str]:
    return {label: t(lang, key) for label, key in LABEL_KEYS.items()}


def render(svg: str, lang: str, steps: int = 0) -> None:
    st.subheader(t(lang, "diagram.header"))
    st.caption(t(lang, "diagram.caption"))
    if steps > MAX_STEPS:
        st.info(t(lang, "diagram.cut", shown=MAX_STEPS, total=f"{steps:,}"))
    with st.container(key="flow_diagram"):
        # an HTML block (a <div> opening the line, no blank line inside): markdown passes it through untouched
        st.markdown(f'<div class="flow-diagram" style="overflow-x: auto">{svg}</div>', unsafe_allow_html=True)
