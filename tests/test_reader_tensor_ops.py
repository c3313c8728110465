"""Operations on tensors in pasted code (explorer/reader/code_tensors.py, tensor_calls.py): which calls and
operators become operation nodes, with which arguments, and what stays refused. Their shapes are the
operation kinds' (tests/layers/test_operations.py); whole models with them are compared with Keras in
tests/corpus/ops_*.py."""
from __future__ import annotations

import pytest

from explorer.reader.code import read_code
from explorer.shapes import describe

HEAD = "import keras\nimport tensorflow as tf\nfrom keras import layers, ops\n"


def read(body: str, **kwargs):
    result = read_code(HEAD + body, **kwargs)
    return result, {layer.name: layer for layer in (result.spec.layers if result.spec else ())}


def errors(result) -> list[str]:
    return [n.key for n in result.notes if n.severity == "error"]


def test_arithmetic_with_numbers_is_two_operations_named_as_keras_names_them():
    result, layers_ = read("x = keras.Input((4, 4, 3))\ny = x / 127.5 - 1\nz = 2 - y\n"
                           "model = keras.Model(x, layers.Flatten()(z))\n")
    assert errors(result) == []
    assert [layers_[n].kind for n in ("true_divide", "subtract", "subtract_1")] == \
        ["ops.true_divide", "ops.subtract", "ops.subtract"]
    assert layers_["true_divide"].kwargs == {"scalar": 127.5, "scalar_first": False}
    assert layers_["subtract_1"].kwargs == {"scalar": 2.0, "scalar_first": True}
    assert describe(result.spec).step("flatten").output_shapes == ((None, 48),)


def test_tensors_of_other_shapes_broadcast_and_equal_shapes_stay_a_merge_layer():
    result, layers_ = read("x = keras.Input((5, 3))\nb = keras.Input((3,))\ny = x + x\nz = y * ops.expand_dims(b, 1)\n"
                           "model = keras.Model([x, b], z)\n")
    assert errors(result) == []
    assert layers_["add"].kind == "Add"  # same shapes: Keras's numbers are those of the merge layer
    assert layers_["multiply"].kind == "ops.multiply" and len(layers_["multiply"].inputs) == 2
    assert describe(result.spec).step("multiply").output_shapes == ((None, 5, 3),)


@pytest.mark.parametrize("call", ["ops.reshape(x, (-1, 12))", "keras.ops.reshape(x, newshape=(-1, 12))"])
def test_keras_ops_spellings_are_one_kind(call):
    result, layers_ = read(f"x = keras.Input((3, 4))\ny = {call}\nmodel = keras.Model(x, y)\n")
    assert errors(result) == []
    assert layers_["reshape"].kind == "ops.reshape" and layers_["reshape"].kwargs == {"newshape": (-1, 12)}


def test_tensorflow_functions_between_layers_stop_where_keras_3_stops():
    result, _ = read("x = keras.Input((3,))\ny = tf.exp(x)\nz = tf.shape(x)\n"
                     "model = keras.Model(x, layers.Dense(2)(x))\n")
    tf_notes = [n for n in result.notes if n.key == "read.tf_on_keras_tensor"]
    assert [n.line for n in tf_notes] == [5, 6]
    assert dict(tf_notes[0].params)["op"] == "exp"


CUSTOM = '''
class Block(layers.Layer):
    def __init__(self, n):
        super().__init__()
        self.emb = layers.Embedding(input_dim=n, output_dim=4)
        self.act = tf.nn.relu

    def call(self, x):
        length = tf.shape(x)[-1]
        positions = tf.range(start=0, limit=length, delta=1)
        noise = tf.keras.backend.random_normal(shape=(tf.shape(x)[0], length))
        return self.act(self.emb(positions)) + tf.reduce_mean(noise, axis=-1, keepdims=True)[:, :, None]

x = keras.Input((6,))
y = Block(6)(x)
model = keras.Model(x, y)
'''


def test_inside_a_layers_call_tensorflow_spellings_are_read():
    result, layers_ = read(CUSTOM)
    assert errors(result) == []
    assert layers_["arange"].kwargs == {"start": 0, "step": 1, "stop": 6}
    assert layers_["arange"].inputs == (("input_layer", None),)  # anchored to the tensor whose shape was read
    assert layers_["random_normal"].kwargs["shape"] == (None, 6)
    assert layers_["relu"].kind == "ops.relu"  # an activation function held as an attribute, then called
    assert layers_["mean"].kwargs == {"axis": -1, "keepdims": True}
    desc = describe(result.spec)
    assert desc.ok
    assert desc.step("embedding").output_shapes == ((6, 4),)
    assert desc.step(desc.outputs[0]).output_shapes == ((None, 6, 4),)
    assert [g.name for g in desc.groups] == ["block"]


def test_a_constant_outside_any_call_is_refused():
    result, _ = read("p = ops.arange(10)\nx = keras.Input((3,))\nmodel = keras.Model(x, layers.Dense(2)(x))\n")
    # refused at its line; the model does not use it, so the note is not an error of the model
    assert [(n.key, n.severity) for n in result.notes if n.key == "read.op_constant"] == [("read.op_constant", "info")]
    used, _ = read("p = ops.arange(10)\nx = keras.Input((3,))\nmodel = keras.Model(x, layers.Dense(2)(x + p))\n")
    assert "read.op_constant" in errors(used)  # the model needs it: an error again


