"""The reader as a small interpreter: values, loops, defs, partials, star imports and shape reads worked out
without running anything (every model here is also one Keras would build; tests/corpus compares whole files)."""
from __future__ import annotations

import keras
import pytest

from explorer.reader.code import read_code

HEAD = "import keras\nfrom keras import layers\nunits = 8\n"


def units_of(expr: str) -> int:
    result = read_code(HEAD + f"model = keras.Sequential([keras.Input((3,)), layers.Dense({expr})])\n")
    assert not [n for n in result.notes if n.severity == "error"], result.notes
    return result.spec.layers[0].arg("units")


@pytest.mark.parametrize("expr,value", [
    ("int(units / 2)", 4), ("len('abc') + units", 11), ("max(units, 3)", 8), ("[4, 5][-1]", 5),
    ("units if units > 3 else 2", 8), ("sum(u for u in range(4))", 6), ("round(units * 1.5)", 12),
    ("{'u': 3}['u']", 3), ("int(f'{units}0')", 80), ("abs(-units)", 8), ("(1, 2, 3)[1:][0]", 2),
    ("min([7, units])", 7), ("int('{}'.format(3))", 3), ("len([1] * 5)", 5), ("len(range(2, 20, 3))", 6),
    ("sorted([3, 1, 2])[-1]", 3), ("dict(a=4)['a'] * 2", 8), ("[x for x in range(10) if x % 4 == 3][-1]", 7),
    ("int(units ** 0.5 * 10)", 28), ("len(list(zip(range(3), 'abcd')))", 3), ("int('%d' % units)", 8),
    ("units and 5", 5), ("0 or units", 8), ("int(not units) + 1", 1), ("len('a, b'.replace(', ', ''))", 2),
])
def test_values_are_worked_out(expr, value):
    assert units_of(expr) == value


def test_a_constant_still_feeds_the_sidebar_through_builtins():
    result = read_code(HEAD + "model = keras.Sequential([keras.Input((3,)), layers.Dense(int(units / 2))])\n")
    assert [(c.name, c.uses) for c in result.constants] == [("units", (("Dense", "units"),))]


def test_loops_break_continue_and_list_methods():
    source = HEAD + ("sizes = []\nfor i in range(100):\n    if i % 2:\n        continue\n    if i > 6:\n        break\n"
                     "    sizes.append(2 ** i)\nsizes.reverse()\n"
                     "model = keras.Sequential([keras.Input((3,))] + [layers.Dense(s) for s in sizes])\n")
    result = read_code(source)
    assert [layer.arg("units") for layer in result.spec.layers] == [64, 16, 4, 1]


def test_partial_keywords_are_overridden_by_the_call():
    source = HEAD + ("from functools import partial\nD = partial(layers.Dense, 4, activation='relu')\n"
                     "model = keras.Sequential([keras.Input((3,)), D(), D(activation='tanh'), partial(D)()])\n")
    layers_read = read_code(source).spec.layers
    assert [(l.arg("units"), l.arg("activation")) for l in layers_read] == [(4, "relu"), (4, "tanh"), (4, "relu")]


def test_a_later_star_import_does_not_hide_the_layers():
    source = ("from keras.layers import *\nfrom keras.models import *\nfrom keras.optimizers import *\n"
              "inp = Input((4,))\nmodel = Model(inp, Dense(2)(inp))\nmodel.compile(optimizer=Adam())\n")
    result = read_code(source)
    assert [layer.kind for layer in result.spec.layers] == ["Dense"]
    assert not [n for n in result.notes if n.severity == "error"]


