"""The tests of Flatten, Reshape, Permute and RepeatVector (explorer/layers/reshaping/): shapes, weights,
formulas and fixes against real Keras and the X-ray and common mistakes on real built models."""
from __future__ import annotations

import dataclasses

import keras
import numpy as np
import pytest

from explorer.i18n import t
from explorer.layers import get_kind
from explorer.reader.code import read_code
from explorer.shapes import describe
from explorer.spec import LayerSpec
from family_checks import catalog_tests, chain, code_lines, functional, mistakes, note, texts, xray
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


# -- UpSampling, ZeroPadding, Cropping ----------------------------------------------------------------------
UNET = functional({"image": "(64, 64, 1)"}, """c1 = layers.Conv2D(16, 3, padding="same", name="c1")(image)
p1 = layers.MaxPooling2D(name="p1")(c1)
c2 = layers.Conv2D(32, 3, padding="same", name="c2")(p1)
u1 = layers.UpSampling2D(name="u1")(c2)
m1 = layers.Concatenate(name="m1")([c1, u1])""", "m1")


def test_a_unet_level_reads_back_to_the_letters_it_pooled():
    """Conv2D → MaxPooling2D → UpSampling2D → Concatenate: H → H₂ → H again, so the skip joins (B, H, W, …)."""
    d = describe(read_code(UNET).spec)
    assert d.ok, d.failure
    dims = {s.name: s.output_dims for s in d.steps}
    assert dims["c1"] == ("B", "H", "W", "K") and dims["p1"] == ("B", "H₂", "W₂", "K")
    assert dims["u1"] == ("B", "H", "W", "K₂") and d.step("u1").output_shape == (2, 64, 64, 32)
    assert dims["m1"] == ("B", "H", "W", "F") and d.step("m1").output_shape == (2, 64, 64, 48)
    # an odd size cannot come back: 63 → 31 → 62, a new letter, and Keras refuses the join
    odd = describe(read_code(UNET.replace("(64, 64, 1)", "(63, 63, 1)")).spec)
    assert odd.step("u1").output_dims == ("B", "H₃", "W₃", "K₂") and odd.failure.layer == "m1"


@pytest.mark.parametrize("kind,args,shape,out,dims", [
    ("UpSampling1D", {"size": 3}, (10, 4), (None, 30, 4), ("B", "T₂", "F")),
    ("UpSampling2D", {"size": (2, 1)}, (5, 6, 3), (None, 10, 6, 3), ("B", "H₂", "W", "C")),
    ("UpSampling2D", {"size": 2, "interpolation": "bilinear"}, (5, 6, 3), (None, 10, 12, 3), ("B", "H₂", "W₂", "C")),
    ("UpSampling2D", {"size": 2}, (None, 6, 3), (None, None, 12, 3), ("B", "H₂", "W₂", "C")),
    ("ZeroPadding1D", {"padding": (2, 0)}, (10, 4), (None, 12, 4), ("B", "T₂", "F")),
    ("ZeroPadding2D", {"padding": 1}, (28, 28, 1), (None, 30, 30, 1), ("B", "H₂", "W₂", "C")),
    ("ZeroPadding2D", {"padding": (0, 2)}, (28, 28, 1), (None, 28, 32, 1), ("B", "H", "W₂", "C")),
    ("ZeroPadding2D", {"padding": ((1, 0), (0, 0))}, (None, 28, 1), (None, None, 28, 1), ("B", "H₂", "W", "C")),
    ("Cropping1D", {"cropping": (1, 2)}, (10, 4), (None, 7, 4), ("B", "T₂", "F")),
    ("Cropping2D", {"cropping": ((2, 2), (0, 0))}, (28, 28, 1), (None, 24, 28, 1), ("B", "H₂", "W", "C")),
    ("Cropping3D", {"cropping": 1}, (4, 5, 6, 2), (None, 2, 3, 4, 2), ("B", "D", "H", "W", "D4")),
    ("UpSampling3D", {"size": (1, 2, 2)}, (4, 5, 6, 2), (None, 4, 10, 12, 2), ("B", "D1", "H", "W", "D4")),
])
def test_a_changed_spatial_size_gets_a_new_letter_the_channels_keep_theirs(kind, args, shape, out, dims):
    d = describe(chain(shape, ("s", kind, args)))
    assert d.ok, d.failure
    assert d.step("s").output_shape == out and d.step("s").output_dims == dims
    assert d.step("s").params == 0 and d.step("s").weights == ()


