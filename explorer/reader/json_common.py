"""What every part of the Keras JSON reader shares: its bounds, its notes, and small helpers on
JSON values (shown shortened in a message, compared as JSON compares them, lists as tuples).

The reader itself (keras_json.py) is JsonReaderBase with its parts mixed in: the model's graph
(json_graph.py), the calls that connect it (json_calls.py, Keras 3 and Keras 2 forms) and each
layer's arguments (json_layers.py). The text is turned into data first (json_text.py).
"""
from __future__ import annotations

import json
import re

from ..spec import Note

MAX_TEXT_CHARS = 1_000_000  # pasted text
MAX_DEPTH = 64  # nesting of JSON arrays and objects
MAX_CONTAINERS = 50_000  # JSON objects and arrays (the 256-layer limit needs about 10,000)
MAX_INT = 10**12
MAX_STRING = 10_000
MAX_LAYERS = 256
MAX_NOTES = 200
MAX_WRAP_DEPTH = 2  # TimeDistributed(Bidirectional(LSTM)) at most
NAME = re.compile(r"[A-Za-z0-9_]{1,64}")
DTYPES = ("float16", "bfloat16", "float32", "float64", "int8", "int16", "int32", "int64", "uint8")
MISSING = object()


class JsonReaderBase:
    def __init__(self):
        self.notes: list[Note] = []

    def note(self, severity: str, key: str, **params: str) -> None:
        if len(self.notes) < MAX_NOTES:
            self.notes.append(make_note(severity, key, **params))


# -- small helpers --------------------------------------------------------------------------------
def make_note(severity: str, key: str, **params: str) -> Note:
    return Note(0, 0, severity, key, tuple(params.items()))


def plain(value: object, limit: int = 60) -> str:
    """A name or module for a message: the text itself, shortened (other values as JSON)."""
    if isinstance(value, str):
        return value if len(value) <= limit else value[: limit - 1] + "…"
    return show(value, limit)


def show(value: object, limit: int = 60) -> str:
    """A value as the learner wrote it (JSON), shortened; only the shown part is ever rendered."""
    if isinstance(value, str) and len(value) <= limit and NAME.fullmatch(value):
        return value
    parts, size = [], 0
    for token in tokens(value):
        parts.append(token)
        size += len(token)
        if size > limit:
            break
    text = "".join(parts)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def tokens(value: object):
    """JSON text of a value, piece by piece (depth is bounded by MAX_DEPTH)."""
    if isinstance(value, dict):
        yield "{"
        for i, (key, item) in enumerate(value.items()):
            yield (", " if i else "") + json.dumps(key, ensure_ascii=False) + ": "
            yield from tokens(item)
        yield "}"
    elif isinstance(value, (list, tuple)):
        yield "["
        for i, item in enumerate(value):
            if i:
                yield ", "
            yield from tokens(item)
        yield "]"
    else:
        try:
            yield json.dumps(value, ensure_ascii=False)
        except (TypeError, ValueError):
            yield repr(value)


def same(a: object, b: object) -> bool:
    """JSON equality: 1 == 1.0, lists equal tuples, but True is not 1."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    return type(a) is type(b) and a == b


def tuples(value: object) -> object:
    """JSON lists as tuples (a spec is hashable), recursively."""
    if isinstance(value, list):
        return tuple(tuples(v) for v in value)
    return value

