"""The Keras JSON / .keras reader: real Keras configs read back as the same model, hostile input refused.

Models here are built with Keras by this test (our own trusted code) and serialized with
model.to_json() / model.save(); they are read back with OUR reader only and compared, layer by layer,
with what Keras itself says (output shapes, parameter counts).
"""
import copy
import itertools
import json
import re
from pathlib import Path

import keras
import pytest
from keras import layers as L
from keras.saving import serialize_keras_object

from explorer.i18n import catalog
from explorer.i18n import reader_json as texts
from explorer.reader.keras_file import read_keras_file
from explorer.layers import REGISTRY, get_kind
from explorer.reader.json_common import same
from explorer.reader.keras_json import MAX_DEPTH, _Reader, read_keras_json
from explorer.reader.validate import check_value
from explorer.shapes import construct, describe
from explorer.spec import LayerSpec
from json_models import (ARCHITECTURES, KEYS_SEEN, assert_same_model, built, config_text, keras_view, our_view,
                         read_timed, refused, small_config, stacked_lstm)


# -- round trips ---------------------------------------------------------------------------------
@pytest.mark.parametrize("name", sorted(ARCHITECTURES))
def test_to_json_round_trip(name):
    result = read_keras_json(config_text(name))
    assert_same_model(result, built(name))


@pytest.mark.parametrize("name", sorted(ARCHITECTURES))
def test_keras_file_round_trip(name, tmp_path):
    model = built(name, small=True)
    path = tmp_path / "model.keras"
    model.save(path)
    data = path.read_bytes()
    result = read_keras_file(data)
    assert_same_model(result, model)
    assert result.spec == read_keras_json(model.to_json()).spec


def test_tagger_spec_is_what_the_learner_wrote():
    """Keras writes every default; the spec keeps only what differs (as if read from the code)."""
    spec = read_keras_json(config_text("tagger")).spec
    assert spec.batch_size == 30
    assert spec.inputs[0].shape == (50,) and spec.inputs[0].dtype == "int32" and spec.inputs[0].batch_size == 30
    assert spec.layer("embedding").args == (("input_dim", 10_000), ("output_dim", 64))
    bi = spec.layer("bidirectional")
    assert bi.args == (("merge_mode", "ave"),)
    assert bi.inner.kind == "LSTM" and bi.inner.args == (("return_sequences", True), ("units", 75))
    assert spec.layer("dense").args == (("units", 200),)
    assert spec.layer("time_distributed").inner.args == (("units", 6),)
    assert [layer.inputs for layer in spec.layers] == [(("tokens", None),), (("embedding", None),),
                                                       (("bidirectional", None),), (("dense", None),)]
    description = describe(spec)
    assert [s.output_shape for s in description.steps] == [(30, 50), (30, 50, 64), (30, 50, 75), (30, 50, 200),
                                                           (30, 50, 6)]
    assert description.total_params == 740_406


def test_functional_references_keep_tensor_indexes():
    spec = read_keras_json(config_text("return_state")).spec
    assert spec.outputs == (("lstm", 0), ("head", 0), ("lstm", 2))
    assert spec.layer("head").inputs == (("lstm", 1),)
    spec = read_keras_json(config_text("both_directions")).spec
    assert spec.layer("joined").inputs == (("bi", 0), ("bi", 1))
    spec = read_keras_json(config_text("two_inputs")).spec
    assert [i.name for i in spec.inputs] == ["a", "b"]
    assert spec.layer("joined").inputs == (("a", 0), ("b", 0))


def test_initializers_map_to_names_and_unknown_ones_are_dropped_with_a_note():
    model = keras.Sequential([keras.Input((4,)), L.Dense(3, kernel_initializer="he_normal", bias_initializer=keras.
                                                         initializers.Constant(0.5), kernel_regularizer="l2",
                                                         name="dense")])
    result = read_keras_json(model.to_json())
    assert result.spec is not None
    assert result.spec.layer("dense").args == (("kernel_initializer", "he_normal"), ("units", 3))
    assert {(n.key, n.param("arg")) for n in result.notes} == {("json.initializer_dropped", "bias_initializer"),
                                                               ("json.regularizer_dropped", "kernel_regularizer")}
    assert all(n.severity == "info" for n in result.notes)


