"""The tests of Embedding (explorer/layers/embedding/): shapes, weights, formulas and fixes against real Keras
and the X-ray and common mistakes on real built models."""
from __future__ import annotations

import dataclasses
import re
import tracemalloc

import keras
import numpy as np
import pytest

from explorer.i18n import catalog, t
from explorer.layers import get_kind
from explorer.layers.embedding.xray import BLOCK_BYTES, lookup, onehot_matmul, onehot_plan
from explorer.live.base import XRAY_BYTES, code_text
from explorer.live.breakit import CORE
from explorer.reader.code import read_code
from explorer.shapes import describe
from explorer.spec import LayerSpec
from family_checks import chain
from window_checks import assert_all_match, mistakes_of, xray_of
from layer_words import family_words, in_language
from live_models import live_functions, sequential
from xray_consistency import XRayCase, cases_ids, check_xray, marked
from xray_consistency import note as xnote


# -- shapes, weights and fixes (kinds.py) ------------------------------------------------------------------
WORDS_EN = in_language(family_words("embedding", prefixes=("axis.", "fix.")), "en")  # the kinds' words


def test_embedding_default_numbers():
    spec = chain((50,), ("embedding", "Embedding", {"input_dim": 10_000, "output_dim": 64}), dtype="int32", batch=30)
    d = describe(spec)
    step = d.step("embedding")
    assert step.input_shape == (30, 50) and step.output_shape == (30, 50, 64)
    assert step.output_dims == ("B", "T", "E")
    assert step.params == 640_000
    assert step.formula.text() == "V × E = 10,000 × 64 = 640,000"
    assert [(w.name, w.shape, w.dims) for w in step.weights] == [("embeddings", (10_000, 64), ("V", "E"))]
    assert {a.letter: a.meaning_key for a in d.axes}["V"] == "axis.vocab"


def test_embedding_keras2_input_length_is_not_passed_to_keras():
    spec = LayerSpec("embedding", "Embedding", (("input_dim", 10_000), ("input_length", 50), ("output_dim", 64)))
    kind = get_kind("Embedding")
    assert kind.keras_args(spec) == {"input_dim": 10_000, "output_dim": 64}
    assert "input_length" not in kind.code(spec)
    assert kind.code(spec) == "layers.Embedding(10000, 64)"
    layer_ = kind.make(spec, seed=1)
    assert (layer_.input_dim, layer_.output_dim) == (10_000, 64)
    with pytest.warns(UserWarning, match="input_length"):  # what Keras 3 says when it is passed
        keras.layers.Embedding(10, 4, input_length=5)


def test_embedding_weights_are_seeded():
    import numpy as np

    spec = LayerSpec("embedding", "Embedding", (("input_dim", 20), ("output_dim", 3)))
    kind = get_kind("Embedding")
    first, second = kind.make(spec, seed=4), kind.make(spec, seed=4)
    for built in (first, second):
        built.build((None, 5))
    assert np.array_equal(first.embeddings.numpy(), second.embeddings.numpy())
    assert np.abs(first.embeddings.numpy()).max() <= 0.05


OK = [
    chain((50,), ("e", "Embedding", {"input_dim": 9, "output_dim": 4}), ("f", "Flatten", {}),
          ("r", "RepeatVector", {"n": 3}), ("p", "Permute", {"dims": (2, 1)}),
          ("s", "Reshape", {"target_shape": (-1,)}), dtype="int32"),
]


@pytest.mark.parametrize("index", range(len(OK)))
def test_every_axis_meaning_key_exists(index):
    spec = OK[index]
    d = describe(spec)
    assert d.ok == (index < len(OK)), d.failure and d.failure.message
    for axis in d.axes:
        for lang in ("en", "zh"):
            catalog(lang)[axis.meaning_key].format(**dict(axis.meaning_params))


def test_every_string_of_the_catalog_is_used():
    used = set()
    for spec in OK:
        d = describe(spec)
        used |= {a.meaning_key for a in d.axes}
        if d.failure and d.failure.fix:
            used.add(d.failure.fix.key)
    assert set(WORDS_EN) <= used, set(WORDS_EN) - used


# -- X-ray and common mistakes (xray.py) -------------------------------------------------------------------
LIVE_WORDS = family_words("embedding", prefixes=("xray.", "mistake."))
LIVE_EN, LIVE_ZH = in_language(LIVE_WORDS, "en"), in_language(LIVE_WORDS, "zh")


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
    assert get_kind("Embedding").mistakes(spec, huge, describe(spec).step("emb"), CORE) == ()


def test_registered_for_every_kind(monkeypatch):
    assert get_kind("Embedding").has_xray
    assert live_functions("Embedding", monkeypatch) == ("embedding_xray", "embedding_mistakes")


def test_the_live_words_are_this_familys():  # both languages of every word: tests/test_text.py
    assert LIVE_EN and [key for key in LIVE_EN if not key.startswith(("xray.embedding.", "mistake."))] == []


# -- the X-ray agrees with itself (tests/xray_consistency.py) ------------------------------------------------
def _embedding_sums(xray, call):
    """The id shown at the followed position is the row of E shown marked, and its number is the one written."""
    follow = xnote(xray, "xray.embedding.follow")
    ids, rows = xray.grids[:2]
    assert int(marked(ids)[0]) == int(follow["token"]), "the marked id is not the row followed"
    assert {rows.rows[r] for r, _ in rows.marks} == {follow["token"]}, "the marked row of E is not the id's"
    yield float(rows.values[rows.marks[0][0], list(rows.cols).index(follow["unit"])]), follow["value"]


XRAY_CASES = [
    XRayCase("embedding-2d", sequential('layers.Embedding(20, 5, name="emb")', input_shape="(6,)"), "emb",
             (1, 3, 2), sums=_embedding_sums),
    XRayCase("embedding-wide", sequential('layers.Embedding(3000, 12, name="emb")', input_shape="(11,)"), "emb",
             (2, 9, 10), sums=_embedding_sums),
]


@pytest.mark.parametrize("case", XRAY_CASES, ids=cases_ids(XRAY_CASES))
def test_xray_agrees_with_itself(case):
    check_xray(case)
