"""Dense = TimeDistributed(Dense) = Conv1D(kernel_size=1) ≠ Flatten → Dense, live on real models."""
import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from explorer.i18n import catalog
from explorer.live.base import TOLERANCE, XRAY_BYTES
from explorer.live.equivalences import MAX_STEPS, SEEDED_UNITS, applies, equivalences, plan, unavailable_reason
from explorer.presets import preset_code
from live_models import sequential, traced
from page_tables import page_table

TAGGER = preset_code("tagger")
TD_NO_BIAS = sequential('layers.TimeDistributed(layers.Dense(4, activation="relu", use_bias=False, name="inner"), '
                        'name="td")', input_shape="(12, 5)", dtype="float32", batch=2)
CONV_ONLY = sequential('layers.Conv1D(4, 3, name="conv")', 'layers.GlobalMaxPooling1D(name="pool")',
                       input_shape="(10, 6)", dtype="float32", batch=3)
MLP = sequential('layers.Dense(8, name="hidden")', 'layers.Dense(2, name="out")', input_shape="(12,)",
                 dtype="float32", batch=3)
LONG = sequential('layers.Dense(100, name="wide")', input_shape="(2000, 100)", dtype="float32", batch=3)


def computed(code):
    spec, desc, model, trace = traced(code)
    return equivalences(model, spec, desc, trace), model, spec, desc, trace


def assert_equivalent(eq):
    dense, td, conv = eq.variants
    assert [v.key for v in eq.variants] == ["dense", "time_distributed", "conv1d"]
    assert dense.output_shape == td.output_shape == conv.output_shape == eq.used[:2] + (eq.units,)
    assert dense.diff == 0.0 and td.diff < TOLERANCE and conv.diff < TOLERANCE
    f, u = eq.kernel_shape
    assert dense.params == td.params == conv.params == f * u + (u if eq.use_bias else 0)
    assert eq.per_step_diff < TOLERANCE and eq.per_step_count == eq.used[1]
    assert eq.change.dense_other == 0.0 and eq.change.dense_same > 0
    assert all(c.ok for c in eq.checks) and eq.largest_diff < TOLERANCE


def test_tagger_dense_is_time_distributed_is_conv1d():
    eq, model, *_ = computed(TAGGER)
    assert (eq.tensor, eq.layer, eq.layer_cls, eq.axes, eq.unit) == ("bidirectional", "dense", "Dense",
                                                                      ("B", "T", "F"), "U")
    assert eq.shape == eq.used == (30, 50, 75) and eq.units == 200 and eq.kernel_shape == (75, 200)
    assert_equivalent(eq)
    assert eq.dense_params == model.get_layer("dense").count_params() == 15_200
    assert eq.model_diff is not None and eq.model_diff < TOLERANCE
    assert [v.code for v in eq.variants] == ["layers.Dense(200)", "layers.TimeDistributed(layers.Dense(200))",
                                             "layers.Conv1D(200, kernel_size=1)"]
    # adding 1 to every feature of step s moves Dense's output there by the column sums of its kernel
    kernel = np.asarray(model.get_layer("dense").kernel)
    assert eq.change.dense_same == pytest.approx(float(np.abs(kernel.sum(axis=0)).max()), rel=1e-5)
    assert eq.change.step == 25 and eq.change.other_steps == 49
    flat = eq.flatten
    assert flat.params == flat.formula_params == 50 * 75 * 200 + 200 == 750_200
    assert flat.ratio == pytest.approx(750_200 / 15_200)
    assert flat.input_shape == (30, 50, 75) and flat.output_shape == (30, 200)
    assert flat.change > 1e-3 and eq.change.flatten == flat.change
    assert eq.flatten_skipped is None and eq.notes == ()


def test_time_distributed_dense_without_bias_keeps_its_activation():
    eq, model, spec, *_ = computed(TD_NO_BIAS)
    assert (eq.tensor, eq.layer, eq.layer_cls, eq.units, eq.activation, eq.use_bias) == (
        spec.inputs[0].name, "td", "TimeDistributed", 4, "relu", False)
    assert_equivalent(eq)
    assert eq.dense_params == model.get_layer("td").count_params() == 20
    assert eq.model_diff < TOLERANCE
    assert eq.variants[2].code == 'layers.Conv1D(4, kernel_size=1, activation="relu")'
    assert eq.flatten.params == eq.flatten.formula_params == 12 * 5 * 4
    assert eq.flatten.ratio == 12.0 and eq.flatten.change > 0


