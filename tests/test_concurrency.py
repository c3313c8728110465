"""Many sessions at once, as Streamlit runs them: one thread per script run, models and forward passes
shared read-only through one byte-bounded cache (explorer/ui/cache.py), and `keras.backend.clear_session()`
called after every run while other runs go on. Every thread must get its own model's shapes and
numbers, identical to a single-threaded run of the same path: code → read_code → describe → build →
run_trace → xray_of.
"""
from __future__ import annotations

import ast
import gc
import random
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

import keras
import numpy as np
import pytest

from explorer.build import build
from explorer.live.base import TOLERANCE
from explorer.live.trace import run_trace
from explorer.live.xrays import xray_of
from explorer.presets import preset_code
from explorer.reader.code import read_code, set_constant
from explorer.shapes import describe
from explorer.tables import layer_table
from explorer.ui import cache as page_cache  # as the app: imports streamlit, moves TensorFlow's objects out of gc's way

# CPython before 3.11.8 / 3.12.2 parses with one recursion counter for all threads (gh-106905)

TAGGER = preset_code("tagger")
NODES = ("tokens", "embedding", "bidirectional", "dense", "time_distributed")

def tagger(**settings) -> str:
    """The question's tagger with some of its top-level constants set, as the sidebar sets them."""
    code = TAGGER
    for name, value in settings.items():
        constant = next(c for c in read_code(code).constants if c.name == name)
        code = set_constant(code, constant, value)
    return code


# eight small taggers, no two alike (every merge mode, batch 2-4, 3-6 steps)
SETTINGS = [
    dict(vocab_size=50 + i, embed_dim=4 + i, seq_len=3 + i % 4, lstm_units=5 + 2 * i, merge_mode=mode,
         dense_units=7 + i, count_classes=2 + i % 3, batch_size=2 + i % 3)
    for i, mode in enumerate(["ave", "concat", "sum", "mul"] * 2)
]
CODES = [tagger(**s) for s in SETTINGS]
SPECS = [read_code(code).spec for code in CODES]  # read here, once: the reader in threads has its own test


def expected_shapes(s: dict) -> dict[str, tuple[int, ...]]:
    """Every node's output shape, from the settings alone (B, T and the sizes the constants name)."""
    b, t = s["batch_size"], s["seq_len"]
    merged = s["lstm_units"] * (2 if s["merge_mode"] == "concat" else 1)
    return {"tokens": (b, t), "embedding": (b, t, s["embed_dim"]), "bidirectional": (b, t, merged),
            "dense": (b, t, s["dense_units"]), "time_distributed": (b, t, s["count_classes"] + 1)}


def model_of(spec):
    """(desc, model) for the spec, as the page builds it."""
    desc = describe(spec)
    built = build(spec, desc)
    assert built.model is not None, built.failure
    return desc, built.model


def outcome(spec) -> dict:
    """What a session shows for this model: layer names and parameters, the shape table, every node's
    output in the forward pass and the Dense X-ray's largest difference."""
    desc, model = model_of(spec)
    trace = run_trace(model, spec, desc)
    return {
        "names": [layer.name for layer in model.layers],
        "params": model.count_params(),
        "table": layer_table(desc).to_dict("list"),
        "tensors": trace.tensors,
        "dense_diff": xray_of(model, spec, desc, trace, "dense").largest_diff,
    }


@contextmanager
def streamlit_cleanups():
    """What Streamlit does after every script run (clear Keras's global session), over and over,
    while the threads inside this block work (at least twice)."""
    stop = threading.Event()
    cleared: list[int] = []

    def clear_sessions():
        while not stop.is_set():
            keras.backend.clear_session()
            cleared.append(1)
            time.sleep(0.02)

    cleaner = threading.Thread(target=clear_sessions)
    cleaner.start()
    try:
        yield
    finally:
        stop.set()
        cleaner.join()
    assert len(cleared) >= 2


@pytest.fixture(scope="module")
def reference() -> list[dict]:
    """Each configuration's outcome, computed one after another in this thread."""
    return [outcome(spec) for spec in SPECS]


def assert_same_trace(got: dict, want: dict) -> None:
    assert list(got) == list(want) == list(NODES)
    for node in NODES:
        assert len(got[node]) == len(want[node]) == 1
        assert np.array_equal(got[node][0], want[node][0]), node


def test_threads_building_different_configurations_get_their_own_results(reference):
    for s, ref in zip(SETTINGS, reference):  # the serial run itself has each configuration's own shapes
        assert {n: a[0].shape for n, a in ref["tensors"].items()} == expected_shapes(s)
        assert ref["dense_diff"] < TOLERANCE
    jobs = list(range(len(SPECS))) * 2
    random.Random(7).shuffle(jobs)
    with streamlit_cleanups(), ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda i: outcome(SPECS[i]), jobs))
    for i, got in zip(jobs, results):
        want = reference[i]
        assert got["names"] == want["names"] == ["tokens", *NODES[1:]]
        assert got["params"] == want["params"] and got["table"] == want["table"]
        assert {n: a[0].shape for n, a in got["tensors"].items()} == expected_shapes(SETTINGS[i])
        assert_same_trace(got["tensors"], want["tensors"])
        assert got["dense_diff"] < TOLERANCE


