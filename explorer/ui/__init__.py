"""Streamlit layer: the sidebar and the model input read what the learner sends; each panel module draws
one panel from core data."""