def test_the_new_letters_say_what_changed_them():
    d = describe(chain((28, 28, 1), ("pad", "ZeroPadding2D", {"padding": ((1, 2), 0)}),
                       ("up", "UpSampling2D", {"size": 3}), ("crop", "Cropping2D", {"cropping": (4, 0)})))
    meanings = {a.letter: (a.meaning_key, dict(a.meaning_params)) for a in d.axes}
    assert d.step("pad").output_dims == ("B", "H₂", "W", "C")
    assert meanings["H₂"] == ("axis.padded", {"layer": "pad", "axis": "H", "before": "1", "after": "2"})
    assert d.step("up").output_dims == ("B", "H₃", "W₂", "C")
    assert meanings["H₃"] == ("axis.upsampled", {"layer": "up", "axis": "H₂", "factor": "3"})
    assert d.step("crop").output_shape == (None, 85, 84, 1)
    assert meanings[d.step("crop").output_dims[1]][0] == "axis.cropped"
    assert d.step("crop").output_dims[2] == "W₂"  # nothing cut from the width: its letter stays


def test_padding_and_cropping_take_an_int_a_pair_or_a_pair_of_pairs_from_code():
    code = sequential('layers.ZeroPadding2D(padding=((1, pad), (3, 4)), name="pad")', 'layers.Cropping2D(2, name="c")',
                      'layers.Cropping2D((1, 0), name="c2")', input_shape="(28, 28, 1)",
                      dtype="float32").replace("import keras\n", "import keras\npad = 2\n")
    spec = read_code(code).spec
    assert spec.layer("pad").arg("padding") == ((1, 2), (3, 4)) and spec.layer("pad").source("padding")
    d = describe(spec)
    assert d.step("pad").output_shape == (3, 31, 35, 1)
    assert d.step("c").output_shape == (3, 27, 31, 1) and d.step("c2").output_shape == (3, 25, 31, 1)
    assert d.step("pad").code == "layers.ZeroPadding2D(((1, pad), (3, 4)))"
    # a negative size, or a triple where Keras wants pairs, is refused (the reader's note, or Keras's own error)
    refused = read_code(code.replace("(3, 4)", "(3, -4)"))
    assert [dict(n.params)["arg"] for n in refused.notes if n.key == "read.arg_bad_value"] == ["padding"]
    assert refused.spec.layers == ()
    bad = describe(chain((28, 28, 1), ("pad", "ZeroPadding2D", {"padding": (1, 2, 3)})))
    assert "`padding` should have two elements" in bad.failure.message


def test_upsampling2d_on_an_image_without_channels_is_keras_ndim_error_with_a_reshape():
    d = describe(chain((28, 28), ("up", "UpSampling2D", {})))
    assert "expected ndim=4, found ndim=3" in d.failure.message
    assert (d.failure.fix.key, d.failure.fix.code) == ("fix.resize_add_channel", "layers.Reshape((28, 28, 1))")
    fixed = describe(chain((28, 28), ("r", "Reshape", {"target_shape": (28, 28, 1)}), ("up", "UpSampling2D", {})))
    assert fixed.ok and fixed.step("up").output_shape == (None, 56, 56, 1)


@pytest.mark.parametrize("kind,args,shape,fixed_shape", [
    ("Cropping1D", {"cropping": 3}, (5, 3), (None, 3, 3)),  # 3 + 3 > 5: meant "keep 3"
    ("Cropping2D", {"cropping": ((2, 2), (1, 1))}, (4, 5, 3), (None, 2, 3, 3)),  # 2 + 2 = 4 leaves nothing
    ("Cropping2D", {"cropping": (64, 64)}, (100, 100, 3), (None, 64, 64, 3)),  # the size to keep, written as a crop
    ("Cropping3D", {"cropping": (0, 0, (9, 0))}, (4, 5, 6, 2), (None, 4, 5, 3, 2)),
])
def test_a_crop_that_leaves_nothing_is_keras_error_with_a_crop_that_keeps(kind, args, shape, fixed_shape):
    d = describe(chain(shape, ("crop", kind, args)))
    assert "smaller than" in d.failure.message, d.failure.message  # Keras's own words
    fix = d.failure.fix
    assert fix.key == "fix.crop_too_much"
    params = dict(fix.params)
    assert int(params["total"]) >= int(params["size"]) and int(params["keep"]) + int(params["cut"]) == int(
        params["size"])
    spec = read_code(sequential(fix.code, input_shape=str(shape), dtype="float32")).spec
    again = describe(spec)
    assert again.ok and again.steps[-1].output_shape[1:] == fixed_shape[1:]


