"""The tests of Rescaling, RandomFlip, RandomRotation, RandomZoom, RandomTranslation, RandomContrast, Resizing,
CenterCrop and Normalization (explorer/layers/preprocessing/): shapes, refusals and fixes against real Keras,
and the X-rays on real built models."""
from __future__ import annotations

import re

import keras
import numpy as np
import pytest

from explorer.i18n import t
from explorer.layers import get_kind
from explorer.layers.preprocessing.xray import crop_box
from explorer.reader.code import read_code
from explorer.shapes import construct, describe
from family_checks import catalog_tests, chain, mistakes, note, texts, xray
from layer_words import family_words, in_language
from live_models import call_of, sequential, traced
from xray_consistency import XRayCase, cases_ids, check_xray, copied_from, marked
from xray_consistency import note as xnote

RANDOM = ("RandomFlip", "RandomRotation", "RandomZoom", "RandomTranslation", "RandomContrast")


def images(*lines: str, shape: str = "(8, 6, 3)") -> str:
    return sequential(*lines, input_shape=shape, dtype="float32")


# -- the identity at inference, as Keras runs it -----------------------------------------------------------
@pytest.mark.parametrize("line", [
    'layers.RandomFlip(name="aug")', 'layers.RandomFlip("vertical", seed=3, name="aug")',
    'layers.RandomRotation(0.3, name="aug")', 'layers.RandomRotation((-0.2, 0.5), fill_mode="constant", name="aug")',
    'layers.RandomZoom(0.5, name="aug")', 'layers.RandomZoom((-0.3, 0.2), (0.1, 0.4), name="aug")',
    'layers.RandomTranslation(0.3, 0.2, name="aug")', 'layers.RandomContrast(0.9, name="aug")',
    'layers.RandomContrast((0.2, 0.7), value_range=(-3, 3), name="aug")',
    'layers.RandomBrightness(0.3, name="aug")', 'layers.RandomBrightness((-0.5, 0.1), value_range=(0, 1), name="aug")',
    'layers.RandomGrayscale(name="aug")', 'layers.RandomGrayscale(0.9, seed=2, name="aug")',
    'layers.RandomHue(0.5, name="aug")', 'layers.RandomSaturation((0.1, 0.9), name="aug")',
    'layers.RandomShear(0.3, name="aug")', 'layers.RandomShear(y_factor=(0.1, 0.5), fill_mode="constant", name="aug")',
    'layers.RandomErasing(name="aug")', 'layers.RandomErasing(1.0, scale=(0.2, 0.3), fill_value=0.0, name="aug")',
    'layers.RandomSharpness(0.9, name="aug")', 'layers.RandomGaussianBlur(name="aug")',
    'layers.RandomGaussianBlur(1.0, kernel_size=5, sigma=(1.0, 2.0), name="aug")',
    'layers.RandomPerspective(name="aug")',
    'layers.RandomPosterization(2, name="aug")', 'layers.RandomInvert(name="aug")',
    'layers.RandomColorDegeneration(0.9, name="aug")', 'layers.RandomColorJitter(brightness_factor=0.5, name="aug")',
    'layers.RandomColorJitter(saturation_factor=0.5, hue_factor=0.3, name="aug")',
    'layers.Solarization(0.5, 0.5, name="aug")',
])
def test_random_layers_are_the_identity_at_inference(line):
    """Keras: model(x, training=False) returns x exactly; in training the same layer changes it. The X-ray
    checks out == x and says both."""
    _, desc, model, _ = traced(images(line))
    x = np.random.default_rng(1).normal(size=(3, 8, 6, 3)).astype("float32")
    assert np.array_equal(np.asarray(model(x, training=False)), x)
    many = np.abs(np.random.default_rng(2).normal(size=(64, 8, 6, 3))).astype("float32") * 50  # some surely change
    layer = model.get_layer("aug")  # some draw a probability per batch: a few calls
    assert any(not np.array_equal(np.asarray(layer(many, training=True)), many) for _ in range(4))
    call = call_of(images(line), "aug", (2, 5, 4, 1))
    result = xray(call)
    assert result.checks[0].diff == 0.0 and result.checks[0].size == call.y.size
    summary = t("en", result.summary.key, **dict(result.summary.params))
    assert "at inference (training=False) this layer passes its input through unchanged; in training it" in summary
    assert desc.step("aug").params == 0 and desc.step("aug").weights == ()


def test_the_training_words_use_the_layers_real_factors():
    rotation = xray(call_of(images('layers.RandomRotation((-0.1, 0.25), name="aug")'), "aug"))
    assert dict(rotation.summary.params)["low"] == "-36" and dict(rotation.summary.params)["high"] == "90"
    contrast = xray(call_of(images('layers.RandomContrast(0.2, name="aug")'), "aug"))
    assert keras.layers.RandomContrast(0.2).factor == (0, 0.2)  # Keras: one number f is the range [1, 1 + f]
    assert (dict(contrast.summary.params)["low"], dict(contrast.summary.params)["high"]) == ("1", "1.2")
    zoom = xray(call_of(images('layers.RandomZoom(0.2, name="aug")'), "aug"))
    assert zoom.summary.key == "xray.random_zoom.training_same"


