"""The tests of Concatenate, Add, Subtract, Multiply, Average, Maximum, Minimum and Dot (explorer/layers/merging/):
shapes, weights, formulas and fixes against real Keras and the X-ray and common mistakes on real built models."""
from __future__ import annotations

import re

import keras
import numpy as np
import pytest

from explorer.i18n import t
from explorer.layers import get_kind
from explorer.shapes import describe, describe_one
from explorer.spec import InputSpec, ModelSpec
from family_checks import catalog_tests, code_lines, functional, layer, mistakes, note, texts, two_inputs, xray
from layer_words import family_words, in_language
from live_models import call_of
from xray_consistency import XRayCase, cases_ids, check_xray, copied_from, marked
from xray_consistency import note as xnote


# -- shapes, weights and fixes (kinds.py) ------------------------------------------------------------------
WORDS_EN = in_language(family_words("merging", prefixes=("axis.", "fix.")), "en")  # the kinds' words
LEAD_KEYS = {"fix.fixed_length"}  # defined in explorer/i18n/model.py, shared with explorer/diagnose.py


def test_two_inputs_concatenate_dense_matches_keras():
    spec = ModelSpec((InputSpec("a", (10,)), InputSpec("b", (20,))),
                     (layer("join", "Concatenate", ["a", "b"]), layer("head", "Dense", ["join"], units=1)),
                     (("head", 0),))
    d = describe(spec)
    assert d.ok
    assert d.step("join").input_shapes == ((None, 10), (None, 20))
    assert d.step("join").output_shape == (None, 30)
    assert d.step("head").output_shape == (None, 1)
    assert d.step("head").params == 31 and d.total_params == 31
    # letters: the two inputs' feature axes are F and F₂; the joined axis is a letter of its own
    assert d.step("a").output_dims == ("B", "F") and d.step("b").output_dims == ("B", "F₂")
    joined = d.step("join").output_dims[1]
    assert joined not in ("F", "F₂") and {a.letter: a.size for a in d.axes}[joined] == 30
    legend = {a.letter: a for a in d.axes}[joined]
    assert legend.meaning_key == "axis.concatenated" and dict(legend.meaning_params)["parts"] == "F + F₂"
    assert d.step("head").formula.symbolic == f"{joined} × U + U"

    a, b = keras.Input(shape=(10,), name="a"), keras.Input(shape=(20,), name="b")
    joined_t = keras.layers.Concatenate(name="join")([a, b])
    out = keras.layers.Dense(1, name="head")(joined_t)
    model = keras.Model([a, b], out)
    for name in ("join", "head"):
        assert tuple(model.get_layer(name).output.shape) == d.step(name).output_shape
        assert model.get_layer(name).count_params() == d.step(name).params
    assert model.count_params() == d.total_params


def test_concatenate_of_mismatched_shapes_fails_there_with_cause_and_fix():
    spec = two_inputs((3, 4), (5, 4), "Concatenate", axis=-1)
    d = describe(spec)
    f = d.failure
    assert f is not None and f.layer == "join" and f.cls == "Concatenate"
    assert [s.name for s in d.steps] == ["a", "b"]  # the description stops before the join
    assert f.input_shapes == ((None, 3, 4), (None, 5, 4))
    assert "axis 1 differs" in f.message and "a has 3" in f.message and "b has 5" in f.message
    assert f.cause.key == "cause.concat"
    assert f.fix.key == "fix.concat_other_axis" and f.fix.code == "layers.Concatenate(axis=1)"
    assert dict(f.fix.params)["position"] == "1"
    # the suggested fix works, in Keras and in the description
    fixed = describe(two_inputs((3, 4), (5, 4), "Concatenate", axis=1))
    assert fixed.ok and fixed.step("join").output_shape == (None, 8, 4)
    built = keras.layers.Concatenate(axis=1)([keras.Input((3, 4)), keras.Input((5, 4))])
    assert tuple(built.shape) == (None, 8, 4)


