"""The mistake -> fix loop: every fix the diagnosis gives with an edit is written into the learner's own code
(explorer/reader/edit.py: apply_fix, apply_edit) in their import style, and the fixed code, read again and
described, gets past the layer that failed; what changed is said line by line (changes); the page's note
and its scroll (explorer/ui/fix_button.py).

Cases: every failing model of tests/corpus/ and every break-it mistake ("Try it in the code box") of the
presets and of the corpus's models that build. The fixed corpus models are also built by real Keras, in
tests/test_corpus.py's worker (one subprocess for all of them).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from explorer.description import FixEdit
from explorer.live.breakit import broken_source, mistakes_for
from explorer.presets import PRESETS, preset_code
from explorer.reader.code import read_code
from explorer.reader.edit import Change, apply_edit, apply_fix, changes
from explorer.shapes import describe

CORPUS = Path(__file__).parent / "corpus"
FAILING = sorted(p for p in CORPUS.glob("*.py") if "fails at" in p.read_text().splitlines()[0])
BUILDING = sorted(p for p in CORPUS.glob("*.py") if "builds" in p.read_text().splitlines()[0])

# the failing corpus files whose fix is an edit, and the line the fix writes
FIXED = {
    "fail_bidirectional_merge_none.py":
        'model.add(Bidirectional(LSTM(32, return_sequences=True), merge_mode="concat"))',
    "fail_cnn_into_lstm.py": "x = layers.LSTM(64)(layers.Reshape((32, 1024))(x))",
    "fail_concatenate_mismatch.py": "merged = layers.Concatenate(axis=1)([left, right])",
    "fail_conv2d_on_3d.py": 'x = layers.Conv2D(32, 3, activation="relu")(layers.Reshape((28, 28, 1))(inputs))',
    "fail_lstm_after_lstm.py": "    layers.LSTM(64, return_sequences=True),",
    "fail_lstm_on_2d.py": "model.add(Reshape((32, 1)))",
    "fail_reshape_count.py": "x = layers.Reshape((80,))(inputs)",
    "fail_timedistributed_2d.py": "    layers.Dense(5),",
}
# a fix that is advice (match two branches, a fixed length), or one call that makes several layers (a loop)
NOT_FIXED = {"fail_add_mismatch.py", "fail_dense_none_last_axis.py", "fail_flatten_unknown_length.py",
             "fail_gru_loop_return_sequences.py", "fail_residual_stride_shortcut.py", "fail_unet_odd_input.py"}


def read(code: str):
    result = read_code(code)
    assert result.spec is not None, [(n.line, n.key, n.params) for n in result.notes]
    return result.spec, describe(result.spec)


def gets_past(fixed: str, failure) -> bool:
    """The fixed code reads, and describes without failing at the layer that failed (nor any before it)."""
    spec, desc = read(fixed)
    if desc.failure is None:
        return True
    order = [layer.name for layer in spec.layers]
    return desc.failure.layer != failure.layer and (
        failure.layer not in order or order.index(desc.failure.layer) > order.index(failure.layer))


# -- the corpus's failing models --------------------------------------------------------------------
def test_every_failing_corpus_file_is_listed():
    assert {p.name for p in FAILING} == set(FIXED) | NOT_FIXED


@pytest.mark.parametrize("path", FAILING, ids=[p.stem for p in FAILING])
def test_the_fix_applies_and_gets_past_the_failing_layer(path):
    code = path.read_text()
    spec, desc = read(code)
    failure = desc.failure
    assert failure is not None
    fixed = apply_fix(code, spec, failure)
    if path.name in NOT_FIXED:
        assert fixed is None
        return
    assert fixed is not None, failure.fix
    assert FIXED[path.name] + "\n" in fixed
    assert gets_past(fixed, failure)
    assert read(fixed)[1].ok  # each of these fixes is the whole fix: the model builds


def test_dense_before_lstm_in_the_learners_import_style():
    """The reviewer's NameError: `from keras.layers import Dense, LSTM` gets Reshape on that import line."""
    code = (CORPUS / "fail_lstm_on_2d.py").read_text()
    spec, desc = read(code)
    fixed = apply_fix(code, spec, desc.failure)
    assert "from keras.layers import Dense, LSTM, Reshape\n" in fixed
    assert "model.add(Dense(32, input_shape=(100,)))\nmodel.add(Reshape((32, 1)))\nmodel.add(LSTM(16))\n" in fixed
    assert [(c.line, c.what, c.text) for c in changes(code, fixed)] == [
        (3, "added", "Reshape"), (7, "line_added", "model.add(Reshape((32, 1)))")]


