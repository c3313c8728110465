"""Less noise on the page (issue 20 part 5): the reader's ignored lines said once, severity in words."""
from explorer.i18n import t
from explorer.notices import group_notes, note_topic
from explorer.reader.code import read_code
from explorer.spec import Note
from explorer.ui.messages import ignored_summary, reader_note_text, severity_label

TUTORIAL = '''import numpy as np
import matplotlib.pyplot as plt
import keras
from keras import layers

(x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
x_train = x_train.astype("float32") / 255
x_train = np.expand_dims(x_train, -1)
print("x_train shape:", x_train.shape)
y_train = keras.utils.to_categorical(y_train, 10)
model = keras.Sequential([
    keras.Input(shape=(28, 28, 1)),
    layers.Conv2D(32, kernel_size=(3, 3), activation="relu"),
    layers.Flatten(),
    layers.Dense(10, activation="softmax"),
    layers.Dense(10, activation="softmax", input_shape=(3,)),
])
model.summary()
model.compile(loss="categorical_crossentropy", optimizer="adam")
history = model.fit(x_train, y_train, batch_size=128, epochs=15)
print(model.evaluate(x_train, y_train))
plt.plot(history.history["loss"])
plt.show()
'''


def test_a_tutorial_scripts_ignored_lines_are_one_note_with_their_topics():
    notes = read_code(TUTORIAL).notes
    groups = group_notes(notes)
    # lines 7, 8 and 10 (astype, expand_dims, to_categorical) are read now: the data fit will see (issue 19);
    # so are numpy's import (its arrays are data), mnist's load_data (line 6), compile (19) and fit (20)
    ignored_lines = {2, 9, 18, 21, 22, 23}
    assert {n.line for n in groups.ignored} == ignored_lines
    assert groups.lines == len(ignored_lines)
    assert groups.topics == ("imports", "printing")
    assert len(groups.single) + len(groups.ignored) == len(notes)
    assert all(n.severity != "info" or n.key not in {"read.ignored_call", "read.import_ignored"}
               for n in groups.single)
    assert [n.line for n in groups.single] == sorted(n.line for n in groups.single)
    summary = ignored_summary(groups, "en")
    assert summary.startswith(f"{len(ignored_lines)} lines ignored")
    assert summary.endswith("imports, printing and plots.")
    assert ignored_summary(groups, "zh").startswith(f"已忽略 {len(ignored_lines)} 行")


def test_warnings_and_errors_stay_one_note_each():
    notes = (Note(3, 0, "error", "read.ignored_call", (("call", "x"),)),
             Note(5, 0, "warning", "read.ignored_call", (("call", "y"),)),
             Note(4, 0, "info", "read.ignored_call", (("call", "model.fit"),)),
             Note(4, 9, "info", "read.ignored_call", (("call", "print"),)),
             Note(2, 0, "info", "read.several_models", (("count", "2"), ("model", "m"))))
    groups = group_notes(notes)
    assert [(n.line, n.severity) for n in groups.single] == [(2, "info"), (3, "error"), (5, "warning")]
    assert groups.lines == 1 and groups.topics == ("training", "printing")
    assert ignored_summary(groups, "en").startswith("1 line ignored (it ")


def test_an_ignored_lines_topic_comes_from_what_it_calls():
    def topic(key, call=""):
        return note_topic(Note(1, 0, "info", key, (("call", call),) if call else ()))
    assert topic("read.import_ignored") == "imports"
    assert topic("read.name_unreadable") == "data"
    assert topic("read.ignored_call", "keras.datasets.mnist.load_data") == "data"
    assert topic("read.ignored_call", "model.fit") == "training"
    assert topic("read.ignored_call", "print") == "printing"
    assert topic("read.call_outside_model", "matplotlib.pyplot.show") == "printing"
    assert topic("read.ignored_call", "tf.random.set_seed") == "data"
    assert topic("read.ignored_call", "os.makedirs") == "other"


def test_severity_is_said_in_words_and_colour_not_only_by_an_emoji():
    for severity, colour, en, zh in (("error", "red", "Error", "错误"), ("warning", "orange", "Warning", "警告"),
                                     ("info", "blue", "Info", "提示")):
        assert severity_label(severity, "en") == f":{colour}-badge[:material/{severity}: {en}]"
        assert severity_label(severity, "zh").endswith(f" {zh}]")
        text = reader_note_text(Note(7, 0, severity, "read.ignored_call", (("call", "model.fit"),)), "en")
        assert text.startswith(f":{colour}-badge[") and "line 7: " in text
        assert not any(ch in text for ch in "⛔⚠ℹ")
    assert severity_label("odd", "en") == severity_label("info", "en")
    plain = reader_note_text(Note(7, 0, "info", "read.ignored_call", (("call", "a_b"),)), "en", badge=False)
    assert plain == "line 7: " + t("en", "read.ignored_call", call="a\\_b")


def _summary(code: str, name: str) -> str:
    from explorer.live.xrays import xray_of
    from live_models import traced

    spec, desc, model, trace = traced(code)
    xray = xray_of(model, spec, desc, trace, name)
    return t("en", xray.summary.key, **dict(xray.summary.params))


