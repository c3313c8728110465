"""The wrapper X-ray recomputes each layer from the real weights; wrong variants must be caught."""
import itertools
import tracemalloc

import keras
import numpy as np
import pytest

from explorer.budget import MEMORY_BUDGET_BYTES, check_budget
from explorer.config import Config
from explorer.demo import run_demonstrations
from explorer.model import BILSTM, build_model
from explorer.xray import (KERAS_GATE_ORDER, ONEHOT_CHUNK_BYTES, lstm_numpy, merge, onehot_matmul, onehot_plan,
                           wrapper_xray, xray_bytes, xray_fits)

CONFIGS = [Config(), Config(lstm_units=128, merge_mode="concat"), Config(500, 16, 12, 8, "sum", 10, 2, 4),
           Config(1000, 32, 7, 5, "mul", 3, 9, 2), Config(300, 8, 9, 6, "concat", 6, 3, 5)]


def xray_of(cfg: Config):
    model = build_model(cfg)
    return model, wrapper_xray(model, cfg, run_demonstrations(model, cfg))


@pytest.mark.parametrize("cfg", CONFIGS, ids=lambda c: f"{c.merge_mode}-{c.lstm_units}-{c.seq_len}")
def test_every_xray_matches_the_layers(cfg):
    _, x = xray_of(cfg)
    b, t, e, h, f = cfg.batch_size, cfg.seq_len, cfg.embed_dim, cfg.lstm_units, cfg.features
    u, c = cfg.dense_units, cfg.head_units
    # shapes, with the named dimensions
    assert x.embedding.lookup.shape == (b, t, e) and x.embedding.matrix_shape == (cfg.vocab_size, e)
    assert x.embedding.onehot_product.shape == (min(t, 16), e)
    assert x.lstm.kernel_shape == (e, 4 * h) and x.lstm.recurrent_shape == (h, 4 * h) and x.lstm.bias_shape == (4 * h,)
    assert x.lstm.step.z.shape == (b, 4 * h) and all(g.shape == (b, h) for g in x.lstm.step.gates.values())
    assert x.bidirectional.forward.shape == x.bidirectional.backward.shape == (b, t, h)
    assert x.bidirectional.merged.shape == x.bidirectional.layer_out.shape == (b, t, f)
    assert x.time_distributed.kernel_shape == (u, c) and x.time_distributed.steps == t
    # numbers
    diffs = [x.embedding.diff_lookup, x.embedding.diff_onehot, x.lstm.diff, x.lstm.step.diff_h,
             x.bidirectional.diff_merged, x.bidirectional.diff_backward_numpy,
             x.time_distributed.demo.diff_direct, x.time_distributed.demo.diff_per_step]
    assert max(diffs) < 1e-5 and x.largest_diff == max(diffs)
    # not a comparison of zeros
    assert np.abs(x.lstm.layer_out).max() > 1e-3 and np.abs(x.embedding.onehot_product).max() > 1e-4
    assert np.abs(x.bidirectional.backward).max() > 1e-3