def test_training_settings_are_not_read(tmp_path):
    """compile_config (optimizer, loss, metrics; a custom loss is a function) is never read."""
    def my_loss(y_true, y_pred):
        return keras.ops.mean(y_true - y_pred)

    model = stacked_lstm()
    model.compile(optimizer="adam", loss=my_loss, metrics=["accuracy", keras.metrics.AUC()])
    assert '"compile_config"' in model.to_json() and "my_loss" in model.to_json()
    assert_same_model(read_keras_json(model.to_json()), model)
    model.save(tmp_path / "compiled.keras")
    assert_same_model(read_keras_file((tmp_path / "compiled.keras").read_bytes()), model)


# -- Keras 2 (tf.keras 2.x) JSON, written by hand in its format -------------------------------------
def _k2_dense(name, units, activation="linear"):
    return {"class_name": "Dense", "config": {
        "name": name, "trainable": True, "dtype": "float32", "units": units, "activation": activation,
        "use_bias": True, "kernel_initializer": {"class_name": "GlorotUniform", "config": {"seed": None}},
        "bias_initializer": {"class_name": "Zeros", "config": {}}, "kernel_regularizer": None,
        "bias_regularizer": None, "activity_regularizer": None, "kernel_constraint": None, "bias_constraint": None}}


def _k2_lstm(name, units, return_sequences):
    return {"class_name": "LSTM", "config": {
        "name": name, "trainable": True, "dtype": "float32", "return_sequences": return_sequences,
        "return_state": False, "go_backwards": False, "stateful": False, "unroll": False, "time_major": False,
        "units": units, "activation": "tanh", "recurrent_activation": "sigmoid", "use_bias": True,
        "kernel_initializer": {"class_name": "GlorotUniform", "config": {"seed": None}},
        "recurrent_initializer": {"class_name": "Orthogonal", "config": {"gain": 1.0, "seed": None}},
        "bias_initializer": {"class_name": "Zeros", "config": {}}, "unit_forget_bias": True,
        "kernel_regularizer": None, "recurrent_regularizer": None, "bias_regularizer": None,
        "activity_regularizer": None, "kernel_constraint": None, "recurrent_constraint": None,
        "bias_constraint": None, "dropout": 0.0, "recurrent_dropout": 0.0, "implementation": 2}}


def k2_tagger(with_input_layer=True):
    embedding = {"class_name": "Embedding", "config": {
        "name": "embedding", "trainable": True, "batch_input_shape": [None, 50], "dtype": "float32",
        "input_dim": 10000, "output_dim": 64,
        "embeddings_initializer": {"class_name": "RandomUniform",
                                   "config": {"minval": -0.05, "maxval": 0.05, "seed": None}},
        "embeddings_regularizer": None, "activity_regularizer": None, "embeddings_constraint": None,
        "mask_zero": False, "input_length": 50}}
    layers = [embedding,
              {"class_name": "Bidirectional", "config": {"name": "bidirectional", "trainable": True,
                                                         "dtype": "float32", "layer": _k2_lstm("lstm", 75, True),
                                                         "merge_mode": "ave"}},
              _k2_dense("dense", 200),
              {"class_name": "TimeDistributed", "config": {"name": "time_distributed", "trainable": True,
                                                           "dtype": "float32", "layer": _k2_dense("dense_1", 6)}}]
    if with_input_layer:
        layers.insert(0, {"class_name": "InputLayer", "config": {"batch_input_shape": [None, 50], "dtype": "float32",
                                                                 "sparse": False, "ragged": False,
                                                                 "name": "embedding_input"}})
    return {"class_name": "Sequential", "config": {"name": "sequential", "layers": layers},
            "keras_version": "2.12.0", "backend": "tensorflow"}


@pytest.mark.parametrize("with_input_layer", [True, False])
def test_keras2_sequential(with_input_layer):
    result = read_keras_json(json.dumps(k2_tagger(with_input_layer)))
    spec = result.spec
    assert spec is not None, result.notes
    assert [(n.severity, n.key) for n in result.notes] == [("warning", "keras2.input_length")]
    assert spec.inputs[0].name == "embedding_input" and spec.inputs[0].shape == (50,)
    assert spec.inputs[0].dtype == ("float32" if with_input_layer else "int32")
    assert spec.layer("bidirectional").inner.args == (("return_sequences", True), ("units", 75))
    view, description = our_view(spec)
    expected = keras.Sequential([keras.Input((50,)), L.Embedding(10_000, 64, name="embedding"),
                                 L.Bidirectional(L.LSTM(75, return_sequences=True), merge_mode="ave",
                                                 name="bidirectional"),
                                 L.Dense(200, name="dense"), L.TimeDistributed(L.Dense(6), name="time_distributed")])
    assert view == keras_view(expected)
    assert description.total_params == 740_406