def test_static_shape_reads():
    source = HEAD + ("inp = keras.Input((6, 5))\nx = layers.Conv1D(units, 3)(inp)\nsteps, channels = x.shape[1:]\n"
                     "y = layers.Reshape((steps * channels,))(x)\nz = layers.Dense(keras.ops.shape(y)[-1] // 8)(y)\n"
                     "n = keras.backend.int_shape(z)[1]\nmodel = keras.Model(inp, layers.Dense(n)(z))\n")
    result = read_code(source)
    assert [layer.arg("target_shape") or layer.arg("units") for layer in result.spec.layers[1:]] == [(32,), 4, 4]
    assert [n.key for n in result.notes if n.severity != "info"] == ["keras2.int_shape"]


def test_a_def_with_defaults_args_and_kwargs_called_many_times():
    source = HEAD + ("def block(x, *sizes, act='relu', **options):\n    for size in sizes:\n"
                     "        x = layers.Dense(size, activation=act, **options)(x)\n    return x, len(sizes)\n"
                     "inp = keras.Input((3,))\nx, n = block(inp, 4, 5, use_bias=False)\n"
                     "x, m = block(x, n + 1, act='tanh')\n"
                     "model = keras.Model(inp, x)\n")
    layers_read = read_code(source).spec.layers
    assert [(l.arg("units"), l.arg("activation"), l.arg("use_bias", True)) for l in layers_read] == [
        (4, "relu", False), (5, "relu", False), (3, "tanh", True)]


def test_a_huge_loop_stops_with_a_note_and_the_rest_is_read():
    source = HEAD + ("for i in range(10 ** 12):\n    pass\n"
                     "model = keras.Sequential([keras.Input((3,)), layers.Dense(2)])\n")
    result = read_code(source)
    assert [n.key for n in result.notes] == ["read.too_much_work"] and result.notes[0].line == 4
    assert [layer.name for layer in result.spec.layers] == ["dense"]


def test_a_refused_loop_that_adds_to_a_sequential_leaves_it_incomplete():
    source = HEAD + ("model = keras.Sequential([keras.Input((8,))])\nfor row in open('layers.txt'):\n"
                     "    model.add(layers.Dense(300))\nmodel.add(layers.Dense(1))\n")
    result = read_code(source)
    assert "read.model_cut_statement" in [n.key for n in result.notes]
    assert result.spec.gaps == ((5, "read.model_cut_statement"),)  # the page says the model is incomplete from line 5
    assert [layer.name for layer in result.spec.layers] == []


def test_a_books_ellipsis_placeholder_says_what_to_put_there():
    """Deep Learning with Python's residual snippet starts with `x = ...`: the page says it is the place left for a
    tensor, and where the next layer uses it; with an Input there, the whole snippet is read."""
    snippet = ("from keras import layers\nx = ...\ny = layers.Conv2D(128, 3, padding='same')(x)\n"
               "y = layers.add([y, x])\n")
    result = read_code(snippet)
    keys = [(n.line, n.key) for n in result.notes if n.severity in ("error", "warning")]
    assert keys[0] == (2, "read.ellipsis") and keys[1][0] == 3
    filled = read_code("import keras\n" + snippet.replace("x = ...", "x = keras.Input(shape=(32, 32, 128))") +
                       "model = keras.Model(x, y)\n")
    assert filled.spec is not None and [layer.kind for layer in filled.spec.layers] == ["Conv2D", "Add"]


