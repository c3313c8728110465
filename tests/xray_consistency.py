"""An X-ray that agrees with itself, checked from what the page renders.

Each layer family lists its X-ray examples in its own test file (`XRAY_CASES` in tests/layers/test_<family>.py,
a list of `XRayCase`) and runs `check_xray` on each; tests/test_xray_consistency.py checks that every kind with
an X-ray has a case. For each case, the kind's XRay on a small real model is rendered as the panel renders it
(explorer/ui/live_panel.py) and:
- the output grid's marked cells are exactly the followed index, and that cell shows the followed number;
- every window that is cut from a larger array says, in its caption, how much of it is shown;
- each number the text writes and the case knows how to recompute (`sums`: a sum of the products shown, a
  max or a mean of the cells shown, ...) equals its recomputation from the cells shown, within the rounding
  of its printed digits;
- no shape or index in the summary, the notes, the captions or the code has a thousands separator;
- no table cell (the checks' texts, the windows' labels and numbers) holds a backtick or a backslash escape,
  and no code span of the markdown holds a backslash escape (no markdown is rendered inside either).
"""
from __future__ import annotations

import re
from decimal import Decimal
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np

from explorer.layers import get_kind
from explorer.spec import ModelSpec
from explorer.live.base import GRID_COLS, GRID_ROWS, Grid, LayerCall, XRay
from explorer.ui.live_panel import check_rows, code_of, grid_caption, grid_frame, text
from live_models import call_of

LANGS = ("en", "zh")
Sum = tuple[float, str]  # (recomputed from the cells shown, the number as the text writes it)


@dataclass(frozen=True)
class XRayCase:
    """One X-ray to check. code: Keras code (a name= on every layer); layer: the layer's name; pick: the
    followed index; output: which grid shows the output around the followed number, and where: the
    (row, column) labels of the followed number in it, from the clamped pick; mark: "cell" (only the followed
    number is marked) or "col" / "row" (its column or row is, every marked cell holding the same number: copies);
    sums: (recomputed, written) pairs, computed from the X-ray's grids (the cells shown) and the Texts' params."""

    id: str
    code: str | ModelSpec  # Keras code, or a ModelSpec built by hand (operations, before the reader reads them)
    layer: str
    pick: tuple[int, ...] = ()
    output: int = -1
    where: Callable[[tuple[int, ...]], tuple[int, int]] = lambda p: (p[-2], p[-1]) if len(p) > 1 else (0, p[-1])
    mark: str = "cell"
    sums: Callable[[XRay, LayerCall], Iterable[Sum]] | None = None


def xray_of(case: XRayCase) -> tuple[XRay, LayerCall]:
    call = call_of(case.code, case.layer, case.pick)
    xray = get_kind(call.spec.kind).xray(call)
    assert xray is not None, case.id
    return xray, call


def params(item) -> dict[str, str]:
    """A Text's placeholders (already formatted as the page shows them)."""
    return dict(item.params)


def note(xray: XRay, key: str) -> dict[str, str]:
    """The params of the X-ray's note with this key (exactly one)."""
    found = [n for n in xray.notes if n.key == key]
    assert len(found) == 1, f"{key}: {len(found)} notes"
    return params(found[0])


def marked(g: Grid) -> np.ndarray:
    """The marked cells' numbers, in the order of g.marks."""
    return np.array([g.values[r, c] for r, c in g.marks])


def label_cell(g: Grid, row: int, col: int) -> tuple[int, int] | None:
    """The (row, column) position in the window of the cell labelled (row, col), or None if not shown."""
    rows, cols = list(g.rows), list(g.cols)
    if str(row) not in rows or str(col) not in cols:
        return None
    return rows.index(str(row)), cols.index(str(col))


def whole(g: Grid) -> bool:
    """Whether the window shows its whole array."""
    return tuple(getattr(g, "size", None) or ()) == g.values.shape


def fits(g: Grid) -> bool:
    """Whether the window's whole array is small enough to be shown whole."""
    size = getattr(g, "size", None) or g.values.shape
    return size[0] <= GRID_ROWS and size[1] <= GRID_COLS


def agrees(recomputed: float, written: str) -> bool:
    """`written` is `recomputed` printed: within half a unit of its last digit (and float32's rounding)."""
    number = Decimal(written.replace(",", "").replace("−", "-"))
    value = float(number)
    return abs(recomputed - value) <= 0.5 * 10.0 ** number.as_tuple().exponent + 1e-6 * max(1.0, abs(value))


# a (…) or […] whose items hold no space: a shape or an index, such as (1600, 10) or [1, 7]
SHAPE = re.compile(r"[(\[]([^()\[\]\s]*(?:,\s[^()\[\]\s]*)*)[)\]]")
SEPARATED = re.compile(r"\d,\d{3}(?!\d)")
CODE_SPAN = re.compile(r"`[^`]*`")


def separated_shapes(rendered: str) -> list[str]:
    return [m.group(0) for m in SHAPE.finditer(rendered) if SEPARATED.search(m.group(1))]