def test_keras_itself_refuses_what_the_concatenate_check_refuses():
    # Keras's compute_output_shape adds the sizes up anyway; its build raises: the check copies the build
    assert keras.layers.Concatenate().compute_output_shape([(None, 3, 4), (None, 5, 4)]) == (None, 3, 8)
    with pytest.raises(ValueError, match="matching shapes"):
        keras.layers.Concatenate()([keras.Input((3, 4)), keras.Input((5, 4))])
    d = describe(two_inputs((3, 4), (5, 6), "Concatenate"))
    assert d.failure.fix.key == "fix.concat_match"
    assert describe(two_inputs((3, 4), (4,), "Concatenate")).failure.fix.key == "fix.merge_rank"
    assert describe(two_inputs((3, 4), (3, 4), "Concatenate", axis=3)).failure.fix.key == "fix.concat_axis_range"


@pytest.mark.parametrize("kind", ["Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum"])
def test_elementwise_merges_name_the_axis_that_differs(kind):
    d = describe(two_inputs((3, 4), (3, 5), kind))
    f = d.failure
    assert f.layer == "join" and "axis 2 differs: a has 4, b has 5" in f.message
    assert f.fix.key == "fix.merge_project" and f.fix.code == "layers.Dense(4)"
    with pytest.raises(ValueError):
        getattr(keras.layers, kind)()([keras.Input((3, 4)), keras.Input((3, 5))])
    assert describe(two_inputs((3, 4), (5, 4), kind)).failure.fix.key == "fix.merge_match"
    # a size of 1 stretches; the output takes the letters of the input that gives each size
    ok = describe(two_inputs((1, 4), (3, 4), kind))
    assert ok.ok and ok.step("join").output_shape == (None, 3, 4)
    assert ok.step("join").output_dims[1] == ok.step("b").output_dims[1]


def three_inputs(kind, shape=(4,), **args):
    return ModelSpec(tuple(InputSpec(n, shape) for n in "abc"), (layer("join", kind, list("abc"), **args),),
                     (("join", 0),))


def test_subtract_takes_exactly_two_inputs():
    # Keras's compute_output_shape lets three through; its build refuses them: the check copies the build
    assert keras.layers.Subtract().compute_output_shape([(None, 4)] * 3) == (None, 4)
    with pytest.raises(ValueError, match="exactly 2 inputs"):
        keras.layers.Subtract()([keras.Input((4,)) for _ in range(3)])
    f = describe(three_inputs("Subtract")).failure
    assert f.layer == "join" and "exactly 2 inputs" in f.message
    assert f.fix.key == "fix.subtract_two" and f.fix.code == "layers.Subtract()([a, layers.Add()([b, c])])"
    a, b, c = (keras.Input((4,)) for _ in range(3))
    assert tuple(keras.layers.Subtract()([a, keras.layers.Add()([b, c])]).shape) == (None, 4)
    # Maximum and Minimum take any number of inputs
    for kind in ("Maximum", "Minimum"):
        assert describe(three_inputs(kind)).step("join").output_shape == (None, 4)


def keras_dot(shapes, **args):
    return tuple(keras.layers.Dot(**args)([keras.Input(batch_shape=s) for s in shapes]).shape)


def test_dot_of_sequences_sums_over_the_features_not_the_steps():
    # (B, T, F) · (B, S, F): axes=1 sums over the steps, whose sizes differ; Keras's shape inference says
    # (None, 16, 16) anyway, its build refuses
    shapes = ((None, 5, 16), (None, 7, 16))
    assert keras.layers.Dot(axes=1).compute_output_shape(list(shapes)) == (None, 16, 16)
    with pytest.raises(ValueError, match="Incompatible input shapes"):
        keras_dot(shapes, axes=1)
    f = describe(two_inputs((5, 16), (7, 16), "Dot", axes=1)).failure
    assert f.layer == "join" and "5 != 7" in f.message
    assert f.fix.key == "fix.dot_other_axes" and f.fix.code == "layers.Dot(axes=2)"
    for axes in (2, (2, 2), -1):
        d = describe(two_inputs((5, 16), (7, 16), "Dot", axes=axes))
        step = d.step("join")
        assert step.output_shape == keras_dot(shapes, axes=axes) == (None, 5, 7)
        assert step.output_dims == ("B", "T", "T₂") and step.params == 0
    # the same steps, different features: axes=1 is right, the similarity of feature pairs
    d = describe(two_inputs((5, 16), (5, 8), "Dot", axes=1))
    assert d.step("join").output_shape == keras_dot(((None, 5, 16), (None, 5, 8)), axes=1) == (None, 16, 8)
    assert d.step("join").output_dims == ("B", "F", "F₂")


