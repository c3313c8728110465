"""The tests of MultiHeadAttention (explorer/layers/attention/): shapes, weights, formulas and fixes against
real Keras and the X-ray and common mistakes on real built models."""
from __future__ import annotations

import string

import keras
import pytest

from explorer.i18n import catalog, t
from explorer.layers import get_kind
from explorer.live import base as live_base
from explorer.live.base import TOLERANCE
from explorer.shapes import describe
from explorer.spec import InputSpec, LayerSpec, ModelSpec
from layer_words import family_words, in_language
from live_models import call_of
from xray_consistency import XRayCase, cases_ids, check_xray, marked
from xray_consistency import note as xnote


# -- shapes, weights and fixes (kinds.py) ------------------------------------------------------------------
WORDS_EN = in_language(family_words("attention", prefixes=("axis.", "fix.")), "en")  # the kinds' words
LEAD_KEYS = {"fix.fixed_length"}  # defined in explorer/i18n/model.py, shared with explorer/diagnose.py


def layer(name, kind, inputs, **args):
    return LayerSpec(name, kind, tuple(sorted(args.items())), tuple((i, 0) for i in inputs))


def two_inputs(shape_a, shape_b, kind, **args):
    return ModelSpec((InputSpec("a", shape_a), InputSpec("b", shape_b)), (layer("join", kind, ["a", "b"], **args),),
                     (("join", 0),))


FAILING = [
    two_inputs((5, None), (7, 12), "MultiHeadAttention", num_heads=2, key_dim=8),
    ModelSpec((InputSpec("q", (5, 16)), InputSpec("v", (7, 12)), InputSpec("k", (8, 12))),
              (layer("mha", "MultiHeadAttention", ["q", "v", "k"], num_heads=2, key_dim=8),), (("mha", 0),)),
]
OK = [
    two_inputs((5, 16), (7, 12), "MultiHeadAttention", num_heads=2, key_dim=8, value_dim=4, output_shape=10),
]


def _fills(key, params, code):
    """The text of key formats in both languages with the fix's params (and its code)."""
    for lang in ("en", "zh"):
        text = catalog(lang)[key]
        fields = {f for _, f, _, _ in string.Formatter().parse(text) if f}
        assert fields <= set(dict(params)) | {"code"}, (key, lang, fields)
        text.format(**dict(params), code=code)


@pytest.mark.parametrize("index", range(len(FAILING)))
def test_every_fix_key_exists_and_fills(index):
    d = describe(FAILING[index])
    fix = d.failure.fix
    assert fix is not None, d.failure.message
    assert fix.key in WORDS_EN or fix.key in LEAD_KEYS
    _fills(fix.key, fix.params, fix.code)


@pytest.mark.parametrize("index", range(len(OK) + len(FAILING)))
def test_every_axis_meaning_key_exists(index):
    spec = (OK + FAILING)[index]
    d = describe(spec)
    assert d.ok == (index < len(OK)), d.failure and d.failure.message
    for axis in d.axes:
        for lang in ("en", "zh"):
            catalog(lang)[axis.meaning_key].format(**dict(axis.meaning_params))


def test_every_string_of_the_catalog_is_used():
    used = set()
    for spec in OK + FAILING:
        d = describe(spec)
        used |= {a.meaning_key for a in d.axes}
        if d.failure and d.failure.fix:
            used.add(d.failure.fix.key)
    assert set(WORDS_EN) <= used, set(WORDS_EN) - used


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


def functional(inputs: dict[str, str], body: str, outputs: str, batch: int = 2) -> str:
    head = "".join(f'{name} = keras.Input(shape={shape}, batch_size={batch}, name="{name}")\n'
                   for name, shape in inputs.items())
    return (f"import keras\nfrom keras import layers\n\n{head}{body}\n"
            f"model = keras.Model([{', '.join(inputs)}], {outputs})\n")


def xray(call):
    result = get_kind(call.spec.kind).xray(call)
    assert result is not None and result.checks, result
    assert all(check.ok for check in result.checks), [(c.what, c.diff) for c in result.checks]
    assert result.largest_diff < TOLERANCE
    return result


def note(result, key: str) -> dict[str, str]:
    found = [dict(n.params) for n in result.notes if n.key == key]
    assert found, [n.key for n in result.notes]
    return found[0]


def texts(result):
    yield result.summary
    yield from (c.what for c in result.checks)
    yield from (g.title for g in result.grids)
    yield from result.notes
    if not isinstance(result.code, str):  # a plain str has no notes
        yield from (line.note for line in result.code if isinstance(line.note, live_base.Text))


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
