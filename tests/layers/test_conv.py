"""The tests of the convolutions (explorer/layers/conv/): Conv1D/2D/3D, Conv1D/2D/3DTranspose, DepthwiseConv2D,
SeparableConv1D/2D. Shapes, weights, formulas and fixes against real Keras and the X-ray and common mistakes on
real built models."""
from __future__ import annotations

import math

import keras
import numpy as np
import pytest
from keras import layers

from explorer.i18n import t
from explorer.layers import REGISTRY, get_kind
from explorer.layers.conv.kinds import KINDS, check_lengths, transposed_length
from explorer.layers.conv.xray import pad_amounts, transpose_sources
from explorer.live.base import TOLERANCE
from explorer.shapes import construct, describe, describe_one, layer_code
from explorer.spec import LayerSpec
from window_checks import assert_all_match, fix_ctx, fix_tests, layer, mistakes_of, model, xray_of
from layer_words import family_words, in_language
from live_models import live_functions, sequential
from xray_consistency import MNIST, XRayCase, cases_ids, check_xray, fits, note, whole


# -- shapes, weights and fixes (kinds.py) ------------------------------------------------------------------
WORDS = family_words("conv", prefixes=("axis.", "fix."))  # the kinds' words (X-rays' ones aside)
WORDS_EN, WORDS_ZH = in_language(WORDS, "en"), in_language(WORDS, "zh")


def keras_model(shape, *keras_layers):
    x = inp = keras.Input(shape=shape)
    for lay in keras_layers:
        x = lay(x)
    return keras.Model(inp, x)


def keras_error(shape, lay) -> str:
    """What real Keras says when this layer is called on a symbolic input of this shape."""
    with pytest.raises(Exception) as info:
        lay(keras.Input(batch_shape=(None,) + shape))
    return str(info.value)


def compare_with_keras(desc, real):
    for step in desc.steps[1:]:
        real_layer = real.get_layer(step.name)
        assert step.output_shape == tuple(real_layer.output.shape), step.name
        assert step.params == real_layer.count_params(), step.name
        assert [w.shape for w in step.weights] == [tuple(w.shape) for w in real_layer.weights], step.name
    assert desc.total_params == real.count_params()


def test_conv1d_text_classifier_matches_keras():
    spec = model((100, 64),
                 layer("conv", "Conv1D", "inp", filters=128, kernel_size=5, activation="relu"),
                 layer("pool", "MaxPooling1D", "conv", pool_size=2),
                 layer("gmp", "GlobalMaxPooling1D", "pool"),
                 layer("out", "Dense", "gmp", units=1))
    desc = describe(spec)
    assert desc.ok
    shapes = [s.output_shape for s in desc.steps]
    assert shapes == [(None, 100, 64), (None, 96, 128), (None, 48, 128), (None, 128), (None, 1)]
    assert [s.params for s in desc.steps] == [0, 41_088, 0, 0, 129]
    assert [s.output_dims for s in desc.steps] == [("B", "T", "F"), ("B", "T₂", "K"), ("B", "T₃", "K"), ("B", "K"),
                                                   ("B", "U")]
    conv = desc.step("conv")
    assert conv.formula.text() == "5 × F × K + K = 5 × 64 × 128 + 128 = 41,088"
    assert [(w.name, w.shape, w.dims) for w in conv.weights] == [("kernel", (5, 64, 128), ("5", "F", "K")),
                                                                 ("bias", (128,), ("K",))]
    assert conv.flops == 2 * 5 * 64 * 128 * 96
    assert conv.code == 'layers.Conv1D(128, 5, activation="relu")'
    assert desc.step("pool").code == "layers.MaxPooling1D(2)"
    assert desc.step("gmp").code == "layers.GlobalMaxPooling1D()"
    sizes = {a.letter: a.size for a in desc.axes}
    assert (sizes["T"], sizes["T₂"], sizes["T₃"], sizes["K"]) == (100, 96, 48, 128)
    real = keras_model((100, 64), layers.Conv1D(128, 5, activation="relu", name="conv"),
                       layers.MaxPooling1D(2, name="pool"), layers.GlobalMaxPooling1D(name="gmp"),
                       layers.Dense(1, name="out"))
    compare_with_keras(desc, real)


def test_image_cnn_matches_keras():
    spec = model((28, 28, 1),
                 layer("c1", "Conv2D", "inp", filters=32, kernel_size=3),
                 layer("p1", "MaxPooling2D", "c1"),
                 layer("c2", "Conv2D", "p1", filters=64, kernel_size=3),
                 layer("gap", "GlobalAveragePooling2D", "c2"),
                 layer("out", "Dense", "gap", units=10))
    desc = describe(spec)
    assert desc.ok
    assert [s.output_shape for s in desc.steps] == [(None, 28, 28, 1), (None, 26, 26, 32), (None, 13, 13, 32),
                                                    (None, 11, 11, 64), (None, 64), (None, 10)]
    assert [s.params for s in desc.steps] == [0, 320, 0, 18_496, 0, 650]
    assert desc.total_params == 19_466
    assert [s.output_dims for s in desc.steps] == [
        ("B", "H", "W", "C"), ("B", "H₂", "W₂", "K"), ("B", "H₃", "W₃", "K"), ("B", "H₄", "W₄", "K₂"), ("B", "K₂"),
        ("B", "U")]
    c2 = desc.step("c2")
    assert c2.formula.text() == "3 × 3 × K × K₂ + K₂ = 3 × 3 × 32 × 64 + 64 = 18,496"
    assert c2.weights[0].dims == ("3", "3", "K", "K₂")
    assert c2.flops == 2 * 9 * 32 * 64 * 11 * 11
    real = keras_model((28, 28, 1), layers.Conv2D(32, 3, name="c1"), layers.MaxPooling2D(name="p1"),
                       layers.Conv2D(64, 3, name="c2"), layers.GlobalAveragePooling2D(name="gap"),
                       layers.Dense(10, name="out"))
    compare_with_keras(desc, real)


def test_axes_keep_their_letter_only_when_the_size_is_unchanged():
    spec = model((None, 16),
                 layer("same", "Conv1D", "inp", filters=16, kernel_size=3, padding="causal"),
                 layer("half", "Conv1D", "same", filters=16, kernel_size=3, strides=2, padding="same"),
                 layer("pool", "MaxPooling1D", "half"),
                 layer("keep", "MaxPooling1D", "pool", pool_size=3, strides=1, padding="same"),
                 layer("gap", "GlobalAveragePooling1D", "keep", keepdims=True))
    desc = describe(spec)
    dims = {s.name: s.output_dims for s in desc.steps}
    assert dims["inp"] == ("B", "T", "F")
    assert dims["same"] == ("B", "T", "K")  # causal padding, stride 1: the length is unchanged
    # unknown lengths that change still get letters of their own
    assert dims["half"][1] not in ("T",) and dims["pool"][1] not in ("T", dims["half"][1])
    assert dims["keep"] == dims["pool"]
    assert dims["gap"] == ("B", "1", "K")
    meanings = {a.letter: a.meaning_key for a in desc.axes}
    assert meanings[dims["half"][1]] == "axis.conv_length" and meanings[dims["pool"][1]] == "axis.pool_length"
    assert meanings["K"] == "axis.filters" and meanings["1"] == "axis.kept"
    assert desc.step("gap").output_shape == (None, 1, 16)