def test_dot_of_two_vectors_is_one_number_per_sample():
    d = describe(two_inputs((64,), (64,), "Dot", axes=1))
    assert d.step("join").output_shape == keras_dot(((None, 64), (None, 64)), axes=1) == (None, 1)
    letter = d.step("join").output_dims[1]
    assert {a.letter: a.meaning_key for a in d.axes}[letter] == "axis.dot_single"
    # a vector against a sequence: one score per step
    d = describe(two_inputs((6,), (3, 6), "Dot", axes=(1, 2)))
    assert d.step("join").output_shape == keras_dot(((None, 6), (None, 3, 6)), axes=(1, 2)) == (None, 3)


@pytest.mark.parametrize("axes, shapes, fix, code", [
    (0, ((5, 16), (7, 16)), "fix.dot_axes_exist", "layers.Dot(axes=2)"),
    (3, ((5, 16), (7, 16)), "fix.dot_axes_exist", "layers.Dot(axes=2)"),
    ((2, 1), ((5, 16), (16, 7)), None, None),
    (2, ((5, 16), (7, 8)), "fix.dot_match", ""),
    ((1, 2), ((5, 16), (7, 5)), None, None),
    (2, ((5, 16), (5, 8)), "fix.dot_other_axes", "layers.Dot(axes=1)"),
])
def test_dot_axes_checked_like_keras(axes, shapes, fix, code):
    keras_shapes = tuple((None,) + s for s in shapes)
    d = describe(two_inputs(*shapes, "Dot", axes=axes))
    if fix is None:
        assert d.ok and d.step("join").output_shape == keras_dot(keras_shapes, axes=axes)
        return
    with pytest.raises((ValueError, IndexError)):  # on numbers: Keras's shape inference lets axes=0 through
        keras.layers.Dot(axes=axes)([np.ones((2,) + s, "float32") for s in shapes])
    assert d.failure.layer == "join" and d.failure.fix.key == fix and d.failure.fix.code == code
    if code:  # the fix works, in Keras and in the description
        fixed = int(code.removeprefix("layers.Dot(axes=").removesuffix(")"))
        assert describe(two_inputs(*shapes, "Dot", axes=fixed)).ok
        keras_dot(keras_shapes, axes=fixed)


def test_dot_takes_two_inputs():
    with pytest.raises(ValueError, match="list of 2 inputs"):
        keras_dot(((None, 4),) * 3, axes=1)
    f = describe(three_inputs("Dot", axes=1)).failure
    assert f.fix.key == "fix.dot_two" and dict(f.fix.params)["count"] == "3"


def test_merge_helpers_are_read_as_their_layers():
    from explorer.reader.code import read_code

    body = ('s = layers.subtract([a, b], name="s")\nm = layers.maximum([a, b], name="m")\n'
            'n = layers.minimum([s, m], name="n")\nd = layers.dot([n, b], name="d")\n'
            'e = layers.dot([a, b], 2, normalize=True, name="e")')
    spec = read_code(functional({"a": "(3, 4)", "b": "(3, 4)"}, body, "[d, e]")).spec
    assert [(l.kind, l.args) for l in spec.layers] == [
        ("Subtract", ()), ("Maximum", ()), ("Minimum", ()), ("Dot", (("axes", -1),)),
        ("Dot", (("axes", 2), ("normalize", True)))]
    d = describe(spec)
    assert d.step("d").output_shape == (2, 3, 3) and d.step("e").output_shape == (2, 3, 3)


FAILING = [
    two_inputs((3, 4), (5, 4), "Concatenate"),
    two_inputs((3, 4), (5, 6), "Concatenate"),
    two_inputs((3, 4), (4,), "Concatenate"),
    two_inputs((3, 4), (3, 4), "Concatenate", axis=3),
    two_inputs((3, 4), (3, 5), "Add"),
    two_inputs((3, 4), (5, 4), "Multiply"),
    three_inputs("Subtract"),
    two_inputs((5, 16), (7, 16), "Dot", axes=1),
    two_inputs((5, 16), (7, 8), "Dot", axes=2),
    two_inputs((5, 16), (7, 16), "Dot", axes=0),
    three_inputs("Dot", axes=1),
    ModelSpec((InputSpec("a", (4,), batch_size=2), InputSpec("b", (4,), batch_size=3)),
              (layer("join", "Average", ["a", "b"]),), (("join", 0),)),
]
OK = [
    two_inputs((3, 4), (3, 4), "Concatenate"),
    two_inputs((3, 4), (3, 6), "Concatenate"),
    two_inputs((64,), (64,), "Dot", axes=1),
]


