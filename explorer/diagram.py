"""The tensor-flow diagram of any model: every tensor a box labelled with its shape, every layer an
arrow into the box it produces, branches and joins where the functional API has them.

Columns are a node's depth (the longest path from an input), lanes separate the branches of one
column; a long chain wraps into bands of MAX_COLUMNS. Box height grows with log2 of the last axis
and width with log2 of the second, so a learner sees which axis a layer changes. Colours are the
axis colours of `explorer.axes`. Fixed layout, no animation: it screenshots identically.
"""
from __future__ import annotations

import dataclasses
import math

import plotly.graph_objects as go

from .axes import axis_color
from .shapes import Description, Step

WIDTH, BAND_HEIGHT = 1100, 440
MAX_COLUMNS = 5
MAX_STEPS = 30  # tensors drawn; the page says when a model has more
_STEP_X = 3.4  # distance between columns
_LANE_Y = 3.2  # distance between lanes of one band
_BAND_Y = 4.9  # extra distance between bands
_WRAP_STUB = 1.9  # length of the arrow into the first box of a band


def _size(n: int | None, scale: float, floor: float) -> float:
    return floor + scale * math.log2(1 + (n or 1))


def shape_text(shape) -> str:
    return "(" + ", ".join("None" if d is None else str(d) for d in shape) + ("," if len(shape) == 1 else "") + ")"


def named(dims) -> str:
    return "(" + ", ".join(dims) + ("," if len(dims) == 1 else "") + ")"


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


def step_label(step: Step) -> str:
    label = f"{step.cls}({step.inner_cls})" if step.inner_cls else step.cls
    if step.cls == "Bidirectional":
        label += f"<br>(merge_mode={step.arg('merge_mode', 'concat')})"
    return label


class _Collector:
    """Shapes and annotations gathered as plain dicts: Plotly validates them once, in one figure
    (adding them one by one re-validates the whole layout each time: minutes for 250 layers)."""

    def __init__(self):
        self.shapes: list[dict] = []
        self.annotations: list[dict] = []

    def add_shape(self, **kwargs) -> None:
        self.shapes.append(kwargs)

    def add_annotation(self, **kwargs) -> None:
        self.annotations.append(kwargs)


