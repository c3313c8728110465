"""Layer shape table, weight table, named-axis legend and CSV download, for any model."""
from __future__ import annotations

from collections.abc import Callable

import html

import pandas as pd
import streamlit as st

from explorer.axes import axis_color
from explorer.build import Built
from explorer.i18n import t
from explorer.shapes import Axis, Description
from explorer.tables import ROW_COLUMNS, TABLE_COLUMNS, WEIGHT_COLUMNS, axis_meaning as core_axis_meaning
from explorer.ui.html_table import Fold, render_table
from explorer.ui.model_panel import lines_text

LAYER_TABLE_MAX_PX = 600  # a long model's layer table scrolls in a box this tall (about 15 rows)
TABLE_HEADERS = {  # explorer.tables.TABLE_COLUMNS -> their words
    "layer": "table.col.layer",
    "class": "table.col.class",
    "input_shape": "table.col.input_shape",
    "output_shape": "table.col.output_shape",
    "named_output": "table.col.named_output",
    "params": "table.col.params",
    "formula": "table.col.formula",
    "weights": "table.col.weights",
}
WEIGHT_HEADERS = {  # explorer.tables.WEIGHT_COLUMNS -> their words
    "layer": "weights.col.layer",
    "weight": "weights.col.weight",
    "shape": "weights.col.shape",
    "named_shape": "weights.col.named_shape",
    "count": "weights.col.count",
}


def axis_meaning(axis: Axis, lang: str) -> str:
    """What a letter means, as HTML (the legend is HTML): the source text of a learner's name goes
    in <code>, escaped, never as markdown; the meaning's own values are escaped too."""
    escaped = Axis(axis.letter, axis.size, axis.meaning_key, tuple((k, html.escape(v)) for k, v in axis.meaning_params))
    return core_axis_meaning(escaped, lang, lambda source: f"<code>{source}</code>")


def dims_legend_html(desc: Description, lang: str) -> str:
    """'B = 30 · T = 50 · …' with each letter in its colour, and what each letter means."""
    parts = []
    for axis in desc.axes:
        size = "None" if axis.size is None else f"{axis.size:,}"
        meaning = axis_meaning(axis, lang)
        parts.append(f"<span style='color:{axis_color(axis.letter)};font-weight:700'>{axis.letter}</span> = {size}"
                     + (f" <span style='opacity:0.75'>({meaning})</span>" if meaning else ""))
    return " · ".join(parts)


def gap_lines(table: pd.DataFrame) -> list[int]:
    """The lines of the code that could not be read, from the table's gap rows."""
    if "role" not in table.columns:
        return []
    return [int(n) for n in table.loc[table["role"] == "gap", "line"]]


def shown_rows(table: pd.DataFrame, lang: str) -> tuple[pd.DataFrame, list[Fold] | None]:
    """The table as the page shows it (TABLE_COLUMNS with their words; a group's row says it sums the layers
    inside, a gap's row says the code there was not read, an input whose shape the learner gave says so) and
    the rows' folds (None when nothing folds or stands out)."""
    if "role" not in table.columns:
        return table, None
    table = table.copy()
    roles = table["role"].tolist()
    for i, role in enumerate(roles):
        row = table.index[i]
        shares = table.loc[row, "shares"] if "shares" in table.columns else ""
        if role == "group" and shares:
            table.loc[row, "formula"] = t(lang, "shared.table_group", first=shares, count=int(table.loc[row, "count"]))
        elif role == "group":
            table.loc[row, "formula"] = t(lang, "groups.table_sum", count=int(table.loc[row, "count"]))
        elif role == "shared":
            table.loc[row, "formula"] = t(lang, "shared.table", first=shares)
        elif role == "gap":
            line = int(table.loc[row, "line"])
            table.loc[row, "layer"] = t(lang, "groups.gap_row", line=line)
            table.loc[row, "formula"] = t(lang, "groups.gap_why", line=line)
        elif role == "assumed":
            table.loc[row, "formula"] = t(lang, "groups.assumed")
        elif role == "given":
            table.loc[row, "formula"] = t(lang, "groups.given")
    folds = None
    if any(role in ("group", "gap", "assumed", "given") for role in roles):
        folds = [Fold(int(r.depth), r.layer if r.role == "group" else "", tuple(r.within), r.role == "gap")
                 for r in table.itertuples(index=False)]
    return table.drop(columns=list(ROW_COLUMNS)), folds


def render(desc: Description, table: pd.DataFrame, weights: pd.DataFrame, build: Callable[[], Built] | None,
           lang: str, after_total: Callable[[], None] | None = None) -> Built | None:
    """The tables, then (once they are sent) the build, whose count_params() the total is checked
    against; returns what build() gave (None if the model is not built: it fails or is over budget).
    after_total: what the page draws between the total and the weights (the data's path to the loss)."""
    st.subheader(t(lang, "table.header"))
    rows, folds = shown_rows(table, lang)
    if desc.groups:
        st.caption(t(lang, "groups.table_caption"))
    shown = rows.rename(columns={c: t(lang, TABLE_HEADERS[c]) for c in TABLE_COLUMNS})
    render_table(shown, "layer_table", numbers=(t(lang, "table.col.params"),), max_height_px=LAYER_TABLE_MAX_PX,
                 wrap=(t(lang, "table.col.formula"), t(lang, "table.col.weights")),  # shapes stay on one line
                 folds=folds, stack=True)
    # the rows come first (in view beside the code); the letters' key and the batch size follow them
    st.markdown(dims_legend_html(desc, lang), unsafe_allow_html=True)
    if desc.batch_size is not None:
        st.caption(t(lang, "table.batch_note", B=desc.batch_size))
    built = build() if build is not None else None  # only now, after the shapes are on the page
    model_total = built.model.count_params() if built is not None and built.model is not None else None
    total = f"{desc.total_params:,}"  # every layer once: a group's row is not counted again
    gaps = gap_lines(table)
    if gaps:
        st.markdown(t(lang, "groups.table_total", total=total, lines=lines_text(gaps, lang)))
    elif desc.failure is not None:
        st.markdown(t(lang, "table.total_partial", total=total))
    elif model_total is None:
        st.markdown(t(lang, "table.total_unbuilt", total=total))
    else:
        st.markdown(t(lang, "table.total", total=total, count=f"{model_total:,}"))
    if after_total is not None:
        after_total()
    st.download_button(t(lang, "table.download"), shown.to_csv(index=False).encode("utf-8"),
                       file_name="layer_shapes.csv", mime="text/csv", key="download_table", on_click="ignore")
    if weights.empty:
        return built
    st.markdown(f"**{t(lang, 'table.weights_header')}**")
    st.caption(t(lang, "table.weights_caption"))
    render_table(weights.rename(columns={c: t(lang, WEIGHT_HEADERS[c]) for c in WEIGHT_COLUMNS}), "weight_table",
                 numbers=(t(lang, "weights.col.count"),), stack=True)
    return built