(test_every_fix_key_exists_and_fills, test_every_axis_meaning_key_exists,
 test_every_string_of_the_catalog_is_used) = catalog_tests(
    OK, FAILING, WORDS_EN, LEAD_KEYS)


def test_describe_one_examples_name_each_axis():
    ctx = describe_one("Concatenate", {}, ((None, 50, 75), (None, 50, 75)))
    assert ctx.out_axes == (("B", "D1", "2D2"),)


# -- X-ray and common mistakes (xray.py) -------------------------------------------------------------------
LIVE_WORDS = family_words("merging", prefixes=("xray.", "mistake."))
LIVE_EN, LIVE_ZH = in_language(LIVE_WORDS, "en"), in_language(LIVE_WORDS, "zh")


# -- merging -------------------------------------------------------------------------------------
@pytest.mark.parametrize("axis, shapes, pick, source, src", [
    (-1, ("(3, 4)", "(3, 5)"), (1, 2, 6), "b", "[1, 2, 2]"),  # 6 − 4 = 2 in b
    (1, ("(3, 4)", "(5, 4)"), (1, 6, 2), "b", "[1, 3, 2]"),  # 6 − 3 = 3 in b
    (1, ("(3, 4)", "(5, 4)"), (0, 2, 1), "a", "[0, 2, 1]"),
])
def test_concatenate_slices_and_source(axis, shapes, pick, source, src):
    code = functional({"a": shapes[0], "b": shapes[1]}, f'c = layers.Concatenate(axis={axis}, name="cat")([a, b])', "c")
    call = call_of(code, "cat", pick)
    result = xray(call)
    assert [c.what.key for c in result.checks].count("xray.concatenate.check_slice") == 2
    where = note(result, "xray.concatenate.where")
    assert (where["input"], where["src"]) == (source, src)
    inputs = dict(zip("ab", call.inputs))
    assert call.y[pick] == inputs[source][tuple(int(i) for i in re.findall(r"\d+", src))]
    parts = ["out[:, :, 0:4]", "out[:, :, 4:9]"] if axis == -1 else ["out[:, 0:3]", "out[:, 3:8]"]
    assert [line.split("# ")[-1] for line in code_lines(result.code, "en")[1:]] == [f"{parts[0]} is a",
                                                                                  f"{parts[1]} is b"]
    assert [line.split("# ")[-1] for line in code_lines(result.code, "zh")[1:]] == [f"{parts[0]} 来自 a",
                                                                                  f"{parts[1]} 来自 b"]


@pytest.mark.parametrize("op, combine", [
    ("Add", lambda a, b, d: a + b + d),
    ("Multiply", lambda a, b, d: a * b * d),
    ("Average", lambda a, b, d: (a + b + d) / 3),
])
def test_merge_recomputes_with_keras_broadcasting(op, combine):
    code = functional({"a": "(3, 4)", "b": "(1, 4)", "d": "(4,)"}, f'm = layers.{op}(name="merge")([a, b, d])', "m")
    call = call_of(code, "merge", (1, 2, 3))
    result = xray(call)
    a, b, d = call.inputs
    # (B, 4) gets its new axis at position 1, (B, 1, 4) stretches along it
    assert combine(float(a[1, 2, 3]), float(b[1, 0, 3]), float(d[1, 3])) == pytest.approx(float(call.y[1, 2, 3]),
                                                                                            abs=1e-6)
    assert re.split(" [+×] ", note(result, "xray.merge.where")["inputs"]) == ["a[1, 2, 3]", "b[1, 0, 3]", "d[1, 0, 3]"]
    assert note(result, "xray.merge.broadcast")["inputs"] == "b, d"


@pytest.mark.parametrize("op, combine", [
    ("Subtract", lambda a, b: a - b),
    ("Maximum", max),
    ("Minimum", min),
])
def test_subtract_maximum_minimum_follow_each_input(op, combine):
    code = functional({"a": "(3, 4)", "b": "(1, 4)"}, f'm = layers.{op}(name="merge")([a, b])', "m")
    call = call_of(code, "merge", (1, 2, 3))
    result = xray(call)
    a, b = call.inputs
    assert combine(float(a[1, 2, 3]), float(b[1, 0, 3])) == pytest.approx(float(call.y[1, 2, 3]), abs=1e-6)
    where = note(result, "xray.merge.where")
    assert "a[1, 2, 3]" in where["inputs"] and "b[1, 0, 3]" in where["inputs"]
    assert float(where["value"]) == pytest.approx(float(call.y[1, 2, 3]), rel=1e-3, abs=1e-3)
    assert [float(marked(g)[0]) for g in result.grids[:2]] == [float(a[1, 2, 3]), float(b[1, 0, 3])]


