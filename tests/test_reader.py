"""The pasted-code reader: what it accepts, how it names layers, the notes it gives, constants and
writing them back. Nothing here runs the code it reads (tests/test_corpus.py compares with Keras)."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from explorer.i18n import catalog, t
from explorer.layers import REGISTRY
from explorer.presets import preset_code
from explorer.reader import code as code_module
from explorer.reader.code import LIMITS, read_code, set_constant
from explorer.shapes import describe
from explorer.spec import InputSpec

QUESTION = preset_code("question")


def question_line(needle: str) -> int:
    """The line of the question's code (1-based) where needle first appears."""
    return next(i + 1 for i, line in enumerate(QUESTION.splitlines()) if needle in line)


def notes(result, key=None):
    return [n for n in result.notes if key is None or n.key == key]


def keys(result):
    return {n.key for n in result.notes}


def layer(result, name):
    return result.spec.layer(name)


def const(result, name):
    return next(c for c in result.constants if c.name == name)


# -- the question, read as is ---------------------------------------------------------------------
def test_question_notes_at_their_lines():
    result = read_code(QUESTION)
    (length,) = notes(result, "keras2.input_length")
    assert (length.line, length.severity) == (question_line("input_length=50"), "warning")
    assert QUESTION.splitlines()[length.line - 1][length.col:].startswith("input_length=50")
    (summary,) = notes(result, "read.unbuilt_summary")
    assert (summary.line, summary.severity) == (question_line("model.summary()"), "info")
    (guess,) = notes(result, "read.undefined_name_guess")
    assert (guess.line, guess.severity, guess.param("name"), guess.param("guess")) == (
        question_line("rnn_units"), "warning", "rnn_units", "lstm_units")
    assert QUESTION.splitlines()[guess.line - 1][guess.col:].startswith("rnn_units")
    assert not [n for n in result.notes if n.severity == "error"]


def test_question_notes_quote_what_keras_3_and_python_say():
    """The notes' words for the question's three Keras 3 traps are what Keras 3.15 and Python really do."""
    import io
    import warnings

    import keras

    notes_of = {n.key: n for n in read_code(QUESTION).notes}
    said = {key: t("en", key, **dict(notes_of[key].params))
            for key in ("keras2.input_length", "read.unbuilt_summary", "read.undefined_name_guess")}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        keras.layers.Embedding(10, 2, input_length=50)
    (warning,) = [str(w.message) for w in caught if "input_length" in str(w.message)]
    assert (warning == "Argument `input_length` is deprecated. Just remove it."
            and warning in said["keras2.input_length"])
    unbuilt = keras.Sequential([keras.layers.Embedding(10, 2), keras.layers.Dense(3)])
    printed = io.StringIO()
    unbuilt.summary(print_fn=lambda line, *args, **kwargs: printed.write(line + "\n"))
    rows = [line for line in printed.getvalue().splitlines() if "(Embedding)" in line or "(Dense)" in line]
    assert len(rows) == 2 and all("?" in row and "0 (unbuilt)" in row for row in rows)
    assert "'?'" in said["read.unbuilt_summary"] and "'0 (unbuilt)'" in said["read.unbuilt_summary"]
    with pytest.raises(NameError) as undefined:
        rnn_units  # noqa: B018, F821  (the question's last call passes it; only lstm_units is defined)
    assert f"NameError: {undefined.value}" in said["read.undefined_name_guess"]


def test_question_spec_and_shapes():
    result = read_code(QUESTION)
    spec = result.spec
    assert spec.style == "sequential" and spec.name == "sequential"
    assert spec.inputs == (InputSpec("input_layer", (50,), "int32", None, question_line("input_length=50"), 42, ("",)),)
    assert (spec.batch_size, spec.batch_source) == (30, "size_batch")
    assert [l.name for l in spec.layers] == ["embedding", "bidirectional", "dense", "time_distributed"]
    assert [l.inputs for l in spec.layers] == [(("input_layer", None),), (("embedding", None),),
                                              (("bidirectional", None),), (("dense", None),)]
    assert spec.outputs == (("time_distributed", None),)
    assert layer(result, "bidirectional").inner.name == "lstm"
    assert layer(result, "time_distributed").inner.name == "dense_1"
    assert layer(result, "time_distributed").inner.source("units") == "count_classes + 1"
    assert layer(result, "embedding").sources == (("input_dim", "voc_size"), ("output_dim", "embed_dim"))
    assert layer(result, "bidirectional").inner.source("units") == "lstm_units"
    description = describe(spec)
    assert description.failure is None
    shapes = [(s.name, s.output_shape) for s in description.steps]
    assert shapes == [("input_layer", (30, 50)), ("embedding", (30, 50, 64)), ("bidirectional", (30, 50, 75)),
                      ("dense", (30, 50, 200)), ("time_distributed", (30, 50, 6))]
    assert description.total_params == 740_406


