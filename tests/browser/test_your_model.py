""""Your model" in a real browser: code typed or pasted into the code box, presets from the sidebar and
a model Keras 3 refuses. Every expected shape and parameter count comes from building the same model
with Keras here in the test (written out as Keras calls, never read from the page's text)."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from explorer.presets import preset_code

from .app_page import (assert_no_errors, choose, code_box, element, fit_viewport_to_page, make_still, open_app,
                       replace_code, sidebar_keys, still_screenshot, table_columns, table_showing, type_number,
                       wait_until_idle)
from .golden import assert_matches_golden

TYPED_CODE = '''import keras
from keras import layers

filters = 16
gru_units = 24
inputs = keras.Input(shape=(12, 8), batch_size=4, name="series")
x = layers.Conv1D(filters, 3, padding="same", name="conv")(inputs)
x = layers.GRU(gru_units, return_sequences=True, name="gru")(x)
x = layers.GlobalAveragePooling1D(name="pool")(x)
outputs = layers.Dense(3, activation="softmax", name="head")(x)
model = keras.Model(inputs, outputs)
'''

FAILING_CODE = '''import keras
from keras import layers

units = 32
model = keras.Sequential([
    keras.Input(shape=(20, 6), batch_size=8),
    layers.LSTM(units, name="first_lstm"),
    layers.LSTM(units, name="second_lstm"),
    layers.Dense(1, name="score"),
])
'''
FAILING_LINE = 'layers.LSTM(units, name="second_lstm"),'

PRESET_LABELS = {"tagger": "The question's tagger (BiLSTM many-to-many)", "image_cnn": "Small image CNN",
                 "two_inputs": "Two inputs joined by Concatenate"}


@pytest.fixture(scope="module")
def keras():
    import keras as keras_module  # only when these tests run: importing TensorFlow takes seconds
    return keras_module


def typed_model(keras, filters=16, gru_units=24):
    layers = keras.layers
    keras.utils.clear_session()  # fresh automatic names, as in the explorer's own build
    inputs = keras.Input(shape=(12, 8), batch_size=4, name="series")
    x = layers.Conv1D(filters, 3, padding="same", name="conv")(inputs)
    x = layers.GRU(gru_units, return_sequences=True, name="gru")(x)
    x = layers.GlobalAveragePooling1D(name="pool")(x)
    return keras.Model(inputs, layers.Dense(3, activation="softmax", name="head")(x))


def image_cnn_model(keras):
    """explorer/presets/image_cnn.py with its own numbers."""
    layers = keras.layers
    keras.utils.clear_session()
    return keras.Sequential([
        keras.Input(shape=(28, 28, 1), batch_size=64),
        layers.Conv2D(32, 3, activation="relu"), layers.MaxPooling2D(2),
        layers.Conv2D(64, 3, activation="relu"), layers.MaxPooling2D(2),
        layers.Flatten(), layers.Dense(128, activation="relu"), layers.Dense(10, activation="softmax")])


def two_inputs_model(keras):
    """explorer/presets/two_inputs.py with its own numbers."""
    layers = keras.layers
    keras.utils.clear_session()
    text = keras.Input(shape=(60,), batch_size=16, dtype="int32", name="text")
    numbers = keras.Input(shape=(12,), batch_size=16, name="numbers")
    x = layers.LSTM(32)(layers.Embedding(10000, 32)(text))
    y = layers.Dense(16, activation="relu")(numbers)
    return keras.Model([text, numbers], layers.Dense(1, activation="sigmoid")(layers.Concatenate()([x, y])))


def expected_rows(model) -> dict[str, list[str]]:
    """The shape table's columns as Keras itself gives them (counts shown with thousands separators)."""
    rows = [(layer.name, type(layer).__name__, str(tuple(layer.output.shape)), f"{layer.count_params():,}")
            for layer in model.layers]
    if not any(type(layer).__name__ == "InputLayer" for layer in model.layers):  # Sequential hides its input
        rows.insert(0, ("input_layer", "InputLayer", str(tuple(model.inputs[0].shape)), "0"))
    return dict(zip(("Layer", "Class", "Output shape", "Parameters"), map(list, zip(*rows))))


def shown_rows(page, expected: dict[str, list[str]]) -> dict[str, list[str]]:
    """The table's Layer, Class, Output shape and Parameters columns, once they show `expected`
    (or after a timeout, whatever they show)."""
    columns = table_showing(page, expected)
    return {name: columns.get(name) for name in expected}


def in_order(rows: dict[str, list[str]], names: list[str]) -> dict[str, list[str]]:
    """The columns with the rows put in the order of the layer names `names`."""
    order = [rows["Layer"].index(name) for name in names]
    return {column: [cells[i] for i in order] for column, cells in rows.items()}


def test_typed_code_updates_table_sidebar_and_panels(page, app_url, keras):
    """Typing a functional model over the tagger: the table is that model's, its named numbers become
    sidebar controls, and a sidebar number rewrites the code."""
    open_app(page, app_url + "/")
    replace_code(page, TYPED_CODE, typed=True)
    expect(element(page, "flow_diagram")).to_contain_text("gru", timeout=60_000)
    wait_until_idle(page)
    assert_no_errors(page)

    model = typed_model(keras)
    assert shown_rows(page, expected_rows(model)) == expected_rows(model)
    assert table_columns(page)["Input shape"] == ["", "(4, 12, 8)", "(4, 12, 16)", "(4, 12, 24)", "(4, 24)"]
    total = f"{model.count_params():,}"
    expect(page.get_by_test_id("stMain")).to_contain_text(
        f"Total: {total} parameters; model.count_params() = {total}.")
    keys = sidebar_keys(page)
    assert {"filters", "gru_units", "preset"} <= keys and not keys & {"lstm_units", "merge_mode", "vocab_size"}
    expect(page.get_by_test_id("stMain")).to_contain_text("Live numbers: this model's real tensors and weights")

    type_number(page, "gru_units", 10)
    expect(code_box(page)).to_have_value(TYPED_CODE.replace("gru_units = 24", "gru_units = 10"), timeout=60_000)
    expect(element(page, "flow_diagram")).to_contain_text("(4, 12, 10)", timeout=60_000)
    wait_until_idle(page)
    assert_no_errors(page)
    expected = expected_rows(typed_model(keras, gru_units=10))
    assert shown_rows(page, expected) == expected