# -- factors: Keras's own rules ----------------------------------------------------------------------------
FACTORS = [
    ("RandomRotation", {"factor": 0.2}), ("RandomRotation", {"factor": -1.0}), ("RandomRotation", {"factor": 1.5}),
    ("RandomRotation", {"factor": (-0.2, 0.3)}), ("RandomRotation", {"factor": (-5.0, 5.0)}),
    ("RandomRotation", {"factor": (5.0, -5.0)}), ("RandomRotation", {"factor": (0.1, 0.2, 0.3)}),
    ("RandomZoom", {"height_factor": 1.0}), ("RandomZoom", {"height_factor": -1.0}),
    ("RandomZoom", {"height_factor": 0.2, "width_factor": (-0.5, 1.0)}),
    ("RandomZoom", {"height_factor": 0.2, "width_factor": 1.2}),
    ("RandomTranslation", {"height_factor": -1.0, "width_factor": 1.0}),
    ("RandomTranslation", {"height_factor": 0.1, "width_factor": 10}),
    ("RandomTranslation", {"height_factor": (0.5, -0.5), "width_factor": 0.0}),
    ("RandomContrast", {"factor": 0.5}), ("RandomContrast", {"factor": 1.0}), ("RandomContrast", {"factor": -0.5}),
    ("RandomContrast", {"factor": (0.2, 0.8)}), ("RandomContrast", {"factor": 1.5}),
    ("RandomBrightness", {"factor": -0.5}), ("RandomBrightness", {"factor": 1.5}),
    ("RandomBrightness", {"factor": (0.5, -0.5)}), ("RandomHue", {"factor": -0.2}), ("RandomHue", {"factor": 0.4}),
    ("RandomSaturation", {"factor": -0.2}), ("RandomSaturation", {"factor": 1.5}), ("RandomShear", {"x_factor": 0.5}),
    ("RandomShear", {"x_factor": -0.2}), ("RandomShear", {"y_factor": 30}), ("RandomErasing", {"factor": 1.5}),
    ("RandomErasing", {"factor": (0.2, 0.6)}), ("RandomSharpness", {"factor": 1.5}),
    ("RandomGaussianBlur", {"factor": 2.0}), ("RandomPerspective", {"factor": 2.0}),
    ("RandomPosterization", {"factor": 9}), ("RandomPosterization", {"factor": (2, 6)}),
    ("RandomInvert", {"factor": 2.0}),
    ("RandomColorDegeneration", {"factor": 1.5}), ("RandomColorJitter", {"hue_factor": 1.5}),
    ("RandomColorJitter", {"brightness_factor": 0.3, "contrast_factor": 0.3}),
    ("Solarization", {"threshold_factor": 2.0}),
    ("Solarization", {"addition_factor": 0.2, "threshold_factor": 0.5}),
]


@pytest.mark.parametrize("kind,args", FACTORS, ids=[f"{k}-{a}" for k, a in FACTORS])
def test_factors_follow_keras(kind, args):
    """A factor is accepted exactly when Keras's constructor accepts it; a refused one gets the fix, which Keras
    accepts."""
    try:
        getattr(keras.layers, kind)(**args)
        keras_accepts = True
    except ValueError:
        keras_accepts = False
    d = describe(chain((28, 28, 3), ("aug", kind, args)))
    assert d.ok == keras_accepts, d.failure and d.failure.message
    if not keras_accepts:
        expected = "fix.posterization_bits" if kind == "RandomPosterization" else "fix.random_factor"
        assert d.failure.origin == "keras" and d.failure.fix.key == expected
        fixed = read_code(images(d.failure.fix.code, shape="(28, 28, 3)")).spec
        assert describe(fixed).ok


def test_keras_equalization_cannot_sit_in_a_model_so_it_is_not_a_kind():
    """Keras 3.15.1's Equalization gives back its input tensor itself when called on a symbolic input, so a Sequential
    that holds it has no output and a functional model leaves it out; the explorer does not read it."""
    inputs = keras.Input((8, 6, 3))
    assert keras.layers.Equalization()(inputs) is inputs
    with pytest.raises(AttributeError, match="never been called"):
        _ = keras.Sequential([keras.Input((8, 6, 3)), keras.layers.Equalization(), keras.layers.Conv2D(2, 3)]).output
    assert get_kind("Equalization") is None


def test_the_grayscale_probability_is_one_number_from_0_to_1():
    for factor in (1.5, (0.1, 0.2)):
        with pytest.raises((ValueError, TypeError)):
            keras.layers.RandomGrayscale(factor)
        bad = read_code(images(f'layers.RandomGrayscale({factor!r}, name="g")'))
        assert next(n.key for n in bad.notes if n.severity == "error") == "read.arg_bad_value"


