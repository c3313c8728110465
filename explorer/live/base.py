"""What every live X-ray and "break it" case shares: the layer call they look at, what they return.

An X-ray recomputes one layer of the built model with plain numpy from its real weights and the
real tensors of one forward pass (explorer/live/trace.py), and compares the result with the
layer's own output. It returns data (an `XRay`): a summary in words, the recomputation as code,
the checks (largest absolute difference), small windows of the arrays, notes. One panel draws
every kind's X-ray; a kind brings only its numbers.

Texts are (i18n key, params) pairs, so the same X-ray is shown in every language.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from collections.abc import Callable

import numpy as np

from ..description import Description, Step, shape_text
from ..spec import LayerSpec, ModelSpec

TOLERANCE = 1e-5  # a recomputation "matches" when every element is this close to the layer's output
XRAY_BYTES = 64 * 1024 * 1024  # what one X-ray may hold on top of the model and its forward pass
GRID_ROWS, GRID_COLS = 8, 7  # the largest window of an array shown on the page (two side by side fit)
HEAT_ROWS, HEAT_COLS = 64, 64  # the largest window of a plane a heatmap shows (and an X-ray keeps of it)


@dataclass(frozen=True)
class Text:
    """A sentence of the page: an i18n key and its placeholders (already formatted as text)."""

    key: str
    params: tuple[tuple[str, str], ...] = ()

    @staticmethod
    def of(key: str, **params: object) -> Text:
        return Text(key, tuple((k, v if isinstance(v, str) else _fmt(v)) for k, v in params.items()))


def _fmt(value: object) -> str:
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):  # plain: a number may stand in a shape or in code, where a separator is wrong
        return str(value)
    if isinstance(value, float):
        return f"{value:.3g}"
    if isinstance(value, tuple):
        return shape_text(value)
    return str(value)


@dataclass(frozen=True)
class Line:
    """One line of shown code and its comment: a Text (translated on the page) or a str of symbols
    only (shapes, indices, arrows), so the code reads the same in every language."""

    code: str
    note: Text | str = ""


def code_text(code, translate: Callable[[Text], str]) -> str:
    """The code as text, comments in the page's language and aligned; `translate` renders a Text."""
    if isinstance(code, str):
        return code
    notes = [translate(line.note) if isinstance(line.note, Text) else line.note for line in code]
    width = max((len(line.code) for line, note in zip(code, notes) if note and line.code), default=0) + 2
    return "\n".join(f"# {note}" if note and not line.code else f"{line.code.ljust(width)}# {note}" if note
                     else line.code for line, note in zip(code, notes))


@dataclass(frozen=True)
class Check:
    """One recomputation against Keras: the largest |ours − the layer's| over `size` elements."""

    what: Text
    diff: float
    size: int

    @property
    def ok(self) -> bool:
        return self.diff < TOLERANCE


@dataclass(frozen=True)
class Grid:
    """A window of one array for the page (at most GRID_ROWS × GRID_COLS numbers). rows and cols
    are the window's indices in the whole array, as text; marks: highlighted (row, col) cells of
    the window; size: (rows, columns) of the whole 2-D array it is cut from (None: the window is
    the whole array), so the page can say what the window leaves out."""

    title: Text
    values: np.ndarray
    rows: tuple[str, ...]
    cols: tuple[str, ...]
    marks: tuple[tuple[int, int], ...] = ()
    size: tuple[int, int] | None = None

    @property
    def whole(self) -> tuple[int, int]:
        return self.size if self.size is not None else self.values.shape

    @property
    def cut(self) -> bool:
        """Whether numbers of the array are left out of the window."""
        return tuple(self.whole) != tuple(self.values.shape)


@dataclass(frozen=True, eq=False)
class Heat:
    """A 2-D plane of a real tensor the recomputation uses, drawn as a heatmap above the numbers' windows.

    values: a window of the plane of at most HEAT_ROWS × HEAT_COLS (float64), cut around the followed
    cell; start: the whole plane's (row, column) index of values[0, 0]; size: the whole plane's (rows,
    columns); rows / cols: the axes' names (axis letters such as "T" or "B·T", or a Text); mark: the highlighted
    rectangle (row, col, height, width) in the window (a cell, a row, the taps of a window), or None;
    labels: names of the rows (gate letters) instead of their indices."""

    title: Text
    values: np.ndarray
    rows: Text | str
    cols: Text | str
    mark: tuple[int, int, int, int] | None = None
    start: tuple[int, int] = (0, 0)
    size: tuple[int, int] | None = None
    labels: tuple[str, ...] = ()

    @property
    def whole(self) -> tuple[int, int]:
        return self.size if self.size is not None else tuple(self.values.shape)

    @property
    def cut(self) -> bool:
        """Whether cells of the plane are left out of the window."""
        return tuple(self.whole) != tuple(self.values.shape)


