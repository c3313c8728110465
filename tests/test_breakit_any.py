"""'Break it' for any model (explorer/live/breakit.py), writing a layer back into the learner's code
(explorer/reader/edit.py), the one-click fix and the panel's buttons."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest

from explorer.diagnose import _with_arg
from explorer.layers import get_kind, layer_code
from explorer.layers.base import Fix
from explorer.live.base import Mistake
from explorer.live.breakit import (FAILED, MAX_PER_KIND, OVER_BUDGET, RAISED, SILENT, UNBROKEN, broken_source,
                                   clean_message, mistakes_for, outcomes_for, run_mistake)
from explorer.presets import preset_code
from explorer.reader.code import read_code
from explorer.reader.edit import apply_fix, replace_layer
from explorer.shapes import describe

CORPUS = Path(__file__).parent / "corpus"
TAGGER = preset_code("tagger")


def spec_of(code: str):
    spec = read_code(code).spec
    assert spec is not None, read_code(code).notes
    return spec


def with_args(layer, **changes):
    return dataclasses.replace(layer, args=tuple(sorted({**layer.kwargs, **changes}.items())))


def last_step_mistake(model, layer, step, core):
    """The tagger's Bidirectional with its inner LSTM returning only the last step."""
    broken = dataclasses.replace(layer, inner=with_args(layer.inner, return_sequences=False))
    return (Mistake("last_step_only", layer.name, (("layer", layer.name),), broken=broken),)


# -- the engine -------------------------------------------------------------------------------------
def test_broken_layer_gives_keras_error_and_the_fix(monkeypatch):
    monkeypatch.setattr(get_kind("Bidirectional"), "mistakes", last_step_mistake)
    spec = spec_of(TAGGER)
    mistakes = mistakes_for(spec, describe(spec))
    assert mistakes[0].key == "last_step_only"  # broken= mistakes come first
    outcome = run_mistake(spec, mistakes[0])
    assert outcome.status == FAILED and outcome.source == "Keras"
    # Keras's own words at the TimeDistributed head, on the tiny batch of 2: Dense gave (2, 200)
    assert outcome.failure.layer == "time_distributed" and outcome.failure.origin == "keras"
    assert "at least 3 dimensions" in outcome.message and "(2, 200)" in outcome.message
    assert outcome.failure.input_shapes == ((2, 200),)
    assert "return_sequences=False" in outcome.code
    assert "return_sequences=True" in outcome.fix.code and "merge_mode=merge_mode" in outcome.fix.code


def test_broken_source_loads_the_mistake_into_the_code(monkeypatch):
    monkeypatch.setattr(get_kind("Bidirectional"), "mistakes", last_step_mistake)
    spec = spec_of(TAGGER)
    mistake = mistakes_for(spec, describe(spec))[0]
    code = broken_source(TAGGER, spec, mistake)
    assert "layers.Bidirectional(layers.LSTM(lstm_units, return_sequences=False), merge_mode=merge_mode)" in code
    changed = [(a, b) for a, b in zip(TAGGER.splitlines(), code.splitlines()) if a != b]
    assert len(changed) == 1 and len(code.splitlines()) == len(TAGGER.splitlines())
    failure = describe(spec_of(code)).failure
    assert failure.layer == "time_distributed" and failure.input_shapes == ((30, 200),)


