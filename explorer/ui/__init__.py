"""Streamlit layer: the sidebar returns a Config; each panel module draws one panel from core data."""
