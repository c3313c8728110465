"""Live numbers for any model, one click away: each panel is a collapsed expander whose content is
computed only when the learner opens it (and then reruns alone, as a fragment).

The X-ray recomputes one chosen layer from its real weights (explorer/live); the other panels
(equivalences, break it, code export) are drawn by their own modules and only placed here.
"""
from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
import streamlit as st

from explorer.budget import DEMO_BATCH, concrete
from explorer.i18n import t, template as catalog_text
from explorer.layers import shown_class, traits
from explorer.live.base import Grid, Text, XRay, code_text
from explorer.live.xrays import INNER, xray_layers
from explorer.shapes import Description
from explorer.spec import ModelSpec
from explorer.ui import cache
from explorer.ui.html_table import render_table
from explorer.ui.keys import XRAY_LAYER_KEY, XRAY_PANEL_KEY
from explorer.ui.messages import safe_params
from explorer.xray_figures import xray_figures

LAYER_KEY = XRAY_LAYER_KEY
HEAT_CONFIG = {"displayModeBar": False, "responsive": True}  # a heatmap is for looking: no toolbar
DEFAULT_PICK = (3, 7, 11)  # the followed number out[3, 7, 11], as the tagger's page always showed


def text(lang: str, item: Text) -> str:
    """A core Text in the page's language; the values (which may hold the learner's names) escaped."""
    return t(lang, item.key, **safe_params(catalog_text(lang, item.key), dict(item.params)))


def lazy_panel(label: str, key: str, body: Callable[[], None]) -> None:
    """A collapsed expander whose body runs only while it is open."""
    panel = st.expander(label, key=key, on_change="rerun")
    if panel.open:
        with panel:
            body()


def render(spec: ModelSpec, desc: Description, lang: str, extra: tuple[tuple[str, str, Callable], ...] = ()) -> None:
    """The live section: the X-ray panel, then each (label, expander key, body) of `extra`."""
    st.subheader(t(lang, "live.header"))
    refusal = cache.live_refusal(spec)
    if refusal is not None:
        key, values = refusal
        st.info(t(lang, key, **values))
        return
    st.caption(t(lang, "live.intro"))
    given = [s.name for s in desc.steps if traits(s.cls).given_shape]
    if given:  # the learner's function is never run: what flows out of it is a stand-in
        st.warning(t(lang, "live.given_standin", names=", ".join(given)))
    lazy_panel(t(lang, "live.xray.header"), XRAY_PANEL_KEY, lambda: xray_body(spec, lang))
    for label, key, body in extra:
        lazy_panel(label, key, body)


def default_layer(desc: Description, names: tuple[str, ...]) -> str:
    """The first Dense (a kind that contracts the last axis) on a 3-D or larger input (the question's
    own case), else the first Dense, else the first layer with an X-ray."""
    dense = [s for s in desc.steps if s.name in names and traits(s.cls).contracts_last_axis]
    deep = [s for s in dense if s.input_shape is not None and len(s.input_shape) >= 3]
    return (deep or dense)[0].name if dense else names[0]


@st.fragment
def xray_body(spec: ModelSpec, lang: str) -> None:
    desc = cache.describe_for(spec)
    names = xray_layers(desc, spec)
    if not names:
        st.info(t(lang, "live.xray.none"))
        return
    if st.session_state.get(LAYER_KEY) not in names:  # a new model, or a forged value
        st.session_state[LAYER_KEY] = default_layer(desc, names)
    labels = {s.name: f"{s.name} ({shown_class(s.cls, s.args)}{'(' + s.inner_cls + ')' if s.inner_cls else ''})"
              for s in desc.steps}
    for name in names:
        if INNER in name:  # a wrapped layer: "time_distributed → dense_1 (Dense)"
            outer, _, inner = name.partition(INNER)
            labels[name] = f"{outer} → {inner} ({desc.step(outer).inner_cls})"
    name = st.selectbox(t(lang, "live.xray.layer"), names, key=LAYER_KEY, format_func=labels.get)
    step = desc.step(name.partition(INNER)[0])
    shape = concrete(step.output_shape, desc.batch_size or DEMO_BATCH)
    st.markdown(f"**{t(lang, 'live.xray.follow')}**")
    columns = st.columns(max(len(shape), 1))
    pick = []
    for i, (letter, size) in enumerate(zip(step.output_dims, shape)):
        default = DEFAULT_PICK[i] if i < len(DEFAULT_PICK) else 0
        value = columns[i].number_input(t(lang, "live.xray.index", axis=letter, size=size), 0, max(size - 1, 0),
                                        min(default, max(size - 1, 0)), key=f"xray_pick_{name}_{i}")
        pick.append(min(max(int(value or 0), 0), max(size - 1, 0)))  # re-checked: widget bounds are the browser's
    xray = cache.layer_xray_for(spec, name, tuple(pick))
    if xray is None:
        st.info(t(lang, "live.xray.none"))
        return
    render_xray(xray, lang)