def test_at_most_two_mistakes_per_kind_and_eight_in_all(monkeypatch):
    def many(model, layer, step, core):
        return tuple(Mistake(f"m{i}", layer.name, run=lambda: 0.0) for i in range(5))

    monkeypatch.setattr(get_kind("Dense"), "mistakes", many)
    spec = spec_of(TAGGER)
    mistakes = mistakes_for(spec, describe(spec))
    assert [m.key for m in mistakes if m.layer == "dense"] == ["m0", "m1"][:MAX_PER_KIND]

    code = "import keras\nfrom keras import layers\nmodel = keras.Sequential([keras.Input(shape=(4,)),\n" + \
        "".join(f"    layers.Dense(4, name='d{i}'),\n" for i in range(6)) + "])\n"
    for kind in ("Dense", "Bidirectional"):
        monkeypatch.setattr(get_kind(kind), "mistakes", many)
    spec = spec_of(code)
    assert [m.key for m in mistakes_for(spec, describe(spec))] == ["m0", "m1"]  # six Dense layers, one kind

    def same(model, layer, step, core):
        return (Mistake("same", layer.name, run=lambda: 0.0),)

    monkeypatch.setattr(get_kind("Dense"), "mistakes", same)
    assert [(m.key, m.layer) for m in mistakes_for(spec, describe(spec))] == [("same", "d0")]  # once, first layer


def test_at_most_eight_in_all(monkeypatch):
    def two(model, layer, step, core):
        return tuple(Mistake(f"{layer.name}.{i}", layer.name, run=lambda: 0.0) for i in range(2))

    code = ("import keras\nfrom keras import layers\nmodel = keras.Sequential([keras.Input(shape=(4,)),\n"
            "    layers.Dense(4), layers.Dropout(0.1), layers.Activation('relu'), layers.Reshape((2, 2)),\n"
            "    layers.Flatten(), layers.Dense(1)])\n")
    for kind in ("Dense", "Dropout", "Activation", "Reshape", "Flatten"):
        monkeypatch.setattr(get_kind(kind), "mistakes", two)
    spec = spec_of(code)
    keys = [m.key for m in mistakes_for(spec, describe(spec))]
    assert keys == ["dense.0", "dense.1", "dropout.0", "dropout.1", "activation.0", "activation.1",
                    "reshape.0", "reshape.1"]  # ten offered, the first eight in the model's order


def test_no_mistakes_for_a_model_that_already_fails():
    spec = spec_of((CORPUS / "fail_lstm_after_lstm.py").read_text())
    assert mistakes_for(spec, describe(spec)) == ()


def test_run_mistake_that_raises():
    spec = spec_of(TAGGER)
    mistake = Mistake("matmul", "dense", run=lambda: np.zeros((2, 3)) @ np.zeros((4, 5)), source="numpy",
                      code="a @ b")
    outcome = run_mistake(spec, mistake)
    assert (outcome.status, outcome.error_type, outcome.source) == (RAISED, "ValueError", "numpy")
    assert "matmul" in outcome.message and outcome.failure is None and outcome.fix is None


def test_messages_are_cleaned_and_cut():
    def noisy():
        raise ValueError("\x1b[31mbad\x1b[0m shape <tf.Variable 'w' shape=(2, 2) numpy=array([[1., 2.],\n"
                         "[3., 4.]], dtype=float32)> " + "x" * 5000)

    outcome = run_mistake(spec_of(TAGGER), Mistake("noisy", "dense", run=noisy))
    assert outcome.message.startswith("bad shape") and "\x1b" not in outcome.message
    assert "numpy=…" in outcome.message and "3., 4." not in outcome.message
    assert len(outcome.message) <= 1202
    assert clean_message("short") == "short"


def test_silent_float_and_nothing():
    spec = spec_of(TAGGER)
    silent = run_mistake(spec, Mistake("silent", "dense", run=lambda: np.float32(0.25)))
    assert silent.status == SILENT and silent.silent_diff == pytest.approx(0.25) and silent.error_type == ""
    assert run_mistake(spec, Mistake("none", "dense", run=lambda: None)).status == UNBROKEN


def test_a_change_that_does_not_break_says_so():
    spec = spec_of(TAGGER)
    outcome = run_mistake(spec, Mistake("fewer_units", "dense", broken=with_args(spec.layer("dense"), units=100)))
    assert outcome.status == UNBROKEN and outcome.failure is None and outcome.message == ""


