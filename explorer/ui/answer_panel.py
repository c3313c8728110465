"""The learner's three questions, answered with this configuration's live numbers."""
from __future__ import annotations

import streamlit as st

from explorer.config import Config
from explorer.demo import DenseDemo
from explorer.describe import LayerInfo
from explorer.dims import named, shape_text
from explorer.i18n import t
from explorer.model import DENSE


def render(cfg: Config, infos: list[LayerInfo], dense: DenseDemo | None, lang: str) -> None:
    st.subheader(t(lang, "answer.header"))
    outputs = "\n".join(
        f"- `{i.name}` ({i.cls}): **{shape_text(i.output_shape)}** = {named(i.output_dims)}" for i in infos
    )
    st.markdown(f"**{t(lang, 'answer.q1')}**\n\n{outputs}")
    kernel = next(w for i in infos if i.name == DENSE for w in i.weights if w.name == "kernel")
    b, tt = cfg.batch_size, cfg.seq_len
    f, u = kernel.shape
    check = (t(lang, "answer.q2_check", diff=f"{dense.diff_reshape_layer:.2e}") if dense is not None
             else t(lang, "answer.q2_no_check"))
    st.markdown(f"**{t(lang, 'answer.q2')}**\n\n"
                + t(lang, "answer.a2", B=b, T=tt, F=f, U=u, BT=b * tt) + " " + check)
    st.markdown(f"**{t(lang, 'answer.q3', U=u, F=f)}**\n\n"
                + t(lang, "answer.a3", U=u, F=f, kernel=shape_text(kernel.shape)))