def test_presets_replace_the_code(page, app_url, keras):
    """Each preset chosen in the sidebar puts its own code in the box (also over the learner's edited
    code), with its table and controls; the image CNN page is compared with its golden."""
    open_app(page, app_url + "/")
    expect(code_box(page)).to_have_value(preset_code("tagger"))
    replace_code(page, TYPED_CODE)  # the learner's own code first
    expect(element(page, "flow_diagram")).to_contain_text("gru", timeout=60_000)
    wait_until_idle(page)

    choose(page, "preset", PRESET_LABELS["two_inputs"])
    expect(code_box(page)).to_have_value(preset_code("two_inputs"), timeout=60_000)
    expect(element(page, "flow_diagram")).to_contain_text("concatenate", timeout=60_000)
    wait_until_idle(page)
    assert_no_errors(page)
    # the table lists layers in the order the code defines them; Keras orders a functional model by depth
    expected = in_order(expected_rows(two_inputs_model(keras)),
                        ["text", "numbers", "embedding", "lstm", "dense", "concatenate", "dense_1"])
    assert shown_rows(page, expected) == expected
    keys = sidebar_keys(page)
    assert {"vocab_size", "seq_len", "num_features", "hidden_units"} <= keys and "gru_units" not in keys

    choose(page, "preset", PRESET_LABELS["tagger"])
    expect(code_box(page)).to_have_value(preset_code("tagger"), timeout=60_000)
    wait_until_idle(page)
    assert_no_errors(page)

    choose(page, "preset", PRESET_LABELS["image_cnn"])
    expect(code_box(page)).to_have_value(preset_code("image_cnn"), timeout=60_000)
    expect(element(page, "flow_diagram")).to_contain_text("conv2d", timeout=60_000)
    wait_until_idle(page)
    assert_no_errors(page)
    expected = expected_rows(image_cnn_model(keras))
    assert shown_rows(page, expected) == expected
    keys = sidebar_keys(page)
    assert {"height", "width", "channels", "filters", "num_classes", "batch_size"} <= keys
    assert not keys & {"lstm_units", "merge_mode", "vocab_size"}
    make_still(page)
    fit_viewport_to_page(page)
    make_still(page)
    assert_matches_golden(still_screenshot(page), "page-preset-image-cnn")


def test_failing_model_shows_keras_message_and_fix(page, app_url, keras):
    """An LSTM after an LSTM without return_sequences: the failure panel quotes Keras and gives the fix;
    the table stops before the failing layer. The page is compared with its golden."""
    open_app(page, app_url + "/?preset=image_cnn")
    replace_code(page, FAILING_CODE, commit="blur")
    panel = element(page, "failure_panel")
    expect(panel).to_be_visible(timeout=60_000)
    wait_until_idle(page)
    assert_no_errors(page)

    keras.utils.clear_session()
    with pytest.raises(ValueError) as refused:
        keras.Sequential([keras.Input(shape=(20, 6), batch_size=8), keras.layers.LSTM(32, name="first_lstm"),
                          keras.layers.LSTM(32, name="second_lstm"), keras.layers.Dense(1, name="score")])
    keras_message = str(refused.value)
    assert "second_lstm" in keras_message and "expected ndim=3, found ndim=2" in keras_message
    text = panel.inner_text()
    assert keras_message in text, f"Keras's own message is not in the failure panel:\n{text}"
    assert "Keras 3 cannot build this model" in text
    assert "Layer second_lstm (LSTM), line 8 cannot take its input (8, 32)" in text
    assert FAILING_LINE in text, "the failing line of the code is quoted"
    assert "Smallest fix: set return_sequences=True on first_lstm" in text
    assert panel.get_by_test_id("stCode").filter(has_text="return_sequences=True").count() == 1

    keras.utils.clear_session()
    first = keras.Sequential([keras.Input(shape=(20, 6), batch_size=8), keras.layers.LSTM(32, name="first_lstm")])
    expected = {"Layer": ["input_layer", "first_lstm"], "Class": ["InputLayer", "LSTM"],
                "Output shape": [str(tuple(first.inputs[0].shape)), str(tuple(first.layers[0].output.shape))],
                "Parameters": ["0", f"{first.layers[0].count_params():,}"]}
    assert shown_rows(page, expected) == expected
    make_still(page)
    fit_viewport_to_page(page)
    make_still(page)
    assert_matches_golden(still_screenshot(page), "page-failing-model")

    page.get_by_role("button", name="Apply the fix to my code").click()  # one click: the fix goes into the code box
    expect(code_box(page)).to_have_value(FAILING_CODE.replace(
        'layers.LSTM(units, name="first_lstm")', 'layers.LSTM(units, return_sequences=True, name="first_lstm")'),
        timeout=60_000)
    expect(element(page, "failure_panel")).to_have_count(0, timeout=60_000)
    wait_until_idle(page)
    assert_no_errors(page)
    layers = ["input_layer", "first_lstm", "second_lstm", "score"]
    assert table_showing(page, {"Layer": layers})["Layer"] == layers  # waits for the table to show the new model's rows