def test_a_recurrent_x_ray_names_the_models_own_letters():
    from live_models import sequential

    features = sequential('layers.LSTM(6, return_sequences=True, name="rnn")', input_shape="(20, 8)",
                          dtype="float32", batch=2)
    assert "T = 20 steps of F = 8 features" in _summary(features, "rnn")
    assert "blocks of H = 6" in _summary(features, "rnn")
    tokens = sequential('layers.Embedding(50, 4, name="emb")', 'layers.GRU(3, name="rnn")', input_shape="(7,)")
    assert "T = 7 steps of E = 4 features" in _summary(tokens, "rnn")
    stacked = sequential('layers.LSTM(6, return_sequences=True, name="first")', 'layers.LSTM(5, name="rnn")',
                         input_shape="(9, 8)", dtype="float32", batch=2)
    assert "T = 9 steps of H = 6 features" in _summary(stacked, "rnn") and "of H₂ = 5" in _summary(stacked, "rnn")


def test_a_second_bidirectional_names_its_own_units_letter():
    from explorer.presets import preset_code

    assert "runs two LSTMs of H₂ = 32 units" in _summary(preset_code("stacked_bilstm"), "bidirectional_1")
    assert "runs two LSTMs of H = 64 units" in _summary(preset_code("stacked_bilstm"), "bidirectional")


def test_time_distributed_names_the_time_letter_of_its_input():
    from explorer.presets import preset_code

    summary = _summary(preset_code("seq2seq"), "time_distributed")  # after RepeatVector the time axis is T₂
    assert "for each of the T₂ = 10 steps" in summary and " T = " not in summary


def _axes(code: str) -> dict:
    from explorer.shapes import describe
    from explorer.tables import axis_meaning

    desc = describe(read_code(code).spec)
    return {a.letter: (a.size, axis_meaning(a, "en"), axis_meaning(a, "zh")) for a in desc.axes}


def test_channels_and_classes_never_share_a_letter():
    from explorer.presets import preset_code

    named_cnn = _axes(preset_code("image_cnn"))  # `channels`, `filters`, `num_classes`
    literal_cnn = _axes(preset_code("image_cnn").replace("height, width, channels", "28, 28, 1"))
    for axes in (named_cnn, literal_cnn):
        assert axes["C"][0] == 1 and axes["C"][1].startswith("channels")
        assert axes["K"][0] == 32 and axes["K"][1].startswith("filters of conv2d")
        assert axes["Y"] == (10, "classes (the units of dense_1): num_classes",
                             "类别数（dense_1 的单元数）：num_classes")
        assert not any(letter.startswith("C") and letter != "C" for letter in axes)
    tagger = _axes(preset_code("tagger"))  # no channels: classes keep C
    assert tagger["C"][0] == 6 and tagger["C"][1].startswith("classes")
    assert "K" not in tagger and "Y" not in tagger


SEGMENTER = """import keras
from keras import layers
num_classes = 3
inp = keras.Input(shape=(32, 32, 3))
x = layers.Conv2D(8, 3, padding="same")(inp)
out = layers.Conv2D(num_classes, 1)(x)
model = keras.Model(inp, out)
"""


def test_classes_of_the_same_size_as_the_channels_still_take_their_own_letter():
    axes = _axes(SEGMENTER)
    assert axes["C"][:2] == (3, "channels") and axes["K"][0] == 8
    assert axes["Y"][:2] == (3, "filters of conv2d_1 (one output channel per filter): num_classes")


def test_the_legend_names_the_row_the_table_shows_for_a_wrapped_layer():
    from explorer.presets import preset_code

    tagger = _axes(preset_code("tagger"))
    assert tagger["C"][1] == "classes (the units of the Dense inside time_distributed): count_classes + 1"
    assert tagger["C"][2] == "类别数（time_distributed 里的 Dense 的单元数）：count_classes + 1"
    assert tagger["H"][1] == "units of the LSTM inside bidirectional: lstm_units"
    assert tagger["U"][1] == "units of dense: dense_units"  # not wrapped: its own name
    assert not any("dense_1" in meaning or "of lstm" in meaning for _size, meaning, _zh in tagger.values())


def _notes_page():
    import streamlit as st

    from explorer.reader.code import read_code
    from explorer.ui.messages import show_reader_notes

    show_reader_notes(read_code(st.session_state["code"]).notes, st.session_state.get("lang", "en"))


def test_the_notes_box_shows_one_line_for_the_ignored_lines_and_their_details_on_demand():
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_function(_notes_page, default_timeout=60)
    at.session_state["code"] = TUTORIAL
    at.run()
    assert not at.exception
    texts = [m.value for m in at.markdown]
    summaries = [x for x in texts if "lines ignored" in x]
    assert len(summaries) == 1 and summaries[0].startswith(":blue-badge[:material/info: Info] 6 lines ignored")
    assert [e.label for e in at.expander] == ["Which lines, and why"]
    details = [m.value for m in at.expander[0].markdown]
    ignored = group_notes(read_code(TUTORIAL).notes).ignored
    assert len(details) == 1 and details[0].count("\n- ") == len(ignored) - 1 and "model\\.summary(...)" in details[0]
    outside = [x for x in texts if x not in details and x.startswith("- ")]
    assert len(outside) == 1 and ":orange-badge[:material/warning: Warning]" in outside[0]
    at.session_state["lang"] = "zh"
    at.run()
    assert any(m.value.startswith(":blue-badge[:material/info: 提示] 已忽略 6 行") for m in at.markdown)
