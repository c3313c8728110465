"""The tests of MultiHeadAttention, Attention and AdditiveAttention (explorer/layers/attention/): shapes, weights,
formulas and fixes against real Keras and the X-ray and common mistakes on real built models."""
from __future__ import annotations

import keras
import numpy as np
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


def three_inputs(kind, query, value, key, **args):
    return ModelSpec((InputSpec("q", query), InputSpec("v", value), InputSpec("k", key)),
                     (layer("att", kind, ["q", "v", "k"], **args),), (("att", 0),))


FAILING = [
    two_inputs((5, 16), (7, 8), "Attention"),
    three_inputs("Attention", (5, 16), (7, 8), (6, 16), use_scale=True),
    two_inputs((16,), (16,), "AdditiveAttention"),
    ModelSpec(tuple(InputSpec(n, (5, 4)) for n in "abcd"), (layer("att", "Attention", list("abcd")),),
              (("att", 0),)),
    two_inputs((5, None), (7, 12), "AdditiveAttention"),
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


SCORE_CASES = [  # (kind, args, shapes with the batch)
    ("Attention", {}, ((None, 5, 16), (None, 7, 16))),
    ("Attention", {"use_scale": True}, ((None, 50, 64), (None, 50, 64))),
    ("Attention", {"score_mode": "concat"}, ((None, 5, 16), (None, 7, 8), (None, 7, 16))),
    ("Attention", {"use_scale": True, "score_mode": "concat", "dropout": 0.1}, ((None, 4, 6), (None, 9, 6))),
    ("Attention", {}, ((None, 3, 5, 8), (None, 3, 7, 8))),
    ("AdditiveAttention", {}, ((None, 5, 16), (None, 7, 16))),
    ("AdditiveAttention", {"use_scale": False}, ((None, 5, 16), (None, 7, 8), (None, 7, 16))),
    ("AdditiveAttention", {}, ((None, 5, 16), (None, 7, 1))),  # tanh(query + key) stretches a size of 1
]


@pytest.mark.parametrize("kind, args, shapes", SCORE_CASES)
def test_luong_and_bahdanau_attention_match_keras(kind, args, shapes):
    names = "qvk"[:len(shapes)]
    spec = ModelSpec(tuple(InputSpec(n, s[1:]) for n, s in zip(names, shapes)),
                     (layer("att", kind, list(names), **args),), (("att", 0),))
    step = describe(spec).step("att")
    inputs = [keras.Input(batch_shape=s) for s in shapes]
    real = getattr(keras.layers, kind)(**args)
    out = real(inputs)
    assert step.output_shape == tuple(out.shape) == shapes[0][:-1] + shapes[1][-1:]
    assert step.output_dims[-1] == step.input_axes[1][-1] and step.output_dims[:-1] == step.input_axes[0][:-1]
    assert [w.name for w in step.weights] == [w.path.split("/")[-1] for w in real.weights]
    assert [w.shape for w in step.weights] == [tuple(w.shape) for w in real.weights]
    assert step.params == real.count_params() == step.formula.value
    # ours is built the same way, and runs on numbers
    ours = get_kind(kind).make(spec.layers[0], seed=4)
    numbers = [np.random.default_rng(0).normal(size=(2,) + s[1:]).astype("float32") for s in shapes]
    assert ours(numbers).shape == (2,) + step.output_shape[1:]


def test_attention_scores_follow_keras_with_any_scale():
    """The recomputation reads scale and concat_score_weight (both start at 1) from the layer: set to
    other numbers, it still agrees with Keras."""
    from explorer.layers.attention.xray import score_weights

    rng = np.random.default_rng(1)
    q, v, k = (rng.normal(size=s).astype("float32") for s in ((2, 4, 6), (2, 9, 3), (2, 9, 6)))
    for mode, args in (("dot", {"use_scale": True}), ("concat", {"use_scale": True, "score_mode": "concat"}),
                       ("additive", {})):
        real = (keras.layers.AdditiveAttention if mode == "additive" else keras.layers.Attention)(**args)
        out, theirs = real([q, v, k], return_attention_scores=True)
        real.scale.assign(np.full(tuple(real.scale.shape), 0.37, "float32") + (0.1 if mode == "additive" else 0))
        if mode == "concat":
            real.concat_score_weight.assign(1.9)
        out, theirs = real([q, v, k], return_attention_scores=True)
        _, weights, ours = score_weights(real, mode, *(a.astype(np.float64) for a in (q, k, v)))
        assert np.abs(ours - np.asarray(out)).max() < 1e-5 and np.abs(weights - np.asarray(theirs)).max() < 1e-5


def test_additive_attention_scale_is_seeded():
    spec = two_inputs((5, 16), (7, 16), "AdditiveAttention").layers[0]
    x = [keras.Input((5, 16)), keras.Input((7, 16))]
    first, again, other = (get_kind("AdditiveAttention").make(spec, seed=s) for s in (3, 3, 4))
    for made in (first, again, other):
        made(x)
    assert np.array_equal(first.scale.numpy(), again.scale.numpy())
    assert not np.array_equal(first.scale.numpy(), other.scale.numpy())


@pytest.mark.parametrize("index, fix", [(0, "fix.score_attention_features"), (1, "fix.score_attention_steps"),
                                        (2, "fix.score_attention_rank"), (3, "fix.score_attention_count")])
def test_what_keras_refuses_only_when_it_runs_is_refused_first(index, fix):
    spec = FAILING[index]
    f = describe(spec).failure
    assert f.layer == ("join" if len(spec.layers[0].inputs) == 2 else "att")
    assert f.fix.key == fix
    layer_spec = spec.layers[0]
    shapes = [next(i.shape for i in spec.inputs if i.name == name) for name, _ in layer_spec.inputs]
    real = getattr(keras.layers, layer_spec.kind)(**layer_spec.kwargs)
    if index != 3:  # Keras's shape inference lets these through; its call refuses them
        real([keras.Input(s) for s in shapes])
    numbers = [np.random.default_rng(j).normal(size=(2,) + s).astype("float32") for j, s in enumerate(shapes)]
    if index == 2:  # (B, F) inputs run, but the batch axis becomes the steps: sample 0 attends to sample 1
        before = np.asarray(real(numbers))[0]
        numbers[1][1] += 1
        assert not np.allclose(np.asarray(real(numbers))[0], before)
        return
    with pytest.raises(Exception):  # noqa: B017 (TensorFlow's own error classes)
        getattr(keras.layers, layer_spec.kind)(**layer_spec.kwargs)(numbers)
    if f.fix.code:  # the value projected to the query's features: Keras runs it
        value = keras.layers.Dense(16)(np.ones((2, 7, 8), "float32"))
        assert tuple(keras.layers.Attention()([np.ones((2, 5, 16), "float32"), value]).shape) == (2, 5, 16)


def test_attention_read_from_code_and_written_back():
    from explorer.export import export_code
    from explorer.reader.code import read_code

    code = functional({"q": "(4, 6)", "v": "(9, 6)"}, 'a = layers.Attention(use_scale=True, name="att")([q, v])\n'
                      'b = layers.AdditiveAttention(name="add")([a, v, v])', "b")
    result = read_code(code)
    spec = result.spec
    assert [(l.kind, l.args, l.inputs) for l in spec.layers] == [
        ("Attention", (("use_scale", True),), (("q", None), ("v", None))),
        ("AdditiveAttention", (), (("att", None), ("v", None), ("v", None)))]
    d = describe(spec)
    assert d.step("add").output_shape == (2, 4, 6) and d.total_params == 1 + 6
    exported = export_code(result, d, "en")
    assert "layers.Attention(use_scale=True" in exported and "([q, v])" in exported
    assert "([att, v, v])" in exported


def test_return_attention_scores_read_from_the_call():
    from explorer.export import export_code
    from explorer.reader.code import read_code

    code = functional({"q": "(4, 6)", "v": "(9, 6)"}, 'out, scores = layers.Attention(name="att")([q, v], '
                      'return_attention_scores=True)\nz = layers.Dense(3, name="d")(scores)', "[out, z]")
    result = read_code(code)
    att = result.spec.layer("att")
    assert att.args == (("return_attention_scores", True),) and result.spec.layer("d").inputs == (("att", 1),)
    d = describe(result.spec)
    assert d.step("att").output_shapes == ((2, 4, 6), (2, 4, 9))
    assert d.step("att").output_axes == (("B", "T", "F"), ("B", "T", "T₂"))
    assert d.step("d").output_shape == (2, 4, 3)
    exported = export_code(result, d, "en")
    assert 'layers.Attention(name="att")([q, v], return_attention_scores=True)' in exported
    real = keras.layers.Attention()([keras.Input((4, 6), batch_size=2), keras.Input((9, 6), batch_size=2)],
                                    return_attention_scores=True)
    assert tuple(tuple(t.shape) for t in real) == d.step("att").output_shapes
    # the X-ray checks the second output too
    result = xray(call_of(code, "att", (1, 2, 3)))
    assert "xray.score_attention.check_returned" in [c.what.key for c in result.checks]
    # a keyword of the call, not of the class
    wrong = functional({"q": "(4, 6)", "v": "(9, 6)"},
                       'out = layers.Attention(return_attention_scores=True, name="att")([q, v])', "out")
    with pytest.raises(ValueError, match="Unrecognized keyword arguments"):
        keras.layers.Attention(return_attention_scores=True)
    assert "read.arg_unknown" in [n.key for n in read_code(wrong).notes]


@pytest.mark.parametrize("flag", [False, True])
def test_attention_read_from_keras_json(flag):
    """Keras writes return_attention_scores into the call's kwargs, True or False: the JSON reader keeps it."""
    from explorer.reader.keras_json import read_keras_json

    q, v = keras.Input((4, 6), name="q"), keras.Input((9, 6), name="v")
    out = keras.layers.Attention(use_scale=True, name="att")([q, v], return_attention_scores=flag)
    model = keras.Model([q, v], list(out) if flag else out)
    result = read_keras_json(model.to_json())
    assert not [n for n in result.notes if n.severity == "error"], result.notes
    att = result.spec.layer("att")
    assert att.arg("return_attention_scores") is flag and att.arg("use_scale") is True
    step = describe(result.spec).step("att")
    assert step.output_shapes == tuple(tuple(t.shape) for t in (out if flag else [out]))


def test_attention_failures_explained():
    for failing in (FAILING[-3], FAILING[-2]):  # AdditiveAttention's scale, MultiHeadAttention's kernels
        f = describe(failing).failure
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


@pytest.mark.parametrize("body, notes", [
    ('y = layers.Attention(name="att")([q, k])', {"xray.score_attention.key_is_value"}),
    ('y = layers.Attention(use_scale=True, score_mode="concat", dropout=0.3, name="att")([q, v, k])',
     {"xray.score_attention.scale", "xray.score_attention.concat", "xray.score_attention.dropout"}),
    ('y = layers.AdditiveAttention(name="att")([q, v, k])', {"xray.score_attention.scale"}),
])
def test_score_attention_follows_one_query_step(body, notes):
    call = call_of(functional({"q": "(4, 6)", "v": "(7, 3)", "k": "(7, 6)"}, body, "y"), "att", (1, 2, 2))
    result = xray(call)
    assert [c.what.key for c in result.checks] == ["xray.score_attention.check", "xray.score_attention.check_weights",
                                                   "xray.score_attention.check_pick"]
    assert notes <= {n.key for n in result.notes}
    steps = result.grids[0]
    assert steps.rows == ("s", "a", "v", "a × v") and steps.size == (4, 7) and len(steps.cols) == 7
    scores, weights, values, products = steps.values
    assert np.allclose(np.exp(scores) / np.exp(scores).sum(), weights) and weights.sum() == pytest.approx(1.0)
    assert np.allclose(values, call.inputs[1][1, :, 2]) and np.allclose(products, weights * values)
    assert products.sum() == pytest.approx(float(call.y[1, 2, 2]), abs=1e-5)
    assert note(result, "xray.score_attention.where")["value"] == "value[1, :, 2]"
    # the largest weight is the marked one
    assert steps.marks == ((1, int(np.argmax(weights))),)


def test_score_attention_with_more_axes_and_fewer_rows(monkeypatch):
    code = functional({"q": "(3, 4, 6)", "v": "(3, 5, 6)"}, 'y = layers.Attention(name="att")([q, v])', "y")
    call = call_of(code, "att", (1, 2, 3, 4))
    monkeypatch.setattr(live_base, "XRAY_BYTES", 8 * 200)  # room for one (Tq, Tv) row
    result = xray(call)
    assert note(result, "xray.score_attention.bounded") == {"n": "1", "rows": "6"}
    assert note(result, "xray.score_attention.lead")["axes"] == "(2, 3)"
    assert note(result, "xray.score_attention.where")["value"] == "value[1, 2, :, 4]"
    assert result.grids[0].values[3].sum() == pytest.approx(float(call.y[1, 2, 3, 4]), abs=1e-5)


# -- texts ---------------------------------------------------------------------------------------
def test_every_text_of_the_xrays_formats_in_both_languages():
    calls = [
        call_of(functional({"x": "(5, 6)"}, 'att = layers.MultiHeadAttention(num_heads=2, key_dim=4, '
                           'name="mha")(x, x)', "att"), "mha"),
        call_of(functional({"q": "(3, 4, 6)", "v": "(3, 5, 6)"}, 'y = layers.Attention(use_scale=True, '
                           'score_mode="concat", dropout=0.1, name="att")([q, v])', "y"), "att"),
        call_of(functional({"q": "(4, 6)", "v": "(5, 6)"}, 'y = layers.AdditiveAttention(name="att")([q, v])', "y"),
                "att"),
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


def _score_sums(xray, call):
    """The weights shown are the softmax of the scores shown and a × v their products; shown whole, the
    weights add up to 1 and the products to the followed number, and the largest weight is the one written."""
    scores, weights, values, products = xray.grids[0].values
    where = xnote(xray, "xray.score_attention.where")
    for k in range(len(products)):
        yield float(weights[k] * values[k]), f"{products[k]:.6f}"
    yield float(marked(xray.grids[0])[0]), where["weight"]
    if xray.grids[0].size[1] == len(products):
        yield float(weights.sum()), "1.000000"
        yield float(products.sum()), where["total"]
        exp = np.exp(scores - scores.max())
        for k in range(len(products)):
            yield float(exp[k] / exp.sum()), f"{weights[k]:.6f}"


XRAY_CASES = [
    XRayCase("self-attention", functional({"x": "(4, 6)"},
                                          'y = layers.MultiHeadAttention(2, 3, name="mha")(x, x)', "y"), "mha",
             (1, 2, 5), sums=_attention_sums),
    XRayCase("cross-attention-long", functional({"q": "(3, 4)", "v": "(9, 5)"},
                                                'y = layers.MultiHeadAttention(2, 2, name="mha")(q, v)', "y"),
             "mha", (1, 1, 3), sums=_attention_sums),
    XRayCase("luong-dot", functional({"q": "(3, 4)", "v": "(6, 4)"}, 'y = layers.Attention(name="att")([q, v])', "y"),
             "att", (1, 2, 3), output=1, sums=_score_sums),
    XRayCase("luong-concat-key-long", functional({"q": "(3, 4)", "v": "(30, 2)", "k": "(30, 4)"},
                                                 'y = layers.Attention(use_scale=True, score_mode="concat", '
                                                 'name="att")([q, v, k])', "y"),
             "att", (0, 1, 1), output=1, sums=_score_sums),
    XRayCase("bahdanau", functional({"q": "(5, 4)", "v": "(7, 4)"}, 'y = layers.AdditiveAttention(name="att")([q, v])',
                                    "y"), "att", (1, 4, 0), output=1, sums=_score_sums),
]


@pytest.mark.parametrize("case", XRAY_CASES, ids=cases_ids(XRAY_CASES))
def test_xray_agrees_with_itself(case):
    check_xray(case)