def test_conv1d_model_without_dense_uses_the_first_3d_tensor_with_seeded_weights():
    eq, _, spec, *_ = computed(CONV_ONLY)
    assert eq.seeded and eq.layer == "" and eq.model_diff is None
    assert eq.tensor == spec.inputs[0].name and eq.shape == (3, 10, 6) and eq.units == SEEDED_UNITS
    assert_equivalent(eq)
    assert eq.dense_params == 6 * 8 + 8
    assert eq.flatten.params == 10 * 6 * 8 + 8 and eq.change.flatten > 0


def test_model_without_a_3d_tensor_has_none_and_says_why():
    eq, _, spec, desc, trace = computed(MLP)
    assert eq is None
    assert unavailable_reason(spec, desc, trace).key == "equiv.unavailable.no_3d"
    assert unavailable_reason(*traced(TAGGER)[:2], traced(TAGGER)[3]) is None


def test_the_panel_is_offered_only_where_it_applies_decided_before_the_build():
    int_grid = sequential('layers.Flatten(name="flat")', 'layers.Dense(2, name="out")', input_shape="(4, 3)")
    expected = {TAGGER: True, TD_NO_BIAS: True, CONV_ONLY: True, LONG: True, MLP: False, int_grid: False,
                preset_code("image_cnn"): False}
    for code, offered in expected.items():
        spec, desc, _model, trace = traced(code)
        assert applies(spec, desc) is offered, code
        reason = unavailable_reason(spec, desc, trace)
        assert (reason is None or reason.key != "equiv.unavailable.no_3d") is offered, code


def test_plan_stays_within_the_memory_budget():
    p = plan(30, 50, 75, 200)
    assert (p.samples, p.steps, p.flatten_ok, p.flatten_bytes) == (30, 50, True, 3_000_000)
    p = plan(64, 100, 1000, 1000)  # 6.4 MB per sample: the first 10 samples
    assert (p.samples, p.steps, p.flatten_ok) == (10, 100, False) and p.flatten_bytes == 400_000_000
    assert p.samples * p.steps * 4 * (4 * 1000 + 12 * 1000) <= XRAY_BYTES
    p = plan(2, 100_000, 200, 10)  # one sample is already too big: its first steps
    assert (p.samples, p.steps, p.flatten_ok) == (1, MAX_STEPS, False)


def test_long_sequence_skips_flatten_with_its_bytes_and_bounds_the_steps():
    eq, *_ = computed(LONG)
    assert eq.shape == (3, 2000, 100) and eq.used == (3, MAX_STEPS, 100)
    assert_equivalent(eq)
    assert eq.flatten is None and eq.change.flatten is None
    assert eq.flatten_skipped.key == "equiv.flatten.skipped"
    assert dict(eq.flatten_skipped.params)["bytes"] == "80,000,000"  # 2000 · 100 · 100 · 4 > 64 MiB
    assert [n.key for n in eq.notes] == ["equiv.note.steps"]


def panel_app(eq, lang, reason):
    from explorer.ui.equivalence_panel import render, render_unavailable

    render(eq, lang)
    render_unavailable(reason, lang)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_panel_shows_the_tagger_numbers(lang):
    eq = computed(TAGGER)[0]
    spec, desc, _, trace = traced(MLP)
    reason = unavailable_reason(spec, desc, trace)
    at = AppTest.from_function(panel_app, default_timeout=60, args=(eq, lang, reason)).run()
    assert not at.exception
    text = catalog(lang)
    layers, change = page_table(at, "equiv_layers"), page_table(at, "equiv_change")
    params = layers[text["equiv.col.params"]].tolist()
    assert params == [15_200, 15_200, 15_200, 750_200]  # read back from "15,200", "750,200"
    table = next(m.value for m in at.markdown if 'data-key="equiv_layers"' in m.value)
    assert table.count("<td>15,200</td>") == 3 and "<td>750,200</td>" in table
    assert layers[text["equiv.col.shape"]].tolist() == ["(30, 50, 200)"] * 3 + ["(30, 200)"]
    assert all(float(d) < TOLERANCE for d in layers[text["equiv.col.diff"]].tolist()[1:3])
    moved = change[text["equiv.change.col.moved"]].tolist()
    assert moved == [text["equiv.no"], text["equiv.yes"], text["equiv.yes"]]
    assert float(change[text["equiv.change.col.diff"]].tolist()[0]) == 0.0
    md = "\n".join(m.value for m in at.markdown)
    assert "49.4" in md and "750,200" in md and at.subheader[0].value == text["equiv.header"]
    assert at.info[0].value == text["equiv.unavailable.no_3d"]
