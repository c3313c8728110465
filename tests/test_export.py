"""The code export (explorer/export.py): for every preset and every corpus model that builds, the
exported code runs as is (in the session's one Keras process, tests/keras_worker.py, after clear_session,
as in a fresh interpreter) and builds the model the page's table describes: the same layer names, every
output shape (batch axis included, as in the description) and every parameter count. The code is the same
in both languages apart from its comments, parses, never uses a Keras 2 argument, and names its variables safely.
"""
from __future__ import annotations

import ast
import keyword
import re
from dataclasses import replace
from pathlib import Path

import keras_worker
import pytest

from explorer.description import named, shape_text
from explorer.export import ExportError, export_code, literal
from explorer.layers import get_kind
from explorer.presets import PRESETS, preset_code
from explorer.reader.code import read_code
from explorer.shapes import describe
from explorer.tables import layer_table

CORPUS = Path(__file__).resolve().parent / "corpus"
BUILDS = sorted(p for p in CORPUS.glob("*.py") if p.read_text(encoding="utf-8").startswith("# expect: builds"))
FAILS = sorted(p for p in CORPUS.glob("*.py") if p.read_text(encoding="utf-8").startswith("# expect: fails"))

# layer names that clash with what the export writes (keras, layers, model, print, a keyword, a
# constant), a Bidirectional returning both directions and their states, attention on three tensors
ODD_NAMES = '''import keras
from keras import layers
dense = 8
units = 3
inputs = keras.Input(shape=(5, 4), name="keras")
x = layers.Dense(dense, name="class")(inputs)
x = layers.Dense(units, name="print")(x)
f, b, fh, fc, bh, bc = layers.Bidirectional(layers.LSTM(units, return_sequences=True, return_state=True),
                                            merge_mode=None, name="layers")(x)
j = layers.Concatenate(name="dense")([f, b])
s = layers.Concatenate(name="units")([fh, bc])
q = layers.MultiHeadAttention(num_heads=2, key_dim=3, name="model")(j, x, f)
model = keras.Model(inputs, [j, s, q], name="odd")
'''

CASES = ([(f"preset:{name}", preset_code(name)) for name in PRESETS]
         + [(f"corpus:{p.stem}", p.read_text(encoding="utf-8")) for p in BUILDS]
         + [("odd_names", ODD_NAMES)])

@pytest.fixture(scope="module")
def sent():
    """(case -> (ReadResult, Description, English code, Chinese code), case -> its job): each English code sent
    to the session's Keras process (tests/keras_worker.py) as soon as it is written, to run there as __main__
    while this process reads, describes and exports the next cases."""
    worker = keras_worker.shared()
    out, jobs = {}, {}
    for key, source in CASES:
        result = read_code(source)
        desc = describe(result.spec)
        assert desc.ok, (key, desc.failure)
        try:
            out[key] = (result, desc, export_code(result, desc, "en"), export_code(result, desc, "zh"))
        except ExportError as error:  # not written: test_exported_code_builds_the_described_model checks why
            out[key] = (result, desc, error, error)
            continue
        jobs[key] = worker.submit(export=[key, out[key][2]])
    return out, jobs


@pytest.fixture(scope="module")
def exported(sent):
    return sent[0]


@pytest.fixture(scope="module")
def ran(sent):
    """Every English export run as __main__ as is, each after keras.backend.clear_session() (as in a fresh
    interpreter): per case its layers' output shapes and parameters, its total and the last line it printed."""
    jobs = sent[1]
    answers = keras_worker.shared().wait(jobs.values(), timeout=600)
    return {key: answers[job] for key, job in jobs.items()}


@pytest.mark.parametrize("key", [key for key, _ in CASES])
def test_exported_code_builds_the_described_model(key, exported, ran):
    result, desc, en, _ = exported[key]
    if isinstance(en, ExportError):
        unwritable = [layer.name for layer in result.spec.layers
                      if get_kind(layer.kind).anchored or get_kind(layer.kind).given_shape]
        assert unwritable and unwritable[0] in str(en), en
        return
    got = ran[key]
    assert "error" not in got, got.get("error")
    assert set(got["layers"]) == {step.name for step in desc.steps}
    for step in desc.steps:
        layer = got["layers"][step.name]
        assert [tuple(s) for s in layer["shapes"]] == list(step.output_shapes), step.name
        assert layer["params"] == step.params, step.name
    table = layer_table(desc)
    layers_only = table[~table["role"].isin(("group", "gap"))]  # a group's row sums the layers inside it
    for row in layers_only.itertuples():
        layer = got["layers"][row.layer]
        assert " + ".join(shape_text(tuple(s)) for s in layer["shapes"]) == row.output_shape
        assert layer["params"] == row.params
    for row in table[table["role"] == "group"].itertuples():
        group = next(g for g in desc.groups if g.name == row.layer)
        assert row.params == sum(got["layers"][m]["params"] for m in group.members)
    assert got["total"] == desc.total_params == int(layers_only["params"].sum())
    assert got["printed"] == str(desc.total_params)


