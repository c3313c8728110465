"""Keras Shape Explorer core: pure Python + Keras + numpy + pandas, no Streamlit."""
