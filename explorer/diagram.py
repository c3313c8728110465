"""The tensor-flow diagram of any model: every tensor a box labelled with its shape, every layer an
arrow into the box it produces, branches and joins where the functional API has them.

Columns are a node's depth (the longest path from an input), lanes separate the branches of one
column; a long chain wraps into bands of MAX_COLUMNS. Box height grows with log2 of the last axis
and width with log2 of the second, so a learner sees which axis a layer changes. Colours are the
axis colours of `explorer.axes`. Fixed layout, no animation: it screenshots identically.

The result is a `Drawing`, plain data in the diagram's own units (x to the right, y up); drawing it
is `explorer.diagram_plotly`'s job (a Plotly figure). It carries no markup: every text is runs of plain strings, so a
layer name from the learner's code is only ever text.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from .axes import axis_color
from .description import Description, Step, named, shape_text
from .layers import traits

WIDTH, BAND_HEIGHT = 1100, 440  # pixels: the drawing's width, and its height for one band
PIXELS_PER_UNIT_Y = 90  # each unit of height past one band adds this many pixels
MARGIN = (10, 10, 40, 10)  # left, right, top (the title), bottom, in pixels
ARROW_COLOR = "#888"
MAX_COLUMNS = 5
_STEP_X = 3.4  # distance between columns
_LANE_Y = 3.2  # distance between lanes of one band
_BAND_Y = 4.9  # extra distance between bands
_WRAP_STUB = 1.9  # length of the arrow into the first box of a band


@dataclass(frozen=True)
class Run:
    """A piece of one line of text, in one colour (None: the page's text colour)."""
    text: str
    color: str | None = None
    bold: bool = False


Line = tuple[Run, ...]


@dataclass(frozen=True)
class Label:
    """Lines of text centred on x; `anchor` says whether y is the top or the bottom of the block."""
    x: float
    y: float
    lines: tuple[Line, ...]
    size: int  # font size, pixels
    anchor: str  # "top" or "bottom"


@dataclass(frozen=True)
class Box:
    x0: float
    y0: float
    x1: float
    y1: float
    color: str
    opacity: float
    stroke: float  # outline width, pixels


@dataclass(frozen=True)
class Arrow:
    x0: float
    y0: float
    x1: float  # the head
    y1: float


@dataclass(frozen=True)
class Item:
    """One tensor (its boxes and labels) or one layer (its arrows and labels), with the details a
    pointer resting on it shows."""
    kind: str  # "tensor" or "layer"
    name: str
    details: tuple[str, ...]
    boxes: tuple[Box, ...] = ()
    arrows: tuple[Arrow, ...] = ()
    labels: tuple[Label, ...] = ()


@dataclass(frozen=True)
class Drawing:
    title: str
    width: int  # pixels
    height: int
    x_range: tuple[float, float]  # the units shown across the width (inside the margins)
    y_range: tuple[float, float]
    items: tuple[Item, ...]

    def texts(self) -> list[str]:
        """Every line of every label, as plain text (what a reader of the picture sees)."""
        return ["".join(run.text for run in line) for item in self.items for label in item.labels
                for line in label.lines]


def _size(n: int | None, scale: float, floor: float) -> float:
    return floor + scale * math.log2(1 + (n or 1))


def layout(desc: Description) -> dict[str, tuple[int, int]]:
    """(column, lane) of every step: column = depth, lane = order among the steps of that depth."""
    depth: dict[str, int] = {}
    for step in desc.steps:
        depth[step.name] = 1 + max((depth[p] for p in step.parents if p in depth), default=-1)
    lanes: dict[int, int] = {}
    places = {}
    for step in desc.steps:
        col = depth[step.name]
        places[step.name] = (col, lanes.get(col, 0))
        lanes[col] = lanes.get(col, 0) + 1
    return places


def step_label(step: Step) -> tuple[str, ...]:
    """The layer's name on its arrow: 'Bidirectional(LSTM)' and, for Bidirectional, its merge mode."""
    label = f"{step.cls}({step.inner_cls})" if step.inner_cls else step.cls
    if traits(step.cls).directions > 1:
        return label, f"(merge_mode={step.arg('merge_mode', 'concat')})"
    return (label,)


def _axes_line(axes) -> Line:
    """'(B, T, F)' with every letter in its axis colour."""
    runs = [Run("(")]
    for i, d in enumerate(axes):
        runs += ([Run(", ")] if i else []) + [Run(d, axis_color(d))]
    return tuple(runs + [Run(",)" if len(axes) == 1 else ")")])


def _tensor(step: Step, x0: float, y0: float, labels: dict[str, str]) -> Item:
    """The tensor a step outputs: a box drawn as a slab (a shadow box behind it for the batch axis)."""
    shape, dims = step.output_shape, step.output_dims
    width = _size(shape[1] if len(shape) >= 3 else None, 0.09, 0.25)
    height = _size(shape[-1] if len(shape) >= 3 else 1, 0.28, 0.3)
    depth = _size(shape[0], 0.04, 0.05)
    color = axis_color(dims[-1])
    cx = x0 + (width + depth) / 2
    shapes = tuple((Run(shape_text(s), bold=True),) for s in step.output_shapes)
    return Item("tensor", step.name, (
        f"{step.name} ({step.cls})",
        f"{labels['hover_shape']}: {', '.join(shape_text(s) for s in step.output_shapes)}",
        f"{labels['hover_named']}: {', '.join(named(a) for a in step.output_axes)}",
        f"{labels['hover_params']}: {step.params:,}",
    ), boxes=(
        Box(x0 + depth, y0 + depth, x0 + width + depth, y0 + height + depth, color, 0.35, 1),
        Box(x0, y0, x0 + width, y0 + height, color, 0.75, 2),
    ), labels=(
        Label(cx, y0 - 0.3, shapes, 14, "top"),
        Label(cx, y0 - 0.8 - 0.5 * (len(shapes) - 1), tuple(_axes_line(a) for a in step.output_axes), 14, "top"),
        Label(cx, y0 + height + depth + 0.12, ((Run(labels["tensor"].format(name=step.name)),),), 12, "bottom"),
    ))


def _layer(step: Step, boxes: dict[str, tuple[float, float, float, float]], labels: dict[str, str]) -> Item | None:
    """The layer that makes a step: one arrow from each drawn parent, labelled on the first."""
    arrows = []
    for parent in step.parents:
        if parent not in boxes:
            continue
        _px0, px1, py0, _ = boxes[parent]
        cx0, _, cy0, _ = boxes[step.name]
        end = (cx0 - 0.05, cy0 + 0.5)
        # an arrow that would run back across the drawing (the chain wrapped to the next band)
        # enters its box from the left margin instead of crossing other boxes and labels
        start = (px1 + 0.05, py0 + 0.5) if px1 < cx0 else (cx0 - _WRAP_STUB + 0.1, cy0 + 0.5)
        arrows.append(Arrow(start[0], start[1], end[0], end[1]))
    if not arrows:
        return None
    first = arrows[0]
    mid = ((first.x0 + first.x1) / 2, (first.y0 + first.y1) / 2)
    weights = weights_lines(step)
    return Item("layer", step.name, (step.name, f"{labels['weights']}:", *weights,
                                     f"{labels['hover_params']}: {step.params:,}"),
                arrows=tuple(arrows), labels=(
        Label(mid[0], mid[1] + 0.2, tuple((Run(line, bold=True),) for line in step_label(step)), 12, "bottom"),
        Label(mid[0], mid[1] - 0.15, tuple((Run(line),) for line in weights), 10, "top"),
    ))


def flow_drawing(desc: Description, labels: dict[str, str]) -> Drawing:
    """The tensors (boxes) and layers (arrows) of every step: the whole model, however long.
    labels: translated captions with keys 'tensor', 'weights', 'title', 'hover_shape', 'hover_named',
    'hover_params'."""
    places = layout(desc)
    lanes_per_band = max((lane for _, lane in places.values()), default=0) + 1
    bands = 1 + max((col // MAX_COLUMNS for col, _ in places.values()), default=0)
    left = _WRAP_STUB if bands > 1 else 0.0  # room for the arrows that enter a band from the one above
    band_y = lanes_per_band * _LANE_Y + _BAND_Y - _LANE_Y
    tensors, boxes = [], {}  # name -> x0, x1, y0, y1 of the tensor's slab
    for step in desc.steps:
        col, lane = places[step.name]
        x0 = left + (col % MAX_COLUMNS) * _STEP_X
        y0 = -((col // MAX_COLUMNS) * band_y + lane * _LANE_Y)
        item = _tensor(step, x0, y0, labels)
        tensors.append(item)
        back = item.boxes[0]
        boxes[step.name] = (x0, back.x1, y0, back.y1)
    layers = [item for item in (_layer(step, boxes, labels) for step in desc.steps) if item is not None]
    columns = min(MAX_COLUMNS, 1 + max((col for col, _ in places.values()), default=0))
    right = left + max(columns - 1, 4) * _STEP_X + 1.6
    bottom = -((bands - 1) * band_y + (lanes_per_band - 1) * _LANE_Y)
    return Drawing(labels["title"], WIDTH, BAND_HEIGHT + int(-bottom * PIXELS_PER_UNIT_Y), (-0.6, right),
                   (bottom - 1.5, 3.4), tuple(tensors + layers))


def weights_lines(step: Step) -> tuple[str, ...]:
    """('kernel (75, 200)', 'bias (200,)'); the two directions of a Bidirectional share one line per weight."""
    seen: dict[str, list[str]] = {}
    for w in step.weights:
        seen.setdefault(w.name, []).append(shape_text(w.shape))
    parts = []
    for name, shapes in seen.items():
        prefix = f"{len(shapes)} × " if len(shapes) > 1 and len(set(shapes)) == 1 else ""
        parts.append(f"{prefix}{name} {shapes[0]}" if prefix or len(shapes) == 1 else f"{name} {', '.join(shapes)}")
    return tuple(parts)