def test_keras2_functional():
    def k2_input(name, size):
        return {"class_name": "InputLayer", "name": name, "inbound_nodes": [],
                "config": {"batch_input_shape": [None, size], "dtype": "float32", "sparse": False, "ragged": False,
                           "name": name}}

    joined = {"class_name": "Concatenate", "name": "concatenate", "config": {
        "name": "concatenate", "trainable": True, "dtype": "float32", "axis": -1},
        "inbound_nodes": [[["input_1", 0, 0, {}], ["input_2", 0, 0, {}]]]}
    out = dict(_k2_dense("dense", 3, "softmax"), name="dense", inbound_nodes=[[["concatenate", 0, 0, {}]]])
    config = {"class_name": "Functional", "config": {
        "name": "model", "layers": [k2_input("input_1", 10), k2_input("input_2", 5), joined, out],
        "input_layers": [["input_1", 0, 0], ["input_2", 0, 0]], "output_layers": [["dense", 0, 0]]},
        "keras_version": "2.12.0", "backend": "tensorflow"}
    result = read_keras_json(json.dumps(config))
    assert result.notes == ()
    spec = result.spec
    assert spec.style == "functional" and [i.name for i in spec.inputs] == ["input_1", "input_2"]
    assert spec.layer("concatenate").inputs == (("input_1", 0), ("input_2", 0))
    assert spec.layer("dense").args == (("activation", "softmax"), ("units", 3))
    view, _ = our_view(spec)
    assert view == {"concatenate": (((None, 15),), 0), "dense": (((None, 3),), 48)}


def test_keras2_settings_keras3_lacks():
    config = k2_tagger()
    config["config"]["layers"][2]["config"]["layer"]["config"]["implementation"] = 1
    result = read_keras_json(json.dumps(config))
    assert result.spec is not None
    assert ("info", "read.arg_ignored") not in {(n.severity, n.key) for n in result.notes}
    assert ("info", "json.arg_ignored", "implementation") in {(n.severity, n.key, n.param("arg"))
                                                             for n in result.notes}
    config["config"]["layers"][2]["config"]["layer"]["config"]["time_major"] = True
    result = read_keras_json(json.dumps(config))
    assert result.spec is None
    assert [(n.key, n.param("arg")) for n in result.notes if n.severity == "error"] == [("json.arg_unknown",
                                                                                         "time_major")]


# -- refusals -------------------------------------------------------------------------------------
def test_lambda_with_its_function_is_refused():
    model = keras.Sequential([keras.Input((4,)), L.Lambda(lambda x: x * 2, name="double"), L.Dense(2, name="d")])
    text = model.to_json()
    assert "__lambda__" in text  # Keras writes the function's bytecode into the config
    errors = refused(read_timed(read_keras_json, text), "json.lambda_refused")
    assert {n.key for n in errors} == {"json.lambda_refused", "json.function_refused"}


@pytest.mark.parametrize("module", ["os", "builtins", "__main__", "keras.src.layers.core.dense", "subprocess"])
def test_foreign_module_on_a_layer_is_refused(module):
    config = small_config()
    config["config"]["layers"][1]["module"] = module
    errors = refused(read_timed(read_keras_json, json.dumps(config)), "json.module_refused")
    assert all(n.param("module") == module for n in errors)


@pytest.mark.parametrize("where", ["model", "initializer", "dtype"])
def test_foreign_module_anywhere_is_refused(where):
    config = small_config()
    layer = config["config"]["layers"][1]["config"]
    target = {"model": config, "initializer": layer["kernel_initializer"], "dtype": layer["dtype"]}[where]
    target["module"] = "os"
    target["class_name"] = "system"
    refused(read_timed(read_keras_json, json.dumps(config)), "json.module_refused")


def test_registered_name_trick_is_refused():
    config = small_config()
    config["config"]["layers"][1]["registered_name"] = "evil_package>LSTM"
    refused(read_timed(read_keras_json, json.dumps(config)), "json.registered_refused")
    config = small_config()
    config["config"]["layers"][1]["config"]["kernel_initializer"]["registered_name"] = "custom>Evil"
    refused(read_timed(read_keras_json, json.dumps(config)), "json.registered_refused")


def test_function_activation_is_refused():
    config = small_config()
    config["config"]["layers"][3]["config"]["activation"] = {
        "module": "builtins", "class_name": "function", "config": "my_activation", "registered_name": "function"}
    errors = refused(read_timed(read_keras_json, json.dumps(config)))
    assert {n.key for n in errors} == {"json.module_refused", "json.function_refused", "json.arg_object"}


