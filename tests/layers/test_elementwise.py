"""The tests of the layers that keep the shape (explorer/layers/elementwise/: Activation, ReLU, LeakyReLU,
PReLU, ELU, Softmax, Identity, Dropout, SpatialDropout1D/2D/3D, GaussianNoise, GaussianDropout, Masking and
the Batch, Layer, Unit and Group normalizations): shapes, weights, formulas and fixes against real Keras and
the X-ray and common mistakes on real built models."""
from __future__ import annotations

import dataclasses

import keras
import numpy as np
import pytest

from explorer.i18n import t
from explorer.layers import get_kind, layer_code
from explorer.live import base as live_base
from explorer.live.trace import run_trace
from explorer.live.xrays import layer_call
from explorer.reader.code import read_code
from explorer.shapes import describe
from family_checks import catalog_tests, chain, mistakes, note, texts, xray
from layer_words import family_words, in_language
from live_models import call_of, sequential, traced
from xray_consistency import MNIST, XRayCase, cases_ids, check_xray, marked
from xray_consistency import note as xnote


# -- shapes, weights and fixes (kinds.py) ------------------------------------------------------------------
WORDS_EN = in_language(family_words("elementwise", prefixes=("axis.", "fix.")), "en")  # the kinds' words
LEAD_KEYS = {"fix.fixed_length"}  # defined in explorer/i18n/model.py, shared with explorer/diagnose.py


def test_spatial_dropout_needs_three_axes():
    f = describe(chain((64,), ("drop", "SpatialDropout1D", {"rate": 0.2}))).failure
    assert f.layer == "drop" and f.cause.key == "cause.ndim" and dict(f.cause.params)["expected"] == "3"


@pytest.mark.parametrize("kind,center,scale,symbolic,params", [
    ("BatchNormalization", True, True, "4 × F", 256),
    ("BatchNormalization", False, True, "3 × F", 192),
    ("BatchNormalization", False, False, "2 × F", 128),
    ("LayerNormalization", True, True, "2 × F", 128),
    ("LayerNormalization", True, False, "F", 64),
])
def test_normalization_formulas_count_what_keras_counts(kind, center, scale, symbolic, params):
    d = describe(chain((50, 64), ("norm", kind, {"center": center, "scale": scale})))
    step = d.step("norm")
    assert step.formula.symbolic == symbolic and step.params == params
    real = getattr(keras.layers, kind)(center=center, scale=scale)
    real.build((None, 50, 64))
    assert real.count_params() == params
    assert [w.name for w in real.weights] == [w.name for w in step.weights]


def test_normalization_on_an_unknown_axis_fails_before_keras_build():
    f = describe(chain((50, None), ("norm", "BatchNormalization", {}))).failure
    assert f.layer == "norm" and f.cause.key == "cause.unknown_size"
    assert f.fix.key == "fix.norm_unknown_axis"
    with pytest.raises(ValueError, match="fully-defined"):
        keras.layers.BatchNormalization()(keras.Input((50, None)))
    f = describe(chain((50, 64), ("norm", "LayerNormalization", {"axis": 3}))).failure
    assert f.fix.key == "fix.norm_axis" and f.fix.code == "axis=-1"


def builds(code: str, shape: tuple) -> tuple:
    """The output shape of the layer a fix writes (`layers.X(...)`), built by Keras on keras.Input(shape)."""
    return tuple(eval(code, {"layers": keras.layers})(keras.Input(shape)).shape)  # our own fix text


def failure(shape, kind, **args):
    return describe(chain(shape, ("layer", kind, args))).failure


@pytest.mark.parametrize("shape,shared,dims,symbolic,params", [
    ((28, 28, 32), None, ("H", "W", "C"), "H × W × C", 25088),
    ((28, 28, 32), (1, 2), ("1", "1", "C"), "C", 32),
    ((28, 28, 32), 3, ("H", "W", "1"), "H × W", 784),
    ((None, 8), (1,), ("1", "F"), "F", 8),
    ((5,), (1,), ("1",), "1", 1),
])
def test_prelu_counts_what_keras_counts(shape, shared, dims, symbolic, params):
    """alpha has the input's shape without the batch, 1 along shared_axes: Keras's count_params()."""
    args = {} if shared is None else {"shared_axes": shared}
    step = describe(chain(shape, ("act", "PReLU", args))).step("act")
    assert step.formula.symbolic == symbolic and step.params == params
    assert [w.dims for w in step.weights] == [dims]
    real = keras.layers.PReLU(**args)
    real.build((None,) + shape)
    assert real.count_params() == params and [tuple(w.shape) for w in real.weights] == [step.weights[0].shape]


def test_prelu_on_an_unknown_axis_shares_it():
    f = failure((None, 8), "PReLU")
    assert f.origin == "explorer" and f.cause.key == "cause.unknown_size"
    assert f.fix.key == "fix.prelu_unknown_axis" and f.fix.code == "layers.PReLU(shared_axes=[1])"
    with pytest.raises(ValueError, match="fully-defined"):
        keras.layers.PReLU()(keras.Input((None, 8)))
    assert builds(f.fix.code, (None, 8)) == (None, None, 8)
    f = failure((None, None, 8), "PReLU", shared_axes=(1,))
    assert f.fix.code == "layers.PReLU(shared_axes=[1, 2])" and builds(f.fix.code, (None, None, 8))


