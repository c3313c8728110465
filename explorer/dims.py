"""Named dimensions: one letter per axis meaning, one colour each, used by every panel."""
from __future__ import annotations

from .config import Config

# Okabe–Ito palette (colour-blind safe) plus neutrals; the same letter always has the same colour.
DIM_COLORS = {
    "B": "#7f7f7f",
    "T": "#0072B2",
    "V": "#8c564b",
    "E": "#009E73",
    "H": "#CC79A7",
    "4H": "#CC79A7",
    "F": "#E69F00",
    "U": "#56B4E9",
    "C": "#D55E00",
}
DIM_ORDER = ("B", "T", "V", "E", "H", "F", "U", "C")


def dim_values(cfg: Config) -> dict[str, int]:
    """The size of each named dimension in this configuration."""
    return {
        "B": cfg.batch_size,
        "T": cfg.seq_len,
        "V": cfg.vocab_size,
        "E": cfg.embed_dim,
        "H": cfg.lstm_units,
        "4H": 4 * cfg.lstm_units,
        "F": cfg.features,
        "U": cfg.dense_units,
        "C": cfg.head_units,
    }


def named(dims: tuple[str, ...]) -> str:
    """('B', 'T', 'E') -> '(B, T, E)'; a single axis keeps Python's trailing comma."""
    return "(" + ", ".join(dims) + ("," if len(dims) == 1 else "") + ")"


def shape_text(shape: tuple[int | None, ...]) -> str:
    """(30, 50, 64) -> '(30, 50, 64)'; None (any batch size) stays 'None'."""
    return "(" + ", ".join("None" if d is None else str(d) for d in shape) + ("," if len(shape) == 1 else "") + ")"
