"""The tensor-flow diagram of any model: every tensor a box labelled with its shape, every layer an
arrow into the box it produces, branches and joins where the functional API has them.

Columns are a node's depth (the longest path from an input), lanes separate the branches of one
column; a long chain wraps into bands of MAX_COLUMNS. Box height grows with log2 of the last axis
and width with log2 of the second, so a learner sees which axis a layer changes. Colours are the
axis colours of `explorer.axes`. Fixed layout, no animation: it screenshots identically.

Layers Keras counts as one (a model called as a layer, a backbone, a custom layer: the description's groups)
are drawn folded, as one box (a stack: its name and class above, its output shape and parameters below), unless
the learner opened them: a 150-layer backbone is one box until asked for. Code that could not be read is a
dashed box where the model goes on ("not read: line 14"), and an input whose shape the learner gave in the
sidebar says so under its box.

The result is a `Drawing`, plain data in the diagram's own units (x to the right, y up); drawing it
is `explorer.diagram_plotly`'s job (a Plotly figure). It carries no markup: every text is runs of plain strings, so a
layer name from the learner's code is only ever text.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from .axes import axis_color
from .description import Description, Group, Step, named, shape_text
from .layers import shown_class, traits
from .spec import ModelSpec

WIDTH, BAND_HEIGHT = 1100, 440  # pixels: the drawing's width, and its height for one band
PIXELS_PER_UNIT_Y = 90  # each unit of height past one band adds this many pixels
MARGIN = (10, 10, 40, 10)  # left, right, top (the title), bottom, in pixels
ARROW_COLOR = "#888"
GROUP_COLOR = "#7f7f7f"  # a folded group's stack of boxes, and a gap's dashed outline
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
    dashed: bool = False


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
    kind: str  # "tensor", "layer", "group" (a folded group: its boxes and the arrows into it), "gap" or "data"
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


@dataclass(frozen=True)
class Node:
    """One place of the drawing: a step, a folded group (its layers drawn as one box) or a gap of the code."""
    key: str  # a step's or a group's name; a gap's key can be no layer's name
    kind: str  # "step", "group" or "gap"
    parents: tuple[str, ...]
    line: int = 0


def _chain(desc: Description, name: str) -> list[Group]:
    """The groups holding a step, outermost first."""
    groups = {g.name: g for g in desc.groups}
    chain: list[Group] = []
    group = desc.group_of(name)
    while group is not None and group not in chain:
        chain.append(group)
        group = groups.get(group.parent)
    return chain[::-1]


def nodes(desc: Description, opened: tuple[str, ...] = (), gaps: tuple[tuple[int, str], ...] = ()) -> list[Node]:
    """What the drawing shows, in order: each step, except that the steps of a group not opened (or inside
    one) are its one box, where its first layer is; then a gap of the code after the last step read before
    its line."""
    shown = {}  # step -> the node it is drawn as
    for step in desc.steps:
        folded = next((g.name for g in _chain(desc, step.name) if g.name not in opened), None)
        shown[step.name] = folded or step.name
    steps = {s.name: s for s in desc.steps}
    groups = {g.name: g for g in desc.groups}
    out: list[Node] = []
    for step in desc.steps:
        key = shown[step.name]
        if any(n.key == key for n in out):
            continue
        members = groups[key].members if key in groups else (step.name,)
        parents = [shown[p] for m in members if m in steps for p in steps[m].parents if p in shown]
        kind = "group" if key in groups else "step"
        out.append(Node(key, kind, tuple(dict.fromkeys(p for p in parents if p != key))))
    for line in sorted({line for line, _key in gaps}):  # one box a line
        before = [shown[s.name] for s in desc.steps if 0 < s.line < line]
        out.append(Node(f"\n{line}", "gap", tuple(before[-1:]), line))
    return out


def layout(places_of: list[Node]) -> dict[str, tuple[int, int]]:
    """(column, lane) of every node: column = depth, lane = order among the nodes of that depth."""
    depth: dict[str, int] = {}
    for node in places_of:
        depth[node.key] = 1 + max((depth[p] for p in node.parents if p in depth), default=-1)
    lanes: dict[int, int] = {}
    places = {}
    for node in places_of:
        col = depth[node.key]
        places[node.key] = (col, lanes.get(col, 0))
        lanes[col] = lanes.get(col, 0) + 1
    return places


def step_label(step: Step) -> tuple[str, ...]:
    """The layer's name on its arrow: 'Bidirectional(LSTM)' and, for Bidirectional, its merge mode."""
    shown = shown_class(step.cls, step.args)
    label = f"{shown}({step.inner_cls})" if step.inner_cls else shown
    if traits(step.cls).directions > 1:
        return label, f"(merge_mode={step.arg('merge_mode', 'concat')})"
    return (label,)