@pytest.mark.parametrize("cls", ["MyCustomLayer", "Sequential", "TransformerEncoder", "TFOpLambda"])
def test_unknown_layer_class_is_refused(cls):
    config = small_config()
    config["config"]["layers"][2]["class_name"] = cls
    errors = refused(read_timed(read_keras_json, json.dumps(config)), "json.layer_unsupported")
    assert errors[0].param("cls") == cls and errors[0].param("layer") == "lstm_2"


def test_unknown_argument_refused_unless_keras_default():
    config = small_config()
    config["config"]["layers"][1]["config"]["zero_output_for_mask"] = False  # what Keras writes: fine
    assert read_keras_json(json.dumps(config)).spec is not None
    config["config"]["layers"][1]["config"]["zero_output_for_mask"] = True
    errors = refused(read_keras_json(json.dumps(config)), "json.arg_unknown")
    assert (errors[0].param("arg"), errors[0].param("value"), errors[0].param("default")) == (
        "zero_output_for_mask", "true", "false")
    config = small_config()
    config["config"]["layers"][1]["config"]["made_up"] = 3
    errors = refused(read_keras_json(json.dumps(config)), "json.arg_unknown")
    assert errors[0].param("default") == "—"


def test_unknown_argument_two_wrappers_deep():
    """Bidirectional forces zero_output_for_mask on its LSTM: that value is Keras's, another is refused."""
    for value, accepted in [(False, True), (True, False)]:
        config = json.loads(config_text("nested_wrappers"))
        bi = config["config"]["layers"][1]["config"]["layer"]["config"]
        for side in ("layer", "backward_layer"):
            bi[side]["config"]["zero_output_for_mask"] = value
        result = read_keras_json(json.dumps(config))
        if accepted:
            assert result.spec is not None and result.notes == ()
        else:
            (note,) = refused(result, "json.arg_unknown")
            # Keras names the inner LSTM from its per-thread counters: read the name it wrote
            expected = bi["layer"]["config"]["name"]
            assert expected.startswith("forward_lstm")
            assert (note.param("layer"), note.param("arg")) == (expected, "zero_output_for_mask")


def test_keras_refuses_a_combination_of_valid_values():
    config = json.loads(config_text("conv1d"))
    conv = config["config"]["layers"][2]["config"]
    conv["strides"], conv["dilation_rate"] = [2], [2]
    (note,) = refused(read_keras_json(json.dumps(config)), "json.layer_rejected")
    assert note.param("layer") == "conv_a" and "dilation_rate" in note.param("message")


# -- an argument is dropped only when Keras writes it anyway for the layer rebuilt without it ---------
def test_pooling_strides_that_follow_pool_size():
    """A pooling layer's strides default to its pool_size: MaxPooling2D(3, strides=2) writes strides=(2, 2), as a
    bare MaxPooling2D() does, yet without them it is MaxPooling2D(3, strides=3). ResNet50's stem is the first."""
    image, steps, volume = keras.Input((112, 112, 64), name="image"), keras.Input((30, 4), name="steps"), \
        keras.Input((9, 9, 9, 2), name="volume")
    padded = L.ZeroPadding2D(1, name="pool1_pad")(image)
    outputs = [L.MaxPooling2D(3, strides=2, name="pool1_pool")(padded),
               L.MaxPooling2D(3, name="follows")(image), L.MaxPooling2D(2, strides=2, name="bare")(image),
               L.AveragePooling2D((3, 2), strides=2, padding="same", name="avg2d")(image),
               L.MaxPooling1D(3, strides=2, name="max1d")(steps), L.AveragePooling1D(4, strides=1, name="avg1d")(steps),
               L.MaxPooling3D(3, strides=2, name="max3d")(volume),
               L.AveragePooling3D(2, strides=(1, 2, 3), name="avg3d")(volume)]
    model = keras.Model([image, steps, volume], outputs, name="pools")
    result = read_keras_json(model.to_json())
    assert_same_model(result, model)
    assert model.get_layer("pool1_pool").output.shape == (None, 56, 56, 64)
    spec = result.spec
    assert spec.layer("pool1_pool").args == (("pool_size", (3, 3)), ("strides", (2, 2)))
    assert spec.layer("follows").args == (("pool_size", (3, 3)),)
    assert spec.layer("bare").args == ()
    assert spec.layer("avg2d").args == (("padding", "same"), ("pool_size", (3, 2)), ("strides", (2, 2)))
    assert spec.layer("avg1d").args == (("pool_size", (4,)), ("strides", (1,)))
    assert spec.layer("avg3d").args == (("pool_size", (2, 2, 2)), ("strides", (1, 2, 3)))  # no default: kept