def test_over_budget_is_refused_before_building():
    spec = spec_of(TAGGER)
    huge = with_args(spec.layer("embedding"), input_dim=10**7)  # 10**7 × 64 floats: 2.56 GB
    outcome = run_mistake(spec, Mistake("huge", "embedding", broken=huge))
    assert outcome.status == OVER_BUDGET and "bytes" in outcome.message and outcome.failure is None


def test_outcomes_for_runs_every_offered_mistake(monkeypatch):
    monkeypatch.setattr(get_kind("Bidirectional"), "mistakes", last_step_mistake)
    outcomes = outcomes_for(spec_of(TAGGER))
    assert outcomes[0].key == "last_step_only" and outcomes[0].status == FAILED


# -- writing a layer back into the code -------------------------------------------------------------
FUNCTIONAL = '''import keras
from keras import layers

inputs = keras.Input(shape=(10,))
x = layers.Dense(8, activation="relu", name="hidden")(inputs)
outputs = layers.Dense(1)(x)
model = keras.Model(inputs, outputs)
'''


def test_sequential_entry():
    spec = spec_of(TAGGER)
    code = replace_layer(TAGGER, spec.layer("dense"), with_args(spec.layer("dense"), units=100))
    assert "    layers.Dense(100),\n" in code and "dense_units = 200" in code
    assert spec_of(code).layer("dense").arg("units") == 100


def test_functional_keeps_the_call_and_the_name():
    spec = spec_of(FUNCTIONAL)
    code = replace_layer(FUNCTIONAL, spec.layer("hidden"), with_args(spec.layer("hidden"), units=16))
    assert 'x = layers.Dense(16, activation="relu", name="hidden")(inputs)\n' in code
    assert describe(spec_of(code)).step("hidden").output_shape == (None, 16)


@pytest.mark.parametrize("imports, prefix", [
    ("from keras.layers import LSTM, Dense", ""),
    ("import keras", "keras.layers."),
    ("import tensorflow as tf", "tf.keras.layers."),
])
def test_the_learners_prefix_is_kept(imports, prefix):
    head = "keras.Input" if prefix != "tf.keras.layers." else "tf.keras.Input"
    model = "keras.Sequential" if prefix != "tf.keras.layers." else "tf.keras.Sequential"
    code = (f"import keras\n{imports}\n\nmodel = {model}([\n    {head}(shape=(50, 16)),\n"
            f"    {prefix}LSTM(64),\n    {prefix}LSTM(32),\n    {prefix}Dense(1),\n])\n")
    spec = spec_of(code)
    lstm = spec.layer("lstm")
    edited = replace_layer(code, lstm, with_args(lstm, return_sequences=True))
    assert f"    {prefix}LSTM(64, return_sequences=True),\n    {prefix}LSTM(32),\n" in edited
    assert describe(spec_of(edited)).ok


def test_an_aliased_import_keeps_its_alias():
    code = ("import keras\nfrom keras.layers import LSTM as L\n\nmodel = keras.Sequential([\n"
            "    keras.Input(shape=(5, 3)),\n    L(4),\n    L(2),\n])\n")
    spec = spec_of(code)
    edited = replace_layer(code, spec.layer("lstm"), with_args(spec.layer("lstm"), return_sequences=True))
    assert "    L(4, return_sequences=True),\n    L(2),\n" in edited


def test_bidirectional_inner_change_rewrites_only_the_inner_call():
    code = preset_code("question")
    spec = spec_of(code)
    bi = spec.layer("bidirectional")
    new = dataclasses.replace(bi, inner=with_args(bi.inner, return_sequences=False))
    edited = replace_layer(code, bi, new)
    assert "model.add(Bidirectional(LSTM(lstm_units, return_sequences=False),\n" in edited
    assert '                                         merge_mode="ave"))' in edited  # the next line as it was
    outer = with_args(bi, merge_mode="concat")  # the wrapper's own argument: the inner call kept verbatim
    edited = replace_layer(code, bi, outer)
    assert 'model.add(Bidirectional(LSTM(units=lstm_units,return_sequences=True), merge_mode="concat"))' in edited


