"""The code's named numbers as controls: each constant's bounds, from what it means where it is used.

A constant used as Dense units must be a whole number >= 1; one used as a merge mode must be one of
the merge modes. Every value a widget or a URL sends is checked again here (widget bounds are only
enforced in the browser); the memory budget is checked later, on the model the value gives.
"""
from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

from .layers import get_kind
from .layers.base import MAX_RANK, MAX_SIZE
from .reader.code_limits import MAX_INPUTS
from .spec import Constant, ReadResult

MAX_BATCH = 4096
# uses that are not a layer argument: (owner, argument) -> (low, high)
_SPECIAL = {("Input", "shape"): (1, MAX_SIZE), ("Input", "batch_size"): (1, MAX_BATCH),
            ("Model", "batch_size"): (1, MAX_BATCH)}
INPUT_SHAPE_KEY = "input_shape"  # the sidebar's box, and its URL parameter, for an input the code does not give
DATA_KEYS = ("x_shape", "y_shape", "y_holds", "loss")  # the sidebar's "Your data" (explorer/ui/data_input.py)
RESERVED_KEYS = frozenset({"code", "preset", "lang", "embed", "embed_options", "keras_json", "upload", "source",
                           INPUT_SHAPE_KEY, *DATA_KEYS})
MAX_SHAPE_TEXT = 200  # characters of a typed (or linked) input shape
# the reader's notes that say a model's input shape is not in the code (the learner may type it)
ASKS_FOR_INPUT = frozenset({"read.no_input", "read.embedding_no_length", "read.subclassed_no_input"})

_INT_TEXT = re.compile(r"[+-]?[0-9]{1,15}")
_LONG_INT_TEXT = re.compile(r"[+-]?[0-9]{16,}")


def parse_int(raw: object) -> int | None:
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


def parse_bool(raw: object) -> bool | None:
    """True or False from a bool or the words a link or a form writes ("true", "False", "1", "0"); else None."""
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, str):
        return _BOOL_WORDS.get(raw.strip().lower())
    return None


_BOOL_WORDS = {"true": True, "false": False, "1": True, "0": False}
BOOL_CHOICES = ("True", "False")


@dataclass(frozen=True)
class Control:
    """One sidebar control: a number with bounds, a switch (True or False), or a string with choices."""

    name: str
    value: int | str | bool
    low: int = 0
    high: int = 0
    choices: tuple[str, ...] = ()
    uses: tuple[tuple[str, str], ...] = ()

    @property
    def is_bool(self) -> bool:
        return isinstance(self.value, bool)

    @property
    def is_number(self) -> bool:
        return isinstance(self.value, int) and not self.is_bool


def control_for(constant: Constant) -> Control | None:
    """The control of a constant, or None if it cannot be one (a string no use restricts, a
    reserved name)."""
    if constant.name in RESERVED_KEYS or constant.name.startswith("_"):
        return None
    if isinstance(constant.value, bool):  # a switch: an `if` it chooses, or a layer's True/False argument
        return Control(constant.name, constant.value, 0, 0, BOOL_CHOICES, constant.uses)
    if isinstance(constant.value, int):
        lows, highs = [], []
        for owner, arg in constant.uses:
            if (owner, arg) in _SPECIAL:
                low, high = _SPECIAL[(owner, arg)]
            else:
                kind = get_kind(owner)
                rule = kind.rule(arg) if kind else None
                if rule is None or rule.type not in ("int", "size_or_tuple", "shape"):
                    continue
                low = int(rule.low) if rule.low is not None else 1
                high = int(rule.high) if rule.high is not None else MAX_SIZE
            lows.append(low)
            highs.append(high)
        low = max(lows) if lows else 0
        high = min(highs) if highs else MAX_SIZE
        # a constant used in arithmetic (count_classes + 1) may sit below its use's bound
        low, high = min(low, constant.value), max(high, constant.value)
        return Control(constant.name, constant.value, low, high, (), constant.uses)
    choices: tuple[str, ...] | None = None
    for owner, arg in constant.uses:
        kind = get_kind(owner)
        rule = kind.rule(arg) if kind else None
        if rule is None or not rule.choices:
            continue
        options = tuple(c for c in rule.choices if isinstance(c, str))
        choices = options if choices is None else tuple(c for c in choices if c in options)
    if not choices or constant.value not in choices:
        return None
    return Control(constant.name, constant.value, 0, 0, choices, constant.uses)


