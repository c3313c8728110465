"""The registry of layer kinds: Keras class name -> LayerKind.

Every module in this package that defines `KINDS = (SomeKind(), ...)` is registered at import;
adding a layer kind means adding (or extending) one module here and its translations, nothing else.
Only names in this registry are ever constructed: a class name a user sends that is not here is
refused, never looked up in Keras.
"""
from __future__ import annotations

import importlib
import pkgutil

from .base import LayerKind

REGISTRY: dict[str, LayerKind] = {}


def _discover() -> None:
    for module in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if module.name == "base":
            continue
        for kind in getattr(importlib.import_module(f"{__name__}.{module.name}"), "KINDS", ()):
            if kind.class_name in REGISTRY:
                raise RuntimeError(f"layer kind {kind.class_name} registered twice")
            REGISTRY[kind.class_name] = kind


def get_kind(class_name: str) -> LayerKind | None:
    """The kind for a Keras class name, or None if the explorer does not support it."""
    return REGISTRY.get(class_name) if isinstance(class_name, str) else None


_discover()
