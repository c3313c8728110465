"""The page's plain HTML tables (explorer/ui/html_table.py): escaping, numbers, empty cells, the row count,
the scrolling box of a long table, row headers and marked cells; and tests/page_tables.py reading them back."""
from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd
import pytest

from explorer.ui.html_table import MARK, ROW_PX, STACK_BELOW_PX, cell_text, table_html
from page_tables import number, parse_tables, frame

HOSTILE = ["<script>alert(1)</script>", "a | b", "$x^2$ costs $5", "`code` and ```", "**bold** :smile:",
           'say "hi" & \'bye\'', "two\n\nlines"]


def cells(markup: str) -> list[str]:
    return re.findall(r"<td[^>]*>(.*?)</td>", markup)


def test_every_header_and_cell_is_escaped_on_one_line():
    df = pd.DataFrame({"<b>name</b>": HOSTILE, "n": range(len(HOSTILE))})
    markup = table_html(df, numbers=("n",), key="t")
    assert "\n" not in markup and markup.startswith('<div class="html-table"')  # one HTML block, passed raw
    assert "<script>" not in markup and "<b>" not in markup
    assert "<th>&lt;b&gt;name&lt;/b&gt;</th>" in markup
    assert cells(markup)[0::2] == ["&lt;script&gt;alert(1)&lt;/script&gt;", "a | b", "$x^2$ costs $5",
                                   "`code` and ```", "**bold** :smile:", "say &quot;hi&quot; &amp; &#x27;bye&#x27;",
                                   "two&#10;&#10;lines"]
    (table,) = parse_tables(markup)  # and the parser gives the learner's text back exactly
    assert [row[0] for row in table["rows"]] == HOSTILE and table["head"] == ["<b>name</b>", "n"]


def rules(markup: str) -> list[str]:
    """The table's CSS rules, its scope class replaced by `T`."""
    scope = re.search(r'<table class="([a-z0-9-]+)"', markup).group(1)
    css = re.fullmatch(r'<div class="html-table" style="[^"]*"><style>(.*?)</style><table .*', markup).group(1)
    return [r.strip() + " }" for r in css.replace("." + scope, "T").split("}") if r.strip()]


def test_number_columns_are_right_aligned_with_thousands_separators():
    df = pd.DataFrame({"layer": ["a", "b", "c", "d"], "params": [0, 640_000, 1_234_567, -84_000]})
    markup = table_html(df, numbers=("params",))
    assert cells(markup)[1::2] == ["0", "640,000", "1,234,567", "-84,000"]
    assert rules(markup) == ["T { font-size: 0.875rem; font-variant-numeric: tabular-nums }",
                             "T td { white-space: nowrap }", "T :is(th, td):nth-child(2) { text-align: right }"]
    assert "<th>layer</th><th data-number>params</th>" in markup and "<td>a</td><td>0</td>" in markup
    # the same integers in a column not listed stay as Python writes them, not right-aligned
    assert cells(table_html(df))[1::2] == ["0", "640000", "1234567", "-84000"]
    assert "text-align" not in table_html(df)


def test_cells_stay_on_one_line_except_in_wrap_columns():
    df = pd.DataFrame(columns=["layer", "shape", "formula", "count", "weights"])
    markup = table_html(df, numbers=("count",), wrap=("formula", "weights", "absent"))
    assert rules(markup)[1:] == ["T td { white-space: nowrap }",
                                 "T td:nth-child(3), T td:nth-child(5) { white-space: normal; min-width: 8em }",
                                 "T :is(th, td):nth-child(4) { text-align: right }"]


def test_the_scope_class_is_safe_for_any_key():
    hostile = table_html(pd.DataFrame({"a": [1]}), key='x"></style><script>alert(1)</script>{')
    assert hostile.count("<style>") == 1 and "<script>" not in hostile
    scopes = {re.search(r'<table class="([^"]+)"', table_html(pd.DataFrame({"a": [1]}), key=k)).group(1)
              for k in ("layer_table", "weight_table", "xray_checks_time_distributed/dense")}
    assert len(scopes) == 3 and all(re.fullmatch(r"html-table-[0-9a-f]{10}", s) for s in scopes)


