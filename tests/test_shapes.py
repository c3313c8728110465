"""Shapes, weights and parameter formulas for several configurations, against hand-written values."""
import pytest

from explorer.budget import check_budget, weight_counts
from explorer.config import Config
from explorer.describe import describe_config, describe_model, layer_table, param_formula, weight_table
from explorer.model import build_model

# config, then per layer: (output shape, params); then Dense kernel shape and LSTM kernel shape; total
CASES = [
    (Config(), [(30, 50), (30, 50, 64), (30, 50, 75), (30, 50, 200), (30, 50, 6)],
     [0, 640_000, 84_000, 15_200, 1_206], (75, 200), (64, 300), 740_406),
    (Config(lstm_units=128, merge_mode="concat"), [(30, 50), (30, 50, 64), (30, 50, 256), (30, 50, 200), (30, 50, 6)],
     [0, 640_000, 197_632, 51_400, 1_206], (256, 200), (64, 512), 890_238),
    (Config(500, 16, 12, 8, "sum", 10, 2, 4), [(4, 12), (4, 12, 16), (4, 12, 8), (4, 12, 10), (4, 12, 3)],
     [0, 8_000, 1_600, 90, 33], (8, 10), (16, 32), 9_723),
    (Config(2, 1, 1, 1, "mul", 1, 1, 1), [(1, 1), (1, 1, 1), (1, 1, 1), (1, 1, 1), (1, 1, 2)],
     [0, 2, 24, 2, 4], (1, 1), (1, 4), 32),
    (Config(1000, 32, 7, 5, "concat", 3, 9, 2), [(2, 7), (2, 7, 32), (2, 7, 10), (2, 7, 3), (2, 7, 10)],
     [0, 32_000, 1_520, 33, 40], (10, 3), (32, 20), 33_593),
    (Config(20_000, 128, 100, 256, "ave", 512, 20, 8), [(8, 100), (8, 100, 128), (8, 100, 256), (8, 100, 512),
                                                       (8, 100, 21)],
     [0, 2_560_000, 788_480, 131_584, 10_773], (256, 512), (128, 1024), 3_490_837),
]


@pytest.fixture(scope="module", params=range(len(CASES)), ids=lambda i: f"case{i}")
def built(request):
    cfg, *expected = CASES[request.param]
    return cfg, build_model(cfg), expected


def test_shapes_and_params_match_hand_written_values(built):
    cfg, model, (shapes, params, dense_kernel, lstm_kernel, total) = built
    infos = describe_model(model)
    assert [i.name for i in infos] == ["tokens", "embedding", "bidirectional", "dense", "time_distributed"]
    assert [i.output_shape for i in infos] == shapes
    assert [i.params for i in infos] == params
    assert model.count_params() == total == sum(params)
    weights = {(i.name, w.label): w.shape for i in infos for w in i.weights}
    assert weights[("dense", "kernel")] == dense_kernel
    assert weights[("dense", "bias")] == (dense_kernel[1],)
    assert weights[("bidirectional", "forward kernel")] == lstm_kernel
    assert weights[("bidirectional", "backward kernel")] == lstm_kernel
    h = cfg.lstm_units
    assert weights[("bidirectional", "forward recurrent_kernel")] == (h, 4 * h)
    assert weights[("bidirectional", "backward bias")] == (4 * h,)
    assert weights[("embedding", "embeddings")] == (cfg.vocab_size, cfg.embed_dim)
    assert weights[("time_distributed", "kernel")] == (cfg.dense_units, cfg.count_classes + 1)


def test_weight_free_description_equals_the_built_model(built):
    cfg, model, _ = built
    assert describe_config(cfg) == describe_model(model)


def test_formulas_evaluate_to_count_params(built):
    cfg, model, _ = built
    for layer in model.layers[1:]:
        symbolic, numbers, value = param_formula(layer.name, cfg)
        assert value == layer.count_params()
        assert eval(numbers.replace("×", "*").replace(",", "")) == value


def test_budget_weight_bytes_are_the_real_bytes(built):
    cfg, model, _ = built
    real = {layer.name: sum(w.numpy().nbytes for w in layer.weights) for layer in model.layers[1:]}
    assert {k: 4 * v for k, v in weight_counts(cfg).items()} == real
    assert check_budget(cfg).weight_bytes == sum(real.values())


def test_table_has_one_row_per_step_and_the_total(built):
    cfg, model, (shapes, params, *_rest, total) = built
    table = layer_table(describe_model(model), cfg)
    assert list(table["layer"]) == ["tokens", "embedding", "bidirectional", "dense", "time_distributed"]
    assert int(table["params"].sum()) == model.count_params()
    assert table["output_shape"].tolist() == [str(s) for s in shapes]
    assert table["named_output"].tolist() == ["(B, T)", "(B, T, E)", "(B, T, F)", "(B, T, U)", "(B, T, C)"]
    weights = weight_table(describe_model(model))
    assert len(weights) == 11 and int(weights["count"].sum()) == total


def test_default_table_text():
    cfg = Config()
    table = layer_table(describe_config(cfg), cfg).set_index("layer")
    assert table.loc["bidirectional", "formula"] == "2 × 4 × H × (E + H + 1) = 2 × 4 × 75 × (64 + 75 + 1) = 84,000"
    assert table.loc["dense", "weights"] == "kernel (75, 200); bias (200,)"
    assert table.loc["dense", "input_shape"] == "(30, 50, 75)"
    assert table.loc["bidirectional", "weights"].startswith("forward kernel (64, 300); forward recurrent_kernel (75, 300)")
