"""What a name in pasted code stands for, from its imports alone (nothing is imported).

`import tensorflow as tf` binds `tf` to the path ("tensorflow",); `tf.keras.layers.Dense` is then
the path ("tensorflow", "keras", "layers", "Dense"), which means the same as keras.layers.Dense.
A path means something only if it is in the tables below (layer classes: only the registry).
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass

from ..layers import ALIASES, REGISTRY, class_name_of
from ..layers.base import ACTIVATIONS, INITIALIZERS
from .backbones import architecture
from .keras_exports import EXPORTS


@dataclass(frozen=True)
class Ref:
    """A module, class or function reached through imports: its dotted path, Keras paths
    normalized to start with "keras"; via_tf: reached through tensorflow.keras / tf.keras."""

    path: tuple[str, ...]
    via_tf: bool = False

    def child(self, name: str) -> Ref:
        return make_ref(self.path + (name,), self.via_tf)

    @property
    def dotted(self) -> str:
        return ".".join(self.path)


def make_ref(path: tuple[str, ...], via_tf: bool = False) -> Ref:
    if path[:2] == ("tensorflow", "keras"):
        return Ref(("keras",) + path[2:], True)
    return Ref(path, via_tf)


# helpers that build a merge layer and call it at once: layers.concatenate([a, b], axis=-1) is
# Concatenate(axis=-1)([a, b]). A kind names its helper (`helper`), whose keywords are the kind's
# arguments; the helpers of classes the registry lacks are known only to be refused by name.
_UNSUPPORTED_HELPERS: dict[str, str] = {}
MERGE_HELPERS = {kind.helper: (cls, tuple(r.name for r in kind.rules)) for cls, kind in REGISTRY.items()
                 if kind.helper}
MERGE_HELPERS.update({helper: (cls, ()) for helper, cls in _UNSUPPORTED_HELPERS.items()})
_LAYER_MODULES = (("keras", "layers"),)
_MODEL_MODULES = (("keras",), ("keras", "models"))
_TF_ACTIVATIONS = {("tensorflow", "nn"), ("tensorflow", "math"), ("tensorflow",)}
# calls that cannot change a model's shapes: noted as ignored, never run
_IGNORED_FUNCTIONS = {("keras", "backend", "clear_session"), ("tensorflow", "random", "set_seed"),
                      ("numpy", "random", "seed"), ("random", "seed")}
_IGNORED_MODULES = (("keras", "utils"), ("keras", "preprocessing"), ("keras", "optimizers"), ("keras", "losses"),
                    ("keras", "metrics"), ("keras", "callbacks"), ("keras", "datasets"))
# what a missing import most likely meant, for code pasted without its import lines
IMPLICIT = {"keras": ("keras",), "layers": ("keras", "layers"), "tf": ("tensorflow",), "models": ("keras", "models"),
            "Sequential": ("keras", "Sequential"), "Model": ("keras", "Model"), "Input": ("keras", "Input")}


def snake_case(class_name: str) -> str:
    """Keras's automatic layer name: 'MaxPooling1D' -> 'max_pooling1d', 'ReLU' -> 're_lu'."""
    name = re.sub(r"\W+", "", class_name)
    name = re.sub(r"(.)([A-Z][a-z]+)", r"\1_\2", name)
    name = re.sub(r"([a-z])([A-Z])", r"\1_\2", name)
    return name.lower()


