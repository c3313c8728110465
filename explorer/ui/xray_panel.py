"""Wrapper X-ray: Embedding, an LSTM step, Bidirectional and TimeDistributed opened up, with their differences."""
from __future__ import annotations

import re

import streamlit as st

from explorer.budget import check_budget
from explorer.config import MERGE_MODES, Config
from explorer.dims import DIM_COLORS, named, shape_text
from explorer.i18n import t
from explorer.xray import WrapperXray, merge, xray_bytes
from explorer.xray_figures import bidirectional_figure, gates_figure

_NAMED_SHAPE = re.compile(r"\((?:(?:2H|4H|B·T|[BTVEHFUCn])(?:, )?)+,?\)")
_LETTER = re.compile(r"2H|4H|[BTVEHFUC]")


def color_dims(text: str) -> str:
    """Colour every letter of a named shape such as (B, T, H) or (B·T, F) with its dims.py colour (HTML)."""
    def paint(letter: re.Match) -> str:
        key = "H" if letter.group() == "2H" else letter.group()
        return f"<span style='color:{DIM_COLORS[key]};font-weight:700'>{letter.group()}</span>"
    return _NAMED_SHAPE.sub(lambda m: _LETTER.sub(paint, m.group()), text)


def md(text: str) -> None:
    st.markdown(color_dims(text), unsafe_allow_html=True)


FORMULAS = {"ave": "(fwd + bwd) / 2", "concat": "concatenate([fwd, bwd], axis=-1)", "sum": "fwd + bwd",
            "mul": "fwd * bwd"}


def _diffs(rows: list[tuple[str, float]], lang: str) -> None:
    md("\n".join(f"- {label} → `{value:.3e}`" for label, value in rows))
    st.caption(t(lang, "xray.diff_caption"))


def code_block(rows: list[tuple[str, str]]) -> None:
    """Python lines with their shape comments lined up in one column."""
    width = max(len(code) for code, _ in rows)
    st.code("\n".join(f"{code:<{width}}  # {comment}" if comment else code for code, comment in rows),
            language="python")


def _numbers(values, count: int = 6) -> str:
    return "[" + ", ".join(f"{float(v):.4f}" for v in values[:count]) + ", …]"


def _mib(n: int) -> str:
    return f"{n / 2**20:,.1f}"


def render_embedding(x: WrapperXray, lang: str) -> None:
    e = x.embedding
    (b, tt), (v, dim) = e.tokens.shape, e.matrix_shape
    md(t(lang, "xray.emb.intro", V=f"{v:,}", E=dim, B=b, T=tt))
    md(t(lang, "xray.emb.example", token=int(e.tokens[0, 0]), row=_numbers(e.lookup[0, 0]),
                  out=_numbers(e.layer_out[0, 0])))
    md(t(lang, "xray.emb.onehot"))
    n = e.plan.tokens
    code_block([
        ("out = E[tokens]", f"{shape_text(e.tokens.shape)} ids → {shape_text(e.lookup.shape)}  (B, T, E)"),
        (f"onehot = one_hot(tokens[0, :{n}], {v})", f"({n}, {v})  (n, V)"),
        ("onehot @ E", f"({n}, {v}) @ ({v}, {dim}) → {shape_text(e.onehot_product.shape)}  (n, E)"),
    ])
    p = e.plan
    md(t(lang, "xray.emb.memory", full=f"{p.full_bytes:,}", full_mib=_mib(p.full_bytes), n=n,
                  chunks=f"{p.chunks:,}", rows=f"{p.chunk_rows:,}", peak=f"{p.peak_bytes:,}",
                  peak_mib=_mib(p.peak_bytes), limit_mib=f"{p.limit_bytes / 2**20:,.0f}"))
    _diffs([(t(lang, "xray.emb.diff_lookup"), e.diff_lookup), (t(lang, "xray.emb.diff_onehot", n=n), e.diff_onehot)],
           lang)


