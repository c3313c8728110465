"""Build the learner's tagger with Keras 3, checking the memory budget first.

Input (B, T) int32 token ids → Embedding (B, T, E) → Bidirectional(LSTM(H)) (B, T, F)
→ Dense(U) (B, T, U) → TimeDistributed(Dense(C)) (B, T, C), with F = 2H for concat, else H.
Every layer has an explicit name: Keras's name counters are per thread and Streamlit runs
each script in a new thread. A built model is shared read-only: call it with training=False.
"""
from __future__ import annotations

import keras
from keras import layers

from .budget import Budget, check_budget
from .config import Config

INPUT = "tokens"
EMBEDDING = "embedding"
BILSTM = "bidirectional"
DENSE = "dense"
HEAD = "time_distributed"
LAYER_NAMES = (EMBEDDING, BILSTM, DENSE, HEAD)


class BudgetExceeded(Exception):
    """The configuration would allocate more than the memory budget; nothing was built."""

    def __init__(self, budget: Budget):
        super().__init__(
            f"needs {budget.total_bytes:,} bytes, budget {budget.limit_bytes:,}; "
            f"largest: {budget.largest.layer} {budget.largest.kind} {budget.largest.nbytes:,} bytes"
        )
        self.budget = budget


def _lstm(cfg: Config, seed: int, backwards: bool) -> layers.LSTM:
    return layers.LSTM(
        cfg.lstm_units, return_sequences=True, go_backwards=backwards,
        kernel_initializer=keras.initializers.GlorotUniform(seed=seed),
        recurrent_initializer=keras.initializers.Orthogonal(seed=seed + 1),
        name="backward_lstm" if backwards else "forward_lstm",
    )


def make_layers(cfg: Config, merge_mode: str | None = "config") -> list[keras.layers.Layer]:
    """The four layers, unbuilt (no weights yet). merge_mode="config" uses cfg.merge_mode.

    Keras's default initializers, seeded, so every visitor and every screenshot sees the same
    weights for the same configuration (a global seed would not be thread-safe).
    """
    mode = cfg.merge_mode if merge_mode == "config" else merge_mode
    return [
        layers.Embedding(cfg.vocab_size, cfg.embed_dim, name=EMBEDDING,
                         embeddings_initializer=keras.initializers.RandomUniform(-0.05, 0.05, seed=1)),
        layers.Bidirectional(_lstm(cfg, 2, False), merge_mode=mode, backward_layer=_lstm(cfg, 4, True), name=BILSTM),
        layers.Dense(cfg.dense_units, name=DENSE, kernel_initializer=keras.initializers.GlorotUniform(seed=6)),
        layers.TimeDistributed(
            layers.Dense(cfg.head_units, name="head_dense", kernel_initializer=keras.initializers.GlorotUniform(seed=7)),
            name=HEAD,
        ),
    ]


def build_model(cfg: Config) -> keras.Model:
    """The real model with its weights. Raises BudgetExceeded before allocating if it would not fit."""
    budget = check_budget(cfg)
    if not budget.fits_memory:
        raise BudgetExceeded(budget)
    x = inputs = keras.Input(shape=(cfg.seq_len,), batch_size=cfg.batch_size, dtype="int32", name=INPUT)
    for layer in make_layers(cfg):
        x = layer(x)
    return keras.Model(inputs, x, name="tagger")
