"""Build a ModelSpec into a real Keras model, after the budget allows it.

Our own constructors only (explorer.layers), explicit names, seeded initializers: the same code
always gives the same weights, for every visitor and every screenshot. Building also finds the
errors Keras raises only when a layer is called (shapes that do not match in a merge, a Dense
given two tensors): the first one becomes the model's Failure with Keras's own words. A layer called more
than once (a spec's later calls say which layer they share) is one Keras layer called on each input, so the
model's weights and count_params() are Keras's.
A built model is shared read-only: call it with training=False.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .budget import Budget, description_budget
from .diagnose import diagnose
from .keras_session import install as keras_clears_per_thread
from .layers import get_kind
from .layers.base import AxisNamer
from .shapes import Description, Failure, construct
from .spec import ModelSpec


class OverBudget(Exception):
    """The model would need more memory than the budget; nothing was built."""

    def __init__(self, budget: Budget):
        super().__init__(f"needs {budget.total_bytes:,} bytes, budget {budget.limit_bytes:,}")
        self.budget = budget


@dataclass
class Built:
    """A built model, or the first layer Keras refused while building (model is then None)."""

    model: Any
    failure: Failure | None


def build(spec: ModelSpec, desc: Description) -> Built:
    """The real model. Raises OverBudget before allocating anything if it would not fit."""
    import keras

    keras_clears_per_thread()  # another session's clear_session must not reset this thread's Keras state mid-build
    budget = description_budget(desc)
    if not budget.fits_memory:
        raise OverBudget(budget)
    tensors: dict[str, list] = {}
    for inp in spec.inputs:
        batch = inp.batch_size if inp.batch_size is not None else spec.batch_size
        tensors[inp.name] = [keras.Input(shape=inp.shape, batch_size=batch, dtype=inp.dtype, name=inp.name)]
    steps = {s.name: s for s in desc.steps}
    made: dict[str, Any] = {}  # node -> its Keras layer
    for index, layer in enumerate(spec.layers):
        args = []
        for node, out_index in layer.inputs:
            args += tensors[node] if out_index is None else [tensors[node][out_index]]
        try:  # a later call of a shared layer calls the first call's layer again: one layer, one set of weights
            keras_layer = made[layer.shares] if layer.shares in made else construct(layer, seed=10 * index)
            made[layer.name] = keras_layer
            kind = get_kind(layer.kind)
            call = {"initial_state": [tensors[node][i or 0] for node, i in layer.states]} if layer.states else {}
            out = keras_layer(args if kind.takes_list else (args[0] if len(args) == 1 else args), **call)
        except Exception as error:  # Keras's own words, at this layer
            step = steps.get(layer.name)
            in_shapes = tuple(tuple(a.shape) for a in args)
            in_axes = step.input_axes if step else tuple(("?",) * len(s) for s in in_shapes)
            parents = tuple(dict.fromkeys(node for node, _ in layer.inputs))
            text = str(error).strip() or type(error).__name__
            return Built(None, diagnose(spec, layer, in_shapes, in_axes, parents, text[:2000], "keras", AxisNamer()))
        tensors[layer.name] = list(out) if isinstance(out, (list, tuple)) else [out]
    outputs = []
    for node, out_index in spec.outputs:
        outputs += tensors[node] if out_index is None else [tensors[node][out_index]]
    inputs = [tensors[i.name][0] for i in spec.inputs]
    model = keras.Model(inputs if len(inputs) > 1 else inputs[0], outputs if len(outputs) > 1 else outputs[0],
                        name=spec.name)
    return Built(model, None)