@pytest.mark.parametrize("kind,args,shape,producer,key,code", [
    ("UpSampling2D", {"size": 2}, (None, 50, 8), LayerSpec("lstm", "LSTM", (("units", 8), ("return_sequences", True))),
     "fix.resize_use_other", "layers.UpSampling1D(2)"),
    ("ZeroPadding1D", {"padding": (1, 2)}, (None, 8, 8, 3), None, "fix.resize_use_other",
     "layers.ZeroPadding2D(((1, 2), (1, 2)))"),
    ("ZeroPadding3D", {"padding": (1, 2, 3)}, (None, 30, 30, 8), LayerSpec("conv", "Conv2D", ()),
     "fix.resize_use_other", "layers.ZeroPadding2D((2, 3))"),
    ("Cropping2D", {"cropping": ((1, 1), (2, 2))}, (None, 8, 8, 8, 3), None, "fix.resize_use_other",
     "layers.Cropping3D(((1, 1), (1, 1), (2, 2)))"),
    ("UpSampling3D", {}, (None, 64, 64, 64), None, "fix.resize_add_channel", "layers.Reshape((64, 64, 64, 1))"),
    ("Cropping1D", {}, (None, 20), None, "fix.resize_add_channel", "layers.Reshape((20, 1))"),
])
def test_the_wrong_rank_gets_the_sibling_or_a_channel_axis(kind, args, shape, producer, key, code):
    fix = fix_of(kind, args, shape, producer)
    assert (fix.key, fix.code) == (key, code)
    spec = read_code(sequential(code, input_shape=str(shape[1:]), dtype="float32")).spec
    assert describe(spec).ok  # the sibling (or the reshape) takes this input


def fix_of(kind, args, shape, producer):
    from explorer.layers.base import AxisNamer, Ctx

    spec = LayerSpec("s", kind, tuple(sorted(args.items())))
    return get_kind(kind).explain(Ctx(spec, (shape,), (("B",) + ("H", "W", "D", "C")[: len(shape) - 1],),
                                      AxisNamer()), producer)