@pytest.mark.parametrize("header, spelled", [
    ("import tensorflow as tf\n", "tf.keras.layers."),
    ("from tensorflow import keras\nfrom tensorflow.keras import layers as L\n", "L."),
    ("from tensorflow.keras.layers import *\nimport tensorflow as tf\n", ""),
])
def test_insert_before_in_a_list_keeps_the_spelling(header, spelled):
    prefix = spelled or ""
    seq = "tf.keras.Sequential" if "tf" in header and spelled != "L." else "keras.Sequential"
    code = (header + f"model = {seq}([\n    {prefix}Input(shape=(100,)),\n    {prefix}Dense(64),\n"
            f"    {prefix}LSTM(16),\n])\n")
    spec, desc = read(code)
    assert desc.failure is not None and desc.failure.layer == "lstm"
    fixed = apply_fix(code, spec, desc.failure)
    assert f"    {prefix}Dense(64),\n    {prefix}Reshape((64, 1)),\n    {prefix}LSTM(16),\n" in fixed
    assert fixed.startswith(header)  # nothing to import: the prefix or the star import has it
    assert read(fixed)[1].ok


def test_an_aliased_import_gets_the_new_name_and_an_imported_one_is_reused():
    code = ("from keras.layers import Dense as D, LSTM as L, Reshape as R\nfrom keras import Sequential\n\n"
            "model = Sequential([D(8, input_shape=(4,)), L(3)])\n")
    spec, desc = read(code)
    fixed = apply_fix(code, spec, desc.failure)
    assert "Sequential([D(8, input_shape=(4,)), R((8, 1)), L(3)])" in fixed
    assert fixed.splitlines()[0] == "from keras.layers import Dense as D, LSTM as L, Reshape as R"


def test_a_multi_line_parenthesised_import_gets_the_name():
    code = ("from keras.layers import (\n    Dense,\n    LSTM,\n)\nfrom keras.models import Sequential\n\n"
            "model = Sequential()\nmodel.add(Dense(8, input_shape=(4,)))\nmodel.add(LSTM(3))\n")
    spec, desc = read(code)
    fixed = apply_fix(code, spec, desc.failure)
    assert "    LSTM, Reshape,\n)" in fixed
    assert read(fixed)[1].ok


def test_a_layer_put_first_takes_the_keras_2_input_shape():
    code = ("from keras.models import Sequential\nfrom keras.layers import Conv2D, Flatten, Dense\n\n"
            "model = Sequential()\nmodel.add(Conv2D(32, (3, 3), activation=\"relu\", input_shape=(28, 28)))\n"
            "model.add(Flatten())\nmodel.add(Dense(10))\n")
    spec, desc = read(code)
    assert desc.failure.layer == "conv2d"
    fixed = apply_fix(code, spec, desc.failure)
    assert ("model.add(Reshape((28, 28, 1), input_shape=(28, 28)))\n"
            "model.add(Conv2D(32, (3, 3), activation=\"relu\"))\n") in fixed
    assert read(fixed)[1].step("conv2d").output_shapes == ((None, 26, 26, 32),)


# -- every edit, on a small functional model --------------------------------------------------------
FUNCTIONAL = """import keras
from keras import layers

inputs = keras.Input(shape=(20, 4))  # 输入：20 步
x = layers.Conv1D(8, 3)(inputs)
x = layers.Dropout(0.1)(x)
outputs = layers.Dense(2)(x)
model = keras.Model(inputs, outputs)
"""


def test_insert_after_remove_and_input_shape_edits():
    spec, _ = read(FUNCTIONAL)
    after = apply_edit(FUNCTIONAL, spec, FixEdit("insert_after", "conv1d"), "layers.GlobalAveragePooling1D()")
    assert "x = layers.GlobalAveragePooling1D()(layers.Conv1D(8, 3)(inputs))\n" in after
    assert read(after)[1].step("dense").output_shapes == ((None, 2),)
    removed = apply_edit(FUNCTIONAL, spec, FixEdit("remove", "dropout"))
    assert "x = x\n" in removed and "Dropout" not in removed
    shaped = apply_edit(FUNCTIONAL, spec, FixEdit("input_shape", spec.inputs[0].name, shape=(30, 4)))
    assert "inputs = keras.Input(shape=(30, 4))  # 输入：20 步\n" in shaped
    assert read(shaped)[1].step("dense").output_shapes == ((None, 28, 2),)
    assert apply_edit(FUNCTIONAL, spec, FixEdit("remove", "no_such_layer")) is None
    assert apply_edit(FUNCTIONAL, spec, FixEdit("insert_before", "dense"), "os.system('x')") is None  # not a layer