def test_prelu_shared_axes_must_exist():
    f = failure((5, 4), "PReLU", shared_axes=(1, 3))
    assert f.fix.key == "fix.prelu_shared_range" and f.fix.code == "shared_axes=[1]"
    with pytest.raises(IndexError):
        keras.layers.PReLU(shared_axes=[1, 3]).build((None, 5, 4))


@pytest.mark.parametrize("shape,kind,args,code,out", [
    ((50, 64), "SpatialDropout2D", {"rate": 0.2}, "layers.SpatialDropout1D(0.2)", (None, 50, 64)),
    ((64,), "SpatialDropout2D", {"rate": 0.5}, "layers.Dropout(0.5)", (None, 64)),
    ((8, 8, 3), "SpatialDropout3D", {"rate": 0.1}, "layers.SpatialDropout2D(0.1)", (None, 8, 8, 3)),
    ((4, 8, 8, 3), "SpatialDropout2D", {"rate": 0.3}, "layers.SpatialDropout3D(0.3)", (None, 4, 8, 8, 3)),
    ((64,), "SpatialDropout1D", {"rate": 0.2}, "layers.Dropout(0.2)", (None, 64)),
])
def test_spatial_dropout_of_the_wrong_rank_gets_the_one_that_fits(shape, kind, args, code, out):
    f = failure(shape, kind, **args)
    expected = {"SpatialDropout1D": "3", "SpatialDropout2D": "4", "SpatialDropout3D": "5"}[kind]
    assert f.cause.key == "cause.ndim" and dict(f.cause.params)["expected"] == expected
    assert (f.fix.key, f.fix.code) == ("fix.spatial_dropout_rank", code)
    assert builds(code, shape) == out


@pytest.mark.parametrize("channels,groups,args,code", [
    (3, 32, {}, "layers.GroupNormalization(groups=3)"),
    (6, 4, {"groups": 4}, "layers.GroupNormalization(groups=3)"),
    (16, 6, {"groups": 6, "epsilon": 0.01}, "layers.GroupNormalization(epsilon=0.01, groups=4)"),
])
def test_group_normalization_needs_channels_that_divide_by_groups(channels, groups, args, code):
    f = failure((8, 8, channels), "GroupNormalization", **args)
    assert f.origin == "explorer" and f.layer == "layer"
    assert (f.fix.key, f.fix.code) == ("fix.group_norm_groups", code)
    assert dict(f.fix.params)["channels"] == str(channels) and dict(f.fix.params)["groups"] == str(groups)
    with pytest.raises(ValueError, match="Number of groups"):
        keras.layers.GroupNormalization(**args)(keras.Input((8, 8, channels)))
    assert builds(code, (8, 8, channels)) == (None, 8, 8, channels)


def test_group_normalization_with_one_group_per_channel_and_an_unknown_axis():
    assert describe(chain((8, 8, 6), ("gn", "GroupNormalization", {"groups": -1}))).step("gn").params == 12
    assert failure((8, None), "GroupNormalization", groups=2).fix.key == "fix.norm_unknown_axis"


@pytest.mark.parametrize("kind", ["Softmax", "UnitNormalization"])
def test_an_axis_out_of_range_is_refused(kind):
    f = failure((5, 4), kind, axis=3)
    assert (f.fix.key, f.fix.code) == ("fix.axis_range", "axis=-1")
    assert describe(chain((5, 4), ("layer", kind, {"axis": -3}))).ok


def test_leaky_relu_takes_keras_2s_alpha_and_writes_negative_slope():
    spec = read_code(sequential('layers.LeakyReLU(alpha=slope, name="act")', input_shape="(4,)", dtype="float32")
                     .replace("import keras\n", "import keras\nslope = 0.1\n")).spec
    layer = spec.layer("act")
    assert layer_code(layer) == "layers.LeakyReLU(negative_slope=slope)"
    assert get_kind("LeakyReLU").keras_args(layer) == {"negative_slope": 0.1}
    with pytest.warns(UserWarning, match="alpha"):
        assert keras.layers.LeakyReLU(alpha=0.1).negative_slope == 0.1  # Keras 3 still reads it


FAILING = [
    chain((5, None), ("n", "LayerNormalization", {})),
    chain((5, 8), ("n", "BatchNormalization", {"axis": 4})),
    chain((5, 8), ("n", "Softmax", {"axis": 3})),
    chain((8, 8, 3), ("n", "GroupNormalization", {})),
    chain((None, 8), ("n", "PReLU", {})),
    chain((5, 8), ("n", "PReLU", {"shared_axes": (3,)})),
    chain((50, 64), ("n", "SpatialDropout2D", {"rate": 0.2})),
    chain((4, 4, 3), ("n", "Dropout", {"rate": 0.2, "noise_shape": (None, 1, 1)})),
]
OK = [
    chain((28, 28, 32), ("a", "LeakyReLU", {}), ("b", "PReLU", {"shared_axes": (1, 2)}), ("c", "ELU", {}),
          ("d", "GaussianNoise", {"stddev": 0.1}), ("e", "GaussianDropout", {"rate": 0.1}),
          ("f", "SpatialDropout2D", {"rate": 0.1}), ("g", "GroupNormalization", {"groups": 8}),
          ("h", "UnitNormalization", {}), ("i", "Identity", {}), ("j", "Softmax", {})),
    chain((50, 8), ("m", "Masking", {}), ("s", "SpatialDropout1D", {"rate": 0.2})),
]


