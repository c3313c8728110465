"""The Streamlit floor: a one-widget app; the bench times typing a value until the new text shows."""
import streamlit as st

value = st.number_input("value", min_value=0, max_value=1_000_000, value=0, step=1)
st.markdown(f"twice the value: {2 * int(value)}")
