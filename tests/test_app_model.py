"""The page with the learner's own model, through AppTest: pasted code (read, never run), presets,
sidebar numbers that rewrite the code, Keras JSON, failing models and hostile input."""

import pytest

from conftest import run_page as run
from explorer.presets import PRESETS, preset_code
from page_tables import page_table

pytestmark = pytest.mark.usefixtures("empty_caches")
QUESTION = preset_code("question")


def table(at):
    return page_table(at, "layer_table")


def texts(at) -> str:
    return "\n".join(m.value for m in at.markdown)


def paste(at, code: str):
    at.text_area(key="code").input(code)
    return at.run()


@pytest.mark.parametrize("how", ["pasted", "preset"])
def test_question_code_as_written_shows_its_keras_3_traps_as_notes_then_shapes(how):
    """The question's code, pasted or chosen as a preset: input_length, the unbuilt summary and the
    undefined rnn_units are the reader's notes at their lines, and the model is the tagger's."""
    at = paste(run(), QUESTION) if how == "pasted" else run({"preset": "question"})
    assert not at.exception and at.text_area(key="code").value == QUESTION
    notes = texts(at)
    lines = QUESTION.splitlines()
    line_of = lambda needle: next(i + 1 for i, l in enumerate(lines) if needle in l)
    assert f"line {line_of('input_length=50')}" in notes and "input_length" in notes
    assert f"line {line_of('model.summary()')}" in notes
    assert f"line {line_of('rnn_units')}" in notes and "rnn\\_units" in notes and "lstm\\_units" in notes
    df = table(at)
    assert df["Output shape"].tolist()[1:] == ["(30, 50, 64)", "(30, 50, 75)", "(30, 50, 200)", "(30, 50, 6)"]
    assert df["Named output"].tolist()[1:] == ["(B, T, E)", "(B, T, F)", "(B, T, U)", "(B, T, C)"]
    assert "`model.count_params()` = **740,406**" in texts(at)
    assert "**4** layers, **740,406** parameters, batch size **30** (from `size_batch`)." in texts(at)
    # the learner's own names become the sidebar's controls
    assert at.sidebar.number_input(key="size_batch").value == 30
    assert at.sidebar.number_input(key="lstm_units").value == 75


def test_sidebar_number_rewrites_the_code():
    at = run()
    at.sidebar.number_input(key="lstm_units").set_value(128)
    at.sidebar.selectbox(key="merge_mode").set_value("concat")
    at.run()
    assert not at.exception
    code = at.text_area(key="code").value
    assert "lstm_units = 128" in code and 'merge_mode = "concat"' in code
    df = table(at)
    assert df.loc[2, "Output shape"] == "(30, 50, 256)" and df.loc[2, "Parameters"] == 197_632
    assert "`model.count_params()` = **890,238**" in texts(at)


@pytest.mark.parametrize("name", PRESETS[1:])
def test_every_preset_builds_and_matches_keras_totals(name):
    at = run({"preset": name})
    assert not at.exception and not at.error
    assert at.text_area(key="code").value == preset_code(name)
    df = table(at)
    total = int(df["Parameters"].sum())
    assert f"`model.count_params()` = **{total:,}**" in texts(at)


def test_failing_model_shows_where_why_and_the_fix():
    code = preset_code("stacked_bilstm").replace("return_sequences=True", "return_sequences=False")
    at = paste(run(), code)
    assert not at.exception
    shown = texts(at)
    assert "Keras 3 cannot build this model" in "\n".join(h.value for h in at.subheader)
    assert any("expected ndim=3, found ndim=2" in c.value for c in at.code)
    assert "return\\_sequences=True" in shown or "return_sequences=True" in shown
    # the smallest fix is the layer above, written again with the one argument changed
    assert any(c.value == "layers.Bidirectional(layers.LSTM(lstm_units, return_sequences=True))" for c in at.code)
    assert len(table(at)) == 3  # input, embedding, the first BiLSTM: the table stops before the failing layer