# -- colours: 3 channels -----------------------------------------------------------------------------------
@pytest.mark.parametrize("kind", ["RandomHue", "RandomSaturation", "RandomColorDegeneration", "RandomColorJitter"])
def test_colour_changes_need_rgb_in_training_as_keras(kind):
    """Keras passes a 1-channel image at inference and fails in fit(): refused, with the reason (RandomColorJitter
    only when it changes saturation or hue)."""
    args = {"saturation_factor": 0.3} if kind == "RandomColorJitter" else {"factor": 0.3}
    layer = getattr(keras.layers, kind)(**args)
    grey = np.random.default_rng(0).uniform(0, 255, (2, 8, 6, 1)).astype("float32")
    assert np.array_equal(np.asarray(layer(grey, training=False)), grey)
    if kind == "RandomColorDegeneration":  # Keras refuses it when it builds the model (its training call passes)
        with pytest.raises(Exception, match="3 channels"):
            getattr(keras.layers, kind)(**args)(keras.Input((8, 6, 1)))
    else:
        with pytest.raises(Exception, match="3 channels"):
            layer(grey, training=True)
    f = describe(chain((8, 6, 1), ("aug", kind, args))).failure
    assert f.origin == ("keras" if kind == "RandomColorDegeneration" else "explorer")
    assert f.fix.key == "fix.image_rgb" and dict(f.fix.params)["channels"] == "1"
    assert describe(chain((8, 6, 3), ("aug", kind, args))).ok
    assert describe(chain((None, None, 3), ("aug", kind, args))).ok
    if kind == "RandomColorJitter":
        assert describe(chain((8, 6, 1), ("aug", kind, {"brightness_factor": 0.3}))).ok


# -- RandomCrop: Keras 3.15.1 crops in training only ---------------------------------------------------------
def test_keras_random_crop_passes_the_whole_image_at_inference():
    """keras-team/keras#21868: the model's shapes say (height, width), fit() crops, predict() does not."""
    x = np.random.default_rng(0).uniform(0, 255, (2, 8, 6, 3)).astype("float32")
    layer = keras.layers.RandomCrop(4, 5)
    assert layer.compute_output_shape((None, 8, 6, 3)) == (None, 4, 5, 3)
    assert np.asarray(layer(x, training=True)).shape == (2, 4, 5, 3)
    assert np.array_equal(np.asarray(layer(x, training=False)), x)
    model = keras.Sequential([keras.Input((8, 6, 3)), keras.layers.RandomCrop(4, 5), keras.layers.Flatten(),
                              keras.layers.Dense(2)])
    with pytest.raises(ValueError, match="incompatible"):
        model.predict(x, verbose=0)


def test_random_crop_that_changes_the_size_is_refused_and_centercrop_fixes_it():
    f = describe(chain((8, 6, 3), ("crop", "RandomCrop", {"height": 4, "width": 5}))).failure
    assert f.origin == "explorer" and "keras-team/keras#21868" in f.message
    assert (f.fix.key, f.fix.code) == ("fix.random_crop_inference", "layers.CenterCrop(4, 5)")
    fixed = read_code(images(f.fix.code, 'layers.Flatten()', 'layers.Dense(2)')).spec
    assert describe(fixed).ok
    unknown = describe(chain((None, None, 3), ("crop", "RandomCrop", {"height": 4, "width": 5}))).failure
    assert unknown.fix.key == "fix.random_crop_inference"


def test_random_crop_of_the_images_own_size_keeps_them_whole_both_ways():
    x = np.random.default_rng(0).uniform(0, 255, (3, 8, 6, 3)).astype("float32")
    layer = keras.layers.RandomCrop(8, 6, seed=1)
    for training in (True, False):
        assert np.array_equal(np.asarray(layer(x, training=training)), x)
    call = call_of(images('layers.RandomCrop(8, 6, name="crop")', 'layers.Flatten(name="flat")',
                          'layers.Dense(2, name="dense")'), "crop", (1, 2, 3, 1))
    result = xray(call)
    assert result.summary.key == "xray.random_crop.whole" and result.checks[0].diff == 0.0


def test_the_reader_takes_numbers_and_pairs_and_refuses_the_rest():
    ok = read_code(images('layers.RandomZoom((-0.2, 0.1), width_factor=[0.1, 0.3], name="z")'))
    assert dict(ok.spec.layer("z").args) == {"height_factor": (-0.2, 0.1), "width_factor": (0.1, 0.3)}
    bad = read_code(images('layers.RandomRotation("0.2", name="r")'))
    assert next(n.key for n in bad.notes if n.severity == "error") == "read.arg_bad_value"
    flip = read_code(images('layers.RandomFlip("diagonal", name="f")'))
    assert next(n.key for n in flip.notes if n.severity == "error") == "read.arg_bad_value"


# -- images: 4 axes -----------------------------------------------------------------------------------------
def test_a_3_axis_input_would_lose_the_batch_in_keras_and_is_refused():
    """Keras reads (B, 28, 28) as one image: Resizing gives (14, 14, 28), the batch axis gone."""
    assert tuple(keras.layers.Resizing(14, 14)(keras.Input((28, 28))).shape) == (14, 14, 28)
    for kind, args in (("Resizing", {"height": 14, "width": 14}), ("RandomFlip", {}),
                       ("CenterCrop", {"height": 20, "width": 20})):
        f = describe(chain((28, 28), ("img", kind, args))).failure
        assert f.origin == "explorer" and f.fix.key == "fix.image_add_channel"
        assert f.fix.code == "layers.Reshape((28, 28, 1))"
        fixed = read_code(images(f.fix.code, get_kind(kind).code(construct_spec(kind, args)), shape="(28, 28)")).spec
        assert describe(fixed).ok


def construct_spec(kind, args):
    return chain((1, 1, 1), ("img", kind, args)).layers[0]


def test_a_vector_is_refused_as_keras_refuses_it_when_it_runs():
    with pytest.raises(ValueError, match="rank 3"):
        keras.layers.RandomRotation(0.1)(np.zeros((2, 10), "float32"), training=False)
    f = describe(chain((10,), ("aug", "RandomRotation", {"factor": 0.1}))).failure
    assert f.origin == "explorer" and f.fix.key == "fix.image_rank"