def test_one_shared_model_called_from_many_threads(reference):
    """A cached model is shared read-only: concurrent forward passes do not disturb each other."""
    spec = SPECS[1]
    desc, model = model_of(spec)
    weights = [np.array(w) for w in model.get_weights()]
    alone = [run_trace(model, spec, desc, seed).tensors for seed in range(6)]
    with streamlit_cleanups(), ThreadPoolExecutor(max_workers=6) as pool:
        together = list(pool.map(lambda seed: run_trace(model, spec, desc, seed).tensors, list(range(6)) * 3))
    for i, got in enumerate(together):
        assert_same_trace(got, alone[i % 6])
    assert not np.array_equal(alone[0]["dense"][0], alone[1]["dense"][0])  # each seed its own batch
    assert_same_trace(alone[0], reference[1]["tensors"])  # a rebuilt model: the same seeded weights
    assert all(np.array_equal(a, b) for a, b in zip(weights, model.get_weights()))


def test_pasted_code_read_from_many_threads_gives_each_its_own_model():
    """CPython 3.11.7's ast.parse keeps its recursion depth in one state for all threads (CPython
    gh-106905, fixed in 3.11.8 and 3.12.2): a garbage collection in the middle of a parse whose
    finalizers let another thread run (TensorFlow's objects do) and parse makes it raise SystemError,
    which read_code reports as read.internal. Here the first collection inside each ast.parse lets
    the other threads run for 2 ms; explorer/safe_ast.py's lock is what makes this pass."""
    seen = threading.local()

    def let_others_run(phase, info):
        frame = sys._getframe(1)
        if phase == "start" and frame.f_code is ast.parse.__code__ and getattr(seen, "frame", None) is not frame:
            seen.frame = frame
            time.sleep(0.002)

    serial = [read_code(code) for code in CODES]
    threshold = gc.get_threshold()
    gc.set_threshold(10)
    gc.callbacks.append(let_others_run)
    try:
        with ThreadPoolExecutor(max_workers=4) as pool:
            results = list(pool.map(read_code, CODES * 50))
    finally:
        gc.callbacks.remove(let_others_run)
        gc.set_threshold(*threshold)
    internal = [note for r in results for note in r.notes if note.key == "read.internal"]
    assert not internal, f"{len(internal)} of {len(results)} reads failed inside the parser: {internal[0]}"
    for i, result in enumerate(results):
        assert result == serial[i % len(CODES)] and result.spec == SPECS[i % len(CODES)]
    assert len(set(SPECS)) == len(SPECS)  # eight different models


def test_weight_free_shapes_from_many_threads():
    serial = [describe(spec) for spec in SPECS]
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(describe, SPECS * 2))
    for i, desc in enumerate(results):
        s = SETTINGS[i % len(SPECS)]
        assert desc.ok and desc == serial[i % len(SPECS)]
        assert {step.name: step.output_shape for step in desc.steps} == expected_shapes(s)
        assert {a.letter: a.size for a in desc.axes} == {
            "B": s["batch_size"], "T": s["seq_len"], "V": s["vocab_size"], "E": s["embed_dim"], "H": s["lstm_units"],
            "F": expected_shapes(s)["bidirectional"][2], "U": s["dense_units"], "C": s["count_classes"] + 1}


def test_the_page_cache_builds_and_traces_a_model_once_for_all_sessions(empty_caches, reference):
    spec = SPECS[2]
    heavy = page_cache._heavy
    misses = heavy.misses
    start = threading.Barrier(6)

    def session(_):
        start.wait()
        return page_cache.built_for(spec), page_cache.trace_for(spec)

    with streamlit_cleanups(), ThreadPoolExecutor(max_workers=6) as pool:
        results = list(pool.map(session, range(6)))
    built, trace = results[0]
    assert all(b is built and t is trace for b, t in results)
    assert heavy.misses - misses == 2  # one build and one forward pass, for six sessions
    assert ("spec", spec) in heavy._items and ("trace", spec) in heavy._items
    assert_same_trace(trace.tensors, reference[2]["tensors"])


def xray_facts(xray) -> tuple:
    """Everything an X-ray shows, as comparable values (grids' numbers as bytes)."""
    grids = tuple((g.title, g.values.shape, g.values.tobytes(), g.rows, g.cols, g.marks) for g in xray.grids)
    return xray.layer, xray.cls, xray.summary, xray.code, xray.checks, grids, xray.notes