def test_groups_split_the_kernel_and_fail_like_keras():
    ctx = describe_one("Conv2D", {"filters": 6, "kernel_size": 3, "groups": 3}, ((None, 8, 8, 9),))
    kind = REGISTRY["Conv2D"]
    assert ctx.out_shapes == ((None, 6, 6, 6),)
    assert kind.formula(ctx).symbolic == "3 × 3 × D3/3 × K + K"
    assert kind.formula(ctx).value == 3 * 3 * 3 * 6 + 6
    spec = model((10, 3), layer("g", "Conv1D", "inp", filters=8, kernel_size=3, groups=2))
    failure = describe(spec).failure
    assert failure.message == keras_error((10, 3), layers.Conv1D(8, 3, groups=2, name="g"))
    assert failure.fix.key == "fix.conv_groups"
    assert dict(failure.fix.params)["channels"] == "3"


def test_conv2d_on_a_3d_input_fails_with_keras_words_and_a_reshape():
    desc = describe(model((28, 28), layer("conv", "Conv2D", "inp", filters=32, kernel_size=3)))
    failure = desc.failure
    assert failure.layer == "conv" and failure.origin == "keras"
    assert failure.message == keras_error((28, 28), layers.Conv2D(32, 3, name="conv"))
    assert "expected min_ndim=4, found ndim=3" in failure.message
    assert failure.fix.key == "fix.conv2d_add_channel"
    assert failure.fix.code == "layers.Reshape((28, 28, 1))"
    fixed = keras_model((28, 28), layers.Reshape((28, 28, 1)), layers.Conv2D(32, 3))
    assert tuple(fixed.output.shape) == (None, 26, 26, 32)


def test_conv1d_kernel_longer_than_the_input_fails():
    desc = describe(model((5, 4), layer("conv", "Conv1D", "inp", filters=8, kernel_size=7)))
    failure = desc.failure
    assert failure.layer == "conv"
    assert failure.message == keras_error((5, 4), layers.Conv1D(8, 7, name="conv"))
    assert "zero or negative" in failure.message
    assert failure.fix.key == "fix.conv_too_short"
    assert dict(failure.fix.params) == {"layer": "conv", "shape": "(None, 5, 4)", "axis": "T", "size": "5",
                                        "span": "7"}
    assert failure.fix.code == 'layers.Conv1D(8, 7, padding="same")'
    assert tuple(layers.Conv1D(8, 7, padding="same")(keras.Input((5, 4))).shape) == (None, 5, 8)
    # a dilated kernel spans more: 3 taps 3 apart span 7 positions
    failure = describe(model((6, 4), layer("d", "Conv1D", "inp", filters=8, kernel_size=3, dilation_rate=3))).failure
    assert dict(failure.fix.params)["span"] == "7"
    assert describe(model((7, 4), layer("d", "Conv1D", "inp", filters=8, kernel_size=3, dilation_rate=3))).ok


def test_a_size_below_one_is_a_failure_even_if_keras_returned_it():
    with pytest.raises(ValueError, match="size 0 on axis 1"):
        check_lengths("conv", (None, 5, 4), (None, 0, 8), 1)
    with pytest.raises(ValueError, match="size -2 on axis 2"):
        check_lengths("conv", (None, 5, 3, 4), (None, 1, -2, 8), 2)
    check_lengths("conv", (None, None, 4), (None, None, 8), 1)


def test_unknown_channels_fail_before_keras_builds():
    spec = model((10, None), layer("conv", "Conv1D", "inp", filters=8, kernel_size=3))
    failure = describe(spec).failure
    assert "channel axis" in failure.message and failure.fix.key == "fix.conv_unknown_channels"
    with pytest.raises(TypeError):  # what Keras itself does when it builds
        layers.Conv1D(8, 3)(keras.Input(batch_shape=(None, 10, None)))


EMBEDDING = LayerSpec("emb", "Embedding", (("input_dim", 100), ("output_dim", 8)))
LSTM_LAST = LayerSpec("lstm", "LSTM", (("units", 8),))
LSTM_SEQUENCES = LayerSpec("lstm", "LSTM", (("return_sequences", True), ("units", 8)))
DENSE = LayerSpec("dense", "Dense", (("units", 8),))
# (kind, args, input shape, producer) -> (fix key, fix code); every fix a convolution can give
FIXES = [
    ("Conv2D", {"filters": 32, "kernel_size": 3}, (None, 28, 28), None,
     "fix.conv2d_add_channel", "layers.Reshape((28, 28, 1))"),
    ("Conv2D", {"filters": 32, "kernel_size": (3, 5), "padding": "same"}, (None, 50, 8), EMBEDDING,
     "fix.conv2d_use_conv1d", 'layers.Conv1D(32, 3, padding="same")'),
    ("Conv1D", {"filters": 16, "kernel_size": 3}, (None, 20), DENSE,
     "fix.conv1d_add_channel", "layers.Reshape((20, 1))"),
    ("Conv1D", {"filters": 16, "kernel_size": 3}, (None, None), DENSE,
     "fix.conv1d_add_channel", "layers.Reshape((-1, 1))"),
    ("Conv1D", {"filters": 16, "kernel_size": 3}, (None, 28, 28, 1), None,
     "fix.conv1d_use_conv2d", "layers.Conv2D(16, 3)"),
    ("Conv1D", {"filters": 4, "kernel_size": 3, "strides": 2, "dilation_rate": 2}, (None, 20, 3), None,
     "fix.conv_stride_dilation", "layers.Conv1D(4, 3, dilation_rate=2, strides=1)"),
    ("Conv1D", {"filters": 4, "kernel_size": 3}, (None, 20, None), None, "fix.conv_unknown_channels", ""),
    ("Conv2D", {"filters": 4, "kernel_size": 3, "groups": 2}, (None, 9, 9, 3), None, "fix.conv_groups", ""),
    ("Conv2D", {"filters": 4, "kernel_size": (1, 4)}, (None, 9, 3, 3), None,
     "fix.conv_too_short", 'layers.Conv2D(4, (1, 4), padding="same")'),
    # the kinds built on the convolution: a grey image (B, H, W) with no channel axis, the learner's usual slip
    ("Conv2DTranspose", {"filters": 8, "kernel_size": 3, "strides": 2}, (None, 14, 14), None,
     "fix.conv_add_channel", "layers.Reshape((14, 14, 1))"),
    ("SeparableConv2D", {"filters": 8, "kernel_size": 3}, (None, 28, 28), None,
     "fix.conv_add_channel", "layers.Reshape((28, 28, 1))"),
    ("DepthwiseConv2D", {"kernel_size": 3}, (None, 28, 28), None,
     "fix.conv_add_channel", "layers.Reshape((28, 28, 1))"),
    ("Conv3D", {"filters": 8, "kernel_size": 3}, (None, 10, 28, 28), None,
     "fix.conv_add_channel", "layers.Reshape((10, 28, 28, 1))"),
    ("Conv2DTranspose", {"filters": 8, "kernel_size": (3, 5), "strides": 2, "output_padding": (1, 0)}, (None, 50, 8),
     EMBEDDING, "fix.conv_use_1d", "layers.Conv1DTranspose(8, 3, output_padding=1, strides=2)"),
    ("SeparableConv2D", {"filters": 8, "kernel_size": 3}, (None, 50, 8), LSTM_SEQUENCES,
     "fix.conv_use_1d", "layers.SeparableConv1D(8, 3)"),
    ("SeparableConv1D", {"filters": 8, "kernel_size": 3}, (None, 20), DENSE, "fix.conv_add_channel",
     "layers.Reshape((20, 1))"),
    ("Conv2DTranspose", {"filters": 8, "kernel_size": 3, "strides": 1, "output_padding": 1}, (None, 7, 7, 4), None,
     "fix.conv_transpose_output_padding", "layers.Conv2DTranspose(8, 3, strides=1)"),
    ("Conv1DTranspose", {"filters": 8, "kernel_size": 3, "dilation_rate": 2}, (None, 7, 4), None,
     "fix.conv_transpose_dilation", "layers.Conv1DTranspose(8, 3)"),
    ("Conv2DTranspose", {"filters": 8, "kernel_size": 4, "strides": 2, "padding": "same", "output_padding": 0},
     (None, 7, 7, 4), None, "fix.conv_transpose_same_even", 'layers.Conv2DTranspose(8, 4, padding="same", strides=2)'),
    ("SeparableConv2D", {"filters": 4, "kernel_size": 5}, (None, 3, 9, 3), None,
     "fix.conv_too_short", 'layers.SeparableConv2D(4, 5, padding="same")'),
]


