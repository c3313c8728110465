"""The fix loop on the learner's own style: the CNN channel mistake written into Keras 2 code (`input_shape=` on
the first layer) and fixed again, the input's shape followed to the literal that gives it (a constant, a def's
default or argument, a loop over one value) or a reason when it cannot be, and Flatten put back before a Dense
that runs silently on image positions; each fixed model built by real Keras in this process."""
from __future__ import annotations

import pytest

from explorer.build import build
from explorer.description import FixEdit
from explorer.live.breakit import broken_source, mistakes_for
from explorer.reader.code import read_code
from explorer.reader.edit import apply_edit, apply_fix, not_written
from explorer.shapes import describe

# (the imports, how a layer class is spelled, how Sequential is spelled)
STYLES = {
    "keras.layers.X": ("import keras\n", "keras.layers.", "keras.Sequential"),
    "layers.X": ("import keras\nfrom keras import layers\n", "layers.", "keras.Sequential"),
    "from tensorflow.keras.layers import X": (
        "from tensorflow.keras.models import Sequential\n"
        "from tensorflow.keras.layers import Conv2D, MaxPooling2D, Flatten, Dense\n", "", "Sequential"),
}


def keras2_list(style: str) -> str:
    imports, p, seq = STYLES[style]
    return (imports + f"\nmodel = {seq}([\n    {p}Conv2D(32, 3, activation=\"relu\", input_shape=(28, 28, 1)),\n"
            f"    {p}MaxPooling2D(2),\n    {p}Flatten(),\n    {p}Dense(10, activation=\"softmax\"),\n])\n")


def keras2_add(style: str) -> str:
    imports, p, seq = STYLES[style]
    return (imports + f"\nmodel = {seq}()\nmodel.add({p}Conv2D(32, (3, 3), input_shape=(28, 28, 1)))\n"
            f"model.add({p}MaxPooling2D((2, 2)))\nmodel.add({p}Flatten())\nmodel.add({p}Dense(10))\n")


def spec_of(code: str):
    result = read_code(code)
    assert result.spec is not None, [(n.line, n.key) for n in result.notes]
    return result.spec


def keras_output(code: str) -> tuple:
    """The model built by real Keras, here: its output shape."""
    spec = spec_of(code)
    desc = describe(spec)
    assert desc.failure is None, desc.failure
    built = build(spec, desc)
    assert built.failure is None, built.failure
    return tuple(built.model.outputs[0].shape)


def missing_channel(code: str):
    spec = spec_of(code)
    return spec, next(m for m in mistakes_for(spec, describe(spec)) if m.key == "missing_channel")


# -- 1. the channel mistake in Keras 2 style: written, then fixed ------------------------------------
@pytest.mark.parametrize("style", list(STYLES))
@pytest.mark.parametrize("write", [keras2_list, keras2_add], ids=["list", "add"])
def test_try_it_then_apply_on_keras2_input_shape(style, write):
    code = write(style)
    spec, mistake = missing_channel(code)
    broken = broken_source(code, spec, mistake)
    assert broken is not None
    assert broken == code.replace("input_shape=(28, 28, 1)", "input_shape=(28, 28)")
    broken_spec = spec_of(broken)
    failure = describe(broken_spec).failure
    assert failure is not None and failure.layer == "conv2d" and failure.fix.key == "fix.conv2d_add_channel"
    fixed = apply_fix(broken, broken_spec, failure)
    assert fixed is not None
    reshape = STYLES[style][1] + "Reshape((28, 28, 1), input_shape=(28, 28))"
    assert reshape in fixed
    if not STYLES[style][1]:
        assert "import Conv2D, MaxPooling2D, Flatten, Dense, Reshape\n" in fixed
    assert keras_output(fixed) == (None, 10)


# -- 2. the input's shape followed to its literal ------------------------------------------------------
H = "import keras\nfrom keras import layers\n"
REST = "x = layers.Conv2D(8, 3)(inputs)\nx = layers.Flatten()(x)\nmodel = keras.Model(inputs, layers.Dense(10)(x))\n"
DEF_REST = "".join("    " + line + "\n" for line in REST.replace("model = ", "return ").splitlines())
NAMED = {  # the model, the line that gives the shape before and after the mistake is written
    "constant": (H + "SHAPE = (28, 28, 1)\ninputs = keras.Input(shape=SHAPE)\n" + REST,
                 "SHAPE = (28, 28, 1)\n", "SHAPE = (28, 28)\n"),
    "constant of names": (H + "rows, cols = 28, 28\ninput_shape = (rows, cols, 1)\ninputs = keras.Input(input_shape)\n"
                          + REST, "input_shape = (rows, cols, 1)\n", "input_shape = (rows, cols)\n"),
    "default": (H + "def build(shape=(28, 28, 1)):\n    inputs = keras.Input(shape)\n" + DEF_REST + "model = build()\n",
                "def build(shape=(28, 28, 1)):", "def build(shape=(28, 28)):"),
    "argument": (H + "def build(shape=(32, 32, 3)):\n    inputs = keras.Input(shape=shape)\n" + DEF_REST
                 + "model = build(shape=(28, 28, 1))\n", "build(shape=(28, 28, 1))\n", "build(shape=(28, 28))\n"),
    "one-value loop": (H + "for shape in [(28, 28, 1)]:\n    inputs = keras.Input(shape)\n"
                       + "".join("    " + line + "\n" for line in REST.splitlines()),
                       "for shape in [(28, 28, 1)]:", "for shape in [(28, 28)]:"),
    "names in the call": (H + "def build(rows=28, cols=28):\n    inputs = keras.Input((rows, cols, 1))\n" + DEF_REST
                          + "model = build()\n", "keras.Input((rows, cols, 1))", "keras.Input((rows, cols))"),
}