def test_slices_and_the_outputs_of_a_layer_with_states():
    result, layers_ = read("x = keras.Input((7, 3))\nseq, h, c = layers.LSTM(5, return_sequences=True, "
                           "return_state=True)(x)\nlast = seq[:, -1]\nfirst = x[..., None, 0]\n"
                           "both = layers.Concatenate()([last, h])\nmodel = keras.Model(x, [both, first])\n")
    assert errors(result) == []
    assert layers_["get_item"].kwargs == {"key": (("slice", None, None, None), ("index", -1))}
    assert layers_["get_item_1"].kwargs == {"key": (("ellipsis",), ("newaxis",), ("index", 0))}
    desc = describe(result.spec)
    assert desc.step("concatenate").output_shapes == ((None, 10),)
    assert desc.step("get_item_1").output_shapes == ((None, 7, 1),)


def test_lambda_layers_are_groups_of_their_operations():
    result, _ = read("def last(t):\n    return t[:, -1]\n\nmodel = keras.Sequential([keras.Input((9, 4)), "
                           "layers.LSTM(8, return_sequences=True), layers.Lambda(lambda s: s * 0.5, name='half'), "
                           "layers.Lambda(last)])\n")
    assert errors(result) == []
    desc = describe(result.spec)
    assert [(g.name, g.label, g.members) for g in desc.groups] == [
        ("half", "Lambda", ("multiply",)), ("lambda", "Lambda", ("get_item",))]
    assert desc.step("get_item").output_shapes == ((None, 8),)


def test_lambda_that_does_nothing_or_cannot_be_read_says_so():
    result, _ = read("x = keras.Input((3,))\ny = layers.Lambda(lambda t: t)(x)\nz = layers.Lambda(lambda t: t @ t)(x)\n"
                     "model = keras.Model(x, layers.Dense(2)(x))\n")
    assert errors(result) == ["read.lambda_identity", "read.tensor_operator"]


@pytest.mark.parametrize("module, expected", [
    ("mobilenet_v2", ["true_divide", "subtract"]), ("efficientnet", []),
    ("resnet50", ["get_item", "get_item_1", "get_item_2", "stack", "add"]),
    ("densenet", ["true_divide", "add", "true_divide_1"]), ("nasnet_large", None)])
def test_preprocess_input_on_a_tensor_is_what_keras_3_records(module, expected):
    result, layers_ = read(f"from keras.applications.{module} import preprocess_input\nx = keras.Input((8, 8, 3))\n"
                           f"y = preprocess_input(x)\nmodel = keras.Model(x, layers.Flatten()(y))\n")
    if expected is None:
        assert errors(result) == ["read.preprocess_mode"]
        return
    assert errors(result) == []
    assert [name for name in layers_ if name != "flatten"] == expected


def test_preprocess_input_on_data_is_an_ignored_call():
    result, _ = read("from keras.applications.mobilenet_v2 import preprocess_input\nimport numpy as np\n"
                     "data = np.zeros((2, 8, 8, 3))\ndata = preprocess_input(data)\nx = keras.Input((3,))\n"
                     "model = keras.Model(x, layers.Dense(2)(x))\n")
    assert not errors(result)
    assert any(n.key == "read.ignored_call" and n.line == 7 for n in result.notes)


def test_a_class_of_another_base_is_refused_only_where_it_is_used():
    unused = "class Reg(keras.regularizers.Regularizer):\n    pass\n\nx = keras.Input((3,))\n" \
             "model = keras.Model(x, layers.Dense(2)(x))\n"
    result, _ = read(unused)
    assert not errors(result) and any(n.key == "read.class_not_read" for n in result.notes)
    result, _ = read(unused.replace("x = keras.Input", "r = Reg()\nx = keras.Input"))
    # refused where it is used; the model does not use r, so the note is not an error of the model
    assert [n.severity for n in result.notes if n.key == "read.class_base"] == ["info"]


@pytest.mark.parametrize("line", ["y = x * 1e300 * 1e300", "y = x ** x ** x @ x", "y = x[:, 10**12]",
                                  "y = ops.reshape(x, (-1,) * 99)", "y = x[(slice(None),) * 40]"])
def test_hostile_operations_get_a_note_and_nothing_breaks(line):
    result = read_code(HEAD + f"x = keras.Input((3, 4))\n{line}\nmodel = keras.Model(x, y)\n")
    assert any(n.severity == "error" for n in result.notes)
    assert not any(n.key == "read.internal" for n in result.notes)
    if result.spec is not None:
        describe(result.spec)


def test_any_tensorflow_function_on_a_symbolic_tensor_stops_there():
    result, _ = read("x = keras.Input((3,))\nm = tf.math.not_equal(x, 0)\nmodel = keras.Model(x, layers.Dense(2)(x))\n")
    assert errors(result) == ["read.tf_on_keras_tensor"]


def test_a_slice_of_a_tensor_whose_shape_cannot_be_worked_out_is_still_read():
    """The LSTM before the Lambda fails (a 2-D output sliced as 3-D): the slice is read, and the failure is the
    description's, at that slice, in Keras's words."""
    result, _ = read("model = keras.Sequential([keras.Input((12, 5)), layers.LSTM(16),\n"
                     "    layers.Lambda(lambda x: x[:, :3, :]), layers.Dense(1)])\n")
    assert not any(n.key == "read.internal" for n in result.notes)
    assert describe(result.spec).failure.layer == "get_item"
