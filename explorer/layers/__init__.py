"""The registry of layer kinds: Keras class name -> LayerKind.

Each family of kinds is one package here (`conv/`: `kinds.py` its kinds, `xray.py` their X-rays
and common mistakes, `words.py` their words in English and Chinese side by side), whose
`__init__.py` defines `KINDS = (SomeKind(), ...)`; every family is registered at import. Adding a
layer kind touches its family's folder, its test file and the README's list, nothing else.
Only names in this registry are ever constructed: a class name a user sends that is not here is
refused, never looked up in Keras. The registry gives itself to every kind it registers
(`kind.registry`), so a family never imports it.
"""
from __future__ import annotations

import importlib
import pkgutil
from types import MappingProxyType
from typing import TYPE_CHECKING

from .base import LayerKind, code_line

if TYPE_CHECKING:
    from ..spec import LayerSpec

REGISTRY: dict[str, LayerKind] = {}  # by Keras's class name (its __name__)
ALIASES: dict[str, str] = {}  # another name keras.layers gives a class -> the class name ("MaxPool2D")
_READ_ONLY = MappingProxyType(REGISTRY)  # what each kind is given
WORDS: dict[str, tuple[str, str]] = {}  # every family's words: key -> (English, 中文)


def _discover() -> None:
    for module in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if not module.ispkg:
            continue
        for kind in getattr(importlib.import_module(f"{__name__}.{module.name}"), "KINDS", ()):
            for name in (kind.class_name,) + kind.aliases:
                if name in REGISTRY or name in ALIASES:
                    raise RuntimeError(f"layer kind {name} registered twice")
            REGISTRY[kind.class_name] = kind
            ALIASES.update(dict.fromkeys(kind.aliases, kind.class_name))
            kind.registry = _READ_ONLY
        for key, pair in importlib.import_module(f"{__name__}.{module.name}.words").WORDS.items():
            if key in WORDS:
                raise RuntimeError(f"word {key} of {module.name} given twice")
            WORDS[key] = pair


def get_kind(class_name: str) -> LayerKind | None:
    """The kind for a Keras class name or one of its aliases, or None if the explorer does not support it."""
    if not isinstance(class_name, str):
        return None
    return REGISTRY.get(ALIASES.get(class_name, class_name))


def class_name_of(name: str) -> str | None:
    """The class name a layer name of keras.layers stands for ("MaxPool2D" -> "MaxPooling2D"), or None."""
    kind = get_kind(name)
    return kind.class_name if kind is not None else None


_PLAIN = LayerKind()


def traits(class_name: object) -> LayerKind:
    """The kind for a class name, or a plain LayerKind (every trait at its default) for anything
    else: an input ("InputLayer"), no layer (""), a class the registry does not hold."""
    return get_kind(class_name) or _PLAIN


def layer_code(layer: LayerSpec) -> str:
    """The layer's Keras 3 code line, wrapped layers inside their wrapper."""
    return code_line(layer, REGISTRY)


def shown_class(cls: str, args: tuple = ()) -> str:
    """The class the page shows for a layer (a Step's or LayerSpec's cls and args): Keras's class name, or the
    kind's own word for it (a box whose shape the code gave shows the learner's Lambda or class)."""
    kind = get_kind(cls)
    return kind.shown_class(args) if kind is not None else cls


def given_kind() -> LayerKind:
    """The kind of a box whose output shape the learner's code gave (Lambda(output_shape=...)), which the page
    cannot compute or check: the one kind with the trait `given_shape`."""
    return next(kind for kind in REGISTRY.values() if kind.given_shape)


def recurrent_kind(class_name: str, inner_class: str = "") -> LayerKind | None:
    """The kind of the RNN a layer runs along its time axis: its own (LSTM), or that of the RNN a
    two-way wrapper runs (Bidirectional(LSTM)); None for any other layer."""
    kind, inner = traits(class_name), traits(inner_class)
    if kind.recurrent:
        return kind
    return inner if kind.directions > 1 and inner.recurrent else None


def recurrent_layer(layer: LayerSpec | None) -> LayerSpec | None:
    """The RNN layer inside a layer: the layer itself, or the RNN a two-way wrapper runs."""
    if layer is None:
        return None
    if traits(layer.kind).recurrent:
        return layer
    inner = layer.inner
    if inner is not None and traits(layer.kind).directions > 1 and traits(inner.kind).recurrent:
        return inner
    return None


_discover()
