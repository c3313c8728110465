"""A table as plain HTML inside st.markdown: no data-grid JavaScript to load, styled by Streamlit's theme.

st.dataframe pulls ~1.4 MB of lazy JavaScript (the Glide data grid, Arrow formatting) on a first visit and
draws a canvas; st.table still loads the Arrow formatting. The page already renders markdown with HTML, so a
<table> there costs nothing more, and Streamlit's markdown styles (borders, padding, colours of the light and
dark themes) apply to <table>, <th> and <td>.

The markup is one line opening with <div>: an HTML block for markdown, passed through raw (no markdown,
`$` math or emoji parsing inside). Every header and cell is escaped (cells carry text from the learner's code),
and newlines become character references, since a blank line would end the HTML block.

The <table> carries data-key="<key>" and data-rows="<number of body rows>" (for tests and the bench); a
column listed in `numbers` has data-number on its <th> and its cells right-aligned, integers with thousands
separators ("640,000"). The column rules (cells on one line except in `wrap` columns, numbers to the right, a
sticky header) are a <style> in the same block, scoped to the table's own class: a hash of its key, so a
learner's layer name in an X-ray key never reaches the CSS.

For the X-ray's number windows: `rows` adds a first column of row labels (<th scope="row">, under an empty
corner header), and `marks` highlights cells by (row, column) position in the body with class "marked"
(MARK: a translucent red over the theme's own background, readable in light and dark). Numbers for these
are given as text already formatted by the caller ("0.1234"), in columns listed in `numbers`.

Folded rows (the layer table's groups: Keras counts a model called as a layer as one row, and its layers are
one click away): `folds` gives each body row a Fold. A row that opens a fold holds a <details> in its first cell
(its summary the cell's text); the rows within a fold are hidden while its <details> is closed, by CSS alone
(`:has()`, no JavaScript), their first cells indented by their depth. A browser without `:has()` shows every
row. Fold names never reach the CSS: classes are their positions. A remark row (a gap in the model) is drawn
dashed and in italics.

A table whose key is in ELEMENT_TIMING has that name as the `elementtiming` attribute of its first header
cell: Chromium's Element Timing API then reports when its text was first painted (the bench's "table painted").
The attribute goes on a cell because Chromium counts text towards the cell that holds it, not the <table>.
"""
from __future__ import annotations

import hashlib
import html
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from numbers import Integral, Real

import pandas as pd
import streamlit as st

# A header that stays in view while a long table scrolls in its box. It needs an opaque background that
# follows the theme: `Canvas` is the page colour of the element's color-scheme (Streamlit sets it to light
# or dark on the app), mixed with a little of the text colour, a quiet header band in both themes.
STICKY = "position: sticky; top: 0; z-index: 1; background-color: color-mix(in srgb, currentColor 6%, Canvas)"
MARK = "background-color: rgba(255, 75, 75, 0.28); font-weight: 700"  # a followed cell, on either theme
MARKED = ' class="marked"'
ELEMENT_TIMING = {"layer_table": "shape-table"}  # key -> Element Timing identifier (bench/paint.py)
STACK_BELOW_PX = 480  # a stacking table narrower than this (a phone's column) shows each row as a block
ROW_PX = 35  # a row of one line: 14 px text, Streamlit's 6 px cell padding above and below, a 1 px border


@dataclass(frozen=True)
class Fold:
    """Where a body row sits among folded rows: depth (its indent), opens (the fold it heads, '' if none),
    within (the folds holding it, outermost first; it shows only when they are all open), remark (a note
    row, drawn dashed)."""

    depth: int = 0
    opens: str = ""
    within: tuple[str, ...] = ()
    remark: bool = False


def fold_rules(scope: str, folds: Sequence[Fold], index: dict[str, int]) -> list[str]:
    """The CSS of folded rows: indents, the fold heads' look, rows hidden while a fold holding them is closed
    (only where the browser has :has(), so an older one shows every row rather than none)."""
    rules = [f".{scope} tr.depth-{d} > :first-child {{ padding-left: {0.4 + 1.25 * d:g}rem }}"
             for d in sorted({f.depth for f in folds if f.depth})]
    rules += [f".{scope} summary {{ cursor: pointer; font-weight: 600 }}",
              f".{scope} tr.remark td {{ font-style: italic; border-top: 1px dashed; border-bottom: 1px dashed }}"]
    hidden = [f".{scope}:not(:has(details.fold-{i}[open])) tr.in-{i} {{ display: none }}" for i in index.values()]
    if hidden:
        rules.append("@supports selector(:has(a)) { " + " ".join(hidden) + " }")
    return rules