# -- Resizing, CenterCrop ----------------------------------------------------------------------------------
@pytest.mark.parametrize("shape,args,out", [
    ((28, 28, 1), {"height": 64, "width": 32}, (None, 64, 32, 1)),
    ((None, None, 3), {"height": 224, "width": 224, "crop_to_aspect_ratio": True}, (None, 224, 224, 3)),
    ((30, 40, 3), {"height": 30, "width": 20, "interpolation": "nearest"}, (None, 30, 20, 3)),
])
def test_resizing_shapes_and_letters(shape, args, out):
    step = describe(chain(shape, ("size", "Resizing", args))).step("size")
    assert step.output_shape == out == tuple(keras.layers.Resizing(**args)(keras.Input(shape)).shape)
    letters = step.output_axes[0]
    assert letters[0] == "B" and letters[3] == step.input_axes[0][3]
    for i in (1, 2):
        assert (letters[i] == step.input_axes[0][i]) == (shape[i - 1] == out[i])


def test_resizing_with_crop_and_pad_is_refused_as_keras_refuses_it_when_it_runs():
    layer = keras.layers.Resizing(8, 8, crop_to_aspect_ratio=True, pad_to_aspect_ratio=True)
    with pytest.raises(ValueError, match="Only one of"):
        layer(np.zeros((1, 4, 4, 1), "float32"))
    f = describe(chain((4, 4, 1), ("size", "Resizing", {"height": 8, "width": 8, "crop_to_aspect_ratio": True,
                                                         "pad_to_aspect_ratio": True}))).failure
    assert f.fix.key == "fix.resizing_crop_and_pad"
    assert f.fix.code == "layers.Resizing(8, 8, crop_to_aspect_ratio=True)"


@pytest.mark.parametrize("size,target", [((7, 5), (4, 9)), ((8, 8), (3, 3)), ((5, 9), (10, 4)), ((6, 6), (6, 6))])
def test_the_crop_box_is_keras_crop(size, target):
    x = np.arange(np.prod(size), dtype="float32").reshape(1, *size, 1)
    top, rows, left, cols = crop_box(*size, *target)
    expected = keras.layers.Resizing(rows, cols, interpolation="nearest")(x[:, top:top + rows, left:left + cols])
    ours = keras.layers.Resizing(*target, interpolation="nearest", crop_to_aspect_ratio=True)(x)
    assert np.array_equal(np.asarray(keras.layers.Resizing(*target, interpolation="nearest")(expected)),
                          np.asarray(ours))


@pytest.mark.parametrize("line,pick", [
    ('layers.Resizing(5, 9, interpolation="nearest", name="size")', (1, 2, 3, 1)),
    ('layers.Resizing(16, 12, interpolation="nearest", name="size")', (2, 15, 11, 2)),
    ('layers.Resizing(5, 9, name="size")', (1, 2, 3, 1)),
    ('layers.Resizing(3, 2, name="size")', (0, 0, 0, 0)),
    ('layers.Resizing(5, 9, crop_to_aspect_ratio=True, name="size")', (1, 4, 8, 2)),
    ('layers.CenterCrop(4, 3, name="size")', (1, 2, 1, 1)),
    ('layers.CenterCrop(10, 3, name="size")', (2, 9, 2, 0)),
])
def test_resizing_and_cropping_recompute_keras(line, pick):
    call = call_of(images(line), "size", pick)
    result = xray(call)
    assert result.checks[0].size == call.y.size
    if "nearest" in line or "CenterCrop(4" in line:
        assert result.largest_diff == 0.0  # copies: exact


def test_bilinear_mixes_four_neighbours_with_weights_that_add_up_to_one():
    call = call_of(images('layers.Resizing(5, 9, name="size")'), "size", (1, 2, 3, 1))
    words = note(xray(call), "xray.resizing.bilinear")
    weights = [float(w) for w in re.findall(r"(-?\d+\.\d+)·", words["terms"])]
    assert len(weights) == 4 and sum(weights) == pytest.approx(1.0, abs=1e-3)
    assert float(words["value"]) == pytest.approx(float(call.y[1, 2, 3, 1]), abs=1e-3)


def test_other_interpolations_are_shown_and_not_checked():
    result = get_kind("Resizing").xray(call_of(images('layers.Resizing(5, 9, interpolation="bicubic", name="s")'),
                                                  "s"))
    assert result.checks == () and result.summary.key == "xray.resizing.unchecked"


# -- Rescaling --------------------------------------------------------------------------------------------
def test_rescaling_reads_one_over_255_and_writes_it_back():
    spec = read_code(images('layers.Rescaling(1./255, name="scale")')).spec
    layer = spec.layer("scale")
    assert layer.arg("scale") == 1 / 255 and layer.source("scale") == "1.0 / 255"
    step = describe(spec).step("scale")
    assert step.code == "layers.Rescaling(1.0 / 255)" and step.params == 0
    with_name = read_code("import keras\nunits = 8\nmodel = keras.Sequential([keras.Input((3,)),\n"
                          "    keras.layers.Dense(units / 2)])\n")
    assert next(n.key for n in with_name.notes if n.severity == "error") == "read.arg_bad_value"  # 4.0: not whole


