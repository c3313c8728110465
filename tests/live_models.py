"""Build a model from code and get the live call of one of its layers (shared by the live tests)."""
from __future__ import annotations

import functools
import importlib

from explorer.build import build
from explorer.layers import get_kind
from explorer.live.trace import run_trace
from explorer.live.xrays import layer_call
from explorer.reader.code import read_code
from explorer.shapes import describe
from explorer.spec import ModelSpec


@functools.lru_cache(maxsize=128)
def traced(code: str | ModelSpec):
    """(spec, desc, model, trace) for Keras code (or a ModelSpec built by hand); the model must build. Room for
    all 87 models of tests/test_live_models.py, whose tests walk them one after another, four times: with 64,
    every call missed and each model was built and run again in each test (about a third of that file's time)."""
    spec = code if isinstance(code, ModelSpec) else read_code(code).spec
    assert spec is not None, read_code(code).notes
    desc = describe(spec)
    assert desc.ok, desc.failure
    built = build(spec, desc)
    assert built.model is not None, built.failure
    return spec, desc, built.model, run_trace(built.model, spec, desc)


def call_of(code: str | ModelSpec, name: str, pick: tuple[int, ...] = ()):
    """The LayerCall of layer `name` of the model in `code` (give every layer a name= in tests)."""
    spec, desc, model, trace = traced(code)
    return layer_call(model, spec, desc, trace, name, pick)


def sequential(*layer_lines: str, input_shape: str = "(50,)", dtype: str = "int32", batch: int = 3) -> str:
    """Keras code for keras.Input(shape=input_shape, batch_size=batch) and a Sequential of layer_lines."""
    body = ",\n    ".join(layer_lines)
    return (f"import keras\nfrom keras import layers\n\n"
            f"model = keras.Sequential([\n"
            f"    keras.Input(shape={input_shape}, batch_size={batch}, dtype=\"{dtype}\"),\n"
            f"    {body},\n])\n")


def live_functions(class_name: str, monkeypatch) -> tuple[str, ...]:
    """The functions of its family's xray.py that a kind's `xray` and then its `mistakes` call."""
    kind = get_kind(class_name)
    module = importlib.import_module(type(kind).__module__.rsplit(".", 1)[0] + ".xray")
    called: list[str] = []
    for name, fn in list(vars(module).items()):
        own = getattr(fn, "__module__", "") in (module.__name__, __name__)  # __name__: patched before
        if callable(fn) and own and name.endswith(("_xray", "_mistake", "_mistakes")):
            monkeypatch.setattr(module, name, lambda *_, _name=name: called.append(_name) or ())
    kind.xray(None)
    kind.mistakes(None, None, None, None)
    return tuple(called)
