"""The tests of Flatten, Reshape, Permute and RepeatVector (explorer/layers/reshaping/): shapes, weights,
formulas and fixes against real Keras and the X-ray and common mistakes on real built models."""
from __future__ import annotations

import dataclasses

import keras
import numpy as np
import pytest

from explorer.i18n import t
from explorer.layers import get_kind
from explorer.shapes import describe
from family_checks import catalog_tests, chain, code_lines, mistakes, note, texts, xray
from layer_words import family_words, in_language
from live_models import call_of, sequential
from xray_consistency import MNIST, XRayCase, cases_ids, check_xray, copied_from


# -- shapes, weights and fixes (kinds.py) ------------------------------------------------------------------
WORDS_EN = in_language(family_words("reshaping", prefixes=("axis.", "fix.")), "en")  # the kinds' words
LEAD_KEYS = {"fix.fixed_length"}  # defined in explorer/i18n/model.py, shared with explorer/diagnose.py


def test_flatten_on_unknown_length_fails_with_fixed_length():
    spec = chain((None, 8), ("flat", "Flatten", {}), ("head", "Dense", {"units": 2}))
    d = describe(spec)
    assert d.failure.layer == "flat"
    assert d.failure.fix.key == "fix.fixed_length" and dict(d.failure.fix.params) == {"layer": "flat"}
    assert d.failure.cause.key == "cause.unknown_size"
    assert "None" in d.failure.message and "(None, None, 8)" in d.failure.message
    # what Keras does without the check: Flatten gives (None, None) and Dense cannot build
    assert tuple(keras.layers.Flatten()(keras.Input((None, 8))).shape) == (None, None)
    with pytest.raises(ValueError):
        keras.layers.Dense(2)(keras.layers.Flatten()(keras.Input((None, 8))))


def test_flatten_names_its_axis_by_the_letters_it_merges():
    spec = chain((50,), ("embed", "Embedding", {"input_dim": 100, "output_dim": 8}),
                 ("flat", "Flatten", {}), ("head", "Dense", {"units": 3}), dtype="int32")
    d = describe(spec)
    assert d.step("flat").output_shape == (None, 400) and d.step("flat").output_dims == ("B", "T·E")
    assert d.step("head").formula.symbolic == "T·E × U + U"
    assert d.step("head").params == 400 * 3 + 3


def test_reshape_count_mismatch_is_keras_error_with_a_working_fix():
    d = describe(chain((5, 8), ("reshape", "Reshape", {"target_shape": (3, 4)})))
    f = d.failure
    assert f.layer == "reshape" and "total size of the tensor must be unchanged" in f.message
    assert f.fix.key == "fix.reshape_count" and f.fix.code == "layers.Reshape((-1, 4))"
    fixed = describe(chain((5, 8), ("reshape", "Reshape", {"target_shape": (-1, 4)})))
    assert fixed.ok and fixed.step("reshape").output_shape == (None, 10, 4)
    assert describe(chain((5, 8), ("r", "Reshape", {"target_shape": (3, -1)}))).failure.fix.key == "fix.reshape_divide"
    assert describe(chain((5, 8), ("r", "Reshape", {"target_shape": (3, 7)}))).failure.fix.code == \
        "layers.Reshape((40,))"


def test_reshape_keeps_letters_that_continue_and_names_merges():
    d = describe(chain((50, 64), ("add_axis", "Reshape", {"target_shape": (50, 64, 1)}),
                       ("merge", "Reshape", {"target_shape": (3_200,)}),
                       ("split", "Reshape", {"target_shape": (50, 64)})))
    assert d.ok
    assert d.step("add_axis").output_dims == ("B", "T", "F", "1")
    assert {a.letter: a.meaning_key for a in d.axes}["1"] == "axis.one"
    assert d.step("merge").output_dims == ("B", "T·F")
    # 50 and 64 are the sizes T and F already have: the namer gives them back their letters
    assert d.step("split").output_dims == ("B", "T", "F")


def test_permute_and_repeat_vector_move_and_add_letters():
    d = describe(chain((50, 64), ("swap", "Permute", {"dims": (2, 1)}), ("pool", "Flatten", {})))
    assert d.step("swap").output_shape == (None, 64, 50) and d.step("swap").output_dims == ("B", "F", "T")
    d = describe(chain((75,), ("repeat", "RepeatVector", {"n": 50})))
    assert d.step("repeat").output_shape == (None, 50, 75)
    assert d.step("repeat").output_dims == ("B", "T", "F")
    assert {a.letter: a.meaning_key for a in d.axes}["T"] == "axis.repeat"
    # RepeatVector takes (B, F) only: Keras's input_spec refuses 3 axes
    assert describe(chain((5, 75), ("repeat", "RepeatVector", {"n": 3}))).failure.cause.key == "cause.ndim"