def test_rescaling_xray_follows_one_number():
    call = call_of(images('layers.Rescaling(1./255, offset=-0.5, name="scale")'), "scale", (1, 2, 3, 1))
    result = xray(call)
    where = note(result, "xray.rescaling.where")
    assert where["scale"] == "1/255"
    assert float(where["value"]) == pytest.approx(float(call.x[1, 2, 3, 1]) / 255 - 0.5, abs=1e-4)


def test_rescaling_per_channel_must_match_the_channels():
    ok = describe(chain((8, 8, 3), ("scale", "Rescaling", {"scale": (0.5, 1.0, 2.0)})))
    assert ok.ok
    f = describe(chain((8, 8, 3), ("scale", "Rescaling", {"scale": (0.5, 1.0)}))).failure
    assert f.origin == "explorer" and f.fix.key == "fix.rescaling_channels"
    with pytest.raises(Exception, match=r"Incompatible shapes|broadcast"):
        keras.layers.Rescaling((0.5, 1.0))(np.zeros((1, 8, 8, 3), "float32"))


# -- Normalization -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("args", [
    {"mean": 0.5, "variance": 0.25}, {"mean": (0.1, 0.2, 0.3), "variance": (1.0, 2.0, 3.0)},
    {"axis": 1, "mean": (1.0,) * 8, "variance": (2.0,) * 8, "invert": True},
])
def test_normalization_counts_what_keras_counts(args):
    step = describe(chain((8, 6, 3), ("norm", "Normalization", args))).step("norm")
    real = keras.layers.Normalization(**args)
    real(keras.Input((8, 6, 3)))
    assert real.count_params() == step.params == 0 and real.weights == [] and step.weights == ()


@pytest.mark.parametrize("shape,axis", [((8, 6, 3), -1), ((8, 6, 3), 1), ((5,), -1), ((4, 7), (-1,))])
def test_normalization_without_mean_and_variance_has_keras_weights(shape, axis):
    """Keras builds mean (C,), variance (C,) and count () to be filled by adapt(data), 2·C + 1 parameters, none
    trainable; before adapt() they are 0, 1 and 0 and the layer passes x through."""
    args = {} if axis == -1 else {"axis": axis}
    step = describe(chain(shape, ("norm", "Normalization", args))).step("norm")
    real = keras.layers.Normalization(**args)
    real(keras.Input(shape))
    kept = (axis[0] if isinstance(axis, tuple) else axis) % (len(shape) + 1)
    size = (None, *shape)[kept]
    assert [(w.name, tuple(w.shape)) for w in real.weights] == [("mean", (size,)), ("variance", (size,)),
                                                                 ("count", ())]
    assert [(w.name, w.shape) for w in step.weights] == [("mean", (size,)), ("variance", (size,)), ("count", ())]
    assert real.count_params() == step.params == 2 * size + 1 and real.trainable_weights == []
    assert step.formula.symbolic == f"2 × {step.input_axes[0][kept]} + 1"
    x = np.random.default_rng(5).normal(size=(2, *shape)).astype("float32")
    assert np.array_equal(np.asarray(real(x)), x)


def test_normalization_before_adapt_is_xrayed_as_keras_values():
    code = images('layers.Normalization(name="norm")', 'layers.Conv2D(2, 3, name="conv")')
    _, desc, model, _ = traced(code)
    assert desc.total_params == model.count_params() == 2 * 3 + 1 + 2 * (3 * 3 * 3 + 1)
    call = call_of(code, "norm", (1, 2, 3, 2))
    result = xray(call)
    assert result.summary.key == "xray.normalization.summary_adapt" and result.largest_diff == 0.0
    assert np.array_equal(call.x, call.y)
    words = note(result, "xray.normalization.adapt")
    assert words["count"] == "7" and words["count_now"] == "0"
    assert "adapt()" in t("en", result.summary.key, **dict(result.summary.params))


def test_normalization_mean_of_the_wrong_length_fails_in_keras_and_here():
    with pytest.raises(Exception, match="Incompatible shapes"):
        keras.layers.Normalization(mean=(1.0, 2.0), variance=(1.0, 1.0))(keras.Input((8, 6, 3)))
    f = describe(chain((8, 6, 3), ("norm", "Normalization", {"mean": (1.0, 2.0), "variance": (1.0, 1.0)}))).failure
    assert f.fix.key == "fix.normalization_length"


def test_normalization_xray_follows_one_number():
    call = call_of(images('layers.Normalization(mean=(0.1, 0.2, 0.3), variance=(1.0, 4.0, 9.0), name="norm")'),
                   "norm", (1, 2, 3, 2))
    where = note(xray(call), "xray.normalization.where")
    assert where["mean"] == "0.3" and where["spread"] == "3"
    assert float(where["value"]) == pytest.approx((float(call.x[1, 2, 3, 2]) - 0.3) / 3, abs=1e-3)


def test_a_zero_variance_is_checked_in_the_inputs_units():
    call = call_of(images('layers.Normalization(mean=0.0, variance=0.0, name="norm")'), "norm", (1, 2, 3, 2))
    assert np.abs(call.y).max() > 1e5  # Keras divides by 1e-7
    result = xray(call)
    assert result.checks[0].what.key == "xray.normalization.check_back"
    assert note(result, "xray.normalization.tiny")["variance"] == "0"


