"""The tests of Concatenate, Add, Multiply and Average (explorer/layers/merging/): shapes, weights, formulas
and fixes against real Keras and the X-ray and common mistakes on real built models."""
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


@pytest.mark.parametrize("kind", ["Add", "Multiply", "Average"])
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


FAILING = [
    two_inputs((3, 4), (5, 4), "Concatenate"),
    two_inputs((3, 4), (5, 6), "Concatenate"),
    two_inputs((3, 4), (4,), "Concatenate"),
    two_inputs((3, 4), (3, 4), "Concatenate", axis=3),
    two_inputs((3, 4), (3, 5), "Add"),
    two_inputs((3, 4), (5, 4), "Multiply"),
    ModelSpec((InputSpec("a", (4,), batch_size=2), InputSpec("b", (4,), batch_size=3)),
              (layer("join", "Average", ["a", "b"]),), (("join", 0),)),
]
OK = [
    two_inputs((3, 4), (3, 4), "Concatenate"),
    two_inputs((3, 4), (3, 6), "Concatenate"),
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


# -- mistakes ------------------------------------------------------------------------------------
def test_concat_axis_offered_only_when_the_other_axes_differ():
    differ = functional({"a": "(3, 4)", "b": "(3, 5)"}, 'c = layers.Concatenate(name="cat")([a, b])', "c")
    found = mistakes(differ, "cat")
    assert [m.key for m in found] == ["concat_axis"] and found[0].broken.arg("axis") == -2
    same = functional({"a": "(3, 4)", "b": "(3, 4)"}, 'c = layers.Concatenate(name="cat")([a, b])', "c")
    assert mistakes(same, "cat") == ()


# -- texts ---------------------------------------------------------------------------------------
def test_every_text_of_the_xrays_formats_in_both_languages():
    calls = [
        call_of(functional({"a": "(3, 4)", "b": "(3, 5)"}, 'c = layers.Concatenate(name="cat")([a, b])', "c"), "cat"),
        call_of(functional({"a": "(3, 4)", "b": "(1, 4)", "d": "(4,)"}, 'm = layers.Add(name="merge")([a, b, d])',
                           "m"), "merge"),
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
    combined = {"Add": sum(cells), "Average": sum(cells) / len(cells), "Multiply": float(np.prod(cells))}
    yield combined[call.spec.kind], value


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
]


@pytest.mark.parametrize("case", XRAY_CASES, ids=cases_ids(XRAY_CASES))
def test_xray_agrees_with_itself(case):
    check_xray(case)
