"""One forward pass of the built model, with every layer's output kept: what all live panels read.

Inputs are seeded: token ids below the vocabulary of the Embedding that reads them, other inputs
normal(0, 1). The batch is the model's own (`batch_size`, or explorer.budget.DEMO_BATCH when the
code names none); an unknown length is explorer.budget.UNKNOWN_SIZE, as the budget assumed.
Layers are called one by one on the shared model with training=False (nothing in it changes).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..budget import DEMO_BATCH, concrete
from ..layers import get_kind, traits
from ..shapes import Description
from ..spec import ModelSpec

INPUT_SEED = 0
STEP_BUDGET = 3_000  # layer calls plus recurrent time steps one forward pass may take (about 3 ms each, eager)


@dataclass(frozen=True)
class Trace:
    """tensors: node name (input or layer) → its output arrays, in the order Keras returns them."""

    tensors: dict
    batch: int

    def outputs(self, node: str) -> tuple[np.ndarray, ...]:
        return self.tensors[node]

    @property
    def nbytes(self) -> int:
        return sum(a.nbytes for arrays in self.tensors.values() for a in arrays)


def token_limit(spec: ModelSpec, input_name: str) -> int | None:
    """Ids for an input that an Embedding reads (also inside TimeDistributed) stay below every
    vocabulary that reads it; None when no layer that reads integer ids reads it."""
    limits = []
    for layer in spec.layers:
        inner = layer.inner if layer.inner is not None else layer
        kind = traits(inner.kind)
        if kind.integer_input and any(node == input_name for node, _ in layer.inputs):
            limits.append(int(inner.arg(kind.ids_below, 2)))
    return max(1, min(limits)) if limits else None


def sample_inputs(spec: ModelSpec, desc: Description, seed: int = INPUT_SEED) -> dict[str, np.ndarray]:
    """A seeded batch for every model input, shaped as the description says: token ids where an
    Embedding reads the input (whatever its dtype: Keras casts them), else integers 0/1 or normal(0, 1)."""
    rng = np.random.default_rng(seed)
    batch = desc.batch_size or DEMO_BATCH
    out = {}
    for inp in spec.inputs:
        shape = concrete(desc.step(inp.name).output_shape, inp.batch_size or batch)
        limit = token_limit(spec, inp.name)
        if limit is not None or inp.dtype.startswith("int"):
            out[inp.name] = rng.integers(0, limit or 2, size=shape).astype(inp.dtype)
        else:
            out[inp.name] = rng.normal(0.0, 1.0, size=shape).astype(np.float32)
    return out


def run_trace(model, spec: ModelSpec, desc: Description, seed: int = INPUT_SEED) -> Trace:
    """Every node's output for the seeded batch; the model must be built from this spec."""
    import keras

    tensors: dict[str, tuple[np.ndarray, ...]] = {k: (v,) for k, v in sample_inputs(spec, desc, seed).items()}
    for layer in spec.layers:
        args = gather(tensors, layer.inputs)
        states = gather(tensors, layer.states)
        keras_layer = model.get_layer(layer.keras_name)  # a shared layer's later call: its first call's layer
        call_args = list(args) if get_kind(layer.kind).takes_list else (args[0] if len(args) == 1 else list(args))
        extra = {"initial_state": list(states)} if states else {}
        out = keras_layer(call_args, training=False, **extra)
        out = out if isinstance(out, (list, tuple)) else [out]
        tensors[layer.name] = tuple(np.asarray(keras.ops.convert_to_numpy(o)) for o in out)
    return Trace(tensors, desc.batch_size or DEMO_BATCH)


def gather(tensors: dict, refs) -> tuple[np.ndarray, ...]:
    out: list[np.ndarray] = []
    for node, index in refs:
        out += list(tensors[node]) if index is None else [tensors[node][index]]
    return tuple(out)


def trace_cost(desc: Description) -> int:
    """What one eager forward pass costs, in units of about 3 ms: one per layer call, plus one per
    time step of each recurrent layer and direction (Keras runs those steps one after another)."""
    cost = 0
    for step in desc.steps:
        cost += 1
        kind = traits(step.cls)
        rnn = kind.recurrent or traits(step.inner_cls).recurrent
        if rnn and step.input_shape is not None and len(step.input_shape) >= 3:
            steps = step.input_shape[kind.time_axis or 1] or 16
            cost += steps * kind.directions
    return cost
