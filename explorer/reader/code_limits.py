"""Every bound of the pasted-code reader, in one place. The text's bounds are checked before any
work (code.py); the others where the reader meets them, each refusal an error Note there."""
from __future__ import annotations

from .code_values import MAX_INT, MAX_ITEMS, MAX_POW_EXPONENT, MAX_STR

MAX_CHARS = 100_000
MAX_LINES = 3_000
MAX_NODES = 50_000  # syntax-tree nodes
MAX_DEPTH = 50  # nesting of syntax-tree nodes
MAX_LAYERS = 500
MAX_CALL_DEPTH = 8  # a def calling a def... (recursion stops here with a note)
MAX_STEPS = 20_000  # expressions and statements worked through (defs called many times, loops)
RESERVE_STEPS = 5_000  # once, for the code after a statement that spent MAX_STEPS
MAX_GUESSES = 20  # undefined names for which a close defined name is looked for
MAX_NAME = 64  # characters of a layer's name=
MAX_BATCH = 10**7
MAX_INPUTS = 8  # input shapes a learner may type, for a model with several inputs
LIMITS = {"chars": MAX_CHARS, "lines": MAX_LINES, "nodes": MAX_NODES, "depth": MAX_DEPTH, "layers": MAX_LAYERS,
          "int": MAX_INT, "pow_exponent": MAX_POW_EXPONENT, "str": MAX_STR, "items": MAX_ITEMS, "steps": MAX_STEPS}
