"""The one Keras layer every operation kind builds: `OpLayer(op="ops.true_divide", args={...})` runs the keras.ops
function its kind names (a fixed table here, keyed by the kind's class name, never a name from user text).

A call takes its tensors as a list (or one tensor); `apply` is also what the kinds run on KerasTensors for their
shapes, so the description and the built model use the same Keras inference.
"""
from __future__ import annotations

from typing import Any

import keras
import numpy as np
from keras import ops


def _binary(fn):
    def run(xs, args):
        if len(xs) == 2:
            return fn(xs[0], xs[1])
        other = args.get("constant")
        if other is not None:  # a vector (n,) against the last axis, float32 as Keras's preprocess_input makes it
            other = np.asarray(other if isinstance(other, (tuple, list)) else (other,), dtype="float32")
        else:
            other = args.get("scalar")
        if other is None:
            raise ValueError("This operation needs a second tensor, a number (scalar=...) or a constant.")
        return fn(other, xs[0]) if args.get("scalar_first") else fn(xs[0], other)
    return run


def _unary(fn):
    return lambda xs, args: fn(xs[0])


def _key(entries) -> tuple:
    """get_item's key as Python indexing: ("slice", 0, 5, None) -> slice(0, 5, None)."""
    out = []
    for entry in entries:
        tag = entry[0]
        if tag == "index":
            out.append(int(entry[1]))
        elif tag == "slice":
            out.append(slice(*entry[1:4]))
        elif tag == "newaxis":
            out.append(None)
        elif tag == "ellipsis":
            out.append(Ellipsis)
        else:
            raise ValueError(f"Unknown index entry {tag!r}.")
    return tuple(out)


def _random_normal(xs, args):
    anchor = xs[0]
    shape = tuple(args.get("shape") or ())
    if any(d is None for d in shape):
        batch = anchor.shape[0]
        if batch is None and not isinstance(anchor, keras.KerasTensor):
            batch = ops.shape(anchor)[0]
        shape = tuple(batch if d is None else d for d in shape)
    if isinstance(anchor, keras.KerasTensor):
        return keras.KerasTensor(shape, dtype="float32")
    return keras.random.normal(shape, mean=args.get("mean", 0.0), stddev=args.get("stddev", 1.0),
                               seed=args.get("seed", 0))


def _arange(xs, args):
    return ops.arange(args.get("start", 0), args.get("stop"), args.get("step", 1))


def _patches(xs, args):
    return ops.image.extract_patches(xs[0], args["size"], strides=args.get("strides"),
                                     padding=args.get("padding", "valid"))


def _reduce(fn):
    return lambda xs, args: fn(xs[0], axis=args.get("axis"), keepdims=bool(args.get("keepdims", False)))


FUNCTIONS = {  # kind class name -> (tensors, args) -> tensor
    "ops.add": _binary(ops.add),
    "ops.subtract": _binary(ops.subtract),
    "ops.multiply": _binary(ops.multiply),
    "ops.true_divide": _binary(ops.true_divide),
    "ops.power": _binary(ops.power),
    "ops.maximum": _binary(ops.maximum),
    "ops.minimum": _binary(ops.minimum),
    "ops.relu": _unary(ops.relu),
    "ops.sigmoid": _unary(ops.sigmoid),
    "ops.tanh": _unary(ops.tanh),
    "ops.exp": _unary(ops.exp),
    "ops.log": _unary(ops.log),
    "ops.sqrt": _unary(ops.sqrt),
    "ops.square": _unary(ops.square),
    "ops.abs": _unary(ops.abs),
    "ops.negative": _unary(ops.negative),
    "ops.softplus": _unary(ops.softplus),
    "ops.gelu": _unary(ops.gelu),
    "ops.silu": _unary(ops.silu),
    "ops.softmax": lambda xs, args: ops.softmax(xs[0], axis=args.get("axis", -1)),
    "ops.cast": lambda xs, args: ops.cast(xs[0], args["dtype"]),
    "ops.reshape": lambda xs, args: ops.reshape(xs[0], tuple(args["newshape"])),
    "ops.expand_dims": lambda xs, args: ops.expand_dims(xs[0], args["axis"]),
    "ops.squeeze": lambda xs, args: ops.squeeze(xs[0], axis=args.get("axis")),
    "ops.transpose": lambda xs, args: ops.transpose(xs[0], axes=args.get("axes")),
    "ops.concatenate": lambda xs, args: ops.concatenate(list(xs), axis=args.get("axis", 0)),
    "ops.stack": lambda xs, args: ops.stack(list(xs), axis=args.get("axis", 0)),
    "ops.matmul": lambda xs, args: ops.matmul(xs[0], xs[1]),
    "ops.mean": _reduce(ops.mean),
    "ops.sum": _reduce(ops.sum),
    "ops.max": _reduce(ops.max),
    "ops.get_item": lambda xs, args: ops.get_item(xs[0], _key(args["key"])),
    "ops.arange": _arange,
    "ops.random_normal": _random_normal,
    "ops.extract_patches": _patches,
}


def apply(op: str, xs, args: dict[str, Any]):
    """The operation on these tensors (KerasTensors give Keras's own shape inference)."""
    return FUNCTIONS[op](list(xs), args)


class OpLayer(keras.layers.Layer):
    """One keras.ops call as a node of the functional graph: no weights."""

    def __init__(self, op: str, args: dict[str, Any] | None = None, **kwargs):
        super().__init__(**kwargs)
        if op not in FUNCTIONS:
            raise ValueError(f"not an operation the explorer knows: {op!r}")
        self.op = op
        self.op_args = dict(args or {})

    def call(self, inputs):
        xs = list(inputs) if isinstance(inputs, (list, tuple)) else [inputs]
        return ops.convert_to_tensor(apply(self.op, xs, self.op_args))

    def compute_output_spec(self, inputs):
        xs = list(inputs) if isinstance(inputs, (list, tuple)) else [inputs]
        out = apply(self.op, xs, self.op_args)
        if not isinstance(out, keras.KerasTensor):  # arange of numbers: computed at once, a constant
            out = keras.KerasTensor(tuple(out.shape), dtype=keras.backend.standardize_dtype(out.dtype))
        return out

    def get_config(self):
        return {**super().get_config(), "op": self.op, "args": self.op_args}