def test_one_step_is_the_sum_of_its_parts():
    cfg = Config(500, 16, 12, 8, "sum", 10, 2, 4)
    model, x = xray_of(cfg)
    s = x.lstm.step
    cell = model.get_layer(BILSTM).forward_layer.cell
    np.testing.assert_allclose(s.input_part, s.x_t @ np.asarray(cell.kernel), rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(s.z, s.input_part + s.recurrent_part + np.asarray(cell.bias), rtol=1e-12)
    np.testing.assert_allclose(np.concatenate([s.gates[g] for g in KERAS_GATE_ORDER], axis=-1), s.z)
    np.testing.assert_allclose(s.h_prev, x.lstm.layer_out[:, s.step - 1], atol=1e-6)
    h = cfg.lstm_units  # the caption's claim: the untrained forget block of the bias is 1, the others 0
    assert (x.lstm.bias[h:2 * h] == 1).all() and not x.lstm.bias[:h].any() and not x.lstm.bias[2 * h:].any()
    # at step 0 there is no previous output
    x0 = wrapper_xray(model, cfg, run_demonstrations(model, cfg), step=0)
    assert x0.lstm.step.step == 0 and not x0.lstm.step.h_prev.any() and x0.lstm.step.diff_h < 1e-6


def test_only_the_keras_gate_order_reproduces_the_layer():
    cfg = Config(300, 8, 9, 6, "concat", 6, 3, 5)
    model, x = xray_of(cfg)
    cell = model.get_layer(BILSTM).forward_layer.cell
    weights = (np.asarray(cell.kernel), np.asarray(cell.recurrent_kernel), np.asarray(cell.bias))
    embedded = x.embedding.layer_out
    matching = [order for order in itertools.permutations("ifco")
                if np.abs(lstm_numpy(embedded, *weights, order=order) - x.lstm.layer_out).max() < 1e-5]
    assert matching == [KERAS_GATE_ORDER]


@pytest.mark.parametrize("mode", ["ave", "concat", "sum", "mul"])
def test_the_backward_output_must_be_reversed(mode):
    cfg = Config(300, 8, 9, 6, mode, 6, 3, 5)
    model, x = xray_of(cfg)
    bx = x.bidirectional
    assert bx.diff_merged < 1e-6
    assert bx.diff_without_reversal > 1e-4  # forgetting the flip is visibly wrong
    np.testing.assert_array_equal(bx.backward, bx.backward_raw[:, ::-1])
    # the backward LSTM reads the input from the last token: running it forwards gives something else
    bwd = model.get_layer(BILSTM).backward_layer.cell
    weights = (np.asarray(bwd.kernel), np.asarray(bwd.recurrent_kernel), np.asarray(bwd.bias))
    embedded = x.embedding.layer_out
    assert np.abs(lstm_numpy(embedded[:, ::-1], *weights) - bx.backward_raw).max() < 1e-5
    assert np.abs(lstm_numpy(embedded, *weights) - bx.backward_raw).max() > 1e-3
    for other in {"ave", "concat", "sum", "mul"} - {mode}:
        wrong = merge(bx.forward, bx.backward, other)
        assert wrong.shape != bx.layer_out.shape or np.abs(wrong - bx.layer_out).max() > 1e-4


def test_time_distributed_has_one_kernel_for_all_steps():
    cfg = Config()
    _, x = xray_of(cfg)
    td = x.time_distributed
    assert td.shares_kernel and td.kernel_shape == (200, 6) and td.bias_shape == (6,)
    assert td.wrapper_params == 200 * 6 + 6 and td.steps == 50


@pytest.mark.parametrize("embed_dim", [1, 64, 512, 1024])
def test_onehot_plan_is_bounded_for_a_million_words(embed_dim):
    cfg = Config(vocab_size=1_000_000, embed_dim=embed_dim, seq_len=500, batch_size=512)
    plan = onehot_plan(cfg)
    assert plan.full_bytes == 512 * 500 * 1_000_000 * 4 > 100 * MEMORY_BUDGET_BYTES
    assert plan.tokens == 16 and plan.chunks * plan.chunk_rows >= 1_000_000
    assert plan.chunk_rows * 4 * (2 * embed_dim + plan.tokens) <= ONEHOT_CHUNK_BYTES
    assert plan.peak_bytes <= ONEHOT_CHUNK_BYTES + 16 * embed_dim * 20 < MEMORY_BUDGET_BYTES // 8


def test_onehot_product_for_a_million_words_stays_within_its_plan():
    cfg = Config(vocab_size=1_000_000, embed_dim=4)
    plan = onehot_plan(cfg)
    layer = keras.layers.Embedding(1_000_000, 4, name="onehot_test_embedding")
    layer.build((None,))
    ids = np.array([0, 999_999, 123_456, 500_000, 7] + [42] * 11, dtype=np.int64)
    tracemalloc.start()
    try:
        product = onehot_matmul(layer.embeddings, ids, plan)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak <= plan.peak_bytes, (peak, plan.peak_bytes)
    assert plan.peak_bytes < 16 * 1_000_000 * 4  # a one-hot (n, V) float32 matrix alone would not fit the plan
    expected = np.asarray(keras.ops.take(layer.embeddings, ids, axis=0))
    assert np.abs(product - expected).max() == 0.0 and np.abs(expected).max() > 0


def test_xray_fits_only_within_the_budget():
    assert xray_fits(Config())
    big = Config(vocab_size=1_000_000, embed_dim=512)
    assert not check_budget(big).fits_memory and not xray_fits(big)
    refused_for_the_xray_alone = 0
    for h, b, t, mode in itertools.product((8, 32, 128, 512), (64, 512), (100, 500), ("ave", "concat")):
        cfg = Config(vocab_size=300_000, embed_dim=8, seq_len=t, lstm_units=h, merge_mode=mode, dense_units=1,
                     count_classes=1, batch_size=b)
        budget = check_budget(cfg)
        within = budget.total_bytes + xray_bytes(cfg) <= budget.limit_bytes
        assert xray_fits(cfg) == (budget.ok and within)
        refused_for_the_xray_alone += budget.ok and not within
    # some configurations fit the model and the demonstration, but not the X-ray's arrays on top
    assert refused_for_the_xray_alone > 0
