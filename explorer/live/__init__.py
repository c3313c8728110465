"""Live numbers for any model: the X-ray of each layer kind and its common mistakes.

Every module of this package (other than base, trace and the engines named below) may define
`XRAYS = {"Dense": dense_xray, ...}` (class name → function(LayerCall) → XRay) and
`MISTAKES = {"Dense": dense_mistakes, ...}` (class name → function(ModelSpec, LayerSpec, Step) →
tuple of Mistake). They are registered at import, and reached through the kind
(`get_kind("Dense").xray(call)`), so a new kind brings its own X-ray and cases in one module.
"""
from __future__ import annotations

import importlib
import pkgutil
from typing import Callable

ENGINES = {"base", "trace", "xrays", "breakit", "equivalences", "activations"}  # modules that are not families of kinds
XRAYS: dict[str, Callable] = {}
MISTAKES: dict[str, Callable] = {}


def _discover() -> None:
    for module in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if module.name in ENGINES:
            continue
        loaded = importlib.import_module(f"{__name__}.{module.name}")
        for table, into in ((getattr(loaded, "XRAYS", {}), XRAYS), (getattr(loaded, "MISTAKES", {}), MISTAKES)):
            for class_name, fn in table.items():
                if class_name in into:
                    raise RuntimeError(f"live function for {class_name} registered twice")
                into[class_name] = fn


_discover()
