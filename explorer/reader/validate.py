"""Check a layer's arguments against its kind's rules, for every reader.

Values arrive as plain Python data (ints, floats, strings, bools, None, tuples/lists of those).
Each accepted argument is returned in the kind's canonical name; everything else becomes a Note:
unknown arguments and out-of-range values are refused (the layer cannot be built from them),
deprecated Keras 2 arguments are dropped with an explanation, shape-neutral extras are ignored.
"""
from __future__ import annotations

import functools
import inspect
import math

from ..layers.base import MAX_RANK, MAX_SIZE, ArgRule, LayerKind
from ..spec import Note, Value

MAX_TUPLE = MAX_RANK  # entries of a shape / kernel_size / strides tuple
MAX_NUMBERS = 1024  # entries of a tuple of numbers (a per-channel mean, a (lower, upper) factor)


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _int_ok(value: object, rule: ArgRule) -> bool:
    if type(value) is not int:
        return False
    low = rule.low if rule.low is not None else 1
    high = rule.high if rule.high is not None else 10**7
    return low <= value <= high


def check_value(rule: ArgRule, value: object) -> tuple[bool, Value]:
    """(accepted, normalized value) for one argument value under its rule."""
    t = rule.type
    if t == "ignored":
        return True, None
    if t == "int":
        return _int_ok(value, rule), value
    if t == "float":
        if type(value) not in (int, float) or not math.isfinite(value):
            return False, value
        low = rule.low if rule.low is not None else -math.inf
        high = rule.high if rule.high is not None else math.inf
        return low <= value <= high, float(value)
    if t == "number_or_tuple":  # a number, or a tuple of numbers, each in low..high (the kind's Keras judges the rest)
        if value is None and rule.default is None:
            return True, None
        items = tuple(value) if isinstance(value, (tuple, list)) else (value,)
        if not 0 < len(items) <= MAX_NUMBERS:
            return False, value
        low = rule.low if rule.low is not None else -math.inf
        high = rule.high if rule.high is not None else math.inf
        if any(type(v) not in (int, float) or not math.isfinite(v) or not low <= v <= high for v in items):
            return False, value
        numbers = tuple(float(v) for v in items)
        return True, numbers if isinstance(value, (tuple, list)) else numbers[0]
    if t == "bool":
        return type(value) is bool, value
    if t == "str":
        return isinstance(value, str) and len(value) <= 100, value
    if t in ("choice", "activation", "initializer"):
        if isinstance(value, str):
            value = value.strip()
            if t != "choice" or rule.folds_case or rule.name == "data_format":  # Keras lower-cases data_format
                value = value.lower()
        return value in rule.choices, value
    if t == "axis":
        return type(value) is int and -MAX_RANK <= value <= MAX_RANK, value
    if t == "index_key":  # x[:, -1]: (("slice", None, None, None), ("index", -1))
        return _index_key_ok(value), value
    if t in ("shape", "size_or_tuple"):
        if value is None and rule.default is None and t == "size_or_tuple":  # strides=None: "as pool_size"
            return True, None
        if t == "size_or_tuple" and type(value) is int:
            return _int_ok(value, rule), value
        if not isinstance(value, (tuple, list)) or not 0 < len(value) <= MAX_TUPLE:
            return False, value
        items = tuple(value)
        for item in items:
            if item is None and t == "shape":
                continue
            if not _int_ok(item, rule):
                return False, value
        return True, items
    if t == "pads":  # ZeroPadding / Cropping: 2, (1, 2) or ((1, 0), (2, 2)); the kind's Keras checks the count
        if type(value) is int:
            return _int_ok(value, rule), value
        if not isinstance(value, (tuple, list)) or not 0 < len(value) <= MAX_TUPLE:
            return False, value
        entries = []
        for item in value:
            pair = tuple(item) if isinstance(item, (tuple, list)) else None
            if pair is not None and 0 < len(pair) <= 2 and all(_int_ok(i, rule) for i in pair):
                entries.append(pair)
            elif _int_ok(item, rule):
                entries.append(item)
            else:
                return False, value
        return True, tuple(entries)
    return False, value


