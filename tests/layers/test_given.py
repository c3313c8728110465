"""The given family (explorer/layers/given): a shape given, not checked (issue 17). A Lambda whose function
the reader cannot read, given output_shape=, and a custom layer without weights whose call it cannot read, with
its own compute_output_shape: Keras builds both without running the function (Lambda.compute_output_shape
returns output_shape; a layer with its own compute_output_shape is built from that method), so the page shows
that box, marked, and the rest of the model. Every case is compared with Keras 3 building the same code in this
process (our own test strings)."""
from __future__ import annotations

import keras
import numpy as np
import pytest

from explorer.i18n import t
from explorer.layers import get_kind, given_kind, shown_class
from explorer.layers.given.xray import stand_in
from explorer.reader.code import read_code
from explorer.shapes import describe
from explorer.tables import layer_table
from explorer.ui.table_panel import shown_rows
from live_models import traced
from xray_consistency import XRayCase, check_xray

HEAD = "import tensorflow as tf\nimport keras\nfrom keras import layers\n"
GIVEN = given_kind().class_name

CASES = {  # id: (code after HEAD, the given box's name, its label, the note's key)
    "lambda_tf": ("inp = keras.Input((28, 28, 3))\n"
                  "x = layers.Lambda(lambda t: tf.image.rgb_to_grayscale(t), output_shape=(28, 28, 1))(inp)\n"
                  "x = layers.Conv2D(4, 3)(x)\nx = layers.Flatten()(x)\nout = layers.Dense(10)(x)\n"
                  "model = keras.Model(inp, out)\n", "lambda", "Lambda", "read.lambda_given"),
    "lambda_def": ("def spectrum(t):\n    return tf.abs(tf.signal.rfft(t))\n"
                   "inp = keras.Input((100,))\nx = layers.Lambda(spectrum, output_shape=(51,), name='fft')(inp)\n"
                   "out = layers.Dense(10)(x)\nmodel = keras.Model(inp, out)\n", "fft", "Lambda", "read.lambda_given"),
    "lambda_tf_function": ("inp = keras.Input((16,))\nx = layers.Dense(8)(inp)\n"
                           "x = layers.Lambda(tf.nn.l2_normalize, output_shape=(8,))(x)\n"
                           "out = layers.Dense(2)(x)\nmodel = keras.Model(inp, out)\n", "lambda", "Lambda",
                           "read.lambda_given"),
    "lambda_shape_function": ("inp = keras.Input((20, 6))\n"
                              "x = layers.Lambda(lambda t: tf.reduce_logsumexp(t, axis=1),\n"
                              "                  output_shape=lambda s: (s[0], s[2]))(inp)\n"
                              "out = layers.Dense(3)(x)\nmodel = keras.Model(inp, out)\n", "lambda", "Lambda",
                              "read.lambda_given"),
    "lambda_shape_differs": ("inp = keras.Input((100,))\n"
                             "x = layers.Lambda(lambda t: t[:, :3], output_shape=(51,))(inp)\n"
                             "out = layers.Dense(4)(x)\nmodel = keras.Model(inp, out)\n", "lambda", "Lambda",
                             "read.lambda_shape_differs"),
    "custom_layer": ("class Spectrum(layers.Layer):\n    def call(self, x):\n        return tf.abs(tf.signal.rfft(x))\n"
                     "    def compute_output_shape(self, input_shape):\n"
                     "        return (input_shape[0], input_shape[1] // 2 + 1)\n"
                     "inp = keras.Input((100,))\nx = Spectrum()(inp)\nout = layers.Dense(10)(x)\n"
                     "model = keras.Model(inp, out)\n", "spectrum", "Spectrum", "read.custom_given"),
    "sequential": ("model = keras.Sequential([keras.Input((32, 32, 3)),\n"
                   "    layers.Lambda(lambda t: tf.image.resize(t, (64, 64)), output_shape=(64, 64, 3)),\n"
                   "    layers.Conv2D(8, 3, strides=2), layers.GlobalAveragePooling2D(), layers.Dense(5)])\n",
                   "lambda", "Lambda", "read.lambda_given"),
}