def test_remove_and_insert_after_in_lists_and_model_add():
    listed = "import keras\nfrom keras import layers\nm = keras.Sequential([\n    keras.Input(shape=(4,)),\n" \
             "    layers.Dense(8),\n    layers.Dropout(0.5),\n    layers.Dense(2),\n])\n"
    spec, _ = read(listed)
    removed = apply_edit(listed, spec, FixEdit("remove", "dropout"))
    assert "    layers.Dense(8),\n    layers.Dense(2),\n" in removed
    after = apply_edit(listed, spec, FixEdit("insert_after", "dense"), "layers.ReLU()")
    assert "    layers.Dense(8),\n    layers.ReLU(),\n    layers.Dropout(0.5),\n" in after
    added = ("from keras import layers, Sequential\nm = Sequential()\nif True:\n"
             "    m.add(layers.Dense(8, input_shape=(4,)))\n")
    spec, _ = read(added)
    after = apply_edit(added, spec, FixEdit("insert_after", "dense"), "layers.ReLU()")
    assert after.endswith("    m.add(layers.Dense(8, input_shape=(4,)))\n    m.add(layers.ReLU())\n")
    assert apply_edit(after, read(after)[0], FixEdit("remove", "re_lu")) == added


# -- what changed -----------------------------------------------------------------------------------
def test_changes_say_what_was_added_removed_or_changed():
    old = "a = 1\nx = layers.LSTM(64)(x)\ny = layers.Dense(2, name='d')\nz = 3\n"
    new = "a = 1\nx = layers.LSTM(64, return_sequences=True)(x)\ny = layers.Dense(2)\nw = 4\nz = 3\n"
    assert changes(old, new) == (Change(2, "added", "return_sequences=True"), Change(3, "removed", "name='d'"),
                                 Change(4, "line_added", "w = 4"))
    assert changes("a = -1\n", "a = 1\n") == (Change(1, "changed", "a = 1", "a = -1"),)
    assert changes("a\nb\n", "a\n") == (Change(2, "line_removed", "b"),)
    assert changes("x\n", "x\n") == ()


def test_the_change_in_words():
    from explorer.ui.fix_button import change_text

    change = Change(9, "added", "return_sequences=True")
    assert change_text(change, "en") == "line 9: `return_sequences=True` added"
    assert change_text(change, "zh") == "第 9 行：添加了 `return_sequences=True`"
    assert change_text(Change(2, "changed", "a = `1`", "a = 2"), "en") == "line 2: `a = 2` is now `a = '1'`"


# -- break it: the mistake written in, then its fix --------------------------------------------------
def _tried_and_fixed(models) -> tuple[int, int, list]:
    """Each break-it mistake of these models written in (as "Try it" does), then its fix (as "Apply" does):
    how many failed when described, how many of those the fix got past the failing layer, and the rest."""
    tried, fixed_ones, advice = 0, 0, []
    for name, code in models:
        spec, desc = read(code)
        for mistake in mistakes_for(spec, desc):
            broken = broken_source(code, spec, mistake)
            if broken is None:
                continue
            broken_spec, broken_desc = read(broken)
            failure = broken_desc.failure
            if failure is None:  # Keras refuses it only when it builds: the page's failure comes from the build
                continue
            tried += 1
            fixed = apply_fix(broken, broken_spec, failure)
            if fixed is None:
                advice.append((name, mistake.key, failure.fix.key if failure.fix else None))
                continue
            assert gets_past(fixed, failure), (name, mistake.key, fixed)
            fixed_ones += 1
    return tried, fixed_ones, advice


def test_every_break_it_mistake_of_the_presets_can_be_fixed_in_one_click():
    tried, fixed_ones, advice = _tried_and_fixed((name, preset_code(name)) for name in PRESETS)
    assert tried >= 10 and fixed_ones == tried, advice