def test_live_xrays_from_several_threads_match_a_serial_run():
    code = tagger(vocab_size=97, embed_dim=6, seq_len=9, lstm_units=7, merge_mode="concat", dense_units=11,
                  count_classes=3, batch_size=4)
    spec = read_code(code).spec
    desc, model = model_of(spec)
    trace = run_trace(model, spec, desc)
    kept = {node: tuple(a.copy() for a in arrays) for node, arrays in trace.tensors.items()}
    weights = [np.array(w) for w in model.get_weights()]
    jobs = [("bidirectional", (0, 0, 0)), ("bidirectional", (3, 8, 13)), ("bidirectional", (1, 4, 2)),
            ("dense", (0, 0, 0)), ("dense", (2, 5, 10)), ("dense", (3, 8, 4))]
    serial = [xray_facts(xray_of(model, spec, desc, trace, name, pick)) for name, pick in jobs]
    for (name, _), facts in zip(jobs, serial):
        checks = facts[4]
        assert facts[0] == name and checks and all(c.ok for c in checks)
    assert serial[1][5] != serial[2][5] and serial[4][5] != serial[5][5]  # each pick shows its own windows
    with streamlit_cleanups(), ThreadPoolExecutor(max_workers=6) as pool:
        together = list(pool.map(lambda job: xray_facts(xray_of(model, spec, desc, trace, *job)), jobs * 3))
    for i, facts in enumerate(together):
        assert facts == serial[i % len(jobs)], jobs[i % len(jobs)]
    assert_same_trace(trace.tensors, kept)  # X-rays only read the shared forward pass and model
    assert all(np.array_equal(a, b) for a, b in zip(weights, model.get_weights()))


def test_heavy_work_runs_at_most_heavy_slots_at_a_time():
    """Builds, forward passes and live panels wait for one of HEAVY_SLOTS turns instead of all
    slicing the interpreter lock at once; every caller still gets its own result."""
    from explorer.ui import cache

    running, most = [0], [0]
    lock = threading.Lock()

    def work(i):
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
        time.sleep(0.02)
        with lock:
            running[0] -= 1
        return i

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda i: cache._in_turn(lambda: work(i)), range(16)))
    assert results == list(range(16))
    assert most[0] == cache.HEAVY_SLOTS


def test_the_page_caches_tell_specs_apart_by_every_nested_field(empty_caches):
    """The caches key a spec by its repr: the same code read twice finds the same entry, and a change
    deep inside (the LSTM inside Bidirectional; a layer's line in the code) finds another."""
    same = [read_code(TAGGER).spec for _ in range(2)]
    assert same[0] is not same[1]
    assert page_cache.describe_for(same[0]) is page_cache.describe_for(same[1])
    inner = read_code(tagger(lstm_units=76)).spec
    assert page_cache.describe_for(inner).step("bidirectional").output_shape[-1] == 76
    assert page_cache.describe_for(same[0]).step("bidirectional").output_shape[-1] == 75
    moved = read_code("\n" + TAGGER).spec
    assert moved != same[0] and page_cache.describe_for(moved) is not page_cache.describe_for(same[0])


def test_a_session_cleared_on_another_thread_mid_build_leaves_the_build_whole(monkeypatch):
    """The cause of a rare failure of the first test (a tagger's 2,922 parameters counted as 2,490: its
    embedding's weights missing), made certain: Streamlit's post-run cleanup on another thread runs while
    each layer of this build sets up its variable tracking. Keras's own clear_session replaced every thread's
    Keras state, switching tracking back on there, and the layers kept copies of their weight lists
    (explorer/keras_session.py)."""
    from keras.src.utils import tracking
    from streamlit.runtime.scriptrunner import script_runner

    spec, s = SPECS[4], SETTINGS[4]
    desc = describe(spec)
    build(spec, desc)  # Keras imported and the explorer's clear_session in place, as after any earlier run
    original = tracking.Tracker.__init__
    cleanups = []

    def another_run_ends(self, *args, **kwargs):
        cleanup = threading.Thread(target=script_runner._clean_problem_modules)
        cleanup.start()
        cleanup.join()
        cleanups.append(1)
        original(self, *args, **kwargs)

    monkeypatch.setattr(tracking.Tracker, "__init__", another_run_ends)
    model = build(spec, desc).model
    monkeypatch.undo()
    assert len(cleanups) >= len(NODES)  # one at least in every layer's set-up
    embedding = s["vocab_size"] * s["embed_dim"]
    assert model.get_layer("embedding").count_params() == embedding == 432
    assert model.count_params() == sum(step.params for step in desc.steps) == 2922
    assert [len(layer.weights) for layer in model.layers] == [0, 1, 6, 2, 2]


def test_clear_session_still_restarts_the_calling_threads_name_counters():
    """What Streamlit calls clear_session for still happens on the thread that calls it."""
    from explorer.keras_session import clear_this_threads_session, install

    install()
    assert keras.backend.clear_session is keras.utils.clear_session is clear_this_threads_session

    def names() -> list[str]:
        first = [keras.layers.Dense(1).name for _ in range(2)]
        keras.backend.clear_session(free_memory=False)
        return first + [keras.layers.Dense(1).name]

    keras.backend.clear_session(free_memory=False)
    assert names() == ["dense", "dense_1", "dense"]
    with ThreadPoolExecutor(max_workers=1) as pool:  # another thread's counters are its own
        assert pool.submit(names).result() == ["dense", "dense_1", "dense"]
