"""Untrusted numbers as a control reads them (explorer.controls.parse_int): what a widget, a URL or a
forged message may send."""
import pytest

from explorer.controls import parse_int


@pytest.mark.parametrize("raw, expected", [
    (75, 75), (75.0, 75), ("75", 75), (" 75 ", 75), ("+7", 7), ("-3", -3), ("12.000", 12),
    (75.5, None), ("7.5", None), ("abc", None), ("", None), (None, None), (True, None), (float("nan"), None),
    (float("inf"), None), ("1e3", None), ("٣", 3), ("１２", 12), ("1_000", 1000), ("9" * 40, 10**15),
    ("-" + "9" * 400, -(10**15)), ([1], None),
])
def test_parse_int(raw, expected):
    assert parse_int(raw) == expected
