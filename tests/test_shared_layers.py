"""A layer, or a model used as a layer, called more than once: one Keras layer (one set of weights) with a node
per call. The reader gives each later call a node of its own (`dense[1]`, as Keras's summary names that call)
that shares the first call's weights; the description counts them once; the build calls one Keras layer on each
input; the table, the diagram and the export say so. Each case is checked against real Keras building the same
code in this process (the test's own code, never a learner's)."""
from __future__ import annotations

import json

import numpy as np
import pytest

from explorer import shapes
from explorer.build import build
from explorer.diagram import flow_drawing, tap_details
from explorer.export import export_code
from explorer.i18n import t
from explorer.live.trace import run_trace, sample_inputs
from explorer.live.xrays import xray_layers
from explorer.reader.code import read_code
from explorer.shapes import describe
from explorer.tables import layer_table, weight_table
from explorer.ui.diagram_panel import labels
from explorer.ui.table_panel import shown_rows

SHARED_DENSE = """\
import keras
from keras import layers
left = keras.Input(shape=(8,))
right = keras.Input(shape=(8,))
shared = layers.Dense(8, activation="relu")  # 8 in, 8 out: it can read its own output
a = shared(left)
b = shared(right)
c = shared(b)
merged = layers.concatenate([a, c])
model = keras.Model(inputs=[left, right], outputs=layers.Dense(1)(merged))
"""

# the Keras functional-API guide's shared layers: one Embedding and one LSTM read two texts
SHARED_TEXT = """\
import keras
from keras import layers
tweet_a = keras.Input(shape=(280,), dtype="int32")
tweet_b = keras.Input(shape=(280,), dtype="int32")
embed = layers.Embedding(1000, 64)
shared_lstm = layers.LSTM(32)
encoded_a = shared_lstm(embed(tweet_a))
encoded_b = shared_lstm(embed(tweet_b))
merged = layers.concatenate([encoded_a, encoded_b], axis=-1)
predictions = layers.Dense(1, activation="sigmoid")(merged)
model = keras.Model(inputs=[tweet_a, tweet_b], outputs=predictions)
"""

# keras.io's Siamese network (contrastive loss): one embedding network, a model, called on both images
SIAMESE = """\
import keras
from keras import layers, ops

def euclidean_distance(vects):
    x, y = vects
    sum_square = ops.sum(ops.square(x - y), axis=1, keepdims=True)
    return ops.sqrt(ops.maximum(sum_square, keras.backend.epsilon()))

input = layers.Input((28, 28, 1))
x = layers.BatchNormalization()(input)
x = layers.Conv2D(4, (5, 5), activation="tanh")(x)
x = layers.AveragePooling2D(pool_size=(2, 2))(x)
x = layers.Conv2D(16, (5, 5), activation="tanh")(x)
x = layers.AveragePooling2D(pool_size=(2, 2))(x)
x = layers.Flatten()(x)
x = layers.BatchNormalization()(x)
x = layers.Dense(10, activation="tanh")(x)
embedding_network = keras.Model(input, x)

input_1 = layers.Input((28, 28, 1))
input_2 = layers.Input((28, 28, 1))
tower_1 = embedding_network(input_1)
tower_2 = embedding_network(input_2)
merge_layer = layers.Lambda(euclidean_distance, output_shape=(1,))([tower_1, tower_2])
normal_layer = layers.BatchNormalization()(merge_layer)
output_layer = layers.Dense(1, activation="sigmoid")(normal_layer)
siamese = keras.Model(inputs=[input_1, input_2], outputs=output_layer)
"""

# a shared Dense built for 8 features, called again on 5: Keras refuses the second call
MISFIT = """\
import keras
from keras import layers
a = keras.Input(shape=(8,))
b = keras.Input(shape=(5,))
shared = layers.Dense(4, name="shared_dense")
x = shared(a)
y = shared(b)
model = keras.Model([a, b], layers.concatenate([x, y]))
"""


def keras_run(source: str) -> dict:
    """The test's own source run by Keras: its names, as Keras made them."""
    names: dict = {}
    exec(compile(source, "<test model>", "exec"), names)  # the test's own code, never a learner's
    return names


def read(source: str):
    result = read_code(source)
    assert result.spec is not None, [(n.line, n.key) for n in result.notes]
    assert not [n for n in result.notes if n.severity == "error"], [(n.line, n.key) for n in result.notes]
    return result, describe(result.spec)


