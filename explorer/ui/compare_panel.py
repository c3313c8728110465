"""What changed since the last run, for any model: a table of the layers that moved, then lines for
the named axes, the layers added or removed, the first error and the total."""
from __future__ import annotations

import streamlit as st

from explorer.compare import TABLE_COLUMNS, Changes, LayerRef, changes_table, compare, shapes_text, size_text
from explorer.i18n import t
from explorer.shapes import Description
from explorer.spec import ModelSpec
from explorer.ui.html_table import render_table
from explorer.ui.messages import escape_markdown

# (the last run's Description, its ModelSpec or None, the changes shown for it or None): one per session
LAST_KEY = "_compare_last"
MAX_LISTED = 10  # layers named in one line; the rest are counted
COLUMN_HEADERS = {  # explorer.compare.TABLE_COLUMNS -> their words
    "layer": "compare.col.layer",
    "class": "compare.col.class",
    "output": "compare.col.output",
    "axes": "compare.col.axes",
    "params": "compare.col.params",
    "delta": "compare.col.delta",
    "weights": "compare.col.weights",
    "args": "compare.col.args",
}
AXES_LINES = (("moved", "compare.axes_moved"), ("appeared", "compare.axes_appeared"),
              ("vanished", "compare.axes_vanished"))  # the named axes that ..., and the words that list them
LAYER_LINES = (("added", "compare.added"), ("removed", "compare.removed"), ("unreached", "compare.unreached"),
               ("reached", "compare.reached"))  # the Changes field, and the words that list its layers


def remember(desc: Description, spec: ModelSpec | None = None) -> Changes | None:
    """The changes from the previous run's model to this one (None on the first run), keeping only
    this run's model for the next. A rerun with the same model (a language switch, a panel opened)
    shows the latest changes again."""
    last = st.session_state.get(LAST_KEY)
    changes = None
    if last is not None:
        before, before_spec, shown = last
        changes = shown if (before, before_spec) == (desc, spec) else compare(before, desc, before_spec, spec)
    st.session_state[LAST_KEY] = (desc, spec, changes)
    return changes


def show(desc: Description | None, lang: str, spec: ModelSpec | None = None) -> None:
    """Call once per run with the current model's description (and its spec, which adds the
    arguments of wrapped layers); None (nothing could be read) keeps the previous model."""
    if desc is not None:
        render(remember(desc, spec), lang)


def _refs(refs: tuple[LayerRef, ...], lang: str) -> str:
    texts = [t(lang, "compare.ref", name=escape_markdown(r.name), cls=escape_markdown(r.cls),
               shape=shapes_text(r.shapes), params=f"{r.params:,}") for r in refs[:MAX_LISTED]]
    if len(refs) > MAX_LISTED:
        texts.append(t(lang, "compare.more", count=f"{len(refs) - MAX_LISTED:,}"))
    return "; ".join(texts)


def _axes(axes, which: str) -> str:
    return ", ".join(f"{escape_markdown(a.letter)} {size_text(a.before)} → {size_text(a.after)}" if which == "moved"
                     else f"{escape_markdown(a.letter)} = {size_text(a.after if which == 'appeared' else a.before)}"
                     for a in axes)


def lines(ch: Changes, lang: str) -> list[str]:
    """The changes outside the table, as markdown lines; names from the code are escaped."""
    out = []
    for which, key in AXES_LINES:
        axes = getattr(ch, f"axes_{which}")
        if axes:
            out.append(t(lang, key, axes=_axes(axes, which)))
    if ch.batch_moved and not any(a.letter == "B" for a in ch.axes_moved):  # else said with the axes
        out.append(t(lang, "compare.batch", before=size_text(ch.batch_before), after=size_text(ch.batch_after)))
    for which, key in LAYER_LINES:
        refs = getattr(ch, which)
        if refs:
            out.append(t(lang, key, layers=_refs(refs, lang)))
    before, after = (escape_markdown(n) if n else n for n in (ch.failure_before, ch.failure_after))
    if ch.failure_moved:
        if before is None:
            out.append(t(lang, "compare.failure_appeared", layer=after))
        elif after is None:
            out.append(t(lang, "compare.failure_gone", layer=before))
        else:
            out.append(t(lang, "compare.failure_moved", before=before, after=after))
    if ch.unchanged:
        out.append(t(lang, "compare.unchanged", count=f"{len(ch.unchanged):,}"))
    key = "compare.total" if ch.failure_before is None and ch.failure_after is None else "compare.total_partial"
    out.append(t(lang, key, before=f"{ch.params_before:,}", after=f"{ch.params_after:,}",
                 delta=f"{ch.params_delta:+,}"))
    return out


def render(ch: Changes | None, lang: str) -> None:
    with st.container(border=True, key="compare_panel"):
        st.markdown(f"**{t(lang, 'compare.header')}**")
        if ch is None or ch.empty:
            st.caption(t(lang, "compare.first" if ch is None else "compare.same"))
            return
        if ch.new_model:  # another model than the last run's: its layers are not versions of those
            st.caption(t(lang, "compare.new_model"))
            return
        if ch.layers:
            table = changes_table(ch).rename(columns={c: t(lang, COLUMN_HEADERS[c]) for c in TABLE_COLUMNS})
            render_table(table, "compare_table",  # the shapes before → after may wrap at a space: a narrower panel
                         wrap=tuple(t(lang, key) for key in ("compare.col.output", "compare.col.weights",
                                                             "compare.col.args")))
        st.markdown("  \n".join(lines(ch, lang)))
