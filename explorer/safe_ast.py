"""`ast.parse` one thread at a time.

On CPython before 3.11.8 / 3.12.2 (gh-106905) the parser's recursion counter is shared between
threads: a garbage collection in the middle of one parse that lets another thread parse makes the
first raise `SystemError: AST constructor recursion depth mismatch`. Sessions read code in parallel
threads, so every parse of the explorer goes through this lock (tests/test_concurrency.py shows it).
"""
from __future__ import annotations

import ast
import threading

_LOCK = threading.Lock()


def parse(source: str, mode: str = "exec") -> ast.AST:
    """ast.parse(source, mode=mode), never two at once. Parsing only: nothing is compiled or run."""
    with _LOCK:
        return ast.parse(source, mode=mode)