def meaning(ref: Ref) -> tuple[str, str]:
    """(what, detail): ("layer", "Dense"), ("unknown_layer", "Lambda"), ("input", ""), ("input_layer", ""),
    ("sequential", ""), ("model", ""), ("merge", "Concatenate"), ("activation", "relu"),
    ("initializer", "he_normal"), ("ignored", "plot_model") for calls that cannot change shapes,
    ("keras", "") for a Keras module or anything else under keras, ("foreign", "") outside Keras."""
    path = ref.path
    head, last = path[:-1], path[-1] if path else ""
    if path == ("functools", "partial"):
        return "partial", ""
    if path[:2] == ("keras", "applications") and len(path) > 2:
        function = architecture(".".join(path[2:]))
        return ("backbone", function.function) if function is not None else ("ignored", last)
    if path in _IGNORED_FUNCTIONS or any(path[:len(m)] == m and len(path) > len(m) for m in _IGNORED_MODULES):
        return "ignored", last
    if not path or path[0] not in ("keras", "tensorflow"):
        return "foreign", ""
    if path[:2] == ("keras", "layers"):  # Keras 2 module paths (keras.layers.core.Dense) mean the same class
        head = ("keras", "layers")
    if head in _LAYER_MODULES:
        if class_name_of(last):
            return "layer", class_name_of(last)
        if last in MERGE_HELPERS:
            return "merge", MERGE_HELPERS[last][0]
        if last == "Input":
            return "input", ""
        if last == "InputLayer":
            return "input_layer", ""
    if path[:2] == ("keras", "layers") and last[:1].isupper():
        return "unknown_layer", last
    if head in _MODEL_MODULES:
        if last == "Sequential":
            return "sequential", ""
        if last in ("Model", "Functional"):
            return "model", ""
        if last == "Input" and head == ("keras",):
            return "input", ""
    tf_activation = head in _TF_ACTIVATIONS and path[0] == "tensorflow"
    if (head == ("keras", "activations") or tf_activation) and last in ACTIVATIONS:
        return "activation", last
    if head in (("keras", "initializers"), ("tensorflow", "initializers")):
        name = snake_case(last)
        if name in INITIALIZERS:
            return "initializer", name
    if head in (("keras", "regularizers"), ("keras", "constraints")) and last:
        return head[1][:-1], last  # "regularizer" / "constraint": objects that never change a shape
    if path[0] == "keras":
        return "keras", ""
    return "foreign", ""


def legacy_path(ref: Ref) -> bool:
    """keras.layers.core.Dense, keras.layers.recurrent.LSTM...: Keras 2 module paths, gone in Keras 3."""
    return ref.path[:2] == ("keras", "layers") and len(ref.path) > 3


def import_bindings(stmt: ast.Import | ast.ImportFrom) -> tuple[list[tuple[str, Ref]], bool, list[str]]:
    """(local name, Ref) pairs an import statement binds, whether it reached Keras through
    tensorflow, and the modules it names that the reader ignores (not Keras, not numpy, whose arrays are data).
    `from keras.layers import *` binds every registered layer class and Input."""
    bound: list[tuple[str, Ref]] = []
    via_tf = False
    foreign: list[str] = []
    if isinstance(stmt, ast.Import):
        for alias in stmt.names:
            path = tuple(alias.name.split("."))
            ref = make_ref(path)
            via_tf |= ref.via_tf
            if path[0] not in ("keras", "tensorflow", "functools", "numpy"):  # numpy: the data's shapes are read
                foreign.append(alias.name)
            if alias.asname:
                bound.append((alias.asname, ref))
            else:  # `import keras.layers` binds `keras`
                bound.append((path[0], make_ref(path[:1])))
        return bound, via_tf, foreign
    module = tuple((stmt.module or "").split(".")) if stmt.module else ()
    if module == ("functools",) and not stmt.level:
        return [(a.asname or a.name, make_ref(module + (a.name,))) for a in stmt.names if a.name != "*"], False, []
    if stmt.level or not module or module[0] not in ("keras", "tensorflow"):
        if module not in (("__future__",), ("numpy",), ("numpy", "random")) or stmt.level:
            foreign.append("." * stmt.level + (stmt.module or ""))
        return bound, via_tf, foreign
    base = make_ref(module)
    via_tf = base.via_tf
    for alias in stmt.names:
        if alias.name == "*" and base.dotted in EXPORTS:  # exactly what that module exports
            bound += [(name, base.child(name)) for name in EXPORTS[base.dotted]]
            continue
        if alias.name == "*":  # a module of Keras 2 (keras.layers.core...): the names it held
            names = list(REGISTRY) + list(ALIASES) + ["Input", "InputLayer", "Sequential", "Model"]
            for name in names + list(MERGE_HELPERS):
                ref = base.child(name)
                if meaning(ref)[0] not in ("keras", "foreign"):
                    bound.append((name, ref))
            continue
        bound.append((alias.asname or alias.name, base.child(alias.name)))
    return bound, via_tf, foreign