def test_non_ascii_on_the_same_line():
    # ast columns are UTF-8 bytes: "第一层" before the calls shifts them by 6 against string indices
    code = ('import keras\nfrom keras import layers\n\ninputs = keras.Input(shape=(10,))\n'
            'note = "第一层"; x = layers.Dense(8, name="one")(inputs); y = layers.Dense(4, name="two")(x)  # 两层 ü\n'
            'model = keras.Model(inputs, y)\n')
    spec = spec_of(code)
    for name, units, line in (
            ("two", 3, 'note = "第一层"; x = layers.Dense(8, name="one")(inputs); y = layers.Dense(3, name="two")(x)'),
            ("one", 5, 'note = "第一层"; x = layers.Dense(5, name="one")(inputs); y = layers.Dense(4, name="two")(x)')):
        edited = replace_layer(code, spec.layer(name), with_args(spec.layer(name), units=units))
        assert line + "  # 两层 ü\n" in edited
        assert describe(spec_of(edited)).step(name).output_shape == (None, units)


def test_keras2_keywords_the_kind_does_not_write_are_kept():
    code = ("import keras\nfrom keras import layers\n\nmodel = keras.Sequential([\n"
            "    layers.Dense(8, input_shape=(10,), kernel_regularizer=None),\n    layers.Dense(1),\n])\n")
    spec = spec_of(code)
    edited = replace_layer(code, spec.layer("dense"), with_args(spec.layer("dense"), units=6))
    assert "    layers.Dense(6, input_shape=(10,), kernel_regularizer=None),\n" in edited
    assert describe(spec_of(edited)).step("dense").output_shape == (None, 6)


def test_a_missing_call_gives_none():
    spec = spec_of(FUNCTIONAL)
    hidden = spec.layer("hidden")
    assert replace_layer(FUNCTIONAL, dataclasses.replace(hidden, col=hidden.col + 1), hidden) is None
    assert replace_layer("x = (", hidden, hidden) is None  # not Python
    merged = ("import keras\nfrom keras import layers\n\na = keras.Input(shape=(3,))\nb = keras.Input(shape=(3,))\n"
              "c = layers.concatenate([a, b])\nmodel = keras.Model([a, b], c)\n")
    concat = spec_of(merged).layer("concatenate")
    assert replace_layer(merged, concat, with_args(concat, axis=1)) is None  # a helper, not the class


# -- the one-click fix ------------------------------------------------------------------------------
@pytest.mark.parametrize("name, changed", [
    ("fail_lstm_after_lstm.py", "    layers.LSTM(64, return_sequences=True),\n"),
    ("fail_bidirectional_merge_none.py",
     'model.add(Bidirectional(LSTM(32, return_sequences=True), merge_mode="concat"))\n'),
])
def test_apply_fix_on_the_corpus(name, changed):
    code = (CORPUS / name).read_text()
    spec = spec_of(code)
    failure = describe(spec).failure
    fixed = apply_fix(code, spec, failure)
    assert changed in fixed
    assert describe(spec_of(fixed)).ok


def test_apply_fix_on_the_question_without_return_sequences():
    code = preset_code("question").replace(",return_sequences=True", "")
    spec = spec_of(code)
    assert describe(spec).failure is not None
    bi = spec.layer("bidirectional")
    # the fix diagnose gives when the RNN feeds the failing layer (the question has a Dense between)
    fix = Fix("fix.return_sequences", (("layer", "bidirectional"), ("rnn", "lstm")),
              layer_code(_with_arg(bi, "return_sequences", True)))
    fixed = apply_fix(code, spec, dataclasses.replace(describe(spec).failure, fix=fix))
    assert "model.add(Bidirectional(LSTM(lstm_units, return_sequences=True),\n" in fixed
    desc = describe(spec_of(fixed))
    assert desc.ok and desc.step("time_distributed").output_shape == (30, 50, 6)