def test_a_compute_mask_with_tensorflow_stops_keras_at_that_layer():
    """Deep Learning with Python's PositionalEmbedding, with `compute_mask` written with tf.math.not_equal: Keras 3
    runs compute_mask on symbolic tensors when it builds the model and stops at that layer; the page says so there.
    With keras.ops.not_equal it is read, and the mask adds no layer."""
    code = ("import tensorflow as tf\nimport keras\nfrom keras import layers\n\n"
            "class TokenEmbedding(layers.Layer):\n"
            "    def __init__(self, vocab, dim, **kwargs):\n"
            "        super().__init__(**kwargs)\n"
            "        self.embed = layers.Embedding(vocab, dim)\n"
            "        self.block = keras.Sequential([layers.Dense(dim)])\n"
            "    def call(self, inputs):\n        return self.block(self.embed(inputs))\n"
            "    def compute_mask(self, inputs, mask=None):\n        return tf.math.not_equal(inputs, 0)\n\n"
            "inputs = keras.Input(shape=(20,), dtype='int64')\n"
            "x = TokenEmbedding(100, 8)(inputs)\nx = layers.GlobalAveragePooling1D()(x)\n"
            "model = keras.Model(inputs, layers.Dense(1)(x))\n")
    result = read_code(code)
    errors = [(n.line, n.key) for n in result.notes if n.severity == "error"]
    assert result.spec is None and errors == [(16, "read.compute_mask_tf")]
    fixed = read_code(code.replace("tf.math.not_equal", "keras.ops.not_equal"))
    assert fixed.spec is not None and not [n for n in fixed.notes if n.severity == "error"]
    assert [layer.kind for layer in fixed.spec.layers] == ["Embedding", "Dense", "GlobalAveragePooling1D", "Dense"]


def test_keras_configuration_functions_take_keras_defaults_with_a_note():
    """The old mnist_cnn example: `if K.image_data_format() == 'channels_first':` chooses the input shape; the page
    reads it with Keras 3's default ('channels_last') and says so."""
    code = ("import keras\nfrom keras import backend as K\nfrom keras.layers import Conv2D, Dense, Flatten\n"
            "rows, cols = 28, 28\n"
            "if K.image_data_format() == 'channels_first':\n    input_shape = (1, rows, cols)\n"
            "else:\n    input_shape = (rows, cols, 1)\n"
            "model = keras.Sequential([keras.Input(input_shape), Conv2D(4, 3), Flatten(), Dense(2)])\n")
    result = read_code(code)
    assert result.spec is not None and result.spec.inputs[0].shape == (28, 28, 1)
    (note,) = [n for n in result.notes if n.key == "read.backend_default"]
    assert note.line == 5 and note.param("value") == "'channels_last'"
    assert keras.backend.image_data_format() == "channels_last" and keras.config.floatx() == "float32"


def test_unpacking_more_or_fewer_tensors_than_a_call_gives_is_where_python_stops():
    code = ("import keras\nfrom keras import layers\nx = keras.Input((10, 4))\n"
            "encoder = layers.Bidirectional(layers.LSTM(8, return_sequences=True, return_state=True), "
            "merge_mode=None)\nout, fh, fc, bh, bc = encoder(x)\n")
    result = read_code(code)
    (note,) = [n for n in result.notes if n.key == "read.unpack_count"]
    assert (note.line, note.param("outputs"), note.param("count")) == (5, "6", "5")
    assert note.param("words") == "too many values to unpack"
    with pytest.raises(ValueError, match="too many values to unpack"):
        _out, _fh, _fc, _bh, _bc = layers_bidirectional_none()


def layers_bidirectional_none():
    from keras import layers
    return layers.Bidirectional(layers.LSTM(8, return_sequences=True, return_state=True),
                                merge_mode=None)(keras.Input((10, 4)))


def test_set_and_dict_of_pairs_on_known_values():
    """Chollet's char-RNN: `chars = sorted(list(set(text)))` on a string of the code, `len(chars)` as a shape."""
    source = ("import keras\ntext = 'to be or not to be'\nchars = sorted(list(set(text)))\n"
              "indices = dict((c, chars.index(c)) for c in chars)\npairs = dict(zip(['a', 'b'], [3, 4]), c=5)\n"
              "model = keras.Sequential([keras.Input((7, len(chars))),\n"
              "                          keras.layers.Dense(indices['t'] + pairs['c'])])\n")
    result = read_code(source)
    assert [n for n in result.notes if n.severity != "info"] == []
    chars = sorted(set("to be or not to be"))
    assert result.spec.inputs[0].shape == (7, len(chars))
    assert result.spec.layers[0].arg("units") == chars.index("t") + 5