def flow_figure(desc: Description, labels: dict[str, str]) -> go.Figure:
    """A Plotly figure of the tensors (boxes) and layers (arrows), of the first MAX_STEPS steps.
    labels: translated captions with keys 'tensor', 'weights', 'title', 'hover_shape', 'hover_named',
    'hover_params'."""
    fig = _Collector()
    desc = shown_part(desc)
    places = layout(desc)
    lanes_per_band = max((lane for _, lane in places.values()), default=0) + 1
    bands = 1 + max((col // MAX_COLUMNS for col, _ in places.values()), default=0)
    left = _WRAP_STUB if bands > 1 else 0.0  # room for the arrows that enter a band from the one above
    hover_x, hover_y, hover_text, hover_color = [], [], [], []
    boxes: dict[str, tuple[float, float, float, float]] = {}  # name -> x0, x1, y0, y1
    for step in desc.steps:
        col, lane = places[step.name]
        band = col // MAX_COLUMNS
        shape, dims = step.output_shape, step.output_dims
        width = _size(shape[1] if len(shape) >= 3 else None, 0.09, 0.25)
        height = _size(shape[-1] if len(shape) >= 3 else 1, 0.28, 0.3)
        depth = _size(shape[0], 0.04, 0.05)
        x0 = left + (col % MAX_COLUMNS) * _STEP_X
        y0 = -(band * (lanes_per_band * _LANE_Y + _BAND_Y - _LANE_Y) + lane * _LANE_Y)
        color = axis_color(dims[-1])
        fig.add_shape(type="rect", x0=x0 + depth, y0=y0 + depth, x1=x0 + width + depth, y1=y0 + height + depth,
                      line=dict(color=color, width=1), fillcolor=color, opacity=0.35, layer="below")
        fig.add_shape(type="rect", x0=x0, y0=y0, x1=x0 + width, y1=y0 + height,
                      line=dict(color=color, width=2), fillcolor=color, opacity=0.75)
        cx = x0 + (width + depth) / 2
        boxes[step.name] = (x0, x0 + width + depth, y0, y0 + height + depth)
        shapes = "<br>".join(f"<b>{shape_text(s)}</b>" for s in step.output_shapes)
        fig.add_annotation(x=cx, y=y0 - 0.3, text=shapes, showarrow=False, font=dict(size=14), yanchor="top")
        dim_text = "<br>".join(
            "(" + ", ".join(f"<span style='color:{axis_color(d)}'>{d}</span>" for d in axes) + ")"
            for axes in step.output_axes)
        fig.add_annotation(x=cx, y=y0 - 0.8 - 0.5 * (len(step.output_shapes) - 1), text=dim_text, showarrow=False,
                           font=dict(size=14), yanchor="top")
        fig.add_annotation(x=cx, y=y0 + height + depth + 0.12, text=labels["tensor"].format(name=step.name),
                           showarrow=False, font=dict(size=12), yanchor="bottom")
        hover_x.append(cx)
        hover_y.append(y0 + (height + depth) / 2)
        hover_color.append(color)
        hover_text.append(
            f"<b>{step.name}</b> ({step.cls})<br>{labels['hover_shape']}: "
            f"{', '.join(shape_text(s) for s in step.output_shapes)}"
            f"<br>{labels['hover_named']}: {', '.join(named(a) for a in step.output_axes)}"
            f"<br>{labels['hover_params']}: {step.params:,}"
        )
    for step in desc.steps:
        for i, parent in enumerate(step.parents):
            if parent not in boxes:
                continue
            px0, px1, py0, _ = boxes[parent]
            cx0, _, cy0, _ = boxes[step.name]
            end = (cx0 - 0.05, cy0 + 0.5)
            # an arrow that would run back across the figure (the chain wrapped to the next band)
            # enters its box from the left margin instead of crossing other boxes and labels
            start = (px1 + 0.05, py0 + 0.5) if px1 < cx0 else (cx0 - _WRAP_STUB + 0.1, cy0 + 0.5)
            fig.add_annotation(x=end[0], y=end[1], ax=start[0], ay=start[1], xref="x", yref="y", axref="x",
                               ayref="y", showarrow=True, arrowhead=2, arrowsize=1.2, arrowwidth=2, arrowcolor="#888")
            if i:
                continue  # one label per layer, on its first incoming arrow
            mid = ((start[0] + end[0]) / 2, (start[1] + end[1]) / 2)
            fig.add_annotation(x=mid[0], y=mid[1] + 0.2, text=f"<b>{step_label(step)}</b>", showarrow=False,
                               font=dict(size=12), yanchor="bottom")
            weights = weights_text(step)
            fig.add_annotation(x=mid[0], y=mid[1] - 0.15, text=weights, showarrow=False, font=dict(size=10),
                               yanchor="top")
            hover_x.append(mid[0])
            hover_y.append(mid[1])
            hover_color.append("#888")
            hover_text.append(f"<b>{step.name}</b><br>{labels['weights']}:<br>{weights}<br>"
                              f"{labels['hover_params']}: {step.params:,}")
    hover = go.Scatter(x=hover_x, y=hover_y, mode="markers", hoverinfo="text", hovertext=hover_text,
                       marker=dict(size=18, color=hover_color, opacity=0.01), showlegend=False)
    columns = min(MAX_COLUMNS, 1 + max((col for col, _ in places.values()), default=0))
    right = left + max(columns - 1, 4) * _STEP_X + 1.6
    bottom = -((bands - 1) * (lanes_per_band * _LANE_Y + _BAND_Y - _LANE_Y) + (lanes_per_band - 1) * _LANE_Y)
    height = BAND_HEIGHT + int((bottom * -1) * 90)
    return go.Figure(data=[hover], layout=dict(
        width=WIDTH, height=height, margin=dict(l=10, r=10, t=40, b=10), title=dict(text=labels["title"], x=0.01),
        xaxis=dict(visible=False, range=[-0.6, right], fixedrange=True),
        yaxis=dict(visible=False, range=[bottom - 1.5, 3.4], fixedrange=True),
        transition=dict(duration=0), hovermode="closest", dragmode=False,
        shapes=fig.shapes, annotations=fig.annotations,
    ))


def shown_part(desc: Description) -> Description:
    """The description cut to its first MAX_STEPS steps (the diagram of a huge model would be
    metres tall; the table keeps every layer)."""
    if len(desc.steps) <= MAX_STEPS:
        return desc
    return dataclasses.replace(desc, steps=desc.steps[:MAX_STEPS])


def weights_text(step: Step) -> str:
    """'kernel (75, 200)<br>bias (200,)'; the two directions of a Bidirectional share one line per weight."""
    seen: dict[str, list[str]] = {}
    for w in step.weights:
        seen.setdefault(w.name, []).append(shape_text(w.shape))
    parts = []
    for name, shapes in seen.items():
        prefix = f"{len(shapes)} × " if len(shapes) > 1 and len(set(shapes)) == 1 else ""
        parts.append(f"{prefix}{name} {shapes[0]}" if prefix or len(shapes) == 1 else f"{name} {', '.join(shapes)}")
    return "<br>".join(parts)