# -- a whole model: code and Keras JSON ----------------------------------------------------------------------
PIPELINE = """import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(32, 32, 3), batch_size=2),
    layers.Rescaling(1./255, name="scale"),
    layers.RandomFlip("horizontal", name="flip"),
    layers.RandomRotation(0.1, name="turn"),
    layers.RandomZoom((-0.1, 0.2), 0.3, name="zoom"),
    layers.RandomTranslation(0.1, 0.2, name="shift"),
    layers.RandomContrast(0.2, value_range=(0, 1), name="contrast"),
    layers.Resizing(24, 24, crop_to_aspect_ratio=True, name="size"),
    layers.CenterCrop(20, 20, name="crop"),
    layers.Normalization(mean=(0.5, 0.4, 0.3), variance=(0.06, 0.05, 0.04), name="norm"),
    layers.Conv2D(8, 3, name="conv"),
])
"""


def test_a_preprocessing_pipeline_describes_builds_and_recomputes():
    _, desc, model, _ = traced(PIPELINE)
    assert desc.step("crop").output_shape == (2, 20, 20, 3) == tuple(model.get_layer("crop").output.shape)
    assert sum(s.params for s in desc.steps) == model.count_params() == 8 * (3 * 3 * 3 + 1)
    for name in ("scale", "flip", "turn", "zoom", "shift", "contrast", "size", "crop", "norm"):
        xray(call_of(PIPELINE, name, (1, 5, 7, 2)))


def test_keras_json_of_the_pipeline_reads_back():
    from explorer.reader.keras_json import read_keras_json

    spec = read_code(PIPELINE).spec  # the reader's model, rebuilt by our constructors
    model = keras.Sequential([keras.Input((32, 32, 3))] + [construct(layer) for layer in spec.layers])
    result = read_keras_json(model.to_json())
    assert [n for n in result.notes if n.severity == "error"] == []
    d = describe(result.spec)
    assert d.ok and [s.output_shape for s in d.steps[1:]] == [tuple(layer.output.shape) for layer in model.layers]


# -- common mistakes ---------------------------------------------------------------------------------------
def test_degrees_and_pixels_are_refused_by_keras_and_offered_as_mistakes():
    rotation = mistakes(images('layers.RandomRotation(0.1, name="turn")', shape="(28, 28, 1)"), "turn")
    assert [m.key for m in rotation] == ["rotation_degrees"] and rotation[0].broken.arg("factor") == 36.0
    assert dict(rotation[0].params)["fraction"] == "0.1"
    with pytest.raises(ValueError, match="factor"):
        keras.layers.RandomRotation(36.0)
    shift = mistakes(images('layers.RandomTranslation(0.1, 0.1, name="shift")', shape="(28, 28, 1)"), "shift")
    assert [m.key for m in shift] == ["translation_pixels"] and dict(shift[0].params)["rows"] == "3"
    with pytest.raises(ValueError, match="factor"):
        keras.layers.RandomTranslation(3, 3)
    for found in (rotation, shift):
        f = describe(read_code(images(found[0].code, shape="(28, 28, 1)")).spec).failure
        assert f.origin == "keras" and f.fix.key == "fix.random_factor"


def test_normalization_without_adapt_is_a_mistake_keras_lets_through_silently():
    """Keras: an un-adapted Normalization is mean 0, variance 1, so it passes numbers through unchanged; the mistake
    runs it against the same layer adapted to a small batch of 0..255 numbers."""
    x = np.random.default_rng(3).normal(size=(2, 4, 3)).astype("float32")
    assert np.array_equal(np.asarray(keras.layers.Normalization()(x)), x)
    for line in ('layers.Normalization(mean=0.5, variance=0.25, name="norm")', 'layers.Normalization(name="norm")'):
        found = mistakes(images(line), "norm")
        assert [m.key for m in found] == ["normalization_adapt"] and found[0].broken is None
        assert dict(found[0].params)["size"] == "3" and found[0].code[0].code == "norm = layers.Normalization()"
        assert found[0].run() > 50  # 0..255 numbers left as they are, against numbers of mean 0 and variance 1
    for m in found + mistakes(images('layers.RandomRotation(0.1, name="turn")', shape="(28, 28, 1)"), "turn"):
        for lang in ("en", "zh"):
            for key in (m.title_key, m.why_key):
                assert "{" not in t(lang, key, **dict(m.params)), key


# -- the words ---------------------------------------------------------------------------------------------
WORDS_EN = in_language(family_words("preprocessing", prefixes=("axis.", "fix.")), "en")
OK = [
    chain((28, 28, 1), ("size", "Resizing", {"height": 64, "width": 32})),
    chain((32, 32, 3), ("crop", "CenterCrop", {"height": 24, "width": 20})),
]
FAILING = [
    chain((28, 28), ("aug", "RandomFlip", {})),
    chain((10,), ("aug", "RandomZoom", {"height_factor": 0.1})),
    chain((28, 28, 1), ("aug", "RandomRotation", {"factor": 2.0})),
    chain((28, 28, 1), ("aug", "RandomContrast", {"factor": 0.2, "value_range": 255.0})),
    chain((4, 4, 1), ("size", "Resizing", {"height": 8, "width": 8, "crop_to_aspect_ratio": True,
                                           "pad_to_aspect_ratio": True})),
    chain((8, 8, 3), ("scale", "Rescaling", {"scale": (0.5, 1.0)})),
    chain((8, 8, 3), ("norm", "Normalization", {"variance": 1.0})),
    chain((8, 8, 3), ("norm", "Normalization", {"axis": 5, "mean": 0.0, "variance": 1.0})),
    chain((8, 8, 3), ("norm", "Normalization", {"axis": (1, 2), "mean": 0.0, "variance": 1.0})),
    chain((None, 3), ("norm", "Normalization", {"axis": 1, "mean": 0.0, "variance": 1.0})),
    chain((8, 8, 3), ("norm", "Normalization", {"mean": (1.0, 2.0), "variance": (1.0, 1.0)})),
    chain((8, 8, 1), ("aug", "RandomHue", {"factor": 0.2})),
    chain((8, 8, 3), ("crop", "RandomCrop", {"height": 4, "width": 4})),
    chain((8, 8, 3), ("aug", "RandomPosterization", {"factor": 12})),
]