test_each_fix, test_every_fix_key_of_the_catalog_is_given_by_some_case = fix_tests(FIXES, WORDS_EN)


def test_fix_codes_build_in_keras():
    """The corrected lines are real Keras: each builds on the input that failed."""
    assert tuple(layers.Conv1DTranspose(8, 3, output_padding=1, strides=2)(keras.Input((50, 8))).shape) == (
        None, 102, 8)
    assert tuple(layers.Conv2DTranspose(8, 3, strides=1)(keras.Input((7, 7, 4))).shape) == (None, 9, 9, 8)
    assert tuple(layers.Conv2DTranspose(8, 4, padding="same", strides=2)(np.zeros((1, 7, 7, 4))).shape) == (
        1, 14, 14, 8)
    assert tuple(layers.SeparableConv2D(4, 5, padding="same")(keras.Input((3, 9, 3))).shape) == (None, 3, 9, 4)
    assert tuple(layers.Conv1D(32, 3, padding="same")(keras.Input((50, 8))).shape) == (None, 50, 32)
    assert tuple(layers.Conv2D(16, 3)(keras.Input((28, 28, 1))).shape) == (None, 26, 26, 16)
    assert tuple(layers.Conv1D(4, 3, dilation_rate=2, strides=1)(keras.Input((20, 3))).shape) == (None, 16, 4)
    assert tuple(layers.Conv2D(4, (1, 4), padding="same")(keras.Input((9, 3, 3))).shape) == (None, 9, 3, 4)
    assert tuple(layers.AveragePooling2D(2)(keras.Input((8, 8, 3))).shape) == (None, 4, 4, 3)
    assert tuple(layers.Reshape((-1, 1))(keras.Input((20,))).shape) == (None, 20, 1)


def test_an_rnn_that_returns_only_its_last_step_is_left_to_the_generic_rule():
    assert REGISTRY["Conv1D"].explain(fix_ctx("Conv1D", {"filters": 4, "kernel_size": 3}, (None, 8)), LSTM_LAST) is None
    assert REGISTRY["MaxPooling1D"].explain(fix_ctx("MaxPooling1D", {}, (None, 8)), LSTM_LAST) is None
    bidi = LayerSpec("bi", "Bidirectional", (), inner=LSTM_LAST)
    assert REGISTRY["GlobalMaxPooling1D"].explain(fix_ctx("GlobalMaxPooling1D", {}, (None, 16)), bidi) is None
    fix = REGISTRY["Conv1D"].explain(fix_ctx("Conv1D", {"filters": 4, "kernel_size": 3}, (None, 8)), LSTM_SEQUENCES)
    assert fix.key == "fix.conv1d_add_channel"


def test_the_axis_words_are_the_kinds_meanings():  # both languages of every word: tests/test_text.py
    meanings = {m for kind in KINDS for m in kind.spatial_meanings}
    assert meanings | {"axis.filters", "axis.depthwise_channels"} == {k for k in WORDS_EN if k.startswith("axis.")}
    assert t("en", "axis.filters", layer="conv", arg="filters") == "filters of conv (one output channel per filter)"


def test_seeded_kernels_are_repeatable():
    spec = LayerSpec("c", "Conv1D", (("filters", 4), ("kernel_size", 3)))
    first, second, other = construct(spec, seed=5), construct(spec, seed=5), construct(spec, seed=6)
    for lay in (first, second, other):
        lay.build((None, 10, 2))
    assert np.array_equal(first.kernel.numpy(), second.kernel.numpy())
    assert not np.array_equal(first.kernel.numpy(), other.kernel.numpy())


def test_refused_and_code_lines():
    assert "channels_first" not in REGISTRY["Conv2D"].rule("data_format").choices
    assert "causal" in REGISTRY["Conv1D"].rule("padding").choices
    assert "causal" not in REGISTRY["Conv2D"].rule("padding").choices
    assert REGISTRY["AveragePooling1D"].rule("pool_size").default is None
    spec = LayerSpec("c", "Conv1D", (("activation", "relu"), ("filters", 128), ("kernel_regularizer", "l2"),
                                     ("kernel_size", 5)), sources=(("filters", "num_filters"),))
    assert layer_code(spec) == 'layers.Conv1D(num_filters, 5, activation="relu")'
    assert REGISTRY["Conv1D"].keras_args(spec) == {"activation": "relu", "filters": 128, "kernel_size": 5}
    assert math.prod(REGISTRY["Conv2D"].kernel_size(LayerSpec("c", "Conv2D", (("kernel_size", (3, 5)),)))) == 15


# -- transposed, depthwise, separable and 3-D convolutions: shapes against Keras ------------------------------
TRANSPOSED = [  # (input length, kernel, strides, padding, output_padding): lengths TensorFlow runs
    (n, k, s, padding, op) for n in (5, 6) for k in (1, 2, 3, 4) for s in (1, 2, 3) for padding in ("valid", "same")
    for op in (None, 0, 1, 2) if (op is None or op < s) and not (padding == "same" and op == 0 and k % 2 == 0)]