(test_every_fix_key_exists_and_fills, test_every_axis_meaning_key_exists,
 test_every_string_of_the_catalog_is_used) = catalog_tests(
    OK, FAILING, WORDS_EN, LEAD_KEYS)


# -- Dropout's noise_shape ---------------------------------------------------------------------------------
@pytest.mark.parametrize("noise,fits", [
    ((None, 1, 1, 1), True), ((None, 1, 1, 3), True), ((None, 4, 4, 3), True),
    ((None, 1, 1), False), ((None, 2, 1, 1), False), ((2, 1, 1, 3), "batch 2 only"),
])
def test_dropout_noise_shape_follows_keras_in_training(noise, fits):
    """Keras: at inference any noise_shape passes x through; in training a mask that does not broadcast against the
    input fails. The explorer refuses those, and its fix runs in training. A fixed batch size in noise_shape trains
    only on batches of that size: refused where the model's batch is not fixed."""
    x = np.ones((2, 4, 4, 3), "float32")
    layer = keras.layers.Dropout(0.5, noise_shape=noise, seed=1)
    assert np.array_equal(np.asarray(layer(x, training=False)), x)
    try:
        layer(x, training=True)
        keras_trains = True
    except Exception:  # TensorFlow's InvalidArgumentError: "must be broadcastable"
        keras_trains = False
    assert keras_trains == bool(fits)
    if fits == "batch 2 only":
        with pytest.raises(Exception, match="broadcastable"):
            layer(np.ones((3, 4, 4, 3), "float32"), training=True)
        fits = False
    d = describe(chain((4, 4, 3), ("drop", "Dropout", {"rate": 0.5, "noise_shape": noise})))
    assert d.ok == fits
    if not fits:
        assert d.failure.origin == "explorer" and d.failure.fix.key == "fix.dropout_noise_shape"
        spec = read_code(floats(d.failure.fix.code, shape="(4, 4, 3)")).spec
        fixed = spec.layers[0].arg("noise_shape")
        keras.layers.Dropout(0.5, noise_shape=fixed, seed=1)(x, training=True)


def test_dropout_noise_shape_drops_whole_samples_in_training_and_nothing_at_inference():
    code = floats('layers.Dropout(0.5, noise_shape=(None, 1, 1, 1), seed=3, name="drop")', shape="(4, 4, 3)")
    spec = read_code(code).spec
    assert spec.layer("drop").arg("noise_shape") == (None, 1, 1, 1)
    assert describe(spec).step("drop").code == "layers.Dropout(0.5, noise_shape=(None, 1, 1, 1), seed=3)"
    _, _, model, _ = traced(code)
    x = np.ones((6, 4, 4, 3), "float32")
    trained = np.asarray(model.get_layer("drop")(x, training=True))
    assert all(len(np.unique(sample)) == 1 for sample in trained)  # each sample kept (×2) or dropped whole
    call = call_of(code, "drop", (1, 2, 3, 1))
    result = xray(call)
    assert result.checks[0].diff == 0.0 and np.array_equal(call.x, call.y)
    assert note(result, "xray.dropout.training_noise_shape")["mask"] == "(B, 1, 1, 1)"


# -- X-ray and common mistakes (xray.py) -------------------------------------------------------------------
LIVE_WORDS = family_words("elementwise", prefixes=("xray.", "mistake."))
LIVE_EN, LIVE_ZH = in_language(LIVE_WORDS, "en"), in_language(LIVE_WORDS, "zh")


def floats(*lines: str, shape: str) -> str:
    return sequential(*lines, input_shape=shape, dtype="float32")


# -- elementwise ---------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["relu", "softmax", "gelu"])
def test_activation_matches_keras(name):
    call = call_of(floats('layers.Dense(8, name="dense")', f'layers.Activation("{name}", name="act")', shape="(5, 6)"),
                   "act", (1, 2, 3))
    result = xray(call)
    if name == "softmax":
        assert np.allclose(call.y.sum(axis=-1), 1.0, atol=1e-6)
    if name == "relu":
        assert float(note(result, "xray.activation.where")["value"]) == pytest.approx(max(float(call.x[1, 2, 3]), 0),
                                                                                       abs=1e-3)


