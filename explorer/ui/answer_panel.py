"""The learner's three questions, answered with this model's numbers: what each layer outputs, how
a Dense with a 2-D kernel takes a 3-D input, and which way its kernel is stored. Shown for any model
with a Dense on a 3-D input, the question's case; the check is the Dense X-ray's."""
from __future__ import annotations

import streamlit as st

from explorer.description import named, shape_text
from explorer.i18n import t
from explorer.layers import shown_class
from explorer.shapes import Description, Step
from explorer.ui import question_panel
from explorer.ui.messages import code_span_text


def dense_on_sequence(desc: Description) -> Step | None:
    """The first Dense whose input is (B, T, F), or None."""
    return next((s for s in desc.steps if s.cls == "Dense" and s.input_shape is not None
                 and len(s.input_shape) == 3), None)


def output_lines(desc: Description) -> str:
    """Markdown: one line per layer, its name in a code span (kept literal there: no escapes), its output."""
    return "\n".join(
        f"- `{code_span_text(s.name)}` ({shown_class(s.cls, s.args)}): "
        f"**{' + '.join(shape_text(o) for o in s.output_shapes)}** = "
        f"{' + '.join(named(a) for a in s.output_axes)}" for s in desc.steps)


def render(desc: Description, dense: Step, diff: float | None, lang: str) -> None:
    st.subheader(t(lang, "answer.header"))
    st.caption(f"[{t(lang, 'question.see')}](#{question_panel.ANCHOR})")
    outputs = output_lines(desc)
    st.markdown(f"**{t(lang, 'answer.q1')}**\n\n{outputs}")
    kernel = next(w for w in dense.weights if w.name == "kernel")
    b, tt, _ = dense.input_shape
    b = b if b is not None else "B"
    f, u = kernel.shape
    bt = b * tt if isinstance(b, int) and tt is not None else "B·T"
    check = (t(lang, "answer.q2_check", diff=f"{diff:.2e}") if diff is not None else t(lang, "answer.q2_no_check"))
    st.markdown(f"**{t(lang, 'answer.q2')}**\n\n"
                + t(lang, "answer.a2", B=b, T=tt, F=f, U=u, BT=bt) + " " + check)
    st.markdown(f"**{t(lang, 'answer.q3', U=u, F=f)}**\n\n"
                + t(lang, "answer.a3", U=u, F=f, kernel=shape_text(kernel.shape)))
