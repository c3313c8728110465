"""Read a Keras model config as plain data: pasted `model.to_json()` output (Keras 3 or tf.keras 2.x),
or the config.json of a .keras archive (keras_file.py).

Nothing in the config is imported, run or handed to a Keras loader. The text goes through
`json.loads` only, with bounds (size, nesting depth, numbers, string lengths); then every layer is
checked against the registry of kinds (`explorer.layers`): its class name must be a kind we know,
its module Keras's own layers, its arguments the kind's rules (explorer/reader/validate.py). The
model is rebuilt by our own constructors from the validated values.

Arguments Keras writes with their defaults are compared with what Keras writes for the layer our
kind constructs (json_layers.py). Every refusal is a Note, and a model with a refused part has no
spec (it could not be built as the learner's model).

This module: the entry points and the reader, made of its parts: json_text.py (text to data within
bounds), json_graph.py (the model: Sequential or functional), json_calls.py (which tensors each layer
is called on, Keras 3 and Keras 2 forms), json_layers.py (each layer and its arguments);
json_common.py holds the bounds and what the parts share.
"""
from __future__ import annotations

from ..spec import ReadResult
from .json_calls import Calls
from .json_common import MAX_DEPTH, MAX_NOTES, MAX_TEXT_CHARS, make_note
from .json_graph import Graph
from .json_layers import Layers
from .json_text import LOAD_KEYS, load

__all__ = ["MAX_DEPTH", "MAX_TEXT_CHARS", "read_config", "read_keras_json"]


class _Reader(Graph, Calls, Layers):
    """The config's data to a ModelSpec, every refusal a note (json_graph, json_calls, json_layers)."""


def read_keras_json(text: str) -> ReadResult:
    """The model in pasted `model.to_json()` text, or None with notes saying why. Never raises."""
    return read_config(text, MAX_TEXT_CHARS)


def read_config(text: str, max_chars: int) -> ReadResult:
    """read_keras_json with a size limit of max_chars (a .keras file's config.json may be larger)."""
    try:
        return _read(text, max_chars)
    except Exception as error:  # a reader never raises: an unexpected failure is one more refusal
        return ReadResult(None, (), (make_note("error", "json.internal", message=type(error).__name__),))


def _read(text: object, max_chars: int) -> ReadResult:
    data, notes = load(text, max_chars)
    if notes and notes[0].key in LOAD_KEYS:
        return ReadResult(None, (), tuple(notes))
    reader = _Reader()
    reader.notes.extend(notes[:MAX_NOTES])  # foreign modules, custom registrations, functions
    spec = reader.model(data)
    notes = reader.notes
    if any(n.severity == "error" for n in notes):
        spec = None
    elif spec is None:  # never expected (every refusal says why); a learner still gets a message
        notes.append(make_note("error", "json.internal", message="no model"))
    return ReadResult(spec, (), tuple(notes[:MAX_NOTES]))
