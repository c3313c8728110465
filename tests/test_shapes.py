"""The question's tagger through the whole generic path (preset code → read_code → describe → build) for
each merge mode and several sizes, against hand-written values and against the real built model: shapes,
weights, parameter formulas, budget bytes and the tables (explorer/tables.py)."""
import ast

import pytest

from explorer.budget import description_budget
from explorer.build import build
from explorer.presets import preset_code
from explorer.reader.code import read_code, set_constant
from explorer.shapes import describe
from explorer.tables import layer_table, weight_table

STEPS = ["tokens", "embedding", "bidirectional", "dense", "time_distributed"]
SIZES = ("vocab_size", "embed_dim", "seq_len", "lstm_units", "merge_mode", "dense_units", "count_classes",
         "batch_size")
# the tagger's constants (in SIZES order), then per step: (output shape, params); then the Dense kernel
# shape and the LSTM kernel shape; total
CASES = [
    ((10_000, 64, 50, 75, "ave", 200, 5, 30), [(30, 50), (30, 50, 64), (30, 50, 75), (30, 50, 200), (30, 50, 6)],
     [0, 640_000, 84_000, 15_200, 1_206], (75, 200), (64, 300), 740_406),
    ((10_000, 64, 50, 128, "concat", 200, 5, 30), [(30, 50), (30, 50, 64), (30, 50, 256), (30, 50, 200),
                                                    (30, 50, 6)],
     [0, 640_000, 197_632, 51_400, 1_206], (256, 200), (64, 512), 890_238),
    ((500, 16, 12, 8, "sum", 10, 2, 4), [(4, 12), (4, 12, 16), (4, 12, 8), (4, 12, 10), (4, 12, 3)],
     [0, 8_000, 1_600, 90, 33], (8, 10), (16, 32), 9_723),
    ((2, 1, 1, 1, "mul", 1, 1, 1), [(1, 1), (1, 1, 1), (1, 1, 1), (1, 1, 1), (1, 1, 2)],
     [0, 2, 24, 2, 4], (1, 1), (1, 4), 32),
    ((1000, 32, 7, 5, "concat", 3, 9, 2), [(2, 7), (2, 7, 32), (2, 7, 10), (2, 7, 3), (2, 7, 10)],
     [0, 32_000, 1_520, 33, 40], (10, 3), (32, 20), 33_593),
    ((20_000, 128, 100, 256, "ave", 512, 20, 8), [(8, 100), (8, 100, 128), (8, 100, 256), (8, 100, 512),
                                                 (8, 100, 21)],
     [0, 2_560_000, 788_480, 131_584, 10_773], (256, 512), (128, 1024), 3_490_837),
]


def tagger_code(**constants) -> str:
    """The tagger preset with some of its top-level constants set (as a sidebar change writes them)."""
    code = preset_code("tagger")
    for name, value in constants.items():
        code = set_constant(code, next(c for c in read_code(code).constants if c.name == name), value)
    return code


def arithmetic(text: str) -> int:
    """'2 × 4 × 75 × (64 + 75 + 1)' → 84000: whole numbers, + and × only (nothing is evaluated as code)."""
    def value(node: ast.AST) -> int:
        if isinstance(node, ast.Constant) and type(node.value) is int:
            return node.value
        if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mult)):
            left, right = value(node.left), value(node.right)
            return left + right if isinstance(node.op, ast.Add) else left * right
        raise ValueError(f"not + or × of whole numbers: {text!r}")

    return value(ast.parse(text.replace("×", "*").replace(",", ""), mode="eval").body)


@pytest.fixture(scope="module", params=range(len(CASES)), ids=lambda i: f"case{i}")
def built(request):
    sizes, *expected = CASES[request.param]
    constants = dict(zip(SIZES, sizes))
    spec = read_code(tagger_code(**constants)).spec
    desc = describe(spec)
    assert desc.ok, desc.failure
    result = build(spec, desc)
    assert result.failure is None, result.failure
    return constants, desc, result.model, expected