def test_multi_head_attention_output_shape_written_as_a_list():
    """Keras writes MultiHeadAttention(output_shape=10) as [10]: read as 10. [2] for an int Keras writes as an int
    is refused (Dense's units: test_wrong_value_types_are_refused). The layer alone: in a built model Keras also
    writes the attention_axes its build chose, which the reader does not read yet."""
    layer = L.MultiHeadAttention(2, 8, output_shape=10, name="mha")
    entry = json.loads(json.dumps(serialize_keras_object(layer)))
    assert entry["config"]["output_shape"] == [10]
    parsed = _Reader().layer(entry, "mha")
    assert parsed.spec.arg("output_shape") == 10 and parsed.spec.arg("num_heads") == 2
    assert _round_trip("MultiHeadAttention", {"num_heads": 2, "key_dim": 8, "output_shape": 10}, None) == {}
    entry["config"]["num_heads"] = [2]
    reader = _Reader()
    assert reader.layer(entry, "mha") is None
    (note,) = reader.notes
    assert (note.key, note.param("arg"), note.param("value")) == ("read.arg_bad_value", "num_heads", "[2]")


def _keras_layer(spec):
    """Keras's own layer for a spec (the registry's examples): its class, the arguments the kind gives Keras."""
    kind = get_kind(spec.kind)
    cls = getattr(keras.layers, spec.kind)
    if spec.inner is not None:
        return cls(_keras_layer(spec.inner), name=spec.name, **kind.keras_args(spec))
    return cls(name=spec.name, **kind.keras_args(spec))


def _config_differences(kind_name, original, rebuilt, path=""):
    """The arguments the kind accepts whose values differ between two configs (in our form: initializers by name,
    lists as tuples, as the reader reads them), wrapped layers included."""
    kind, reader = get_kind(kind_name), _Reader()

    def ours(rule, value):
        converted, written = reader.convert_quiet(rule, value)
        return check_value(rule, written) if converted else (False, value)

    differences = {}
    for key, value in original.items():
        rule = kind.rule(key)
        if kind.wraps and key == "layer":
            differences.update(_config_differences(value["class_name"], value["config"], rebuilt[key]["config"],
                                                   f"{path}layer."))
        elif rule is not None and rule.type != "ignored" and not rule.deprecated and (
                key not in rebuilt or not same(ours(rule, value), ours(rule, rebuilt[key]))):
            differences[path + key] = (value, rebuilt.get(key))
    return differences


def _round_trip(kind_name, args, inner):
    """A layer Keras builds → its config as to_json writes it → read → our layer: the arguments that differ."""
    spec = LayerSpec(f"x_{kind_name.lower()}", kind_name, tuple(sorted(args.items())), inner=inner)
    entry = json.loads(json.dumps(serialize_keras_object(_keras_layer(spec))))
    reader = _Reader()
    parsed = reader.layer(entry, spec.name)
    if not _keras_rebuilds(entry):  # Keras cannot load its own config either (RandomShear writes (-0.2, 0.2)
        assert parsed is None and reader.notes  # where its constructor takes 0 to 1): refused, with the reason
        return {}
    assert parsed is not None, reader.notes
    rebuilt = json.loads(json.dumps(serialize_keras_object(construct(parsed.spec))))
    return _config_differences(kind_name, entry["config"], rebuilt["config"])


def _keras_rebuilds(entry: dict) -> bool:
    """Whether Keras itself rebuilds a layer from the config it wrote (test code: our own layers' configs)."""
    try:
        getattr(keras.layers, entry["class_name"]).from_config(entry["config"])
    except Exception:
        return False
    return True


@pytest.mark.parametrize("kind_name", sorted(k for k, kind in REGISTRY.items()
                                             if not kind.operation and not kind.given_shape))
def test_every_example_reads_back_as_the_same_layer(kind_name):  # operations (keras.ops), shapes given: not in JSON
    """Every registered kind's examples: Keras's config read and rebuilt writes every argument the kind accepts as
    the original did (an argument dropped as a default must be one Keras gives the rebuilt layer)."""
    kind = REGISTRY[kind_name]
    assert kind.examples
    for example in kind.examples:
        inner = LayerSpec("inner", example.inner[0], tuple(sorted(example.inner[1].items()))) if example.inner \
            else None
        assert _round_trip(kind_name, example.args, inner) == {}, example.args


