"""The tests of the poolings, windowed and global (explorer/layers/pooling/): shapes, weights, formulas and
fixes against real Keras and the X-ray and common mistakes on real built models."""
from __future__ import annotations


import numpy as np
import pytest

from explorer.layers import REGISTRY, get_kind
from explorer.live.base import TOLERANCE
from explorer.shapes import describe
from explorer.spec import LayerSpec
from window_checks import assert_all_match, fix_tests, layer, model, xray_of
from layer_words import family_words, in_language
from live_models import live_functions, sequential
from family_checks import code_lines
from xray_consistency import MNIST, XRayCase, cases_ids, check_xray, fits, note


# -- shapes, weights and fixes (kinds.py) ------------------------------------------------------------------
WORDS = family_words("pooling", prefixes=("axis.", "fix."))  # the kinds' words (X-rays' ones aside)
WORDS_EN, WORDS_ZH = in_language(WORDS, "en"), in_language(WORDS, "zh")


def test_pooling_window_longer_than_the_input_fails():
    failure = describe(model((3, 4), layer("pool", "MaxPooling1D", "inp", pool_size=4))).failure
    assert "zero or negative" in failure.message
    assert failure.fix.key == "fix.pool_too_short"
    assert failure.fix.code == 'layers.MaxPooling1D(4, padding="same")'
    failure = describe(model((5, 1, 2), layer("pool", "AveragePooling2D", "inp", pool_size=2))).failure
    assert failure.fix.key == "fix.pool_too_short" and dict(failure.fix.params)["axis"] == "W"


def test_pooling_3d_on_an_image_is_keras_ndim_error_with_the_2d_fix():
    conv = layer("conv", "Conv2D", "inp", filters=8, kernel_size=3)
    failure = describe(model((32, 32, 3), conv, layer("pool", "MaxPool3D", "conv"))).failure
    assert "expected ndim=5, found ndim=4" in failure.message and failure.layer == "pool"
    assert (failure.fix.key, failure.fix.code) == ("fix.pool3d_use_2d", "layers.MaxPooling2D()")
    fixed = describe(model((32, 32, 3), conv, layer("pool", "MaxPooling2D", "conv")))
    assert fixed.ok and fixed.step("pool").output_shape == (None, 15, 15, 8)


def test_pooling_3d_names_depth_height_and_width():
    d = describe(model((8, 9, 10, 2), layer("pool", "MaxPooling3D", "inp", pool_size=(1, 3, 2))))
    assert d.step("pool").output_shape == (None, 8, 3, 5, 2)
    dims = d.step("pool").output_dims
    assert dims[1] == d.step("inp").output_dims[1] and dims[2:4] == ("H", "W")  # depth unchanged keeps its letter
    assert {a.letter: a.meaning_key for a in d.axes}["W"] == "axis.pool_width"
    assert describe(model((8, 9, 10, 2), layer("pool", "MaxPooling3D", "inp", pool_size=(2, 1, 1)))).step(
        "pool").output_dims[1] == "D"


EMBEDDING = LayerSpec("emb", "Embedding", (("input_dim", 100), ("output_dim", 8)))
DENSE = LayerSpec("dense", "Dense", (("units", 8),))
# (kind, args, input shape, producer) -> (fix key, fix code); every fix a pooling can give
FIXES = [
    ("AveragePooling1D", {}, (None, 20, 3), None, "fix.pool_size_required", "layers.AveragePooling1D(2)"),
    ("MaxPooling1D", {}, (None, 20), DENSE, "fix.pool_add_channel", "layers.Reshape((20, 1))"),
    ("MaxPooling2D", {}, (None, 28, 28), None, "fix.pool_add_channel", "layers.Reshape((28, 28, 1))"),
    ("MaxPooling2D", {"pool_size": (3, 3)}, (None, 50, 8), EMBEDDING, "fix.pool2d_use_1d", "layers.MaxPooling1D(3)"),
    ("AveragePooling1D", {"pool_size": 2}, (None, 8, 8, 3), None, "fix.pool1d_use_2d", "layers.AveragePooling2D(2)"),
    ("MaxPooling1D", {"pool_size": 4}, (None, 3, 5), None, "fix.pool_too_short",
     'layers.MaxPooling1D(4, padding="same")'),
    ("GlobalMaxPooling1D", {}, (None, 64), DENSE, "fix.global_pool_flat", ""),
    ("GlobalAveragePooling2D", {}, (None, 50, 8), EMBEDDING,
     "fix.global_pool_use_other", "layers.GlobalAveragePooling1D()"),
    ("GlobalMaxPooling1D", {"keepdims": True}, (None, 8, 8, 3), None,
     "fix.global_pool_use_other", "layers.GlobalMaxPooling2D(keepdims=True)"),
    # 3-D pooling on an image (after a layer, or with a few channels): its 2-D sibling
    ("MaxPooling3D", {}, (None, 30, 30, 8), LayerSpec("conv", "Conv2D", (("filters", 8), ("kernel_size", 3))),
     "fix.pool3d_use_2d", "layers.MaxPooling2D()"),
    ("AveragePooling3D", {"pool_size": (2, 2, 2)}, (None, 32, 32, 3), None, "fix.pool3d_use_2d",
     "layers.AveragePooling2D(2)"),
    # a volume given as a model input without its channel axis
    ("MaxPooling3D", {}, (None, 64, 64, 64), None, "fix.pool_add_channel", "layers.Reshape((64, 64, 64, 1))"),
    ("MaxPooling2D", {"pool_size": (2, 3)}, (None, 8, 8, 8, 3), None, "fix.pool_use_3d", "layers.MaxPooling3D(2)"),
    ("MaxPooling3D", {}, (None, 50, 8), EMBEDDING, "fix.pool2d_use_1d", "layers.MaxPooling1D()"),
    ("AveragePooling3D", {}, (None, 8, 8, 8, 3), None, "fix.pool_size_required", "layers.AveragePooling3D(2)"),
    ("GlobalAveragePooling3D", {}, (None, 7, 7, 64), None, "fix.global_pool_use_other",
     "layers.GlobalAveragePooling2D()"),
    ("GlobalMaxPooling2D", {}, (None, 4, 5, 6, 2), None, "fix.global_pool_use_other", "layers.GlobalMaxPooling3D()"),
]


