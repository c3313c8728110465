"""Layer shape table, weight table, named-dimension legend and CSV download."""
from __future__ import annotations

from typing import Callable

import pandas as pd
import streamlit as st

from explorer.config import Config
from explorer.describe import TABLE_COLUMNS, WEIGHT_COLUMNS
from explorer.dims import DIM_COLORS, DIM_ORDER, dim_values
from explorer.i18n import t


def dims_legend_html(cfg: Config, lang: str) -> str:
    """'B = 30 · T = 50 · …' with each letter in its colour, and what each letter means."""
    sizes = dim_values(cfg)
    parts = [
        f"<span style='color:{DIM_COLORS[d]};font-weight:700'>{d}</span> = {sizes[d]:,} "
        f"<span style='opacity:0.75'>({t(lang, 'dim.' + d)})</span>"
        for d in DIM_ORDER
    ]
    return " · ".join(parts)


def render(cfg: Config, table: pd.DataFrame, weights: pd.DataFrame, total: int,
           model_total: int | None | Callable[[], int], lang: str) -> None:
    st.subheader(t(lang, "table.header"))
    st.markdown(dims_legend_html(cfg, lang), unsafe_allow_html=True)
    st.caption(t(lang, "table.batch_note", B=cfg.batch_size))
    shown = table.rename(columns={c: t(lang, f"table.col.{c}") for c in TABLE_COLUMNS})
    params = t(lang, "table.col.params")
    st.dataframe(shown, hide_index=True, key="layer_table",
                 column_config={params: st.column_config.NumberColumn(format="localized")})
    if callable(model_total):  # the model is built only now, after the shapes are on the page
        model_total = model_total()
    if model_total is None:
        st.markdown(t(lang, "table.total_unbuilt", total=f"{total:,}"))
    else:
        st.markdown(t(lang, "table.total", total=f"{total:,}", count=f"{model_total:,}"))
    st.download_button(t(lang, "table.download"), shown.to_csv(index=False).encode("utf-8"),
                       file_name="layer_shapes.csv", mime="text/csv", key="download_table", on_click="ignore")
    st.markdown(f"**{t(lang, 'table.weights_header')}**")
    st.caption(t(lang, "table.weights_caption"))
    count = t(lang, "weights.col.count")
    st.dataframe(weights.rename(columns={c: t(lang, f"weights.col.{c}") for c in WEIGHT_COLUMNS}),
                 hide_index=True, key="weight_table", height="content",
                 column_config={count: st.column_config.NumberColumn(format="localized")})
