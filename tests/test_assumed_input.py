"""A model whose code gives no input (a tutorial's `Sequential([Conv2D(32, 3), Flatten(), Dense(10)])`): the
learner types the input's shape in the sidebar; the reader takes it as an assumed input, and its shapes are
Keras's own for that Sequential built with model.build((None,) + shape)."""
from __future__ import annotations

import keras
import pytest

from explorer.controls import needs_input_shape, parse_input_shape, parse_input_shapes, shape_text, shapes_text
from explorer.i18n import t
from explorer.layers.base import MAX_RANK, MAX_SIZE
from explorer.reader.code import read_code
from explorer.shapes import describe

HEAD = "import keras\nfrom keras import layers\n"
CONV = HEAD + "model = keras.Sequential([layers.Conv2D(32, 3), layers.MaxPooling2D(), layers.Flatten(), " \
              "layers.Dense(10)])\n"
CASES = [  # (code after HEAD, the shape typed, the suggestion note the reader gives without it)
    ("model = keras.Sequential([layers.Conv2D(32, 3), layers.MaxPooling2D(), layers.Flatten(), layers.Dense(10)])",
     (28, 28, 1), "read.input_hint_image"),
    ("model = keras.Sequential([layers.Dense(64, activation='relu'), layers.Dense(1)])", (13,),
     "read.input_hint_features"),
    ("model = keras.Sequential([layers.LSTM(16, return_sequences=True), layers.LSTM(8), layers.Dense(2)])",
     (20, 5), "read.input_hint_time"),
    ("model = keras.Sequential([layers.Flatten(), layers.Dense(128), layers.Dense(10)])", (28, 28),
     "read.input_hint_grid"),
    ("model = keras.Sequential([layers.Conv1D(8, 5), layers.GlobalMaxPooling1D(), layers.Dense(3)])", (100, 4),
     "read.input_hint_steps"),
    ("model = keras.Sequential()\nmodel.add(layers.Bidirectional(layers.GRU(6)))\nmodel.add(layers.Dense(3))",
     (12, 7), "read.input_hint_time"),
    ("model = keras.Sequential([layers.TimeDistributed(layers.Conv2D(4, 3)), layers.TimeDistributed("
     "layers.Flatten()), layers.LSTM(5)])", (6, 16, 16, 3), "read.input_hint_frames"),
    ("model = keras.Sequential([layers.Conv3D(2, 3), layers.GlobalAveragePooling3D()])", (8, 16, 16, 1),
     "read.input_hint_volume"),
]


def keys(result) -> set[str]:
    return {note.key for note in result.notes}


@pytest.mark.parametrize("code, shape, hint", CASES)
def test_without_a_shape_the_model_is_refused_and_the_words_say_where_to_type_one(code, shape, hint):
    result = read_code(HEAD + code)
    assert result.spec is None and not needs_input_shape(read_code("x = 1\n")) and needs_input_shape(result)
    (refusal,) = [n for n in result.notes if n.key == "read.no_input"]
    assert refusal.severity == "error"
    for lang, box in (("en", "Input shape (the code does not say it)"), ("zh", "输入形状（代码中没有写）")):
        assert box in t(lang, refusal.key, **dict(refusal.params))
        assert box == t(lang, "sidebar.input_shape")
    (suggestion,) = [n for n in result.notes if n.key == hint]
    assert suggestion.param("example") == refusal.param("example") != ""
    example, why = parse_input_shape(suggestion.param("example"))  # a suggestion the box takes as it is
    assert why == "" and len(example) == len(shape)


@pytest.mark.parametrize("code, shape, hint", CASES)
def test_with_a_shape_the_shapes_are_keras_building_the_same_sequential(code, shape, hint):
    result = read_code(HEAD + code, shape)
    spec = result.spec
    assert spec is not None and needs_input_shape(result)
    (given,) = spec.inputs
    assert given.assumed and given.shape == shape and given.dtype == "float32"
    (note,) = [n for n in result.notes if n.key == "read.assumed_input"]
    assert note.severity == "warning" and note.line == given.line and "read.no_input" not in keys(result)
    assert hint not in keys(result)
    description = describe(spec)
    assert description.failure is None

    ns: dict = {}
    exec(HEAD + code, ns)  # the test's own code, never a user's
    model = ns["model"]
    model.build((None,) + shape)
    ours = [(s.name, s.output_shape) for s in description.steps[1:]]
    theirs = [(layer.name, tuple(layer.output.shape)) for layer in model.layers]
    assert [shape for _, shape in ours] == [shape for _, shape in theirs]
    assert description.total_params == model.count_params()