(test_every_fix_key_exists_and_fills, test_every_axis_meaning_key_exists,
 test_every_string_of_the_catalog_is_used) = catalog_tests(OK, FAILING, WORDS_EN)


@pytest.mark.parametrize("index", range(len(FAILING)))
def test_every_fix_with_code_is_accepted(index):
    """The fix's code line, put in place of the layer (a Reshape before it), describes without a failure."""
    spec = FAILING[index]
    fix = describe(spec).failure.fix
    if not fix.code:
        return
    shape = spec.inputs[0].shape
    lines = [fix.code, get_kind(spec.layers[0].kind).code(spec.layers[0])] if "Reshape" in fix.code else [fix.code]
    assert describe(read_code(images(*lines, shape=repr(tuple(shape)))).spec).ok, fix.code


def test_every_text_of_the_xrays_formats_in_both_languages():
    lines = ['layers.Rescaling((0.5, 2.0, -1.0), offset=0.25, name="l")',
             'layers.RandomFlip(name="l")', 'layers.RandomFlip("horizontal", name="l")',
             'layers.RandomFlip("vertical", name="l")', 'layers.RandomRotation(0.2, name="l")',
             'layers.RandomZoom(0.2, name="l")', 'layers.RandomZoom(0.2, 0.1, name="l")',
             'layers.RandomTranslation(0.2, 0.1, name="l")', 'layers.RandomContrast(0.2, name="l")',
             'layers.Resizing(5, 9, interpolation="nearest", name="l")',
             'layers.Resizing(5, 9, crop_to_aspect_ratio=True, name="l")',
             'layers.Resizing(5, 9, interpolation="area", name="l")', 'layers.CenterCrop(4, 3, name="l")',
             'layers.CenterCrop(10, 3, name="l")', 'layers.Normalization(mean=(0.1, 0.2, 0.3), variance=(1.0, 4.0, '
             '0.0), name="l")', 'layers.Normalization(mean=0.5, variance=2.0, invert=True, name="l")',
             'layers.Normalization(name="l")', 'layers.RandomBrightness(0.2, name="l")',
             'layers.RandomGrayscale(name="l")', 'layers.RandomHue(0.2, name="l")',
             'layers.RandomSaturation(0.2, name="l")', 'layers.RandomShear(0.2, name="l")',
             'layers.RandomErasing(name="l")', 'layers.RandomErasing(fill_value=0.0, name="l")',
             'layers.RandomCrop(8, 6, name="l")', 'layers.RandomSharpness(0.2, name="l")',
             'layers.RandomGaussianBlur(name="l")', 'layers.RandomPerspective(name="l")',
             'layers.RandomPosterization(4, name="l")', 'layers.RandomInvert(name="l")',
             'layers.RandomColorDegeneration(0.2, name="l")', 'layers.RandomColorJitter(hue_factor=0.2, name="l")',
             'layers.Solarization(threshold_factor=0.5, name="l")']
    used = set()
    for line in lines:
        call = call_of(images(line), "l", (1, 2, 2, 1))
        for text in texts(get_kind(call.spec.kind).xray(call)):
            used.add(text.key)
            for lang in ("en", "zh"):
                assert "{" not in t(lang, text.key, **dict(text.params)), text.key
    live = set(family_words("preprocessing", prefixes=("xray.",)))
    assert live - used <= {"xray.rescaling.bounded", "xray.augment.bounded", "xray.resizing.bounded",
                           "xray.normalization.bounded", "xray.normalization.where"}


# -- the X-ray agrees with itself (tests/xray_consistency.py) ------------------------------------------------
IMAGE = lambda p: (p[1], p[2])  # the followed number's row and column in an image's plane


def _number(written: str) -> float:
    return float(written.strip("()").replace("−", "-"))


def _rescaling_sums(result, call):
    """out = x · scale + offset, from the marked input cell and the layer's own scale and offset."""
    where = xnote(result, "xray.rescaling.where")
    x = float(marked(result.grids[0])[0])
    scale = np.asarray(call.layer.scale, dtype=np.float64).reshape(-1)
    offset = np.asarray(call.layer.offset, dtype=np.float64).reshape(-1)
    c = call.picked()[-1]
    yield x, where["x"].strip("()")
    yield x * scale[c % scale.size] + offset[c % offset.size], where["value"]