def render_lstm(x: WrapperXray, lang: str) -> None:
    ls = x.lstm
    h = ls.units
    s = ls.step
    md(t(lang, "xray.lstm.intro", kernel=shape_text(ls.kernel_shape), recurrent=shape_text(ls.recurrent_shape),
                  bias=shape_text(ls.bias_shape), H=h, H4=4 * h, e1=h - 1, s2=h, e2=2 * h - 1, s3=2 * h,
                  e3=3 * h - 1, s4=3 * h, e4=4 * h - 1))
    md(t(lang, "xray.lstm.step", t=s.step))
    sh = shape_text
    code_block([
        (f"x_t = x[:, {s.step}, :]", f"{sh(s.x_t.shape)}  (B, E)"),
        ("z = (x_t @ kernel", f"{sh(s.x_t.shape)} @ {sh(ls.kernel_shape)} → {sh(s.input_part.shape)}"),
        ("     + h_prev @ recurrent_kernel",
         f"{sh(s.h_prev.shape)} @ {sh(ls.recurrent_shape)} → {sh(s.recurrent_part.shape)}"),
        ("     + bias)", f"{sh(ls.bias_shape)}  →  z {sh(s.z.shape)}  (B, 4H)"),
        ("i, f, c_hat, o = np.split(z, 4, axis=-1)", f"4 × {sh(s.gates['i'].shape)}  (B, H), H = {h}"),
        ("c_t = sigmoid(f) * c_prev + sigmoid(i) * tanh(c_hat)", f"{sh(s.c_t.shape)}  (B, H)"),
        ("h_t = sigmoid(o) * tanh(c_t)", f"{sh(s.h_t.shape)} = forward_lstm(x)[:, {s.step}, :]"),
    ])
    labels = {k: t(lang, f"xray.lstm.{k}") for k in ("axis_x", "axis_y")}
    labels.update({f"gate.{g}": t(lang, f"xray.lstm.gate.{g}") for g in "ifco"})
    labels["title"] = t(lang, "xray.lstm.figure_title", t=s.step, H4=4 * h)
    st.plotly_chart(gates_figure(s, labels), width="content", key="xray_gates", config={"displayModeBar": False})
    gate_bias = {g: ls.bias[k * h:(k + 1) * h] for k, g in enumerate("ifco")}
    st.caption(t(lang, "xray.lstm.bias_note", f_min=f"{gate_bias['f'].min():.3g}", f_max=f"{gate_bias['f'].max():.3g}",
                 o_max=f"{max(abs(gate_bias[g]).max() for g in 'ico'):.3g}"))
    _diffs([(t(lang, "xray.lstm.diff_step", t=s.step), s.diff_h),
            (t(lang, "xray.lstm.diff_all", T=ls.numpy_out.shape[1]), ls.diff)], lang)