def shape(tensor) -> tuple:
    return tuple(tensor.shape)


# -- a plain layer called more than once ---------------------------------------------------------------------
def test_a_layer_called_three_times_is_one_layer_with_a_node_per_call():
    result, desc = read(SHARED_DENSE)
    spec = result.spec
    assert [(l.name, l.shares) for l in spec.layers if l.kind == "Dense"] == [
        ("dense", ""), ("dense[1]", "dense"), ("dense[2]", "dense"), ("dense_1", "")]
    later = spec.layer("dense[2]")
    assert later.inputs == (("dense[1]", None),) and later.line == 8  # each call reads its own input, at its line
    steps = {s.name: s for s in desc.steps}
    assert [steps[n].params for n in ("dense", "dense[1]", "dense[2]")] == [72, 0, 0]
    assert steps["dense[1]"].weights == () and steps["dense[1]"].shares == "dense"
    keras_model = keras_run(SHARED_DENSE)["model"]
    assert desc.total_params == keras_model.count_params() == 72 + 17
    weights = weight_table(desc)
    assert list(zip(weights["layer"], weights["weight"])) == [
        ("dense", "kernel"), ("dense", "bias"), ("dense_1", "kernel"), ("dense_1", "bias")]  # each weight once


def test_the_build_calls_one_keras_layer_on_each_input():
    result, desc = read(SHARED_DENSE)
    model = build(result.spec, desc).model
    assert model.count_params() == desc.total_params == 89
    dense = model.get_layer("dense")
    assert len(dense._inbound_nodes) == 3  # three calls of one layer: one kernel and one bias
    assert len(model.weights) == 4
    trace = run_trace(model, result.spec, desc)
    kernel, bias = (np.asarray(w) for w in dense.weights)
    right = sample_inputs(result.spec, desc)[result.spec.inputs[1].name]
    again = np.maximum(right @ kernel + bias, 0)  # the first call's weights, on the second input
    assert np.allclose(trace.outputs("dense[1]")[0], again, atol=1e-5)
    assert np.allclose(trace.outputs("dense[2]")[0], np.maximum(again @ kernel + bias, 0), atol=1e-5)
    assert "dense" in xray_layers(desc, result.spec) and "dense[1]" not in xray_layers(desc, result.spec)


def test_shared_embedding_and_lstm_on_two_texts_match_keras():
    result, desc = read(SHARED_TEXT)
    names = keras_run(SHARED_TEXT)
    steps = {s.name: s for s in desc.steps}
    assert steps["lstm"].output_shape == shape(names["encoded_a"]) == (None, 32)
    assert steps["lstm[1]"].output_shape == shape(names["encoded_b"]) == (None, 32)
    assert steps["embedding[1]"].output_shape == (None, 280, 64)
    assert steps["concatenate"].output_shape == shape(names["merged"]) == (None, 64)
    assert [steps[n].params for n in ("embedding", "lstm", "embedding[1]", "lstm[1]")] == [
        64_000, 4 * 32 * (64 + 32 + 1), 0, 0]
    assert desc.total_params == names["model"].count_params()
    assert build(result.spec, desc).model.count_params() == names["model"].count_params()


# -- a model used as a layer, called on two inputs: the Siamese network ----------------------------------------
def test_siamese_towers_share_one_embedding_network():
    result, desc = read(SIAMESE)
    names = keras_run(SIAMESE)
    siamese = names["siamese"]
    groups = {g.name: g for g in desc.groups}
    first, second = groups["functional"], groups["functional[1]"]
    assert (first.params, second.params) == (5318, 0) == (names["embedding_network"].count_params(), 0)
    assert second.shares == "functional" and len(second.members) == len(first.members) == 8
    assert all(m == f"{f}[1]" for f, m in zip(first.members, second.members))
    assert first.output_shapes == (shape(names["tower_1"]),) and second.output_shapes == (shape(names["tower_2"]),)
    steps = {s.name: s for s in desc.steps}
    assert all(steps[m].shares == f and steps[m].params == 0 for f, m in zip(first.members, second.members))
    assert steps["conv2d_1[1]"].output_shape == steps["conv2d_1"].output_shape == (None, 8, 8, 16)
    assert desc.total_params == siamese.count_params() == 5324
    built = build(result.spec, desc).model
    assert built.count_params() == siamese.count_params()
    assert len(built.weights) == len(siamese.weights)