def check_args(kind: LayerKind, raw: dict[str, object], line: int, col: int,
               layer: str) -> tuple[tuple[tuple[str, Value], ...] | None, list[Note]]:
    """Validated (name, value) pairs sorted by name, or None when the layer cannot be built
    (a required argument missing, a value refused); the notes say why, at this line/col."""
    notes: list[Note] = []
    args: dict[str, Value] = {}
    fatal = False
    for name, value in raw.items():
        rule = kind.rule(name) if name not in kind.call_options else None  # a call's keyword, not the class's
        where = (("layer", layer), ("cls", kind.class_name), ("arg", name))
        if rule is None:
            notes.append(Note(line, col, "error", "read.arg_unknown", where))
            fatal = True
            continue
        if rule.deprecated:
            notes.append(Note(line, col, "warning", rule.deprecated, where + (("value", _short(value)),)))
            args[name] = value if isinstance(value, (int, float, str, bool, type(None))) else None
            continue
        if rule.type == "ignored":
            notes.append(Note(line, col, "info", "read.arg_ignored", where))
            continue
        ok, normal = check_value(rule, value)
        if not ok:
            notes.append(Note(line, col, "error", "read.arg_bad_value", where + (("value", _short(value)),
                                                                                  ("expected", describe_rule(rule)))))
            fatal = True
            continue
        args[name] = normal
    if not fatal:
        for name in required_args(kind):
            if name not in args:
                notes.append(Note(line, col, "error", "read.arg_missing",
                                  (("layer", layer), ("cls", kind.class_name), ("arg", name))))
                fatal = True
    if fatal:
        return None, notes
    return tuple(sorted(args.items())), notes


def _index_key_ok(value: object) -> bool:
    """An index into a tensor as the reader writes it: up to MAX_RANK entries, each ("index", i), ("slice",
    start, stop, step) with whole numbers or None, ("newaxis",) or ("ellipsis",)."""
    if not isinstance(value, tuple) or not 0 < len(value) <= MAX_RANK:
        return False
    for entry in value:
        if not isinstance(entry, tuple) or not entry:
            return False
        numbers = entry[1:]
        if entry[0] == "index":
            ok = len(numbers) == 1 and type(numbers[0]) is int
        elif entry[0] == "slice":
            ok = len(numbers) == 3 and all(n is None or type(n) is int for n in numbers) and numbers[2] != 0
        else:
            ok = entry[0] in ("newaxis", "ellipsis") and not numbers
        if not ok or any(type(n) is int and abs(n) > MAX_SIZE for n in numbers):
            return False
    return True


@functools.cache
def required_args(kind: LayerKind) -> tuple[str, ...]:
    """Arguments the Keras constructor has no default for (units, filters...), read from its signature."""
    import keras

    if kind.wraps or kind.operation:  # an operation's arguments are checked by its kind (explorer/layers/operations)
        return ()
    signature = inspect.signature(getattr(keras.layers, kind.class_name).__init__)
    return tuple(p.name for p in signature.parameters.values()
                 if p.name != "self" and p.default is inspect.Parameter.empty
                 and p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY))


def describe_rule(rule: ArgRule) -> str:
    """What a rule accepts, for a message: 'a whole number from 1 to 10,000,000', "one of 'ave', 'sum'"."""
    t = rule.type
    if t == "int" or t == "size_or_tuple":
        low = int(rule.low if rule.low is not None else 1)
        high = int(rule.high if rule.high is not None else 10**7)
        return f"int {low:,}..{high:,}" + (" or a tuple of them" if t == "size_or_tuple" else "")
    if t == "float":
        return f"number {rule.low if rule.low is not None else '-inf'}..{rule.high if rule.high is not None else 'inf'}"
    if t in ("choice", "activation", "initializer"):
        shown = [repr(c) for c in rule.choices[:8]]
        return "one of " + ", ".join(shown) + (", ..." if len(rule.choices) > 8 else "")
    if t == "shape":
        return "a tuple of whole numbers"
    if t == "number_or_tuple":
        low = rule.low if rule.low is not None else "-inf"
        high = rule.high if rule.high is not None else "inf"
        return f"a number {low}..{high} or a tuple of them"
    if t == "pads":
        low = int(rule.low if rule.low is not None else 1)
        high = int(rule.high if rule.high is not None else 10**7)
        return f"int {low:,}..{high:,}, or a tuple of them or of (before, after) pairs of them"
    return t
