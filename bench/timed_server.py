"""`streamlit run`, with every script run timed on the server: the bench's way to see the server's own share.

    python bench/timed_server.py app.py --server.port 8675 ...   # same arguments as `streamlit run app.py ...`
    BENCH_RUN_LOG=/tmp/runs.jsonl                                  # where the timings go (one JSON line per run)

Nothing in page.py or app.py changes: before handing over to Streamlit's own command line (in this process,
exactly as `python -m streamlit run` does), two methods of Streamlit's ScriptRunner are wrapped:
- `_run_script` (one call per script run, including the reruns that `st.rerun()` asks for inside it and
  Streamlit's post-run cleanup: session state, `gc.collect`, Keras's `clear_session`): wall seconds, the
  script thread's CPU seconds, and whether it was a fragment-only run (an open panel's own rerun);
- `_enqueue_forward_msg`: the moment the run sends the layer table (explorer/ui/html_table.py: the markdown
  element whose <table> has data-key="layer_table"; the first one of a whole-page run).
Each line: {"session", "query", "fragment", "start", "end", "wall", "cpu", "passes": [[start, table_at], ...]}
(one pass per execution of the script within the run: a widget change that arrives mid-run, or st.rerun(), starts
another pass); start/end/table_at are time.time() on this machine, so the bench can set them beside its own clock.
"""
from __future__ import annotations

import json
import os
import sys
import threading
import time

from streamlit.runtime.scriptrunner import script_runner

LOG_PATH = os.environ.get("BENCH_RUN_LOG")
_lock = threading.Lock()
_local = threading.local()  # per script thread: the passes of the run in progress


def _write(record: dict) -> None:
    if not LOG_PATH:
        return
    with _lock, open(LOG_PATH, "a", encoding="utf-8") as f:
        f.write(json.dumps(record) + "\n")


LAYER_TABLE = ' data-key="layer_table" '  # an attribute of the <table> (html_table.table_html)


def is_layer_table(msg) -> bool:
    """A ForwardMsg carrying the layer table: a new markdown element whose body holds the table."""
    return (msg.WhichOneof("type") == "delta" and msg.delta.WhichOneof("type") == "new_element"
            and msg.delta.new_element.WhichOneof("type") == "markdown"
            and LAYER_TABLE in msg.delta.new_element.markdown.body)


_run_script = script_runner.ScriptRunner._run_script
_enqueue = script_runner.ScriptRunner._enqueue_forward_msg
_install_event_loop = script_runner.ScriptRunner._install_event_loop


def timed_run_script(self, rerun_data) -> None:
    _local.passes = []  # [start, table_at]: _run_script loops once more for each rerun it is asked for
    _local.whole_page = not rerun_data.fragment_id_queue
    start, wall0, cpu0 = time.time(), time.perf_counter(), time.thread_time()
    try:
        _run_script(self, rerun_data)
    finally:
        _write({"session": self._session_id, "query": rerun_data.query_string, "fragment": not _local.whole_page,
                "start": start, "end": time.time(), "wall": time.perf_counter() - wall0,
                "cpu": time.thread_time() - cpu0, "passes": _local.passes})
        _local.passes = None


def timed_install_event_loop(self) -> None:  # called at the top of every pass of _run_script's loop
    if getattr(_local, "passes", None) is not None:
        _local.passes.append([time.time(), None])
    _install_event_loop(self)


def timed_enqueue(self, msg) -> None:
    passes = getattr(_local, "passes", None)  # None on other threads and between runs
    if passes and passes[-1][1] is None and _local.whole_page and is_layer_table(msg):
        passes[-1][1] = time.time()
    _enqueue(self, msg)


script_runner.ScriptRunner._run_script = timed_run_script
script_runner.ScriptRunner._enqueue_forward_msg = timed_enqueue
script_runner.ScriptRunner._install_event_loop = timed_install_event_loop

if __name__ == "__main__":
    from streamlit.web.cli import main

    here = os.path.dirname(os.path.abspath(__file__))  # bench/ must not shadow anything the app imports
    sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != here]
    sys.argv = ["streamlit", "run", *sys.argv[1:]]
    sys.exit(main())