def test_apply_the_fix_inserts_a_layer_in_the_learners_import_style_and_says_what_changed():
    """Dense before LSTM with `from keras.layers import Dense, LSTM`: the fix adds Reshape to that import and a
    `model.add(Reshape(...))` line; the page then says so at the top, scrolled into view, once."""
    code = ("from keras.models import Sequential\nfrom keras.layers import Dense, LSTM\n\nmodel = Sequential()\n"
            "model.add(Dense(64, input_shape=(10,)))\nmodel.add(LSTM(16))\nmodel.add(Dense(1))\n")
    at = paste(run(), code)
    assert any(c.value == "layers.Reshape((64, 1))" for c in at.code)
    at.button(key="breakany.apply_fix").click().run()
    assert not at.exception
    fixed = at.text_area(key="code").value
    assert "from keras.layers import Dense, LSTM, Reshape\n" in fixed and "model.add(Reshape((64, 1)))\n" in fixed
    assert "Keras 3 cannot build this model" not in "\n".join(h.value for h in at.subheader)
    assert "- line 2: `Reshape` added\n- line 6 added: `model.add(Reshape((64, 1)))`" in texts(at)
    assert [e for e in at.get("html") if "scrollIntoView" in e.proto.body]
    at.run()
    assert "`Reshape` added" not in texts(at)


def test_a_long_model_lists_every_layer_in_a_scrolling_table():
    from explorer.ui.table_panel import LAYER_TABLE_MAX_PX

    lines = "".join(f"    layers.Dense({8 + i % 5}, name=\"d{i:03d}\"),\n" for i in range(120))
    at = paste(run(), "import keras\nfrom keras import layers\n\nmodel = keras.Sequential([\n"
                      f"    keras.Input(shape=(8,), batch_size=4),\n{lines}])\n")
    assert not at.exception
    df = table(at)
    assert len(df) == 121 and df["Layer"].tolist()[-1] == "d119" and df["Output shape"].tolist()[-1] == "(4, 12)"
    assert df["Parameters"].tolist()[1:3] == [8 * 8 + 8, 8 * 9 + 9]
    (markup,) = [m.value for m in at.markdown if 'data-key="layer_table"' in m.value]
    assert f"max-height: {LAYER_TABLE_MAX_PX}px" in markup and "position: sticky" in markup


def test_keras_json_as_data():
    import keras

    model = keras.Sequential([keras.Input((7,)), keras.layers.Dense(3, name="d1"), keras.layers.Dense(2, name="d2")])
    at = run()
    at.text_area(key="keras_json").input(model.to_json())
    at.button(key="json_use").click()
    at.run()
    assert not at.exception
    df = table(at)
    assert df["Output shape"].tolist()[1:] == ["(None, 3)", "(None, 2)"]
    assert df["Parameters"].tolist()[1:] == [24, 8]


@pytest.mark.parametrize("code", ["", "x = (" * 10_000, "units = " + "9" * 5000, "a" * 1_000_001,
                                  "import os\nos.system('echo hi')", "layers.Lambda(lambda x: x)"])
def test_hostile_code_gets_a_message_not_a_traceback(code):
    at = paste(run(), code)
    assert not at.exception
    assert "No model to show yet" in "\n".join(i.value for i in at.info)


def test_code_travels_in_the_share_link():
    from explorer.share import pack_code

    custom = preset_code("gru_tagger").replace("gru_units = 48", "gru_units = 20")
    at = run({"code": pack_code(custom + "\n# mine\n")})
    assert not at.exception
    assert at.text_area(key="code").value.endswith("# mine\n")
    assert table(at).loc[2, "Output shape"] == "(8, 40, 20)"
    link = at.sidebar.text_input(key="share_link").value
    assert "code=" in link


def test_edited_code_is_your_own_and_choosing_the_preset_again_restores_it():
    at = run({"preset": "image_cnn"})
    assert at.sidebar.selectbox(key="preset").value == "image_cnn"
    at = paste(at, preset_code("image_cnn").replace("layers.Dense(128", "layers.Dense(64"))
    assert at.sidebar.selectbox(key="preset").value == "custom"
    at.sidebar.selectbox(key="preset").set_value("image_cnn").run()
    assert at.text_area(key="code").value == preset_code("image_cnn")
    # moving a named number keeps the code a preset
    at.sidebar.number_input(key="filters").set_value(8).run()
    assert at.sidebar.selectbox(key="preset").value == "image_cnn"
    assert "filters = 8" in at.text_area(key="code").value


def test_a_value_in_range_for_its_use_but_not_after_arithmetic_is_refused_with_a_message():
    """count_classes is used as count_classes + 1: its largest value would make Dense(10,000,001)."""
    at = run({"count_classes": str(10**7)})
    assert not at.exception
    warnings = " ".join(w.value for w in at.warning)
    assert "count\\_classes: 10000000 would make a layer of the code invalid where it is used; using 5." in warnings
    assert at.sidebar.number_input(key="count_classes").value == 5
    assert table(at).iloc[-1]["Output shape"] == "(30, 50, 6)"