@pytest.mark.parametrize("key", [key for key, _ in CASES])
def test_comments_give_each_layers_named_shape_and_parameters(key, exported):
    _, desc, en, zh = exported[key]
    if isinstance(en, ExportError):  # not written: test_exported_code_builds_the_described_model checks why
        assert any(get_kind(step.cls).anchored or get_kind(step.cls).given_shape
                   for step in desc.steps if get_kind(step.cls))
        return
    found = re.findall(r"^# (\S+): (.+?) = (\(.+?\))(?:; ([\d,]+) parameters)?$", en, flags=re.MULTILINE)
    assert [f[0] for f in found] == [s.name for s in desc.steps]
    for (_name, axes, shape, params), step in zip(found, desc.steps):
        assert axes == " + ".join(named(a) for a in step.output_axes)
        assert shape == " + ".join(shape_text(s) for s in step.output_shapes)
        assert params == ("" if step.cls == "InputLayer" else f"{step.params:,}")
    assert f"print(model.count_params())  # {desc.total_params:,}" in en
    for axis in desc.axes:  # the legend: every letter with its size
        size = "None" if axis.size is None else str(axis.size)
        assert re.search(rf"^#   {re.escape(axis.letter)} *= {size} ", en + " ", flags=re.MULTILINE), axis.letter
    assert "个参数" in zh and "parameters" not in zh


@pytest.mark.parametrize("key", [key for key, _ in CASES])
def test_the_code_is_the_same_in_both_languages_and_clean(key, exported):
    _, desc, en, zh = exported[key]
    if isinstance(en, ExportError):  # not written: test_exported_code_builds_the_described_model checks why
        assert any(get_kind(step.cls).anchored or get_kind(step.cls).given_shape
                   for step in desc.steps if get_kind(step.cls))
        return
    assert _code_only(en) == _code_only(zh) and en != zh
    tree = ast.parse(en)
    keywords = {k.arg for node in ast.walk(tree) if isinstance(node, ast.Call) for k in node.keywords}
    assert not keywords & {"input_length", "input_shape", "input_dim", "batch_input_shape"}  # Keras 2 habits
    assert [ast.unparse(n) for n in tree.body[1:3]] == ["import keras", "from keras import layers"]
    stored = [n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)]
    assert all(n.isidentifier() and not keyword.iskeyword(n) for n in stored)
    assert not {"keras", "layers", "print"} & set(stored)
    assert len(stored) == len(set(stored)), "a name assigned twice"
    # the functional API: one statement per input and per layer, in order, named as in the table
    assert [_built_name(n.value) or _operation_name(n) for n in tree.body if isinstance(n, ast.Assign)
            and (_built_name(n.value) or _operation_name(n))] == [s.name for s in desc.steps]
    assert "Sequential" not in en and en.count("keras.Model(") == 1


def _operation_name(statement: ast.Assign) -> str:
    """The variable of `true_divide = keras.ops.true_divide(x, 127.5)` or `get_item = x[:, -1]`: an operation,
    which Keras names itself (the export names its variable after it); '' for anything else."""
    value = statement.value
    ops_call = isinstance(value, ast.Call) and ast.unparse(value.func).startswith("keras.ops.")
    if not (ops_call or isinstance(value, ast.Subscript)) or not isinstance(statement.targets[0], ast.Name):
        return ""
    return statement.targets[0].id


def _built_name(value: ast.expr) -> str:
    """name= of `keras.Input(..., name=...)` or of `layers.X(..., name=...)(tensors)`; '' otherwise."""
    if not isinstance(value, ast.Call):
        return ""
    call = value.func if isinstance(value.func, ast.Call) else value
    if ast.unparse(call.func) != "keras.Input" and not ast.unparse(call.func).startswith("layers."):
        return ""
    return next((kw.value.value for kw in call.keywords if kw.arg == "name"), "")


def _code_only(code: str) -> str:
    """The module without its docstring and comments."""
    tree = ast.parse(code)
    assert isinstance(tree.body[0], ast.Expr) and isinstance(tree.body[0].value, ast.Constant)
    return ast.dump(ast.Module(tree.body[1:], []))