@pytest.mark.parametrize("kind_name", sorted(k for k in REGISTRY if "Pooling" in k and "Global" not in k))
def test_pooling_examples_with_other_pool_sizes_and_strides(kind_name):
    """The arguments whose default follows another one (pooling strides): every pool_size × strides × padding."""
    for pool, strides, padding in itertools.product((1, 2, 3), (None, 1, 2, 3), ("valid", "same")):
        args = {"pool_size": pool, "padding": padding} | ({"strides": strides} if strides is not None else {})
        assert _round_trip(kind_name, args, None) == {}, args


def test_structure_problems():
    config = small_config()
    config["config"]["layers"].insert(2, copy.deepcopy(config["config"]["layers"][0]))
    refused(read_keras_json(json.dumps(config)), "json.input_misplaced")
    config = small_config()
    config["config"]["layers"] += [copy.deepcopy(config["config"]["layers"][3]) for _ in range(300)]
    (note,) = refused(read_keras_json(json.dumps(config)), "json.too_many_layers")
    assert note.param("count") == "304"
    config = json.loads(config_text("seq2seq"))
    del config["config"]["layers"][4]["config"]["layer"]
    refused(read_keras_json(json.dumps(config)), "json.wrapper_no_layer")
    config = json.loads(config_text("two_inputs"))
    config["config"]["layers"][0]["config"]["batch_shape"][0] = 8
    config["config"]["layers"][1]["config"]["batch_shape"][0] = 16
    result = read_keras_json(json.dumps(config))
    assert result.spec.batch_size == 8 and [(n.key, n.param("value")) for n in result.notes] == [
        ("json.batch_mismatch", "8")]
    config = small_config()
    config["config"]["layers"][0]["config"]["dtype"] = "string"
    refused(read_keras_json(json.dumps(config)), "json.input_dtype")
    config = small_config()
    config["config"]["name"] = "my model!"
    result = read_keras_json(json.dumps(config))
    assert result.spec.name == "model" and [n.key for n in result.notes] == ["json.model_name"]


def test_custom_backward_layer_is_refused():
    config = json.loads(config_text("tagger"))
    backward = config["config"]["layers"][2]["config"]["backward_layer"]["config"]
    backward["units"] = 10
    refused(read_timed(read_keras_json, json.dumps(config)), "json.backward_layer")


@pytest.mark.parametrize("value,key", [
    ("200", "read.arg_bad_value"), (2.5, "read.arg_bad_value"), (True, "read.arg_bad_value"),
    (-3, "read.arg_bad_value"), (10**11, "read.arg_bad_value"), ([16], "read.arg_bad_value"),
    ({"class_name": "Thing"}, "json.arg_object")])
def test_wrong_value_types_are_refused(value, key):
    config = small_config()
    config["config"]["layers"][2]["config"]["units"] = value
    refused(read_timed(read_keras_json, json.dumps(config)), key)


def test_bad_names_and_duplicates():
    config = small_config()
    config["config"]["layers"][2]["config"]["name"] = "lstm_1"
    refused(read_keras_json(json.dumps(config)), "json.name_duplicate")
    config["config"]["layers"][2]["config"]["name"] = "a" * 65
    refused(read_keras_json(json.dumps(config)), "json.name_bad")
    config["config"]["layers"][2]["config"]["name"] = "x'); import os; ('"
    refused(read_keras_json(json.dumps(config)), "json.name_bad")


def test_graph_problems():
    config = json.loads(config_text("seq2seq"))
    layers = config["config"]["layers"]
    layers[2]["inbound_nodes"] *= 65  # a shared layer's calls are read (tests/test_shared_layers.py), 64 at most
    refused(read_keras_json(json.dumps(config)), "json.shared_layer")
    config = json.loads(config_text("seq2seq"))
    config["config"]["layers"][2]["inbound_nodes"][0]["args"][0]["config"]["keras_history"] = ["nowhere", 0, 0]
    refused(read_keras_json(json.dumps(config)), "json.ref_unknown")
    config = json.loads(config_text("seq2seq"))
    config["config"]["layers"][3]["inbound_nodes"][0]["kwargs"]["initial_state"] = [1, 2]
    refused(read_keras_json(json.dumps(config)), "json.call_kwarg")
    config = json.loads(config_text("seq2seq"))
    config["config"]["output_layers"] = [["ghost", 0, 0]]
    refused(read_keras_json(json.dumps(config)), "json.io_unknown")
    config = json.loads(config_text("seq2seq"))
    del config["config"]["layers"][0]
    refused(read_keras_json(json.dumps(config)), "json.ref_unknown")


