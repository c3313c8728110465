"""Keras Shape Explorer core: pure Python + Keras + numpy + pandas + plotly, no Streamlit."""
