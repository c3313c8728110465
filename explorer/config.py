"""The explorer's configuration: one validated, frozen value per sidebar control.

Everything a user sends (widget values, URL query parameters, forged messages) goes through
`parse_config`, which never raises: bad values are clamped or replaced by the default, and each
change is reported as a `Notice` so the page can say what happened.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, fields
from typing import Any, Mapping

MERGE_MODES = ("ave", "concat", "sum", "mul")


@dataclass(frozen=True)
class IntBound:
    name: str
    default: int
    low: int
    high: int


INT_BOUNDS: tuple[IntBound, ...] = (
    IntBound("vocab_size", 10_000, 2, 1_000_000),
    IntBound("embed_dim", 64, 1, 1024),
    IntBound("seq_len", 50, 1, 500),
    IntBound("lstm_units", 75, 1, 512),
    IntBound("dense_units", 200, 1, 2048),
    IntBound("count_classes", 5, 1, 1000),
    IntBound("batch_size", 30, 1, 512),
)
BOUNDS = {b.name: b for b in INT_BOUNDS}
DEFAULT_MERGE_MODE = "ave"
FIELD_NAMES = tuple(b.name for b in INT_BOUNDS) + ("merge_mode",)


@dataclass(frozen=True)
class Config:
    """Hyperparameters of the learner's tagger; invalid values cannot be constructed."""

    vocab_size: int = 10_000
    embed_dim: int = 64
    seq_len: int = 50
    lstm_units: int = 75
    merge_mode: str = "ave"
    dense_units: int = 200
    count_classes: int = 5
    batch_size: int = 30

    def __post_init__(self) -> None:
        for b in INT_BOUNDS:
            v = getattr(self, b.name)
            if type(v) is not int or not b.low <= v <= b.high:
                raise ValueError(f"{b.name}={v!r} is not an int in [{b.low}, {b.high}]")
        if self.merge_mode not in MERGE_MODES:
            raise ValueError(f"merge_mode={self.merge_mode!r} is not one of {MERGE_MODES}")

    @property
    def features(self) -> int:
        """F: width of the BiLSTM output, the Dense layer's input_dim (2H for concat, else H)."""
        return 2 * self.lstm_units if self.merge_mode == "concat" else self.lstm_units

    @property
    def head_units(self) -> int:
        """C: outputs of the head, count_classes + 1 as in the question's code."""
        return self.count_classes + 1

    def as_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True)
class Notice:
    """One input that could not be used as sent. kind: clamped | not_integer | unknown_choice | unknown_key."""

    field: str
    kind: str
    raw: str
    used: str


_INT_TEXT = re.compile(r"[+-]?[0-9]{1,15}")
_LONG_INT_TEXT = re.compile(r"[+-]?[0-9]{16,}")


def _short(raw: Any) -> str:
    text = repr(raw) if not isinstance(raw, str) else raw
    return text if len(text) <= 40 else text[:37] + "..."


def parse_int(raw: Any) -> int | None:
    """A whole number from an int, an integral float or a decimal string; None if it is not one."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float):
        return int(raw) if math.isfinite(raw) and raw.is_integer() else None
    if isinstance(raw, str):
        text = raw.strip()
        if _INT_TEXT.fullmatch(text):
            return int(text)
        if _LONG_INT_TEXT.fullmatch(text):  # too many digits to be in any range: far out of range
            return -(10**15) if text.startswith("-") else 10**15
        if re.fullmatch(r"[+-]?[0-9]{1,15}\.0*", text):
            return int(float(text))
        if len(text) <= 20:  # what Python's int() reads, as Streamlit's URL binding does: "١٢", "１２", "1_000"
            try:
                return int(text)
            except ValueError:
                return None
    return None


def parse_config(raw: Mapping[str, Any]) -> tuple[Config, list[Notice]]:
    """Turn untrusted values into a Config. Never raises; every change is reported as a Notice."""
    values: dict[str, Any] = {}
    notices: list[Notice] = []
    for b in INT_BOUNDS:
        if b.name not in raw:
            values[b.name] = b.default
            continue
        value = parse_int(raw[b.name])
        if value is None:
            values[b.name] = b.default
            notices.append(Notice(b.name, "not_integer", _short(raw[b.name]), str(b.default)))
        elif not b.low <= value <= b.high:
            values[b.name] = min(max(value, b.low), b.high)
            notices.append(Notice(b.name, "clamped", _short(raw[b.name]), str(values[b.name])))
        else:
            values[b.name] = value
    mode = raw.get("merge_mode", DEFAULT_MERGE_MODE)
    if isinstance(mode, str) and mode.strip().lower() in MERGE_MODES:
        values["merge_mode"] = mode.strip().lower()
    else:
        values["merge_mode"] = DEFAULT_MERGE_MODE
        notices.append(Notice("merge_mode", "unknown_choice", _short(mode), DEFAULT_MERGE_MODE))
    for key in raw:
        if key not in FIELD_NAMES:
            notices.append(Notice(_short(str(key)), "unknown_key", _short(raw[key]), ""))
    return Config(**values), notices