def _bilinear_sums(result, call):
    """Each value the sum writes is one of the input cells marked, and each weight is that of TensorFlow's
    half-pixel centres; the weights times the cells shown add up to the value written."""
    where = xnote(result, "xray.resizing.bilinear")
    cells = marked(result.grids[0])
    terms = re.findall(r"(-?\d+\.\d+)·\(?(-?[\d.e+-]+)\)?", where["terms"])
    _, i, j, _ = call.picked()
    x, y = call.x, call.y
    crop = call.spec.kind == "CenterCrop" or call.spec.arg("crop_to_aspect_ratio", False)
    _, rows, _, cols = crop_box(x.shape[1], x.shape[2], *y.shape[1:3]) if crop else (0, *x.shape[1:2], 0,
                                                                                       *x.shape[2:3])
    fr = (i + 0.5) * rows / y.shape[1] - 0.5
    fc = (j + 0.5) * cols / y.shape[2] - 0.5
    fr, fc = fr - np.floor(fr), fc - np.floor(fc)
    weights = ((1 - fr) * (1 - fc), (1 - fr) * fc, fr * (1 - fc), fr * fc)
    total = 0.0
    for (weight, value), exact in zip(terms, weights, strict=True):
        yield exact, weight
        cell = min(cells, key=lambda v: abs(v - float(value)))
        yield cell, value
        total += exact * cell
    yield total, where["value"]


def _normalization_sums(result, call):
    """(x − mean) / spread from the marked input cell (and the marked column of mean and variance)."""
    where = xnote(result, "xray.normalization.where")
    x = float(marked(result.grids[0])[0])
    if len(result.grids) == 3:
        mean, variance = marked(result.grids[1])
        yield mean, where["mean"].strip("()")
        yield max(np.sqrt(variance), 1e-7), where["spread"]
    yield (x - _number(where["mean"])) / float(where["spread"]), where["value"]


XRAY_CASES = [
    XRayCase("rescaling", images('layers.Rescaling(1./255, name="r")'), "r", (1, 2, 3, 1), where=IMAGE,
             sums=_rescaling_sums),
    XRayCase("rescaling-per-channel", images('layers.Rescaling((0.5, 2.0, -1.0), offset=0.25, name="r")'), "r",
             (2, 7, 5, 2), where=IMAGE, sums=_rescaling_sums),
    XRayCase("rescaling-vectors", sequential('layers.Rescaling(2.0, offset=1.0, name="r")', input_shape="(9,)",
                                             dtype="float32"), "r", (1, 4), sums=_rescaling_sums),
    *[XRayCase(f"{line.split('(')[0].split('.')[1].lower()}", images(line), "aug", (1, 6, 4, 2), output=0,
               where=IMAGE, sums=copied_from(0))
      for line in ('layers.RandomFlip("horizontal", name="aug")', 'layers.RandomRotation(0.2, name="aug")',
                   'layers.RandomZoom(0.3, name="aug")', 'layers.RandomTranslation(0.1, 0.2, name="aug")',
                   'layers.RandomContrast(0.4, name="aug")', 'layers.RandomBrightness(0.2, name="aug")',
                   'layers.RandomGrayscale(name="aug")', 'layers.RandomHue(0.2, name="aug")',
                   'layers.RandomSaturation(0.2, name="aug")', 'layers.RandomShear(0.2, name="aug")',
                   'layers.RandomErasing(name="aug")', 'layers.RandomCrop(8, 6, name="aug")',
                   'layers.RandomSharpness(0.2, name="aug")', 'layers.RandomGaussianBlur(name="aug")',
                   'layers.RandomPerspective(name="aug")', 'layers.RandomPosterization(4, name="aug")',
                   'layers.RandomInvert(name="aug")', 'layers.RandomColorDegeneration(0.2, name="aug")',
                   'layers.RandomColorJitter(brightness_factor=0.2, name="aug")',
                   'layers.Solarization(threshold_factor=0.5, name="aug")')],
    XRayCase("resizing-nearest", images('layers.Resizing(16, 12, interpolation="nearest", name="s")'), "s",
             (1, 11, 7, 2), where=IMAGE, sums=copied_from(0)),
    XRayCase("resizing-bilinear", images('layers.Resizing(5, 9, name="s")'), "s", (2, 3, 4, 0), where=IMAGE,
             sums=_bilinear_sums),
    XRayCase("resizing-crop", images('layers.Resizing(5, 9, crop_to_aspect_ratio=True, name="s")'), "s",
             (2, 3, 4, 0), where=IMAGE, sums=_bilinear_sums),
    XRayCase("centercrop", images('layers.CenterCrop(4, 3, name="c")'), "c", (1, 3, 2, 1), where=IMAGE,
             sums=copied_from(0)),
    XRayCase("centercrop-small", images('layers.CenterCrop(10, 3, name="c")'), "c", (1, 7, 2, 1), where=IMAGE,
             sums=_bilinear_sums),
    XRayCase("normalization", images('layers.Normalization(mean=0.5, variance=4.0, name="n")'), "n", (1, 2, 3, 1),
             where=IMAGE, sums=_normalization_sums),
    XRayCase("normalization-per-channel",
             images('layers.Normalization(mean=(0.1, -0.2, 0.3), variance=(1.0, 4.0, 9.0), name="n")'), "n",
             (2, 6, 1, 1), output=2, where=IMAGE, sums=_normalization_sums),
    XRayCase("normalization-adapt", images('layers.Normalization(name="n")'), "n", (1, 4, 2, 2), output=2,
             where=IMAGE, sums=_normalization_sums),
]


@pytest.mark.parametrize("case", XRAY_CASES, ids=cases_ids(XRAY_CASES))
def test_xray_agrees_with_itself(case):
    check_xray(case)