def test_numbers_from_numpy_and_floats():
    assert cell_text(np.int64(84_000), number=True) == "84,000"
    assert cell_text(15_200.0, number=True) == "15,200"  # an int column holding a NaN becomes float
    assert cell_text(0.5, number=True) == "0.5" and cell_text(1234.5, number=True) == "1,234.5"
    assert cell_text(True, number=True) == "True"
    assert cell_text("84,000 → 197,632", number=True) == "84,000 → 197,632"


@pytest.mark.parametrize("empty", [None, math.nan, np.nan, pd.NA])
def test_none_and_nan_are_empty_cells(empty):
    df = pd.DataFrame({"text": ["x", empty], "n": pd.Series([1_000, empty], dtype=object)})
    markup = table_html(df, numbers=("n",))
    assert cells(markup) == ["x", "1,000", "", ""]
    assert frame(parse_tables(markup)[0]).to_dict("list") == {"text": ["x", ""], "n": [1_000, None]}


def test_data_rows_and_key_and_an_empty_table():
    df = pd.DataFrame({"a": range(7)})
    assert ' data-key="layer_table" data-rows="7"><thead>' in table_html(df, key="layer_table")
    empty = table_html(pd.DataFrame(columns=["a", "b"]), key="k")
    assert 'data-rows="0"' in empty and "<tbody></tbody>" in empty and "<th>a</th><th>b</th>" in empty
    assert 'data-key="&lt;x&gt;"' in table_html(df, key="<x>")


