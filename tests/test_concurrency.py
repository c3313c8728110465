"""Many sessions at once, as Streamlit runs them: one thread per script run, a shared model cache, and
`keras.backend.clear_session()` called after every run. Every thread must get its own configuration's
shapes and numbers, identical to a single-threaded run.
"""
from __future__ import annotations

import random
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import keras
import numpy as np
import pytest

from explorer.config import Config
from explorer.demo import forward_trace, run_demonstrations, sample_tokens
from explorer.describe import describe_config, describe_model, layer_table
from explorer.memo import ByteBoundedCache
from explorer.model import LAYER_NAMES, build_model

CONFIGS = [
    Config(vocab_size=50 + i, embed_dim=4 + i, seq_len=3 + i % 4, lstm_units=5 + 2 * i, merge_mode=mode,
           dense_units=7 + i, count_classes=2 + i % 3, batch_size=2 + i % 3)
    for i, mode in enumerate(["ave", "concat", "sum", "mul"] * 2)
]


def outcome(cfg: Config) -> dict:
    """What a session shows for cfg: layer names, shapes, output numbers and the Dense check."""
    model = build_model(cfg)
    demos = run_demonstrations(model, cfg)
    return {
        "names": [layer.name for layer in model.layers[1:]],
        "table": layer_table(describe_model(model), cfg).to_dict("list"),
        "head": demos.trace.head_out,
        "dense": demos.dense.reshaped,
        "diff": demos.dense.diff_reshape_layer,
    }


@pytest.fixture(scope="module")
def reference() -> dict[Config, dict]:
    return {cfg: outcome(cfg) for cfg in CONFIGS}


def assert_same(got: dict, want: dict, cfg: Config) -> None:
    assert got["names"] == want["names"] == list(LAYER_NAMES)
    assert got["table"] == want["table"]
    b, t = cfg.batch_size, cfg.seq_len
    assert got["head"].shape == (b, t, cfg.head_units) and got["dense"].shape == (b, t, cfg.dense_units)
    np.testing.assert_allclose(got["head"], want["head"], rtol=0, atol=1e-6)
    np.testing.assert_allclose(got["dense"], want["dense"], rtol=0, atol=1e-6)
    assert got["diff"] < 1e-5


def test_threads_building_different_configurations_get_their_own_results(reference):
    jobs = CONFIGS * 2
    random.Random(7).shuffle(jobs)
    stop = threading.Event()

    def clear_sessions():  # what Streamlit does after every script run, while other runs are going
        while not stop.is_set():
            keras.backend.clear_session()
            time.sleep(0.02)

    cleaner = threading.Thread(target=clear_sessions)
    cleaner.start()
    try:
        with ThreadPoolExecutor(max_workers=8) as pool:
            results = list(pool.map(outcome, jobs))
    finally:
        stop.set()
        cleaner.join()
    for cfg, got in zip(jobs, results):
        assert_same(got, reference[cfg], cfg)


def test_one_shared_model_called_from_many_threads(reference):
    """A cached model is shared read-only: concurrent forward passes do not disturb each other."""
    cfg = CONFIGS[1]
    model = build_model(cfg)
    tokens = [sample_tokens(cfg, seed) for seed in range(6)]
    alone = [forward_trace(model, t).head_out for t in tokens]
    with ThreadPoolExecutor(max_workers=6) as pool:
        together = list(pool.map(lambda t: forward_trace(model, t).head_out, tokens * 3))
    for i, out in enumerate(together):
        np.testing.assert_allclose(out, alone[i % len(tokens)], rtol=0, atol=1e-6)
    np.testing.assert_allclose(alone[0], reference[cfg]["head"], rtol=0, atol=1e-6)


def test_weight_free_shapes_from_many_threads():
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(describe_config, CONFIGS * 2))
    for cfg, infos in zip(CONFIGS * 2, results):
        assert infos[2].output_shape == (cfg.batch_size, cfg.seq_len, cfg.features)
        assert infos[4].output_shape == (cfg.batch_size, cfg.seq_len, cfg.head_units)


def test_cache_builds_a_key_once_under_contention():
    cache: ByteBoundedCache = ByteBoundedCache(1000)
    calls: list[int] = []
    start = threading.Barrier(12)

    def factory():
        calls.append(1)
        time.sleep(0.05)  # long enough for every other thread to arrive while it builds
        return object()

    def get(_):
        start.wait()
        return cache.get_or_create("same", 10, factory)

    with ThreadPoolExecutor(max_workers=12) as pool:
        values = list(pool.map(get, range(12)))
    assert len(calls) == 1
    assert all(v is values[0] for v in values)
    assert cache.misses == 1 and cache.hits == 11


def test_cache_byte_bound_holds_under_threads():
    limit = 10_000
    cache: ByteBoundedCache = ByteBoundedCache(limit)
    seen_totals: list[int] = []
    stop = threading.Event()

    def watch():
        while not stop.is_set():
            seen_totals.append(cache.total_bytes)

    def work(i):
        rng = random.Random(i)
        for _ in range(200):
            key = rng.randrange(60)
            size = 100 + 37 * key  # a key always has the same size, as a configuration's budget does
            value = cache.get_or_create(key, size, lambda: ("value", key))
            assert value == ("value", key)
        cache.get_or_create(("too big", i), limit + 1, lambda: "not kept")

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        with ThreadPoolExecutor(max_workers=8) as pool:
            list(pool.map(work, range(8)))
    finally:
        stop.set()
        watcher.join()
    assert max(seen_totals) <= limit and cache.total_bytes <= limit
    assert all(not (isinstance(k, tuple) and k[0] == "too big") for k in cache._items)
    assert len(cache) > 1
