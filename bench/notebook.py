"""The "notebook" reference: what a learner does by hand for one new configuration, in a warm process.

Reads a JSON list of configurations (dicts of Config fields) on stdin. Warms up on the default model
(imports, first build, first forward pass), then for each configuration: build the model, print
`model.summary()`, run the forward pass and check the Dense layer against `H.reshape(-1, F) @ W + b`.
Prints one JSON line: {"seconds": [...], "import_seconds": float, "rss_after_import_mb": float}.
"""
from __future__ import annotations

import json
import os
import sys
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def one_configuration(cfg, out) -> float:
    """Seconds for: build, summary, forward pass, Dense as reshape @ W (asserted to match)."""
    import keras
    import numpy as np

    from keras import layers

    start = time.perf_counter()
    # what a learner types in a notebook: the question's four layers with this configuration's sizes
    inputs = keras.Input(shape=(cfg.seq_len,), batch_size=cfg.batch_size, dtype="int32")
    x = layers.Embedding(cfg.vocab_size, cfg.embed_dim)(inputs)
    x = layers.Bidirectional(layers.LSTM(cfg.lstm_units, return_sequences=True), merge_mode=cfg.merge_mode,
                             name="bidirectional")(x)
    x = layers.Dense(cfg.dense_units, name="dense")(x)
    model = keras.Model(inputs, layers.TimeDistributed(layers.Dense(cfg.head_units))(x))
    model.summary(print_fn=lambda line, line_break=True: print(line, file=out))
    tokens = np.random.default_rng(0).integers(0, cfg.vocab_size, size=(cfg.batch_size, cfg.seq_len), dtype=np.int32)
    # one forward pass that also returns H (the BiLSTM output) and the Dense layer's own output
    traced = keras.Model(model.inputs, [model.get_layer("bidirectional").output, model.get_layer("dense").output,
                                        model.output])
    hidden, dense_out, _ = (np.asarray(t) for t in traced(tokens, training=False))
    dense = model.get_layer("dense")
    kernel, bias = np.asarray(dense.kernel), np.asarray(dense.bias)
    b, t, f = hidden.shape
    by_hand = (hidden.reshape(-1, f) @ kernel + bias).reshape(b, t, kernel.shape[1])
    print(by_hand.shape, file=out)
    if not np.allclose(by_hand, dense_out, atol=1e-4):
        raise AssertionError(f"Dense differs from reshape @ W for {cfg}")
    return time.perf_counter() - start


def main() -> None:
    configs = json.loads(sys.stdin.read())
    t0 = time.perf_counter()
    import tensorflow  # noqa: F401
    import_seconds = time.perf_counter() - t0
    rss_after_import = rss_mb()
    from tagger_config import Config

    with open(os.devnull, "w") as sink:
        for _ in range(2):
            one_configuration(Config(), sink)  # warm: first build and first forward pass pay one-time costs
        seconds = [one_configuration(Config(**c), sink) for c in configs]
    print(json.dumps({"seconds": seconds, "import_seconds": import_seconds, "rss_after_import_mb": rss_after_import}))


if __name__ == "__main__":
    main()
