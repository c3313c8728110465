"""A Keras JSON config's text turned into plain data, within bounds, before anything reads it.

`json.loads` only, with its number hooks refusing NaN, infinities and huge numbers; then one pass
over the data checks the nesting depth and string lengths, drops Keras's shared_object_id
bookkeeping, and notes every object that names code Keras did not write (a foreign module, a
custom registered name, a function). A text over a bound is refused whole.
"""
from __future__ import annotations

import json
import math
import re

from ..spec import Note
from .json_common import MAX_CONTAINERS, MAX_DEPTH, MAX_INT, MAX_NOTES, MAX_STRING, make_note, plain

# what Keras itself writes as "module": Sequential "keras", Functional "keras.src.models.functional",
# layers "keras.layers", dtype policies "keras", initializers, regularizers and constraints their packages
MODEL_MODULES = (None, "keras", "keras.models", "keras.src.models.functional")
OBJECT_MODULES = MODEL_MODULES + ("keras.layers", "keras.initializers", "keras.regularizers", "keras.constraints")
FUNCTION_CLASSES = ("__lambda__", "function", "__function__")
SHARED_ID = "shared_object_id"
# the text itself cannot be read
LOAD_KEYS = ("json.input_type", "json.too_big", "json.too_many_objects", "json.syntax", "json.too_deep",
             "json.number_special", "json.number_big", "json.string_long")
NOT_READ = ("compile_config", "build_config")  # keys of the top-level object


class _Refused(Exception):
    """A value json.loads must not produce (NaN, a huge number): the whole text is refused."""

    def __init__(self, key: str, **params: str):
        super().__init__(key)
        self.key = key
        self.params = params


class _Big:
    """An integer beyond MAX_INT as json.loads met it: allowed only as Keras's shared_object_id (a
    Python id(), dropped after loading); anywhere else it refuses the text."""

    def __init__(self, text: str):
        self.text = text


def _parse_int(text: str) -> int | _Big:
    if len(text.lstrip("-")) > 20:  # never converted: 5,000 digits would cost time for nothing
        raise _Refused("json.number_big", value=text[:20], limit=f"{MAX_INT:,}")
    value = int(text)
    return value if abs(value) <= MAX_INT else _Big(text)


def _parse_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _Refused("json.number_big", value=text[:20], limit=f"{MAX_INT:,}")
    return value


def _parse_constant(text: str) -> float:
    raise _Refused("json.number_special")


def load(text: object, max_chars: int) -> tuple[object | None, list[Note]]:
    """json.loads within bounds: (data, notes about objects naming foreign code), or (None, [the
    note saying why the text cannot be read at all])."""
    if not isinstance(text, str):
        return None, [make_note("error", "json.input_type")]
    if len(text) > max_chars:
        return None, [make_note("error", "json.too_big", size=f"{len(text):,}", limit=f"{max_chars:,}")]
    text = text.lstrip("\ufeff")
    # every object and list costs memory and garbage-collector time: bounded before any is made
    # (brackets inside strings count too; a real config holds a few thousand)
    if text.count("{") + text.count("[") > MAX_CONTAINERS:
        return None, [make_note("error", "json.too_many_objects", limit=f"{MAX_CONTAINERS:,}")]
    try:
        data = json.loads(text, parse_int=_parse_int, parse_float=_parse_float, parse_constant=_parse_constant)
    except _Refused as refused:
        line, col = _position(text, refused.key)
        return None, [Note(line, col, "error", refused.key, tuple(refused.params.items()))]
    except json.JSONDecodeError as error:
        return None, [Note(error.lineno, error.colno - 1, "error", "json.syntax",
                           (("message", error.msg), ("line", str(error.lineno)), ("col", str(error.colno))))]
    except RecursionError:
        return None, [make_note("error", "json.too_deep", limit=str(MAX_DEPTH))]
    problem, foreign = _walk(data, text)
    if problem is not None:
        return None, [problem]
    return data, foreign


