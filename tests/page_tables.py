"""The page's HTML tables (explorer/ui/html_table.py) read back from AppTest's markdown as DataFrames.

A table is found by its data-key attribute (the key of the container it is drawn in). Cells are unescaped;
in a column whose header has data-number, a cell written as an integer ("640,000") becomes the int 640000
and an empty cell None, so assertions read the values the page was given, as st.dataframe's did.
A table with row headers (<th scope="row">, the X-ray's windows) has them as its index, its empty corner
header dropped.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

import pandas as pd
from streamlit.testing.v1 import AppTest

INTEGER = re.compile(r"-?\d{1,3}(,\d{3})*")


class _TableParser(HTMLParser):
    """Collects every <table> in a piece of HTML: its attributes, header cells and body rows."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables: list[dict] = []
        self._cell: list[str] | None = None
        self._kind = "rows"  # where the open cell goes: "head", "index" (a row header) or "rows"

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self.tables.append({"attrs": attrs, "head": [], "numbers": [], "rows": [], "index": [], "marked": []})
        elif tag == "tr" and self.tables:
            self.tables[-1]["rows"].append([])
        elif tag in ("th", "td") and self.tables:
            self._cell = []
            self._kind = "index" if attrs.get("scope") == "row" else "head" if tag == "th" else "rows"
            if self._kind == "head":
                self.tables[-1]["numbers"].append("data-number" in attrs)
            if tag == "td" and attrs.get("class") == "marked":  # (its <tr> among all, its column)
                self.tables[-1]["marked"].append((len(self.tables[-1]["rows"]) - 1, len(self.tables[-1]["rows"][-1])))

    def handle_endtag(self, tag):
        if tag in ("th", "td") and self._cell is not None and self.tables:
            table = self.tables[-1]
            text = "".join(self._cell)
            (table["rows"][-1] if self._kind == "rows" else table[self._kind]).append(text)
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def parse_tables(markup: str) -> list[dict]:
    """Every table in markup: {"attrs", "head" (header texts), "numbers" (per column), "rows" (cell texts),
    "index" (row header texts, if any), "marked" ((row, column) positions of the marked cells in "rows")}."""
    parser = _TableParser()
    parser.feed(markup)
    parser.close()
    for table in parser.tables:
        body = [i for i, row in enumerate(table["rows"]) if row]  # the header's <tr> holds no <td>
        table["rows"] = [table["rows"][i] for i in body]
        table["marked"] = [(body.index(i), j) for i, j in table["marked"]]
        if table["index"]:  # the empty corner above the row headers
            assert table["head"][0] == "" and len(table["index"]) == len(table["rows"]), table
            table["head"], table["numbers"] = table["head"][1:], table["numbers"][1:]
    return parser.tables


def number(cell: str):
    """'640,000' → 640000, '' → None; anything else stays text."""
    if cell == "":
        return None
    return int(cell.replace(",", "")) if INTEGER.fullmatch(cell) else cell


def frame(table: dict) -> pd.DataFrame:
    df = pd.DataFrame(table["rows"], columns=table["head"], dtype=object, index=table["index"] or None)
    for name, is_number in zip(table["head"], table["numbers"]):
        if is_number:
            values = [number(c) for c in df[name]]
            exact = all(isinstance(v, int) for v in values)  # all integers: int64, as st.dataframe's value was
            df[name] = pd.Series(values, index=df.index, dtype="int64" if exact and values else object)
    return df


def page_tables(at: AppTest) -> dict[str, pd.DataFrame]:
    """Every HTML table on the page by its key, in page order."""
    found = {}
    for m in at.markdown:
        if "<table" in m.value:
            for table in parse_tables(m.value):
                found[table["attrs"].get("data-key", "")] = frame(table)
    return found


def parsed_table(at: AppTest, key: str) -> dict:
    """The HTML table drawn with key `key`, as parse_tables gives it; its row count checked against its data-rows."""
    for m in at.markdown:
        if f'data-key="{key}"' in m.value:
            (table,) = [t for t in parse_tables(m.value) if t["attrs"].get("data-key") == key]
            assert int(table["attrs"]["data-rows"]) == len(table["rows"]), table["attrs"]
            return table
    raise LookupError(f"no table with key {key!r} on the page")


def page_table(at: AppTest, key: str) -> pd.DataFrame:
    """The HTML table drawn with key `key` as a DataFrame."""
    return frame(parsed_table(at, key))


def marked_cells(at: AppTest, key: str) -> list[tuple[str, str, str]]:
    """(row header, column header, text) of each marked cell of the table drawn with key `key`, in page order."""
    table = parsed_table(at, key)
    return [(table["index"][i] if table["index"] else str(i), table["head"][j], table["rows"][i][j])
            for i, j in table["marked"]]


def has_table(at: AppTest, key: str) -> bool:
    return any(f'data-key="{key}"' in m.value for m in at.markdown)
