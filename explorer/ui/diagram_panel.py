"""The tensor-flow diagram: a Plotly figure of the whole model. Hover a tensor or a layer for its details,
drag to pan a long model, click (or tap) a layer to show its details below the chart, where a touch screen that
has no hover reads them, and to open its X-ray further down. Layers Keras counts as one (a
model called as a layer, a backbone, a custom layer) are drawn folded; a click on one's box draws the layers
inside, and a multiselect above the chart lists the groups drawn open (to fold one again)."""
from __future__ import annotations

from collections.abc import Callable
from html import escape

import streamlit as st

from explorer.diagram import tap_details
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
    "given_why": "groups.given_why",
    "shared": "shared.diagram",
}
OPEN_GROUPS_KEY = "diagram_open_groups"  # the groups the learner drew open
CHOSEN_KEY = "diagram_chosen"  # the name of the layer or group last clicked or tapped: its details show below
CHART_KEY = "flow_diagram_chart"
_ROUND = "_diagram_round"  # the chart's key changes after each click it turned into an X-ray choice
# Plotly's own toolbar: zoom in and out, and back to the first view; dragging always pans (so no pan or box-zoom
# mode to pick), and the rest (selection lassos, logo, image download) goes: on a phone the title keeps its room
CONFIG = {"displaylogo": False, "scrollZoom": False, "responsive": True,
          "modeBarButtonsToRemove": ["select2d", "lasso2d", "toImage", "autoScale2d", "zoom2d", "pan2d"]}


_NEEDS = {"group_inside": "groups", "group_hint": "groups", "gap": "gaps", "gap_why": "gaps", "assumed": "assumed",
          "assumed_where": "assumed", "assumed_why": "assumed", "given": "given",
          "given_why": "given", "shared": "shared"}  # words only some models show


def labels(lang: str, spec: object = None) -> dict[str, str]:
    """The diagram's words; those of groups, gaps and inputs given in the sidebar only for a model that has
    them (spec None: all of them)."""
    has = {"groups": bool(getattr(spec, "groups", ())), "gaps": bool(getattr(spec, "gaps", ())),
           "assumed": any(getattr(i, "assumed", False) for i in getattr(spec, "inputs", ())),
           "given": any(traits(getattr(layer, "kind", "")).given_shape for layer in getattr(spec, "layers", ())),
           "shared": any(getattr(layer, "shares", "") for layer in getattr(spec, "layers", ()))}
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


def details_of(desc: object, spec: object, lang: str) -> Callable[[str], tuple[str, ...]]:
    """A layer's or a group's details by the name a click or a tap chose, in the page's language."""
    return lambda name: tap_details(desc, name, labels(lang, spec))  # type: ignore[arg-type]


def details_html(lines: tuple[str, ...]) -> str:
    """A tapped layer's details as one HTML block: its name in bold, then a line each (escaped: names come from
    the learner's code)."""
    first, *rest = lines
    return "".join([f'<div class="diagram-details"><b>{escape(first)}</b>',
                    *(f"<br>{escape(line)}" for line in rest), "</div>"])


def show_details(lines: tuple[str, ...], xray_opened: bool, lang: str) -> None:
    """Below the chart: the chosen layer's details (what hovering shows, with its formula), or what to do."""
    with st.container(key="diagram_details", border=True):
        if not lines:
            st.caption(t(lang, "diagram.details_empty"))
            return
        st.markdown(details_html(lines), unsafe_allow_html=True)
        if xray_opened:
            st.caption(t(lang, "diagram.details_xray"))


def render(figure: dict | Callable[[tuple[str, ...]], dict], lang: str, xray_names: tuple[str, ...] = (),
           groups: tuple[str, ...] = (), details: Callable[[str], tuple[str, ...]] | None = None) -> None:
    """The chart. A click (a tap on a touch screen) reaches this run as the chart's selection; it chooses the
    layer whose details show below the chart and opens its X-ray, or opens a group. Then the chart is drawn afresh
    (a new key), so no selection stays to grey out the other labels and the same click is never taken again.
    figure: the figure, or the figure for the groups drawn open (groups: the model's groups, which a click on
    one's box opens); details: a layer's or a group's details by name (() for a name the model lacks)."""
    st.subheader(t(lang, "diagram.header"))
    st.caption(t(lang, "diagram.caption"))
    with st.container(key="diagram_hint_pointer"):  # page_style shows one of the two: pointer, or touch
        st.caption(t(lang, "diagram.hint_pointer"))
    with st.container(key="diagram_hint_touch"):
        st.caption(t(lang, "diagram.hint_touch"))
    round_ = st.session_state.get(_ROUND, 0)
    clicked = clicked_layer(st.session_state.get(f"{CHART_KEY}_{round_}"))
    if clicked is not None:
        st.session_state[CHOSEN_KEY] = clicked
        open_group(clicked, groups) or open_xray_on(clicked, xray_names)
        round_ += 1
        st.session_state[_ROUND] = round_
    opened = opened_groups(lang, groups)
    if callable(figure):
        figure = figure(opened)
    with st.container(key="flow_diagram"):
        st.plotly_chart(figure, key=f"{CHART_KEY}_{round_}", on_select="rerun", selection_mode="points",
                        config=CONFIG, width="stretch")
    if details is not None:
        chosen = st.session_state.get(CHOSEN_KEY)
        lines = details(chosen) if isinstance(chosen, str) else ()
        show_details(lines, bool(lines) and chosen in xray_names, lang)