def _axes_line(axes) -> Line:
    """'(B, T, F)' with every letter in its axis colour."""
    runs = [Run("(")]
    for i, d in enumerate(axes):
        runs += ([Run(", ")] if i else []) + [Run(d, axis_color(d))]
    return tuple(runs + [Run(",)" if len(axes) == 1 else ")")])


def _tensor(step: Step, x0: float, y0: float, labels: dict[str, str], assumed: bool = False) -> Item:
    """The tensor a step outputs: a box drawn as a slab (a shadow box behind it for the batch axis). assumed:
    an input whose shape the learner gave in the sidebar (said above its name)."""
    shape, dims = step.output_shape, step.output_dims
    width = _size(shape[1] if len(shape) >= 3 else None, 0.09, 0.25)
    height = _size(shape[-1] if len(shape) >= 3 else 1, 0.28, 0.3)
    depth = _size(shape[0], 0.04, 0.05)
    color = axis_color(dims[-1])
    cx = x0 + (width + depth) / 2
    shapes = tuple((Run(shape_text(s), bold=True),) for s in step.output_shapes)
    below = y0 - 0.8 - 0.5 * (len(shapes) - 1)
    given = traits(step.cls).given_shape  # a box whose shape the code gave: the page could not check it
    mark = ((Run(labels["assumed"], bold=True),), (Run(labels["assumed_where"]),)) if assumed else \
        ((Run(labels["given"], bold=True),),) if given else ()
    return Item("tensor", step.name, (
        f"{step.name} ({shown_class(step.cls, step.args)})",
        f"{labels['hover_shape']}: {', '.join(shape_text(s) for s in step.output_shapes)}",
        f"{labels['hover_named']}: {', '.join(named(a) for a in step.output_axes)}",
        f"{labels['hover_params']}: {step.params:,}",
    ) + ((labels["assumed_why"],) if assumed else (labels["given_why"],) if given else ()), boxes=(
        Box(x0 + depth, y0 + depth, x0 + width + depth, y0 + height + depth, color, 0.35, 1),
        Box(x0, y0, x0 + width, y0 + height, color, 0.75, 2),
    ), labels=(
        Label(cx, y0 - 0.3, shapes, 14, "top"),
        Label(cx, below, tuple(_axes_line(a) for a in step.output_axes), 14, "top"),
        Label(cx, y0 + height + depth + 0.12, mark + ((Run(labels["tensor"].format(name=step.name)),),), 12, "bottom"),
    ))


_GROUP_W, _GROUP_H, _GROUP_SHADOW = 1.8, 0.9, 0.14  # a folded group's front box, and the offset of the one behind
_GAP_W, _GAP_H = 1.8, 0.7


def _group(group: Group, x0: float, y0: float, labels: dict[str, str]) -> Item:
    """A folded group: a stack of two boxes (many layers as one), its name and class above, what leaves it and
    its parameters below, how many layers are inside written on it."""
    cx = x0 + (_GROUP_W + _GROUP_SHADOW) / 2
    shapes = tuple((Run(shape_text(s), bold=True),) for s in group.output_shapes)
    inside = labels["group_inside"].format(count=len(group.members))
    params = f"{labels['hover_params']}: {group.params:,}"
    shares = tuple((Run(line),) for line in shared_lines(group.shares, labels))
    return Item("group", group.name, group_details(group, labels), boxes=(
        Box(x0 + _GROUP_SHADOW, y0 + _GROUP_SHADOW, x0 + _GROUP_W + _GROUP_SHADOW, y0 + _GROUP_H + _GROUP_SHADOW,
            GROUP_COLOR, 0.15, 1),
        Box(x0, y0, x0 + _GROUP_W, y0 + _GROUP_H, GROUP_COLOR, 0.3, 2),
    ), labels=(
        Label(cx, y0 + _GROUP_H + _GROUP_SHADOW + 0.12, ((Run(f"{group.name} ({group.label})", bold=True),),),
              12, "bottom"),
        Label(x0 + _GROUP_W / 2, y0 + _GROUP_H / 2 + 0.15, ((Run(f"▸ {inside}"),),), 11, "top"),
        Label(cx, y0 - 0.3, shapes + ((Run(params),),) + shares, 13, "top"),
    ))