@pytest.mark.slow
def test_every_break_it_mistake_of_the_corpus_can_be_fixed_in_one_click():
    """The backbones' mistakes are one call that makes many layers: never written into the code."""
    tried, fixed_ones, advice = _tried_and_fixed((p.name, p.read_text()) for p in BUILDING)
    assert tried >= 30 and fixed_ones >= tried - 5, advice
    # the five left: advice about an attention's query, no edit; a Lambda's slice x[:, :3, :] of a sequence its
    # LSTM no longer returns, which has no fix of its own yet (None); and the input written without its channel
    # axis where the first convolution is not one plain call of its class: made in a loop or a def called several
    # times, or by a functools.partial (`DefaultConv2D(..., input_shape=[28, 28, 1])`): its Reshape would go before
    # a call that is not the layer's own, which the fix loop does not write. (merge_mode=None before a line that
    # unpacks five tensors from six is where Python stops, "too many values to unpack": a reader's note there.)
    assert sorted(str(key) for _, _, key in advice) == [
        "None", "fix.conv1d_add_channel", "fix.conv2d_add_channel", "fix.conv2d_add_channel",
        "fix.score_attention_rank"], advice


def test_the_missing_channel_mistake_and_its_fix():
    """The page's own "Try it" of the image CNN (its input written without the channel axis), then "Apply the
    fix": a Reshape to (28, 28, 1) before that Conv2D, in the learner's import style."""
    code = preset_code("image_cnn")
    spec, desc = read(code)
    mistake = next(m for m in mistakes_for(spec, desc) if m.key == "missing_channel")
    broken = broken_source(code, spec, mistake)
    # the learner's names are kept: only the channel axis is taken out of the shape
    assert [(c.what, c.text) for c in changes(code, broken)] == [("removed", "channels")]
    assert "keras.Input(shape=(height, width), batch_size" in broken
    broken_spec, broken_desc = read(broken)
    fixed = apply_fix(broken, broken_spec, broken_desc.failure)
    assert [c.what for c in changes(broken, fixed)] == ["line_added"]
    assert "layers.Reshape((28, 28, 1))," in fixed
    assert gets_past(fixed, broken_desc.failure)


# -- the fixed corpus models, built by real Keras ---------------------------------------------------
@pytest.mark.slow
def test_keras_builds_the_fixed_corpus_models():
    from test_corpus import KerasWorker

    worker = KerasWorker()  # imports Keras while the fixes are written
    try:
        for name in sorted(FIXED):
            code = (CORPUS / name).read_text()
            spec, desc = read(code)
            fixed = apply_fix(code, spec, desc.failure)
            fixed_spec = read(fixed)[0]
            build = [None] + list(fixed_spec.inputs[0].shape) if fixed_spec.inputs else None
            worker.send(file={"path": name, "source": fixed, "renames": {}, "build": build})
        results = worker.results()["files"]
    finally:
        worker.close()
    assert {name: r["ok"] for name, r in results.items()} == dict.fromkeys(FIXED, True), results


# -- the page: the button, the note and the scroll --------------------------------------------------
def fix_app(start: str):
    import streamlit as st

    from explorer.reader.code import read_code
    from explorer.shapes import describe
    from explorer.ui import fix_button

    if "code" not in st.session_state:
        st.session_state["code"] = start
        st.session_state["preset"] = "tagger"
    fix_button.show_change("en")
    code = st.session_state["code"]
    spec = read_code(code).spec
    desc = describe(spec)
    st.text(f"ok={desc.ok}")
    fix_button.render(code, spec, desc.failure, "en")


@pytest.mark.page
def test_apply_inserts_the_reshape_says_what_changed_and_scrolls_there():
    from streamlit.testing.v1 import AppTest

    start = (CORPUS / "fail_lstm_on_2d.py").read_text()
    at = AppTest.from_function(fix_app, args=(start,), default_timeout=60).run()
    assert at.text[0].value == "ok=False" and not at.markdown
    at.button(key="breakany.apply_fix").click().run()
    assert "from keras.layers import Dense, LSTM, Reshape\n" in at.session_state["code"]
    assert at.text[0].value == "ok=True"
    words = [m.value for m in at.markdown]
    assert words[0].startswith("**The fix is in your code box.**")
    assert words[1] == "- line 3: `Reshape` added\n- line 7 added: `model.add(Reshape((32, 1)))`"
    scripts = [e for e in at.get("html") if "scrollIntoView" in e.proto.body]
    assert len(scripts) == 1 and "st-key-fixloop_change" in scripts[0].proto.body
    at.run()  # the note is said once
    assert not at.markdown and not [e for e in at.get("html") if "scrollIntoView" in e.proto.body]