def test_question_constants():
    result = read_code(QUESTION)
    uses = {c.name: c.uses for c in result.constants}
    assert uses == {"voc_size": (("Embedding", "input_dim"),), "embed_dim": (("Embedding", "output_dim"),),
                    "lstm_units": (("LSTM", "units"),), "size_batch": (("Model", "batch_size"),),
                    "count_classes": (("Dense", "units"),)}
    assert [(c.name, c.value, c.line, c.col, c.end_col) for c in result.constants] == [
        ("voc_size", 10000, question_line("voc_size ="), 11, 16),
        ("embed_dim", 64, question_line("embed_dim ="), 12, 14),
        ("lstm_units", 75, question_line("lstm_units ="), 13, 15),
        ("size_batch", 30, question_line("size_batch ="), 13, 15),
        ("count_classes", 5, question_line("count_classes ="), 16, 17)]


# -- writing a constant back ----------------------------------------------------------------------------
def _without(spec, layer_name, arg):
    return [(l.name, tuple(a for a in (l.inner.args if l.inner and l.inner.name == layer_name else l.args)
                           if not (l.name == layer_name or (l.inner and l.inner.name == layer_name)) or a[0] != arg))
            for l in spec.layers]


def test_set_constant_changes_that_value_and_nothing_else():
    result = read_code(QUESTION)
    changed = set_constant(QUESTION, const(result, "lstm_units"), 128)
    assert changed.splitlines()[question_line("lstm_units =") - 1] == "lstm_units = 128"
    assert [a for a, b in zip(QUESTION.splitlines(), changed.splitlines()) if a != b] == ["lstm_units = 75"]
    again = read_code(changed)
    assert again.spec.layer("bidirectional").inner.arg("units") == 128
    assert again.notes == result.notes
    assert [(c.name, c.value) for c in again.constants] == [
        ("voc_size", 10000), ("embed_dim", 64), ("lstm_units", 128), ("size_batch", 30), ("count_classes", 5)]
    assert _without(again.spec, "lstm", "units") == _without(result.spec, "lstm", "units")
    assert again.spec.inputs == result.spec.inputs


def test_set_constant_strings_negative_numbers_and_unicode_columns():
    source = ('import keras\nfrom keras import layers\nmodo = "ave"\nrate_axis = -1\ngröße = 8\n'
              'inp = keras.Input(shape=(5, 3))\n'
              'x = layers.Bidirectional(layers.LSTM(größe, return_sequences=True), merge_mode=modo)(inp)\n'
              'x = layers.Concatenate(axis=rate_axis)([x, inp])\nmodel = keras.Model(inp, x)\n')
    result = read_code(source)
    assert const(result, "modo").uses == (("Bidirectional", "merge_mode"),)
    assert const(result, "rate_axis").value == -1 and const(result, "rate_axis").uses == (("Concatenate", "axis"),)
    assert const(result, "größe").uses == (("LSTM", "units"),)
    changed = set_constant(source, const(result, "modo"), "sum")
    assert 'modo = "sum"\n' in changed
    assert read_code(changed).spec.layer("bidirectional").arg("merge_mode") == "sum"
    changed = set_constant(changed, const(read_code(changed), "größe"), 12)
    assert "größe = 12\n" in changed
    assert read_code(changed).spec.layer("bidirectional").inner.arg("units") == 12
    changed = set_constant(changed, const(read_code(changed), "rate_axis"), 2)
    assert "rate_axis = 2\n" in changed
    assert read_code(changed).spec.layer("concatenate").arg("axis") == 2


def test_set_constant_refuses_bad_values_and_stale_sources():
    result = read_code(QUESTION)
    units = const(result, "lstm_units")
    for bad in (10**13, True, 1.5, None, "x" * 201):
        with pytest.raises(ValueError):
            set_constant(QUESTION, units, bad)
    with pytest.raises(ValueError):
        set_constant(QUESTION.replace("lstm_units = 75", "lstm_units = ab"), units, 5)
    with pytest.raises(ValueError):
        set_constant("", units, 5)


# -- imports ----------------------------------------------------------------------------------------
_BODY = "model = {seq}([{inp}(shape=(7,)), {dense}(4, activation='relu'), {dense}(2)])\n"
IMPORT_STYLES = {
    "keras": ("import keras\n", dict(seq="keras.Sequential", inp="keras.Input", dense="keras.layers.Dense")),
    "layers": ("import keras\nfrom keras import layers\n", dict(seq="keras.Sequential", inp="keras.Input",
                                                               dense="layers.Dense")),
    "alias": ("from keras.layers import Dense as D, Input as I\nfrom keras.models import Sequential as S\n",
              dict(seq="S", inp="I", dense="D")),
    "star": ("from keras.layers import *\nfrom keras.models import Sequential\n",
             dict(seq="Sequential", inp="Input", dense="Dense")),
    "module_alias": ("import keras.layers as L\nimport keras\n", dict(seq="keras.Sequential", inp="L.Input",
                                                                    dense="L.Dense")),
    "tf": ("import tensorflow as tf\n", dict(seq="tf.keras.Sequential", inp="tf.keras.Input",
                                             dense="tf.keras.layers.Dense")),
    "tf_from": ("from tensorflow.keras import layers, Sequential, Input\n",
                dict(seq="Sequential", inp="Input", dense="layers.Dense")),
    "tf_keras": ("from tensorflow import keras\n", dict(seq="keras.Sequential", inp="keras.Input",
                                                        dense="keras.layers.Dense")),
    "models": ("from keras import models, layers, Input\n", dict(seq="models.Sequential", inp="Input",
                                                               dense="layers.Dense")),
}