def test_embedding_first_takes_the_typed_length_as_int32():
    code = HEAD + "model = keras.Sequential([layers.Embedding(1000, 8), layers.GlobalAveragePooling1D()," \
                  " layers.Dense(1)])\n"
    plain = read_code(code)
    assert plain.spec.inputs[0].shape == (None,) and not plain.spec.inputs[0].assumed
    (note,) = [n for n in plain.notes if n.key == "read.embedding_no_length"]
    assert note.param("example") == "50" and needs_input_shape(plain)
    assert "Input shape (the code does not say it)" in t("en", note.key, **dict(note.params))
    typed = read_code(code, (40,))
    (given,) = typed.spec.inputs
    assert given.shape == (40,) and given.dtype == "int32" and given.assumed
    assert "read.embedding_no_length" not in keys(typed) and "read.assumed_input" in keys(typed)
    assert describe(typed.spec).steps[1].output_shape == (None, 40, 8)
    # input_length= in the code is the code's own length: the typed shape changes nothing
    with_length = code.replace("Embedding(1000, 8)", "Embedding(1000, 8, input_length=30)")
    assert read_code(with_length, (40,)) == read_code(with_length)
    assert read_code(with_length).spec.inputs[0].shape == (30,) and not needs_input_shape(read_code(with_length))


@pytest.mark.parametrize("code", [
    HEAD + "model = keras.Sequential([keras.Input((5,)), layers.Dense(3)])\n",
    HEAD + "model = keras.Sequential([layers.Dense(3, input_shape=(5,))])\n",
    HEAD + "model = keras.Sequential([layers.Dense(3)])\nmodel.build((None, 5))\n",
    HEAD + "x = keras.Input((5,))\nmodel = keras.Model(x, layers.Dense(3)(x))\n",
    HEAD + "model = keras.Sequential([])\n",
    "x = 1\n", "def broken(:\n",
])
def test_a_model_with_its_own_input_or_none_at_all_ignores_the_typed_shape(code):
    assert read_code(code, (9, 9)) == read_code(code) == read_code(code, None)
    assert not needs_input_shape(read_code(code))


@pytest.mark.parametrize("shape", [(), (0,), (-3,), (MAX_SIZE + 1,), (1,) * (MAX_RANK + 1), (2.0,), (True,),
                                   ("28",), None])
def test_the_reader_ignores_a_shape_that_is_not_one(shape):
    assert read_code(CONV, shape) == read_code(CONV)


def test_the_typed_shape_does_not_leak_into_another_read():
    assert read_code(CONV, (28, 28, 1)).spec is not None
    assert read_code(CONV).spec is None


def test_a_first_layer_that_says_nothing_of_its_input_gets_no_suggestion():
    """A suggestion comes from the kind's traits or the one rank its examples take: Reshape takes any rank and
    keeps none, so the model is refused with the words on where to type a shape, and no example."""
    result = read_code(HEAD + "model = keras.Sequential([layers.Reshape((4, 4)), layers.Dense(2)])\n")
    (refusal,) = [n for n in result.notes if n.key == "read.no_input"]
    assert refusal.param("example") == ""
    assert not any(k.startswith("read.input_hint") for k in keys(result))


# -- what the learner types ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("raw, expected", [
    ("28, 28, 1", (28, 28, 1)), ("(28, 28, 1)", (28, 28, 1)), ("(28,28,1,)", (28, 28, 1)), ("[784]", (784,)),
    ("784", (784,)), ("(784,)", (784,)), (" 20 , 5 ", (20, 5)), ("28x28x1", (28, 28, 1)), ("28 × 28", (28, 28)),
    ("28 28", (28, 28)), ("２８，２８，１", (28, 28, 1)), ("（２８，２８）", (28, 28)), (f"{MAX_SIZE}", (MAX_SIZE,)),
    (", ".join(["2"] * MAX_RANK), (2,) * MAX_RANK),
])
def test_typed_shapes_that_are_read(raw, expected):
    assert parse_input_shape(raw) == (expected, "")
    assert parse_input_shape(shape_text(expected)) == (expected, "")


@pytest.mark.parametrize("raw, why", [
    ("", ""), ("   ", ""), ("()", "not_shape"), ("(28", "not_shape"), ("(28]", "not_shape"), ("28,,28", "not_shape"),
    (",", "not_shape"), ("1.5", "not_shape"), ("-1", "not_shape"), ("None, 5", "not_shape"), ("1e3", "not_shape"),
    ("٣", "not_shape"), ("x28", "not_shape"), ("28; 28", "not_shape"), ("<script>", "not_shape"),
    ("0", "out_of_range"), ("28, 0", "out_of_range"), (str(MAX_SIZE + 1), "out_of_range"), ("9" * 40, "out_of_range"),
    (", ".join(["2"] * (MAX_RANK + 1)), "too_many_axes"), ("1, " * 100, "too_long"), (None, "not_shape"),
    (28, "not_shape"), ((28, 28), "not_shape"),
])
def test_typed_text_that_is_not_a_shape(raw, why):
    assert parse_input_shape(raw) == (None, why)


