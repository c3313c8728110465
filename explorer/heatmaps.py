"""Small heatmaps that follow one output number through reshape → matmul → reshape back.

Panels: rows of H.reshape(-1, F) around row r = b·T + t; the columns of W around unit u; the
(B·T, U) product around (r, u); and the (T, U) slice of the reshaped output for batch b around (t, u).
Large axes are windowed (the titles say which indices are shown).
"""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .demo import DenseDemo, Position
from .dims import DIM_COLORS

WIDTH, HEIGHT = 1100, 380
ROWS, COLS, FEATS = 7, 7, 12


def window(center: int, size: int, length: int) -> range:
    """Up to `size` consecutive indices around center, inside [0, length)."""
    start = min(max(center - size // 2, 0), max(length - size, 0))
    return range(start, min(start + size, length))


def position_figure(demo: DenseDemo, pos: Position, labels: dict[str, str]) -> go.Figure:
    """labels: 'flat', 'kernel', 'product', 'reshaped' titles with {…} placeholders filled here."""
    bt, f = demo.flat.shape
    u_total = demo.kernel.shape[1]
    t_total = demo.hidden.shape[1]
    rows = window(pos.row, ROWS, bt)
    units = window(pos.unit, COLS, u_total)
    feats = range(0, min(FEATS, f))
    steps = window(pos.step, ROWS, t_total)
    titles = (
        labels["flat"].format(rows=f"{rows.start}–{rows.stop - 1}", feats=f"{feats.start}–{feats.stop - 1}", F=f),
        labels["kernel"].format(feats=f"{feats.start}–{feats.stop - 1}", units=f"{units.start}–{units.stop - 1}"),
        labels["product"].format(rows=f"{rows.start}–{rows.stop - 1}", units=f"{units.start}–{units.stop - 1}"),
        labels["reshaped"].format(b=pos.batch, steps=f"{steps.start}–{steps.stop - 1}",
                                  units=f"{units.start}–{units.stop - 1}"),
    )
    fig = make_subplots(rows=1, cols=4, subplot_titles=[_two_lines(t) for t in titles], horizontal_spacing=0.06)
    panels = (
        (demo.flat[np.ix_(rows, feats)], list(rows), list(feats), ("row", pos.row)),
        (demo.kernel[np.ix_(feats, units)], list(feats), list(units), ("col", pos.unit)),
        (demo.product[np.ix_(rows, units)], list(rows), list(units), ("cell", (pos.row, pos.unit))),
        (demo.reshaped[pos.batch][np.ix_(steps, units)], list(steps), list(units), ("cell", (pos.step, pos.unit))),
    )
    for i, (z, ys, xs, (kind, where)) in enumerate(panels, start=1):
        fig.add_trace(go.Heatmap(z=z, x=[str(x) for x in xs], y=[str(y) for y in ys], colorscale="RdBu",
                                 zmid=0, showscale=False, hovertemplate="[%{y}, %{x}] = %{z:.5f}<extra></extra>"),
                      row=1, col=i)
        _highlight(fig, i, kind, where, xs, ys)
        fig.update_yaxes(autorange="reversed", type="category", row=1, col=i)
        fig.update_xaxes(type="category", row=1, col=i)
    fig.update_layout(width=WIDTH, height=HEIGHT, margin=dict(l=10, r=10, t=60, b=10), transition=dict(duration=0))
    fig.update_annotations(font_size=12)
    return fig


def _two_lines(title: str) -> str:
    """'what: which indices' on two lines: a quarter of the figure is too narrow for one."""
    for sep in (": ", "："):
        head, found, tail = title.partition(sep)
        if found:
            return f"{head}{found.strip()}<br>{tail}"
    return title


def _highlight(fig: go.Figure, col: int, kind: str, where, xs: list[int], ys: list[int]) -> None:
    """A rectangle around the highlighted row, column or cell (category axes: index ± 0.5)."""
    color = DIM_COLORS["C"]
    if kind == "row":
        y = ys.index(where)
        box = (-0.5, y - 0.5, len(xs) - 0.5, y + 0.5)
    elif kind == "col":
        x = xs.index(where)
        box = (x - 0.5, -0.5, x + 0.5, len(ys) - 0.5)
    else:
        y, x = ys.index(where[0]), xs.index(where[1])
        box = (x - 0.5, y - 0.5, x + 0.5, y + 0.5)
    axis = "" if col == 1 else str(col)
    fig.add_shape(type="rect", x0=box[0], y0=box[1], x1=box[2], y1=box[3], xref=f"x{axis}", yref=f"y{axis}",
                  line=dict(color=color, width=3), fillcolor="rgba(0,0,0,0)")