def heat(title: Text, plane: np.ndarray, rows: Text | str, cols: Text | str, row: int = 0, col: int = 0,
         mark: tuple[int, int] | str | None = "cell", labels: tuple[str, ...] = ()) -> Heat:
    """A Heat of a 2-D (or 1-D: one row) plane: a window of at most HEAT_ROWS × HEAT_COLS around (row, col).
    mark: "cell" (the followed cell), "row", "col", a (height, width) rectangle whose top left is (row, col), or
    None. Only the window is copied (a view of a large tensor stays a view until then)."""
    a = np.asarray(plane)
    if a.ndim == 1:
        a, row = a[None, :], 0
    n_rows, n_cols = a.shape
    row, col = min(max(row, 0), max(n_rows - 1, 0)), min(max(col, 0), max(n_cols - 1, 0))
    extent = (1, 1) if mark == "cell" else (1, n_cols) if mark == "row" else (n_rows, 1) if mark == "col" else mark
    top, left = (row, 0) if mark == "row" else (0, col) if mark == "col" else (row, col)
    center = ((top + (min(extent[0], HEAT_ROWS) - 1) // 2, left + (min(extent[1], HEAT_COLS) - 1) // 2)
              if isinstance(extent, tuple) else (row, col))
    rs, cs = window(center[0], HEAT_ROWS, n_rows), window(center[1], HEAT_COLS, n_cols)
    values = np.array(a[rs.start:rs.stop, cs.start:cs.stop], dtype=np.float64)
    box = None
    if isinstance(extent, tuple):
        r0, c0 = max(top, rs.start), max(left, cs.start)
        r1, c1 = min(top + extent[0], rs.stop), min(left + extent[1], cs.stop)
        box = (r0 - rs.start, c0 - cs.start, r1 - r0, c1 - c0) if r1 > r0 and c1 > c0 else None
    return Heat(title, values, rows, cols, box, (rs.start, cs.start), (n_rows, n_cols),
                tuple(labels[rs.start:rs.stop]) if labels else ())



def plane_axes(rank: int) -> tuple[int | None, int]:
    """The two axes of a (B, …) array a heatmap shows by default: a vector's one row; a (B, F) array whole; a
    sequence's steps × features of one sample; an image's (or a volume's) rows × columns at one channel (and depth),
    the channels last. None: the plane's single row."""
    return (None, 0) if rank <= 1 else (0, 1) if rank == 2 else (1, 2) if rank == 3 else (rank - 3, rank - 2)


def plane_text(name: str, index: tuple[int, ...], rank: int, axes: tuple[int | None, int] | None = None) -> str:
    """Which plane of an array a heatmap shows, in symbols: 'x' for rank ≤ 2, else 'x[3, :, :, 5]'."""
    rows, cols = axes if axes is not None else plane_axes(rank)
    if rank <= 2 and (rows, cols) == plane_axes(rank):
        return name
    return f"{name}[" + ", ".join(":" if i in (rows, cols) else str(p) for i, p in enumerate(index)) + "]"


def heat_at(key: str, array: np.ndarray, element: tuple[int, ...], name: str, letters: tuple[str, ...] = (),
            mark: tuple[int, int] | str | None = "cell", axes: tuple[int | None, int] | None = None,
            corner: tuple[int, ...] | None = None, **params: object) -> Heat:
    """A Heat of the plane of an N-D array through `element` (over `axes`, default `plane_axes`), its window
    around it, marked as `heat` marks (a (height, width) rectangle's top left is `corner`, an element of the same
    plane, default element itself). The title key gets `where` (the plane, in symbols) and `at` (the element's
    index) besides params; the axes are named by `letters`."""
    a = np.asarray(array)
    index = tuple(int(i) for i in element[:a.ndim]) + (0,) * max(0, a.ndim - len(element))
    title = Text.of(key, where=plane_text(name, index, a.ndim, axes), at=index_text(index), **params)
    if corner is not None:
        index = tuple(int(i) for i in corner[:a.ndim]) + (0,) * max(0, a.ndim - len(corner))
    if a.ndim == 0:
        return heat(title, a.reshape(1, 1), "", "", 0, 0, mark)
    rows, cols = axes if axes is not None else plane_axes(a.ndim)
    view = a[tuple(slice(None) if i in (rows, cols) else p for i, p in enumerate(index))]
    if rows is not None and rows > cols:
        view = view.T
    letter = lambda axis: letters[axis] if axis is not None and axis < len(letters) else ""
    return heat(title, view, letter(rows), letter(cols), index[rows] if rows is not None else 0, index[cols], mark)


def along_mark(axes: tuple[int, ...], rank: int, plane: tuple[int | None, int] | None = None) -> str:
    """How a heat of the default plane marks the numbers a followed one is computed with along `axes`: its row,
    its column, or only the cell when they run across planes."""
    rows, cols = plane if plane is not None else plane_axes(rank)
    return "row" if tuple(axes) == (cols,) else "col" if tuple(axes) == (rows,) else "cell"


def plane_box(shape: tuple[int, ...], element: tuple[int, ...], spans: dict[int, tuple[int, int]],
              plane: tuple[int | None, int] | None = None) -> tuple[tuple[int, ...], tuple[int, int]]:
    """(top left, (height, width)) on the plane through `element` (default `plane_axes`) of the numbers that run
    over `spans` (axis -> (first, count)) and sit at element's index on every other axis: the rectangle a heat
    outlines for a group of channels or a reduced slice."""
    corner, extent = list(element), []
    for axis in plane if plane is not None else plane_axes(len(shape)):
        if axis is None:
            extent.append(1)
            continue
        first, count = spans.get(axis, (element[axis], 1))
        corner[axis] = first
        extent.append(count)
    return tuple(corner), (extent[0], extent[1])

def input_output_heats(call: LayerCall, src: tuple[int, ...], pick: tuple[int, ...] | None = None,
                       in_mark: tuple[int, int] | str | None = "cell", x: np.ndarray | None = None,
                       corner: tuple[int, ...] | None = None) -> tuple[Heat, ...]:
    """The input's plane through x[src] (marked as in_mark, a rectangle from `corner`) and the output's through
    out[pick] (its cell marked): what a layer that keeps the numbers' places (or moves them) shows. x: another
    input than the first."""
    pick = call.picked() if pick is None else pick
    x = call.x if x is None else x
    return (heat_at("live.xray.heat_in", x, src, "x", call.in_axes, in_mark, corner=corner),
            heat_at("live.xray.heat_out", call.y, pick, "out", call.out_axes))

@dataclass(frozen=True)
class XRay:
    """One layer, recomputed. checks compare with the layer's own output; grids show where the
    followed number comes from; notes say what was bounded or what a setting changes."""

    layer: str
    cls: str
    summary: Text
    code: str | tuple[Line, ...]  # the recomputation in numpy; this model's shapes in its comments
    checks: tuple[Check, ...]
    grids: tuple[Grid, ...] = ()
    notes: tuple[Text, ...] = ()
    heats: tuple[Heat, ...] = ()  # heatmaps of the tensors the recomputation uses, the followed cell marked

    @property
    def largest_diff(self) -> float:
        return max((c.diff for c in self.checks), default=0.0)


@dataclass(frozen=True)
class LayerCall:
    """One layer of the built model and what flowed through it in the forward pass.

    step: the description's step (shapes with the batch, axis letters, args, weights);
    layer: the built Keras layer, shared read-only (call it with training=False only);
    inputs / outputs / states: numpy arrays of the trace (states: the initial_state tensors);
    pick: an index into the first output that the learner chose to follow (clamp it with `clamp`).
    """

    step: Step
    spec: LayerSpec
    layer: Any
    inputs: tuple[np.ndarray, ...]
    outputs: tuple[np.ndarray, ...]
    states: tuple[np.ndarray, ...] = ()
    pick: tuple[int, ...] = ()

    @property
    def x(self) -> np.ndarray:
        return self.inputs[0]

    @property
    def y(self) -> np.ndarray:
        return self.outputs[0]

    @property
    def in_axes(self) -> tuple[str, ...]:
        return self.step.input_axes[0] if self.step.input_axes else ()

    @property
    def out_axes(self) -> tuple[str, ...]:
        return self.step.output_axes[0]

    def picked(self, shape: tuple[int, ...] | None = None) -> tuple[int, ...]:
        """The followed index, clamped into `shape` (default: the first output's shape)."""
        return clamp(self.pick, shape if shape is not None else self.y.shape)


@dataclass(frozen=True)
class Mistake:
    """A common mistake with one layer of this model, to run live.

    key: which mistake it is; title_key, why_key: its words, each key written out
    ("mistake.return_sequences.title"), with their placeholders in params; layer: the layer it is made on;
    broken: that layer as the mistake writes it (the page describes and builds the model with it, so
    the error is Keras's own, and the fix comes from explorer.diagnose); or run: a function on small
    arrays that raises the real error (numpy, TensorFlow or Keras), or returns a float: how far a
    silently wrong result is from the right one. code: the mistaken line(s) with this model's numbers.
    """

    key: str
    layer: str
    params: tuple[tuple[str, str], ...] = ()
    broken: LayerSpec | None = None
    run: Callable[[], Any] | None = field(default=None, compare=False, hash=False)
    code: str | tuple[Line, ...] = ""
    source: str = "Keras"  # who raises the error: Keras, TensorFlow or numpy
    title_key: str = ""  # "" for none: the page then names the mistake by its key
    why_key: str = ""


@dataclass(frozen=True)
class Core:
    """What a family's mistakes ask of the explorer's core, passed in by the break-it runner
    (explorer.live.breakit.CORE), so that a family imports neither the describer nor the registry.

    describe(model): its Description; describe_layer(layer, in_shapes, in_axes, namer): one layer
    (a layers.base.Ctx), raising what Keras raises; construct(layer): our own unbuilt Keras layer;
    layer_code(layer): its Keras 3 code line; kind(class_name): its LayerKind, or None.
    """

    describe: Callable[[ModelSpec], Description]
    describe_layer: Callable[..., Any]
    construct: Callable[[LayerSpec], Any]
    layer_code: Callable[[LayerSpec], str]
    kind: Callable[[str], Any]


# -- helpers every X-ray uses ------------------------------------------------------------------------
DIFF_CHUNK = 1 << 20  # elements compared at a time: the float64 copies stay at a few MB


def max_abs_diff(a: np.ndarray, b: np.ndarray) -> float:
    """max |a − b| in float64, a chunk at a time (never a float64 copy of a whole large array)."""
    a, b = np.asarray(a), np.asarray(b)
    if a.shape != b.shape:
        raise ValueError(f"shapes differ: {a.shape} vs {b.shape}")
    flat_a, flat_b = a.reshape(-1), b.reshape(-1)
    largest = 0.0
    for start in range(0, flat_a.size, DIFF_CHUNK):
        part = flat_a[start:start + DIFF_CHUNK].astype(np.float64) - flat_b[start:start + DIFF_CHUNK]
        largest = max(largest, float(np.max(np.abs(part))))
    return largest


def check(key: str, ours: np.ndarray, theirs: np.ndarray, **params: object) -> Check:
    return Check(Text.of(key, **params), max_abs_diff(ours, theirs), int(np.asarray(theirs).size))


def clamp(pick: tuple[int, ...], shape: tuple[int, ...]) -> tuple[int, ...]:
    """pick padded with zeros (or cut) to the rank of shape, each index inside [0, size)."""
    pick = tuple(pick[: len(shape)]) + (0,) * max(0, len(shape) - len(pick))
    return tuple(min(max(int(i), 0), max(n - 1, 0)) for i, n in zip(pick, shape))


def window(center: int, size: int, length: int) -> range:
    """Up to `size` consecutive indices around center, inside [0, length)."""
    start = min(max(center - size // 2, 0), max(length - size, 0))
    return range(start, min(start + size, length))


def grid(title: Text, array: np.ndarray, row: int = 0, col: int = 0, mark: str = "cell",
         size: tuple[int, int] | None = None) -> Grid:
    """A window of a 2-D (or 1-D, shown as one row) array around (row, col). mark: "cell", "row",
    "col" or "" (nothing highlighted). size: the (rows, columns) of the whole array when `array` is
    itself already cut from a larger one (default: array's own)."""
    a = np.asarray(array)
    if a.ndim == 1:
        a, row = a[None, :], 0
    rows, cols = window(row, GRID_ROWS, a.shape[0]), window(col, GRID_COLS, a.shape[1])
    values = np.asarray(a[np.ix_(rows, cols)], dtype=np.float64)
    r, c = row - rows.start, col - cols.start
    marks = {"cell": ((r, c),), "row": tuple((r, j) for j in range(len(cols))),
             "col": tuple((i, c) for i in range(len(rows))), "": ()}[mark]
    return Grid(title, values, tuple(str(i) for i in rows), tuple(str(j) for j in cols), marks,
                tuple(size) if size is not None else a.shape)


def samples_within(call: LayerCall, floats_per_sample: int) -> int:
    """How many samples of the batch a recomputation may use so it holds at most XRAY_BYTES
    (floats_per_sample: the float64 numbers it keeps per sample). At least 1."""
    batch = call.x.shape[0] if call.inputs and call.x.ndim else 1
    return max(1, min(batch, XRAY_BYTES // max(1, 8 * floats_per_sample)))


def index_text(index: tuple[int, ...]) -> str:
    return "[" + ", ".join(str(i) for i in index) + "]"