test_each_fix, test_every_fix_key_of_the_catalog_is_given_by_some_case = fix_tests(FIXES, WORDS_EN)


def test_the_axis_words_are_the_kinds_meanings():  # both languages of every word: tests/test_text.py
    meanings = {m for kind in ("MaxPooling1D", "AveragePooling2D", "MaxPooling3D")
                for m in REGISTRY[kind].spatial_meanings}
    assert meanings | {"axis.kept"} == {k for k in WORDS_EN if k.startswith("axis.")}


# -- X-ray and common mistakes (xray.py) -------------------------------------------------------------------
LIVE_WORDS = family_words("pooling", prefixes=("xray.", "mistake."))
LIVE_EN, LIVE_ZH = in_language(LIVE_WORDS, "en"), in_language(LIVE_WORDS, "zh")


def floats(shape: str, *lines: str, batch: int = 2) -> str:
    return sequential(*lines, input_shape=shape, dtype="float32", batch=batch)


# -- pooling -------------------------------------------------------------------------------------------
POOL = {
    "max1_valid": ("(13, 4)", 'layers.MaxPooling1D(3, strides=2, name="pool")'),
    "max1_same": ("(13, 4)", 'layers.MaxPooling1D(4, strides=3, padding="same", name="pool")'),
    "avg1_valid": ("(13, 4)", 'layers.AveragePooling1D(3, name="pool")'),
    "avg1_same": ("(13, 4)", 'layers.AveragePooling1D(4, strides=3, padding="same", name="pool")'),
    "max2_valid": ("(9, 8, 3)", 'layers.MaxPooling2D(name="pool")'),
    "max2_same": ("(9, 8, 3)", 'layers.MaxPooling2D((3, 2), strides=2, padding="same", name="pool")'),
    "avg2_valid": ("(9, 8, 3)", 'layers.AveragePooling2D(3, strides=(2, 1), name="pool")'),
    "avg2_same": ("(9, 8, 3)", 'layers.AveragePooling2D(3, strides=2, padding="same", name="pool")'),
    "max3_valid": ("(4, 5, 6, 3)", 'layers.MaxPooling3D(name="pool")'),
    "max3_same": ("(4, 5, 6, 3)", 'layers.MaxPool3D((1, 3, 2), strides=2, padding="same", name="pool")'),
    "avg3_valid": ("(4, 5, 6, 3)", 'layers.AveragePooling3D(2, strides=(1, 2, 2), name="pool")'),
    "avg3_same": ("(4, 5, 6, 3)", 'layers.AvgPool3D(3, strides=2, padding="same", name="pool")'),
}


@pytest.mark.parametrize("case", sorted(POOL))
def test_pooling_matches_keras(case):
    shape, line = POOL[case]
    call, xray = xray_of(floats(shape, line), "pool", (1, 2, 2, 1))
    assert_all_match(call, xray)