@pytest.mark.parametrize("style", sorted(IMPORT_STYLES))
def test_import_styles_read_the_same_model(style):
    head, names = IMPORT_STYLES[style]
    result = read_code(head + _BODY.format(**names))
    assert not [n for n in result.notes if n.severity == "error"], result.notes
    spec = result.spec
    assert [(l.name, l.kind, l.args) for l in spec.layers] == [
        ("dense", "Dense", (("activation", "relu"), ("units", 4))), ("dense_1", "Dense", (("units", 2),))]
    assert spec.inputs[0].shape == (7,)
    assert ("keras2.tf_keras" in keys(result)) == style.startswith("tf")


def test_code_without_imports_is_read_with_a_warning():
    result = read_code("model = Sequential()\nmodel.add(Input(shape=(3,)))\nmodel.add(Dense(2))\n")
    assert [n.param("name") for n in notes(result, "read.implicit_import")] == ["Sequential", "Input", "Dense"]
    assert [l.name for l in result.spec.layers] == ["dense"]


def test_other_imports_are_ignored_with_a_note():
    result = read_code("import numpy as np\nimport matplotlib.pyplot as plt\nimport keras\nnp.random.seed(1)\n"
                       "model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2)])\n")
    # numpy is read (its arrays are the data fit sees), matplotlib is not
    assert [n.param("module") for n in notes(result, "read.import_ignored")] == ["matplotlib.pyplot"]
    assert notes(result, "read.ignored_call")[0].param("call") == "np.random.seed"
    assert result.spec is not None


# -- names --------------------------------------------------------------------------------------------
def test_layer_names_as_keras_gives_them():
    source = """import keras
from keras import layers
a = keras.Input(shape=(10, 4))
b = keras.Input(shape=(10, 4))
x = layers.Bidirectional(layers.LSTM(3, return_sequences=True))(a)
y = layers.Conv1D(6, 3, padding="same")(b)
y = layers.MaxPooling1D(1)(y)
x = layers.Dense(5)(layers.Dense(3)(x))
z = layers.concatenate([x, y])
z = layers.GlobalAveragePooling1D()(z)
z = layers.Dense(2, name="head")(z)
model = keras.Model([a, b], z)
"""
    result = read_code(source)
    spec = result.spec
    assert [i.name for i in spec.inputs] == ["input_layer", "input_layer_1"]
    assert [l.name for l in spec.layers] == ["bidirectional", "conv1d", "max_pooling1d", "dense_1", "dense",
                                            "concatenate", "global_average_pooling1d", "head"]
    assert spec.layer("bidirectional").inner.name == "lstm"
    assert spec.layer("dense").inputs == (("dense_1", None),)
    assert spec.layer("concatenate").inputs == (("dense", None), ("max_pooling1d", None))
    assert spec.style == "functional" and spec.name == "functional"


def test_bad_and_duplicate_names_are_refused():
    result = read_code("import keras\nfrom keras import layers\n"
                       "model = keras.Sequential([keras.Input((3,)), layers.Dense(2, name='a b'),"
                       " layers.Dense(2, name='x'), layers.Dense(2, name='x')])\n")
    assert [n.key for n in result.notes if n.severity == "error"] == ["read.name_bad", "read.name_duplicate"]
    names = [l.name for l in result.spec.layers]
    assert names[:2] == ["dense", "x"] and len(set(names)) == 3


def test_model_names():
    result = read_code("import keras\nm = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)], name='tiny')\n")
    assert result.spec.name == "tiny"


# -- values -------------------------------------------------------------------------------------------
def test_arithmetic_on_constants():
    source = """import keras
from keras import layers
units = 64
classes = 9
model = keras.Sequential([
    keras.Input(shape=(units % 10, 2 ** 3)),
    layers.Dense(2 * units),
    layers.Dense(units // 2 - 1),
    layers.Dense(classes + 1),
    layers.Dense(-(-units)),
])
"""
    result = read_code(source)
    assert [l.arg("units") for l in result.spec.layers] == [128, 31, 10, 64]
    assert [l.source("units") for l in result.spec.layers] == ["2 * units", "units // 2 - 1", "classes + 1",
                                                              "--units"]
    assert result.spec.inputs[0].shape == (4, 8)
    assert result.spec.inputs[0].sources == ("units % 10", "2 ** 3")
    assert const(result, "units").uses == (("Dense", "units"), ("Input", "shape"))
    assert const(result, "classes").uses == (("Dense", "units"),)