def _row_open(fold: Fold | None, index: dict[str, int]) -> str:
    if fold is None:
        return "<tr>"
    classes = [f"depth-{fold.depth}"] + [f"in-{index[name]}" for name in fold.within if name in index]
    classes += ["remark"] if fold.remark else []
    return f'<tr class="{" ".join(classes)}">'


def _first_cell(text: str, fold: Fold | None, index: dict[str, int]) -> str:
    """A fold head's first cell holds the <details> that opens it; any other cell is its text."""
    if fold is None or not fold.opens:
        return text
    return f'<details class="fold-{index[fold.opens]}"><summary>{text}</summary></details>'


def cell_text(value, number: bool = False) -> str:
    """The shown text of one value: '' for None/NaN; in a number column, integers as '640,000'."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA or value is pd.NaT:
        return ""
    if number and isinstance(value, Real) and not isinstance(value, bool):
        if isinstance(value, Integral) or float(value).is_integer():
            return f"{int(value):,}"
        return f"{value:,}"
    return str(value)


def escaped(text: str) -> str:
    """HTML-escaped, with newlines as character references (a blank line would end the HTML block)."""
    return html.escape(text).replace("\r", "&#13;").replace("\n", "&#10;")


def style_rules(scope: str, columns: list[tuple[str, bool]], wrap: set[str], sticky: bool, first: int = 1,
                marked: bool = False, compact: bool = False) -> str:
    """The table's own CSS (selectors scoped by its class, columns by position, the first of `columns` being
    column `first`): the data grid's 14 px text; cells stay on one line except in the `wrap` columns (at
    least 8em wide: long text there wraps rather than squeezing the column) and the headers; number columns
    right-aligned; a sticky header when it scrolls; the look of marked cells; compact: half the cells'
    side padding (a window of 7 numbers and its row labels fits half the page's width)."""
    rules = [f".{scope} {{ font-size: 0.875rem; font-variant-numeric: tabular-nums }}",
             f".{scope} td {{ white-space: nowrap }}"]
    wrapped = [i for i, (name, _) in enumerate(columns, first) if name in wrap]
    if wrapped:
        rules.append(", ".join(f".{scope} td:nth-child({i})" for i in wrapped)
                     + " { white-space: normal; min-width: 8em }")
    right = [i for i, (_, number) in enumerate(columns, first) if number]
    if right:
        rules.append(", ".join(f".{scope} :is(th, td):nth-child({i})" for i in right) + " { text-align: right }")
    if sticky:
        rules.append(f".{scope} thead th {{ {STICKY} }}")
    if marked:
        rules.append(f".{scope} td.marked {{ {MARK} }}")
    if compact:
        rules.append(f".{scope} :is(th, td) {{ padding: 0.25rem 0.375rem }}")
    return "<style>" + " ".join(rules) + "</style>"


def stack_rules(scope: str, wrapped: Sequence[int]) -> list[str]:
    """The CSS of a table that stacks (a container query on its box): wider than STACK_BELOW_PX, its long-text
    columns are at least 14em wide (a row stays a few lines tall; the table scrolls sideways instead); narrower,
    each row is a block of its cells, two to a line under their column's name (from the cell's data-label; an
    empty cell shows a dash), the long texts on a line of their own, so a layer and its output shape show
    without scrolling sideways."""
    rules = [f"@container (min-width: {STACK_BELOW_PX}px) {{ "
             + ", ".join(f".{scope} td:nth-child({i})" for i in wrapped) + " { min-width: 14em } }"] if wrapped else []
    whole = "".join(f" .{scope} td:nth-child({i}) {{ grid-column: 1 / -1 }}" for i in wrapped)
    rules.append(f"@container (max-width: {STACK_BELOW_PX - 0.02}px) {{"
                 f" .{scope} thead {{ display: none }} .{scope}, .{scope} tbody {{ display: block; width: 100% }}"
                 f" .{scope} tr {{ display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);"
                 f" border-bottom: 1px solid color-mix(in srgb, currentColor 20%, transparent); padding: 0.25rem 0 }}"
                 f" .{scope} td {{ display: block; border: none; white-space: normal; overflow-wrap: anywhere;"
                 f" padding: 0.125rem 0.375rem; min-width: 0 }}"
                 f" .{scope} tr > td:nth-child(n) {{ text-align: left }} .{scope} td:empty::after {{ content: '–' }}"
                 f" .{scope} td::before {{ content: attr(data-label); display: block; font-size: 0.75rem;"
                 f" opacity: 0.7 }}{whole} }}")
    return rules


def table_html(df: pd.DataFrame, numbers: Iterable[str] = (), max_height_px: int | None = None,
               key: str = "", wrap: Iterable[str] = (), rows: Sequence[str] | None = None,
               marks: Iterable[tuple[int, int]] = (), compact: bool = False,
               folds: Sequence[Fold] | None = None, stack: bool = False) -> str:
    """df (n rows × m columns, its index not shown) as one line of HTML: a <div> holding the table's
    <style> and the <table>. Cells stay on one line, except in the columns named in `wrap`.
    folds (n Folds): rows folded under the rows that open them (see the module's docstring).

    With max_height_px, a table longer than that (header and n rows of ROW_PX) is put in a box that tall,
    which scrolls with the header staying on top. A table wider than the page scrolls sideways.
    rows (n labels) heads each body row; marks: (i, j) positions in df (row i, column j) drawn marked;
    compact: tighter cells, for windows of numbers. stack: each row a block of labelled cells in a narrow box
    (a phone), see stack_rules."""
    numbers, wrap, marks = set(numbers), set(wrap), set(marks)
    long = max_height_px is not None and (len(df) + 1) * ROW_PX > max_height_px
    columns = [(str(c), c in numbers) for c in df.columns]
    scope = "html-table-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]  # a safe class name for any key
    labels = [f'<th scope="row">{escaped(str(r))}</th>' for r in rows] if rows is not None else [""] * len(df)
    timing = f' elementtiming="{ELEMENT_TIMING[key]}"' if key in ELEMENT_TIMING else ""
    head = ("<th></th>" if rows is not None else "") + "".join(
        f"<th{' data-number' if number else ''}{timing if j == 0 else ''}>{escaped(name)}</th>"
        for j, (name, number) in enumerate(columns))
    index = {f.opens: i for i, f in enumerate(f for f in folds or () if f.opens)}
    shaped = list(folds) if folds is not None else [None] * len(df)
    labels_of = [f' data-label="{escaped(name)}"' if stack else "" for name, _ in columns]
    body = "".join(
        _row_open(fold, index) + label + "".join(
            f"<td{MARKED if (i, j) in marks else ''}{labels_of[j]}>"
            + (_first_cell(text, fold, index) if j == 0 and not label else text) + "</td>"
            for j, (value, (_, number)) in enumerate(zip(row, columns))
            for text in (escaped(cell_text(value, number)),)) + "</tr>"
        for i, (label, fold, row) in enumerate(zip(labels, shaped, df.itertuples(index=False, name=None))))
    box = "overflow: auto" + (f"; max-height: {int(max_height_px)}px" if long else "") \
        + ("; container-type: inline-size" if stack else "")
    css = style_rules(scope, columns, wrap, long, 1 if rows is None else 2, bool(marks), compact)
    extra = (fold_rules(scope, folds, index) if folds is not None else []) \
        + (stack_rules(scope, [i for i, (name, _) in enumerate(columns, 1) if name in wrap]) if stack else [])
    if extra:
        css = css.removesuffix("</style>") + " " + " ".join(extra) + "</style>"
    return (f'<div class="html-table" style="{box}">{css}'
            f'<table class="{scope}" data-key="{escaped(key)}" data-rows="{len(df)}">'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>")


def render_table(df: pd.DataFrame, key: str, numbers: Iterable[str] = (), max_height_px: int | None = None,
                 wrap: Iterable[str] = (), rows: Sequence[str] | None = None,
                 marks: Iterable[tuple[int, int]] = (), compact: bool = False,
                 folds: Sequence[Fold] | None = None, stack: bool = False) -> None:
    """Show df as an HTML table in a container with key `key` (the element has class .st-key-<key>, the
    browser writing each character of the key other than letters, digits, _ and - as -)."""
    with st.container(key=key):
        markup = table_html(df, numbers, max_height_px, key, wrap, rows, marks, compact, folds, stack)
        st.markdown(markup, unsafe_allow_html=True)