def test_transposed_lengths_are_keras_and_run():
    """(n − 1)·s + max(span, s) for "valid", n·s for "same", and with output_padding (n − 1)·s + span + op
    ("valid") or (n − 1)·s + span mod 2 + op ("same"): Keras's own inference and a real forward pass agree."""
    assert transposed_length(7, 3, 2, 1, "same", None) == 14 and transposed_length(7, 3, 2, 1, "valid", None) == 15
    assert transposed_length(7, 2, 3, 1, "valid", None) == 21  # stride longer than the kernel: gaps count
    assert transposed_length(7, 4, 2, 1, "same", 1) == 13 and transposed_length(None, 3, 2, 1, "same", None) is None
    x = np.zeros((1, 6, 2), "float32")
    for n, k, s, padding, op in TRANSPOSED:
        lay = layers.Conv1DTranspose(2, k, strides=s, padding=padding, output_padding=op)
        expected = transposed_length(n, k, s, 1, padding, op)
        assert lay.compute_output_shape((None, n, 2))[1] == expected, (n, k, s, padding, op)
        args = {"filters": 2, "kernel_size": k, "strides": s, "padding": padding, "output_padding": op}
        ctx = describe_one("Conv1DTranspose", {a: v for a, v in args.items() if v is not None}, ((None, n, 2),))
        assert ctx.out_shapes == ((None, expected, 2),)
        if n == 6:
            assert lay(x).shape[1] == expected


def test_unet_decoder_matches_keras():
    """Down with Conv2D and pooling, up with Conv2DTranspose: the kernel is (kh, kw, filters, C)."""
    spec = model((28, 28, 1),
                 layer("c1", "Conv2D", "inp", filters=16, kernel_size=3, padding="same"),
                 layer("p1", "MaxPooling2D", "c1"),
                 layer("up", "Conv2DTranspose", "p1", filters=8, kernel_size=3, strides=2, padding="same"),
                 layer("sep", "SeparableConv2D", "up", filters=4, kernel_size=3, depth_multiplier=2),
                 layer("dw", "DepthwiseConv2D", "sep", kernel_size=3, depth_multiplier=3, padding="same"))
    desc = describe(spec)
    assert desc.ok, desc.failure and desc.failure.message
    assert [s.output_shape for s in desc.steps] == [(None, 28, 28, 1), (None, 28, 28, 16), (None, 14, 14, 16),
                                                    (None, 28, 28, 8), (None, 26, 26, 4), (None, 26, 26, 12)]
    up, sep, dw = desc.step("up"), desc.step("sep"), desc.step("dw")
    assert up.output_dims == ("B", "H", "W", "K₂")  # back to 28 × 28: H and W again
    assert [(w.name, w.shape, w.dims) for w in up.weights] == [("kernel", (3, 3, 8, 16), ("3", "3", "K₂", "K")),
                                                               ("bias", (8,), ("K₂",))]
    assert up.formula.text() == "3 × 3 × K₂ × K + K₂ = 3 × 3 × 8 × 16 + 8 = 1,160"
    assert up.flops == 2 * 9 * 16 * 8 * 14 * 14
    assert [(w.name, w.shape) for w in sep.weights] == [("depthwise_kernel", (3, 3, 8, 2)),
                                                        ("pointwise_kernel", (1, 1, 16, 4)), ("bias", (4,))]
    assert sep.weights[1].dims == ("1", "1", "2K₂", "K₃")
    assert sep.formula.text() == "3 × 3 × K₂ × 2 + 2K₂ × K₃ + K₃ = 3 × 3 × 8 × 2 + 16 × 4 + 4 = 212"
    assert [(w.name, w.shape, w.dims) for w in dw.weights] == [("kernel", (3, 3, 4, 3), ("3", "3", "K₃", "3")),
                                                               ("bias", (12,), ("K₄",))]
    meanings = {a.letter: a.meaning_key for a in desc.axes}
    assert dw.output_dims[-1] == "K₄" and meanings["K₄"] == "axis.depthwise_channels"
    assert dw.formula.text() == "3 × 3 × K₃ × 3 + K₄ = 3 × 3 × 4 × 3 + 12 = 120"
    assert sep.code == "layers.SeparableConv2D(4, 3, depth_multiplier=2)"
    assert dw.code == 'layers.DepthwiseConv2D(3, depth_multiplier=3, padding="same")'
    real = keras_model((28, 28, 1), layers.Conv2D(16, 3, padding="same", name="c1"), layers.MaxPooling2D(name="p1"),
                       layers.Conv2DTranspose(8, 3, strides=2, padding="same", name="up"),
                       layers.SeparableConv2D(4, 3, depth_multiplier=2, name="sep"),
                       layers.DepthwiseConv2D(3, depth_multiplier=3, padding="same", name="dw"))
    compare_with_keras(desc, real)


def test_video_conv3d_and_its_transpose_match_keras():
    spec = model((8, 16, 16, 3),
                 layer("c3", "Conv3D", "inp", filters=4, kernel_size=3, strides=(1, 2, 2), padding="same"),
                 layer("t3", "Conv3DTranspose", "c3", filters=2, kernel_size=(1, 2, 2), strides=(1, 2, 2)))
    desc = describe(spec)
    assert desc.ok
    assert [s.output_shape for s in desc.steps[1:]] == [(None, 8, 8, 8, 4), (None, 8, 16, 16, 2)]
    c3, t3 = desc.step("c3"), desc.step("t3")
    assert c3.output_dims[1] == desc.steps[0].output_dims[1]  # depth kept: its letter kept
    assert c3.weights[0].shape == (3, 3, 3, 3, 4) and t3.weights[0].shape == (1, 2, 2, 2, 4)
    assert c3.formula.text() == "3 × 3 × 3 × D4 × K + K = 3 × 3 × 3 × 3 × 4 + 4 = 328"
    real = keras_model((8, 16, 16, 3), layers.Conv3D(4, 3, strides=(1, 2, 2), padding="same", name="c3"),
                       layers.Conv3DTranspose(2, (1, 2, 2), strides=(1, 2, 2), name="t3"))
    compare_with_keras(desc, real)


def test_the_aliases_are_keras_names():
    for alias, cls in (("Convolution2DTranspose", "Conv2DTranspose"), ("SeparableConvolution2D", "SeparableConv2D"),
                       ("Convolution1DTranspose", "Conv1DTranspose"), ("SeparableConvolution1D", "SeparableConv1D"),
                       ("Convolution3D", "Conv3D"), ("Convolution3DTranspose", "Conv3DTranspose")):
        assert getattr(layers, alias) is getattr(layers, cls) and get_kind(alias) is REGISTRY[cls]
    assert REGISTRY["DepthwiseConv2D"].aliases == ()


@pytest.mark.parametrize("line, args, shape", [
    ("dilation", {"filters": 4, "kernel_size": 3, "dilation_rate": 2}, (6, 3)),
    ("same_even", {"filters": 4, "kernel_size": 2, "strides": 2, "padding": "same", "output_padding": 0}, (6, 3)),
])
def test_what_tensorflow_refuses_when_it_runs_is_refused_before(line, args, shape):
    """Keras infers a shape for these, but TensorFlow's CPU kernels refuse them in the forward pass."""
    lay = layers.Conv1DTranspose(**args)
    assert lay.compute_output_shape((None,) + shape)  # Keras alone lets it through
    with pytest.raises(Exception, match=r"dilation rates larger than 1|Size of out_backprop doesn't match computed"):
        lay(np.zeros((1,) + shape, "float32"))
    failure = describe(model(shape, layer("t", "Conv1DTranspose", "inp", **args))).failure
    assert failure.layer == "t" and failure.origin == "explorer"
    keys = {"dilation": "fix.conv_transpose_dilation", "same_even": "fix.conv_transpose_same_even"}
    assert failure.fix.key == keys[line]


