"""The tensor-flow diagram: every tensor a box labelled with its shape, every layer a step between boxes.

Box height grows with log2 of the last (feature) axis and width with log2 of T, so a learner sees
the feature axis change E → F → U → C while B and T stay. Colours are the named-dimension colours
of `explorer.dims`. Fixed size, no animation: it screenshots identically.
"""
from __future__ import annotations

import math

import plotly.graph_objects as go

from .config import Config
from .describe import LayerInfo
from .dims import DIM_COLORS, named, shape_text

WIDTH, HEIGHT = 1100, 440
_STEP_X = 3.4  # distance between tensor boxes
_BOTTOM = 0.0


def _size(n: int | None, scale: float, floor: float) -> float:
    return floor + scale * math.log2(1 + (n or 1))


def flow_figure(infos: list[LayerInfo], cfg: Config, labels: dict[str, str]) -> go.Figure:
    """A Plotly figure of the tensors (boxes) and layers (arrows). labels: translated captions
    with keys 'tensor', 'weights', 'title', 'hover_shape', 'hover_named', 'hover_params'."""
    fig = go.Figure()
    hover_x, hover_y, hover_text, hover_color = [], [], [], []
    centers = []
    for i, info in enumerate(infos):
        shape, dims = info.output_shape, info.output_dims
        last = dims[-1]
        width = _size(shape[1], 0.09, 0.25)
        height = _size(shape[-1] if len(shape) == 3 else 1, 0.28, 0.3)
        depth = _size(shape[0], 0.04, 0.05)
        x0 = i * _STEP_X
        y0 = _BOTTOM
        color = DIM_COLORS[last]
        # back face offset up-right by the batch depth, then the front face on top of it
        fig.add_shape(type="rect", x0=x0 + depth, y0=y0 + depth, x1=x0 + width + depth, y1=y0 + height + depth,
                      line=dict(color=color, width=1), fillcolor=color, opacity=0.35, layer="below")
        fig.add_shape(type="rect", x0=x0, y0=y0, x1=x0 + width, y1=y0 + height,
                      line=dict(color=color, width=2), fillcolor=color, opacity=0.75)
        cx = x0 + (width + depth) / 2
        centers.append((x0, x0 + width + depth, y0 + (height + depth) / 2))
        fig.add_annotation(x=cx, y=y0 - 0.3, text=f"<b>{shape_text(shape)}</b>", showarrow=False,
                           font=dict(size=14), yanchor="top")
        dim_text = ", ".join(f"<span style='color:{DIM_COLORS[d]}'>{d}</span>" for d in dims)
        fig.add_annotation(x=cx, y=y0 - 0.8, text=f"({dim_text})", showarrow=False, font=dict(size=14),
                           yanchor="top")
        fig.add_annotation(x=cx, y=y0 + height + depth + 0.12, text=labels["tensor"].format(name=info.name),
                           showarrow=False, font=dict(size=12), yanchor="bottom")
        hover_x.append(cx)
        hover_y.append(y0 + (height + depth) / 2)
        hover_color.append(color)
        hover_text.append(
            f"<b>{info.name}</b> ({info.cls})<br>{labels['hover_shape']}: {shape_text(shape)}"
            f"<br>{labels['hover_named']}: {named(dims)}<br>{labels['hover_params']}: {info.params:,}"
        )
    for i, info in enumerate(infos[1:], start=1):
        left_end, right_start = centers[i - 1][1], centers[i][0]
        y = 0.5
        fig.add_annotation(x=right_start - 0.05, y=y, ax=left_end + 0.05, ay=y, xref="x", yref="y", axref="x",
                           ayref="y", showarrow=True, arrowhead=2, arrowsize=1.2, arrowwidth=2, arrowcolor="#888")
        mid = (left_end + right_start) / 2
        step = info.cls if info.name != "bidirectional" else f"{info.cls}<br>(merge_mode={cfg.merge_mode})"
        fig.add_annotation(x=mid, y=y + 0.2, text=f"<b>{step}</b>", showarrow=False, font=dict(size=12),
                           yanchor="bottom")
        weights = _weights_text(info)
        fig.add_annotation(x=mid, y=y - 0.15, text=weights, showarrow=False, font=dict(size=10), yanchor="top")
        hover_x.append(mid)
        hover_y.append(y)
        hover_color.append("#888")
        hover_text.append(f"<b>{info.name}</b><br>{labels['weights']}:<br>{weights}<br>"
                          f"{labels['hover_params']}: {info.params:,}")
    fig.add_trace(go.Scatter(x=hover_x, y=hover_y, mode="markers", hoverinfo="text", hovertext=hover_text,
                             marker=dict(size=18, color=hover_color, opacity=0.01), showlegend=False))
    right = (len(infos) - 1) * _STEP_X + 1.6
    fig.update_layout(
        width=WIDTH, height=HEIGHT, margin=dict(l=10, r=10, t=40, b=10), title=dict(text=labels["title"], x=0.01),
        xaxis=dict(visible=False, range=[-0.6, right], fixedrange=True),
        yaxis=dict(visible=False, range=[-1.5, 3.4], fixedrange=True),
        transition=dict(duration=0), hovermode="closest", dragmode=False,
    )
    return fig


def _weights_text(info: LayerInfo) -> str:
    """'kernel (75, 200)<br>bias (200,)'; the two LSTM directions share one line per weight."""
    seen: dict[str, list[str]] = {}
    for w in info.weights:
        seen.setdefault(w.name, []).append(shape_text(w.shape))
    parts = []
    for name, shapes in seen.items():
        prefix = "2 × " if len(shapes) == 2 else ""
        parts.append(f"{prefix}{name} {shapes[0]}")
    return "<br>".join(parts)