def test_the_siamese_table_diagram_and_tap_say_the_second_tower_shares_the_first():
    result, desc = read(SIAMESE)
    table = layer_table(desc, result.spec)
    row = table[table["layer"] == "functional[1]"].iloc[0]
    assert (row["role"], row["params"], row["shares"], row["count"]) == ("group", 0, "functional", 8)
    conv = table[table["layer"] == "conv2d[1]"].iloc[0]
    assert (conv["role"], conv["params"], conv["shares"], conv["within"]) == ("shared", 0, "conv2d", ("functional[1]",))
    for lang in ("en", "zh"):
        shown, _folds = shown_rows(table, lang)
        formulas = dict(zip(shown["layer"], shown["formula"]))
        assert formulas["functional[1]"] == t(lang, "shared.table_group", first="functional", count=8)
        assert formulas["conv2d[1]"] == t(lang, "shared.table", first="conv2d")
        assert "shares" not in shown.columns
    words = labels("en", result.spec)
    folded = flow_drawing(desc, words, result.spec)
    assert "shares the weights of functional" in folded.texts()
    opened = flow_drawing(desc, words, result.spec, ("functional", "functional[1]"))
    assert "shares the weights of conv2d" in opened.texts()
    assert "shares the weights of conv2d" in tap_details(desc, "conv2d[1]", words)
    assert "共享 functional 的权重" in flow_drawing(desc, labels("zh", result.spec), result.spec).texts()
    assert labels("en", read(SHARED_DENSE)[0].spec)["shared"]
    plain = read_code("import keras\nx = keras.Input((3,))\nmodel = keras.Model(x, keras.layers.Dense(2)(x))\n")
    assert labels("en", plain.spec)["shared"] == ""  # a model without shared layers does not carry the words


# -- a later call that does not fit the weights: where Keras fails, and its words ---------------------------
def test_a_later_call_of_another_shape_fails_where_keras_does():
    result = read_code(MISFIT)
    desc = describe(result.spec)
    failure = desc.failure
    assert (failure.layer, failure.line, failure.origin) == ("shared_dense[1]", 7, "keras")
    with pytest.raises(ValueError) as keras_error:
        keras_run(MISFIT)
    assert failure.message == str(keras_error.value)
    assert "expected axis -1 of input shape to have value 8" in failure.message
    assert failure.cause.key == "shared.cause" and failure.fix.key == "shared.fix"
    cause = dict(failure.cause.params)
    assert (cause["built"], cause["got"], cause["weights"], cause["wanted"]) == (
        "(None, 8)", "(None, 5)", "kernel (8, 4); bias (4,)", "kernel (5, 4); bias (4,)")
    for lang in ("en", "zh"):
        assert "shared_dense[1]" in t(lang, failure.cause.key, **cause)
        assert "Dense" in t(lang, failure.fix.key, **dict(failure.fix.params))
    assert [s.name for s in desc.steps][-1] == "shared_dense"  # shown up to the call that fails


def test_a_later_call_of_a_layer_too_big_to_build_is_refused_in_the_explorers_words(monkeypatch):
    monkeypatch.setattr(shapes, "SHARED_CHECK_PARAMS", 0)
    failure = describe(read_code(MISFIT).spec).failure
    assert (failure.layer, failure.origin, failure.cause.key) == ("shared_dense[1]", "explorer", "shared.cause")
    assert "built for (None, 8)" in failure.message and "(None, 5)" in failure.message


def test_a_later_call_on_other_sizes_that_fit_the_weights_is_keras_s_too():
    """A shared Conv2D reads images of any size with its channels: its weights fit both calls."""
    source = ("import keras\nfrom keras import layers\nsmall = keras.Input((32, 32, 3))\n"
              "big = keras.Input((64, 48, 3))\nconv = layers.Conv2D(8, 3)\n"
              "p = layers.GlobalMaxPooling2D()(conv(small))\n"
              "q = layers.GlobalMaxPooling2D()(conv(big))\nmodel = keras.Model([small, big], layers.add([p, q]))\n")
    _result, desc = read(source)
    steps = {s.name: s for s in desc.steps}
    assert steps["conv2d[1]"].output_shape == (None, 62, 46, 8) and steps["conv2d"].output_shape == (None, 30, 30, 8)
    assert desc.total_params == keras_run(source)["model"].count_params() == 3 * 3 * 3 * 8 + 8


