"""Keras's activations in numpy (float64), so X-rays can recompute a layer's output exactly.

Names as in explorer/layers/base.py ACTIVATIONS; `None` and "linear" are the identity. Definitions
checked against keras.activations in tests/layers/test_dense.py: gelu is the exact (erf) form, Keras 3's
default; hard_sigmoid is relu6(x + 3) / 6; leaky_relu's slope is 0.2; softmax and log_softmax
act on the last axis.
"""
from __future__ import annotations

import math
from math import sqrt

import numpy as np


_ERF = np.frompyfunc(math.erf, 1, 1)


def _erf(x: np.ndarray) -> np.ndarray:
    return _ERF(x).astype(np.float64)


def _sigmoid(x):
    return 0.5 * (1.0 + np.tanh(0.5 * x))


def _softmax(x):
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def _hard_sigmoid(x):
    return np.clip(x + 3.0, 0.0, 6.0) / 6.0


def _selu(x):
    alpha, scale = 1.6732632423543772, 1.0507009873554805
    return scale * np.where(x > 0, x, alpha * np.expm1(np.minimum(x, 0)))


FUNCTIONS = {
    "linear": lambda x: x,
    "relu": lambda x: np.maximum(x, 0.0),
    "sigmoid": _sigmoid,
    "tanh": np.tanh,
    "softmax": _softmax,
    "elu": lambda x: np.where(x > 0, x, np.expm1(np.minimum(x, 0))),
    "selu": _selu,
    "gelu": lambda x: 0.5 * x * (1.0 + _erf(x / sqrt(2.0))),
    "swish": lambda x: x * _sigmoid(x),
    "silu": lambda x: x * _sigmoid(x),
    "softplus": lambda x: np.logaddexp(0.0, x),
    "softsign": lambda x: x / (1.0 + np.abs(x)),
    "exponential": np.exp,
    "hard_sigmoid": _hard_sigmoid,
    "leaky_relu": lambda x: np.where(x > 0, x, 0.2 * x),
    "relu6": lambda x: np.clip(x, 0.0, 6.0),
    "mish": lambda x: x * np.tanh(np.logaddexp(0.0, x)),
    "log_softmax": lambda x: x - x.max(axis=-1, keepdims=True)
    - np.log(np.exp(x - x.max(axis=-1, keepdims=True)).sum(axis=-1, keepdims=True)),
    "hard_silu": lambda x: x * _hard_sigmoid(x),
    "hard_swish": lambda x: x * _hard_sigmoid(x),
}


def activation_name(layer) -> str:
    """The name of a Keras layer's activation ("linear" when it has none)."""
    fn = getattr(layer, "activation", None)
    return getattr(fn, "__name__", "linear") if fn is not None else "linear"


def activate(name: str | None, x: np.ndarray) -> np.ndarray | None:
    """The activation applied in float64, or None when it is not one we recompute."""
    fn = FUNCTIONS.get(name or "linear")
    return None if fn is None else fn(np.asarray(x, dtype=np.float64))
