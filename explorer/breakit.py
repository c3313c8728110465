""""Break it": common mistakes with this model, run live so the page shows the real error.

Each case builds a few throwaway layers with this configuration's sizes (E, H, F, U, C, V) and runs them
on a small batch (at most 2 sequences of 4 steps), so the error text is what Keras, TensorFlow or numpy
really says. Nothing here touches the cached model. `cause_values` gives the numbers a one-line cause
names; the text of that line lives in explorer/i18n/xray.py.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

import keras
import numpy as np
from keras import layers

from .budget import BYTES_PER_FLOAT
from .config import Config

CASES = ("merge_none", "return_sequences", "transposed_matmul", "transposed_weights", "token_out_of_range")
SMALL_BATCH, SMALL_STEPS = 2, 4
MESSAGE_CHARS = 1200


@dataclass(frozen=True)
class BreakResult:
    key: str  # one of CASES
    source: str  # who raises it: Keras, numpy or TensorFlow
    code: str  # what the learner wrote, with this configuration's numbers
    error_type: str  # e.g. "ValueError"; "" when nothing was raised
    message: str  # the real message (ANSI colours and tensor values removed, long text cut)
    run_shape: tuple[int, ...]  # the input the case actually ran on
    silent_diff: float = 0.0  # when nothing was raised: how far the wrong result is from the right one


def small_shape(cfg: Config) -> tuple[int, int]:
    """(b, t): the batch the cases run on, at most 2 sequences of 4 steps."""
    return min(cfg.batch_size, SMALL_BATCH), min(cfg.seq_len, SMALL_STEPS)


def clean_message(text: str) -> str:
    """Keras prints tensor values and terminal colours into its messages; keep the words and shapes."""
    text = re.sub(r"\x1b\[[0-9;]*m", "", text)
    text = re.sub(r"numpy=\s*array\(.*?\)(?=>)", "numpy=…", text, flags=re.DOTALL)
    text = re.sub(r"value=\[.*?\]\]>", "value=…>", text, flags=re.DOTALL)
    text = text.strip()
    return text if len(text) <= MESSAGE_CHARS else text[:MESSAGE_CHARS] + " …"


def _capture(run: Callable[[], object]) -> tuple[str, str]:
    try:
        run()
    except Exception as exc:  # the point of these cases is the exception; anything raised is shown
        return type(exc).__name__, clean_message(str(exc))
    return "", ""


def _embedded(cfg: Config) -> np.ndarray:
    b, t = small_shape(cfg)
    return np.random.default_rng(0).normal(0, 0.1, size=(b, t, cfg.embed_dim)).astype(np.float32)


def _lstm(cfg: Config, return_sequences: bool) -> layers.LSTM:
    return layers.LSTM(cfg.lstm_units, return_sequences=return_sequences, name="breakit_lstm",
                       kernel_initializer=keras.initializers.GlorotUniform(seed=2),
                       recurrent_initializer=keras.initializers.Orthogonal(seed=3))


def merge_none(cfg: Config) -> BreakResult:
    """Bidirectional(..., merge_mode=None) returns two (b, t, H) tensors; Dense(U) takes one."""
    x = _embedded(cfg)

    def run() -> None:
        pair = layers.Bidirectional(_lstm(cfg, True), merge_mode=None, name="bidirectional")(x, training=False)
        layers.Dense(cfg.dense_units, name="dense")(pair)

    code = (f"pair = layers.Bidirectional(layers.LSTM({cfg.lstm_units}, return_sequences=True), merge_mode=None)(x)\n"
            f"layers.Dense({cfg.dense_units})(pair)")
    return BreakResult("merge_none", "Keras", code, *_capture(run), run_shape=x.shape)


def return_sequences(cfg: Config) -> BreakResult:
    """LSTM(return_sequences=False) drops the time axis: Dense gives (b, U), TimeDistributed needs 3-D."""
    x = _embedded(cfg)

    def run() -> None:
        last = layers.Bidirectional(_lstm(cfg, False), merge_mode=cfg.merge_mode, name="bidirectional")(x)
        dense = layers.Dense(cfg.dense_units, name="dense")(last)
        layers.TimeDistributed(layers.Dense(cfg.head_units, name="head_dense"), name="time_distributed")(dense)

    code = (f"h = layers.Bidirectional(layers.LSTM({cfg.lstm_units}), merge_mode={cfg.merge_mode!r})(x)"
            f"  # return_sequences=False\n"
            f"d = layers.Dense({cfg.dense_units})(h)\n"
            f"layers.TimeDistributed(layers.Dense({cfg.head_units}))(d)")
    return BreakResult("return_sequences", "Keras", code, *_capture(run), run_shape=x.shape)


def _flat_and_kernel(cfg: Config) -> tuple[np.ndarray, np.ndarray]:
    b, t = small_shape(cfg)
    rng = np.random.default_rng(1)
    flat = rng.normal(size=(b * t, cfg.features)).astype(np.float32)
    kernel = rng.normal(size=(cfg.features, cfg.dense_units)).astype(np.float32)
    return flat, kernel


def transposed_matmul(cfg: Config) -> BreakResult:
    """H.reshape(-1, F) (b·t, F) @ W.T (U, F): the inner sizes F and U must agree."""
    flat, kernel = _flat_and_kernel(cfg)
    holder: dict[str, np.ndarray] = {}

    def run() -> None:
        holder["wrong"] = flat @ kernel.T

    error = _capture(run)
    diff = float(np.max(np.abs(holder["wrong"] - flat @ kernel))) if "wrong" in holder else 0.0
    code = (f"flat = H.reshape(-1, {cfg.features})   # (B·T, F)\n"
            f"W = dense.kernel.numpy().T  # ({cfg.dense_units}, {cfg.features}) instead of "
            f"({cfg.features}, {cfg.dense_units})\n"
            f"flat @ W")
    return BreakResult("transposed_matmul", "numpy", code, *error, run_shape=flat.shape, silent_diff=diff)


def transposed_weights(cfg: Config) -> BreakResult:
    """dense.set_weights([W.T, b]): Keras checks the stored (F, U) shape."""
    flat, kernel = _flat_and_kernel(cfg)
    dense = layers.Dense(cfg.dense_units, name="dense")
    dense.build((None, cfg.features))
    holder: dict[str, float] = {}

    def run() -> None:
        dense.set_weights([kernel.T, np.zeros(cfg.dense_units, dtype=np.float32)])
        holder["diff"] = float(np.max(np.abs(np.asarray(dense(flat)) - flat @ kernel)))

    error = _capture(run)
    code = (f"dense = layers.Dense({cfg.dense_units})  # built for F = {cfg.features}: kernel "
            f"({cfg.features}, {cfg.dense_units})\n"
            f"dense.set_weights([W.T, b])  # W.T is ({cfg.dense_units}, {cfg.features})")
    return BreakResult("transposed_weights", "Keras", code, *error, run_shape=flat.shape,
                       silent_diff=holder.get("diff", 0.0))


def token_out_of_range(cfg: Config) -> BreakResult:
    """Token id V in Embedding(V, …): rows are 0 … V-1 (a 1-wide embedding keeps this small)."""
    embedding = layers.Embedding(cfg.vocab_size, 1, name="embedding")
    tokens = np.array([[0, cfg.vocab_size]], dtype=np.int32)
    code = (f"emb = layers.Embedding({cfg.vocab_size}, {cfg.embed_dim})  # rows 0 … {cfg.vocab_size - 1}\n"
            f"emb(np.array([[0, {cfg.vocab_size}]]))")
    return BreakResult("token_out_of_range", "TensorFlow", code, *_capture(lambda: embedding(tokens)),
                       run_shape=tokens.shape)


RUNNERS: dict[str, Callable[[Config], BreakResult]] = {
    "merge_none": merge_none,
    "return_sequences": return_sequences,
    "transposed_matmul": transposed_matmul,
    "transposed_weights": transposed_weights,
    "token_out_of_range": token_out_of_range,
}


def run_case(cfg: Config, key: str) -> BreakResult:
    if key not in RUNNERS:
        raise KeyError(f"unknown break-it case {key!r}")
    return RUNNERS[key](cfg)


def cause_values(cfg: Config, key: str) -> dict[str, object]:
    """The numbers the one-line cause names, as formatted shapes and sizes of this configuration."""
    b, t, e, h = cfg.batch_size, cfg.seq_len, cfg.embed_dim, cfg.lstm_units
    f, u, c, v = cfg.features, cfg.dense_units, cfg.head_units, cfg.vocab_size
    return {"B": b, "T": t, "E": e, "H": h, "F": f, "U": u, "C": c, "V": v,
            "mode": cfg.merge_mode, "twoH": 2 * h, "last": v - 1, "BT": b * t}


def case_bytes(cfg: Config, key: str) -> int:
    """An upper bound on what one case allocates: its weights plus the small batch's arrays."""
    b, t = small_shape(cfg)
    e, h, f, u, c = cfg.embed_dim, cfg.lstm_units, cfg.features, cfg.dense_units, cfg.head_units
    lstm = 2 * 4 * h * (e + h + 1)
    floats = {
        "merge_none": lstm + f * u + b * t * (e + 8 * h),
        "return_sequences": lstm + f * u + u * c + b * t * (e + 8 * h),
        "transposed_matmul": 3 * f * u + 3 * b * t * max(f, u),
        "transposed_weights": 3 * f * u + 3 * b * t * max(f, u),
        "token_out_of_range": cfg.vocab_size + 2,
    }[key]
    return BYTES_PER_FLOAT * floats