def test_fixes_without_an_edit_give_no_button():
    code = (CORPUS / "fail_lstm_after_lstm.py").read_text()
    spec = spec_of(code)
    failure = describe(spec).failure
    assert apply_fix(code, spec, dataclasses.replace(failure, fix=Fix("fix.flatten", (("layer", "lstm_1"),),
                                                                      "layers.Flatten()"))) is None
    assert apply_fix(code, spec, dataclasses.replace(failure, fix=None)) is None
    wrong = Fix("fix.return_sequences", (("layer", "lstm"),), "layers.LSTM(99, return_sequences=True)")
    assert apply_fix(code, spec, dataclasses.replace(failure, fix=wrong)) is None  # not what the page shows


# -- the buttons --------------------------------------------------------------------------------------
def fix_app(start: str):
    import streamlit as st

    from explorer.reader.code import read_code
    from explorer.shapes import describe
    from explorer.ui import fix_button

    if "code" not in st.session_state:
        st.session_state["code"] = start
        st.session_state["preset"] = "tagger"
    code = st.session_state["code"]
    spec = read_code(code).spec
    desc = describe(spec)
    st.text(f"ok={desc.ok}")
    fix_button.render(code, spec, desc.failure, "en")


def test_apply_the_fix_button_changes_the_code_box():
    from streamlit.testing.v1 import AppTest

    start = (CORPUS / "fail_lstm_after_lstm.py").read_text()
    at = AppTest.from_function(fix_app, args=(start,), default_timeout=60).run()
    assert at.text[0].value == "ok=False"
    button = at.button(key="breakany.apply_fix")
    assert button.label == "Apply the fix to my code"
    button.click().run()
    assert "layers.LSTM(64, return_sequences=True)," in at.session_state["code"]
    assert at.session_state["preset"] == "custom" and at.session_state["_model_source"] == "code"
    assert at.text[0].value == "ok=True"
    assert not [b for b in at.button if b.key == "breakany.apply_fix"]  # nothing left to fix


def panel_app():
    import dataclasses

    import streamlit as st

    from explorer.live.base import Mistake
    from explorer.live.breakit import run_mistake
    from explorer.presets import preset_code
    from explorer.reader.code import read_code
    from explorer.ui import breakit_any_panel

    if "code" not in st.session_state:
        st.session_state["code"] = preset_code("tagger")
    spec = read_code(st.session_state["code"]).spec
    bi = next((layer for layer in spec.layers if layer.name == "bidirectional"), None)
    if bi is not None and bi.inner.arg("return_sequences"):
        args = tuple(sorted({**bi.inner.kwargs, "return_sequences": False}.items()))
        inner = dataclasses.replace(bi.inner, args=args)
        broken = dataclasses.replace(bi, inner=inner)
        outcomes = (run_mistake(spec, Mistake("last_step_only", "bidirectional", broken=broken)),
                    run_mistake(spec, Mistake("silent", "dense", run=lambda: 0.5)))
        breakit_any_panel.render(outcomes, "zh", code_available=True)


def test_try_it_loads_the_mistake_into_the_code_box():
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_function(panel_app, default_timeout=60).run()
    assert not at.exception
    assert [b.label for b in at.button] == ["在代码框中试试"]  # only the broken= mistake can be written
    assert any("(2, 200)" in c.value for c in at.code)
    at.button[0].click().run()
    assert "layers.LSTM(lstm_units, return_sequences=False)" in at.session_state["code"]
    assert at.session_state["preset"] == "custom"
    old, new, how = at.session_state["fixloop.changed"]  # the page says what changed at the top (fix_button)
    assert old == preset_code("tagger") and new == at.session_state["code"] and how == "try"