def test_average_pooling_same_counts_only_real_values():
    """T = 13, pool 4, stride 3, same: 1 zero before, 2 after; the last window holds 2 real steps."""
    call, xray = xray_of(floats("(13, 4)", POOL["avg1_same"][1]), "pool", (0, 4, 2))
    window = xray.grids[0]
    assert window.rows == ("11", "12", "13", "14")  # 13 and 14 are padding
    assert np.isnan(window.values[2:]).all()
    assert abs(float(call.x[0, 11:13, 2].astype(np.float64).mean()) - call.y[0, 4, 2]) < TOLERANCE
    gap = next(n for n in xray.notes if n.key == "xray.pooling.same_average")
    assert float(dict(gap.params)["diff"]) > 1e-3  # counting the zeros would be visibly wrong
    value = next(n for n in xray.notes if n.key == "xray.pooling.value_avg")
    assert (dict(value.params)["real"], dict(value.params)["taps"]) == ("2", "4")


def test_max_pooling_window_and_value_taken():
    call, xray = xray_of(floats("(13, 4)", POOL["max1_valid"][1]), "pool", (1, 4, 3))
    window = xray.grids[0]
    assert window.rows == ("8", "9", "10")
    np.testing.assert_array_equal(window.values, call.x[1, 8:11, :])
    top = int(np.argmax(call.x[1, 8:11, 3]))
    assert window.marks == ((top, 3),)
    assert call.y[1, 4, 3] == call.x[1, 8 + top, 3]


def test_pooling_3d_window_is_shown_as_depth_and_row_by_column():
    """pool (2, 2, 2) valid: out[1, 1, 1, 2, c] reads depths 2-3, rows 2-3, columns 4-5."""
    call, xray = xray_of(floats("(4, 5, 6, 3)", POOL["max3_valid"][1]), "pool", (1, 1, 1, 2, 2))
    window = xray.grids[0]
    assert window.rows == ("2,2", "2,3", "3,2", "3,3") and window.cols == ("4", "5")
    np.testing.assert_array_equal(window.values, call.x[1, 2:4, 2:4, 4:6, 2].reshape(4, 2))
    assert call.y[1, 1, 1, 2, 2] == call.x[1, 2:4, 2:4, 4:6, 2].max()
    r, c = window.marks[0]
    assert window.values[r, c] == call.y[1, 1, 1, 2, 2]


@pytest.mark.parametrize("case", ["max3_valid", "max3_same", "avg3_valid", "avg3_same", "max2_same", "avg1_same"])
def test_the_code_a_pooling_xray_shows_runs_and_gives_the_layers_output(case):
    """The X-ray's code is ours (never the learner's), run here on the layer's real input."""
    shape, line = POOL[case]
    call, result = xray_of(floats(shape, line), "pool")
    scope = {"np": np, "x": call.x.astype(np.float64)}
    exec("\n".join(code_lines(result.code, "en")), scope)
    np.testing.assert_allclose(scope["out"], call.y, atol=1e-5)


GLOBAL = ("GlobalMaxPooling1D", "GlobalAveragePooling1D", "GlobalMaxPooling2D", "GlobalAveragePooling2D",
          "GlobalMaxPooling3D", "GlobalAveragePooling3D")


@pytest.mark.parametrize("keepdims", (False, True))
@pytest.mark.parametrize("cls", GLOBAL)
def test_global_pooling_matches_keras(cls, keepdims):
    shape = {"1D": "(13, 4)", "2D": "(5, 6, 4)", "3D": "(3, 4, 5, 4)"}[cls[-2:]]
    call, xray = xray_of(floats(shape, f'layers.{cls}(keepdims={keepdims}, name="pool")'), "pool", (1, 0, 0, 2))
    assert_all_match(call, xray)
    assert call.y.ndim == (call.x.ndim if keepdims else 2)
    column = call.x[1, ..., 2].astype(np.float64)
    expected = column.max() if "Max" in cls else column.mean()
    assert abs(expected - call.y.reshape(call.y.shape[0], -1)[1, 2]) < TOLERANCE


def test_registered_for_every_kind(monkeypatch):
    for cls in ("MaxPooling1D", "AveragePooling1D", "MaxPooling2D", "AveragePooling2D", "MaxPooling3D",
                "AveragePooling3D", *GLOBAL):
        assert get_kind(cls).has_xray
    assert {cls: live_functions(cls, monkeypatch) for cls in GLOBAL} == {cls: ("global_pool_xray",) for cls in GLOBAL}


def test_the_live_words_are_this_familys():  # both languages of every word: tests/test_text.py
    assert LIVE_EN and [key for key in LIVE_EN if not key.startswith(("xray.pooling.", "mistake."))] == []


# -- the X-ray agrees with itself (tests/xray_consistency.py) ------------------------------------------------
def _followed_channel(xray, call):
    """The followed channel's numbers in the first window (padding empty: NaN): its column in a (positions,
    channels) window, or the whole window when it shows that channel alone."""
    g, channel = xray.grids[0], call.picked()[-1]
    if call.x.ndim == 3:
        return g.values[:, list(g.cols).index(str(channel))], g, len(g.rows)
    return g.values.ravel(), g, g.values.size