@pytest.mark.parametrize("kwargs,expected", [
    ({}, [0.0, 0.0, 0.5, 3.0, 8.0]),
    ({"max_value": 6.0}, [0.0, 0.0, 0.5, 3.0, 6.0]),
    ({"negative_slope": 0.1}, [-0.2, 0.0, 0.5, 3.0, 8.0]),
    ({"max_value": 6.0, "negative_slope": 0.1, "threshold": 1.0}, [-0.3, -0.1, -0.05, 3.0, 6.0]),
])
def test_relu_matches_keras(kwargs, expected):
    from explorer.layers.elementwise.xray import relu

    x = np.array([-2.0, 0.0, 0.5, 3.0, 8.0])
    layer = keras.layers.ReLU(**kwargs)
    args = ", ".join(f"{k}={v}" for k, v in kwargs.items())
    assert np.allclose(np.asarray(layer(x[None].astype("float32")))[0], expected, atol=1e-6)
    assert np.allclose(relu(x, layer.max_value, layer.negative_slope, layer.threshold), expected)
    call = call_of(floats('layers.Dense(8, name="dense")', f'layers.ReLU({args}{", " if args else ""}name="relu")',
                          shape="(5, 6)"), "relu", (1, 2, 3))
    result = xray(call)
    assert get_kind("ReLU").keeps_rank  # a lost time axis stays lost through it (explorer/diagnose.py)
    assert float(note(result, "xray.relu.where")["x"]) == pytest.approx(float(call.x[1, 2, 3]), abs=1e-3)


def test_an_unknown_activation_is_not_checked():
    call = call_of(floats('layers.Activation("relu", name="act")', shape="(5, 6)"), "act")
    spec = dataclasses.replace(call.spec, args=(("activation", "made_up"),))
    result = get_kind("Activation").xray(dataclasses.replace(call, spec=spec))
    assert result.checks == () and result.notes[0].key == "xray.activation.unchecked"


@pytest.mark.parametrize("cls", ["Dropout", "SpatialDropout1D"])
def test_dropout_is_the_identity_at_inference(cls):
    call = call_of(floats(f'layers.{cls}(0.5, name="drop")', shape="(5, 6)"), "drop", (1, 1, 1))
    result = xray(call)
    assert result.checks[0].diff == 0.0
    assert any(n.key.startswith("xray.dropout.training") and dict(n.params)["scale"] == "2" for n in result.notes)


def test_batchnorm_uses_the_moving_statistics():
    code = floats('layers.BatchNormalization(epsilon=0.01, name="bn_stats")', shape="(5, 4)")
    spec, desc, model, _ = traced(code)
    layer = model.get_layer("bn_stats")
    layer.moving_mean.assign(np.array([0.5, -1.0, 2.0, 0.0], dtype=np.float32))
    layer.moving_variance.assign(np.array([4.0, 0.25, 1.0, 9.0], dtype=np.float32))
    layer.gamma.assign(np.array([1.5, 0.5, -2.0, 1.0], dtype=np.float32))
    layer.beta.assign(np.array([0.1, 0.2, 0.3, -0.4], dtype=np.float32))
    call = layer_call(model, spec, desc, run_trace(model, spec, desc), "bn_stats", (1, 2, 2))
    result = xray(call)
    x = float(call.x[1, 2, 2])
    assert float(call.y[1, 2, 2]) == pytest.approx(-2.0 * (x - 2.0) / np.sqrt(1.0 + 0.01) + 0.3, abs=1e-5)
    assert note(result, "xray.batchnorm.where")["mean"] == "2"


def test_batchnorm_without_center_and_scale():
    call = call_of(floats('layers.BatchNormalization(axis=1, center=False, scale=False, name="bn_plain")',
                          shape="(5, 4)"), "bn_plain", (0, 3, 1))
    assert note(xray(call), "xray.batchnorm.off")["weights"] == "gamma, beta"


def test_layernorm_normalizes_each_sample():
    call = call_of(floats('layers.Dense(6, name="dense")', 'layers.LayerNormalization(name="ln")', shape="(5, 4)"),
                   "ln", (2, 1, 3))
    result = xray(call)
    row = call.x[2, 1].astype(np.float64)
    assert float(note(result, "xray.layernorm.where")["mean"].strip("()")) == pytest.approx(row.mean(), abs=1e-3)
    assert call.y[2, 1].mean() == pytest.approx(0.0, abs=1e-5)


def test_a_big_batch_is_recomputed_on_fewer_samples(monkeypatch):
    call = call_of(floats('layers.LayerNormalization(name="ln")', shape="(5, 4)"), "ln", (2, 1, 3))
    monkeypatch.setattr(live_base, "XRAY_BYTES", 8 * 6 * 20)  # one sample's copies
    result = xray(call)
    assert dict(result.notes[0].params) == {"n": "1", "batch": "3"}


