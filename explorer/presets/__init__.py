"""Presets: classic shape puzzles as Keras 3 code, written for this project.

Each preset is a file in this folder that a learner could run as is, except `question.py`, the question's
code as posted, kept with its Keras 2 habits and mistakes for the reader's notes to explain. The explorer
only reads a preset as text, through the same reader as pasted code. The first preset is the default page:
the question's tagger in Keras 3, whose named numbers are the sidebar's (and today's share links') settings.
"""
from __future__ import annotations

from functools import cache
from pathlib import Path

TITLE_KEYS = {  # each preset (its file's name) -> the words of its title in the preset box, in the box's order
    "tagger": "preset.tagger",
    "question": "preset.question",
    "stacked_bilstm": "preset.stacked_bilstm",
    "seq2seq": "preset.seq2seq",
    "conv1d_text": "preset.conv1d_text",
    "image_cnn": "preset.image_cnn",
    "gru_tagger": "preset.gru_tagger",
    "two_inputs": "preset.two_inputs",
}
PRESETS = tuple(TITLE_KEYS)
DEFAULT_PRESET = PRESETS[0]
_HERE = Path(__file__).resolve().parent


@cache
def preset_code(name: str) -> str:
    """The preset's code; KeyError for a name that is not a preset (never a path from the user)."""
    if name not in PRESETS:
        raise KeyError(name)
    return (_HERE / f"{name}.py").read_text(encoding="utf-8")
