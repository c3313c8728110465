"""The live demonstration: Dense on (B, T, F) is H.reshape(-1, F) @ W + b, reshaped back."""
from __future__ import annotations

import streamlit as st

from explorer.demo import DenseDemo, Demonstrations, TimeDistributedDemo, clamp_position, position
from explorer.dims import shape_text
from explorer.heatmaps import position_figure
from explorer.i18n import t


def steps_code(d: DenseDemo, lang: str) -> str:
    """The computation as Python, each line commented with the real array's shape."""
    b, tt, f = d.hidden.shape
    u = d.kernel.shape[1]
    return "\n".join([
        f"H = bilstm_output            # {shape_text(d.hidden.shape)}  (B, T, F)",
        f"W, b = dense.kernel, dense.bias  # {shape_text(d.kernel.shape)} (F, U), {shape_text(d.bias.shape)} (U,)",
        f"flat = H.reshape(-1, {f})      # {shape_text(d.flat.shape)}  (B·T, F) = ({b}·{tt}, {f})",
        f"prod = flat @ W + b           # {shape_text(d.product.shape)}  (B·T, F) @ (F, U) → (B·T, U)",
        f"out = prod.reshape({b}, {tt}, {u})  # {shape_text(d.reshaped.shape)}  (B, T, U)",
        f"# {t(lang, 'demo.code_compare')}",
        f"same = tf.tensordot(H, W, axes=[[2], [0]]) + b  # {shape_text(d.tensordot.shape)}",
    ])


def render_differences(d: DenseDemo, td: TimeDistributedDemo, lang: str) -> None:
    rows = [
        (t(lang, "demo.diff.reshape_layer"), d.diff_reshape_layer),
        (t(lang, "demo.diff.tensordot_layer"), d.diff_tensordot_layer),
        (t(lang, "demo.diff.reshape_tensordot"), d.diff_reshape_tensordot),
        (t(lang, "demo.diff.td_direct", C=td.wrapped_out.shape[-1]), td.diff_direct),
        (t(lang, "demo.diff.td_steps", T=td.wrapped_out.shape[1]), td.diff_per_step),
    ]
    st.markdown("\n".join(f"- {label}: `{value:.3e}`" for label, value in rows))
    st.caption(t(lang, "demo.diff_caption"))


@st.fragment
def position_picker(d: DenseDemo, lang: str) -> None:
    """Pick (b, t, u); only this fragment reruns when the position changes."""
    st.markdown(f"**{t(lang, 'demo.pick_header')}**")
    b_max, t_max, _ = d.hidden.shape
    u_max = d.kernel.shape[1]
    c1, c2, c3 = st.columns(3)
    b = c1.number_input(t(lang, "demo.pick_b"), 0, b_max - 1, min(3, b_max - 1), key="pos_b")
    s = c2.number_input(t(lang, "demo.pick_t"), 0, t_max - 1, min(7, t_max - 1), key="pos_t")
    u = c3.number_input(t(lang, "demo.pick_u"), 0, u_max - 1, min(11, u_max - 1), key="pos_u")
    b, s, u = clamp_position(d, int(b or 0), int(s or 0), int(u or 0))
    pos = position(d, b, s, u)
    st.markdown(t(lang, "demo.pick_result", b=b, t=s, u=u, T=t_max, r=pos.row, F=d.kernel.shape[0],
                  by_hand=f"{pos.by_hand:.7f}", layer=f"{pos.from_layer:.7f}", diff=f"{pos.diff:.2e}"))
    labels = {k: t(lang, f"demo.heat.{k}") for k in ("flat", "kernel", "product", "reshaped")}
    st.plotly_chart(position_figure(d, pos, labels), width="content", key="position_heatmaps",
                    config={"displayModeBar": False})


def render(demos: Demonstrations, lang: str) -> None:
    d = demos.dense
    b, tt, f = d.hidden.shape
    u = d.kernel.shape[1]
    st.subheader(t(lang, "demo.header"))
    st.markdown(t(lang, "demo.intro", B=b, T=tt, F=f, U=u, BT=b * tt))
    st.code(steps_code(d, lang), language="python")
    render_differences(d, demos.time_distributed, lang)
    position_picker(d, lang)


def render_skipped(reason: str, lang: str) -> None:
    st.subheader(t(lang, "demo.header"))
    st.info(reason)
