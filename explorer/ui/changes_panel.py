"""What moved after the last sidebar change: settings, named dimensions, and per layer its shape and parameters."""
from __future__ import annotations

import streamlit as st

from explorer.changes import Changes
from explorer.config import Config
from explorer.dims import DIM_COLORS, shape_text
from explorer.i18n import t

_PAIR = "_changes_pair"  # (config before the last change or None, config of the last run)


def previous(cfg: Config) -> Config | None:
    """The configuration before the latest change, kept in this session; None until something changed.

    Reruns that change no setting (a language switch, say) keep showing the latest change.
    """
    before, last = st.session_state.get(_PAIR, (None, None))
    if last is not None and cfg != last:
        before = last
    st.session_state[_PAIR] = (before, cfg)
    return before


def _dim(d: str) -> str:
    return f"<span style='color:{DIM_COLORS[d]};font-weight:700'>{d}</span>"


def _named(dims: tuple[str, ...]) -> str:
    return "(" + ", ".join(_dim(d) for d in dims) + ")"


def changes_markdown(ch: Changes, lang: str) -> str:
    """The change as markdown with coloured dimension letters (HTML spans); every value is from a Config."""
    settings = ", ".join(f"`{s.field}` {s.before} → {s.after}" for s in ch.settings)
    head = [t(lang, "changes.settings", settings=settings)]
    if ch.dims:
        dims = ", ".join(f"{_dim(d.dim)} {d.before:,} → {d.after:,}" for d in ch.dims)
        head.append(t(lang, "changes.dims", dims=dims))
    bullets = []
    for layer in ch.layers:
        if layer.shape_changed:
            parts = [t(lang, "changes.shape_moved", layer=layer.layer, before=shape_text(layer.before_shape),
                       after=shape_text(layer.after_shape), named=_named(layer.output_dims))]
        else:
            parts = [t(lang, "changes.shape_kept", layer=layer.layer, shape=shape_text(layer.after_shape))]
        if layer.params_delta:
            parts.append(t(lang, "changes.params", before=f"{layer.before_params:,}",
                           after=f"{layer.after_params:,}", delta=f"{layer.params_delta:+,}"))
        if layer.weights:
            weights = ", ".join(f"{w.label} {shape_text(w.before)} → {shape_text(w.after)}" for w in layer.weights)
            parts.append(t(lang, "changes.weights", weights=weights))
        bullets.append("- " + "; ".join(parts))
    tail = []
    if ch.unchanged:
        tail.append(t(lang, "changes.unchanged", layers=", ".join(f"`{name}`" for name in ch.unchanged)))
    if ch.total_delta:
        tail.append(t(lang, "changes.total", before=f"{ch.before_total:,}", after=f"{ch.after_total:,}",
                      delta=f"{ch.total_delta:+,}"))
    blocks = ["\n\n".join(head), "\n".join(bullets), "\n\n".join(tail)]
    return "\n\n".join(b for b in blocks if b)


def render(ch: Changes | None, lang: str) -> None:
    with st.container(border=True, key="changes_panel"):
        st.markdown(f"**{t(lang, 'changes.header')}**")
        if ch is None or ch.empty:
            st.caption(t(lang, "changes.first"))
        else:
            st.markdown(changes_markdown(ch, lang), unsafe_allow_html=True)
