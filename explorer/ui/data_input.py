"""The sidebar's "Your data": the shapes of x and y, what y holds and the loss, typed by the learner where the code
does not say them (a model without training code, a Keras JSON model, compile without data). What is typed travels
in the link (`x_shape=1000x50&y_shape=1000x50&y_holds=class_ids&loss=categorical_crossentropy`) and is checked
like every input: shapes by explorer.controls.parse_input_shapes (the same bounds as the input shape's box), what y
holds and the loss against their lists. Typed values are kept while the section is not drawn (other code), so an
edit of the code does not lose them.
"""
from __future__ import annotations

import streamlit as st

from explorer.controls import DATA_KEYS, MAX_SHAPE_TEXT, parse_input_shapes, shapes_text
from explorer.i18n import t
from explorer.losses import LABEL_FORMS
from explorer.notices import Notice
from explorer.spec import ModelSpec
from explorer.training import TYPED_HOLDS, TrainingSpec, typed_training
from explorer.ui.sidebar import shape_error

X_KEY, Y_KEY, HOLDS_KEY, LOSS_KEY = DATA_KEYS  # the widgets' keys and the link's parameters
LOSSES = ("",) + tuple(sorted(LABEL_FORMS))  # "": the code's loss, or none
HOLDS_WORDS = {"class_ids": "data.holds.class_ids", "one_hot": "data.holds.one_hot", "floats": "data.holds.floats"}
_TYPED = "_data_typed"  # key -> the learner's value, kept while the section is not drawn
_STARTED = "_data_started"


def _short(raw: object) -> str:
    text = str(raw)
    return text if len(text) <= 40 else text[:37] + "..."


def _valid(key: str, raw: object) -> tuple[str | None, str]:
    """(the value as the section keeps it, "") or (None, why) for a value from a link or a forged widget."""
    if key in (X_KEY, Y_KEY):
        shapes, why = parse_input_shapes(raw)
        return (shapes_text(shapes), "") if shapes else (None, why or "not_shape")
    choices = TYPED_HOLDS if key == HOLDS_KEY else LOSSES
    return (raw, "") if isinstance(raw, str) and raw in choices else (None, "unknown_choice")


def _first_run() -> list[Notice]:
    """The link's data, checked, once per session; every value it holds is used or named in a notice."""
    if st.session_state.get(_STARTED):
        return []
    st.session_state[_STARTED] = True
    typed, notices = {}, []
    for key in DATA_KEYS:
        values = st.query_params.get_all(key)
        if not values:
            continue
        if len(values) > 1:
            notices.append(Notice(key, "repeated", str(len(values)), _short(values[-1])))
        value, _why = _valid(key, values[-1])
        if value is None:
            notices.append(Notice(key, "data_bad", _short(values[-1]), ""))
        else:
            typed[key] = value
    st.session_state[_TYPED] = typed
    return notices


def typed_values() -> dict[str, str]:
    """What the learner typed (or the link gave), checked: key -> value."""
    return dict(st.session_state.get(_TYPED, {}))


def _changed(key: str) -> None:
    raw = st.session_state.get(key)
    typed = st.session_state.setdefault(_TYPED, {})
    if key in (X_KEY, Y_KEY):  # the text as typed (a bad one is named under its box)
        typed[key] = raw[:MAX_SHAPE_TEXT + 1] if isinstance(raw, str) else ""
    else:
        typed[key] = raw if _valid(key, raw)[0] is not None else ""


def needs_data(code_training: object) -> bool:
    """The code gives no data for fit to meet: the learner may type it."""
    return not (isinstance(code_training, TrainingSpec) and code_training.x)


def data_box(spec: ModelSpec | None, code_training: object, lang: str) -> tuple[dict[str, str], list[Notice]]:
    """The section, drawn when the code's model exists and its code gives no data; returns what was typed (or
    the link gave) where it is drawn ({} elsewhere) and notices about the link's values."""
    notices = _first_run()
    code = code_training if isinstance(code_training, TrainingSpec) else None
    if spec is None or not needs_data(code):
        return {}, notices
    typed = typed_values()
    st.sidebar.subheader(t(lang, "data.header"))
    st.sidebar.caption(t(lang, "data.caption"))
    example_x = ";".join("x".join(str(size or 10) for size in (1000,) + tuple(inp.shape)) for inp in spec.inputs)
    for key, label, example in ((X_KEY, "data.x", example_x), (Y_KEY, "data.y", "1000")):
        st.session_state[key] = typed.get(key, "")  # the typed text is the truth, whatever the box was sent
        st.sidebar.text_input(t(lang, label), key=key, on_change=_changed, args=(key,), placeholder=example,
                              max_chars=MAX_SHAPE_TEXT, help=t(lang, "data.shape_help"))
        _shapes, why = parse_input_shapes(typed.get(key, ""))
        if why:
            st.sidebar.error(shape_error(why, typed.get(key, ""), lang))
    st.session_state[HOLDS_KEY] = typed.get(HOLDS_KEY) or TYPED_HOLDS[0]
    st.sidebar.selectbox(t(lang, "data.holds"), TYPED_HOLDS, key=HOLDS_KEY, on_change=_changed, args=(HOLDS_KEY,),
                         format_func=lambda holds: t(lang, HOLDS_WORDS[holds]))
    if code is None or not code.loss:
        st.session_state[LOSS_KEY] = typed.get(LOSS_KEY, "")
        st.sidebar.selectbox(t(lang, "data.loss"), LOSSES, key=LOSS_KEY, on_change=_changed, args=(LOSS_KEY,),
                             format_func=lambda loss: loss or t(lang, "data.no_loss"))
    return typed, notices


def training_for(spec: ModelSpec, desc, code_training: object, typed: dict[str, str]) -> TrainingSpec | None:
    """The training the page checks: the code's, or the code's completed with what the learner typed.
    desc: the model's description (the output's width, below which typed class ids stay)."""
    code = code_training if isinstance(code_training, TrainingSpec) else None
    xs = parse_input_shapes(typed.get(X_KEY, ""))[0]
    if not xs or not desc.ok:
        return code
    step = next((s for s in desc.steps if s.name == spec.outputs[0][0]), None) if spec.outputs else None
    width = step.output_shapes[spec.outputs[0][1] or 0][-1] if step is not None else None
    return typed_training(spec, code, xs, parse_input_shapes(typed.get(Y_KEY, ""))[0],
                          typed.get(HOLDS_KEY, TYPED_HOLDS[0]), typed.get(LOSS_KEY, ""), width)
