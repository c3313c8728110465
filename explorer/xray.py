"""Wrapper X-ray: what Embedding, LSTM, Bidirectional and TimeDistributed compute, from the real weights.

Each part recomputes one layer of the built model with plain numpy and reports the largest absolute
difference from the layer's own output. Named dimensions: B batch, T steps, V vocabulary, E embedding,
H LSTM units, 4H the four gates side by side, F BiLSTM features (2H for concat, else H), U Dense units,
C head outputs. Keras's LSTM splits its 4H columns in the order i, f, c, o
(keras/src/layers/rnn/lstm.py: `z0, z1, z2, z3 = z`; i = σ(z0), f = σ(z1), c = f·c + i·tanh(z2), o = σ(z3)).
"""
from __future__ import annotations

from dataclasses import dataclass

import keras
import numpy as np

from .budget import BYTES_PER_FLOAT, MEMORY_BUDGET_BYTES, check_budget
from .config import Config
from .demo import Demonstrations, TimeDistributedDemo, max_abs_diff
from .model import BILSTM, EMBEDDING, HEAD

KERAS_GATE_ORDER = ("i", "f", "c", "o")
ONEHOT_TOKENS = 16  # tokens of sequence 0 multiplied by the one-hot matrix
ONEHOT_CHUNK_BYTES = 4 * 1024 * 1024  # bound on the one-hot block plus the slice of E it meets


# ---------------------------------------------------------------- Embedding


@dataclass(frozen=True)
class OneHotPlan:
    """How one_hot(tokens) @ E is computed without a (B, T, V) one-hot tensor.

    The first `tokens` ids of sequence 0 form an (n, V) one-hot matrix, multiplied with E (V, E) in
    `chunks` blocks of `chunk_rows` vocabulary rows: one_hot[:, v0:v1] (n, rows) @ E[v0:v1] (rows, E).
    `peak_bytes` bounds what is held at once; `full_bytes` is what a whole-batch one-hot would take.
    """

    tokens: int
    vocab: int
    embed: int
    chunk_rows: int
    chunks: int
    peak_bytes: int
    full_bytes: int
    limit_bytes: int = MEMORY_BUDGET_BYTES