# -- the page: the sidebar's box, the table, the link ----------------------------------------------------------------
def page(query: dict | None = None):
    from streamlit.testing.v1 import AppTest

    from conftest import ROOT

    at = AppTest.from_file(str(ROOT / "page.py"), default_timeout=180)  # the first run imports TensorFlow
    at.context = {"url": "https://shapes.example.org/", "locale": "en-US"}
    for key, value in (query or {}).items():
        at.query_params[key] = value
    return at.run()


def shape_box(at):
    boxes = [w for w in at.sidebar.text_input if w.key == "input_shape"]
    return boxes[0] if boxes else None


def link(at) -> dict:
    from urllib.parse import parse_qsl, urlsplit

    (box,) = [w for w in at.sidebar.text_input if w.key == "share_link"]
    return dict(parse_qsl(urlsplit(box.value).query))


def shown(at) -> str:
    return "\n".join(m.value for m in at.markdown)


@pytest.fixture()
def caches():
    from explorer.ui import cache

    cache.clear_all()
    yield
    cache.clear_all()


def test_typing_a_shape_shows_the_table_and_the_link_keeps_it(caches):
    from page_tables import page_table

    at = page()
    at.text_area(key="code").input(CONV).run()
    assert not at.exception
    box = shape_box(at)
    assert box is not None and box.value == "" and box.placeholder == "28, 28, 1"
    assert "Input shape (the code does not say it)" in shown(at)  # the refusal says where to type
    assert not [m for m in at.markdown if "data-key" in m.value and "layer_table" in m.value]
    assert "input_shape" not in link(at)

    box.input("(28, 28, 1)").run()
    assert not at.exception
    table = page_table(at, "layer_table")
    assert table["Output shape"].tolist()[1:] == ["(None, 26, 26, 32)", "(None, 13, 13, 32)", "(None, 5408)",
                                                  "(None, 10)"]
    assert "the shape you typed in the sidebar" in shown(at) and "None, 28, 28, 1" in shown(at)  # the learner's
    assert link(at)["input_shape"] == "28x28x1" and at.query_params["input_shape"] == "28x28x1"

    at.sidebar.selectbox(key="lang").set_value("zh").run()  # a language switch keeps the shape
    assert not at.exception and shape_box(at).value == "(28, 28, 1)"
    assert page_table(at, "layer_table")["输出形状"].tolist()[-1] == "(None, 10)"
    assert link(at)["input_shape"] == "28x28x1"

    shape_box(at).input("28, 0").run()  # bad text: named under the box, never a traceback
    assert not at.exception
    assert any("1 到 10,000,000" in e.value for e in at.sidebar.error)
    assert "input_shape" not in link(at)

    at.text_area(key="code").input(CONV.replace("[layers.Conv2D", "[keras.Input((8, 8, 1)), layers.Conv2D")).run()
    assert not at.exception and shape_box(at) is None  # the code gives its input: no box


def test_a_link_with_the_shape_opens_the_table(caches):
    from urllib.parse import parse_qsl

    from explorer.share import model_share_query, pack_code
    from page_tables import page_table

    query = dict(parse_qsl(model_share_query(CONV, None, [], "en", (32, 32, 3))))
    at = page(query)
    assert not at.exception and not at.warning
    assert shape_box(at).value == "32, 32, 3"
    assert page_table(at, "layer_table")["Output shape"].tolist()[-1] == "(None, 10)"
    assert link(at) == query
    # a named number of such code is a control only once the shape is known: a link's value for it is applied
    code = CONV.replace("layers.Dense(10)", "layers.Dense(classes)").replace("model =", "classes = 10\nmodel =")
    at = page({"code": pack_code(code), "input_shape": "28x28x1", "classes": "7"})
    assert not at.exception and not at.warning
    assert at.sidebar.number_input(key="classes").value == 7 and "classes = 7" in at.text_area(key="code").value
    assert page_table(at, "layer_table")["Output shape"].tolist()[-1] == "(None, 7)"


