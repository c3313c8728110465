import numpy as np
import pytest

from explorer.config import Config
from explorer.demo import dense_as_matmul, forward_trace, position, run_demonstrations, sample_tokens
from explorer.model import build_model

CONFIGS = [Config(), Config(lstm_units=128, merge_mode="concat"), Config(500, 16, 12, 8, "sum", 10, 2, 4),
           Config(1000, 32, 7, 5, "mul", 3, 9, 2)]


@pytest.mark.parametrize("cfg", CONFIGS, ids=lambda c: f"{c.merge_mode}-{c.lstm_units}")
def test_dense_is_reshape_matmul_reshape(cfg):
    demos = run_demonstrations(build_model(cfg), cfg)
    d = demos.dense
    b, t, f, u = cfg.batch_size, cfg.seq_len, cfg.features, cfg.dense_units
    assert d.hidden.shape == (b, t, f) and d.kernel.shape == (f, u) and d.bias.shape == (u,)
    assert d.flat.shape == (b * t, f) and d.product.shape == (b * t, u) and d.reshaped.shape == (b, t, u)
    assert d.layer_out.shape == (b, t, u) and d.tensordot.shape == (b, t, u)
    assert d.diff_reshape_layer < 1e-5 and d.diff_tensordot_layer < 1e-5 and d.diff_reshape_tensordot < 1e-5
    assert np.abs(d.layer_out).max() > 1e-4  # not a comparison of zeros
    td = demos.time_distributed
    assert td.wrapped_out.shape == (b, t, cfg.count_classes + 1)
    assert td.diff_direct < 1e-5 and td.diff_per_step < 1e-5


def test_a_nonzero_bias_is_added_and_a_wrong_kernel_is_caught():
    cfg = Config(500, 16, 12, 8, "concat", 10, 2, 4)
    model = build_model(cfg)
    dense = model.get_layer("dense")
    dense.bias.assign(np.linspace(-1, 1, cfg.dense_units).astype("float32"))
    trace = forward_trace(model, sample_tokens(cfg))
    good = dense_as_matmul(model, trace)
    assert good.diff_reshape_layer < 1e-5
    assert np.abs(good.bias).max() == pytest.approx(1.0)
    # the same check against a different kernel must fail loudly
    dense.kernel.assign(dense.kernel.numpy()[::-1])
    bad = dense_as_matmul(model, trace)
    assert bad.diff_reshape_layer > 1e-3


def test_position_follows_one_number():
    cfg = Config()
    demos = run_demonstrations(build_model(cfg), cfg)
    pos = position(demos.dense, 3, 7, 11)
    assert pos.row == 3 * 50 + 7
    assert pos.diff < 1e-5 and pos.from_layer == float(demos.dense.layer_out[3, 7, 11])
    np.testing.assert_array_equal(pos.h_row, demos.dense.hidden[3, 7])
    clamped = position(demos.dense, 999, -5, 10_000)
    assert (clamped.batch, clamped.step, clamped.unit, clamped.row) == (29, 0, 199, 29 * 50)


def test_tokens_are_seeded_and_in_range():
    cfg = Config(vocab_size=17)
    a, b = sample_tokens(cfg), sample_tokens(cfg)
    np.testing.assert_array_equal(a, b)
    assert a.shape == (30, 50) and a.dtype == np.int32 and a.min() >= 0 and a.max() < 17


def test_same_configuration_same_weights():
    w1 = build_model(Config()).get_layer("dense").kernel.numpy()
    w2 = build_model(Config()).get_layer("dense").kernel.numpy()
    np.testing.assert_array_equal(w1, w2)