def check_rows(xray: XRay, lang: str) -> list[dict[str, str]]:
    """The checks table's rows, as the page shows them: plain text cells (no markdown is rendered there)."""
    return [{t(lang, "live.col.what"): t(lang, c.what.key, **dict(c.what.params)),
             t(lang, "live.col.diff"): f"{c.diff:.2e}",
             t(lang, "live.col.size"): f"{c.size:,}",
             t(lang, "live.col.ok"): t(lang, "live.ok" if c.ok else "live.not_ok")} for c in xray.checks]


def code_of(xray: XRay, lang: str) -> str:
    """The recomputation's code as the page shows it (comments in the page's language)."""
    return code_text(xray.code, lambda note: t(lang, note.key, **dict(note.params)))


def grid_caption(g: Grid, lang: str) -> str:
    """A window's caption (markdown): its title, and when it is cut from a larger array, how much of it is shown."""
    caption = text(lang, g.title)
    if not g.cut:
        return caption
    (rows, cols), (shown_rows, shown_cols) = g.whole, g.values.shape
    key = ("live.xray.cut_both" if shown_rows < rows and shown_cols < cols
           else "live.xray.cut_rows" if shown_rows < rows else "live.xray.cut_cols")
    return caption + " " + t(lang, key, shown_rows=shown_rows, rows=f"{rows:,}", shown_cols=shown_cols,
                             cols=f"{cols:,}")


def grid_frame(g: Grid) -> pd.DataFrame:
    """The window's numbers as the page shows them: 4 decimals, its column labels as headers; NaN (a padded
    position that takes no part) empty."""
    return pd.DataFrame([["" if np.isnan(v) else f"{v:.4f}" for v in row] for row in g.values],
                        columns=list(g.cols))


def render_xray(xray: XRay, lang: str) -> None:
    st.markdown(text(lang, xray.summary))
    st.code(code_of(xray, lang), language="python")
    if xray.checks:
        render_table(pd.DataFrame(check_rows(xray, lang)), f"xray_checks_{xray.layer}",
                     wrap=(t(lang, "live.col.what"),))
        st.caption(t(lang, "live.tolerance"))
    for note in xray.notes:
        st.markdown(text(lang, note))
    render_heats(xray, lang)
    for start in range(0, len(xray.grids), 2):  # two windows side by side: each keeps all its columns
        for column, i in zip(st.columns(2), range(start, min(start + 2, len(xray.grids)))):
            with column:
                st.caption(grid_caption(xray.grids[i], lang))
                render_grid(xray.grids[i], f"xray_grid_{xray.layer}_{i}")


def render_grid(g: Grid, key: str) -> None:
    """The window (rows × cols numbers) as an HTML table: its indices heading rows and columns, each number
    with 4 decimals, the followed cells marked. `key` may hold the learner's layer names ([A-Za-z0-9_]
    joined by "/"): the table's CSS class is a hash of it."""
    render_table(grid_frame(g), key, numbers=list(g.cols), rows=list(g.rows), marks=g.marks, compact=True)


def page_theme() -> str:
    """"dark" when the learner's page is dark, else "light" (also before the browser has said)."""
    kind = getattr(getattr(st.context, "theme", None), "type", None)
    return "dark" if kind == "dark" else "light"


def render_heats(xray: XRay, lang: str) -> None:
    """The X-ray's heatmaps (the real tensors, the followed cell outlined), two side by side, above the tables of
    their exact numbers. Drawn only here, inside the opened X-ray."""
    if not xray.heats:
        reason = traits(xray.cls).no_heat  # a kind that draws none says why (a wrapper: its inner layer's do)
        if reason and xray.checks:
            st.caption(t(lang, reason))
        return
    st.caption(t(lang, "live.xray.heat_caption"))
    figures = xray_figures(xray.heats, lambda item: t(lang, item.key, **dict(item.params)), page_theme())
    for start in range(0, len(figures), 2):
        for column, i in zip(st.columns(2), range(start, min(start + 2, len(figures)))):
            with column:
                st.plotly_chart(figures[i], key=f"xray_heat_{xray.layer}_{i}", config=HEAT_CONFIG, width="stretch",
                                theme="streamlit")