def test_a_long_table_scrolls_in_a_box_with_a_sticky_header():
    fits = (600 // ROW_PX) - 1  # header and rows within 600 px
    short = table_html(pd.DataFrame({"a": range(fits)}), max_height_px=600)
    assert "max-height" not in short and "sticky" not in short
    long = table_html(pd.DataFrame({"a": range(fits + 1), "n": range(fits + 1)}), numbers=("n",), max_height_px=600)
    assert '<div class="html-table" style="overflow: auto; max-height: 600px">' in long
    assert rules(long)[-1] == ("T thead th { position: sticky; top: 0; z-index: 1; "
                               "background-color: color-mix(in srgb, currentColor 6%, Canvas) }")
    assert f'data-rows="{fits + 1}"' in long and len(cells(long)) == 2 * (fits + 1)


def test_cells_are_read_back_as_numbers_only_in_number_columns():
    df = pd.DataFrame({"layer": ["1,234", "x"], "params": [1_234, 5], "change": ["84,000 → 197,632", "+12"]})
    back = frame(parse_tables(table_html(df, numbers=("params",)))[0])
    assert back.to_dict("list") == {"layer": ["1,234", "x"], "params": [1_234, 5],
                                    "change": ["84,000 → 197,632", "+12"]}
    assert [number(c) for c in ("640,000", "-5", "", "1,23", "12,3456", "+1")] == [640_000, -5, None, "1,23",
                                                                                     "12,3456", "+1"]


def window() -> pd.DataFrame:
    """An X-ray window as the page gives it: 3 rows × 4 columns, numbers formatted by the caller."""
    values = np.arange(12, dtype=np.float64).reshape(3, 4) / 7 - 0.5
    return pd.DataFrame([[f"{v:.4f}" for v in row] for row in values], columns=["4", "5", "6", "7"])


def test_row_headers_head_each_row_escaped_under_an_empty_corner():
    labels = ["b=3,t=7", "<i>x</i> & y", "two\n\nlines"]
    markup = table_html(window(), numbers=("4", "5", "6", "7"), key="xray_grid_dense_0", rows=labels)
    assert "\n" not in markup and "<i>" not in markup
    assert "<thead><tr><th></th><th data-number>4</th>" in markup
    assert re.findall(r'<tr><th scope="row">(.*?)</th><td>', markup) == [
        "b=3,t=7", "&lt;i&gt;x&lt;/i&gt; &amp; y", "two&#10;&#10;lines"]
    assert ' data-key="xray_grid_dense_0" data-rows="3"><thead>' in markup
    assert cells(markup)[:4] == ["-0.5000", "-0.3571", "-0.2143", "-0.0714"]
    # the numbers are the 2nd to 5th columns now: right-aligned there, the row headers left as they are
    assert rules(markup)[2] == ("T :is(th, td):nth-child(2), T :is(th, td):nth-child(3), "
                                "T :is(th, td):nth-child(4), T :is(th, td):nth-child(5) { text-align: right }")
    (table,) = parse_tables(markup)
    back = frame(table)
    assert back.index.tolist() == labels and back.columns.tolist() == ["4", "5", "6", "7"]
    assert back.loc["b=3,t=7", "7"] == "-0.0714" and back.loc["two\n\nlines", "4"] == "0.6429"


def test_marks_land_on_their_cells_and_share_one_scoped_rule():
    marks = {(0, 3), (1, 0), (2, 2)}
    markup = table_html(window(), numbers=("4", "5", "6", "7"), key="g", rows=["0", "1", "2"], marks=marks)
    body = re.search(r"<tbody>(.*)</tbody>", markup).group(1)
    rows = [re.findall(r"<td([^>]*)>", r) for r in re.findall(r"<tr>(.*?)</tr>", body)]
    assert {(i, j) for i, row in enumerate(rows) for j, a in enumerate(row) if a == ' class="marked"'} == marks
    assert sum(a != "" for row in rows for a in row) == 3  # no other cell carries a class
    assert '<td class="marked">-0.0714</td>' in markup and '<td class="marked">0.9286</td>' in markup
    assert rules(markup)[-1] == f"T td.marked {{ {MARK} }}"
    assert MARK == "background-color: rgba(255, 75, 75, 0.28); font-weight: 700"  # translucent: either theme
    # a mark on a whole row (mark="row"), and no rule at all without marks
    row_marked = table_html(window(), key="g", marks={(1, j) for j in range(4)})
    assert re.findall(r'<td class="marked">(.*?)</td>', row_marked) == ["0.0714", "0.2143", "0.3571", "0.5000"]
    assert "marked" not in table_html(window(), key="g", rows=["0", "1", "2"])


def test_a_compact_table_has_tighter_cells():
    assert rules(table_html(window(), key="g", compact=True))[-1] == "T :is(th, td) { padding: 0.25rem 0.375rem }"
    assert "padding" not in table_html(window(), key="g")


def test_only_the_layer_table_carries_element_timing_on_its_first_header_cell():
    df = pd.DataFrame({"layer": ["embedding"], "output": ["(30, 50, 64)"]})
    markup = table_html(df, key="layer_table")
    assert re.findall(r"<th(?: [^>]*)?>", markup) == ['<th elementtiming="shape-table">', "<th>"]
    assert markup.count("elementtiming") == 1
    assert "elementtiming" not in table_html(df, key="weights_table") + table_html(df)
    (table,) = parse_tables(markup)
    assert table["head"] == ["layer", "output"] and table["rows"] == [["embedding", "(30, 50, 64)"]]


def test_a_stacking_table_labels_its_cells_and_stacks_only_in_a_narrow_box():
    """Issue 20: on a phone the layer table shows each row as a block of labelled cells (a container query on
    its own box), so a layer's output shape is never off-screen; a table that does not stack is unchanged."""
    df = pd.DataFrame({"Layer": ["<x>", "d"], "Output shape": ["(30, 50)", "(30, 6)"], "Formula": ["a", ""]})
    plain = table_html(df, key="t", wrap=("Formula",))
    assert "data-label" not in plain and "@container" not in plain and "container-type" not in plain
    markup = table_html(df, key="t", wrap=("Formula",), stack=True)
    assert "container-type: inline-size" in markup.split("<style>")[0]
    assert cells(markup)[:2] == ["&lt;x&gt;", "(30, 50)"]  # the cells' text is as before
    assert re.findall(r'<td data-label="([^"]*)"', markup) == ["Layer", "Output shape", "Formula"] * 2
    css = " ".join(rules(markup))
    assert f"@container (max-width: {STACK_BELOW_PX - 0.02}px)" in css and "T thead { display: none }" in css
    assert "T td::before { content: attr(data-label)" in css and "T td:nth-child(3) { grid-column: 1 / -1 }" in css
    assert f"@container (min-width: {STACK_BELOW_PX}px) {{ T td:nth-child(3) {{ min-width: 14em }}" in css
    (table,) = parse_tables(markup)  # read back as any other table
    assert table["head"] == ["Layer", "Output shape", "Formula"] and table["rows"][0][:2] == ["<x>", "(30, 50)"]
