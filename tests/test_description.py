"""The core's data types and their text (explorer/description.py): one shape_text for every panel."""
from __future__ import annotations

import pytest

from explorer.description import named, shape_text


@pytest.mark.parametrize(("shape", "text"), [
    ((2, 50, 75), "(2, 50, 75)"),
    ((None, 50, 64), "(None, 50, 64)"),
    ((5,), "(5,)"),  # a 1-tuple keeps Python's comma
    ((None,), "(None,)"),
    ((), "()"),
])
def test_shape_text_writes_a_shape_as_keras_prints_it(shape, text):
    assert shape_text(shape) == text == str(shape)


def test_named_writes_axis_letters_as_a_shape():
    assert named(("B", "T", "F")) == "(B, T, F)"
    assert named(("B",)) == "(B,)"