def test_output_padding_not_below_strides_fails_like_keras():
    failure = describe(model((7, 7, 4), layer("t", "Conv2DTranspose", "inp", filters=8, kernel_size=3,
                                              output_padding=1))).failure
    with pytest.raises(ValueError) as info:
        layers.Conv2DTranspose(8, 3, output_padding=1, name="t")
    assert failure.message == str(info.value) and failure.origin == "keras"
    assert failure.fix.key == "fix.conv_transpose_output_padding"


def test_a_2d_kind_on_a_grey_image_fails_with_keras_words_and_a_reshape():
    for kind, keras_layer in (("SeparableConv2D", layers.SeparableConv2D(8, 3, name="c")),
                              ("Conv2DTranspose", layers.Conv2DTranspose(8, 3, name="c")),
                              ("DepthwiseConv2D", layers.DepthwiseConv2D(3, name="c"))):
        args = {"kernel_size": 3} if kind == "DepthwiseConv2D" else {"filters": 8, "kernel_size": 3}
        failure = describe(model((28, 28), layer("c", kind, "inp", **args))).failure
        assert failure.message == keras_error((28, 28), keras_layer)
        assert failure.fix.code == "layers.Reshape((28, 28, 1))"


def test_separable_kernels_are_seeded_and_the_code_lines_are_keras():
    spec = LayerSpec("s", "SeparableConv2D", (("filters", 4), ("kernel_size", 3)))
    first, second = construct(spec, seed=5), construct(spec, seed=5)
    for lay in (first, second):
        lay.build((None, 9, 9, 2))
    assert np.array_equal(first.pointwise_kernel.numpy(), second.pointwise_kernel.numpy())
    assert np.array_equal(first.depthwise_kernel.numpy(), second.depthwise_kernel.numpy())
    spec = LayerSpec("t", "Conv3DTranspose", (("filters", 4), ("kernel_size", 2), ("output_padding", 1),
                                              ("strides", 2)))
    assert layer_code(spec) == "layers.Conv3DTranspose(4, 2, output_padding=1, strides=2)"
    assert REGISTRY["Conv3DTranspose"].positional.index("data_format") < REGISTRY["Conv3DTranspose"].positional.index(
        "output_padding")
    assert "groups" not in {r.name for r in REGISTRY["Conv2DTranspose"].rules}
    assert "causal" not in REGISTRY["SeparableConv1D"].rule("padding").choices


# -- X-ray and common mistakes (xray.py) -------------------------------------------------------------------
LIVE_WORDS = family_words("conv", prefixes=("xray.", "mistake."))
LIVE_EN, LIVE_ZH = in_language(LIVE_WORDS, "en"), in_language(LIVE_WORDS, "zh")


def floats(shape: str, *lines: str, batch: int = 2) -> str:
    return sequential(*lines, input_shape=shape, dtype="float32", batch=batch)


# -- Conv1D --------------------------------------------------------------------------------------------
CONV1D = {
    "valid": 'layers.Conv1D(5, 3, name="conv")',
    "same_odd": 'layers.Conv1D(5, 3, padding="same", name="conv")',
    "same_even": 'layers.Conv1D(5, 4, padding="same", name="conv")',
    "same_even_strides": 'layers.Conv1D(5, 4, strides=2, padding="same", name="conv")',
    "causal": 'layers.Conv1D(5, 3, padding="causal", dilation_rate=2, name="conv")',
    "strides": 'layers.Conv1D(5, 3, strides=2, name="conv")',
    "dilation": 'layers.Conv1D(5, 3, dilation_rate=2, name="conv")',
    "no_bias": 'layers.Conv1D(5, 3, use_bias=False, name="conv")',
    "relu": 'layers.Conv1D(5, 3, activation="relu", name="conv")',
    "groups": 'layers.Conv1D(6, 3, groups=2, padding="same", name="conv")',
}


@pytest.mark.parametrize("case", sorted(CONV1D))
def test_conv1d_matches_keras(case):
    call, xray = xray_of(floats("(13, 4)", CONV1D[case]), "conv", (1, 3, 4))
    assert_all_match(call, xray)


def test_padding_amounts_are_tensorflows():
    assert pad_amounts(13, 4, 1, 1, "same") == (1, 2)  # even kernel: the extra zero goes after
    assert pad_amounts(13, 3, 1, 1, "same") == (1, 1)
    assert pad_amounts(13, 4, 2, 1, "same") == (1, 2)  # ⌈13/2⌉ = 7 outputs: 6·2 + 4 − 13 = 3 zeros
    assert pad_amounts(12, 4, 2, 1, "same") == (1, 1)  # 5·2 + 4 − 12 = 2
    assert pad_amounts(12, 3, 1, 2, "causal") == (4, 0)
    assert pad_amounts(12, 3, 1, 1, "valid") == (0, 0)


def test_conv1d_window_is_the_one_the_output_read():
    """(b, l, f) = (1, 3, 4) with k = 3, stride 2, valid: steps 6, 7, 8 of sample 1, summed by hand."""
    call, xray = xray_of(floats("(13, 4)", CONV1D["strides"]), "conv", (1, 3, 4))
    window, kernel_grid, products, out = xray.grids
    assert window.rows == ("6", "7", "8")
    np.testing.assert_array_equal(window.values, call.x[1, 6:9, :])
    kernel = np.asarray(call.layer.kernel)
    np.testing.assert_array_equal(kernel_grid.values, kernel[:, :, 4])
    by_hand = sum(float(call.x[1, 6 + j, c]) * float(kernel[j, c, 4]) for j in range(3) for c in range(4))
    by_hand += float(np.asarray(call.layer.bias)[4])
    assert abs(by_hand - float(call.y[1, 3, 4])) < TOLERANCE
    assert abs(products.values.sum() + float(np.asarray(call.layer.bias)[4]) - call.y[1, 3, 4]) < TOLERANCE
    assert (3, 4) in out.marks and out.rows[3] == "3" and out.cols[4] == "4"
    assert xray.notes[0].key == "xray.conv1d.padding" and dict(xray.notes[0].params)["len"] == "6"


def test_conv1d_same_even_window_has_keras_padding():
    """k = 4, same: 1 zero before, 2 after, so output step 0 reads steps −1 … 2 (−1 is a zero)."""
    call, xray = xray_of(floats("(13, 4)", CONV1D["same_even"]), "conv", (0, 0, 0))
    window = xray.grids[0]
    assert window.rows == ("-1", "0", "1", "2")
    np.testing.assert_array_equal(window.values[0], 0.0)
    np.testing.assert_array_equal(window.values[1:], call.x[0, 0:3, :])
    params = dict(xray.notes[0].params)
    assert (params["before"], params["after"]) == ("1", "2")


def test_conv1d_groups_window_shows_the_groups_channels():
    _call, xray = xray_of(floats("(13, 4)", CONV1D["groups"]), "conv", (0, 5, 4))
    assert xray.grids[0].cols == ("2", "3")  # filter 4 is in group 1 (filters 3 … 5): channels 2 and 3
    assert any(n.key == "xray.conv1d.groups" for n in xray.notes)