def keras_model(code: str):
    """Keras 3 building the same code (our own test strings, never user input)."""
    scope: dict = {}
    exec(compile(code, "<test>", "exec"), scope)
    return scope["model"]


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_box_and_the_model_are_what_keras_builds(case):
    code, box, label, key = CASES[case]
    result = read_code(HEAD + code)
    assert result.spec is not None and not result.spec.gaps, [n.key for n in result.notes]
    desc = describe(result.spec)
    assert desc.failure is None
    model = keras_model(HEAD + code)
    ours = [(s.output_shape, s.params) for s in desc.steps if s.cls != "InputLayer"]
    theirs = [(tuple(layer.output.shape), layer.count_params()) for layer in model.layers
              if not isinstance(layer, keras.layers.InputLayer)]  # a Sequential lists no input
    assert ours == theirs
    assert desc.total_params == model.count_params()
    step = desc.step(box)
    assert step.cls == GIVEN and shown_class(step.cls, step.args) == label and step.params == 0
    (note,) = [n for n in result.notes if n.key == key]
    assert note.severity == "warning" and note.param("name") == box
    for lang in ("en", "zh"):
        assert box in t(lang, note.key, **dict(note.params))
    assert not [n for n in result.notes if n.severity == "error"]


def test_the_note_names_the_line_and_call_it_cannot_read():
    code = HEAD + CASES["lambda_def"][0]
    (note,) = [n for n in read_code(code).notes if n.key == "read.lambda_given"]
    assert note.param("line") == "5" and "rfft" in note.param("code") and note.param("given") == "(51,)"
    assert note.line == 7 and note.param("shape") == "(None, 51)"


def test_a_shape_that_differs_from_the_function_is_said_with_both_shapes():
    (note,) = [n for n in read_code(HEAD + CASES["lambda_shape_differs"][0]).notes
               if n.key == "read.lambda_shape_differs"]
    assert (note.param("computed"), note.param("keras")) == ("(None, 3)", "(None, 51)")


def test_a_readable_function_whose_shape_agrees_is_read_as_before():
    code = HEAD + ("inp = keras.Input((10, 4))\nx = layers.Lambda(lambda t: t[:, -1], output_shape=(4,))(inp)\n"
                   "out = layers.Dense(2)(x)\nmodel = keras.Model(inp, out)\n")
    result = read_code(code)
    assert all(layer.kind != GIVEN for layer in result.spec.layers)
    assert [g.label for g in result.spec.groups] == ["Lambda"]
    assert not [n for n in result.notes if n.key.startswith("read.lambda_")]


@pytest.mark.parametrize("given, error", [("[51]", "TypeError"), ("51", "TypeError")])
def test_an_output_shape_keras_cannot_use_is_refused_as_keras_fails(given, error):
    code = HEAD + (f"inp = keras.Input((100,))\nx = layers.Lambda(lambda t: tf.signal.rfft(t), output_shape={given})"
                   f"(inp)\nout = layers.Dense(4)(x)\nmodel = keras.Model(inp, out)\n")
    with pytest.raises(Exception) as raised:
        keras_model(code)
    assert type(raised.value).__name__ == error
    result = read_code(code)
    assert [n.key for n in result.notes if n.severity == "error"] == ["read.lambda_output_shape"]


def test_without_output_shape_an_unreadable_function_is_still_refused_at_its_line():
    code = HEAD + ("inp = keras.Input((100,))\nx = layers.Lambda(lambda t: tf.signal.rfft(t))(inp)\n"
                   "out = layers.Dense(4)(x)\nmodel = keras.Model(inp, out)\n")
    result = read_code(code)
    errors = [n for n in result.notes if n.severity == "error"]
    assert errors and errors[0].line == 5 and all(layer.kind != GIVEN for layer in (result.spec or
                                                                                      _empty()).layers)