@pytest.mark.parametrize("case", list(NAMED))
def test_the_channel_mistake_edits_the_literal_that_gives_the_shape(case):
    code, before, after = NAMED[case]
    spec, mistake = missing_channel(code)
    broken = broken_source(code, spec, mistake)
    assert broken == code.replace(before, after)
    broken_spec = spec_of(broken)
    assert broken_spec.inputs[0].shape == (28, 28)
    failure = describe(broken_spec).failure
    fixed = apply_fix(broken, broken_spec, failure)
    assert "layers.Reshape((28, 28, 1))" in fixed
    assert keras_output(fixed) == (None, 10)
    # and back: the input shape edit itself (the fit check's fix) writes the channel into that literal
    assert apply_edit(broken, broken_spec, FixEdit("input_shape", broken_spec.inputs[0].name, shape=(28, 28, 1))) \
        == code


CANNOT = {
    "a loop over two shapes": (H + "for shape in [(28, 28, 1), (32, 32, 1)]:\n    inputs = keras.Input(shape)\n"
                               + "".join("    " + line + "\n" for line in REST.splitlines()),
                               "edit.why.loop", {"name": "shape", "line": "3"}),
    "a def called twice": (H + "def build(shape=(28, 28, 1)):\n    inputs = keras.Input(shape)\n" + DEF_REST
                           + "model = build()\nother = build((28, 28, 1))\n",
                           "edit.why.def_calls", {"name": "shape", "line": "3"}),
    "a name given twice": (H + "SHAPE = (32, 32, 1)\nSHAPE = (28, 28, 1)\ninputs = keras.Input(shape=SHAPE)\n" + REST,
                           "edit.why.assigned_often", {"name": "SHAPE", "line": "0"}),
    "the data's shape": (H + "import numpy as np\nx_train = np.zeros((10, 28, 28, 1))\n"
                         "inputs = keras.Input(shape=x_train.shape[1:])\n" + REST, "edit.why.expression", None),
}


@pytest.mark.parametrize("case", list(CANNOT))
def test_a_shape_that_cannot_be_written_says_why_and_writes_nothing(case):
    from explorer.i18n import t

    code, key, params = CANNOT[case]
    spec = spec_of(code)
    edit = FixEdit("input_shape", spec.inputs[0].name, shape=(28, 28))
    assert apply_edit(code, spec, edit) is None
    why = not_written(code, spec, edit)
    assert why is not None and why[0] == key and (params is None or why[1] == params)
    for lang in ("en", "zh"):
        assert t(lang, "edit.why.lead", why=t(lang, why[0], **why[1]))


# -- 3. Dense without Flatten: silent in Keras, explained on the page, fixed in one click ---------------------
def no_flatten(style: str) -> str:
    return keras2_list(style).replace(f"    {STYLES[style][1]}Flatten(),\n", "")


@pytest.mark.parametrize("style", list(STYLES))
def test_dense_on_image_positions_is_explained_and_flatten_goes_before_it(style):
    from explorer.diagnose import dense_on_positions

    code = no_flatten(style)
    assert keras_output(code) == (None, 13, 13, 10)  # Keras builds it without a word: that is the mistake
    spec = spec_of(code)
    hint = dense_on_positions(spec, describe(spec))
    assert hint is not None and dict(hint.params)["dense"] == "dense"
    assert dict(hint.params)["output"] == "(None, 13, 13, 10)" and dict(hint.params)["positions"] == "13 × 13"
    fixed = apply_edit(code, spec, hint.edit, hint.code)
    p = STYLES[style][1]
    assert f"    {p}MaxPooling2D(2),\n    {p}Flatten(),\n    {p}Dense(10" in fixed
    assert keras_output(fixed) == (None, 10)
    assert dense_on_positions(spec_of(fixed), describe(spec_of(fixed))) is None


def test_dense_on_a_sequence_or_after_flatten_is_no_hint():
    from explorer.diagnose import dense_on_positions
    from explorer.presets import PRESETS, preset_code

    for name in PRESETS:  # the question's tagger: Dense on (B, T, F) is the lesson, not a mistake
        spec = spec_of(preset_code(name))
        assert dense_on_positions(spec, describe(spec)) is None, name
    spec = spec_of(keras2_list("layers.X"))
    assert dense_on_positions(spec, describe(spec)) is None


def hint_app(start: str, lang: str):
    import streamlit as st

    from explorer.reader.code import read_code
    from explorer.shapes import describe
    from explorer.ui import fix_button

    if "code" not in st.session_state:
        st.session_state["code"] = start
        st.session_state["preset"] = "tagger"
    fix_button.show_change(lang)
    code = st.session_state["code"]
    spec = read_code(code).spec
    fix_button.render_hint(code, spec, describe(spec), lang)


@pytest.mark.page
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_page_explains_it_and_applies_the_fix(lang):
    from streamlit.testing.v1 import AppTest

    from explorer.i18n import t

    start = no_flatten("from tensorflow.keras.layers import X")
    at = AppTest.from_function(hint_app, args=(start, lang), default_timeout=60).run()
    assert not at.exception
    (warning,) = at.warning
    assert "(None, 13, 13, 10)" in warning.value and "13 × 13" in warning.value
    assert any("`layers.Flatten()`" in m.value for m in at.markdown)
    at.button(key="fixloop.apply_hint").click().run()
    code = at.session_state["code"]
    assert "    MaxPooling2D(2),\n    Flatten(),\n    Dense(10" in code
    assert not at.warning and not at.button  # the hint is gone with the mistake
    assert at.markdown[0].value == t(lang, "fixloop.fix_applied")
    assert keras_output(code) == (None, 10)