FAILING = [
    chain((None, 8), ("flat", "Flatten", {})),
    chain((5, 8), ("r", "Reshape", {"target_shape": (3, 4)})),
    chain((5, 8), ("r", "Reshape", {"target_shape": (3, -1)})),
    chain((5, 8), ("r", "Reshape", {"target_shape": (3, 7)})),
    chain((5, 8), ("r", "Reshape", {"target_shape": (-1, -1)})),
    chain((28, 28), ("up", "UpSampling2D", {})),
    chain((8, 8, 3), ("pad", "ZeroPadding1D", {})),
    chain((6, 5, 3), ("crop", "Cropping2D", {"cropping": 3})),
]
OK = [
    chain((50,), ("e", "Embedding", {"input_dim": 9, "output_dim": 4}), ("f", "Flatten", {}),
          ("r", "RepeatVector", {"n": 3}), ("p", "Permute", {"dims": (2, 1)}),
          ("s", "Reshape", {"target_shape": (-1,)}), dtype="int32"),
    chain((5, 8), ("r", "Reshape", {"target_shape": (4, 10)}), ("m", "Reshape", {"target_shape": (40, 1)})),
    chain((28, 28, 1), ("pad", "ZeroPadding2D", {}), ("up", "UpSampling2D", {}),
          ("crop", "Cropping2D", {"cropping": 2})),
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


# -- UpSampling, ZeroPadding, Cropping -----------------------------------------------------------
def test_upsampling_nearest_copies_the_input_number_at_each_index_divided_by_its_factor():
    call = call_of(floats('layers.UpSampling2D((2, 3), name="up")', shape="(4, 5, 3)"), "up", (1, 5, 7, 2))
    result = xray(call)
    where = note(result, "xray.upsampling.where")
    assert where["src"] == "[1, 2, 2, 2]" and where["division"] == "H: 5 // 2 = 2, W: 7 // 3 = 2"
    assert call.y[1, 5, 7, 2] == call.x[1, 2, 2, 2]
    source = result.grids[0]
    assert source.values[source.marks[0]] == call.x[1, 2, 2, 2]
    assert [line.code for line in result.code][:2] == ["x = np.repeat(x, 2, axis=1)", "x = np.repeat(x, 3, axis=2)"]


def bilinear_by_hand(x, i, j, c, fh, fw):
    """TensorFlow's half-pixel bilinear resize of x (H, W, C) at out[i, j, c], written out once more."""
    def axis(o, f, n):
        pos = (o + 0.5) / f - 0.5
        lo = min(max(int(np.floor(pos)), 0), n - 1)
        hi = min(max(int(np.ceil(pos)), 0), n - 1)
        return lo, hi, pos - np.floor(pos)
    (r0, r1, wr), (c0, c1, wc) = axis(i, fh, x.shape[0]), axis(j, fw, x.shape[1])
    top = x[r0, c0, c] * (1 - wc) + x[r0, c1, c] * wc
    bottom = x[r1, c0, c] * (1 - wc) + x[r1, c1, c] * wc
    return top * (1 - wr) + bottom * wr, (r0, r1, c0, c1, wr, wc)


def test_upsampling_bilinear_weighs_the_four_neighbours_as_tensorflow_does():
    call = call_of(floats('layers.UpSampling2D((2, 3), interpolation="bilinear", name="up")', shape="(4, 5, 3)"),
                   "up", (1, 5, 8, 2))
    result = xray(call)
    x = call.x[1].astype(np.float64)
    value, (r0, r1, c0, c1, wr, wc) = bilinear_by_hand(x, 5, 8, 2, 2, 3)
    assert (r0, r1, c0, c1) == (2, 3, 2, 3) and (wr, wc) == pytest.approx((0.25, 1 / 3))  # (5.5)/2-.5, (8.5)/3-.5
    assert abs(value - call.y[1, 5, 8, 2]) < 1e-5
    neighbours, weights = result.grids[0], result.grids[1]
    assert (neighbours.rows, neighbours.cols) == (("2", "3"), ("2", "3"))
    np.testing.assert_allclose(weights.values, np.outer([0.75, 0.25], [2 / 3, 1 / 3]))
    np.testing.assert_array_equal(neighbours.values, x[2:4, 2:4, 2])
    assert abs(float(note(result, "xray.upsampling.bilinear_value")["value"]) - value) < 1e-6
    # half-pixel centres: out row 0 sits at x row −0.25, clamped to row 0 (not the align-corners convention)
    edge = xray(call_of(floats('layers.UpSampling2D((2, 3), interpolation="bilinear", name="up")', shape="(4, 5, 3)"),
                        "up", (0, 0, 14, 1)))
    assert note(edge, "xray.upsampling.bilinear_edge")["position"] == "-0.2500"
    assert edge.grids[0].rows == ("0", "0") and edge.grids[0].cols == ("4", "4")


def test_upsampling_with_another_interpolation_says_it_is_not_recomputed():
    call = call_of(floats('layers.UpSampling2D(interpolation="bicubic", name="up")', shape="(4, 5, 3)"), "up")
    result = get_kind("UpSampling2D").xray(call)
    assert result.summary.key == "xray.upsampling.skipped" and result.checks == ()


def test_zero_padding_copies_inside_and_is_zero_in_the_padding():
    code = floats('layers.ZeroPadding2D(((1, 2), (3, 0)), name="pad")', shape="(4, 5, 3)")
    inside = xray(call_of(code, "pad", (1, 2, 5, 2)))
    assert note(inside, "xray.zeropadding.where")["src"] == "[1, 1, 2, 2]"
    call = call_of(code, "pad", (1, 6, 5, 2))
    padded = xray(call)
    assert note(padded, "xray.zeropadding.in_padding")["outside"] == "H 6 − 1 = 5"
    assert call.y[1, 6, 5, 2] == 0 and padded.grids[0].marks == ()
    assert [c.what.key for c in padded.checks] == ["xray.zeropadding.check", "xray.zeropadding.check_zero"]


def test_cropping_copies_from_the_kept_window():
    call = call_of(floats('layers.Cropping2D(((1, 2), (3, 0)), name="crop")', shape="(6, 7, 3)"), "crop", (1, 2, 3, 2))
    result = xray(call)
    assert note(result, "xray.cropping.where")["src"] == "[1, 3, 6, 2]"
    assert note(result, "xray.cropping.kept")["window"] == "x[:, 1:4, 3:7, :]"
    np.testing.assert_array_equal(call.y, call.x[:, 1:4, 3:7, :])


SPATIAL_LINES = [
    ('layers.UpSampling1D(3, name="s")', "(4, 5)"),
    ('layers.UpSampling3D((1, 2, 3), name="s")', "(3, 4, 5, 2)"),
    ('layers.UpSampling2D(2, interpolation="bilinear", name="s")', "(3, 1, 2)"),
    ('layers.ZeroPadding1D((0, 2), name="s")', "(4, 5)"),
    ('layers.ZeroPadding3D((1, 0, (2, 1)), name="s")', "(3, 4, 5, 2)"),
    ('layers.Cropping1D(1, name="s")', "(6, 4)"),
    ('layers.Cropping3D(((1, 0), 1, (0, 2)), name="s")', "(4, 5, 6, 2)"),
]


@pytest.mark.parametrize("line,shape", SPATIAL_LINES)
def test_every_spatial_xray_matches_keras_and_its_words_format(line, shape):
    call = call_of(floats(line, shape=shape), "s", (2, 9, 9, 9, 9))
    result = xray(call)
    assert result.checks[0].size == call.y.size
    for text in texts(result):
        for lang in ("en", "zh"):
            assert "{" not in t(lang, text.key, **dict(text.params)), text.key


@pytest.mark.parametrize("line,shape", SPATIAL_LINES + [
    ('layers.UpSampling2D((2, 3), interpolation="bilinear", name="s")', "(4, 5, 3)"),
    ('layers.ZeroPadding2D(((1, 2), (3, 0)), name="s")', "(4, 5, 3)"),
    ('layers.Cropping2D(((1, 2), (3, 0)), name="s")', "(6, 7, 3)"),
])
def test_the_code_each_spatial_xray_shows_runs_and_gives_the_layers_output(line, shape):
    """The X-ray's code is ours (never the learner's), run here on the layer's real input."""
    call = call_of(floats(line, shape=shape), "s")
    scope = {"np": np, "x": call.x.astype(np.float64)}
    exec("\n".join(code_lines(xray(call).code, "en")), scope)
    np.testing.assert_allclose(scope["out"], call.y, atol=1e-5)


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
    # Dense alone takes any rank: leaving Flatten out breaks nothing, and the output keeps the positions (the
    # silent case, run as a changed model: explorer/live/breakit.py builds it in Keras)
    silent = mistakes(floats('layers.Flatten(name="flat")', 'layers.Dense(6, name="dense")', shape="(4, 5, 3)"), "flat")
    assert [m.key for m in silent] == ["dense_without_flatten"]
    assert dict(silent[0].params)["output"] == "(3, 4, 5, 6)" and dict(silent[0].params)["expected"] == "(3, 6)"
    assert [(e.action, e.at) for e in silent[0].edits] == [("remove", "flat")]
    assert (silent[0].fix.code, silent[0].fix.edit.action, silent[0].fix.edit.at) == (
        "layers.Flatten()", "insert_before", "dense")


def test_odd_size_offered_on_a_unet_and_raises_where_the_skip_joins():
    found = mistakes(UNET, "u1")
    assert [m.key for m in found] == ["odd_size"]
    params = dict(found[0].params)
    assert (params["odd"], params["before"], params["after"]) == ("(65, 65, 1)", "(2, 32, 32, 32)", "(2, 64, 64, 32)")
    assert params["failing"] == "m1" and params["received"] == "(2, 65, 65, 16), (2, 64, 64, 32)"
    with pytest.raises(ValueError, match="matching shapes except for the concatenation axis"):
        found[0].run()
    for lang in ("en", "zh"):
        for key in (found[0].title_key, found[0].why_key):
            assert "{" not in t(lang, key, **params)
    assert code_lines(found[0].code, "en")[0] == "keras.Input(shape=(65, 65, 1))  # ← was (64, 64, 1)"
    # an autoencoder without a skip: nothing joins, nothing to offer
    plain = floats('layers.MaxPooling2D(name="p")', 'layers.UpSampling2D(name="u")', shape="(8, 8, 1)")
    assert mistakes(plain, "u") == ()


def test_crop_as_size_is_keras_error_and_its_fix_gives_the_crop_back():
    code = floats('layers.Cropping2D(((1, 2), (3, 3)), name="crop")', shape="(28, 28, 1)")
    found = mistakes(code, "crop")
    assert [m.key for m in found] == ["crop_as_size"]
    assert found[0].broken.arg("cropping") == (25, 22) and dict(found[0].params)["kept"] == "(25, 22)"
    spec = read_code(code).spec
    broken = dataclasses.replace(spec, layers=(found[0].broken,))
    failure = describe(broken).failure
    assert "should be smaller than" in failure.message and failure.fix.code == "layers.Cropping2D(((1, 2), (3, 3)))"
    for lang in ("en", "zh"):
        for key in (found[0].title_key, found[0].why_key):
            assert "{" not in t(lang, key, **dict(found[0].params))
    # a crop of more than half the size: written as the size it keeps, it still leaves something, nothing breaks
    assert mistakes(floats('layers.Cropping1D((4, 4), name="crop")', shape="(10, 3)"), "crop") == ()


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


def _bilinear_sums(result, call):
    """The followed number: the 4 neighbours shown times their weights shown; the weights sum to 1."""
    neighbours, weights = result.grids[0], result.grids[1]
    yield float((neighbours.values * weights.values).sum()), note(result, "xray.upsampling.bilinear_value")["value"]
    yield float(weights.values.sum()), "1.000000"


def _plane(p):
    """Where the followed number stands in the output plane an image or a volume X-ray shows."""
    return (p[1], p[2]) if len(p) == 4 else (p[2], p[3])


XRAY_CASES += [
    XRayCase("upsampling1d", _floats('layers.UpSampling1D(3, name="u")', "(4, 5)"), "u", (1, 7, 3),
             sums=copied_from(0)),
    XRayCase("upsampling2d", _floats('layers.UpSampling2D((2, 3), name="u")', "(4, 5, 3)"), "u", (1, 5, 7, 2),
             where=_plane, sums=copied_from(0)),
    XRayCase("upsampling2d-bilinear", _floats('layers.UpSampling2D((2, 3), interpolation="bilinear", name="u")',
                                              "(4, 5, 3)"), "u", (1, 5, 8, 2), where=_plane, sums=_bilinear_sums),
    XRayCase("upsampling2d-bilinear-edge", _floats('layers.UpSampling2D(2, interpolation="bilinear", name="u")',
                                                   "(3, 3, 2)"), "u", (1, 5, 0, 1), where=_plane,
             sums=_bilinear_sums),
    XRayCase("upsampling3d", _floats('layers.UpSampling3D(name="u")', "(2, 3, 4, 2)"), "u", (1, 3, 5, 7, 1),
             where=_plane, sums=copied_from(0)),
    XRayCase("zeropadding1d", _floats('layers.ZeroPadding1D((2, 1), name="z")', "(5, 3)"), "z", (1, 4, 2),
             sums=copied_from(0)),
    XRayCase("zeropadding2d", _floats('layers.ZeroPadding2D(((1, 2), (3, 0)), name="z")', "(4, 5, 3)"), "z",
             (1, 2, 5, 2), where=_plane, sums=copied_from(0)),
    XRayCase("zeropadding2d-in-padding", _floats('layers.ZeroPadding2D(2, name="z")', "(4, 5, 3)"), "z",
             (1, 0, 3, 1), where=_plane),
    XRayCase("zeropadding3d", _floats('layers.ZeroPadding3D(1, name="z")', "(2, 3, 4, 2)"), "z", (1, 2, 2, 3, 1),
             where=_plane, sums=copied_from(0)),
    XRayCase("cropping1d", _floats('layers.Cropping1D((1, 2), name="c")', "(8, 3)"), "c", (1, 4, 2),
             sums=copied_from(0)),
    XRayCase("cropping2d", _floats('layers.Cropping2D(((1, 2), (3, 0)), name="c")', "(6, 7, 3)"), "c",
             (1, 2, 3, 2), where=_plane, sums=copied_from(0)),
    XRayCase("cropping3d", _floats('layers.Cropping3D(1, name="c")', "(4, 5, 6, 2)"), "c", (1, 1, 2, 3, 1),
             where=_plane, sums=copied_from(0)),
]


@pytest.mark.parametrize("case", XRAY_CASES, ids=cases_ids(XRAY_CASES))
def test_xray_agrees_with_itself(case):
    check_xray(case)
