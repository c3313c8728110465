"""Live equivalences: Dense = TimeDistributed(Dense) = Conv1D(kernel_size=1) ≠ Flatten → Dense, on this model.

Draws an `explorer.live.equivalences.Equivalence` (computed and cached elsewhere): one table of the four
layers (code, output shape, parameters, max |difference vs Dense|), one table of what moves when a single
step of x changes, the checks and what was bounded. The tables are plain HTML (explorer/ui/html_table.py).
"""
from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from explorer.description import named, shape_text
from explorer.i18n import t, template
from explorer.ui.html_table import render_table
from explorer.ui.messages import code_span_text, safe_params
from explorer.live.base import Text
from explorer.live.equivalences import Equivalence, applies

VARIANT_KEYS = {  # Variant.key -> the layer's name in the table
    "dense": "equiv.variant.dense",
    "time_distributed": "equiv.variant.time_distributed",
    "conv1d": "equiv.variant.conv1d",
}


def _text(lang: str, text: Text | str) -> str:
    if isinstance(text, str):
        return t(lang, text)
    return t(lang, text.key, **safe_params(template(lang, text.key), dict(text.params)))


def _diff(value: float) -> str:
    return f"{value:.1e}"


def _letters(eq: Equivalence) -> dict[str, str]:
    bx, tx, fx = eq.axes
    return dict(bx=bx, tx=tx, fx=fx, ux=eq.unit)


def layers_table(eq: Equivalence, lang: str) -> pd.DataFrame:
    """One row per layer: its name, code, output shape, parameters (an int, None when not built), max
    |difference vs Dense| (as text)."""
    cols = [t(lang, key) for key in ("equiv.col.variant", "equiv.col.code", "equiv.col.shape", "equiv.col.params",
                                     "equiv.col.diff")]
    rows = [[t(lang, VARIANT_KEYS[v.key]), v.code, shape_text(v.output_shape), v.params,
             t(lang, "equiv.reference") if v.key == "dense" else _diff(v.diff)] for v in eq.variants]
    f = eq.flatten
    if f is not None:
        rows.append([t(lang, "equiv.variant.flatten"), f.code, shape_text(f.output_shape), f.params,
                     t(lang, "equiv.flatten.no_time", **_letters(eq))])
    else:
        rows.append([t(lang, "equiv.variant.flatten"), "", "", None, t(lang, "equiv.flatten.skipped_cell")])
    return pd.DataFrame(rows, columns=cols, dtype=object)


def change_table(eq: Equivalence, lang: str) -> pd.DataFrame:
    """What moves when only step s of x changes: Dense at the other steps, at step s, Flatten → Dense."""
    c = eq.change
    moved = lambda d: t(lang, "equiv.yes" if d > 0 else "equiv.no")
    rows = [[t(lang, "equiv.change.dense_other", n=c.other_steps, s=c.step, tx=eq.axes[1]), _diff(c.dense_other),
             moved(c.dense_other)],
            [t(lang, "equiv.change.dense_same", s=c.step), _diff(c.dense_same), moved(c.dense_same)]]
    if c.flatten is not None:
        rows.append([t(lang, "equiv.change.flatten", shape=shape_text(eq.flatten.output_shape)), _diff(c.flatten),
                     moved(c.flatten)])
    cols = [t(lang, key) for key in ("equiv.change.col.output", "equiv.change.col.diff", "equiv.change.col.moved")]
    return pd.DataFrame(rows, columns=cols)


def render(eq: Equivalence, lang: str, header: bool = True) -> None:
    if header:
        st.subheader(t(lang, "equiv.header"))
    if eq.seeded:
        intro = "equiv.intro.seeded"
    else:
        intro = "equiv.intro.time_distributed" if eq.layer_cls == "TimeDistributed" else "equiv.intro.dense"
    _b, tt, f = eq.shape
    st.markdown(t(lang, intro, tensor=code_span_text(eq.tensor), layer=code_span_text(eq.layer),
                  shape=shape_text(eq.shape), named=named(eq.axes), kernel=shape_text(eq.kernel_shape), U=eq.units,
                  **_letters(eq)))
    render_table(layers_table(eq, lang), "equiv_layers", numbers=(t(lang, "equiv.col.params"),),
                 wrap=(t(lang, "equiv.col.code"), t(lang, "equiv.col.diff")))
    st.markdown(t(lang, "equiv.explain", params=f"{eq.dense_params:,}", T=tt, **_letters(eq)))
    if eq.flatten is not None:
        key = "equiv.flatten.params" if eq.use_bias else "equiv.flatten.params_no_bias"
        st.markdown(t(lang, key, T=tt, F=f, U=eq.units, params=f"{eq.flatten.params:,}",
                      ratio=f"{eq.flatten.ratio:.1f}", **_letters(eq)))
    else:
        st.markdown(_text(lang, eq.flatten_skipped))

    st.markdown("**" + t(lang, "equiv.change.header", s=eq.change.step) + "**")
    render_table(change_table(eq, lang), "equiv_change", wrap=(t(lang, "equiv.change.col.output"),))
    st.markdown(t(lang, "equiv.change.explain", s=eq.change.step))
    st.markdown(t(lang, "equiv.per_step", step_shape=shape_text((eq.used[0], f)), n=eq.per_step_count,
                  diff=_diff(eq.per_step_diff)))

    lines = [f"- {_text(lang, c.what)} → `{_diff(c.diff)}`" for c in eq.checks]
    st.markdown(t(lang, "equiv.checks") + "\n" + "\n".join(lines))
    for note in eq.notes:
        st.caption(_text(lang, note))


def render_unavailable(reason: Text | str, lang: str) -> None:
    st.info(_text(lang, reason))


def show(eq: Equivalence | None, reason: Text | str | None, lang: str) -> None:
    """The panel's body inside its expander: the equivalences, or why this model has none."""
    if eq is not None:
        render(eq, lang, header=False)
    else:
        render_unavailable(reason or "", lang)


def entry(spec, desc, lang: str, compute: Callable[[], tuple[Equivalence | None, Text | None]]) -> tuple:
    """The live section's (label, expander key, body) for this panel, or nothing on a model without a
    sequence (an image CNN, a plain (B, F) network): a panel only there to say it does not apply is not
    offered. compute: the cached (equivalence, reason) of the model, run only when the panel is opened."""
    if not applies(spec, desc):
        return ()
    return ((t(lang, "equiv.header"), "open_equivalences", lambda: show(*compute(), lang)),)
