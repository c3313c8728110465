"""What the page says about an input it could not use as sent (a widget value, a URL parameter)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Notice:
    """One input that could not be used as sent; the page shows it as `notice.<kind>` in its language.

    kind: clamped | not_integer | unknown_choice | unknown_key | repeated | breaks_code | preset_unknown |
    code_bad | shape_bad | shape_unused. field: the input's name; raw: what was sent (shortened); used: what the
    page used instead.
    """

    field: str
    kind: str
    raw: str
    used: str