def _pool_sums(xray, call):
    mode = "max" if "Max" in call.spec.kind else "avg"
    value = note(xray, {"max": "xray.pooling.value_max", "avg": "xray.pooling.value_avg"}[mode])
    numbers, g, shown = _followed_channel(xray, call)
    assert shown == int(value["taps"]) or not fits(g), "a pooling window small enough to show is cut"
    if shown == int(value["taps"]):
        yield float(np.nanmax(numbers) if mode == "max" else np.nanmean(numbers)), value["value"]


def _global_sums(xray, call):
    mode = "max" if "Max" in call.spec.kind else "avg"
    value = note(xray, {"max": "xray.pooling.global_value_max", "avg": "xray.pooling.global_value_avg"}[mode])
    numbers, _, shown = _followed_channel(xray, call)
    if shown == int(value["count"]):
        yield float(numbers.max() if mode == "max" else numbers.mean()), value["value"]


XRAY_CASES = [
    XRayCase("mnist-maxpool2d", MNIST, "max_pooling2d", (1, 7, 11, 0), where=lambda p: (p[1], p[2]),
             sums=_pool_sums),
    XRayCase("mnist-maxpool2d-odd", MNIST, "max_pooling2d_1", (1, 4, 4, 5), where=lambda p: (p[1], p[2]),
             sums=_pool_sums),
    XRayCase("avgpool2d-3x3-same", sequential('layers.AveragePooling2D(3, strides=2, padding="same", name="p")',
                                              input_shape="(7, 8, 3)", dtype="float32", batch=2),
             "p", (1, 3, 0, 2), where=lambda p: (p[1], p[2]), sums=_pool_sums),
    XRayCase("maxpool1d", sequential('layers.MaxPooling1D(3, name="p")', input_shape="(9, 4)", dtype="float32"),
             "p", (1, 2, 3), sums=_pool_sums),
    XRayCase("avgpool1d-same", sequential('layers.AveragePooling1D(4, padding="same", name="p")',
                                          input_shape="(9, 10)", dtype="float32"), "p", (2, 2, 8), sums=_pool_sums),
    XRayCase("maxpool3d", sequential('layers.MaxPooling3D(name="p")', input_shape="(4, 5, 6, 3)", dtype="float32"),
             "p", (1, 1, 1, 2, 2), where=lambda p: (p[2], p[3]), sums=_pool_sums),
    XRayCase("avgpool3d-same", sequential('layers.AveragePooling3D(2, strides=(1, 2, 2), padding="same", name="p")',
                                          input_shape="(3, 5, 6, 2)", dtype="float32"),
             "p", (1, 2, 2, 2, 1), where=lambda p: (p[2], p[3]), sums=_pool_sums),
    XRayCase("global-max-3d", sequential('layers.GlobalMaxPool3D(name="p")', input_shape="(2, 3, 4, 3)",
                                         dtype="float32"), "p", (1, 2), where=lambda p: (0, p[-1]),
             sums=_global_sums),
    XRayCase("global-avg-3d-keepdims", sequential('layers.GlobalAvgPool3D(keepdims=True, name="p")',
                                                  input_shape="(2, 2, 3, 4)", dtype="float32"), "p", (1, 0, 0, 0, 3),
             where=lambda p: (0, p[-1]), sums=_global_sums),
    XRayCase("global-avg-1d", sequential('layers.GlobalAveragePooling1D(name="p")', input_shape="(6, 4)",
                                         dtype="float32"), "p", (1, 2), where=lambda p: (0, p[-1]),
             sums=_global_sums),
    XRayCase("global-max-1d", sequential('layers.GlobalMaxPooling1D(name="p")', input_shape="(12, 9)",
                                         dtype="float32"), "p", (1, 8), where=lambda p: (0, p[-1]),
             sums=_global_sums),
    XRayCase("global-avg-2d-keepdims", sequential('layers.GlobalAveragePooling2D(keepdims=True, name="p")',
                                                  input_shape="(3, 4, 5)", dtype="float32"), "p", (1, 0, 0, 4),
             where=lambda p: (0, p[-1]), sums=_global_sums),
    XRayCase("global-max-2d", sequential('layers.GlobalMaxPooling2D(name="p")', input_shape="(4, 5, 3)",
                                         dtype="float32"), "p", (1, 2), where=lambda p: (0, p[-1]),
             sums=_global_sums),
]


@pytest.mark.parametrize("case", XRAY_CASES, ids=cases_ids(XRAY_CASES))
def test_xray_agrees_with_itself(case):
    check_xray(case)