def onehot_plan(cfg: Config) -> OneHotPlan:
    n, v, e = min(cfg.seq_len, ONEHOT_TOKENS), cfg.vocab_size, cfg.embed_dim
    per_row = BYTES_PER_FLOAT * (2 * e + n)  # a column of the one-hot block; a row of E, twice while it is replaced
    rows = max(1, min(v, ONEHOT_CHUNK_BYTES // per_row))
    # block + E slices, the (n, E) product, its float64 cast, and the float64 accumulator
    peak = rows * per_row + n * e * (BYTES_PER_FLOAT + 8 + 8)
    full = cfg.batch_size * cfg.seq_len * v * BYTES_PER_FLOAT
    return OneHotPlan(n, v, e, rows, -(-v // rows), peak, full)


def onehot_matmul(embeddings: keras.Variable, ids: np.ndarray, plan: OneHotPlan) -> np.ndarray:
    """one_hot(ids) (n, V) @ E (V, E) → (n, E), a block of vocabulary rows at a time (float64).

    Only E[v0:v1] is read from the variable per block, so the whole matrix is never copied, and one
    (n, chunk_rows) one-hot block is reused for every block of rows.
    """
    n = ids.shape[0]
    out = np.zeros((n, plan.embed), dtype=np.float64)
    block = np.zeros((n, plan.chunk_rows), dtype=np.float32)
    for v0 in range(0, plan.vocab, plan.chunk_rows):
        v1 = min(v0 + plan.chunk_rows, plan.vocab)
        onehot = block[:, :v1 - v0]
        onehot.fill(0.0)
        inside = (ids >= v0) & (ids < v1)
        onehot[np.nonzero(inside)[0], ids[inside] - v0] = 1.0
        rows = np.asarray(embeddings.value[v0:v1])
        out += onehot @ rows
        del rows
    return out


@dataclass(frozen=True)
class EmbeddingXray:
    tokens: np.ndarray  # (B, T) int32
    lookup: np.ndarray  # E[tokens]: (B, T, E), row tokens[b, t] of the matrix
    layer_out: np.ndarray  # the Embedding layer's output (B, T, E)
    onehot_ids: np.ndarray  # tokens[0, :n]
    onehot_product: np.ndarray  # one_hot(tokens[0, :n]) @ E: (n, E)
    plan: OneHotPlan
    matrix_shape: tuple[int, int]  # (V, E)
    diff_lookup: float  # lookup vs layer
    diff_onehot: float  # one-hot product vs layer output for the same n tokens


def embedding_xray(model: keras.Model, cfg: Config, demos: Demonstrations) -> EmbeddingXray:
    """Embedding is row lookup: out[b, t] = E[tokens[b, t]], the same as one_hot(tokens) @ E."""
    layer = model.get_layer(EMBEDDING)
    tokens = demos.trace.tokens
    lookup = np.asarray(keras.ops.take(layer.embeddings, tokens, axis=0))
    plan = onehot_plan(cfg)
    ids = tokens[0, :plan.tokens]
    product = onehot_matmul(layer.embeddings, ids, plan)
    layer_out = demos.trace.embedded
    return EmbeddingXray(tokens, lookup, layer_out, ids, product, plan, tuple(layer.embeddings.shape),
                         max_abs_diff(lookup, layer_out), max_abs_diff(product, layer_out[0, :plan.tokens]))


# ---------------------------------------------------------------- LSTM


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def split_gates(z: np.ndarray, order: tuple[str, ...] = KERAS_GATE_ORDER) -> dict[str, np.ndarray]:
    """(B, 4H) pre-activations → {gate: (B, H)}, the four H-wide column blocks in `order`."""
    return dict(zip(order, np.split(z, 4, axis=-1)))


def lstm_numpy(x: np.ndarray, kernel: np.ndarray, recurrent: np.ndarray, bias: np.ndarray,
               order: tuple[str, ...] = KERAS_GATE_ORDER) -> np.ndarray:
    """An LSTM over x (B, T, E) with kernel (E, 4H), recurrent_kernel (H, 4H), bias (4H,) → (B, T, H).

    z = x_t @ kernel + h @ recurrent + bias (B, 4H); i, f, o = σ(gate); c = f·c + i·tanh(c-gate);
    h = o·tanh(c). `order` names the column blocks; Keras uses i, f, c, o.
    """
    b, steps, _ = x.shape
    h_units = recurrent.shape[0]
    k, r, bb = (a.astype(np.float64) for a in (kernel, recurrent, bias))
    h = np.zeros((b, h_units))
    c = np.zeros((b, h_units))
    out = np.empty((b, steps, h_units), dtype=np.float32)
    for t in range(steps):
        g = split_gates(x[:, t].astype(np.float64) @ k + h @ r + bb, order)
        c = _sigmoid(g["f"]) * c + _sigmoid(g["i"]) * np.tanh(g["c"])
        h = _sigmoid(g["o"]) * np.tanh(c)
        out[:, t] = h
    return out


@dataclass(frozen=True)
class LstmStep:
    """One step t of the forward LSTM: z = x_t @ kernel + h_prev @ recurrent_kernel + bias."""

    step: int
    x_t: np.ndarray  # (B, E)
    h_prev: np.ndarray  # (B, H), zeros at t = 0
    c_prev: np.ndarray  # (B, H)
    input_part: np.ndarray  # x_t @ kernel (B, 4H)
    recurrent_part: np.ndarray  # h_prev @ recurrent_kernel (B, 4H)
    z: np.ndarray  # (B, 4H), sum of both parts and the bias
    gates: dict[str, np.ndarray]  # i, f, c, o pre-activations (B, H) each
    c_t: np.ndarray  # (B, H)
    h_t: np.ndarray  # (B, H)
    diff_h: float  # h_t vs the layer's output at step t


@dataclass(frozen=True)
class LstmXray:
    kernel_shape: tuple[int, int]  # (E, 4H)
    recurrent_shape: tuple[int, int]  # (H, 4H)
    bias_shape: tuple[int]  # (4H,)
    bias: np.ndarray  # (4H,): Keras starts the f block at 1 (unit_forget_bias=True), the others at 0
    units: int  # H
    step: LstmStep
    numpy_out: np.ndarray  # forward LSTM recomputed with numpy (B, T, H)
    layer_out: np.ndarray  # the forward LSTM layer's output (B, T, H)
    diff: float


def _weights(lstm: keras.layers.LSTM) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    cell = lstm.cell
    return np.asarray(cell.kernel), np.asarray(cell.recurrent_kernel), np.asarray(cell.bias)


def lstm_step(x: np.ndarray, weights: tuple[np.ndarray, np.ndarray, np.ndarray], layer_out: np.ndarray,
              step: int) -> LstmStep:
    """Step `step` in detail: the recurrence is replayed from zeros up to it, keeping every part of the last step."""
    kernel, recurrent, bias = (a.astype(np.float64) for a in weights)
    b, h_units = x.shape[0], recurrent.shape[0]
    c = np.zeros((b, h_units))
    h = np.zeros((b, h_units))
    for t in range(step + 1):
        h_prev, c_prev = h, c
        input_part = x[:, t].astype(np.float64) @ kernel
        recurrent_part = h_prev @ recurrent
        z = input_part + recurrent_part + bias
        g = split_gates(z)
        c = _sigmoid(g["f"]) * c_prev + _sigmoid(g["i"]) * np.tanh(g["c"])
        h = _sigmoid(g["o"]) * np.tanh(c)
    return LstmStep(step, x[:, step], h_prev, c_prev, input_part, recurrent_part, z, g, c, h,
                    max_abs_diff(h, layer_out[:, step]))


def lstm_xray(model: keras.Model, demos: Demonstrations, forward_out: np.ndarray, step: int = 1) -> LstmXray:
    """The forward direction of the BiLSTM recomputed step by step from its kernel, recurrent kernel and bias."""
    lstm = model.get_layer(BILSTM).forward_layer
    weights = _weights(lstm)
    x = demos.trace.embedded
    recomputed = lstm_numpy(x, *weights)
    detail = lstm_step(x, weights, forward_out, min(step, x.shape[1] - 1))
    return LstmXray(tuple(weights[0].shape), tuple(weights[1].shape), tuple(weights[2].shape), weights[2], lstm.units,
                    detail,
                    recomputed, forward_out, max_abs_diff(recomputed, forward_out))


# ---------------------------------------------------------------- Bidirectional


def merge(forward: np.ndarray, backward: np.ndarray, mode: str) -> np.ndarray:
    """(B, T, H) and (B, T, H) → (B, T, 2H) for concat, else (B, T, H)."""
    if mode == "concat":
        return np.concatenate([forward, backward], axis=-1)
    if mode == "sum":
        return forward + backward
    if mode == "ave":
        return (forward + backward) / 2
    if mode == "mul":
        return forward * backward
    raise ValueError(f"unknown merge mode {mode!r}")


@dataclass(frozen=True)
class BidirectionalXray:
    merge_mode: str
    forward: np.ndarray  # forward LSTM output (B, T, H)
    backward_raw: np.ndarray  # backward LSTM output as it comes out (B, T, H): position 0 is the last token
    backward: np.ndarray  # backward_raw reversed in time (B, T, H), aligned with the input
    merged: np.ndarray  # merge(forward, backward) (B, T, F)
    layer_out: np.ndarray  # the Bidirectional layer's output (B, T, F)
    diff_merged: float  # merged vs layer
    diff_backward_numpy: float  # numpy LSTM over the reversed input vs backward_raw
    diff_without_reversal: float  # merge(forward, backward_raw) vs layer: what forgetting the flip costs


def bidirectional_xray(model: keras.Model, cfg: Config, demos: Demonstrations) -> BidirectionalXray:
    bi = model.get_layer(BILSTM)
    x = demos.trace.embedded
    forward = np.asarray(bi.forward_layer(x, training=False))
    backward_raw = np.asarray(bi.backward_layer(x, training=False))
    backward = backward_raw[:, ::-1]
    merged = merge(forward, backward, cfg.merge_mode)
    by_numpy = lstm_numpy(x[:, ::-1], *_weights(bi.backward_layer))
    layer_out = demos.trace.hidden
    return BidirectionalXray(cfg.merge_mode, forward, backward_raw, np.ascontiguousarray(backward), merged, layer_out,
                             max_abs_diff(merged, layer_out), max_abs_diff(by_numpy, backward_raw),
                             max_abs_diff(merge(forward, backward_raw, cfg.merge_mode), layer_out))


# ---------------------------------------------------------------- TimeDistributed


@dataclass(frozen=True)
class TimeDistributedXray:
    kernel_shape: tuple[int, int]  # the one (U, C) kernel
    bias_shape: tuple[int]  # (C,)
    steps: int  # T: how many times that kernel is applied
    wrapper_params: int  # parameters of the TimeDistributed layer: U·C + C, independent of T
    shares_kernel: bool  # the wrapper's only kernel is the inner Dense's kernel
    demo: TimeDistributedDemo  # outputs and differences, computed by explorer.demo


def time_distributed_xray(model: keras.Model, demos: Demonstrations) -> TimeDistributedXray:
    wrapper = model.get_layer(HEAD)
    inner = wrapper.layer
    kernels = [w for w in wrapper.weights if w.path.endswith("kernel")]
    shares = len(kernels) == 1 and kernels[0] is inner.kernel
    return TimeDistributedXray(tuple(inner.kernel.shape), tuple(inner.bias.shape), demos.trace.head_out.shape[1],
                               wrapper.count_params(), shares, demos.time_distributed)


# ---------------------------------------------------------------- all four


@dataclass(frozen=True)
class WrapperXray:
    embedding: EmbeddingXray
    lstm: LstmXray
    bidirectional: BidirectionalXray
    time_distributed: TimeDistributedXray

    @property
    def largest_diff(self) -> float:
        return max(self.embedding.diff_lookup, self.embedding.diff_onehot, self.lstm.diff, self.lstm.step.diff_h,
                   self.bidirectional.diff_merged, self.bidirectional.diff_backward_numpy,
                   self.time_distributed.demo.diff_direct, self.time_distributed.demo.diff_per_step)


def xray_bytes(cfg: Config) -> int:
    """Bytes the X-ray holds on top of the model and the demonstrations (float32 unless noted).

    lookup (B, T, E); forward, numpy forward, backward raw, its reversed copy, numpy backward (B, T, H) each;
    merged (B, T, F); one LSTM step in float64 (about 12 (B, H) blocks); the one-hot plan's peak.
    """
    bt = cfg.batch_size * cfg.seq_len
    h = cfg.lstm_units
    arrays = BYTES_PER_FLOAT * bt * (cfg.embed_dim + 5 * h + cfg.features)
    step = 8 * cfg.batch_size * 12 * h
    return arrays + step + onehot_plan(cfg).peak_bytes


def xray_fits(cfg: Config) -> bool:
    """The model, one forward pass, the demonstrations and the X-ray together stay within the memory budget."""
    budget = check_budget(cfg)
    return budget.ok and budget.total_bytes + xray_bytes(cfg) <= budget.limit_bytes


def wrapper_xray(model: keras.Model, cfg: Config, demos: Demonstrations, step: int = 1) -> WrapperXray:
    """All four X-rays for the model's real weights and the demonstrations' token batch."""
    bi = bidirectional_xray(model, cfg, demos)
    return WrapperXray(embedding_xray(model, cfg, demos), lstm_xray(model, demos, bi.forward, step), bi,
                       time_distributed_xray(model, demos))