def test_a_custom_layer_with_weights_is_a_box_with_the_weights_its_build_makes():
    """Its weights are what its build makes with add_weight, on the input shape: counted as Keras counts them."""
    code = HEAD + ("class Scale(layers.Layer):\n    def build(self, input_shape):\n"
                   "        self.w = self.add_weight(shape=(input_shape[-1],))\n"
                   "    def call(self, x):\n        return tf.signal.rfft(x * self.w)\n"
                   "    def compute_output_shape(self, input_shape):\n        return (input_shape[0], 51)\n"
                   "inp = keras.Input((100,))\nx = Scale()(inp)\nout = layers.Dense(10)(x)\n"
                   "model = keras.Model(inp, out)\n")
    result = read_code(code)
    step = describe(result.spec).step("scale")
    assert step.cls == GIVEN and step.params == 100 and [w.shape for w in step.weights] == [(100,)]
    assert describe(result.spec).total_params == keras_model(code).count_params() == 100 + 520


def _empty():
    from explorer.spec import ModelSpec
    return ModelSpec((), (), ())


def test_the_table_and_the_diagram_mark_the_box():
    result = read_code(HEAD + CASES["lambda_def"][0])
    desc = describe(result.spec)
    table = layer_table(desc, result.spec)
    row = table[table["layer"] == "fft"].iloc[0]
    assert (row["role"], row["class"], row["output_shape"]) == ("given", "Lambda", "(None, 51)")
    for lang in ("en", "zh"):
        shown, _ = shown_rows(table, lang)
        assert shown.loc[shown["layer"] == "fft", "formula"].item() == t(lang, "groups.given")
    from explorer.diagram import flow_drawing
    from explorer.ui.diagram_panel import labels
    drawing = flow_drawing(desc, labels("en", result.spec), result.spec)
    item = next(i for i in drawing.items if i.name == "fft")
    assert t("en", "groups.given_why") in item.details and "fft (Lambda)" in item.details
    texts = [run.text for label in item.labels for line in label.lines for run in line]
    assert t("en", "groups.diagram_given") in texts


def test_the_live_model_runs_a_fixed_stand_in_and_the_next_layer_is_recomputed_exactly():
    code = HEAD + CASES["lambda_def"][0]
    *_built, model, trace = traced(code)
    out = trace.outputs("fft")[0]
    seed = int(model.get_layer("fft").seed)
    assert out.shape[1:] == (51,) and np.array_equal(out[0], out[-1])  # the same numbers for every sample
    np.testing.assert_array_equal(out, stand_in((51,), out.shape[0], seed))  # the seeded pattern, as the page says
    assert not np.array_equal(out, stand_in((51,), out.shape[0], seed + 1))
    check_xray(XRayCase("given_then_dense", code, "dense", (1, 7)))


XRAY_CASES = [  # the stand-in's own X-ray: its numbers recomputed from the seed, the followed cell in the grid
    XRayCase("given-lambda", HEAD + CASES["lambda_def"][0], "fft", (1, 7)),
    XRayCase("given-custom-4d", HEAD + CASES["lambda_tf"][0], "lambda", (1, 2, 3, 0)),
]


@pytest.mark.parametrize("case", XRAY_CASES, ids=[c.id for c in XRAY_CASES])
def test_xray_agrees_with_itself(case):
    check_xray(case)


def test_the_kind_is_keras_lambda_with_output_shape():
    """The kind's shape is Keras's Lambda given that output_shape, for any function (here one that gives another
    shape: Keras does not look)."""
    kind = get_kind(GIVEN)
    for example in kind.examples:
        shapes = example.input_shape if isinstance(example.input_shape[0], tuple) else (example.input_shape,)
        inputs = [keras.Input(batch_shape=s) for s in shapes]
        lam = keras.layers.Lambda(lambda t: t, output_shape=example.args["output_shape"])
        out = lam(inputs if len(inputs) > 1 else inputs[0])
        assert tuple(out.shape) == example.output_shape and lam.count_params() == 0


