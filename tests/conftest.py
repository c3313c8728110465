import gc
import os
import sys
from pathlib import Path

import pytest

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
# One OpenBLAS thread (set before numpy loads; inherited by the Keras workers and the browser tests' server):
# the X-rays' numpy runs many small matmuls, and on 2 cores shared with another process OpenBLAS's second thread
# spins waiting for a core (the stacked BiLSTM preset's X-rays: 20 s -> 8 s wall, 6.5 s -> 2 s CPU, under load).
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
PAGE = ROOT / "page.py"


def run_page(query: dict | None = None):
    """page.py through Streamlit's AppTest, opened with these URL query parameters."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(PAGE), default_timeout=120)  # the first run imports TensorFlow
    for key, value in (query or {}).items():
        at.query_params[key] = value
    return at.run()


@pytest.fixture
def empty_caches():
    """Streamlit's caches outlive an AppTest run in this process: start and end each page test empty."""
    from explorer.ui import cache

    cache.clear_all()
    yield
    cache.clear_all()


# -- markers: `bash scripts/test.sh --fast` runs what needs no browser and no long page runs ----------------
SLOW_MODULES = {"test_memory", "test_concurrency", "test_export", "test_corpus", "test_hostile",
                "test_reader_hostile", "test_live_models"}  # subprocesses, thousands of inputs, every model built


def pytest_collection_modifyitems(config, items):
    """browser: drives Chromium (tests/browser); page: runs page.py through AppTest; slow: the modules above."""
    page_modules: dict[str, bool] = {}
    for item in items:
        path = Path(str(item.path))
        if "browser" in path.parts:
            item.add_marker(pytest.mark.browser)
            continue
        if path not in page_modules:
            text = path.read_text(encoding="utf-8")
            page_modules[path] = "AppTest" in text or "run_page" in text
        if page_modules[path]:
            item.add_marker(pytest.mark.page)
        if path.stem in SLOW_MODULES:
            item.add_marker(pytest.mark.slow)


# -- the collector: long-lived objects frozen out of its way ---------------------------------------------------
# Keras's clear_session (each build, each AppTest run) calls gc.collect(), which walks every object the process
# holds: TensorFlow's, Streamlit's, the test modules' and their caches (the traced models of live_models.py).
# A page test file spent 21 of its 36 CPU seconds there. Those objects live as long as the process, so they are
# frozen (gc.freeze: never walked, never freed) after collection, after a test that imported a big package
# (TensorFlow, Streamlit) and at the end of each test module, once its module-scoped fixtures are gone and a
# gc.collect has freed that module's garbage: each full collection then walks only what the current module made.
_frozen_at = {"modules": 0}


def _freeze_long_lived() -> None:
    gc.collect()
    gc.freeze()
    _frozen_at["modules"] = len(sys.modules)


def pytest_collection_finish(session):
    _freeze_long_lived()
    _start_keras_worker(session)


@pytest.hookimpl(trylast=True)  # after pytest's own teardown has finalised the fixtures that end here
def pytest_runtest_teardown(item, nextitem):
    module_ends = nextitem is None or getattr(nextitem, "module", None) is not getattr(item, "module", None)
    if module_ends or len(sys.modules) > _frozen_at["modules"] + 200:
        _freeze_long_lived()


# -- the session's one Keras process (tests/keras_worker.py) ----------------------------------------------------
KERAS_WORKER_FIXTURES = {"corpus", "ran"}  # tests/test_corpus.py's and tests/test_export.py's


def _uses_keras_worker(item) -> bool:
    fix_loop_keras = Path(str(item.path)).stem == "test_fix_loop" and item.get_closest_marker("slow")
    return bool(KERAS_WORKER_FIXTURES & set(getattr(item, "fixturenames", ()))) or bool(fix_loop_keras)


def _start_keras_worker(session) -> None:
    """Started now when a test that uses it will run: it imports TensorFlow while the first test files run."""
    if any(_uses_keras_worker(item) for item in session.items):
        import keras_worker

        keras_worker.shared()


def pytest_sessionfinish(session):
    if "keras_worker" in sys.modules:
        sys.modules["keras_worker"].close_shared()
