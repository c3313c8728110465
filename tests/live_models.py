"""Build a model from code and get the live call of one of its layers (shared by the live tests)."""
from __future__ import annotations

import functools

from explorer.build import build
from explorer.live.trace import run_trace
from explorer.live.xrays import layer_call
from explorer.reader.code import read_code
from explorer.shapes import describe


@functools.lru_cache(maxsize=64)
def traced(code: str):
    """(spec, desc, model, trace) for Keras code; the model must build."""
    spec = read_code(code).spec
    assert spec is not None, read_code(code).notes
    desc = describe(spec)
    assert desc.ok, desc.failure
    built = build(spec, desc)
    assert built.model is not None, built.failure
    return spec, desc, built.model, run_trace(built.model, spec, desc)


def call_of(code: str, name: str, pick: tuple[int, ...] = ()):
    """The LayerCall of layer `name` of the model in `code` (give every layer a name= in tests)."""
    spec, desc, model, trace = traced(code)
    return layer_call(model, spec, desc, trace, name, pick)


def sequential(*layer_lines: str, input_shape: str = "(50,)", dtype: str = "int32", batch: int = 3) -> str:
    """Keras code for keras.Input(shape=input_shape, batch_size=batch) and a Sequential of layer_lines."""
    body = ",\n    ".join(layer_lines)
    return (f"import keras\nfrom keras import layers\n\n"
            f"model = keras.Sequential([\n    keras.Input(shape={input_shape}, batch_size={batch}, dtype=\"{dtype}\"),\n"
            f"    {body},\n])\n")
