"""Axis letters and colours shared by every panel.

A learner's constant names say what an axis means: `seq_len` is time, `count_classes + 1` is
classes. `letter_hint` turns the code that gave a size into a letter; kinds propose a default
letter for each new axis and `AxisNamer` (layers/base.py) resolves clashes with subscripts.
"""
from __future__ import annotations

import re

_CLASS_NAMES = r"class|classes|label|labels|tags?|categor"
# (pattern in the source text, letter); first match wins. Patterns match whole name parts.
_HINTS: tuple[tuple[str, str], ...] = (
    (r"batch", "B"),
    (r"vocab|voc|num_words|max_features|max_words|num_tokens|n_tokens|tokens", "V"),
    (r"embed|emb", "E"),
    (r"seq|maxlen|max_len|timesteps?|time_?steps?|steps|length|len", "T"),
    (_CLASS_NAMES, "C"),
    (r"lstm|gru|rnn|hidden|latent|recurrent", "H"),
    (r"channels?", "C"),  # an image's channels: C; its classes then take another letter (CLASS_LETTERS)
    (r"filters?|kernels?_?count", "K"),
    (r"heads?", "N"),
)
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# the letters a model's classes take, in turn: C, unless C already means something else in this model (an
# image's channels), then K, then Y. A letter means one thing per model: never C for channels and C₂ for classes.
CLASS_LETTERS = ("C", "K", "Y")


def letter_hint(source: str) -> str | None:
    """'count_classes + 1' -> 'C'; 'seq_len' -> 'T'; '2 * units' -> None (no hint, kind default)."""
    names = [w.lower() for w in _WORD.findall(source or "")]
    for pattern, letter in _HINTS:
        if any(re.search(rf"(^|_)({pattern})(_|$|\d)", name) for name in names):
            return letter
    return None


def means_classes(source: str) -> bool:
    """Does the code that gave a size name classes ('num_classes', 'count_classes + 1', 'n_tags'), not
    channels ('channels', which hints C too)?"""
    names = [w.lower() for w in _WORD.findall(source or "")]
    return letter_hint(source) == CLASS_LETTERS[0] and any(
        re.search(rf"(^|_)({_CLASS_NAMES})(_|$|\d)", name) for name in names)


# Okabe–Ito palette (colour-blind safe) first, then more distinct colours; fixed letters keep
# today's colours so the question's page looks as it did.
FIXED_COLORS = {
    "B": "#7f7f7f", "T": "#0072B2", "V": "#8c564b", "E": "#009E73", "H": "#CC79A7",
    "F": "#E69F00", "U": "#56B4E9", "C": "#D55E00",
}
_SPARE = ("#9467bd", "#17becf", "#bcbd22", "#e377c2", "#2ca02c", "#1f77b4", "#ff7f0e", "#d62728",
          "#8c6d31", "#637939", "#7b4173", "#3182bd")
_SUBSCRIPT_DIGITS = str.maketrans("", "", "₀₁₂₃₄₅₆₇₈₉")


def base_letter(dim: str) -> str:
    """'H₂' -> 'H', '4H' -> 'H', '3' -> '3'."""
    text = dim.translate(_SUBSCRIPT_DIGITS)
    return text.lstrip("0123456789·×") or text


def axis_color(dim: str) -> str:
    """The colour of a letter: fixed for the classic ones, otherwise a stable spare colour."""
    base = base_letter(dim)
    if base in FIXED_COLORS:
        return FIXED_COLORS[base]
    if not base or base.isdigit():
        return "#7f7f7f"
    return _SPARE[sum(ord(ch) * (i + 1) for i, ch in enumerate(base)) % len(_SPARE)]
