"""Untrusted numbers as a control reads them (explorer.controls.parse_int): what a widget, a URL or a
forged message may send."""
import pytest

from explorer.controls import INPUT_SHAPE_KEY, RESERVED_KEYS, control_for, needs_input_shape, parse_int
from explorer.reader.code import read_code
from explorer.spec import Constant


@pytest.mark.parametrize("raw, expected", [
    (75, 75), (75.0, 75), ("75", 75), (" 75 ", 75), ("+7", 7), ("-3", -3), ("12.000", 12),
    (75.5, None), ("7.5", None), ("abc", None), ("", None), (None, None), (True, None), (float("nan"), None),
    (float("inf"), None), ("1e3", None), ("٣", 3), ("１２", 12), ("1_000", 1000), ("9" * 40, 10**15),
    ("-" + "9" * 400, -(10**15)), ([1], None),
])
def test_parse_int(raw, expected):
    assert parse_int(raw) == expected


def test_the_input_shape_box_is_needed_only_where_the_code_gives_no_input():
    without = read_code("import keras\nm = keras.Sequential([keras.layers.Dense(3)])\n")
    with_input = read_code("import keras\nm = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3)])\n")
    assert needs_input_shape(without) and not needs_input_shape(with_input)
    # its key is the box's and the link's: a constant of that name is never a control
    assert INPUT_SHAPE_KEY in RESERVED_KEYS
    assert control_for(Constant(INPUT_SHAPE_KEY, 784, 1, 0, 3, (("Dense", "units"),))) is None