# -- Conv2D --------------------------------------------------------------------------------------------
CONV2D = {
    "valid": 'layers.Conv2D(4, 3, name="conv")',
    "same": 'layers.Conv2D(4, (3, 2), padding="same", activation="relu", name="conv")',
    "strides": 'layers.Conv2D(4, 3, strides=2, padding="same", name="conv")',
    "dilation": 'layers.Conv2D(4, 2, dilation_rate=2, use_bias=False, name="conv")',
}


@pytest.mark.parametrize("case", sorted(CONV2D))
def test_conv2d_matches_keras(case):
    call, xray = xray_of(floats("(9, 8, 3)", CONV2D[case]), "conv", (1, 2, 3, 1))
    assert_all_match(call, xray)


def test_conv2d_window_is_the_one_the_output_read():
    """(b, h, w, f) = (1, 2, 3, 1), k = 3, valid: rows 2 … 4 and columns 3 … 5 of sample 1."""
    call, xray = xray_of(floats("(9, 8, 3)", CONV2D["valid"]), "conv", (1, 2, 3, 1))
    window = xray.grids[0]
    channel = int(dict(window.title.params)["channel"])
    assert window.rows == ("2", "3", "4") and window.cols == ("3", "4", "5")  # the 9 taps, all shown
    np.testing.assert_array_equal(window.values, call.x[1, 2:5, 3:6, channel])
    kernel = np.asarray(call.layer.kernel)
    by_hand = float(np.sum(call.x[1, 2:5, 3:6, :].astype(np.float64) * kernel[:, :, :, 1]))
    assert abs(by_hand + float(np.asarray(call.layer.bias)[1]) - call.y[1, 2, 3, 1]) < TOLERANCE
    assert xray.grids[-1].marks == ((2, 3),)


# poolings share the convolutions' windows: the bounded recomputation below runs one too
POOL = {
    "max1_valid": ("(13, 4)", 'layers.MaxPooling1D(3, strides=2, name="pool")'),
    "max1_same": ("(13, 4)", 'layers.MaxPooling1D(4, strides=3, padding="same", name="pool")'),
    "avg1_valid": ("(13, 4)", 'layers.AveragePooling1D(3, name="pool")'),
    "avg1_same": ("(13, 4)", 'layers.AveragePooling1D(4, strides=3, padding="same", name="pool")'),
    "max2_valid": ("(9, 8, 3)", 'layers.MaxPooling2D(name="pool")'),
    "max2_same": ("(9, 8, 3)", 'layers.MaxPooling2D((3, 2), strides=2, padding="same", name="pool")'),
    "avg2_valid": ("(9, 8, 3)", 'layers.AveragePooling2D(3, strides=(2, 1), name="pool")'),
    "avg2_same": ("(9, 8, 3)", 'layers.AveragePooling2D(3, strides=2, padding="same", name="pool")'),
}


# -- mistakes ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("line, shape, offered", [
    ('layers.Conv1D(4, 3, name="layer")', "(13, 1)", (13,)),
    ('layers.Conv2D(4, 3, name="layer")', "(9, 8, 1)", (9, 8)),
    ('layers.Conv2D(4, 3, name="layer")', "(9, 8, 3)", None),  # RGB: three channels are not forgotten
    ('layers.MaxPooling1D(2, name="layer")', "(13, 4)", "too_many_pools"),
    ('layers.AveragePooling2D(2, name="layer")', "(9, 8, 3)", "too_many_pools"),
    ('layers.MaxPooling2D(padding="same", name="layer")', "(9, 8, 3)", None),
    ('layers.MaxPooling2D(2, name="layer")', "(64, 64, 3)", None),  # five more poolings: not a slip
    ('layers.GlobalMaxPooling1D(name="layer")', "(13, 4)", None),
])
def test_realistic_mistakes_offered_only_where_they_happen(line, shape, offered):
    """A convolution fed by an input whose channel axis of 1 can be forgotten; the last pooling, when one to
    three more of it shrink the map to nothing. Nothing about a kernel longer than the whole input."""
    _spec, found = mistakes_of(floats(shape, line), "layer")
    if offered is None:
        assert found == ()
        return
    (mistake,) = found
    if offered == "too_many_pools":
        assert mistake.key == "too_many_pools" and all(e.action == "insert_after" for e in mistake.edits)
        assert 1 <= len(mistake.edits) <= 3
    else:
        assert mistake.key == "missing_channel" and [(e.action, e.shape) for e in mistake.edits] == [
            ("input_shape", offered)]
    assert mistake.why_key == f"mistake.{mistake.key}.why"
    t("en", mistake.why_key, **dict(mistake.params))


@pytest.mark.parametrize("line, shape, offered", [
    ('layers.SeparableConv2D(4, 3, name="layer")', "(9, 8, 1)", True),
    ('layers.DepthwiseConv2D(3, name="layer")', "(9, 8, 1)", True),
    ('layers.Conv3D(4, 3, name="layer")', "(6, 7, 8, 1)", True),
    ('layers.Conv2DTranspose(4, 3, name="layer")', "(9, 8, 1)", False),
])
def test_missing_channel_for_the_kinds_built_on_the_convolution(line, shape, offered):
    _spec, found = mistakes_of(floats(shape, line), "layer")
    assert [m.key for m in found] == (["missing_channel"] if offered else [])


def test_registered_for_every_kind(monkeypatch):
    assert all(kind.has_xray for kind in KINDS)
    assert {kind.class_name: live_functions(kind.class_name, monkeypatch) for kind in KINDS} == {
        "Conv1D": ("conv_xray", "conv_mistakes"), "Conv2D": ("conv_xray", "conv_mistakes"),
        "Conv3D": ("conv_xray", "conv_mistakes"), "DepthwiseConv2D": ("depthwise_xray", "conv_mistakes"),
        "SeparableConv1D": ("separable_xray", "conv_mistakes"), "SeparableConv2D": ("separable_xray", "conv_mistakes"),
        "Conv1DTranspose": ("transpose_xray",), "Conv2DTranspose": ("transpose_xray",),
        "Conv3DTranspose": ("transpose_xray",)}


def test_the_live_words_are_this_familys():  # both languages of every word: tests/test_text.py
    prefixes = ("xray.conv.", "xray.conv1d.", "xray.conv2d.", "xray.conv3d.", "xray.depthwise2d.", "xray.separable.",
                "xray.conv_transpose.", "mistake.")
    assert LIVE_EN and [key for key in LIVE_EN if not key.startswith(prefixes)] == []


def test_bounded_recomputation_still_matches(monkeypatch):
    """With a tiny memory bound: one sample, windows a few output rows at a time, and a note saying so."""
    import explorer.live.base as base
    import explorer.layers.conv.xray as conv

    monkeypatch.setattr(base, "XRAY_BYTES", 8_000)
    monkeypatch.setattr(conv, "XRAY_BYTES", 8_000)
    for line, name in ((CONV2D["strides"], "conv"), (POOL["avg2_same"][1], "pool")):
        call, xray = xray_of(floats("(9, 8, 3)", line), name, (1, 2, 3, 1))
        assert all(c.diff < TOLERANCE for c in xray.checks)
        assert xray.checks[0].size == call.y[:1].size
        assert any(n.key.endswith(".samples") and dict(n.params)["n"] == "1" for n in xray.notes)
    assert len(list(conv.row_chunks(conv.geometry((9, 8), (3, 3), (2, 2), (1, 1), "same"), 1, 3))) > 1