@pytest.mark.parametrize("expr,key", [
    ("units / 2", "read.arg_bad_value"), ("units * 1.5", "read.arg_bad_value"), ("2 ** 65", "read.pow_too_big"),
    ("10 ** 13", "read.int_too_big"), ("units // 0", "read.zero_division"), ("'a' + 'b'", "read.arg_bad_value"),
    ("units if wobble else 2", "read.undefined_name"), ("units << 2", "read.operator"),
    ("[u for u in units]", "read.not_iterable"), ("1000000000000 + 1", "read.int_too_big"),
    ("int('x')", "read.builtin_arg"), ("(1, 2)[5]", "read.index_range"), ("{'a': 1}['b']", "read.dict_key"),
    ("int(f'{units:>999}')", "read.format_spec"), ("len(units)", "read.builtin_arg"),
    ("'a' * 300", "read.str_too_long"), ("units + 'a'", "read.arith_not_number"), ("open('f')", "read.call_unknown"),
    ("units / 0", "read.zero_division"),
])
def test_refused_values_say_why_at_their_place(expr, key):
    source = (f"import keras\nunits = 8\nmodel = keras.Sequential([keras.Input((3,)),\n"
              f"    keras.layers.Dense({expr}), keras.layers.Dense(2)])\n")
    result = read_code(source)
    errors = [n for n in result.notes if n.severity == "error"]
    assert errors[0].key == key and errors[0].line == 4
    assert t("en", errors[0].key, **dict(errors[0].params))
    cut = notes(result, "read.model_cut")
    assert cut and cut[0].line == 4
    assert result.spec is not None and result.spec.layers == ()  # cut before the refused layer


def test_floats_for_rates_and_strings_for_choices():
    result = read_code("import keras\nfrom keras import layers\nrate = 0.25\nact = 'tanh'\n"
                       "model = keras.Sequential([keras.Input((3,)), layers.Dense(4, activation=act),"
                       " layers.Dropout(rate)])\n")
    assert result.spec.layer("dropout").arg("rate") == 0.25
    assert const(result, "act").uses == (("Dense", "activation"),)
    assert [c.name for c in result.constants] == ["act"]  # floats are not sidebar constants


def test_activation_functions_become_names():
    source = """import tensorflow as tf
import keras
from keras import activations
model = keras.Sequential([keras.Input((3,)),
    keras.layers.Dense(4, activation=tf.nn.relu),
    keras.layers.Dense(4, activation=keras.activations.softmax),
    keras.layers.Dense(4, activation=activations.tanh, kernel_initializer=keras.initializers.HeNormal()),
])
"""
    result = read_code(source)
    assert [l.arg("activation") for l in result.spec.layers] == ["relu", "softmax", "tanh"]
    assert result.spec.layers[2].arg("kernel_initializer") == "he_normal"
    assert all(l.source("activation") == "" for l in result.spec.layers)


def test_ignored_arguments_are_dropped_and_never_evaluated():
    source = """import keras
from keras import layers, regularizers
model = keras.Sequential([keras.Input((3,)),
    layers.Dense(4, kernel_regularizer=regularizers.l2(0.01)),
    layers.Dense(4, kernel_regularizer=__import__("os").system("echo hi")),
])
"""
    result = read_code(source)
    ignored = notes(result, "read.arg_ignored")
    assert [(n.line, n.param("arg"), n.severity) for n in ignored] == [(4, "kernel_regularizer", "info"),
                                                                      (5, "kernel_regularizer", "info")]
    assert not [n for n in result.notes if n.severity == "error"]
    assert [l.args for l in result.spec.layers] == [(("units", 4),), (("units", 4),)]


# -- Sequential and functional forms ---------------------------------------------------------------------
def test_sequential_add_and_list_give_the_same_spec():
    listed = read_code("import keras\nfrom keras import layers\nm = keras.Sequential([keras.Input((5, 2)),"
                       " layers.LSTM(3), layers.Dense(1)])\n").spec
    added = read_code("import keras\nfrom keras import layers\nm = keras.Sequential()\nm.add(keras.Input((5, 2)))\n"
                      "m.add(layers.LSTM(3))\nm.add(layers.Dense(1))\n").spec
    strip = lambda spec: [(l.name, l.kind, l.args, l.inputs) for l in spec.layers]
    assert strip(listed) == strip(added)
    assert strip(listed) == [("lstm", "LSTM", (("units", 3),), (("input_layer", None),)),
                             ("dense", "Dense", (("units", 1),), (("lstm", None),))]
    assert listed.outputs == (("dense", None),) and listed.style == "sequential"


def test_return_state_unpacks_into_indexed_outputs():
    source = """import keras
from keras import layers
x = keras.Input((6, 2))
out, h, c = layers.LSTM(4, return_state=True)(x)
pair = layers.LSTM(4, return_state=True, name="second")(x)
d = layers.Dense(3)(h)
e = layers.Dense(3)(pair[2])
model = keras.Model(inputs=[x], outputs=[out, d, e])
"""
    spec = read_code(source).spec
    assert spec.layer("dense").inputs == (("lstm", 1),)
    assert spec.layer("dense_1").inputs == (("second", 2),)
    assert spec.outputs == (("lstm", 0), ("dense", None), ("dense_1", None))
    assert describe(spec).failure is None


