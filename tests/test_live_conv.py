"""Live X-rays and mistakes of Embedding, Conv1D/Conv2D and pooling (explorer/live/embedding.py, conv.py,
pooling.py): every recomputation matches the layer, the windows shown are the ones the followed output
read, memory stays bounded, and each mistake is offered only where it breaks the model."""
from __future__ import annotations

import dataclasses
import re
import string
import tracemalloc

import numpy as np
import pytest

from explorer.i18n import t
from explorer.layers import get_kind
from explorer.live.base import TOLERANCE, XRAY_BYTES, code_text
from explorer.layers.conv.xray import pad_amounts
from explorer.layers.embedding.xray import BLOCK_BYTES, lookup, onehot_matmul, onehot_plan
from explorer.reader.code import read_code
from explorer.shapes import describe
from layer_words import family_words, in_language
from live_models import call_of, live_functions, sequential

LIVE_WORDS = family_words("conv", "embedding", "pooling", prefixes=("xray.", "mistake."))
LIVE_EN, LIVE_ZH = in_language(LIVE_WORDS, "en"), in_language(LIVE_WORDS, "zh")


def xray_of(code: str, name: str, pick=()):
    call = call_of(code, name, pick)
    return call, get_kind(call.spec.kind).xray(call)


def assert_all_match(call, xray):
    assert xray.checks, "an X-ray with nothing checked"
    for c in xray.checks:
        assert c.diff < TOLERANCE, (c.what, c.diff)
    assert xray.checks[0].size == call.y.size  # the whole batch was recomputed (small models)
    for text in (xray.summary, *xray.notes, *(g.title for g in xray.grids), *(c.what for c in xray.checks)):
        for lang in ("en", "zh"):
            t(lang, text.key, **dict(text.params))  # every key exists and every placeholder is filled


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
    call, xray = xray_of(floats("(13, 4)", CONV1D["groups"]), "conv", (0, 5, 4))
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
    taps = [f"{h},{w}" for h in range(2, 5) for w in range(3, 6)]
    assert len(window.rows) == 8 and set(window.rows) <= set(taps)  # 9 taps, 8 shown
    for label, values in zip(window.rows, window.values):
        h, w = (int(v) for v in label.split(","))
        np.testing.assert_array_equal(values, call.x[1, h, w, :])
    kernel = np.asarray(call.layer.kernel)
    by_hand = float(np.sum(call.x[1, 2:5, 3:6, :].astype(np.float64) * kernel[:, :, :, 1]))
    assert abs(by_hand + float(np.asarray(call.layer.bias)[1]) - call.y[1, 2, 3, 1]) < TOLERANCE
    assert (2, 3) in xray.grids[3].marks


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


GLOBAL = ("GlobalMaxPooling1D", "GlobalAveragePooling1D", "GlobalMaxPooling2D", "GlobalAveragePooling2D")


@pytest.mark.parametrize("keepdims", (False, True))
@pytest.mark.parametrize("cls", GLOBAL)
def test_global_pooling_matches_keras(cls, keepdims):
    shape = "(13, 4)" if cls.endswith("1D") else "(5, 6, 4)"
    call, xray = xray_of(floats(shape, f'layers.{cls}(keepdims={keepdims}, name="pool")'), "pool", (1, 0, 0, 2))
    assert_all_match(call, xray)
    assert call.y.ndim == (call.x.ndim if keepdims else 2)
    column = call.x[1, ..., 2].astype(np.float64)
    expected = column.max() if "Max" in cls else column.mean()
    assert abs(expected - call.y.reshape(call.y.shape[0], -1)[1, 2]) < TOLERANCE


# -- Embedding -----------------------------------------------------------------------------------------
def test_embedding_lookup_and_onehot_match():
    code = sequential('layers.Embedding(300, 6, name="emb")', input_shape="(20,)", batch=3)
    call, xray = xray_of(code, "emb", (2, 7, 4))
    assert_all_match(call, xray)
    keys = [c.what.key for c in xray.checks]
    assert keys == ["xray.embedding.check_lookup", "xray.embedding.check_onehot"]
    assert xray.checks[1].size == 16 * 6  # the first 16 ids of sample 0
    token = int(call.x[2, 7])
    ids, row, out = xray.grids
    assert ids.values[0][ids.marks[0][1]] == token
    marked_row = row.rows[row.marks[0][0]]
    assert marked_row == str(token)
    table = np.asarray(call.layer.embeddings)
    np.testing.assert_array_equal(row.values[row.marks[0][0]], table[token, :6])
    np.testing.assert_array_equal(out.values[out.marks[0][0]], call.y[2, 7, :6])
    np.testing.assert_array_equal(call.y[2, 7], table[token])


def test_embedding_of_a_grid_of_ids():
    """ids (B, 3, 5) → (B, 3, 5, E): the one-hot takes sample 0's 15 ids; the followed id is ids[1, 2, 4]."""
    code = sequential('layers.Embedding(50, 3, name="emb")', input_shape="(3, 5)", batch=4)
    call, xray = xray_of(code, "emb", (1, 2, 4, 2))
    assert_all_match(call, xray)
    assert xray.checks[1].size == 15 * 3
    ids = xray.grids[0]
    assert ids.rows == ("[1, 2]",) and ids.values[0][ids.marks[0][1]] == call.x[1, 2, 4]