def _gap(line: int, x0: float, y0: float, labels: dict[str, str]) -> Item:
    """Where the model goes on in code that could not be read: a dashed, empty box."""
    title = labels["gap"].format(line=line)
    return Item("gap", "", (title, labels["gap_why"]), boxes=(
        Box(x0, y0, x0 + _GAP_W, y0 + _GAP_H, GROUP_COLOR, 0.05, 2, dashed=True),
    ), labels=(
        Label(x0 + _GAP_W / 2, y0 + _GAP_H / 2 + 0.12, ((Run(title, bold=True),),), 12, "top"),
    ))


def _arrows(parents: tuple[str, ...], name: str, boxes: dict[str, tuple[float, float, float, float]]) -> list[Arrow]:
    """One arrow from each drawn parent into the box of `name`."""
    arrows = []
    for parent in parents:
        if parent not in boxes:
            continue
        _px0, px1, py0, _ = boxes[parent]
        cx0, _, cy0, _ = boxes[name]
        end = (cx0 - 0.05, cy0 + 0.5)
        # an arrow that would run back across the drawing (the chain wrapped to the next band)
        # enters its box from the left margin instead of crossing other boxes and labels
        start = (px1 + 0.05, py0 + 0.5) if px1 < cx0 else (cx0 - _WRAP_STUB + 0.1, cy0 + 0.5)
        arrows.append(Arrow(start[0], start[1], end[0], end[1]))
    return arrows


def _layer(step: Step, parents: tuple[str, ...], boxes: dict[str, tuple[float, float, float, float]],
           labels: dict[str, str]) -> Item | None:
    """The layer that makes a step: one arrow from each drawn parent, labelled on the first."""
    arrows = _arrows(parents, step.name, boxes)
    if not arrows:
        return None
    first = arrows[0]
    mid = ((first.x0 + first.x1) / 2, (first.y0 + first.y1) / 2)
    weights = weights_lines(step) or shared_lines(step.shares, labels)
    names = step_label(step)
    if abs(first.x1 - first.x0) < _SHORT_ARROW:  # after a group's wide box: a long class name on two lines
        names = tuple(part for line in names for part in _halves(line))
    return Item("layer", step.name, (step.name, f"{labels['weights']}:", *weights,
                                     f"{labels['hover_params']}: {step.formula.text()}"),
                arrows=tuple(arrows), labels=(
        Label(mid[0], mid[1] + 0.2, tuple((Run(line, bold=True),) for line in names), 12, "bottom"),
        Label(mid[0], mid[1] - 0.15, tuple((Run(line),) for line in weights), 11, "top"),
    ))


_GROUP_ROOM = 1.5  # how much wider a folded group's box is than a tensor's, about
_SHORT_ARROW = 2.2  # an arrow shorter than this (units) cannot hold a long class name on one line


def _halves(name: str, longest: int = 12) -> tuple[str, ...]:
    """'GlobalAveragePooling1D' -> ('GlobalAverage', 'Pooling1D'), 'TimeDistributed(Dense)' -> ('TimeDistributed',
    '(Dense)'): split before the parenthesis, or at the capital nearest the middle, for a name longer than `longest`
    letters; shorter names, and names with neither, stay whole."""
    if len(name) <= longest:
        return (name,)
    if "(" in name[1:]:  # 'TimeDistributed(Dense)': the wrapper, then what it wraps
        cut = name.index("(", 1)
        return name[:cut], name[cut:]
    cuts = [i for i in range(1, len(name)) if name[i].isupper() and name[i - 1].islower()]
    if not cuts:
        return (name,)
    cut = min(cuts, key=lambda i: abs(len(name) / 2 - i))
    return name[:cut], name[cut:]