def test_layer_never_called():
    config = json.loads(config_text("residual"))
    layers = config["config"]["layers"]
    extra = copy.deepcopy(layers[1])
    extra["name"] = extra["config"]["name"] = "unused"
    extra["inbound_nodes"] = []
    layers.insert(2, extra)
    result = read_keras_json(json.dumps(config))
    assert result.spec is not None and [layer.name for layer in result.spec.layers] == ["dense", "add", "reshape"]
    assert [(n.severity, n.key, n.param("layer")) for n in result.notes] == [("warning", "json.not_called", "unused")]
    layers[3]["inbound_nodes"][0]["args"][0][1]["config"]["keras_history"] = ["unused", 0, 0]
    (note,) = refused(read_keras_json(json.dumps(config)), "json.ref_unknown")
    assert note.param("ref") == "unused"


def test_references_to_outputs_a_layer_does_not_have():
    config = json.loads(config_text("seq2seq"))
    config["config"]["layers"][2]["inbound_nodes"][0]["args"][0]["config"]["keras_history"] = ["encoder", 0, 1]
    (note,) = refused(read_keras_json(json.dumps(config)), "json.ref_index")
    assert (note.param("layer"), note.param("ref"), note.param("index"), note.param("count")) == (
        "repeat", "encoder", "1", "1")
    config = json.loads(config_text("return_state"))
    config["config"]["output_layers"][2] = ["lstm", 0, 3]  # LSTM(return_state=True) gives 3 tensors
    refused(read_keras_json(json.dumps(config)), "json.ref_index")
    config["config"]["output_layers"][2] = ["lstm", 0, 2]
    assert read_keras_json(json.dumps(config)).spec is not None
    config = json.loads(config_text("both_directions"))  # merge_mode=None: two tensors
    config["config"]["layers"][2]["inbound_nodes"][0]["args"][0][1]["config"]["keras_history"] = ["bi", 0, 2]
    refused(read_keras_json(json.dumps(config)), "json.ref_index")


def test_two_inputs_with_one_name():
    config = json.loads(config_text("two_inputs"))
    config["config"]["layers"][1]["config"]["name"] = config["config"]["layers"][1]["name"] = "a"
    refused(read_keras_json(json.dumps(config)), "json.name_duplicate")


def test_sequential_without_an_input_shape():
    model = keras.Sequential([L.Dense(3, name="d")])
    refused(read_keras_json(model.to_json()), "json.no_input")


@pytest.mark.parametrize("shape", [[None], [None, 0], [None, -5], [None, 10**8], [None, "50"], [None] + [2] * 9,
                                   "50", [None, 2.0]])
def test_bad_input_shapes(shape):
    config = small_config()
    config["config"]["layers"][0]["config"]["batch_shape"] = shape
    refused(read_keras_json(json.dumps(config)), "json.input_bad")


def test_not_a_model():
    for text in ["[]", "42", '"text"', "{}", '{"class_name": "Dense", "config": {}}', "null"]:
        refused(read_timed(read_keras_json, text), "json.not_model")
    refused(read_keras_json('{"class_name": "MyModel", "config": {"layers": []}}'), "json.model_class")
    refused(read_keras_json(b"{}"), "json.input_type")
    refused(read_keras_json(None), "json.input_type")


def test_syntax_error_has_its_position():
    result = read_keras_json('{"class_name": "Sequential",\n  "config": {"layers": [}\n}')
    (note,) = refused(result, "json.syntax")
    assert (note.line, note.col) == (2, 24)  # the "}" where a value belongs


def test_deep_nesting_is_refused():
    for depth in (MAX_DEPTH + 1, 500, 10_000):
        text = '{"a": ' * depth + "1" + "}" * depth
        refused(read_timed(read_keras_json, text), "json.too_deep")
        refused(read_timed(read_keras_json, "[" * depth + "]" * depth), "json.too_deep")
    config = small_config()
    config["config"]["layers"][1]["config"]["extra"] = json.loads("[" * 40 + "]" * 40)
    refused(read_keras_json(json.dumps(config)), "json.arg_unknown")  # deep but within the bound


def test_two_megabytes_are_refused():
    text = config_text("stacked_lstm")
    big = text[:-1] + ', "padding": "' + "x" * (2 * 1024 * 1024) + '"}'
    refused(read_timed(read_keras_json, big), "json.too_big")