# -- transposed, depthwise, separable and 3-D convolutions, live ---------------------------------------------
BUILT_ON_CONV = {  # (input shape, line, followed index)
    "t2_same": ("(5, 6, 3)", 'layers.Conv2DTranspose(4, 3, strides=2, padding="same", name="c")', (1, 3, 4, 2)),
    "t2_valid": ("(5, 6, 3)", 'layers.Conv2DTranspose(4, 3, strides=2, name="c")', (1, 10, 12, 2)),
    "t2_output_padding": ("(5, 6, 3)", 'layers.Conv2DTranspose(4, (3, 4), strides=2, padding="same", '
                          'output_padding=(0, 1), name="c")', (1, 3, 4, 2)),
    "t2_gaps": ("(5, 6, 3)", 'layers.Conv2DTranspose(4, 2, strides=3, output_padding=2, activation="relu", '
                'name="c")', (1, 2, 2, 1)),
    "t1": ("(7, 3)", 'layers.Conv1DTranspose(4, 3, strides=2, output_padding=1, use_bias=False, name="c")', (1, 5, 2)),
    "t3": ("(3, 4, 5, 2)", 'layers.Conv3DTranspose(3, 3, strides=2, padding="same", name="c")', (1, 2, 3, 4, 1)),
    "dw_multiplier": ("(9, 8, 3)", 'layers.DepthwiseConv2D(3, depth_multiplier=2, name="c")', (1, 2, 3, 5)),
    "dw_strides": ("(9, 8, 3)", 'layers.DepthwiseConv2D(3, strides=2, padding="same", use_bias=False, name="c")',
                   (1, 2, 3, 1)),
    "sep2": ("(9, 8, 3)", 'layers.SeparableConv2D(5, 3, depth_multiplier=2, name="c")', (1, 2, 3, 4)),
    "sep2_dilated": ("(9, 8, 3)", 'layers.SeparableConv2D(5, 3, strides=2, dilation_rate=2, padding="same", '
                     'name="c")', (1, 2, 3, 4)),
    "sep1": ("(13, 4)", 'layers.SeparableConv1D(5, 3, padding="same", activation="relu", name="c")', (1, 2, 4)),
    "c3": ("(6, 7, 8, 3)", 'layers.Conv3D(4, 3, name="c")', (1, 2, 3, 4, 1)),
    "c3_groups": ("(6, 7, 8, 4)", 'layers.Conv3D(4, (2, 3, 3), strides=2, padding="same", groups=2, name="c")',
                  (1, 2, 3, 3, 3)),
}


@pytest.mark.parametrize("case", sorted(BUILT_ON_CONV))
def test_kinds_built_on_the_convolution_match_keras(case):
    shape, line, pick = BUILT_ON_CONV[case]
    call, xray = xray_of(floats(shape, line), "c", pick)
    assert_all_match(call, xray)


def test_transposed_output_is_the_sum_over_the_inputs_that_reach_it():
    """Conv1DTranspose k = 3, s = 2, valid: output 4 = input 2 through tap 0 + input 1 through tap 2."""
    assert transpose_sources((4,), (7,), (3,), (2,), (1,), (0,)) == [((2,), (0,)), ((1,), (2,))]
    assert transpose_sources((5,), (7,), (3,), (2,), (1,), (0,)) == [((2,), (1,))]
    call, xray = xray_of(floats("(7, 3)", 'layers.Conv1DTranspose(4, 3, strides=2, name="c")'), "c", (1, 4, 2))
    kernel, bias = np.asarray(call.layer.kernel, np.float64), np.asarray(call.layer.bias, np.float64)
    by_hand = call.x[1, 2] @ kernel[0, 2] + call.x[1, 1] @ kernel[2, 2] + bias[2]
    assert abs(by_hand - call.y[1, 4, 2]) < TOLERANCE
    inputs, weights = xray.grids[:2]
    assert inputs.rows == ("x[2]·w[0]", "x[1]·w[2]")
    np.testing.assert_array_equal(inputs.values, call.x[1, [2, 1]])
    np.testing.assert_array_equal(weights.values, kernel[[0, 2], 2])
    axis = next(n for n in xray.notes if n.key == "xray.conv_transpose.axis")
    assert {k: v for k, v in axis.params if k in ("full", "before", "after", "added", "len")} == {
        "full": "15", "before": "0", "after": "0", "added": "0", "len": "15"}


def test_transposed_same_cuts_the_spread_like_tensorflow():
    """k = 4, s = 2, same on 5 positions: the spread covers 12, the output keeps 10 from position 1."""
    call, xray = xray_of(floats("(5, 2)", 'layers.Conv1DTranspose(3, 4, strides=2, padding="same", name="c")'),
                         "c", (0, 0, 1))
    axis = dict(next(n for n in xray.notes if n.key == "xray.conv_transpose.axis").params)
    assert (axis["full"], axis["before"], axis["after"], axis["len"]) == ("12", "1", "1", "10")
    kernel = np.asarray(call.layer.kernel, np.float64)
    # output 0 + 1 cut = input 0 · 2 + tap 1
    assert abs(call.x[0, 0] @ kernel[1, 1] + float(np.asarray(call.layer.bias)[1]) - call.y[0, 0, 1]) < TOLERANCE


def test_a_gap_between_patches_is_the_bias_alone():
    shape, line, pick = BUILT_ON_CONV["t2_gaps"]
    call, xray = xray_of(floats(shape, line), "c", pick)
    assert [n.key for n in xray.notes if n.key.endswith("bias_only")] == ["xray.conv_transpose.bias_only"]
    assert len(xray.grids) == 1 and call.y[pick] == max(float(np.asarray(call.layer.bias)[1]), 0.0)


def test_depthwise_output_channel_reads_one_input_channel():
    """depth_multiplier 2: output channel 5 = input channel 2 times kernel[:, :, 2, 1]."""
    shape, line, pick = BUILT_ON_CONV["dw_multiplier"]
    call, xray = xray_of(floats(shape, line), "c", pick)
    kernel = np.asarray(call.layer.kernel, np.float64)
    by_hand = float(np.sum(call.x[1, 2:5, 3:6, 2] * kernel[:, :, 2, 1])) + float(np.asarray(call.layer.bias)[5])
    assert abs(by_hand - call.y[1, 2, 3, 5]) < TOLERANCE
    assert dict(xray.grids[1].title.params)["q"] == "1" and dict(xray.grids[0].title.params)["channel"] == "2"
    np.testing.assert_array_equal(xray.grids[1].values, kernel[:, :, 2, 1])


def test_separable_is_depthwise_then_pointwise():
    shape, line, pick = BUILT_ON_CONV["sep2"]
    call, xray = xray_of(floats(shape, line), "c", pick)
    dk = np.asarray(call.layer.depthwise_kernel, np.float64)  # (3, 3, 3, 2)
    pw = np.asarray(call.layer.pointwise_kernel, np.float64)[0, 0]  # (C·m, K) = (6, 5)
    window = call.x[1, 2:5, 3:6, :].astype(np.float64)
    d = np.array([np.sum(window[:, :, c] * dk[:, :, c, q]) for c in range(3) for q in range(2)])
    assert abs(d @ pw[:, 4] + float(np.asarray(call.layer.bias)[4]) - call.y[1, 2, 3, 4]) < TOLERANCE
    mix = xray.grids[3]
    assert mix.rows == ("d", "w[:, 4]", "d × w")
    np.testing.assert_allclose(mix.values[0], d, atol=1e-9)
    by_hand = dict(next(n for n in xray.notes if n.key == "xray.separable.by_hand").params)
    j = int(by_hand["j"])
    assert abs(float(by_hand["depthwise"]) - d[j]) < 1e-6 and abs(xray.grids[2].values.sum() - d[j]) < 1e-6