@pytest.mark.parametrize("inputs, line, pick, first, second", [
    ({"a": "(5, 6)", "b": "(7, 6)"}, "layers.Dot(axes=2, name=\"d\")", (1, 3, 4), "a[1, 3, :]", "b[1, 4, :]"),
    ({"a": "(5, 6)", "b": "(5, 7)"}, "layers.Dot(axes=1, name=\"d\")", (0, 2, 6), "a[0, :, 2]", "b[0, :, 6]"),
    ({"a": "(6,)", "b": "(3, 6)"}, "layers.Dot(axes=(1, 2), name=\"d\")", (1, 2), "a[1, :]", "b[1, 2, :]"),
    ({"a": "(5, 6)", "b": "(7, 6)"}, "layers.Dot(axes=-1, normalize=True, name=\"d\")", (1, 0, 6), "a[1, 0, :]",
     "b[1, 6, :]"),
])
def test_dot_follows_the_two_vectors(inputs, line, pick, first, second):
    call = call_of(functional(inputs, f"d = {line}([a, b])", "d"), "d", pick)
    result = xray(call)
    where = note(result, "xray.dot.where")
    assert (where["first"], where["second"]) == (first, second)
    terms = result.grids[0]
    assert terms.rows == (first, second, "×") and terms.size == (3, int(where["D"]))
    assert int(where["D"]) == (5 if "axes=1," in line else 6)
    left, right, products = terms.values
    assert np.allclose(left * right, products)
    assert products.sum() == pytest.approx(float(call.y[pick]), abs=1e-5)
    a, b = (x.astype(np.float64) for x in call.inputs)
    def index(text):
        return tuple(slice(None) if k == ":" else int(k) for k in text[2:-1].split(", "))

    u, v = a[index(first)], b[index(second)]
    if "normalize" in line:
        u, v = u / np.linalg.norm(u), v / np.linalg.norm(v)
        assert -1 <= float(call.y[pick]) <= 1
        assert note(result, "xray.dot.normalized")["a0"] == "2"
    assert np.allclose(left, u) and np.allclose(right, v)


# -- mistakes ------------------------------------------------------------------------------------
def test_concat_axis_offered_only_when_the_other_axes_differ():
    differ = functional({"a": "(3, 4)", "b": "(3, 5)"}, 'c = layers.Concatenate(name="cat")([a, b])', "c")
    found = mistakes(differ, "cat")
    assert [m.key for m in found] == ["concat_axis"] and found[0].broken.arg("axis") == -2
    same = functional({"a": "(3, 4)", "b": "(3, 4)"}, 'c = layers.Concatenate(name="cat")([a, b])', "c")
    assert mistakes(same, "cat") == ()


def test_dot_axes_offered_on_sequences_of_different_lengths():
    differ = functional({"a": "(5, 6)", "b": "(7, 6)"}, 'c = layers.Dot(axes=2, name="dot")([a, b])', "c")
    found = mistakes(differ, "dot")
    assert [m.key for m in found] == ["dot_axes"] and found[0].broken.arg("axes") == 1
    assert dict(found[0].params)["steps"] == "5 != 7"
    with pytest.raises(ValueError):
        keras.layers.Dot(axes=1)([keras.Input((5, 6)), keras.Input((7, 6))])
    same = functional({"a": "(5, 6)", "b": "(5, 6)"}, 'c = layers.Dot(axes=2, name="dot")([a, b])', "c")
    assert mistakes(same, "dot") == ()  # axes=1 would run: no mistake to show
    vectors = functional({"a": "(6,)", "b": "(6,)"}, 'c = layers.Dot(axes=1, name="dot")([a, b])', "c")
    assert mistakes(vectors, "dot") == ()