FAILING = [
    chain((None, 8), ("flat", "Flatten", {})),
    chain((5, 8), ("r", "Reshape", {"target_shape": (3, 4)})),
    chain((5, 8), ("r", "Reshape", {"target_shape": (3, -1)})),
    chain((5, 8), ("r", "Reshape", {"target_shape": (3, 7)})),
    chain((5, 8), ("r", "Reshape", {"target_shape": (-1, -1)})),
]
OK = [
    chain((50,), ("e", "Embedding", {"input_dim": 9, "output_dim": 4}), ("f", "Flatten", {}),
          ("r", "RepeatVector", {"n": 3}), ("p", "Permute", {"dims": (2, 1)}),
          ("s", "Reshape", {"target_shape": (-1,)}), dtype="int32"),
    chain((5, 8), ("r", "Reshape", {"target_shape": (4, 10)}), ("m", "Reshape", {"target_shape": (40, 1)})),
]


(test_every_fix_key_exists_and_fills, test_every_axis_meaning_key_exists,
 test_every_string_of_the_catalog_is_used) = catalog_tests(
    OK, FAILING, WORDS_EN, LEAD_KEYS,
    also_used=(chain((784,), ("r", "Reshape", {"target_shape": (28, 28, 1)})),))


# -- X-ray and common mistakes (xray.py) -------------------------------------------------------------------
LIVE_WORDS = family_words("reshaping", prefixes=("xray.", "mistake."))
LIVE_EN, LIVE_ZH = in_language(LIVE_WORDS, "en"), in_language(LIVE_WORDS, "zh")


def floats(*lines: str, shape: str) -> str:
    return sequential(*lines, input_shape=shape, dtype="float32")


# -- reshaping -----------------------------------------------------------------------------------
def test_flatten_maps_an_output_index_to_its_input_element_row_major():
    call = call_of(floats('layers.Flatten(name="flat")', shape="(4, 5, 3)"), "flat", (1, 40))
    result = xray(call)
    where = note(result, "xray.flatten.where")
    # 40 = 2·(5·3) + 3·3 + 1, by hand
    assert where["src"] == "[1, 2, 3, 1]" and where["arithmetic"] == "2·15 + 3·3 + 1 = 40"
    assert call.y[1, 40] == call.x[1, 2, 3, 1]
    assert result.grids[0].values[result.grids[0].marks[0]] == pytest.approx(call.x[1, 2, 3, 1])


def test_flatten_channels_first_moves_the_channels_last_first():
    call = call_of(floats('layers.Flatten(data_format="channels_first", name="flat")', shape="(4, 5, 3)"),
                   "flat", (0, 40))
    where = note(xray(call), "xray.flatten.where")
    # x moved to (5, 3, 4): 40 = 3·12 + 1·4 + 0 -> x[0, channel 0, 3, 1]
    assert where["src"] == "[0, 0, 3, 1]"
    assert call.y[0, 40] == call.x[0, 0, 3, 1]


def test_reshape_with_minus_one_infers_the_size_and_finds_the_source():
    call = call_of(floats('layers.Reshape((-1, 4), name="rs")', shape="(5, 8)"), "rs", (2, 7, 3))
    result = xray(call)
    assert note(result, "xray.reshape.inferred")["size"] == "10"
    where = note(result, "xray.reshape.where")
    # out[2, 7, 3]: 7·4 + 3 = 31 = 3·8 + 7 -> x[2, 3, 7]
    assert (where["out_arithmetic"], where["in_arithmetic"]) == ("7·4 + 3 = 31", "3·8 + 7 = 31")
    assert where["src"] == "[2, 3, 7]"
    assert call.y[2, 7, 3] == call.x[2, 3, 7]


@pytest.mark.parametrize("dims, shape, pick, src", [
    ("(2, 1)", "(5, 8)", (2, 7, 3), (2, 3, 7)),
    ("(3, 1, 2)", "(4, 5, 6)", (2, 5, 3, 4), (2, 3, 4, 5)),  # out axes (C, H, W): x[b, h, w, c]
])
def test_permute_moves_each_index_to_its_axis(dims, shape, pick, src):
    call = call_of(floats(f'layers.Permute({dims}, name="perm")', shape=shape), "perm", pick)
    assert note(xray(call), "xray.permute.where")["src"] == "[" + ", ".join(map(str, src)) + "]"
    assert call.y[pick] == call.x[src]


