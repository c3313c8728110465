"""The page's HTML tables (explorer/ui/html_table.py) read back from AppTest's markdown as DataFrames.

A table is found by its data-key attribute (the key of the container it is drawn in). Cells are unescaped;
in a column whose header has data-number, a cell written as an integer ("640,000") becomes the int 640000
and an empty cell None, so assertions read the values the page was given, as st.dataframe's did.
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

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self.tables.append({"attrs": attrs, "head": [], "numbers": [], "rows": []})
        elif tag == "tr" and self.tables:
            self.tables[-1]["rows"].append([])
        elif tag in ("th", "td") and self.tables:
            self._cell = []
            if tag == "th":
                self.tables[-1]["numbers"].append("data-number" in attrs)

    def handle_endtag(self, tag):
        if tag in ("th", "td") and self._cell is not None and self.tables:
            table = self.tables[-1]
            text = "".join(self._cell)
            (table["head"] if tag == "th" else table["rows"][-1]).append(text)
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def parse_tables(markup: str) -> list[dict]:
    """Every table in markup: {"attrs", "head" (header texts), "numbers" (per column), "rows" (cell texts)}."""
    parser = _TableParser()
    parser.feed(markup)
    parser.close()
    for table in parser.tables:
        table["rows"] = [row for row in table["rows"] if row]  # the header's <tr> holds no <td>
    return parser.tables


def number(cell: str):
    """'640,000' → 640000, '' → None; anything else stays text."""
    if cell == "":
        return None
    return int(cell.replace(",", "")) if INTEGER.fullmatch(cell) else cell


def frame(table: dict) -> pd.DataFrame:
    df = pd.DataFrame(table["rows"], columns=table["head"], dtype=object)
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


def page_table(at: AppTest, key: str) -> pd.DataFrame:
    """The HTML table drawn with key `key`; its row count checked against its data-rows."""
    for m in at.markdown:
        if f'data-key="{key}"' in m.value:
            (table,) = [t for t in parse_tables(m.value) if t["attrs"].get("data-key") == key]
            assert int(table["attrs"]["data-rows"]) == len(table["rows"]), table["attrs"]
            return frame(table)
    raise LookupError(f"no table with key {key!r} on the page")


def has_table(at: AppTest, key: str) -> bool:
    return any(f'data-key="{key}"' in m.value for m in at.markdown)