def check_control(control: Control, raw: object) -> tuple[int | str | None, str]:
    """(value, "") if raw is acceptable for this control, else (None, why) — never raises."""
    if control.is_bool:
        value = parse_bool(raw)
        return (value, "") if value is not None else (None, "unknown_choice")
    if control.is_number:
        value = parse_int(raw)
        if value is None:
            return None, "not_integer"
        if not control.low <= value <= control.high:
            return None, "out_of_range"
        return value, ""
    if isinstance(raw, str) and raw.strip() in control.choices:
        return raw.strip(), ""
    return None, "unknown_choice"


_SHAPE_SEPARATORS = re.compile(r"\s*[x×*]\s*|\s+")


def parse_input_shape(raw: object) -> tuple[tuple[int, ...] | None, str]:
    """An input shape without the batch axis, as a learner types it ("28, 28, 1", "(28, 28, 1)", "[784]",
    "28x28x1", full-width "２８，２８"): (shape, "") if it is whole numbers from 1 to MAX_SIZE, at most MAX_RANK of
    them; (None, "") for empty text (no shape); else (None, why) — never raises.
    why: "too_long" | "not_shape" | "too_many_axes" | "out_of_range"."""
    if not isinstance(raw, str):
        return None, "not_shape"
    if len(raw) > MAX_SHAPE_TEXT:
        return None, "too_long"
    text = unicodedata.normalize("NFKC", raw).strip().lower()
    if text[:1] in "([" and text[-1:] in ")]" and len(text) >= 2:
        if {text[0], text[-1]} not in ({"(", ")"}, {"[", "]"}):
            return None, "not_shape"
        text = text[1:-1].strip()
    if not text:
        return (None, "") if not raw.strip() else (None, "not_shape")
    if "," in text:  # "28, 28, 1" or "784," (one trailing comma, as Python writes a 1-tuple)
        parts = [part.strip() for part in text.removesuffix(",").split(",")]
    else:  # "28 28 1", "28x28x1", "28×28×1"
        parts = _SHAPE_SEPARATORS.split(text)
    if not all(re.fullmatch(r"[0-9]+", part) for part in parts):
        return None, "not_shape"
    if len(parts) > MAX_RANK:
        return None, "too_many_axes"
    sizes = tuple(int(part) if len(part) <= 15 else MAX_SIZE + 1 for part in parts)
    if not all(1 <= size <= MAX_SIZE for size in sizes):
        return None, "out_of_range"
    return sizes, ""


def shape_text(shape: tuple[int, ...]) -> str:
    """A shape as the sidebar's box and a link write it: "28, 28, 1"."""
    return ", ".join(str(size) for size in shape)


Shapes = tuple[tuple[int, ...], ...]  # one input shape per model input, as the learner typed them


def as_shapes(value: object) -> Shapes | None:
    """The typed input shapes, whether given as one shape (28, 28, 1) or as several ((5,), (6,)); None for none."""
    if not value or not isinstance(value, tuple):
        return None
    return value if all(isinstance(item, tuple) for item in value) else (value,)


def parse_input_shapes(raw: object) -> tuple[Shapes | None, str]:
    """The input shapes a learner types: one shape ("28, 28, 1"), or one per input of a model with several inputs,
    separated by ";" ("5; 6": Géron's wide and deep model, whose call unpacks `input_A, input_B = inputs`).
    (shapes, "") when each part is a shape (parse_input_shape), at most MAX_INPUTS of them; (None, "") for empty
    text; else (None, why), why as parse_input_shape's or "too_many_inputs". Never raises."""
    if not isinstance(raw, str):
        return None, "not_shape"
    if len(raw) > MAX_SHAPE_TEXT:
        return None, "too_long"
    parts = unicodedata.normalize("NFKC", raw).split(";")
    if len(parts) > MAX_INPUTS:
        return None, "too_many_inputs"
    shapes = []
    for part in parts:
        shape, why = parse_input_shape(part)
        if why or (shape is None and len(parts) > 1):
            return None, why or "not_shape"
        if shape is not None:
            shapes.append(shape)
    return (tuple(shapes) or None), ""


def shapes_text(shapes: Shapes) -> str:
    """Input shapes as the sidebar's box writes them: "5; 6"."""
    return "; ".join(shape_text(shape) for shape in shapes)


def needs_input_shape(result: ReadResult) -> bool:
    """Whether the code's model takes its input shape from the learner: the reader asked for one, or used one."""
    if result.spec is not None and any(i.assumed for i in result.spec.inputs):
        return True
    return any(note.key in ASKS_FOR_INPUT for note in result.notes)