@pytest.mark.parametrize("line,expected", [
    ("layers.LeakyReLU()", [-0.6, -0.15, 0.0, 0.5, 3.0]),
    ("layers.LeakyReLU(negative_slope=2.0)", [-4.0, -1.0, 0.0, 0.5, 3.0]),
    ("layers.ELU()", [np.expm1(-2.0), np.expm1(-0.5), 0.0, 0.5, 3.0]),
    ("layers.ELU(alpha=0.5)", [0.5 * np.expm1(-2.0), 0.5 * np.expm1(-0.5), 0.0, 0.5, 3.0]),
])
def test_leaky_relu_and_elu_match_keras(line, expected):
    x = np.array([[-2.0, -0.5, 0.0, 0.5, 3.0]], dtype="float32")
    assert np.allclose(np.asarray(eval(line, {"layers": keras.layers})(x))[0], expected, atol=1e-6)
    name = line.split("(")[0].split(".")[1]
    args = line.split("(")[1].rstrip(")")
    call = call_of(floats('layers.Dense(8, name="dense")', f'layers.{name}({args}{", " if args else ""}name="act")',
                          shape="(5, 6)"), "act", (1, 2, 3))
    where = note(xray(call), "xray.leaky_relu.where" if name == "LeakyReLU" else "xray.elu.where")
    assert float(where["x"]) == pytest.approx(float(call.x[1, 2, 3]), abs=1e-3)


def test_prelu_uses_its_learned_alpha():
    code = floats('layers.PReLU(shared_axes=[1], name="prelu")', shape="(5, 4)")
    call = call_of(code, "prelu", (1, 2, 3))
    assert any(n.key == "xray.prelu.zeros" for n in xray(call).notes)  # Keras starts alpha at 0: a ReLU
    spec, desc, model, _ = traced(code)
    layer = model.get_layer("prelu")
    layer.alpha.assign(np.array([[0.5, -1.0, 2.0, 0.25]], dtype=np.float32))
    call = layer_call(model, spec, desc, run_trace(model, spec, desc), "prelu", (1, 2, 3))
    result = xray(call)
    x = call.x.astype(np.float64)
    assert np.allclose(call.y, np.where(x > 0, x, np.array([0.5, -1.0, 2.0, 0.25]) * x), atol=1e-6)
    assert note(result, "xray.prelu.where")["at"] == "[0, 3]" and note(result, "xray.prelu.where")["alpha"] == "0.25"
    assert note(result, "xray.prelu.shared")["letters"] == "T"
    assert not any(n.key == "xray.prelu.zeros" for n in result.notes)


@pytest.mark.parametrize("axis", [-1, 1])
def test_softmax_sums_to_one_along_its_axis(axis):
    call = call_of(floats('layers.Dense(6, name="dense")', f'layers.Softmax(axis={axis}, name="soft")', shape="(5, 4)"),
                   "soft", (1, 2, 3))
    result = xray(call)
    assert np.allclose(call.y.sum(axis=axis), 1.0, atol=1e-6)
    assert note(result, "xray.softmax.where")["size"] == ("6" if axis == -1 else "5")


@pytest.mark.parametrize("axis", [-1, 1])
def test_unit_normalization_gives_length_one(axis):
    call = call_of(floats('layers.Dense(6, name="dense")', f'layers.UnitNormalization(axis={axis}, name="unit")',
                          shape="(5, 4)"), "unit", (1, 2, 3))
    result = xray(call)
    assert np.allclose(np.sqrt((call.y.astype(np.float64) ** 2).sum(axis=axis)), 1.0, atol=1e-5)
    column = call.x[1, :, 3] if axis == 1 else call.x[1, 2]
    assert float(note(result, "xray.unit_norm.where")["norm"]) == pytest.approx(np.linalg.norm(column), rel=1e-3)


@pytest.mark.parametrize("line,shape,key,param", [
    ('layers.Identity(name="same")', "(5, 6)", "", ""),
    ('layers.GaussianNoise(0.3, name="same")', "(5, 6)", "xray.noise.training_add", "0.3"),
    ('layers.GaussianDropout(0.5, name="same")', "(5, 6)", "xray.noise.training_multiply", "1"),
    ('layers.SpatialDropout2D(0.5, name="same")', "(4, 4, 3)", "xray.dropout.training_channels", "C"),
    ('layers.SpatialDropout3D(0.5, name="same")', "(2, 4, 4, 3)", "xray.dropout.training_channels", "C"),
    ('layers.SpatialDropout2D(0.5, data_format="channels_first", name="same")', "(3, 4, 4)",
     "xray.dropout.training_channels", "first"),
])
def test_noise_and_spatial_dropout_are_the_identity_at_inference(line, shape, key, param):
    call = call_of(floats(line, shape=shape), "same", (1, 1, 1))
    result = xray(call)
    assert result.checks[0].diff == 0.0 and np.array_equal(call.x, call.y)
    if key == "xray.dropout.training_channels":  # the channel axis: the last, or the first after the batch
        channel = 1 if "first" in line else -1
        assert note(result, key)["letter"] == call.in_axes[channel]
        mask = ["1"] * (call.x.ndim - 2)
        mask.insert(0 if channel == 1 else len(mask), call.in_axes[channel])
        assert dict(result.code[-1].note.params)["mask"] == "(B, " + ", ".join(mask) + ")"
    elif key:
        assert note(result, key)["stddev"] == param