def test_long_string_is_refused():
    config = small_config()
    config["config"]["layers"][1]["config"]["name"] = "a" * 10_001
    refused(read_keras_json(json.dumps(config)), "json.string_long")


@pytest.mark.parametrize("literal,key", [("NaN", "json.number_special"), ("Infinity", "json.number_special"),
                                         ("-Infinity", "json.number_special"), ("1e999", "json.number_big"),
                                         ("9" * 5000, "json.number_big"), ("-" + "9" * 5000, "json.number_big"),
                                         (str(10**12 + 1), "json.number_big")])
def test_special_and_huge_numbers_are_refused(literal, key):
    text = config_text("stacked_lstm").replace('"units": 32', f'"units": {literal}')
    (note,) = refused(read_timed(read_keras_json, text), key)
    assert note.line == 1 and text[note.col:].startswith(literal[:5])


def test_largest_allowed_integer_reaches_the_rules():
    text = config_text("stacked_lstm").replace('"units": 32', f'"units": {10**12}')
    refused(read_keras_json(text), "read.arg_bad_value")


# -- nothing is loaded by Keras ---------------------------------------------------------------------
READER_FILES = sorted(path for pattern in ("keras_*.py", "json_*.py")
                      for path in (Path(__file__).resolve().parents[1] / "explorer" / "reader").glob(pattern))


def test_reader_source_calls_no_loader():
    forbidden = re.compile(r"\b(model_from_json|load_model|deserialize_keras_object|from_config|pickle|importlib|"
                           r"__import__|safe_mode|keras\.saving)\b|(?<!re\.)\b(eval|exec|compile)\s*\(")
    for path in READER_FILES:
        code = "\n".join(line.split("#")[0] for line in path.read_text().splitlines())
        code = re.sub(r'"""[\s\S]*?"""', "", code)  # docstrings may say what is never done
        assert forbidden.findall(code) == [], path.name


def test_keras_loaders_are_never_called(monkeypatch, tmp_path):
    def trap(*args, **kwargs):
        raise AssertionError("a Keras loader was called")

    for owner, name in [(keras.models, "model_from_json"), (keras.models, "load_model"), (keras.saving, "load_model"),
                        (keras.saving, "deserialize_keras_object"), (keras.layers, "deserialize"),
                        (keras.Sequential, "from_config"), (keras.Model, "from_config")]:
        monkeypatch.setattr(owner, name, trap)
    model = built("tagger", small=True)
    model.save(tmp_path / "tagger.keras")
    assert_same_model(read_keras_json(model.to_json()), model)
    assert_same_model(read_keras_file((tmp_path / "tagger.keras").read_bytes()), model)


# -- every key a note can carry has text in both languages -------------------------------------------
def test_every_key_in_the_reader_source_has_text():
    keys = {k for path in READER_FILES for k in re.findall(r'"(json\.[a-z0-9_]+)"', path.read_text())}
    assert len(keys) > 40
    assert sorted(keys - texts.WORDS.keys()) == []


def test_every_note_key_the_reader_returns_exists():
    """Keys collected from this module's results (the mutation test adds its own) have text."""
    results = [read_keras_json(json.dumps(k2_tagger())), read_keras_json('{"class_name": 1'),
               read_keras_json(config_text("tagger").replace('"merge_mode": "ave"', '"merge_mode": "avg"'))]
    KEYS_SEEN.update(n.key for r in results for n in r.notes)
    assert {"keras2.input_length", "json.syntax", "read.arg_bad_value"} <= KEYS_SEEN
    for lang in ("en", "zh"):
        merged = catalog(lang)
        missing = sorted(k for k in KEYS_SEEN if k not in merged)
        assert missing == [], f"{lang}: {missing}"


@pytest.mark.parametrize("cls", ["shape.given", "ops.add", "ops.reshape"])
def test_kinds_only_the_code_reader_makes_are_refused_in_json(cls):
    """A box whose shape the code gave and the operations on tensors have class names with a dot: Keras writes no
    such layer, so a JSON that names one is forged, and refused like any class the registry does not hold."""
    reader = _Reader()
    entry = {"class_name": cls, "config": {"name": "forged", "output_shape": [3], "label": "Lambda"}}
    assert get_kind(cls) is not None and reader.layer(entry, "forged") is None
    (note,) = reader.notes
    assert (note.key, note.param("cls")) == ("json.layer_unsupported", cls)