def merge_modes_table(x: WrapperXray, lang: str) -> str:
    """A markdown table (static, so it is drawn inside a hidden tab too): each merge mode on the real tensors."""
    bx = x.bidirectional
    cols = [t(lang, f"xray.bi.col.{c}") for c in ("mode", "formula", "shape", "named", "used")]
    lines = ["| " + " | ".join(cols) + " |", "|" + " --- |" * len(cols)]
    for mode in MERGE_MODES:
        out = merge(bx.forward, bx.backward, mode)
        last = "2H" if mode == "concat" else "H"
        cells = (mode, f"`{FORMULAS[mode]}`", shape_text(out.shape), named(("B", "T", last)),
                 t(lang, "xray.bi.used") if mode == bx.merge_mode else "")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def render_bidirectional(x: WrapperXray, lang: str) -> None:
    bx = x.bidirectional
    tt = bx.forward.shape[1]
    md(t(lang, "xray.bi.intro", last=tt - 1, mode=bx.merge_mode))
    sh = shape_text
    code_block([
        ("fwd = bi.forward_layer(x)", f"{sh(bx.forward.shape)}  (B, T, H)"),
        ("bwd_raw = bi.backward_layer(x)", f"{sh(bx.backward_raw.shape)}  step 0 = token {tt - 1}"),
        ("bwd = bwd_raw[:, ::-1]", f"{sh(bx.backward.shape)}  step t = token t"),
        (f"out = {FORMULAS[bx.merge_mode]}", f"{sh(bx.merged.shape)}  (B, T, F)"),
    ])
    labels = {k: t(lang, f"xray.bi.figure_title.{k}") for k in ("forward", "backward_raw", "backward")}
    labels["merged"] = t(lang, "xray.bi.figure_title.merged", mode=bx.merge_mode)
    fig, steps, units = bidirectional_figure(bx, labels)
    st.plotly_chart(fig, width="content", key="xray_bidirectional", config={"displayModeBar": False})
    st.caption(t(lang, "xray.bi.figure_caption", end=steps - 1, T=tt, units=units, raw_start=tt - steps, last=tt - 1))
    st.markdown(f"**{t(lang, 'xray.bi.modes_header')}**")
    md(merge_modes_table(x, lang))
    _diffs([(t(lang, "xray.bi.diff_merged"), bx.diff_merged), (t(lang, "xray.bi.diff_backward"),
                                                                  bx.diff_backward_numpy)], lang)
    md(t(lang, "xray.bi.diff_unflipped", diff=f"{bx.diff_without_reversal:.3e}"))


def render_time_distributed(x: WrapperXray, lang: str) -> None:
    td = x.time_distributed
    d = td.demo
    b, tt, c = d.wrapped_out.shape
    u = td.kernel_shape[0]
    md(t(lang, "xray.td.intro", C=c, kernel=shape_text(td.kernel_shape), bias=shape_text(td.bias_shape),
                  params=f"{td.wrapper_params:,}", T=tt))
    md(t(lang, "xray.td.shared", shared=t(lang, "xray.yes" if td.shares_kernel else "xray.no")))
    code_block([
        ("d = dense_output", f"({b}, {tt}, {u})  (B, T, U)"),
        (f"for t in range({tt}):", f"the same kernel {shape_text(td.kernel_shape)} every step"),
        ("    out[:, t, :] = d[:, t, :] @ kernel + bias",
         f"({b}, {u}) @ {shape_text(td.kernel_shape)} → ({b}, {c})"),
        (f"out == Dense({c})(d)", f"{shape_text(d.direct_out.shape)}  (B, T, C)"),
    ])
    _diffs([(t(lang, "xray.td.diff_direct", C=c), d.diff_direct), (t(lang, "xray.td.diff_steps", T=tt),
                                                                    d.diff_per_step)], lang)


def render(x: WrapperXray, lang: str) -> None:
    b, tt = x.embedding.tokens.shape
    st.subheader(t(lang, "xray.header"))
    md(t(lang, "xray.intro", B=b, T=tt))
    md(t(lang, "xray.largest", diff=f"{x.largest_diff:.3e}"))
    tabs = st.tabs([t(lang, f"xray.tab.{k}") for k in ("embedding", "lstm", "bidirectional", "time_distributed")])
    for tab, part in zip(tabs, (render_embedding, render_lstm, render_bidirectional, render_time_distributed)):
        with tab:
            part(x, lang)


def render_skipped(cfg: Config, lang: str) -> None:
    """Shown when xray_fits(cfg) is false: no demonstration to open, or not enough memory left for the X-ray."""
    st.subheader(t(lang, "xray.header"))
    budget = check_budget(cfg)
    if not budget.ok:
        st.info(t(lang, "xray.skipped_demo"))
        return
    needed = budget.total_bytes + xray_bytes(cfg)
    st.info(t(lang, "xray.skipped", needed=f"{needed:,}", limit=f"{budget.limit_bytes:,}"))
