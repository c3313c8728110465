"""A `Drawing` as a Plotly figure (a plain dict, the JSON Plotly reads): hover a tensor or a layer for
its details, pan and zoom a long model, click a layer to open its X-ray.

A few traces whatever the model's size: the boxes of one colour are one filled trace (closed
polygons separated by gaps), all arrows one line trace with arrowheads that follow the line, all
labels of one size and anchor one text trace, and invisible marker traces carry what hovering
and clicking need (a tensor's or a layer's details, its layer name in `customdata`; a folded group's details
and its name, which a click opens; a gap's details).

Every text is escaped for Plotly's small HTML subset: layer names come from the learner's code.
Text without a colour of its own takes the theme's font colour, so light and dark both read.
"""
from __future__ import annotations

from html import escape

from .diagram import ARROW_COLOR, MARGIN, Drawing, Item, Label, Line

MAX_VIEW_HEIGHT = 900  # pixels: two bands (ten tensors) show whole; a longer model opens on its first bands
WHOLE_BAND_WIDTH = 1000  # pixels: a plot this wide (a desktop page's) shows a band whole
NARROW_WIDTH = 330  # pixels: the plot on a phone (a 390 px screen), which opens on the first layers
HOVER_MARKER = 26  # pixels: the invisible target a pointer or a finger finds


def _line_text(line: Line) -> str:
    out = []
    for run in line:
        text = escape(run.text, quote=False)
        if run.bold:
            text = f"<b>{text}</b>"
        if run.color:
            text = f'<span style="color:{escape(run.color)}">{text}</span>'
        out.append(text)
    return "".join(out)


def _label_text(label: Label) -> str:
    return "<br>".join(_line_text(line) for line in label.lines)


def _box_traces(items: tuple[Item, ...]) -> list[dict]:
    """One filled trace per (colour, opacity, outline, dashed): every box of that look as a closed polygon."""
    groups: dict[tuple[str, float, float, bool], tuple[list, list]] = {}
    for item in items:
        for b in item.boxes:
            xs, ys = groups.setdefault((b.color, b.opacity, b.stroke, b.dashed), ([], []))
            xs += [b.x0, b.x1, b.x1, b.x0, b.x0, None]
            ys += [b.y0, b.y0, b.y1, b.y1, b.y0, None]
    return [{"type": "scatter", "mode": "lines", "x": xs, "y": ys, "fill": "toself", "fillcolor": _rgba(color, opacity),
             "line": {"color": color, "width": stroke} | ({"dash": "dash"} if dashed else {}), "hoverinfo": "skip",
             "showlegend": False}
            for (color, opacity, stroke, dashed), (xs, ys) in groups.items()]


def _rgba(color: str, opacity: float) -> str:
    """'#0072B2', 0.35 → 'rgba(0,114,178,0.35)'."""
    value = color.lstrip("#")
    r, g, b = (int(value[i:i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{opacity})"


def _arrow_trace(items: tuple[Item, ...]) -> dict:
    xs, ys, sizes = [], [], []
    for item in items:
        for a in item.arrows:
            xs += [a.x0, a.x1, None]
            ys += [a.y0, a.y1, None]
            sizes += [0, 11, 0]
    return {"type": "scatter", "mode": "lines+markers", "x": xs, "y": ys, "hoverinfo": "skip", "showlegend": False,
            "line": {"color": ARROW_COLOR, "width": 2},
            "marker": {"symbol": "arrow", "angleref": "previous", "size": sizes, "color": ARROW_COLOR}}


def _label_traces(items: tuple[Item, ...]) -> list[dict]:
    """One text trace per (font size, anchor): a label whose y is its top hangs below its point."""
    groups: dict[tuple[int, str], tuple[list, list, list]] = {}
    for item in items:
        for label in item.labels:
            xs, ys, texts = groups.setdefault((label.size, label.anchor), ([], [], []))
            xs.append(label.x)
            ys.append(label.y)
            texts.append(_label_text(label))
    return [{"type": "scatter", "mode": "text", "x": xs, "y": ys, "text": texts, "hoverinfo": "skip",
             "showlegend": False, "textfont": {"size": size},
             "textposition": "bottom center" if anchor == "top" else "top center"}
            for (size, anchor), (xs, ys, texts) in groups.items()]


def _target_trace(items: list[Item], kind: str) -> dict:
    """Invisible markers over each tensor's box or each layer's arrow: its details on hover, its layer's
    name in customdata for a click."""
    xs, ys, details, names = [], [], [], []
    for item in items:
        if item.boxes:
            front = item.boxes[-1]
            xs.append((front.x0 + front.x1) / 2)
            ys.append((front.y0 + front.y1) / 2)
        else:
            first = item.arrows[0]
            xs.append((first.x0 + first.x1) / 2)
            ys.append((first.y0 + first.y1) / 2)
        details.append("<br>".join(escape(line, quote=False) for line in item.details))
        names.append(item.name)
    return {"type": "scatter", "mode": "markers", "name": kind, "x": xs, "y": ys, "hovertext": details,
            "customdata": names, "hovertemplate": "%{hovertext}<extra></extra>", "showlegend": False,
            "marker": {"size": HOVER_MARKER, "opacity": 0, "color": ARROW_COLOR}}


def drawing_figure(d: Drawing) -> dict:
    """The figure: every tensor and layer of the drawing; at most MAX_VIEW_HEIGHT pixels tall, opening on
    the drawing's top (its first bands), so panning shows the rest.

    Its text has a fixed size in pixels, so the drawing keeps one scale on every screen: the y axis is tied to the
    x axis (`scaleanchor`), and the x range given is only what a phone's plot holds (NARROW_WIDTH pixels, the
    first layers); a wider plot widens it to the right (`constraintoward: left`), and WHOLE_BAND_WIDTH pixels
    show a band whole. The server never knows the screen's width: the browser's Plotly does this."""
    tensors = [i for i in d.items if i.kind == "tensor"]
    layers = [i for i in d.items if i.kind == "layer"]
    others = [_target_trace(found, kind) for kind in ("group", "gap")  # only when the model has them
              for found in ([i for i in d.items if i.kind == kind],) if found]
    left, right, top, bottom = MARGIN
    height = min(d.height, MAX_VIEW_HEIGHT)
    (x0, x1), (y0, y1) = d.x_range, d.y_range
    y_per_pixel = (y1 - y0) / (d.height - top - bottom)
    x_per_pixel = (x1 - x0) / WHOLE_BAND_WIDTH
    view = (max(y0, y1 - (height - top - bottom) * y_per_pixel), y1)
    hidden = {"visible": False, "fixedrange": False, "constrain": "range"}
    return {
        "data": _box_traces(d.items) + [_arrow_trace(d.items)] + _label_traces(d.items)
        + [_target_trace(tensors, "tensor"), _target_trace(layers, "layer")] + others,
        "layout": {
            "title": {"text": escape(d.title, quote=False), "x": 0.01, "font": {"size": 17}},
            "height": height, "margin": {"l": left, "r": right, "t": top, "b": bottom},
            "xaxis": {**hidden, "range": [x0, x0 + NARROW_WIDTH * x_per_pixel], "constraintoward": "left"},
            "yaxis": {**hidden, "range": list(view), "scaleanchor": "x", "scaleratio": x_per_pixel / y_per_pixel,
                      "constraintoward": "top"},
            "dragmode": "pan", "hovermode": "closest", "showlegend": False, "clickmode": "event+select",
            "uirevision": "flow",  # pan and zoom survive a rerun that keeps the model
        },
    }