def test_only_the_constants_the_layers_use_in_their_order(exported):
    _, _, tagger, _ = exported["preset:tagger"]
    assigned = re.findall(r"^(\w+) += ", tagger, flags=re.MULTILINE)
    constants = ["vocab_size", "embed_dim", "seq_len", "lstm_units", "merge_mode", "dense_units",
                 "count_classes", "batch_size"]
    assert assigned[:len(constants)] == constants
    assert 'merge_mode    = "ave"' in tagger and "count_classes = 5      # C = count_classes + 1" in tagger
    assert "layers.Dense(count_classes + 1, name=\"dense_1\")" in tagger
    assert 'keras.Input(shape=(seq_len,), batch_size=batch_size, dtype="int32", name="tokens")' in tagger
    _, _, mnist, _ = exported["corpus:image_cnn_mnist"]
    assert "epochs" not in mnist and re.search(r"^batch_size += 128 +# B$", mnist, flags=re.MULTILINE)
    assert "batch_size=batch_size" in mnist


def test_keras2_habits_fixed_and_suggested_names_applied(exported):
    _, _desc, code, _ = exported["preset:question"]
    assert "rnn_units" not in _code_only(code) and "layers.LSTM(lstm_units, return_sequences=True" in code
    assert 'keras.Input(shape=(50,), batch_size=size_batch, dtype="int32", name="input_layer")' in code
    assert "line 18: input_length= removed" in code and "line 33: rnn_units is not defined; lstm_units" in code
    _, _, gru, _ = exported["corpus:seq_gru_keras2"]
    assert 'keras.Input(shape=(maxlen,), batch_size=128, dtype="int32"' in gru


def test_names_of_a_defs_parameters_become_constants(exported):
    _, _, code, _ = exported["corpus:def_builder_functional"]
    for line in ("units      = 32", "vocab_size = 3000", "seq_len    = 25", "n_classes  = 5", "BATCH_SIZE = 64"):
        assert re.search(rf"^{line}\b", code, flags=re.MULTILINE), line
    assert "layers.Embedding(vocab_size, 2 * units" in code and "layers.GRU(units // 2, " in code
    assert "VOCAB" not in code and "SEQ_LEN" not in code


def test_clashing_names_get_their_own_variables(exported):
    _, _, code, _ = exported["odd_names"]
    assert 'keras_out = keras.Input(shape=(5, 4), name="keras")' in code
    assert 'class_out = layers.Dense(dense, name="class")(keras_out)' in code
    assert 'dense_out = layers.Concatenate(name="dense")([layers_forward, layers_backward])' in code
    assert "layers_forward_state_h, layers_forward_state_c, layers_backward_state_h, layers_backward_state_c" in code
    assert ")(dense_out, print_out, layers_forward)" in code


def test_a_source_is_written_back_only_when_it_gives_the_spec_value(exported):
    result, desc, _, _ = exported["preset:tagger"]
    stale = tuple(replace(c, value=99) if c.name == "lstm_units" else c for c in result.constants)
    code = export_code(replace(result, constants=stale), desc, "en")
    assert 'layers.LSTM(75, return_sequences=True, name="lstm")' in code
    assert not re.search(r"^lstm_units", code, flags=re.MULTILINE)


def test_seq2seq_states_are_unpacked_and_passed_on(exported):
    _, _, code, _ = exported["corpus:seq2seq_initial_state"]
    assert "lstm, lstm_state_h, lstm_state_c = layers.LSTM(" in code
    assert ")(input_layer_1, initial_state=[lstm_state_h, lstm_state_c])" in code


@pytest.mark.parametrize("path", FAILS, ids=lambda p: p.stem)
def test_no_export_for_a_model_that_fails(path):
    result = read_code(path.read_text(encoding="utf-8"))
    desc = describe(result.spec)
    assert not desc.ok and export_code(result, desc, "en") is None


def test_literals_escape_what_would_break_the_code():
    text = 'a"b\\c\nd\u2028e层'
    assert ast.literal_eval(literal(text)) == text and "\n" not in literal(text)
    assert literal((3,)) == "(3,)" and literal(None) == "None" and literal(True) == "True"
    with pytest.raises(ExportError):
        literal(float("inf"))


def _panel(code, lang):
    from explorer.ui.export_panel import render

    render(code, lang)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_panel_shows_the_code_and_its_download(lang, exported):
    from streamlit.testing.v1 import AppTest

    from explorer.i18n import t

    code = exported["preset:tagger"][3 if lang == "zh" else 2]
    at = AppTest.from_function(_panel, args=(code, lang), default_timeout=60).run()
    assert not at.exception
    assert at.code[0].value == code.rstrip("\n") and at.code[0].language == "python"
    assert at.caption[0].value == t(lang, "export.caption")
    button = at.get("download_button")[0]
    assert button.proto.label == t(lang, "export.download")
    at = AppTest.from_function(_panel, args=(None, lang), default_timeout=60).run()
    assert not at.exception and not at.code and at.info[0].value == t(lang, "export.unavailable")