def _position(text: str, key: str) -> tuple[int, int]:
    """Where the refused number is, as best a search finds it (0, 0 if not found)."""
    pattern = r"NaN|-?Infinity" if key == "json.number_special" else r"-?\d{14,}|-?\d[\d.]*[eE][+-]?\d{3,}"
    return _find(text, pattern)


def _find(text: str, pattern: str) -> tuple[int, int]:
    found = re.search(pattern, text)
    if found is None:
        return 0, 0
    line = text.count("\n", 0, found.start()) + 1
    return line, found.start() - (text.rfind("\n", 0, found.start()) + 1)


def _walk(data: object, text: str, places: bool = False) -> tuple[Note | None, list[Note]]:
    """One pass over the loaded data, without recursion: the bounds (depth, string lengths, numbers;
    a problem refuses the whole text), Keras's shared_object_id bookkeeping (Python ids of objects
    serialized twice) removed, and every object naming code that is not Keras's own: a foreign
    module, a custom registered name, a function. The training settings (compile_config) are
    never read, so what they name is not refused. The places of those objects (for the notes) are
    only tracked in a second pass, when the first found one."""
    foreign: list[Note] = []
    steps: list[tuple[int, object]] = [(-1, "")]  # (parent step, key), to name a place in a note
    stack: list[tuple[object, int, int, bool]] = [(data, 0, 1, True)]
    long_string = make_note("error", "json.string_long", limit=f"{MAX_STRING:,}")
    if type(data) not in (dict, list):  # a lone value: checked like an item of a list
        stack = [([data], 0, 1, False)]
    while stack:
        value, at, depth, scanned = stack.pop()
        if depth > MAX_DEPTH:
            return make_note("error", "json.too_deep", limit=str(MAX_DEPTH)), []
        if type(value) is dict:
            if type(value.get(SHARED_ID)) in (int, _Big):
                del value[SHARED_ID]
            if scanned and len(foreign) < MAX_NOTES:
                found = _foreign(value, steps, at if places else -1)
                if found and not places:
                    return _walk(data, text, places=True)
                foreign.extend(found)
            items = value.items()
        else:
            items = enumerate(value)
        for key, item in items:
            if type(key) is str and len(key) > MAX_STRING:
                return long_string, []
            kind = type(item)
            if kind is dict or kind is list:
                if places:
                    steps.append((at, key))
                stack.append((item, len(steps) - 1, depth + 1, scanned and not (depth == 1 and key in NOT_READ)))
            elif kind is str:
                if len(item) > MAX_STRING:
                    return long_string, []
            elif kind is _Big:
                line, col = _find(text, r"(?<![\d.])" + re.escape(item.text) + r"(?!\d)")
                return Note(line, col, "error", "json.number_big", (("value", item.text[:20]),
                                                                   ("limit", f"{MAX_INT:,}"))), []
    return None, foreign


def _foreign(value: dict, steps: list[tuple[int, object]], at: int) -> list[Note]:
    """Notes for one object that names a module, a registration or a function Keras did not write."""
    notes = []
    cls = value.get("class_name")
    if "module" in value and value["module"] not in OBJECT_MODULES:
        notes.append(make_note("error", "json.module_refused", where=_path(steps, at), module=plain(value["module"])))
    registered = value.get("registered_name")
    if registered is not None and registered != cls:
        notes.append(make_note("error", "json.registered_refused", where=_path(steps, at), value=plain(registered)))
    if cls in FUNCTION_CLASSES:
        notes.append(make_note("error", "json.function_refused", where=_path(steps, at), cls=plain(cls)))
    return notes


def _path(steps: list[tuple[int, object]], at: int) -> str:
    """'model.config.layers[1].config.kernel_initializer' for a step of the scan."""
    if at < 0:
        return ""
    keys = []
    while at > 0:
        at, key = steps[at]
        keys.append(f"[{key}]" if isinstance(key, int) else f".{plain(key, 40)}")
    return "model" + "".join(reversed(keys))
