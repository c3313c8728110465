"""The tensor-flow diagram: a Plotly figure of the whole model. Hover (or tap) a tensor or a layer for its
details, drag to pan a long model, click a layer to open its X-ray below. Layers Keras counts as one (a
model called as a layer, a backbone, a custom layer) are drawn folded; a click on one's box draws the layers
inside, and a multiselect above the chart lists the groups drawn open (to fold one again)."""
from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from explorer.i18n import t
from explorer.layers import traits
from explorer.ui.keys import XRAY_LAYER_KEY, XRAY_PANEL_KEY

LABEL_KEYS = {  # the diagram's label -> its words
    "tensor": "diagram.tensor",
    "weights": "diagram.weights",
    "title": "diagram.title",
    "hover_shape": "diagram.hover_shape",
    "hover_named": "diagram.hover_named",
    "hover_params": "diagram.hover_params",
    "group_inside": "groups.diagram_inside",
    "group_hint": "groups.diagram_open_hint",
    "gap": "groups.diagram_gap",
    "gap_why": "groups.diagram_gap_why",
    "assumed": "groups.diagram_assumed",
    "assumed_where": "groups.diagram_assumed_where",
    "assumed_why": "groups.assumed",
    "given": "groups.diagram_given",
    "given_why": "groups.given",
}
OPEN_GROUPS_KEY = "diagram_open_groups"  # the groups the learner drew open
CHART_KEY = "flow_diagram_chart"
_ROUND = "_diagram_round"  # the chart's key changes after each click it turned into an X-ray choice
# Plotly's own toolbar: zoom and pan, the rest (selection lassos, logo, image download) goes
CONFIG = {"displaylogo": False, "scrollZoom": False, "responsive": True,
          "modeBarButtonsToRemove": ["select2d", "lasso2d", "toImage", "autoScale2d"]}


_NEEDS = {"group_inside": "groups", "group_hint": "groups", "gap": "gaps", "gap_why": "gaps", "assumed": "assumed",
          "assumed_where": "assumed", "assumed_why": "assumed", "given": "given",
          "given_why": "given"}  # words only some models show


def labels(lang: str, spec: object = None) -> dict[str, str]:
    """The diagram's words; those of groups, gaps and inputs given in the sidebar only for a model that has
    them (spec None: all of them)."""
    has = {"groups": bool(getattr(spec, "groups", ())), "gaps": bool(getattr(spec, "gaps", ())),
           "assumed": any(getattr(i, "assumed", False) for i in getattr(spec, "inputs", ())),
           "given": any(traits(getattr(layer, "kind", "")).given_shape for layer in getattr(spec, "layers", ()))}
    return {label: t(lang, key) if spec is None or label not in _NEEDS or has[_NEEDS[label]] else ""
            for label, key in LABEL_KEYS.items()}


def clicked_layer(event: object) -> str | None:
    """The layer name a click on the chart chose (its point's customdata), or None."""
    try:
        points = event["selection"]["points"]  # type: ignore[index]
    except (KeyError, TypeError):
        return None
    for point in points or ():
        name = point.get("customdata") if isinstance(point, dict) else None
        if isinstance(name, list):
            name = name[0] if name else None
        if isinstance(name, str):
            return name
    return None


def open_xray_on(name: str | None, xray_names: tuple[str, ...]) -> bool:
    """A click on a layer that has an X-ray chooses it in the X-ray panel and opens the panel (drawn further
    down this run). Whether it did."""
    if name is None or name not in xray_names:
        return False
    st.session_state[XRAY_LAYER_KEY] = name
    st.session_state[XRAY_PANEL_KEY] = True
    return True


def open_group(name: str | None, groups: tuple[str, ...]) -> bool:
    """A click on a folded group's box draws the layers inside it (adds it to the groups drawn open). Whether
    it did."""
    if name is None or name not in groups:
        return False
    opened = [g for g in st.session_state.get(OPEN_GROUPS_KEY, []) if g in groups]
    st.session_state[OPEN_GROUPS_KEY] = opened + ([name] if name not in opened else [])
    return True


def opened_groups(lang: str, groups: tuple[str, ...]) -> tuple[str, ...]:
    """The multiselect of the groups drawn open (only for a model with groups), its state kept to this model's
    groups; the chosen ones, in the model's order."""
    if not groups:
        return ()
    if OPEN_GROUPS_KEY in st.session_state:  # another model's groups, or a stale value from the URL, go
        st.session_state[OPEN_GROUPS_KEY] = [g for g in st.session_state[OPEN_GROUPS_KEY] if g in groups]
    chosen = st.multiselect(t(lang, "groups.diagram_open"), groups, key=OPEN_GROUPS_KEY)
    return tuple(g for g in groups if g in chosen)


def render(figure: dict | Callable[[tuple[str, ...]], dict], lang: str, xray_names: tuple[str, ...] = (),
           groups: tuple[str, ...] = ()) -> None:
    """The chart. A click reaches this run as the chart's selection; once it has chosen the X-ray's layer or
    opened a group, the chart is drawn afresh (a new key), so no selection stays to grey out the other labels
    and the same click is never taken again. figure: the figure, or the figure for the groups drawn open
    (groups: the model's groups, which a click on one's box opens)."""
    st.subheader(t(lang, "diagram.header"))
    st.caption(t(lang, "diagram.caption"))
    round_ = st.session_state.get(_ROUND, 0)
    clicked = clicked_layer(st.session_state.get(f"{CHART_KEY}_{round_}"))
    if open_group(clicked, groups) or open_xray_on(clicked, xray_names):
        round_ += 1
        st.session_state[_ROUND] = round_
    opened = opened_groups(lang, groups)
    if callable(figure):
        figure = figure(opened)
    with st.container(key="flow_diagram"):
        st.plotly_chart(figure, key=f"{CHART_KEY}_{round_}", on_select="rerun", selection_mode="points",
                        config=CONFIG, width="stretch")