def test_masking_zeroes_padded_steps_and_hands_on_a_mask():
    call = call_of(floats('layers.Masking(mask_value=-1.0, name="mask")', shape="(5, 3)"), "mask", (1, 3, 2))
    x = np.random.default_rng(3).normal(size=(3, 5, 3)).astype("float32")
    x[1, 3:] = -1.0  # the padding of sample 1
    x[2, 0, 1] = -1.0  # one feature equal to mask_value is not padding
    y = np.asarray(call.layer(x))
    call = dataclasses.replace(call, inputs=(x,), outputs=(y,))
    result = xray(call)
    assert np.array_equal(y[1, 3:], np.zeros((2, 3))) and np.array_equal(y[2], x[2])
    masked = note(result, "xray.masking.masked")
    assert masked["step"] == "[1, 3]" and masked["value"] == "0"
    assert note(result, "xray.masking.count")["masked"] == "2" and note(result, "xray.masking.count")["steps"] == "15"
    mask = np.asarray(call.layer.compute_mask(x))
    assert np.array_equal(mask, np.any(x != -1.0, axis=-1))  # Keras's mask is the one the X-ray shows
    assert np.array_equal(result.grids[1].values, mask.astype(float))
    kept = xray(dataclasses.replace(call, pick=(2, 0, 1)))
    assert note(kept, "xray.masking.kept")["differ"] == "2"


@pytest.mark.parametrize("line,shape,pick", [
    ('layers.GroupNormalization(groups=2, name="gn")', "(5, 6)", (1, 2, 4)),
    ('layers.GroupNormalization(groups=-1, epsilon=0.01, name="gn")', "(3, 3, 4)", (1, 1, 2, 3)),
    ('layers.GroupNormalization(groups=3, axis=1, name="gn")', "(6, 4)", (2, 5, 1)),
    ('layers.GroupNormalization(groups=2, axis=-2, center=False, name="gn")', "(3, 4, 2)", (0, 1, 3, 1)),
])
def test_group_normalization_normalizes_each_group(line, shape, pick):
    code = floats(line, shape=shape)
    spec, desc, model, _ = traced(code)
    layer = model.get_layer("gn")
    channels = layer.gamma.shape[0]
    layer.gamma.assign(np.linspace(0.5, 2.0, channels).astype(np.float32))
    if layer.beta is not None:
        layer.beta.assign(np.linspace(-1.0, 1.0, channels).astype(np.float32))
    call = layer_call(model, spec, desc, run_trace(model, spec, desc), "gn", pick)
    result = xray(call)
    where = note(result, "xray.groupnorm.where")
    axis = layer.axis % call.x.ndim
    per = channels // layer.groups
    group = pick[axis] // per
    members = np.take(call.x[pick[0]], range(group * per, group * per + per), axis=axis - 1).astype(np.float64)
    assert float(where["mean"].strip("()")) == pytest.approx(members.mean(), abs=1e-3)
    assert int(where["count"]) == members.size and int(where["group"]) == group


# -- mistakes ------------------------------------------------------------------------------------
@pytest.mark.parametrize("channels,wrong", [(16, 32), (64, 3)])
def test_group_normalization_mistake_uses_groups_the_channels_do_not_divide_by(channels, wrong):
    code = floats(f'layers.Dense({channels}, name="dense")', 'layers.GroupNormalization(groups=8, name="gn")',
                  shape="(5, 4)")
    found = mistakes(code, "gn")  # each broken layer really breaks the model
    assert [m.key for m in found] == ["group_norm_groups"] and found[0].broken.arg("groups") == wrong
    spec = read_code(code).spec
    layers_ = tuple(found[0].broken if l.name == "gn" else l for l in spec.layers)
    failure_ = describe(dataclasses.replace(spec, layers=layers_)).failure
    assert failure_.fix.key == "fix.group_norm_groups"
    with pytest.raises(ValueError, match="Number of groups"):
        keras.layers.GroupNormalization(groups=wrong)(keras.Input((5, channels)))
    for lang in ("en", "zh"):
        for key in (found[0].title_key, found[0].why_key):
            assert "{" not in t(lang, key, **dict(found[0].params))