@pytest.mark.parametrize("value, words", [
    ("<script>alert(1)</script>", "\\<script\\>"), ("0x5", "0x5"), ("x".join(["1"] * 9), "1x1x1"),
    ("9" * 40, "999"), ("[click](http://evil)", "\\[click\\]"), ("28, 28, 1; rm", "rm"),
])
def test_a_hostile_shape_in_a_link_is_refused_with_a_notice(caches, value, words):
    from explorer.share import pack_code

    at = page({"code": pack_code(CONV), "input_shape": value})
    assert not at.exception
    warnings = "\n".join(w.value for w in at.warning)
    assert "is not an input shape" in warnings and words in warnings and "[click](" not in warnings
    assert shape_box(at).value == "" and "input_shape" not in link(at)


def test_a_shape_in_a_link_for_code_that_gives_its_input_is_named(caches):
    at = page({"input_shape": "28x28x1", "lstm_units": "20"})
    assert not at.exception and shape_box(at) is None
    warnings = "\n".join(w.value for w in at.warning)
    assert "was not used" in warnings and "28, 28, 1" in warnings
    assert "input_shape" not in link(at) and link(at)["lstm_units"] == "20"


# -- several inputs -----------------------------------------------------------------------------------------------
WIDE_DEEP = """from tensorflow import keras

class WideAndDeepModel(keras.Model):
    def __init__(self, units=30, activation="relu", **kwargs):
        super().__init__(**kwargs)
        self.hidden1 = keras.layers.Dense(units, activation=activation)
        self.hidden2 = keras.layers.Dense(units, activation=activation)
        self.main_output = keras.layers.Dense(1)
        self.aux_output = keras.layers.Dense(1)

    def call(self, inputs):
        input_A, input_B = inputs
        hidden1 = self.hidden1(input_B)
        hidden2 = self.hidden2(hidden1)
        concat = keras.layers.concatenate([input_A, hidden2])
        return self.main_output(concat), self.aux_output(hidden2)


model = WideAndDeepModel()
"""


def test_a_subclassed_model_with_two_inputs_takes_one_typed_shape_each_as_keras_builds_it():
    """Géron's wide and deep model (Hands-On ML, ch. 10): its call unpacks two inputs, and only fit's data gives
    their shapes. Typed as "5; 6", the shapes are Keras's own for the model called on two keras.Input."""
    shapes, why = parse_input_shapes("5; 6")
    assert (shapes, why) == (((5,), (6,)), "")
    result = read_code(WIDE_DEEP, shapes)
    assert result.spec is not None and [i.shape for i in result.spec.inputs] == [(5,), (6,)]
    assert all(i.assumed for i in result.spec.inputs)
    (note,) = [n for n in result.notes if n.key == "read.assumed_input"]
    assert note.param("shape") == "(5,) + (6,)" and note.param("build") == "[(None, 5), (None, 6)]"
    description = describe(result.spec)
    assert description.failure is None
    ns: dict = {}
    exec(WIDE_DEEP, ns)  # the test's own code, never a user's
    model = ns["model"]
    outputs = model((keras.Input((5,)), keras.Input((6,))))
    assert [description.step(name).output_shape for name, _ in result.spec.outputs] == [
        tuple(o.shape) for o in outputs]
    ours = [w.shape for s in description.steps for w in s.weights]
    assert ours == [tuple(w.shape) for w in model.weights]  # each Dense's kernel and bias, in Keras's order
    assert description.total_params == model.count_params()


def test_one_shape_for_a_call_that_unpacks_two_says_to_type_two():
    result = read_code(WIDE_DEEP, (5,))
    assert result.spec is None
    (note,) = [n for n in result.notes if n.key == "read.unpack_tensor"]
    assert (note.line, note.param("count"), note.param("outputs")) == (12, "2", "1")
    assert "5; 6" in t("en", note.key, **dict(note.params)) and "5; 6" in t("zh", note.key, **dict(note.params))
    assert "; " in t("en", "read.subclassed_no_input", model="m") and needs_input_shape(read_code(WIDE_DEEP))


def test_a_sequential_given_two_shapes_says_it_has_one_input():
    result = read_code(CONV, ((28, 28, 1), (5,)))
    assert result.spec is None
    (note,) = [n for n in result.notes if n.key == "read.assumed_inputs_sequential"]
    assert note.severity == "error" and note.param("count") == "2"


@pytest.mark.parametrize("raw, expected", [
    ("5; 6", ((5,), (6,))), ("28, 28, 1;10", ((28, 28, 1), (10,))), ("５；６", ((5,), (6,))), ("784", ((784,),)),
    ("", None), ("5;", None), (";".join(["2"] * 9), None), ("5; x", None), ("5; 0", None),
])
def test_several_typed_shapes(raw, expected):
    shapes, why = parse_input_shapes(raw)
    assert shapes == expected and (why == "") == (expected is not None or raw == "")
    if expected is not None:
        assert parse_input_shapes(shapes_text(expected)) == (expected, "")