@dataclass(frozen=True)
class DataEnd:
    """Data written at an end of the model (the training code's): x over the input it enters (role "x"), the
    labels under the output the loss compares them with (role "y"). node: that input's or output layer's name;
    caption: before its shape ("x: your data"); arrow: how it meets the model ("fit", the loss's name)."""

    role: str
    node: str
    shape: tuple
    axes: tuple[str, ...]
    caption: str
    arrow: str


_CHAR_UNITS = 0.11  # about how wide a character of a 12 px label is, in the diagram's units (63 px a unit)
_Y_ROOM = 1.4  # how much lower the drawing goes for the labels written under an output


def _data_labels(ends: tuple[DataEnd, ...], boxes: dict[str, tuple[float, float, float, float]],
                 items: list[Item], x_range: tuple[float, float]) -> list[Item]:
    """The data as words at the model's two ends, in the diagram's scale (no column of its own: the model keeps
    its size): x's shape, named axes and call over its input's name, the loss and y under its output's axes;
    each kept inside the drawing's width."""
    out = []
    for i, end in enumerate(ends):
        if end.node not in boxes:
            continue
        x0, x1, y0, y1 = boxes[end.node]
        front = next((item.boxes[-1] for item in items if item.kind == "tensor" and item.name == end.node), None)
        cx = (x0 + front.x1) / 2 if front is not None else (x0 + x1) / 2
        shape = (Run(shape_text(end.shape), bold=True), Run(" "), *_axes_line(end.axes))
        if end.role == "x":  # over the input's name: what fit feeds it
            lines = ((Run(end.caption),), shape, (Run(f"↓ {end.arrow}"),))
        else:  # under the output's named axes: what the loss compares it with
            lines = ((Run(f"↕ {end.arrow}", bold=True),), (Run(end.caption),), shape)
        half = max(len("".join(run.text for run in line)) for line in lines) * _CHAR_UNITS / 2
        cx = min(max(cx, x_range[0] + half + 0.1), x_range[1] - half - 0.1)
        label = Label(cx, y1 + 0.5, lines, 12, "bottom") if end.role == "x" else \
            Label(cx, y0 - 1.4, lines, 12, "top")
        out.append(Item("data", f"\n{end.role}{i}", (), labels=(label,)))
    return out


