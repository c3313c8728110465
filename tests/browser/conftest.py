"""Browser tests: one `streamlit run app.py` server per session, Debian's Chromium driven by pytest-playwright.

Playwright never downloads a browser here: it launches /usr/bin/chromium (or $CHROMIUM) with fixed
flags, a fixed viewport, device scale 1, reduced motion, en-US and UTC, so screenshots are repeatable.
Without Chromium the browser tests are skipped, except under CI (CI=true), where that is a failure.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
PORTS = range(8620, 8641)  # this suite's servers only; other suites use other ports
VIEWPORT = {"width": 1400, "height": 900}
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync", "--disable-background-networking",
    "--disable-component-update", "--font-render-hinting=none", "--force-color-profile=srgb", "--hide-scrollbars",
]
SERVER_START_TIMEOUT_S = 120


def pytest_collection_modifyitems(session, config, items):
    """Run the browser tests after the in-process tests, so the long-lived Playwright session
    (and its event loop) never sits under AppTest or unit tests."""
    here = str(Path(__file__).parent)
    items.sort(key=lambda item: str(item.path).startswith(here))


def _free_port() -> int:
    for port in PORTS:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {PORTS.start}-{PORTS.stop - 1}")


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as response:
            return response.read().strip() == b"ok"
    except OSError:
        return False


@pytest.fixture(scope="session")
def app_url(tmp_path_factory) -> str:
    """Base URL of a fresh `streamlit run app.py`, stopped after the session."""
    port = _free_port()
    log_path = tmp_path_factory.mktemp("streamlit") / "server.log"
    cmd = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
           "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
           "--server.fileWatcherType", "none"]
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2"}
    with open(log_path, "wb") as log:
        server = subprocess.Popen(cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT_S
        while not _healthy(url):
            if server.poll() is not None:
                pytest.fail(f"streamlit exited with {server.returncode}:\n{log_path.read_text()[-3000:]}")
            if time.monotonic() > deadline:
                pytest.fail(f"streamlit not healthy after {SERVER_START_TIMEOUT_S} s:\n{log_path.read_text()[-3000:]}")
            time.sleep(0.1)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """pytest-playwright's launch arguments, pointed at Debian's Chromium."""
    if not Path(CHROMIUM).exists():
        message = f"{CHROMIUM} is missing: install it with `apt-get install -y chromium fonts-noto-cjk`"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message + " (CI=true: a missing browser is a failure)")
        pytest.skip(message)
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": VIEWPORT, "device_scale_factor": 1, "reduced_motion": "reduce",
            "locale": "en-US", "timezone_id": "UTC", "color_scheme": "light", "accept_downloads": True}
