"""The registry of layer kinds: Keras class name -> LayerKind.

Each family of kinds is one package here (`conv/`: `kinds.py` its kinds, `xray.py` their X-rays
and common mistakes, `words.py` their words in English and Chinese side by side), whose
`__init__.py` defines `KINDS = (SomeKind(), ...)`; every family is registered at import. Adding a
layer kind touches its family's folder, its test file and the README's list, nothing else.
Only names in this registry are ever constructed: a class name a user sends that is not here is
refused, never looked up in Keras.
"""
from __future__ import annotations

import importlib
import pkgutil

from .base import LayerKind

REGISTRY: dict[str, LayerKind] = {}
WORDS: dict[str, tuple[str, str]] = {}  # every family's words: key -> (English, 中文)


def _discover() -> None:
    for module in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if not module.ispkg:
            continue
        for kind in getattr(importlib.import_module(f"{__name__}.{module.name}"), "KINDS", ()):
            if kind.class_name in REGISTRY:
                raise RuntimeError(f"layer kind {kind.class_name} registered twice")
            REGISTRY[kind.class_name] = kind
        for key, pair in importlib.import_module(f"{__name__}.{module.name}.words").WORDS.items():
            if key in WORDS:
                raise RuntimeError(f"word {key} of {module.name} given twice")
            WORDS[key] = pair


def get_kind(class_name: str) -> LayerKind | None:
    """The kind for a Keras class name, or None if the explorer does not support it."""
    return REGISTRY.get(class_name) if isinstance(class_name, str) else None


_discover()