# -- texts ---------------------------------------------------------------------------------------
def test_every_text_of_the_xrays_formats_in_both_languages():
    calls = [
        call_of(floats('layers.Activation("softmax", name="act")', shape="(5, 6)"), "act"),
        call_of(floats('layers.ReLU(6.0, name="relu")', shape="(5, 6)"), "relu"),
        call_of(floats('layers.SpatialDropout1D(0.5, name="drop")', shape="(5, 6)"), "drop"),
        call_of(floats('layers.BatchNormalization(axis=1, center=False, scale=False, name="bn_plain")',
                       shape="(5, 4)"), "bn_plain"),
        call_of(floats('layers.LayerNormalization(name="ln")', shape="(5, 4)"), "ln"),
        call_of(floats('layers.LeakyReLU(name="a")', shape="(5, 4)"), "a"),
        call_of(floats('layers.ELU(name="a")', shape="(5, 4)"), "a"),
        call_of(floats('layers.PReLU(shared_axes=[1], name="a")', shape="(5, 4)"), "a"),
        call_of(floats('layers.Softmax(axis=1, name="a")', shape="(5, 4)"), "a"),
        call_of(floats('layers.UnitNormalization(name="a")', shape="(5, 4)"), "a"),
        call_of(floats('layers.Identity(name="a")', shape="(5, 4)"), "a"),
        call_of(floats('layers.GaussianNoise(0.1, name="a")', shape="(5, 4)"), "a"),
        call_of(floats('layers.GaussianDropout(0.1, name="a")', shape="(5, 4)"), "a"),
        call_of(floats('layers.SpatialDropout2D(0.1, name="a")', shape="(3, 5, 4)"), "a"),
        call_of(floats('layers.Dropout(0.2, noise_shape=(None, 1, 1, 1), name="a")', shape="(3, 5, 4)"), "a"),
        call_of(floats('layers.Masking(name="a")', shape="(5, 4)"), "a"),
        call_of(floats('layers.GroupNormalization(groups=2, scale=False, name="a")', shape="(5, 4)"), "a"),
    ]
    padded = calls[-2]
    x = np.zeros_like(padded.x)
    calls.append(dataclasses.replace(padded, inputs=(x,), outputs=(np.asarray(padded.layer(x)),)))  # masked steps
    for call in calls:
        for text in texts(get_kind(call.spec.kind).xray(call)):
            for lang in ("en", "zh"):
                assert "{" not in t(lang, text.key, **dict(text.params)), text.key


# -- the X-ray agrees with itself (tests/xray_consistency.py) ------------------------------------------------
def _number(written: str) -> float:
    return float(written.strip("()").replace("−", "-"))


def _activation_sums(xray, call):
    """The input's marked cell is the x written; a softmax's value is the softmax of its row, shown whole."""
    g = xray.grids[0]
    if xray.notes[-1].key == "xray.activation.row":
        row = marked(g)
        if len(row) == call.x.shape[-1]:
            soft = np.exp(row - row.max()) / np.exp(row - row.max()).sum()
            column = g.marks[list(g.cols).index(str(call.picked()[-1]))][1]
            yield float(soft[column]), xnote(xray, "xray.activation.row")["value"]
    else:
        key = "xray.relu.where" if call.spec.kind == "ReLU" else "xray.activation.where"
        yield float(marked(g)[0]), xnote(xray, key)["x"]


def _batchnorm_sums(xray, call):
    """value = gamma · (x − mean) / sqrt(var + eps) + beta, from the marked x and the marked column of stats."""
    where = xnote(xray, "xray.batchnorm.where")
    x = float(marked(xray.grids[0])[0])
    mean, var, gamma, beta = marked(xray.grids[1])
    yield mean, where["mean"].strip("()")
    yield gamma * (x - mean) / np.sqrt(var + float(where["eps"])) + beta, where["value"]


def _layernorm_sums(xray, call):
    """The mean and variance written are those of the marked row of x, when it is shown whole."""
    where = xnote(xray, "xray.layernorm.where")
    row = marked(xray.grids[0])
    if len(row) == int(where["count"]):
        yield float(row.mean()), where["mean"].strip("()")
        yield float(row.var()), where["var"]


def _pointwise_sums(xray, call):
    """LeakyReLU, ELU: the input's marked cell is the x written, and the value is the layer's function of it."""
    x = float(marked(xray.grids[0])[0])
    where = xnote(xray, "xray.leaky_relu.where" if call.spec.kind == "LeakyReLU" else "xray.elu.where")
    slope = float(call.layer.negative_slope if call.spec.kind == "LeakyReLU" else call.layer.alpha)
    yield x, where["x"]
    yield (x if x > 0 else slope * x if call.spec.kind == "LeakyReLU" else slope * np.expm1(x)), where["value"]


def _prelu_sums(xray, call):
    """value = max(x, 0) − alpha · max(−x, 0) from the marked x and the marked alpha."""
    where = xnote(xray, "xray.prelu.where")
    x, alpha = float(marked(xray.grids[0])[0]), float(marked(xray.grids[1])[0])
    yield alpha, where["alpha"].strip("()")
    yield max(x, 0.0) - alpha * max(-x, 0.0), where["value"]


def _softmax_sums(xray, call):
    """The softmax of the marked row (or column) of x, when it is shown whole, at the followed position."""
    g = xray.grids[0]
    row = marked(g)
    where = xnote(xray, "xray.softmax.where")
    if len(row) == int(where["size"]):
        soft = np.exp(row - row.max()) / np.exp(row - row.max()).sum()
        axis = int(where["axis"])
        position = call.picked()[axis]
        labels = g.cols if axis == call.x.ndim - 1 else g.rows
        yield float(soft[list(labels).index(str(position))]), where["value"]


def _unit_norm_sums(xray, call):
    """The norm written is the length of the marked vector of x, when it is shown whole."""
    where = xnote(xray, "xray.unit_norm.where")
    row = marked(xray.grids[0])
    if len(row) == int(where["count"]):
        norm = float(np.sqrt((row ** 2).sum()))
        yield norm, where["norm"]
        yield float(where["x"]) / norm, where["value"]


