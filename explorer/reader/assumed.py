"""Reading code whose model has no input in it, with the input shape the learner typed (`code_inputs`).

`read_code_assuming(source, (28, 28, 1))` is `read_code(source)` where a Sequential without any input takes
keras.Input(shape=(28, 28, 1)), marked as assumed. Without a shape it is read_code itself.
"""
from __future__ import annotations

from ..spec import ReadResult
from .code import read_code
from .code_inputs import ASSUMED_INPUT


def read_code_assuming(source: str, assumed_input: tuple[int, ...] | None = None) -> ReadResult:
    """The model in the code, its constants and notes; an input the code does not give has this shape (without
    the batch axis). Never raises, never runs code."""
    if assumed_input is None:
        return read_code(source)
    token = ASSUMED_INPUT.set(tuple(assumed_input))
    try:
        return read_code(source)
    finally:
        ASSUMED_INPUT.reset(token)
