"""The tests of MultiHeadAttention (explorer/layers/attention/): shapes, weights, formulas and fixes against
real Keras and the X-ray and common mistakes on real built models."""
from __future__ import annotations

import keras
import pytest

from explorer.i18n import t
from explorer.layers import get_kind
from explorer.live import base as live_base
from explorer.shapes import describe
from explorer.spec import InputSpec, ModelSpec
from family_checks import catalog_tests, functional, layer, note, texts, two_inputs, xray
from layer_words import family_words, in_language
from live_models import call_of
from xray_consistency import XRayCase, cases_ids, check_xray, marked
from xray_consistency import note as xnote


# -- shapes, weights and fixes (kinds.py) ------------------------------------------------------------------
WORDS_EN = in_language(family_words("attention", prefixes=("axis.", "fix.")), "en")  # the kinds' words
LEAD_KEYS = {"fix.fixed_length"}  # defined in explorer/i18n/model.py, shared with explorer/diagnose.py


FAILING = [
    two_inputs((5, None), (7, 12), "MultiHeadAttention", num_heads=2, key_dim=8),
    ModelSpec((InputSpec("q", (5, 16)), InputSpec("v", (7, 12)), InputSpec("k", (8, 12))),
              (layer("mha", "MultiHeadAttention", ["q", "v", "k"], num_heads=2, key_dim=8),), (("mha", 0),)),
]
OK = [
    two_inputs((5, 16), (7, 12), "MultiHeadAttention", num_heads=2, key_dim=8, value_dim=4, output_shape=10),
]


(test_every_fix_key_exists_and_fills, test_every_axis_meaning_key_exists,
 test_every_string_of_the_catalog_is_used) = catalog_tests(
    OK, FAILING, WORDS_EN, LEAD_KEYS)


def test_self_attention_matches_keras():
    import numpy as np

    spec = ModelSpec((InputSpec("x", (50, 64)),),
                     (layer("mha", "MultiHeadAttention", ["x", "x"], num_heads=4, key_dim=16),), (("mha", 0),))
    d = describe(spec)
    step = d.step("mha")
    assert step.input_shapes == ((None, 50, 64), (None, 50, 64)) and step.output_shape == (None, 50, 64)
    assert step.output_dims == ("B", "T", "F")
    assert step.formula.text() == ("3 × (F + 1) × N × K + N × K × F + F = 3 × (64 + 1) × 4 × 16 + 4 × 16 × 64 + 64"
                                   " = 16,640")
    assert [(w.name, w.dims) for w in step.weights][:2] == [("query/kernel", ("F", "N", "K")),
                                                            ("query/bias", ("N", "K"))]
    x = keras.Input((50, 64))
    real = keras.layers.MultiHeadAttention(num_heads=4, key_dim=16)
    assert tuple(real(x, x).shape) == step.output_shape
    assert real.count_params() == step.params
    assert [w.path.split("/", 1)[1] for w in real.weights] == [w.name for w in step.weights]
    assert [tuple(w.shape) for w in real.weights] == [w.shape for w in step.weights]
    # ours takes the registry's list and seeds each projection differently
    ours = get_kind("MultiHeadAttention").make(spec.layers[0], seed=3)
    assert tuple(ours([x, x]).shape) == (None, 50, 64)
    query_kernel, key_kernel = ours.weights[0].numpy(), ours.weights[2].numpy()
    assert query_kernel.shape == key_kernel.shape and not np.array_equal(query_kernel, key_kernel)
    again = get_kind("MultiHeadAttention").make(spec.layers[0], seed=3)
    again([x, x])
    assert np.array_equal(again.weights[0].numpy(), query_kernel)


def test_attention_failures_explained():
    f = describe(FAILING[-2]).failure
    assert f.layer == "join" and f.fix.key == "fix.attention_unknown_features"
    assert dict(f.fix.params)["role"] == "query" and f.cause.key == "cause.unknown_size"
    f = describe(FAILING[-1]).failure
    assert f.layer == "mha" and "key" in f.message and f.fix.key == "fix.attention_key_value"


# -- X-ray and common mistakes (xray.py) -------------------------------------------------------------------
LIVE_WORDS = family_words("attention", prefixes=("xray.", "mistake."))
LIVE_EN, LIVE_ZH = in_language(LIVE_WORDS, "en"), in_language(LIVE_WORDS, "zh")


def test_self_attention_recomputed_head_by_head():
    code = functional({"x": "(5, 6)"}, 'att = layers.MultiHeadAttention(num_heads=2, key_dim=4, name="mha")(x, x)',
                      "att")
    call = call_of(code, "mha", (1, 3, 2))
    result = xray(call)
    assert result.summary.key == "xray.attention.summary_self"
    assert [c.what.key for c in result.checks] == ["xray.attention.check", "xray.attention.check_weights",
                                                   "xray.attention.check_sums"]
    head = result.grids[0]
    weights = [head.values[r, c] for r, c in head.marks]
    assert len(weights) == 5 and sum(weights) == pytest.approx(1.0, abs=1e-6)


def test_attention_on_fewer_samples_keeps_the_followed_one(monkeypatch):
    code = functional({"x": "(5, 6)"}, 'att = layers.MultiHeadAttention(num_heads=2, key_dim=4, name="mha")(x, x)',
                      "att")
    call = call_of(code, "mha", (1, 3, 2))
    monkeypatch.setattr(live_base, "XRAY_BYTES", 8 * 500)  # room for one sample
    result = xray(call)
    assert note(result, "xray.attention.bounded") == {"n": "1", "batch": "2", "b": "1"}
    assert result.checks[0].size == call.y[1].size


# -- texts ---------------------------------------------------------------------------------------
def test_every_text_of_the_xrays_formats_in_both_languages():
    calls = [
        call_of(functional({"x": "(5, 6)"}, 'att = layers.MultiHeadAttention(num_heads=2, key_dim=4, '
                           'name="mha")(x, x)', "att"), "mha"),
    ]
    for call in calls:
        for text in texts(get_kind(call.spec.kind).xray(call)):
            for lang in ("en", "zh"):
                assert "{" not in t(lang, text.key, **dict(text.params)), text.key


# -- the X-ray agrees with itself (tests/xray_consistency.py) ------------------------------------------------
def _attention_sums(xray, call):
    """The followed query's weights (the marked row of head 0) hold the largest weight written, and, shown
    whole, add up to 1."""
    where = xnote(xray, "xray.attention.where")
    weights = marked(xray.grids[0])
    yield float(weights.max()), where["weight"]
    if len(weights) == int(where["S"]):
        yield float(weights.sum()), "1.000000"


XRAY_CASES = [
    XRayCase("self-attention", functional({"x": "(4, 6)"},
                                          'y = layers.MultiHeadAttention(2, 3, name="mha")(x, x)', "y"), "mha",
             (1, 2, 5), sums=_attention_sums),
    XRayCase("cross-attention-long", functional({"q": "(3, 4)", "v": "(9, 5)"},
                                                'y = layers.MultiHeadAttention(2, 2, name="mha")(q, v)', "y"),
             "mha", (1, 1, 3), sums=_attention_sums),
]


@pytest.mark.parametrize("case", XRAY_CASES, ids=cases_ids(XRAY_CASES))
def test_xray_agrees_with_itself(case):
    check_xray(case)
