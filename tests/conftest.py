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