@pytest.mark.parametrize("added, key", [
    ("x = layers.Lambda(lambda t: tf.signal.rfft(t), name='fft')(inp)", "read.lambda_add_shape"),
    ("x = layers.Lambda(tf.nn.l2_normalize)(inp)", "read.lambda_add_shape"),
    ("x = Spectrum()(inp)", "read.custom_add_shape"),
])
def test_where_no_shape_is_given_the_note_says_how_to_give_one_and_giving_it_shows_the_model(added, key):
    """The learner types the shape into their own code: output_shape= for a Lambda, compute_output_shape for a
    custom layer; the note says how, and with it the page shows the box and the rest of the model."""
    layer = "class Spectrum(layers.Layer):\n    def call(self, x):\n        return tf.signal.rfft(x)\n"
    code = HEAD + layer + (f"inp = keras.Input((100,))\n{added}\nout = layers.Dense(4)(x)\n"
                           "model = keras.Model(inp, out)\n")
    result = read_code(code)
    assert result.spec is None and [n.key for n in result.notes if n.key == key] == [key]
    if key == "read.lambda_add_shape":
        fixed = code.replace(")(inp)", ", output_shape=(51,))(inp)") if "name=" in added else \
            code.replace("l2_normalize)", "l2_normalize, output_shape=(100,))")
    else:
        fixed = code.replace("        return tf.signal.rfft(x)\n", "        return tf.signal.rfft(x)\n"
                             "    def compute_output_shape(self, input_shape):\n        return (input_shape[0], 51)\n")
    after = read_code(fixed)
    assert after.spec is not None and any(layer.kind == GIVEN for layer in after.spec.layers)
    assert describe(after.spec).total_params == keras_model(fixed).count_params()


KAGGLE_ATTENTION = """import tensorflow as tf
from tensorflow.keras.layers import Layer, Embedding, LSTM, Dense
from tensorflow.keras.models import Sequential


class Attention(Layer):
    def __init__(self, **kwargs):
        super(Attention, self).__init__(**kwargs)

    def build(self, input_shape):
        self.W = self.add_weight(name="att_weight", shape=(input_shape[-1], 1), initializer="normal")
        self.b = self.add_weight(name="att_bias", shape=(input_shape[1], 1), initializer="zeros")
        super(Attention, self).build(input_shape)

    def call(self, x):
        et = tf.squeeze(tf.tanh(tf.tensordot(x, self.W, axes=1) + self.b), axis=-1)
        at = tf.expand_dims(tf.nn.softmax(et), axis=-1)
        return tf.reduce_sum(x * at, axis=1)

    def compute_output_shape(self, input_shape):
        return (input_shape[0], input_shape[-1])


model = Sequential()
model.add(Embedding(2000, 16))
model.add(LSTM(8, return_sequences=True))
model.add(Attention())
model.add(Dense(1, activation="sigmoid"))
model.build(input_shape=(None, 30))
"""


def test_a_custom_layer_whose_build_makes_weights_counts_them_as_keras_does():
    """The Kaggle "LSTM + attention" layer: add_weight in build (shapes from input_shape), TensorFlow in call, its
    own compute_output_shape. The box counts the weights build makes, in Keras's order, and the model's total is
    Keras's own."""
    result = read_code(KAGGLE_ATTENTION)
    assert result.spec is not None and not [n for n in result.notes if n.severity == "error"]
    desc = describe(result.spec)
    step = desc.step("attention")
    assert step.cls == GIVEN and step.output_shape == (None, 8)
    assert [(w.name, w.shape, w.dims) for w in step.weights] == [("att_weight", (8, 1), ("H", "1")),
                                                                 ("att_bias", (30, 1), ("T", "1"))]
    assert step.params == 38 and step.formula.text() == "H × 1 + T × 1 = 8 × 1 + 30 × 1 = 38"
    model = keras_model(KAGGLE_ATTENTION)
    keras_layer = next(layer for layer in model.layers if type(layer).__name__ == "Attention")  # names count on
    assert [tuple(w.shape) for w in keras_layer.weights] == [w.shape for w in step.weights]
    assert desc.total_params == model.count_params()
    (note,) = [n for n in result.notes if n.key == "read.custom_given"]
    assert note.param("params") == "38"


def test_a_build_the_reader_cannot_read_leaves_the_layer_refused():
    code = KAGGLE_ATTENTION.replace("shape=(input_shape[-1], 1)", "shape=(tf.random.uniform(()), 1)")
    result = read_code(code)
    assert result.spec is None or all(layer.kind != GIVEN for layer in result.spec.layers)
    (note,) = [n for n in result.notes if n.key == "read.custom_build"]
    assert note.severity == "error" and note.param("line") == "11" and note.line == 27