def test_def_arguments_by_position_name_and_default():
    source = """import keras
from keras import layers
SEQ = 12
UNITS = 16
BATCH = 8

def build(seq_len, units, batch_size, classes=3, *, drop=0.5):
    inputs = keras.Input(shape=(seq_len, 4))
    x = layers.GRU(units)(inputs)
    x = layers.Dropout(drop)(x)
    return keras.Model(inputs, layers.Dense(classes)(x))

model = build(SEQ, batch_size=BATCH, units=UNITS * 2)
"""
    result = read_code(source)
    spec = result.spec
    assert spec.inputs[0].shape == (12, 4) and spec.inputs[0].sources == ("seq_len", "")
    assert spec.layer("gru").arg("units") == 32 and spec.layer("dense").arg("units") == 3
    assert spec.layer("dropout").arg("rate") == 0.5
    assert (spec.batch_size, spec.batch_source) == (8, "BATCH")
    assert {c.name: c.uses for c in result.constants} == {  # a default the call leaves is a control too
        "SEQ": (("Input", "shape"),), "UNITS": (("GRU", "units"),), "BATCH": (("Model", "batch_size"),),
        "classes": (("Dense", "units"),)}
    classes = next(c for c in result.constants if c.name == "classes")
    changed = read_code(set_constant(source, classes, 7))
    assert changed.spec.layer("dense").arg("units") == 7 and "classes=7, *" in set_constant(source, classes, 7)


def test_batch_size_sources_in_order_of_trust():
    base = "import keras\nB1 = 4\nB2 = 16\n"
    model = "model = keras.Sequential([keras.Input((3,){batch}), keras.layers.Dense(1)])\n"
    fit = "model.fit(x, y, batch_size=B2, epochs=3)\n"
    only_fit = read_code(base + model.format(batch="") + fit)
    assert (only_fit.spec.batch_size, only_fit.spec.batch_source) == (16, "B2")
    assert const(only_fit, "B2").uses == (("Model", "batch_size"),)
    both = read_code(base + model.format(batch=", batch_size=B1") + fit)
    assert (both.spec.batch_size, both.spec.batch_source, both.spec.inputs[0].batch_size) == (4, "B1", 4)
    assert const(both, "B1").uses == (("Input", "batch_size"), ("Model", "batch_size"))
    assert [c.name for c in both.constants] == ["B1"]
    assert "B2" not in {c.name for c in read_code(base + model.format(batch="")).constants}


def test_unused_constants_and_training_settings_are_not_returned():
    source = ("import keras\nepochs = 10\nlearning_rate = 3\nunused = 'x'\nunits = 5\n"
              "model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(units)])\n"
              "model.fit(x, y, epochs=epochs)\n")
    assert [c.name for c in read_code(source).constants] == ["units"]


def test_if_main_guard_and_forgotten_def():
    guarded = read_code("import keras\nif __name__ == '__main__':\n"
                        "    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])\n")
    assert guarded.spec is not None
    forgotten = read_code("import keras\ndef make(units=3):\n"
                          "    return keras.Sequential([keras.Input((2,)), keras.layers.Dense(units)])\n")
    assert forgotten.spec.layers[0].arg("units") == 3 and "read.def_called" in keys(forgotten)
    needs = read_code("import keras\ndef make(units):\n"
                      "    return keras.Sequential([keras.Input((2,)), keras.layers.Dense(units)])\n")
    assert needs.spec is None and "read.def_not_called" in keys(needs)


def test_functional_without_model_call_uses_the_last_layer():
    result = read_code("import keras\nx = keras.Input((3,))\ny = keras.layers.Dense(2)(x)\n")
    assert "read.no_model_call" in keys(result) and result.spec.outputs == (("dense", None),)


def test_several_models_show_the_last():
    result = read_code("import keras\na = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])\n"
                       "b = keras.Sequential([keras.Input((2,)), keras.layers.Dense(3)], name='second')\n")
    assert result.spec.name == "second" and "read.several_models" in keys(result)


def test_ignored_calls_are_info_notes():
    source = """import keras
from keras.utils import plot_model
model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])
model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="mse")
model.summary()
history = model.fit(x, y, epochs=2)
model.evaluate(x, y)
model.predict(x)
model.save("m.keras")
print(model.summary())
print("done", history)
plot_model(model, show_shapes=True)
"""
    result = read_code(source)
    # compile, fit, evaluate and predict (lines 4, 6, 7, 8) are read: the panel "Your data and your loss"
    assert {(n.line, n.severity) for n in result.notes} == {(i, "info") for i in (5, 9, 10, 11, 12)}
    assert all(n.key == "read.ignored_call" for n in result.notes)