def test_onehot_of_a_million_words_stays_bounded():
    """V = 1,000,000, E = 8: the one-hot product of 16 ids holds ~4 MB, never (16, V) or B·T·V."""
    vocab, embed = 1_000_000, 8
    table = np.random.default_rng(0).normal(size=(vocab, embed)).astype(np.float32)
    ids = np.array([0, 5, vocab - 1, 123_456, 999_998, 7, 7, 400_000, 1, 2, 3, 4, 5, 6, 8, 9])
    plan = onehot_plan(ids.size, vocab, embed, full_ids=30 * 50)
    assert plan.peak_bytes < 5 * 1024 * 1024 and plan.peak_bytes <= BLOCK_BYTES + 64 * 1024
    assert plan.full_bytes == 30 * 50 * vocab * 4  # 6 GB for the question's batch
    tracemalloc.start()
    try:
        product = onehot_matmul(lambda v0, v1: table[v0:v1].copy(), ids, plan)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak <= plan.peak_bytes, (peak, plan.peak_bytes)
    np.testing.assert_array_equal(product, table[ids])
    np.testing.assert_array_equal(lookup(lambda v0, v1: table[v0:v1], ids, vocab, embed, plan.rows), table[ids])


# -- mistakes ------------------------------------------------------------------------------------------
def mistakes_of(code: str, name: str):
    spec = read_code(code).spec
    desc = describe(spec)
    layer = spec.layer(name)
    return spec, get_kind(layer.kind).mistakes(spec, layer, desc.step(name))


def test_token_out_of_range_raises_tensorflows_error():
    _, found = mistakes_of(sequential('layers.Embedding(300, 6, name="emb")', input_shape="(20,)"), "emb")
    (mistake,) = found
    assert mistake.key == "token_out_of_range" and mistake.source == "TensorFlow"
    with pytest.raises(Exception, match=re.escape("is not in [0, 300)")) as error:
        mistake.run()
    assert type(error.value).__name__ == "InvalidArgumentError"
    assert dict(mistake.params)["last"] == "299"
    en = code_text(mistake.code, lambda n: t("en", n.key, **dict(n.params))).splitlines()
    zh = code_text(mistake.code, lambda n: t("zh", n.key, **dict(n.params))).splitlines()
    assert en[0].startswith("emb = layers.Embedding(300, 6)") and en[0].endswith("# rows 0 … 299")
    assert en[1].startswith("emb(np.array([[0, 300]]))") and en[1].endswith("# id 300 has no row")
    assert [line.split("#")[0] for line in zh] == [line.split("#")[0] for line in en]
    assert zh[1].endswith("# 编号 300 没有对应的行")


def test_token_out_of_range_not_offered_past_the_budget():
    """The reader caps input_dim at 10⁷ (40 MB for Embedding(V, 1)); a larger spec is not offered the run."""
    spec = read_code(sequential('layers.Embedding(300, 6, name="emb")', input_shape="(20,)")).spec
    layer = spec.layer("emb")
    huge = dataclasses.replace(layer, args=(("input_dim", XRAY_BYTES // 4 + 1), ("output_dim", 6)))
    assert get_kind("Embedding").mistakes(spec, huge, describe(spec).step("emb")) == ()


@pytest.mark.parametrize("line, shape, offered", [
    ('layers.Conv1D(4, 3, name="layer")', "(13, 4)", True),
    ('layers.Conv2D(4, 3, name="layer")', "(9, 8, 3)", True),
    ('layers.Conv1D(4, 3, padding="same", name="layer")', "(13, 4)", False),
    ('layers.Conv1D(4, 3, padding="causal", name="layer")', "(13, 4)", False),
    ('layers.Conv1D(4, 3, name="layer")', "(None, 4)", False),
    ('layers.MaxPooling1D(2, name="layer")', "(13, 4)", True),
    ('layers.AveragePooling2D(2, name="layer")', "(9, 8, 3)", True),
    ('layers.MaxPooling2D(padding="same", name="layer")', "(9, 8, 3)", False),
    ('layers.GlobalMaxPooling1D(name="layer")', "(13, 4)", False),
])
def test_too_long_offered_only_when_it_breaks(line, shape, offered):
    spec, found = mistakes_of(floats(shape, line), "layer")
    assert bool(found) == offered
    if not offered:
        return
    (mistake,) = found
    assert mistake.key == ("pool_too_long" if "Pool" in line else "kernel_too_long")
    length = 13 if shape == "(13, 4)" else 9
    arg = "pool_size" if "Pool" in line else "kernel_size"
    value = mistake.broken.arg(arg)
    assert (value if isinstance(value, int) else value[0]) == length + 1
    changed = spec.__class__(spec.inputs, tuple(mistake.broken if l.name == "layer" else l for l in spec.layers),
                             spec.outputs, spec.name, spec.style, spec.batch_size, spec.batch_source)
    failure = describe(changed).failure
    assert failure is not None and failure.layer == "layer"
    t("en", f"mistake.{mistake.key}.why", **dict(mistake.params))


def test_registered_for_every_kind(monkeypatch):
    for cls in ("Embedding", "Conv1D", "Conv2D", "MaxPooling1D", "AveragePooling1D", "MaxPooling2D",
                "AveragePooling2D", *GLOBAL):
        assert get_kind(cls).has_xray
    assert {cls: live_functions(cls, monkeypatch) for cls in ("Embedding", "Conv1D", "Conv2D", *GLOBAL)} == {
        "Embedding": ("embedding_xray", "embedding_mistakes"), "Conv1D": ("conv_xray", "conv_mistakes"),
        "Conv2D": ("conv_xray", "conv_mistakes"), **{cls: ("global_pool_xray",) for cls in GLOBAL}}


def test_catalog_parity():
    assert set(LIVE_EN) == set(LIVE_ZH)
    names = lambda text: {f for _, f, _, _ in string.Formatter().parse(text) if f}  # noqa: E731
    for key in LIVE_EN:
        assert names(LIVE_EN[key]) == names(LIVE_ZH[key]), key
        assert key.startswith(("xray.embedding.", "xray.conv1d.", "xray.conv2d.", "xray.pooling.", "mistake."))


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