def test_repeatvector_copies_the_vector_to_every_row():
    call = call_of(floats('layers.RepeatVector(4, name="rep")', shape="(6,)"), "rep", (2, 3, 5))
    result = xray(call)
    assert note(result, "xray.repeatvector.where")["src"] == "[2, 5]"
    copies = result.grids[1]
    column = [copies.values[r, c] for r, c in copies.marks]
    assert len(column) == 4 and np.allclose(column, call.x[2, 5])


def test_a_wrong_output_fails_the_check():
    call = call_of(floats('layers.Reshape((-1, 4), name="rs")', shape="(5, 8)"), "rs", (2, 7, 3))
    wrong = dataclasses.replace(call, outputs=(call.y + 1e-3,))
    result = get_kind("Reshape").xray(wrong)
    assert not any(c.ok for c in result.checks)


# -- mistakes ------------------------------------------------------------------------------------
def test_reshape_count_offered_when_the_count_is_fixed():
    found = mistakes(floats('layers.Reshape((-1, 4), name="rs")', 'layers.Dense(3, name="dense")', shape="(5, 8)"),
                     "rs")
    assert [m.key for m in found] == ["reshape_count"]
    assert dict(found[0].params)["broken"] == "(11, 4)" and found[0].broken.arg("target_shape") == (11, 4)
    # an unknown length: Keras cannot check the count, nothing breaks
    assert mistakes(floats('layers.Reshape((-1, 4), name="rs")', shape="(None, 8)"), "rs") == ()


def test_no_flatten_offered_only_when_a_later_layer_fails():
    fails = floats('layers.Flatten(name="flat")', 'layers.Dense(6, name="dense")', 'layers.RepeatVector(3, name="rep")',
                   shape="(4, 5, 3)")
    found = mistakes(fails, "flat")
    assert [m.key for m in found] == ["no_flatten"] and dict(found[0].params)["failing"] == "rep"
    assert code_lines(found[0].code, "en") == ['# layers.Flatten()      # ← left out',
                                              'layers.RepeatVector(3)  # receives (3, 4, 5, 6)']
    assert code_lines(found[0].code, "zh")[1].endswith("# 收到 (3, 4, 5, 6)")
    with pytest.raises(ValueError, match="expected ndim=2, found ndim=4"):
        found[0].run()
    # Dense alone takes any rank: leaving Flatten out changes the shapes but breaks nothing
    assert mistakes(floats('layers.Flatten(name="flat")', 'layers.Dense(6, name="dense")', shape="(4, 5, 3)"),
                    "flat") == ()


# -- texts ---------------------------------------------------------------------------------------
def test_every_text_of_the_xrays_formats_in_both_languages():
    calls = [
        call_of(floats('layers.Flatten(name="flat")', shape="(4, 5, 3)"), "flat", (1, 40)),
        call_of(floats('layers.Reshape((-1, 4), name="rs")', shape="(5, 8)"), "rs"),
        call_of(floats('layers.Permute((2, 1), name="perm")', shape="(5, 8)"), "perm"),
        call_of(floats('layers.RepeatVector(4, name="rep")', shape="(6,)"), "rep"),
    ]
    for call in calls:
        for text in texts(get_kind(call.spec.kind).xray(call)):
            for lang in ("en", "zh"):
                assert "{" not in t(lang, text.key, **dict(text.params)), text.key


# -- the X-ray agrees with itself (tests/xray_consistency.py) ------------------------------------------------
def _floats(line: str, shape: str) -> str:
    return sequential(line, input_shape=shape, dtype="float32")


XRAY_CASES = [
    XRayCase("mnist-flatten", MNIST, "flatten", (1, 7), sums=copied_from(0)),
    XRayCase("flatten-3d", _floats('layers.Flatten(name="f")', "(3, 4)"), "f", (2, 9), sums=copied_from(0)),
    XRayCase("reshape", _floats('layers.Reshape((3, 8), name="r")', "(4, 6)"), "r", (1, 2, 5), sums=copied_from(0)),
    XRayCase("reshape-inferred", _floats('layers.Reshape((-1, 2), name="r")', "(12,)"), "r", (2, 5, 1),
             sums=copied_from(0)),
    XRayCase("permute", _floats('layers.Permute((2, 1), name="p")', "(4, 6)"), "p", (1, 5, 2), sums=copied_from(0)),
    XRayCase("repeatvector", _floats('layers.RepeatVector(3, name="r")', "(5,)"), "r", (1, 2, 4), mark="col",
             sums=copied_from(0)),
]


@pytest.mark.parametrize("case", XRAY_CASES, ids=cases_ids(XRAY_CASES))
def test_xray_agrees_with_itself(case):
    check_xray(case)
