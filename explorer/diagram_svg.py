"""A `Drawing` as inline SVG: a picture the browser draws with no chart library (Plotly's 4.7 MB of
JavaScript was a second visitor's largest cost), text that stays selectable and readable by tests
and screen readers, and each tensor's and layer's details as a native tooltip (`<title>`).

Every string is escaped: layer names come from the learner's code. Text uses the page's font and
colour (`currentColor`), so the light and dark themes both read; boxes and axis letters keep their
axis colours.
"""
from __future__ import annotations

from html import escape

from .diagram import ARROW_COLOR, MARGIN, Box, Drawing, Item, Label, Line

LINE_HEIGHT = 1.3  # of the font size
_ASCENT = 0.8  # of the font size: from the top of a line to its baseline
_DESCENT = 0.25


def _num(v: float) -> str:
    return f"{v:.1f}".rstrip("0").rstrip(".")


class _Frame:
    """The drawing's units → pixels (y up → y down), inside the margins."""

    def __init__(self, d: Drawing):
        left, right, top, bottom = MARGIN
        (self.x0, x1), (y0, self.y1) = d.x_range, d.y_range
        self.left, self.top = left, top
        self.sx = (d.width - left - right) / (x1 - self.x0)
        self.sy = (d.height - top - bottom) / (self.y1 - y0)

    def x(self, v: float) -> float:
        return self.left + (v - self.x0) * self.sx

    def y(self, v: float) -> float:
        return self.top + (self.y1 - v) * self.sy


def _box(f: _Frame, b: Box) -> str:
    x, y = f.x(b.x0), f.y(b.y1)
    return (f'<rect x="{_num(x)}" y="{_num(y)}" width="{_num(f.x(b.x1) - x)}" height="{_num(f.y(b.y0) - y)}" '
            f'fill="{escape(b.color)}" fill-opacity="{b.opacity}" stroke="{escape(b.color)}" '
            f'stroke-width="{b.stroke}"/>')


def _line(line: Line) -> str:
    out = []
    for run in line:
        attrs = (f' fill="{escape(run.color)}"' if run.color else "") + (' font-weight="bold"' if run.bold else "")
        out.append(f"<tspan{attrs}>{escape(run.text)}</tspan>" if attrs else escape(run.text))
    return "".join(out)


def _label(f: _Frame, label: Label) -> str:
    size, n = label.size, len(label.lines)
    if label.anchor == "top":
        first = f.y(label.y) + _ASCENT * size
    else:
        first = f.y(label.y) - _DESCENT * size - (n - 1) * LINE_HEIGHT * size
    x = _num(f.x(label.x))
    lines = "".join(f'<tspan x="{x}" y="{_num(first + i * LINE_HEIGHT * size)}">{_line(line)}</tspan>'
                    for i, line in enumerate(label.lines))
    return f'<text text-anchor="middle" font-size="{size}">{lines}</text>'


def _item(f: _Frame, item: Item) -> str:
    parts = [f"<title>{escape(chr(10).join(item.details))}</title>"]
    parts += [_box(f, b) for b in item.boxes]
    parts += [f'<line x1="{_num(f.x(a.x0))}" y1="{_num(f.y(a.y0))}" x2="{_num(f.x(a.x1))}" y2="{_num(f.y(a.y1))}" '
              f'stroke="{ARROW_COLOR}" stroke-width="2" marker-end="url(#flow-head)"/>' for a in item.arrows]
    parts += [_label(f, label) for label in item.labels]
    return f'<g class="flow-{item.kind}" data-name="{escape(item.name)}">{"".join(parts)}</g>'


def drawing_svg(d: Drawing) -> str:
    """The whole drawing as one <svg> element (at most d.width pixels wide, scaled down to fit)."""
    f = _Frame(d)
    head = (f'<defs><marker id="flow-head" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" '
            f'orient="auto"><path d="M0,0L10,5L0,10z" fill="{ARROW_COLOR}"/></marker></defs>')
    title = f'<text class="flow-title" x="{MARGIN[0] + 4}" y="{MARGIN[2] - 14}" font-size="17">{escape(d.title)}</text>'
    body = "".join(_item(f, item) for item in d.items)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {d.width} {d.height}" width="{d.width}" '
            f'role="img" aria-label="{escape(d.title)}" '
            f'style="max-width: 100%; height: auto; fill: currentColor; font-family: inherit">'
            f"{head}{title}{body}</svg>")
