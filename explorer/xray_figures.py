"""An X-ray's heatmaps as Plotly figures (plain dicts, the JSON Plotly reads: one `heatmap` trace each).

Each `Heat` of an XRay (explorer/live/base.py) is a window of a real tensor the recomputation uses: the
input, the kernel, a recurrent layer's gates over time, attention weights, the output. Its figure keeps the
whole plane's indices on its axes (named by the tensor's axes), marks the followed cell (or the row, column or
window it comes from) with a rectangle, centres the colour scale at 0 when the numbers have both signs, and
says in its title what the window leaves out. At most HEAT_ROWS × HEAT_COLS cells whatever it is given. The
exact numbers stay in the X-ray's tables: a heatmap is for looking.

Every text is escaped for Plotly's small HTML subset: titles may hold the learner's layer names.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from html import escape

import numpy as np

from .live.base import HEAT_COLS, HEAT_ROWS, Heat, Text, window

CELL_PX = 9  # pixels per row of cells: a 64-row window is about 580 pixels tall
MIN_HEIGHT, MAX_HEIGHT = 190, 640
DIGITS = 6  # significant digits a cell keeps in the figure (the tables show 4 decimals)
# Diverging scales centred at 0: blue below, red above; the middle is the page's background, so 0 fades out
SIGNED = {"light": [[0.0, "#2166ac"], [0.5, "#f7f7f7"], [1.0, "#b2182b"]],
          "dark": [[0.0, "#4393c3"], [0.5, "#262730"], [1.0, "#d6604d"]]}
UNSIGNED = {"light": "Blues", "dark": "Viridis"}
MARK_COLOR = {"light": "#111111", "dark": "#fafafa"}


def capped(h: Heat) -> Heat:
    """The Heat cut to at most HEAT_ROWS × HEAT_COLS cells around its mark (or its top left without one):
    a Heat built elsewhere may hold a whole plane."""
    rows, cols = h.values.shape
    if rows <= HEAT_ROWS and cols <= HEAT_COLS:
        return h
    r, c, height, width = h.mark if h.mark is not None else (0, 0, 1, 1)
    rs = window(r + (min(height, HEAT_ROWS) - 1) // 2, HEAT_ROWS, rows)
    cs = window(c + (min(width, HEAT_COLS) - 1) // 2, HEAT_COLS, cols)
    mark = None
    if h.mark is not None:
        r0, c0 = max(r, rs.start), max(c, cs.start)
        r1, c1 = min(r + height, rs.stop), min(c + width, cs.stop)
        mark = (r0 - rs.start, c0 - cs.start, r1 - r0, c1 - c0) if r1 > r0 and c1 > c0 else None
    return replace(h, values=h.values[rs.start:rs.stop, cs.start:cs.stop], mark=mark,
                   start=(h.start[0] + rs.start, h.start[1] + cs.start), size=h.whole,
                   labels=h.labels[rs.start:rs.stop] if h.labels else ())


def left_out(h: Heat) -> Text | None:
    """What the window leaves out of the whole plane, as a Text, or None when it shows all of it."""
    (rows, cols), (shown_rows, shown_cols) = h.whole, h.values.shape
    r0, c0 = h.start
    where = dict(first_row=r0, last_row=r0 + shown_rows - 1, rows=rows, first_col=c0, last_col=c0 + shown_cols - 1,
                 cols=cols)
    if shown_rows < rows and shown_cols < cols:
        return Text.of("live.xray.heat_cut_both", **where)
    if shown_rows < rows:
        return Text.of("live.xray.heat_cut_rows", **where)
    if shown_cols < cols:
        return Text.of("live.xray.heat_cut_cols", **where)
    return None


def signed(values: np.ndarray) -> bool:
    """Whether the numbers shown have both signs (or only negative ones): the scale is then centred at 0."""
    finite = values[np.isfinite(values)]
    return bool(finite.size) and float(finite.min()) < 0


def _cells(values: np.ndarray) -> list[list[float | None]]:
    """The numbers as JSON: DIGITS significant digits, None (a gap) for NaN."""
    return [[float(f"{v:.{DIGITS}g}") if np.isfinite(v) else None for v in row] for row in values.tolist()]


def heat_figure(h: Heat, translate: Callable[[Text], str], theme: str = "light") -> dict:
    """The figure of one Heat. translate renders a Text in the page's language; theme: "light" or "dark"
    (the colours of the scale and of the mark; the background and fonts are the page's)."""
    theme = theme if theme in MARK_COLOR else "light"
    h = capped(h)
    values = np.asarray(h.values, dtype=np.float64)
    n_rows, n_cols = values.shape
    r0, c0 = h.start
    rows_title, cols_title = (escape(translate(a) if isinstance(a, Text) else a, quote=False) for a in (h.rows, h.cols))
    title = escape(translate(h.title), quote=False)
    cut = left_out(h)
    if cut is not None:
        title += f"<br><sup>{escape(translate(cut), quote=False)}</sup>"
    is_signed = signed(values)
    trace = {"type": "heatmap", "z": _cells(values), "x": list(range(c0, c0 + n_cols)),
             "y": list(range(r0, r0 + n_rows)), "xgap": 1 if n_cols <= 16 else 0, "ygap": 1 if n_rows <= 16 else 0,
             "colorscale": SIGNED[theme] if is_signed else UNSIGNED[theme],
             "hovertemplate": f"{rows_title}: %{{y}}<br>{cols_title}: %{{x}}<br>%{{z:.4f}}<extra></extra>",
             "colorbar": {"thickness": 10, "len": 0.9}, "hoverongaps": False}
    if is_signed:
        finite = np.abs(values[np.isfinite(values)])
        reach = float(finite.max()) if finite.size else 1.0
        trace |= {"zmid": 0.0, "zmin": -reach, "zmax": reach}
    if h.labels:  # rows named (gate letters): the names stand at their rows, hovering says the name too
        trace["customdata"] = [[label] * n_cols for label in h.labels]
        trace["hovertemplate"] = trace["hovertemplate"].replace("%{y}", "%{customdata} (%{y})")
    yaxis = {"title": {"text": rows_title}, "autorange": "reversed", "showgrid": False, "zeroline": False,
             "fixedrange": True}
    if h.labels:
        yaxis |= {"tickmode": "array", "tickvals": list(range(r0, r0 + n_rows)),
                  "ticktext": [escape(label, quote=False) for label in h.labels]}
    shapes = []
    if h.mark is not None:
        row, col, height, width = h.mark
        shapes.append({"type": "rect", "xref": "x", "yref": "y", "x0": c0 + col - 0.5, "x1": c0 + col + width - 0.5,
                       "y0": r0 + row - 0.5, "y1": r0 + row + height - 0.5, "fillcolor": "rgba(0,0,0,0)",
                       "line": {"color": MARK_COLOR[theme], "width": 2.5}})
    return {
        "data": [trace],
        "layout": {
            "title": {"text": title, "x": 0.01, "font": {"size": 13}},
            "height": int(min(max(MIN_HEIGHT, 110 + CELL_PX * n_rows), MAX_HEIGHT)),
            "margin": {"l": 60, "r": 10, "t": 60 if cut is not None else 45, "b": 45},
            "xaxis": {"title": {"text": cols_title}, "showgrid": False, "zeroline": False, "fixedrange": True,
                      "side": "bottom"},
            "yaxis": yaxis, "shapes": shapes, "showlegend": False,
            "paper_bgcolor": "rgba(0,0,0,0)", "plot_bgcolor": "rgba(0,0,0,0)",
        },
    }


def marked_cells(figure: dict) -> list[tuple[int, int]]:
    """The (row, column) indices of the whole plane inside the figure's mark (tests and the page read it)."""
    shapes = figure["layout"]["shapes"]
    if not shapes:
        return []
    s = shapes[0]
    return [(r, c) for r in range(int(s["y0"] + 0.5), int(s["y1"] + 0.5))
            for c in range(int(s["x0"] + 0.5), int(s["x1"] + 0.5))]


def xray_figures(heats: tuple[Heat, ...], translate: Callable[[Text], str], theme: str = "light") -> list[dict]:
    """Every heatmap of an X-ray, in its order."""
    return [heat_figure(h, translate, theme) for h in heats]
