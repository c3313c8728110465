"""The Plotly floor: a trivial page holding one small Plotly chart (three labelled points); the bench times a
first load until the chart's SVG labels are drawn (bench/paint.py), the reference for the page's diagram."""
import streamlit as st

FIGURE = {"data": [{"type": "scatter", "x": [0, 1, 2], "y": [0, 0, 0], "mode": "markers+text",
                    "text": ["input (None, 50)", "dense (None, 50, 200)", "output (None, 50, 6)"],
                    "textposition": "top center"}],
          "layout": {"height": 300, "showlegend": False}}

st.markdown("one Plotly chart")
with st.container(key="floor_chart"):
    st.plotly_chart(FIGURE)