# -- the code export ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("source", [SHARED_DENSE, SHARED_TEXT])
def test_the_export_makes_a_shared_layer_once_and_calls_it_on_each_input(source):
    result, desc = read(source)
    code = export_code(result, desc, "en")
    exported = keras_run(code)["model"]
    assert exported.count_params() == desc.total_params == keras_run(source)["model"].count_params()
    first = next(layer.shares for layer in result.spec.layers if layer.shares)
    variable = f"{first}_layer"
    assert f"{variable} = layers." in code and code.count(f"= {variable}(") >= 2
    assert "shares the weights of" in code


def test_the_siamese_export_runs_with_keras_s_total_or_says_why_not():
    """Its distance is a Lambda of the learner's own function: the export refuses that box, as for any model."""
    result, desc = read(SIAMESE)
    try:
        code = export_code(result, desc, "en")
    except ValueError as error:
        assert "lambda" in str(error).lower() or "shape given" in str(error)
        return
    assert keras_run(code)["model"].count_params() == 5324


# -- what stays refused ------------------------------------------------------------------------------------
def test_a_model_nested_in_a_sequential_and_then_called_is_still_refused():
    source = ("import keras\ninner = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2)])\n"
              "outer = keras.Sequential([keras.Input((3,)), inner])\nx = keras.Input((3,))\ny = inner(x)\n")
    result = read_code(source)
    assert [n.line for n in result.notes if n.key == "read.nested_model_twice"] == [5]


# -- the JSON reader: Keras lists a shared layer once, with an inbound node per call --------------------------
def test_a_keras_json_config_with_shared_layers_reads_a_node_per_call():
    from explorer.reader.keras_json import read_keras_json

    model = keras_run(SHARED_TEXT)["model"]
    config = model.to_json()
    calls = {layer["name"]: len(layer["inbound_nodes"]) for layer in json.loads(config)["config"]["layers"]}
    assert sorted(calls.values())[-2:] == [2, 2]  # Keras lists the Embedding and the LSTM once, called twice
    result = read_keras_json(config)
    assert not [n for n in result.notes if n.severity == "error"], result.notes
    spec = result.spec
    shared = [(layer.name, layer.shares) for layer in spec.layers if layer.shares]
    assert len(shared) == 2 and all(name == f"{first}[1]" for name, first in shared)
    desc = describe(spec)
    assert desc.ok and desc.total_params == model.count_params()
    steps = {s.name: s for s in desc.steps}
    lstm = next(first for _name, first in shared if steps[first].cls == "LSTM")
    assert steps[f"{lstm}[1]"].output_shape == steps[lstm].output_shape == (None, 32)
    assert build(spec, desc).model.count_params() == model.count_params()
    order = [layer.name for layer in spec.layers]
    assert all(order.index(layer.name) > order.index(node) for layer in spec.layers for node, _ in layer.inputs
               if node in order)  # every call after the calls it reads


def test_a_first_call_the_outputs_do_not_need_still_builds_the_weights_keras_counts():
    """Only the second call leads to the output: Keras's model still holds the layer, built by the first call."""
    source = ("import keras\nfrom keras import layers\na = keras.Input((8,))\nb = keras.Input((8,))\n"
              "shared = layers.Dense(4)\nunused = shared(a)\nused = shared(b)\nmodel = keras.Model([a, b], used)\n")
    result, desc = read(source)
    assert [(layer.name, layer.shares) for layer in result.spec.layers] == [("dense", ""), ("dense[1]", "dense")]
    assert desc.ok and desc.total_params == keras_run(source)["model"].count_params() == 36


def test_a_hand_made_later_call_without_its_first_call_is_refused_not_raised():
    from explorer.spec import InputSpec, LayerSpec, ModelSpec

    spec = ModelSpec((InputSpec("x", (8,)),), (LayerSpec("d[1]", "Dense", (("units", 4),), (("x", None),),
                                                         shares="d"),), (("d[1]", None),))
    failure = describe(spec).failure
    assert (failure.layer, failure.origin) == ("d[1]", "explorer")