def rendered_texts(xray: XRay, lang: str) -> dict[str, str]:
    """What the page shows as markdown or code, by where it stands."""
    out = {"summary": text(lang, xray.summary), "code": code_of(xray, lang)}
    out |= {f"note {i} ({n.key})": text(lang, n) for i, n in enumerate(xray.notes)}
    out |= {f"caption {i} ({g.title.key})": grid_caption(g, lang) for i, g in enumerate(xray.grids)}
    return out


def check_xray(case: XRayCase) -> None:
    xray, call = xray_of(case)
    pick = call.picked()
    problems: list[str] = []

    # the followed number: marked where the text says, and shown as the layer gives it
    out = xray.grids[case.output]
    row, col = case.where(pick)
    at = label_cell(out, row, col)
    if at is None:
        problems.append(f"output grid {case.output}: the followed cell ({row}, {col}) is not shown "
                        f"(rows {out.rows}, columns {out.cols})")
    else:
        followed = f"{float(call.y[pick]):.4f}"
        if grid_frame(out).iat[at] != followed:
            problems.append(f"output grid: cell {at} shows {grid_frame(out).iat[at]}, "
                            f"the followed number is {followed}")
        if case.mark == "cell" and set(out.marks) != {at}:
            problems.append(f"output grid: marks {out.marks}, the followed cell is {at} (out{list(pick)})")
        if case.mark != "cell" and (at not in out.marks or not np.allclose(marked(out), out.values[at])):
            problems.append(f"output grid: marks {out.marks} are not copies of the followed cell {at}")

    # every window: consistent, and saying what it leaves out
    for i, g in enumerate(xray.grids):
        if g.values.shape != (len(g.rows), len(g.cols)):
            problems.append(f"grid {i}: {g.values.shape} numbers under {len(g.rows)} × {len(g.cols)} labels")
        if any(not (0 <= r < len(g.rows) and 0 <= c < len(g.cols)) for r, c in g.marks):
            problems.append(f"grid {i}: a mark outside the window: {g.marks}")
        size = getattr(g, "size", None)
        if size is None:
            problems.append(f"grid {i} ({g.title.key}): the whole array's size is not known, so a cut cannot be told")
        elif not whole(g):
            caption = grid_caption(g, "en")
            said = [f"{len(g.rows)} of {size[0]:,} rows" if len(g.rows) < size[0] else "",
                    f"{len(g.cols)} of {size[1]:,} columns" if len(g.cols) < size[1] else ""]
            if not all(s in caption for s in said if s):
                problems.append(f"grid {i}: cut from {size} to {g.values.shape}, its caption does not say so: "
                                f"{caption!r}")

    # the numbers written, recomputed from the cells shown
    for recomputed, written in (case.sums(xray, call) if case.sums else ()):
        if not agrees(recomputed, written):
            problems.append(f"written {written}, recomputed from the cells shown {recomputed:.6f}")

    for lang in LANGS:
        for where, rendered in rendered_texts(xray, lang).items():
            for shape in separated_shapes(rendered):
                problems.append(f"{lang} {where}: a thousands separator in {shape}")
            for span in CODE_SPAN.findall(rendered) if where != "code" else ():
                if "\\" in span:
                    problems.append(f"{lang} {where}: an escape inside a code span: {span}")
        cells = [cell for row_ in check_rows(xray, lang) for cell in row_.values()]
        cells += [label for g in xray.grids for label in (*g.rows, *g.cols)]
        cells += [str(v) for g in xray.grids for v in grid_frame(g).to_numpy().ravel()]
        for cell in cells:
            if "`" in cell or re.search(r"\\[\\`*_{}\[\]()#+\-.!|~:$&<>]", cell):
                problems.append(f"{lang} table cell with markdown in it: {cell!r}")
    assert not problems, f"{case.id} ({xray.cls} {xray.layer}, out{list(pick)}):\n  " + "\n  ".join(problems)


def cases_ids(cases: list[XRayCase]) -> list[str]:
    return [c.id for c in cases]


# -- the MNIST convnet of keras.io, at a batch of 2: its cases are the conv, pooling, reshaping, elementwise
# and dense families' --------------------------------------------------------------------------------------
MNIST = """import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(28, 28, 1), batch_size=2),
    layers.Conv2D(32, kernel_size=(3, 3), activation="relu", name="conv2d"),
    layers.MaxPooling2D(pool_size=(2, 2), name="max_pooling2d"),
    layers.Conv2D(64, kernel_size=(3, 3), activation="relu", name="conv2d_1"),
    layers.MaxPooling2D(pool_size=(2, 2), name="max_pooling2d_1"),
    layers.Flatten(name="flatten"),
    layers.Dropout(0.5, name="dropout"),
    layers.Dense(10, activation="softmax", name="dense"),
])
"""


def copied_from(grid: int):
    """A case's sums for a layer that copies numbers: the input window's marked cell is the followed number."""
    def sums(xray: XRay, call: LayerCall) -> Iterable[Sum]:
        g = xray.grids[grid]
        assert len(g.marks) == 1, g.marks
        yield float(marked(g)[0]), f"{float(call.y[call.picked()]):.6f}"
    return sums
