import os
import sys
from pathlib import Path

import pytest

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
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