def flow_drawing(desc: Description, labels: dict[str, str], spec: ModelSpec | None = None,
                 opened: tuple[str, ...] = (), ends: tuple[DataEnd, ...] = ()) -> Drawing:
    """The tensors (boxes) and layers (arrows) of every step: the whole model, however long; each group not
    in `opened` folded into one box. labels: translated captions with keys 'tensor', 'weights', 'title',
    'hover_shape', 'hover_named', 'hover_params', 'group_inside', 'group_hint', 'gap', 'gap_why', 'assumed',
    'assumed_where', 'assumed_why', 'given', 'given_why' (and 'shared', with '{first}': a later call of a shared
    layer or group says under its arrow or box whose weights it uses). spec: where the gaps of the code and the
    inputs the learner gave come from."""
    drawn = nodes(desc, opened, spec.gaps if spec is not None else ())
    assumed = {i.name for i in spec.inputs if i.assumed} if spec is not None else set()
    steps = {s.name: s for s in desc.steps}
    groups = {g.name: g for g in desc.groups}
    places = layout(drawn)
    lanes_per_band = max((lane for _, lane in places.values()), default=0) + 1
    bands = 1 + max((col // MAX_COLUMNS for col, _ in places.values()), default=0)
    left = _WRAP_STUB if bands > 1 else 0.0  # room for the arrows that enter a band from the one above
    band_y = lanes_per_band * _LANE_Y + _BAND_Y - _LANE_Y
    shown, boxes = [], {}  # node -> x0, x1, y0, y1 of its box (a tensor's slab)
    group_columns = {places[n.key][0] for n in drawn if n.kind == "group"}
    # a folded group is wider than a tensor: the columns after it in its band move right, so its arrow out is long
    shift = {col: _GROUP_ROOM * sum(1 for g in group_columns if g // MAX_COLUMNS == col // MAX_COLUMNS and g < col)
             for col in {c for c, _ in places.values()}}
    for node in drawn:
        col, lane = places[node.key]
        x0 = left + (col % MAX_COLUMNS) * _STEP_X + shift[col]
        y0 = -((col // MAX_COLUMNS) * band_y + lane * _LANE_Y)
        if node.kind == "group":
            item = _group(groups[node.key], x0, y0, labels)
        elif node.kind == "gap":
            item = _gap(node.line, x0, y0, labels)
        else:
            item = _tensor(steps[node.key], x0, y0, labels, node.key in assumed)
        back = item.boxes[0]
        boxes[node.key] = (x0, back.x1, y0, back.y1)
        if node.kind != "step":  # a group's or a gap's arrows come with its box
            item = Item(item.kind, item.name, item.details, item.boxes, tuple(_arrows(node.parents, node.key, boxes)),
                        item.labels)
        shown.append(item)
    layers = [item for item in (_layer(steps[n.key], n.parents, boxes, labels) for n in drawn if n.kind == "step")
              if item is not None]
    columns = min(MAX_COLUMNS, 1 + max((col for col, _ in places.values()), default=0))
    wide = 0.4 if any(n.kind != "step" for n in drawn) else 0.0  # a group's stack is wider than a tensor
    right = left + max(columns - 1, 4) * _STEP_X + 1.6 + wide + max(shift.values(), default=0.0)
    data = _data_labels(ends, boxes, shown, (-0.6, right))
    bottom = -((bands - 1) * band_y + (lanes_per_band - 1) * _LANE_Y)
    bottom -= _Y_ROOM if any(end.role == "y" for end in ends) else 0.0
    return Drawing(labels["title"], WIDTH, BAND_HEIGHT + int(-bottom * PIXELS_PER_UNIT_Y), (-0.6, right),
                   (bottom - 1.5, 3.4), tuple(shown + layers + data))


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


def shared_lines(first: str, labels: dict[str, str]) -> tuple[str, ...]:
    """('shares the weights of dense',) for a later call of a shared layer or group (first: its first call), else
    () (and where the labels have no such words)."""
    return (labels["shared"].format(first=first),) if first and labels.get("shared") else ()


def group_details(group: Group, labels: dict[str, str]) -> tuple[str, ...]:
    """What a folded group's box tells on hover or tap: its name and kind, what leaves it, its parameters (and
    whose weights it uses again), how many layers it holds and how to open it."""
    return (f"{group.name} ({group.label})",
            f"{labels['hover_shape']}: {', '.join(shape_text(s) for s in group.output_shapes)}",
            f"{labels['hover_params']}: {group.params:,}", *shared_lines(group.shares, labels),
            labels["group_inside"].format(count=len(group.members)), labels["group_hint"])


def step_details(step: Step, labels: dict[str, str]) -> tuple[str, ...]:
    """Everything the diagram shows of one layer, as lines of text (a tap's details below the chart, where a touch
    screen has no hover): 'dense (Dense)', 'shape: (30, 50, 75) → (30, 50, 200)', 'named: (B, T, F) → (B, T, U)',
    its weights, 'parameters: F × U + U = 75 × 200 + 200 = 15,200'."""
    def shapes(found) -> str:
        return ", ".join(shape_text(s) for s in found)

    def axes(found) -> str:
        return ", ".join(named(a) for a in found)

    arrow = " → " if step.input_shapes else ""
    weights = weights_lines(step)
    return ((f"{step.name} ({' '.join(step_label(step))})",
             f"{labels['hover_shape']}: {shapes(step.input_shapes)}{arrow}{shapes(step.output_shapes)}",
             f"{labels['hover_named']}: {axes(step.input_axes)}{arrow}{axes(step.output_axes)}")
            + ((f"{labels['weights']}: {'; '.join(weights)}",) if weights else ())
            + shared_lines(step.shares, labels)
            + (f"{labels['hover_params']}: {step.formula.text()}",))


def tap_details(desc: Description, name: object, labels: dict[str, str]) -> tuple[str, ...]:
    """The details of the layer or group a tap (or a click) chose, by the name its point carries in customdata;
    () for a name this model does not have (a gap's point carries '')."""
    step = next((s for s in desc.steps if s.name == name), None) if isinstance(name, str) and name else None
    if step is not None:
        return step_details(step, labels)
    group = next((g for g in desc.groups if g.name == name), None) if isinstance(name, str) and name else None
    return group_details(group, labels) if group is not None else ()
