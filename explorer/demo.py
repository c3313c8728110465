"""Live demonstrations on the real model: Dense on a 3-D tensor is reshape → matmul → reshape back.

All arrays come from running the built model on a seeded random token batch. Shapes use the
named dimensions: H (B, T, F), W (F, U), b (U,), H.reshape(-1, F) (B·T, F).
"""
from __future__ import annotations

from dataclasses import dataclass

import keras
import numpy as np
import tensorflow as tf

from .config import Config
from .model import BILSTM, DENSE, EMBEDDING, HEAD

TOKEN_SEED = 0


def sample_tokens(cfg: Config, seed: int = TOKEN_SEED) -> np.ndarray:
    """A seeded (B, T) int32 batch of token ids in [0, V)."""
    rng = np.random.default_rng(seed)
    return rng.integers(0, cfg.vocab_size, size=(cfg.batch_size, cfg.seq_len), dtype=np.int32)


@dataclass(frozen=True)
class Trace:
    """Every intermediate tensor of one forward pass, as numpy arrays."""

    tokens: np.ndarray  # (B, T) int32
    embedded: np.ndarray  # (B, T, E)
    hidden: np.ndarray  # (B, T, F): the BiLSTM output, the Dense layer's input
    dense_out: np.ndarray  # (B, T, U)
    head_out: np.ndarray  # (B, T, C)


def forward_trace(model: keras.Model, tokens: np.ndarray) -> Trace:
    """Run the layers one after another (inference mode; the shared model is not changed)."""
    embedded = model.get_layer(EMBEDDING)(tokens, training=False)
    hidden = model.get_layer(BILSTM)(embedded, training=False)
    dense_out = model.get_layer(DENSE)(hidden, training=False)
    head_out = model.get_layer(HEAD)(dense_out, training=False)
    return Trace(tokens, *(np.asarray(t) for t in (embedded, hidden, dense_out, head_out)))


def max_abs_diff(a: np.ndarray, b: np.ndarray) -> float:
    if a.shape != b.shape:
        raise ValueError(f"shapes differ: {a.shape} vs {b.shape}")
    return float(np.max(np.abs(a.astype(np.float64) - b.astype(np.float64)))) if a.size else 0.0


@dataclass(frozen=True)
class DenseDemo:
    hidden: np.ndarray  # H (B, T, F)
    kernel: np.ndarray  # W (F, U)
    bias: np.ndarray  # b (U,)
    flat: np.ndarray  # H.reshape(-1, F): (B·T, F)
    product: np.ndarray  # flat @ W + b: (B·T, U)
    reshaped: np.ndarray  # product.reshape(B, T, U)
    layer_out: np.ndarray  # the Dense layer's own output (B, T, U)
    tensordot: np.ndarray  # tf.tensordot(H, W, axes=[[2], [0]]) + b: (B, T, U)
    diff_reshape_layer: float
    diff_tensordot_layer: float
    diff_reshape_tensordot: float


def dense_as_matmul(model: keras.Model, trace: Trace) -> DenseDemo:
    """Recompute the Dense layer's output from its real kernel and bias by reshape @ W and by tensordot."""
    layer = model.get_layer(DENSE)
    kernel = np.asarray(layer.kernel)
    bias = np.asarray(layer.bias)
    h = trace.hidden
    b, t, f = h.shape
    flat = h.reshape(-1, f)
    product = flat @ kernel + bias
    reshaped = product.reshape(b, t, kernel.shape[1])
    tensordot = np.asarray(tf.tensordot(h, kernel, axes=[[2], [0]]) + bias)
    return DenseDemo(h, kernel, bias, flat, product, reshaped, trace.dense_out, tensordot,
                     max_abs_diff(reshaped, trace.dense_out), max_abs_diff(tensordot, trace.dense_out),
                     max_abs_diff(reshaped, tensordot))


@dataclass(frozen=True)
class TimeDistributedDemo:
    wrapped_out: np.ndarray  # TimeDistributed(Dense(C)) on (B, T, U): (B, T, C)
    direct_out: np.ndarray  # the same inner Dense applied to the 3-D tensor directly
    per_step_out: np.ndarray  # the inner Dense applied to each (B, U) time slice, stacked on axis 1
    diff_direct: float
    diff_per_step: float


def time_distributed_as_dense(model: keras.Model, trace: Trace) -> TimeDistributedDemo:
    """TimeDistributed(Dense(C)) equals Dense(C) on the 3-D tensor and a loop over the T steps."""
    inner = model.get_layer(HEAD).layer
    direct = np.asarray(inner(trace.dense_out, training=False))
    steps = [np.asarray(inner(trace.dense_out[:, i, :], training=False)) for i in range(trace.dense_out.shape[1])]
    per_step = np.stack(steps, axis=1)
    return TimeDistributedDemo(trace.head_out, direct, per_step,
                               max_abs_diff(direct, trace.head_out), max_abs_diff(per_step, trace.head_out))


@dataclass(frozen=True)
class Position:
    """One output number out[b, t, u] computed by hand from row r = b·T + t of H.reshape(-1, F)."""

    batch: int
    step: int
    unit: int
    row: int  # r = b·T + t
    h_row: np.ndarray  # (F,)
    w_column: np.ndarray  # W[:, u] (F,)
    bias: float
    by_hand: float  # h_row · w_column + bias
    from_layer: float  # the Dense layer's out[b, t, u]
    diff: float


def clamp_position(demo: DenseDemo, batch: int, step: int, unit: int) -> tuple[int, int, int]:
    b, t, _ = demo.hidden.shape
    u = demo.kernel.shape[1]
    return min(max(batch, 0), b - 1), min(max(step, 0), t - 1), min(max(unit, 0), u - 1)


def position(demo: DenseDemo, batch: int, step: int, unit: int) -> Position:
    """The dot product behind one output element; indices are clamped into range."""
    b, t, u = clamp_position(demo, batch, step, unit)
    row = b * demo.hidden.shape[1] + t
    h_row = demo.flat[row]
    w_col = demo.kernel[:, u]
    by_hand = float(np.dot(h_row.astype(np.float64), w_col.astype(np.float64)) + demo.bias[u])
    from_layer = float(demo.layer_out[b, t, u])
    return Position(b, t, u, row, h_row, w_col, float(demo.bias[u]), by_hand, from_layer, abs(by_hand - from_layer))


@dataclass(frozen=True)
class Demonstrations:
    """Everything the live panels show for one configuration, computed once and shared read-only."""

    trace: Trace
    dense: DenseDemo
    time_distributed: TimeDistributedDemo


def run_demonstrations(model: keras.Model, cfg: Config) -> Demonstrations:
    trace = forward_trace(model, sample_tokens(cfg))
    return Demonstrations(trace, dense_as_matmul(model, trace), time_distributed_as_dense(model, trace))
