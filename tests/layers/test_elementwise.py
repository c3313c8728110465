"""The tests of Activation, Dropout, SpatialDropout1D, BatchNormalization and LayerNormalization
(explorer/layers/elementwise/): shapes, weights, formulas and fixes against real Keras and the X-ray and
common mistakes on real built models."""
from __future__ import annotations

import dataclasses

import keras
import numpy as np
import pytest

from explorer.i18n import t
from explorer.layers import get_kind
from explorer.live import base as live_base
from explorer.live.trace import run_trace
from explorer.live.xrays import layer_call
from explorer.shapes import describe
from family_checks import catalog_tests, chain, note, texts, xray
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


FAILING = [
    chain((5, None), ("n", "LayerNormalization", {})),
    chain((5, 8), ("n", "BatchNormalization", {"axis": 4})),
]
OK = []


(test_every_fix_key_exists_and_fills, test_every_axis_meaning_key_exists,
 test_every_string_of_the_catalog_is_used) = catalog_tests(
    OK, FAILING, WORDS_EN, LEAD_KEYS)


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


# -- texts ---------------------------------------------------------------------------------------
def test_every_text_of_the_xrays_formats_in_both_languages():
    calls = [
        call_of(floats('layers.Activation("softmax", name="act")', shape="(5, 6)"), "act"),
        call_of(floats('layers.ReLU(6.0, name="relu")', shape="(5, 6)"), "relu"),
        call_of(floats('layers.SpatialDropout1D(0.5, name="drop")', shape="(5, 6)"), "drop"),
        call_of(floats('layers.BatchNormalization(axis=1, center=False, scale=False, name="bn_plain")',
                       shape="(5, 4)"), "bn_plain"),
        call_of(floats('layers.LayerNormalization(name="ln")', shape="(5, 4)"), "ln"),
    ]
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


XRAY_CASES = [
    XRayCase("activation-relu", floats('layers.Activation("relu", name="a")', shape="(3, 4)"), "a", (1, 2, 3),
             sums=_activation_sums),
    XRayCase("activation-softmax", floats('layers.Activation("softmax", name="a")', shape="(3, 5)"), "a",
             (1, 2, 3), sums=_activation_sums),
    XRayCase("relu-layer", floats('layers.ReLU(max_value=0.5, name="a")', shape="(6,)"), "a", (2, 4),
             sums=_activation_sums),
    XRayCase("mnist-dropout", MNIST, "dropout", (1, 7), output=0),
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