# -- texts ---------------------------------------------------------------------------------------
def test_every_text_of_the_xrays_formats_in_both_languages():
    calls = [
        call_of(functional({"a": "(3, 4)", "b": "(3, 5)"}, 'c = layers.Concatenate(name="cat")([a, b])', "c"), "cat"),
        call_of(functional({"a": "(3, 4)", "b": "(1, 4)", "d": "(4,)"}, 'm = layers.Add(name="merge")([a, b, d])',
                           "m"), "merge"),
        call_of(functional({"a": "(3, 4)", "b": "(3, 4)"}, 'm = layers.Subtract(name="merge")([a, b])', "m"), "merge"),
        call_of(functional({"a": "(3, 4)", "b": "(3, 4)"}, 'm = layers.Maximum(name="merge")([a, b])', "m"), "merge"),
        call_of(functional({"a": "(3, 4)", "b": "(3, 4)"}, 'm = layers.Minimum(name="merge")([a, b])', "m"), "merge"),
        call_of(functional({"a": "(5, 6)", "b": "(7, 6)"}, 'd = layers.Dot(2, normalize=True, name="d")([a, b])', "d"),
                "d"),
    ]
    for call in calls:
        for text in texts(get_kind(call.spec.kind).xray(call)):
            for lang in ("en", "zh"):
                assert "{" not in t(lang, text.key, **dict(text.params)), text.key


# -- the X-ray agrees with itself (tests/xray_consistency.py) ------------------------------------------------
def _merge_sums(xray, call):
    """The inputs' marked cells, combined, are the value written."""
    value = xnote(xray, "xray.merge.where")["value"]
    cells = [float(marked(g)[0]) for g in xray.grids[:-1]]
    combined = {"Add": sum(cells), "Average": sum(cells) / len(cells), "Multiply": float(np.prod(cells)),
                "Subtract": cells[0] - cells[1], "Maximum": max(cells), "Minimum": min(cells)}
    yield combined[call.spec.kind], value


def _dot_sums(xray, call):
    """The products row is the two vectors multiplied; shown whole, it adds up to the value written."""
    left, right, products = xray.grids[0].values
    for k in range(len(products)):
        yield float(left[k] * right[k]), f"{products[k]:.6f}"
    if xray.grids[0].size[1] == len(products):
        yield float(products.sum()), xnote(xray, "xray.dot.where")["value"]


TWO = {"a": "(3, 4)", "b": "(3, 4)"}
XRAY_CASES = [
    XRayCase("concatenate", functional({"a": "(3, 4)", "b": "(3, 2)"},
                                       'c = layers.Concatenate(name="c")([a, b])', "c"), "c", (1, 2, 5), output=0,
             sums=copied_from(1)),
    XRayCase("add", functional(TWO, 'c = layers.Add(name="c")([a, b])', "c"), "c", (1, 2, 3), sums=_merge_sums),
    XRayCase("average-broadcast", functional({"a": "(3, 4)", "b": "(1, 4)"},
                                             'c = layers.Average(name="c")([a, b])', "c"), "c", (1, 2, 1),
             sums=_merge_sums),
    XRayCase("multiply", functional(TWO, 'c = layers.Multiply(name="c")([a, b])', "c"), "c", (0, 1, 2),
             sums=_merge_sums),
    XRayCase("subtract", functional(TWO, 'c = layers.Subtract(name="c")([a, b])', "c"), "c", (1, 2, 3),
             sums=_merge_sums),
    XRayCase("maximum-three", functional({"a": "(3, 4)", "b": "(1, 4)", "d": "(4,)"},
                                         'c = layers.Maximum(name="c")([a, b, d])', "c"), "c", (1, 1, 2),
             sums=_merge_sums),
    XRayCase("minimum", functional(TWO, 'c = layers.minimum([a, b], name="c")', "c"), "c", (0, 2, 1),
             sums=_merge_sums),
    XRayCase("dot-similarity", functional({"a": "(5, 6)", "b": "(7, 6)"}, 'c = layers.Dot(axes=2, name="c")([a, b])',
                                          "c"), "c", (1, 3, 4), output=1, sums=_dot_sums),
    XRayCase("dot-cosine-long", functional({"a": "(40,)", "b": "(40,)"},
                                           'c = layers.Dot(axes=1, normalize=True, name="c")([a, b])', "c"), "c",
             (1, 0), output=1, sums=_dot_sums),
]


@pytest.mark.parametrize("case", XRAY_CASES, ids=cases_ids(XRAY_CASES))
def test_xray_agrees_with_itself(case):
    check_xray(case)