def test_shapes_and_params_match_hand_written_values(built):
    sizes, desc, model, (shapes, params, dense_kernel, lstm_kernel, total) = built
    assert [s.name for s in desc.steps] == STEPS
    assert [s.output_shapes for s in desc.steps] == [(shape,) for shape in shapes]
    assert [s.params for s in desc.steps] == params
    assert desc.total_params == model.count_params() == total == sum(params)
    weights = {(s.name, w.label): w.shape for s in desc.steps for w in s.weights}
    assert weights[("dense", "kernel")] == dense_kernel
    assert weights[("dense", "bias")] == (dense_kernel[1],)
    assert weights[("bidirectional", "forward kernel")] == weights[("bidirectional", "backward kernel")] == lstm_kernel
    h = sizes["lstm_units"]
    assert weights[("bidirectional", "forward recurrent_kernel")] == (h, 4 * h)
    assert weights[("bidirectional", "backward bias")] == (4 * h,)
    assert weights[("embedding", "embeddings")] == (sizes["vocab_size"], sizes["embed_dim"])
    assert weights[("time_distributed", "kernel")] == (sizes["dense_units"], sizes["count_classes"] + 1)


def test_weight_free_description_equals_the_built_model(built):
    _, desc, model, _ = built
    assert [layer.name for layer in model.layers] == STEPS
    for step in desc.steps:
        layer = model.get_layer(step.name)
        assert step.output_shapes == (tuple(layer.output.shape),), step.name
        assert step.params == layer.count_params(), step.name
        assert [w.shape for w in step.weights] == [tuple(v.shape) for v in layer.weights], step.name


def test_formulas_evaluate_to_count_params(built):
    _, desc, model, _ = built
    for step in desc.steps[1:]:
        formula = step.formula
        assert formula.value == arithmetic(formula.numbers) == model.get_layer(step.name).count_params(), step.name
        assert formula.text() == f"{formula.symbolic} = {formula.numbers} = {formula.value:,}"


def test_budget_weight_bytes_are_the_real_bytes(built):
    _, desc, model, _ = built
    real = {layer.name: sum(v.numpy().nbytes for v in layer.weights) for layer in model.layers[1:]}
    budget = description_budget(desc)
    assert {i.layer: i.nbytes for i in budget.items if i.kind == "weights"} == real
    assert budget.weight_bytes == sum(real.values())


def test_table_has_one_row_per_step_and_the_total(built):
    _, desc, model, (shapes, params, *_rest, total) = built
    table = layer_table(desc)
    assert list(table["layer"]) == STEPS
    assert table["params"].tolist() == params and int(table["params"].sum()) == model.count_params()
    assert table["output_shape"].tolist() == [str(s) for s in shapes]
    assert table["named_output"].tolist() == ["(B, T)", "(B, T, E)", "(B, T, F)", "(B, T, U)", "(B, T, C)"]
    weights = weight_table(desc)
    assert len(weights) == 11 and int(weights["count"].sum()) == total


def test_default_table_text():
    table = layer_table(describe(read_code(preset_code("tagger")).spec)).set_index("layer")
    assert table.loc["tokens", "formula"] == "" and table.loc["tokens", "input_shape"] == ""
    assert table.loc["embedding", "formula"] == "V × E = 10,000 × 64 = 640,000"
    assert table.loc["bidirectional", "formula"] == "2 × 4 × H × (E + H + 1) = 2 × 4 × 75 × (64 + 75 + 1) = 84,000"
    assert table.loc["dense", "formula"] == "F × U + U = 75 × 200 + 200 = 15,200"
    assert table.loc["dense", "weights"] == "kernel (75, 200); bias (200,)"
    assert table.loc["dense", "input_shape"] == "(30, 50, 75)"
    assert table.loc["bidirectional", "weights"].startswith(
        "forward kernel (64, 300); forward recurrent_kernel (75, 300)")
    assert table.loc["time_distributed", "class"] == "TimeDistributed"
