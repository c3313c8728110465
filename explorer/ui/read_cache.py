"""The readers' caches: code, Keras JSON and .keras files → ReadResult.

Apart from `cache.py` because reading needs no TensorFlow: the page's top (sidebar, code box, the
reader's notes) is drawn from these alone, so a first visitor after a restart sees it while the
warm-up is still importing TensorFlow.
"""
from __future__ import annotations

import streamlit as st

from explorer.reader.code import read_code
from explorer.reader.keras_file import read_keras_file
from explorer.reader.keras_json import read_keras_json
from explorer.spec import ReadResult


@st.cache_data(max_entries=256, show_spinner=False)
def read_code_for(code: str, input_shape: tuple | None = None) -> ReadResult:
    """The reader's result for this code (ast only, never run); a model without an input in the code takes
    input_shape (without the batch axis), the one the learner typed (or one per input: ((5,), (6,)))."""
    return read_code(code, input_shape)


@st.cache_data(max_entries=64, show_spinner=False)
def read_json_for(text: str) -> ReadResult:
    return read_keras_json(text)


@st.cache_data(max_entries=16, show_spinner=False)
def read_upload_for(data: bytes) -> ReadResult:
    return read_keras_file(data)