# -- refusals -------------------------------------------------------------------------------------
REFUSED = {
    "lambda": ("x = layers.Lambda(lambda t: t @ t)(x)", "read.tensor_operator"),
    "loop": ("for row in open('f'):\n    x = layers.Dense(4)(x)", "read.call_unknown"),
    "while": ("while x:\n    pass", "read.condition_unknown"),
    "kwargs": ("x = layers.Dense(**cfg)(x)", "read.undefined_name"),
    "kwargs_not_dict": ("x = layers.Dense(**inp)(x)", "read.star_args"),
    "attr_write": ("units = {'a': 3}; units.real = 4", "read.attr_write"),
    "attr_write_ignored": ("x = layers.Dense(3)(x); inp.trainable = 4; y = undefined", "read.undefined_name"),
    "exec": ("exec('import os')", "read.call_unknown"),
    "import": ("__import__('os')", "read.call_unknown"),
    "open": ("data = open('f').read()", "read.call_unknown"),
    "getattr": ("x = getattr(layers, 'Dense')(4)(x)", "read.call_unknown"),
    "unknown_class": ("x = layers.Wobble(3)(x)", "read.unknown_layer"),
    "try": ("try:\n    pass\nexcept Exception:\n    pass", "read.statement"),
    "with": ("with open('f') as fh:\n    pass", "read.statement"),
    "unknown_arg": ("x = layers.Dense(4, wobble=2)(x)", "read.arg_unknown"),
    "bad_value": ("x = layers.Dense(0)(x)", "read.arg_bad_value"),
    "missing": ("x = layers.Dense()(x)", "read.arg_missing"),
    "slice": ("x = x[:, 1.5]", "read.subscript"),
    "tensor_attr": ("n = x.dtype", "read.attribute"),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_refused_constructs_and_the_rest_still_shown(case):
    line, key = REFUSED[case]
    source = ("import keras\nfrom keras import layers\ninp = keras.Input((5,))\nx = layers.Dense(3)(inp)\n"
              + line + "\nout = layers.Dense(2)(inp)\nmodel = keras.Model(inp, out)\n")
    result = read_code(source)
    errors = [n for n in result.notes if n.severity == "error"]
    assert errors and errors[0].key == key, result.notes
    assert errors[0].line == 5
    assert t("en", key, **dict(errors[0].params)) and t("zh", key, **dict(errors[0].params))
    assert result.spec is not None and result.spec.layers[-1].name.startswith("dense")


def test_unknown_layer_lists_supported_kinds():
    result = read_code("import keras\nx = keras.Input((3,))\ny = keras.layers.Wobble()(x)\n")
    (note,) = notes(result, "read.unknown_layer")
    assert note.param("cls") == "Wobble" and "Dense" in note.param("supported").split(", ")
    assert set(note.param("supported").split(", ")) == set(REGISTRY)


def test_layer_object_of_a_sequential_called_again_is_refused():
    """A layer called twice in functional code shares its weights (tests/test_shared_layers.py); one that a
    Sequential already holds is not shared by the explorer, and says so."""
    source = ("import keras\nfrom keras import layers\nx = keras.Input((3,))\nshared = layers.Dense(3)\n"
              "head = keras.Sequential([keras.Input((3,)), shared])\nb = shared(x)\nmodel = keras.Model(x, b)\n")
    result = read_code(source)
    (note,) = notes(result, "read.layer_reused")
    assert (note.line, note.param("name")) == (6, "dense")


def test_a_model_used_as_a_layer_twice_is_refused_the_second_time():
    source = ("import keras\ninner = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2)])\n"
              "x = keras.Input((3,))\ny = inner(x)\nouter = keras.Sequential([keras.Input((3,)), inner])\n")
    result = read_code(source)
    assert [n.line for n in notes(result, "read.nested_model_twice")] == [5]


def test_a_model_used_as_a_layer_is_a_group_of_its_layers():
    source = ("import keras\ninner = keras.Sequential([keras.layers.Dense(2), keras.layers.Dense(4)], name='head')\n"
              "x = keras.Input((3,))\ny = inner(x)\nmodel = keras.Model(x, y)\n")
    result = read_code(source)
    assert [l.name for l in result.spec.layers] == ["dense", "dense_1"]
    assert result.spec.layers[0].inputs == (("input_layer", None),)
    (group,) = result.spec.groups
    assert (group.name, group.label, group.what, group.members) == ("head", "Sequential", "model",
                                                                      ("dense", "dense_1"))
    assert not result.notes


def test_classes_that_are_not_keras_layers_or_models_are_refused():
    for source, key in (("class A:\n    pass\n", "read.class_form"),
                        ("class A(object):\n    pass\n", "read.class_base"),
                        ("import keras\nclass A(keras.layers.Layer, keras.Model):\n    pass\n", "read.class_form"),
                        ("import keras\n@dataclass\nclass A(keras.Model):\n    pass\n", "read.class_form")):
        assert notes(read_code(source), key), source


def test_a_custom_layer_with_its_own_weights_is_refused_with_its_reason():
    source = ("import keras\nfrom keras import layers\nclass Scale(layers.Layer):\n    def build(self, shape):\n"
              "        self.w = self.add_weight(shape=(shape[-1],))\n"
              "    def call(self, x):\n        return x * self.w\n"
              "inp = keras.Input((4,))\nx = layers.Dense(3)(inp)\nlayer = Scale()\nlayer.build((None, 3))\n"
              "y = layer(x)\nmodel = keras.Model(inp, y)\n")
    result = read_code(source)
    assert notes(result, "read.custom_weights")
    assert result.spec is not None and [l.name for l in result.spec.layers] == ["dense"]


def test_sequential_stops_at_a_refused_layer():
    source = ("import keras\nfrom keras import layers\nmodel = keras.Sequential()\nmodel.add(keras.Input((4,)))\n"
              "model.add(layers.Dense(3))\nmodel.add(layers.Lambda(lambda t: t))\nmodel.add(layers.Dense(2))\n")
    result = read_code(source)
    assert [l.name for l in result.spec.layers] == ["dense"]
    assert [n.key for n in result.notes] == ["read.lambda_identity", "read.model_cut"]


# -- Keras 2 habits ---------------------------------------------------------------------------------
def test_input_shape_on_the_first_layer_becomes_the_input():
    source = ("from keras.models import Sequential\nfrom keras.layers import Dense, LSTM\nsteps = 10\n"
              "model = Sequential()\nmodel.add(LSTM(8, input_shape=(steps, 3)))\n"
              "model.add(Dense(2, input_shape=(99,)))\nmodel.summary()\n")
    result = read_code(source)
    assert result.spec.inputs == (InputSpec("input_layer", (10, 3), "float32", None, 5, 18, ("steps", "")),)
    assert [(n.line, n.key, n.severity) for n in result.notes] == [
        (5, "keras2.input_shape", "warning"), (6, "keras2.input_shape_ignored", "warning"),
        (7, "read.ignored_call", "info")]
    assert const(result, "steps").uses == (("Input", "shape"),)


def test_input_dim_and_batch_input_shape():
    dim = read_code("from keras.models import Sequential\nfrom keras.layers import Dense\n"
                    "model = Sequential([Dense(4, input_dim=6), Dense(1)])\n")
    assert dim.spec.inputs[0].shape == (6,) and "keras2.input_dim" in keys(dim)
    batch = read_code("from keras.models import Sequential\nfrom keras.layers import LSTM\n"
                      "model = Sequential([LSTM(4, batch_input_shape=(32, 10, 2))])\n")
    assert (batch.spec.inputs[0].shape, batch.spec.inputs[0].batch_size, batch.spec.batch_size) == ((10, 2), 32, 32)
    assert "keras2.batch_input_shape" in keys(batch)
    functional = read_code("import keras\nx = keras.Input((3,))\ny = keras.layers.Dense(2, input_shape=(3,))(x)\n"
                           "m = keras.Model(x, y)\n")
    assert "keras2.input_shape_ignored" in keys(functional)


def test_input_length_with_an_input_changes_nothing():
    result = read_code("import keras\nfrom keras import layers\nm = keras.Sequential([keras.Input((7,), dtype='int32'),"
                       " layers.Embedding(50, 4, input_length=9)])\n")
    assert result.spec.inputs[0].shape == (7,) and "keras2.input_length" in keys(result)
    assert "read.unbuilt_summary" not in keys(result)


def test_models_without_input():
    embedding = read_code("import keras\nfrom keras import layers\nm = keras.Sequential([layers.Embedding(50, 4),"
                          " layers.GRU(3)])\nm.summary()\n")
    assert embedding.spec.inputs[0].shape == (None,) and embedding.spec.inputs[0].dtype == "int32"
    assert {"read.embedding_no_length", "read.unbuilt_summary"} <= keys(embedding)
    dense = read_code("import keras\nfrom keras import layers\nm = keras.Sequential([layers.Dense(4),"
                      " layers.Dense(1)])\n")
    assert dense.spec is None
    (note,) = notes(dense, "read.no_input")
    assert note.severity == "error" and "keras.Input(shape=" in t("en", note.key, **dict(note.params))


def test_undefined_name_without_a_close_match():
    result = read_code("import keras\nmodel = keras.Sequential([keras.Input((3,)), keras.layers.Dense(zzz)])\n")
    (note,) = notes(result, "read.undefined_name")
    assert note.param("name") == "zzz" and note.severity == "error"


# -- bounds and catalog ---------------------------------------------------------------------------------
def test_limits_are_module_constants():
    assert LIMITS == {"chars": 100_000, "lines": 3_000, "nodes": 50_000, "depth": 50, "layers": 500,
                      "int": 10**12, "pow_exponent": 64, "str": 200, "items": 64, "steps": 20_000}
    assert "100,000" in code_module.__doc__


def _emitted_keys() -> set[str]:
    """Every note key the reader's modules and the shared validator can emit."""
    found = set()
    folder = Path(code_module.__file__).parent
    for path in sorted(folder.glob("code*.py")) + [folder / "validate.py"]:
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if (isinstance(node, ast.Constant) and isinstance(node.value, str)
                    and re.fullmatch(r"(read|keras2)\.[a-z_0-9]+", node.value)):
                found.add(node.value)
    found |= set(code_module._HINTS.values())
    found |= {rule.deprecated for kind in REGISTRY.values() for rule in kind.rules if rule.deprecated}
    return found


def test_every_note_key_has_both_languages():
    en, zh = catalog("en"), catalog("zh")
    emitted = _emitted_keys()
    assert len(emitted) > 60 and "keras2.input_length" in emitted and "read.arg_unknown" in emitted
    assert sorted(k for k in emitted if k not in en or k not in zh) == []


def test_functional_model_with_an_unreadable_layer_shows_what_could_be_read():
    source = ("import keras\nfrom keras import layers\ninp = keras.Input((4,))\nx = layers.Dense(3)(inp)\n"
              "x = layers.Wobble()(x)\nout = layers.Dense(2)(x)\nmodel = keras.Model(inp, out)\n")
    result = read_code(source)
    assert [(n.line, n.key, n.param("name")) for n in result.notes] == [
        (5, "read.unknown_layer", ""), (6, "read.name_unreadable", "x"), (7, "read.name_unreadable", "out"),
        (7, "read.output_dropped", ""), (7, "read.model_fallback", "")]
    assert [l.name for l in result.spec.layers] == ["dense"] and result.spec.outputs == (("dense", None),)


def test_keras2_module_paths_and_base_layer_arguments():
    result = read_code("from keras.layers.core import Dense\nfrom keras.layers.embeddings import Embedding\n"
                       "from keras.models import Sequential\n"
                       "m = Sequential([Embedding(100, 8, input_length=5, trainable=False),"
                       " Dense(2, dtype='float64')])\n")
    # said once, at the import line where Keras 3 stops (ModuleNotFoundError), not again at each use
    assert [(n.line, n.key) for n in notes(result) if n.key in ("keras2.module_path", "read.base_arg_ignored")] == [
        (1, "keras2.module_path"), (2, "keras2.module_path"), (4, "read.base_arg_ignored"),
        (4, "read.base_arg_ignored")]
    assert notes(result, "keras2.module_path")[1].param("path") == "keras.layers.embeddings"
    assert notes(result, "keras2.module_path")[1].param("new") == "keras.layers"
    assert [l.name for l in result.spec.layers] == ["embedding", "dense"]
    assert result.spec.inputs[0].shape == (5,)


def test_a_name_that_could_not_be_read_is_explained_where_it_is_used():
    result = read_code("import keras\nvocab = len(words) + 1\n"
                       "m = keras.Sequential([keras.Input((10,)), keras.layers.Embedding(vocab, 8)])\n")
    assert [(n.line, n.key) for n in result.notes] == [(2, "read.undefined_name"), (3, "read.name_unreadable"),
                                                       (3, "read.model_cut")]
    assert notes(result, "read.name_unreadable")[0].params == (("name", "vocab"), ("line", "2"))


def test_input_shape_must_be_a_tuple():
    result = read_code("import keras\nx = keras.Input(shape=10)\ny = keras.layers.Dense(2)(x)\nm = keras.Model(x, y)\n")
    assert notes(result, "read.shape_not_tuple")[0].line == 2 and result.spec is None


def test_set_constant_keeps_windows_and_old_mac_line_ends():
    for end in ("\r\n", "\r"):
        source = end.join(["import keras", "# a form feed \x0c and a line separator \u2028 in a comment", "units = 5",
                           "m = keras.Sequential([keras.Input((3,)), keras.layers.Dense(units)])", ""])
        result = read_code(source)
        changed = set_constant(source, const(result, "units"), 77)
        assert changed == source.replace("units = 5", "units = 77")
        assert read_code(changed).spec.layers[0].arg("units") == 77
    assert read_code("x = 1\r" * 3001).notes[0].key == "read.too_many_lines"


TUTORIAL_WITH_DATA = '''import numpy as np
import keras
from keras import layers

num_classes = 10
(x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
x_train = np.expand_dims(x_train.astype("float32") / 255, -1)
model = keras.Sequential([
    keras.Input(shape=(28, 28, 1)),
    layers.Conv2D(32, kernel_size=(3, 3), activation="relu"),
    layers.Flatten(),
    layers.Dense(num_classes, activation="softmax"),
])
model.fit(x_train, y_train, batch_size=128, epochs=15)
'''


def test_data_loading_around_the_model_is_not_an_error_of_the_model():
    result = read_code(TUTORIAL_WITH_DATA)
    assert [l.kind for l in result.spec.layers] == ["Conv2D", "Flatten", "Dense"]
    assert result.spec.batch_size == 128
    # keras.datasets' load_data and the lines that reshape its arrays are read as data (never loaded), not noted
    assert not [n for n in result.notes if n.line in (6, 7)]
    assert result.training.x[0].shape[:1] == (60000,)
    assert not [n for n in result.notes if n.severity == "error"]


def test_a_refusal_inside_the_model_stays_an_error():
    source = TUTORIAL_WITH_DATA.replace('layers.Flatten(),', 'layers.Lambda(lambda t: t),')
    result = read_code(source)
    assert any(n.severity == "error" and n.line == 11 for n in result.notes)