# -- the X-ray agrees with itself (tests/xray_consistency.py) ------------------------------------------------
def _conv_sums(xray, call):
    """window × kernel = the products shown; the products (or, over many channels, each channel's sum of
    products) add up to the total written when they are shown whole; total + bias = z."""
    rank = call.x.ndim - 2
    by_hand = note(xray, {1: "xray.conv1d.by_hand", 2: "xray.conv2d.by_hand", 3: "xray.conv3d.by_hand"}[rank])
    yield float(by_hand["total"]) + float(by_hand["bias"]), by_hand["z"]
    window, kernel, products = xray.grids[:3]
    assert np.allclose(window.values * kernel.values, products.values), "window × kernel ≠ the products shown"
    summed = xray.grids[3] if len(xray.grids) == 5 else products  # the per-channel sums, over several channels
    assert whole(summed) or not fits(summed), "a window small enough to show is cut"
    if whole(summed) and whole(products):
        yield float(summed.values.sum()), by_hand["total"]
        if summed is products:
            assert products.values.size == int(by_hand["count"]), "the products shown are not the products counted"


def _transpose_sums(xray, call):
    """inputs × kernel = the products shown; they (or each pair's sum) add up to the total; total + bias = z."""
    by_hand = note(xray, "xray.conv_transpose.by_hand")
    yield float(by_hand["total"]) + float(by_hand["bias"]), by_hand["z"]
    if len(xray.grids) == 1:  # the bias alone: nothing reaches the followed number
        yield 0.0, by_hand["total"]
        return
    inputs, kernel, products = xray.grids[:3]
    assert np.allclose(inputs.values * kernel.values, products.values), "inputs × kernel ≠ the products shown"
    summed = xray.grids[3] if len(xray.grids) == 5 else products
    assert whole(summed) or not fits(summed), "a window small enough to show is cut"
    if whole(summed):
        yield float(summed.values.sum()), by_hand["total"]


def _separable_sums(xray, call):
    """window × kernel = the depthwise products, which add up to the depthwise output written; d × w = the
    pointwise products, which add up to the total; total + bias = z."""
    by_hand = note(xray, "xray.separable.by_hand")
    yield float(by_hand["total"]) + float(by_hand["bias"]), by_hand["z"]
    window, kernel, products, mix = xray.grids[:4]
    assert np.allclose(window.values * kernel.values, products.values), "window × kernel ≠ the products shown"
    assert np.allclose(mix.values[0] * mix.values[1], mix.values[2]), "d × w ≠ the products shown"
    if whole(products):
        yield float(products.values.sum()), by_hand["depthwise"]
    assert whole(mix) or not fits(mix), "a window small enough to show is cut"
    if whole(mix):
        yield float(mix.values[2].sum()), by_hand["total"]


XRAY_CASES = [
    XRayCase("mnist-conv2d-1-channel", MNIST, "conv2d", (1, 7, 11, 0), where=lambda p: (p[1], p[2]),
             sums=_conv_sums),
    XRayCase("mnist-conv2d-32-channels", MNIST, "conv2d_1", (1, 7, 10, 3), where=lambda p: (p[1], p[2]),
             sums=_conv_sums),
    XRayCase("conv2d-same-4-channels", sequential('layers.Conv2D(3, 3, padding="same", strides=2, name="c")',
                                                  input_shape="(7, 6, 4)", dtype="float32", batch=2),
             "c", (1, 0, 2, 1), where=lambda p: (p[1], p[2]), sums=_conv_sums),
    XRayCase("conv1d-same", sequential('layers.Conv1D(4, 3, padding="same", activation="relu", name="c")',
                                       input_shape="(10, 3)", dtype="float32", batch=2), "c", (1, 0, 2),
             sums=_conv_sums),
    XRayCase("conv1d-long-kernel", sequential('layers.Conv1D(2, 9, name="c")', input_shape="(12, 10)",
                                              dtype="float32", batch=2), "c", (1, 2, 1), sums=_conv_sums),
    XRayCase("conv2d-transpose-same", floats(*BUILT_ON_CONV["t2_same"][:2]), "c", BUILT_ON_CONV["t2_same"][2],
             where=lambda p: (p[1], p[2]), sums=_transpose_sums),
    XRayCase("conv2d-transpose-bias-only", floats(*BUILT_ON_CONV["t2_gaps"][:2]), "c", BUILT_ON_CONV["t2_gaps"][2],
             where=lambda p: (p[1], p[2]), sums=_transpose_sums),
    XRayCase("conv2d-transpose-16-channels", floats("(4, 4, 16)", 'layers.Conv2DTranspose(2, 3, name="c")'), "c",
             (0, 2, 3, 1), where=lambda p: (p[1], p[2]), sums=_transpose_sums),
    XRayCase("conv1d-transpose", floats(*BUILT_ON_CONV["t1"][:2]), "c", BUILT_ON_CONV["t1"][2],
             sums=_transpose_sums),
    XRayCase("conv3d-transpose", floats(*BUILT_ON_CONV["t3"][:2]), "c", BUILT_ON_CONV["t3"][2],
             where=lambda p: (p[2], p[3]), sums=_transpose_sums),
    XRayCase("depthwise2d", floats(*BUILT_ON_CONV["dw_multiplier"][:2]), "c", BUILT_ON_CONV["dw_multiplier"][2],
             where=lambda p: (p[1], p[2]), sums=_conv_sums),
    XRayCase("separable2d", floats(*BUILT_ON_CONV["sep2"][:2]), "c", BUILT_ON_CONV["sep2"][2],
             where=lambda p: (p[1], p[2]), sums=_separable_sums),
    XRayCase("separable2d-12-channels", floats("(6, 6, 12)", 'layers.SeparableConv2D(3, 3, name="c")'), "c",
             (0, 1, 2, 2), where=lambda p: (p[1], p[2]), sums=_separable_sums),
    XRayCase("separable1d", floats(*BUILT_ON_CONV["sep1"][:2]), "c", BUILT_ON_CONV["sep1"][2],
             sums=_separable_sums),
    XRayCase("conv3d", floats(*BUILT_ON_CONV["c3"][:2]), "c", BUILT_ON_CONV["c3"][2], where=lambda p: (p[2], p[3]),
             sums=_conv_sums),
    XRayCase("conv3d-groups", floats(*BUILT_ON_CONV["c3_groups"][:2]), "c", BUILT_ON_CONV["c3_groups"][2],
             where=lambda p: (p[2], p[3]), sums=_conv_sums),
]


@pytest.mark.parametrize("case", XRAY_CASES, ids=cases_ids(XRAY_CASES))
def test_xray_agrees_with_itself(case):
    check_xray(case)
