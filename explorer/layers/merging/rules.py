"""Concatenate's shape rule, read by its kind (to refuse and explain an input) and by its mistakes
(to find an axis that would not join), and which axes Dot sums over, read by its kind and its X-ray: one
module both read, so neither imports the other."""
from __future__ import annotations

from ..base import Shape


def concat_mismatch(shapes: tuple[Shape, ...], axis: int):
    """The first disagreement that stops a concatenation, or None:
    ("rank", j) — input j has another number of axes; ("range", rank) — `axis` does not exist;
    ("size", j, position, size_0, size_j) — input j differs from input 0 on a non-joined axis."""
    rank = len(shapes[0])
    for j, shape in enumerate(shapes[1:], start=1):
        if len(shape) != rank:
            return ("rank", j)
    if not -rank <= axis < rank:
        return ("range", rank)
    joined = axis % rank
    for j, shape in enumerate(shapes[1:], start=1):
        for position in range(rank):
            a, b = shapes[0][position], shape[position]
            if position != joined and a is not None and b is not None and a != b:
                return ("size", j, position, a, b)
    return None


def dot_axes(axes, shapes: tuple[Shape, ...]) -> tuple[int, int]:
    """The summed axis of each input, as Keras reads `axes` (a negative int counts from each input's end;
    a pair may be negative too); not yet checked against the ranks."""
    if isinstance(axes, int):
        return tuple(axes % len(s) if axes < 0 else axes for s in shapes[:2])
    return tuple(int(a) % len(s) if -len(s) <= a < 0 else int(a) for a, s in zip(axes, shapes))
