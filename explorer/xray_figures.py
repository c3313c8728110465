"""Figures of the wrapper X-ray: the 4H gate pre-activations of one LSTM step, and the two directions.

Both show sequence 0 only; large axes are cut to their first entries (the titles and captions say how many).
"""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .dims import DIM_COLORS
from .xray import KERAS_GATE_ORDER, BidirectionalXray, LstmStep

GATE_COLORS = {"i": "#0072B2", "f": "#E69F00", "c": "#009E73", "o": "#CC79A7"}
WIDTH = 1100
MAX_STEPS, MAX_UNITS = 50, 16


def gates_figure(step: LstmStep, labels: dict[str, str]) -> go.Figure:
    """z[0] (4H,) as bars, one colour per H-wide gate block. labels: title, axis_x, axis_y, gate.i … gate.o."""
    z = step.z[0]
    h = z.shape[0] // 4
    fig = go.Figure()
    for k, gate in enumerate(KERAS_GATE_ORDER):
        cols = np.arange(k * h, (k + 1) * h)
        fig.add_trace(go.Bar(x=cols, y=z[cols], name=labels[f"gate.{gate}"], marker_color=GATE_COLORS[gate],
                             hovertemplate=f"{gate}[%{{customdata}}] = z[%{{x}}] = %{{y:.5f}}<extra></extra>",
                             customdata=cols - k * h))
    fig.update_layout(title=dict(text=labels["title"], font=dict(size=13)), width=WIDTH, height=300, bargap=0,
                      margin=dict(l=10, r=10, t=50, b=10), legend=dict(orientation="h", y=-0.25),
                      xaxis=dict(title=labels["axis_x"], color=DIM_COLORS["4H"]), yaxis=dict(title=labels["axis_y"]),
                      transition=dict(duration=0))
    return fig


def bidirectional_figure(bx: BidirectionalXray, labels: dict[str, str]) -> tuple[go.Figure, int, int]:
    """Heatmaps (steps × units) of forward, backward as returned, backward reversed and merged, for sequence 0.

    The first `steps` steps of forward, reversed backward and merged; for the backward output as it comes out,
    its last `steps` steps, which hold the same numbers upside down (its step T−1 is token 0).
    labels: forward, backward_raw, backward, merged. Returns the figure and how many steps and units it shows.
    """
    total = bx.forward.shape[1]
    steps = min(total, MAX_STEPS)
    units = min(bx.forward.shape[2], MAX_UNITS)
    first, last = list(range(steps)), list(range(total - steps, total))
    panels = ((bx.forward, first), (bx.backward_raw, last), (bx.backward, first), (bx.merged, first))
    titles = tuple(labels[k] for k in ("forward", "backward_raw", "backward", "merged"))
    fig = make_subplots(rows=1, cols=4, subplot_titles=titles, horizontal_spacing=0.04)
    for i, (arr, ts) in enumerate(panels, start=1):
        fig.add_trace(go.Heatmap(z=arr[0, ts, :units], y=ts, colorscale="RdBu", zmid=0, showscale=False,
                                 hovertemplate="t=%{y}, unit %{x}: %{z:.5f}<extra></extra>"), row=1, col=i)
        fig.update_yaxes(autorange="reversed", title_text="t" if i == 1 else None,
                         color=DIM_COLORS["T"], row=1, col=i)
        fig.update_xaxes(color=DIM_COLORS["H"], row=1, col=i)
    fig.update_layout(width=WIDTH, height=120 + 9 * steps, margin=dict(l=10, r=10, t=40, b=10),
                      transition=dict(duration=0))
    fig.update_annotations(font_size=12)
    return fig, steps, units