def _masking_sums(xray, call):
    """The features counted as differing from mask_value are those of the marked step, when shown whole."""
    params = dict(xray.notes[0].params)
    row = marked(xray.grids[0])
    if len(row) == int(params["size"]):
        yield float((row != float(params["mask"])).sum()), params["differ"]


def _groupnorm_sums(xray, call):
    """value = gamma · (x − mean) / sqrt(var + eps) + beta, from the marked x and the marked column of stats."""
    where = xnote(xray, "xray.groupnorm.where")
    x = float(marked(xray.grids[0])[0])
    mean, var, gamma, beta = marked(xray.grids[1])
    yield mean, where["mean"].strip("()")
    yield var, where["var"]
    yield gamma * (x - mean) / np.sqrt(var + float(where["eps"])) + beta, where["value"]


XRAY_CASES = [
    XRayCase("leaky-relu", floats('layers.LeakyReLU(negative_slope=0.2, name="a")', shape="(3, 4)"), "a", (1, 2, 3),
             sums=_pointwise_sums),
    XRayCase("elu", floats('layers.ELU(alpha=0.5, name="a")', shape="(6,)"), "a", (2, 4), sums=_pointwise_sums),
    XRayCase("prelu", floats('layers.PReLU(alpha_initializer="random_normal", name="a")', shape="(3, 4)"), "a",
             (1, 0, 1), sums=_prelu_sums),
    XRayCase("prelu-shared", floats('layers.PReLU(shared_axes=[1, 2], name="a")', shape="(4, 4, 3)"), "a",
             (1, 2, 3, 1), sums=_prelu_sums),
    XRayCase("softmax", floats('layers.Softmax(name="a")', shape="(3, 5)"), "a", (1, 2, 3), sums=_softmax_sums),
    XRayCase("softmax-axis-1", floats('layers.Softmax(axis=1, name="a")', shape="(4, 5)"), "a", (1, 2, 3),
             sums=_softmax_sums),
    XRayCase("unit-norm", floats('layers.UnitNormalization(name="a")', shape="(3, 5)"), "a", (1, 2, 3),
             sums=_unit_norm_sums),
    XRayCase("identity", floats('layers.Identity(name="a")', shape="(3, 5)"), "a", (1, 2, 3), output=0),
    XRayCase("gaussian-noise", floats('layers.GaussianNoise(0.2, name="a")', shape="(3, 5)"), "a", (1, 2, 3),
             output=0),
    XRayCase("gaussian-dropout", floats('layers.GaussianDropout(0.2, name="a")', shape="(3, 5)"), "a", (1, 2, 3),
             output=0),
    XRayCase("spatial-dropout-2d", floats('layers.SpatialDropout2D(0.3, name="a")', shape="(4, 4, 3)"), "a",
             (1, 2, 3, 1), output=0),
    XRayCase("spatial-dropout-3d", floats('layers.SpatialDropout3D(0.3, name="a")', shape="(2, 3, 4, 3)"), "a",
             (1, 1, 2, 3, 1), output=0),
    XRayCase("masking", floats('layers.Masking(mask_value=0.0, name="a")', shape="(4, 3)"), "a", (1, 2, 1),
             sums=_masking_sums),
    XRayCase("group-norm", floats('layers.GroupNormalization(groups=2, name="a")', shape="(3, 6)"), "a", (1, 2, 4),
             sums=_groupnorm_sums),
    XRayCase("group-norm-axis-1", floats('layers.GroupNormalization(groups=3, axis=1, name="a")', shape="(6, 4)"),
             "a", (1, 5, 2), sums=_groupnorm_sums),
    XRayCase("activation-relu", floats('layers.Activation("relu", name="a")', shape="(3, 4)"), "a", (1, 2, 3),
             sums=_activation_sums),
    XRayCase("activation-softmax", floats('layers.Activation("softmax", name="a")', shape="(3, 5)"), "a",
             (1, 2, 3), sums=_activation_sums),
    XRayCase("relu-layer", floats('layers.ReLU(max_value=0.5, name="a")', shape="(6,)"), "a", (2, 4),
             sums=_activation_sums),
    XRayCase("mnist-dropout", MNIST, "dropout", (1, 7), output=0),
    XRayCase("dropout-noise-shape", floats('layers.Dropout(0.3, noise_shape=(None, 1, 1, 1), name="d")',
                                           shape="(3, 4, 2)"), "d", (1, 2, 3, 1), output=0),
    XRayCase("spatial-dropout", floats('layers.SpatialDropout1D(0.3, name="d")', shape="(4, 6)"), "d", (1, 3, 5),
             output=0),
    XRayCase("batchnorm", floats('layers.BatchNormalization(name="bn")', shape="(3, 4)"), "bn", (1, 2, 3),
             sums=_batchnorm_sums),
    XRayCase("layernorm", floats('layers.LayerNormalization(name="ln")', shape="(3, 5)"), "ln", (1, 2, 3),
             sums=_layernorm_sums),
]


@pytest.mark.parametrize("case", XRAY_CASES, ids=cases_ids(XRAY_CASES))
def test_xray_agrees_with_itself(case):
    check_xray(case)
