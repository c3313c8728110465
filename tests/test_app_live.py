"""The live panels on the whole page, through AppTest: each is computed only when opened; every X-ray
the page prints for every layer of every preset (and of a pasted model) is below 1e-5; break it and
its one-click fix go through the code box; the equivalences and the export show this model's numbers."""
from __future__ import annotations

import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from conftest import ROOT, run_page as run
from page_tables import marked_cells, page_table
from explorer.presets import PRESETS, preset_code
from explorer.live.xrays import xray_layers
from explorer.reader.code import read_code
from explorer.shapes import describe
from explorer.xray_figures import marked_cells as outlined

pytestmark = pytest.mark.usefixtures("empty_caches")
CONV = (ROOT / "tests" / "corpus" / "conv1d_text_classifier.py").read_text(encoding="utf-8")


def texts(at: AppTest) -> str:
    """The markdown as the learner reads it (the escapes before learner-derived values removed)."""
    return "\n".join(m.value for m in at.markdown).replace("\\", "")


def open_panel(at: AppTest, key: str) -> AppTest:
    at.session_state[key] = True
    return at.run()


def check_rows(at: AppTest) -> list[tuple[str, float, str]]:
    """(what, max |difference|, result) of the X-ray's checks table as the page shows it."""
    frame = page_table(at, f"xray_checks_{at.selectbox(key='xray_layer').value}")  # the chosen layer's
    return [(r["recomputation"], float(r["max |difference|"]), r["result"]) for _, r in frame.iterrows()]


def every_layer_matches(at: AppTest) -> list[str]:
    """Select each layer of the X-ray in turn; every check printed must be below 1e-5. The layers seen."""
    spec = read_code(at.text_area(key="code").value).spec
    names = xray_layers(describe(spec), spec)
    assert len(at.selectbox(key="xray_layer").options) == len(names)
    seen = []
    for name in names:
        at.selectbox(key="xray_layer").set_value(name).run()
        assert not at.exception, name
        rows = check_rows(at)
        assert rows and all(diff < 1e-5 and result == "same numbers" for _, diff, result in rows), (name, rows)
        seen.append(at.selectbox(key="xray_layer").value)
    return seen


def test_panels_are_closed_and_cost_nothing_until_opened():
    at = run()
    assert not at.exception
    assert [e.label for e in at.expander] == [
        "X-ray: recompute any layer by hand from its real weights",
        "Dense on a sequence: three ways to write the same layer, and one that is not the same",
        "Your data and your loss: what fit will meet",  # the default preset has the question's training code
        "Break it: common mistakes with this model",
        "The code: this model in Keras 3",
        "Read the question"]  # the question's section: static text at the end of the page, no live numbers
    question = preset_code("question").strip()
    assert not [c for c in at.code if c.language == "python" and not question.endswith(c.value.strip())]
    assert "xray_layer" not in [s.key for s in at.selectbox]


@pytest.mark.parametrize("preset", PRESETS)
def test_every_layer_of_every_preset_is_recomputed_on_the_page(preset):
    at = run({"preset": preset})
    assert not at.exception
    seen = every_layer_matches(open_panel(at, "open_xray"))
    spec = read_code(preset_code(preset)).spec
    wrapped = [f"{l.name}/{l.inner.name}" for l in spec.layers if l.kind == "TimeDistributed"]
    assert seen == list(xray_layers(describe(spec), spec)) and set(wrapped) <= set(seen)
    assert [n for n in seen if "/" not in n] == [layer.name for layer in spec.layers]


def test_a_pasted_model_is_recomputed_too_and_the_followed_number_moves():
    at = run()
    at.text_area(key="code").input(CONV).run()
    assert not at.exception
    every_layer_matches(open_panel(at, "open_xray"))
    at.selectbox(key="xray_layer").set_value("dense").run()
    before = texts(at)
    inputs = [n for n in at.number_input if n.key and n.key.startswith("xray_pick_dense_")]
    inputs[0].set_value(0).run()
    assert not at.exception and texts(at) != before and "out[0," in texts(at)


def test_the_dense_of_the_question_is_reshape_matmul_with_its_real_sizes():
    at = open_panel(run(), "open_xray")
    assert at.selectbox(key="xray_layer").value == "dense"  # the question's Dense on (B, T, F) comes first
    code = "\n".join(c.value for c in at.code)
    assert "flat = x.reshape(-1, 75)" in code and "(1500, 75) @ W (75, 200)" in code
    assert "out.reshape(30, 50, 200)" in code
    assert "row = 3·50 + 7 = 157" in texts(at)  # out[3, 7, 11] is row b·T + t of the flat matrix
    # the windows follow it: row 157 of the flat x, column 11 of W, their product, out[3, :, :] at [7, 11]
    flat, _kernel, product, out = (page_table(at, f"xray_grid_dense_{i}") for i in range(4))
    assert [(r, c) for r, c, _ in marked_cells(at, "xray_grid_dense_0")] == [("157", str(j)) for j in range(7)]
    assert [(r, c) for r, c, _ in marked_cells(at, "xray_grid_dense_1")] == [(str(i), "11") for i in range(8)]
    ((row, col, followed),) = marked_cells(at, "xray_grid_dense_2")
    assert (row, col) == ("157", "11") and marked_cells(at, "xray_grid_dense_3") == [("7", "11", followed)]
    says = float(re.search(r"the layer says (-?\d+\.\d+)", texts(at)).group(1))
    assert followed == f"{says:.4f}" and re.fullmatch(r"-?\d\.\d{4}", flat.loc["157", "0"])
    assert product.index.tolist() == [str(r) for r in range(153, 161)] and out.index.tolist() == [
        str(t) for t in range(3, 11)]
    assert product.values.tolist() == out.values.tolist()  # rows 153..160 are b=3, t=3..10; the Dense is linear


def test_equivalences_show_the_same_numbers_and_the_flatten_counter_example():
    at = open_panel(run(), "open_equivalences")
    assert not at.exception
    frame = page_table(at, "equiv_layers")
    assert frame["Parameters"].tolist() == [15_200, 15_200, 15_200, 750_200]
    table = next(m.value for m in at.markdown if 'data-key="equiv_layers"' in m.value)
    assert table.count("<td>15,200</td>") == 3 and "<td>750,200</td>" in table  # shown with separators
    assert "49.4" in texts(at)
    checks = [float(x) for x in re.findall(r"→ `([0-9.e+-]+)`", texts(at))]
    assert checks and max(checks) < 1e-5


def test_break_it_then_apply_the_fix_returns_to_the_working_model():
    at = open_panel(run(), "open_breakit")
    assert not at.exception
    codes = "\n".join(c.value for c in at.code)
    assert "indices[0,1] = 10000 is not in [0, 10000)" in codes  # TensorFlow's real words, token id V
    assert "Layer dense weight shape (75, 200) is not compatible" in codes
    original = page_table(at, "layer_table")
    at.button(key="breakany.try.0").click().run()  # the first mistake goes into the code box
    assert not at.exception
    assert at.sidebar.selectbox(key="preset").value == "custom"
    panel = "\n".join(c.value for c in at.code)
    assert "return_sequences=False" in at.text_area(key="code").value
    assert "TimeDistributed` Layer should be passed an `input_shape` with at least 3 dimensions" in panel
    at.button(key="breakany.apply_fix").click().run()
    assert not at.exception and "return_sequences=True" in at.text_area(key="code").value
    assert page_table(at, "layer_table").equals(original)


def test_export_shows_runnable_code_of_the_model_on_the_page():
    at = open_panel(run(), "open_export")
    code = next(c.value for c in at.code if c.language == "python")
    assert "layers.Bidirectional(" in code and "# dense: (B, T, U) = (30, 50, 200); 15,200 parameters" in code
    compile(code, "model.py", "exec")  # our own generated code, only compiled here (tests/test_export.py runs it)


def test_over_budget_and_over_the_step_budget_say_what_was_skipped():
    at = run({"vocab_size": "1000000", "embed_dim": "512"})
    assert not at.exception
    assert "The live panels are skipped: this model needs about" in " ".join(i.value for i in at.info)
    assert [e.label for e in at.expander] == ["Read the question"]  # no live panel; the question's static text
    long_code = preset_code("tagger").replace("seq_len = 50", "seq_len = 2000").replace("batch_size = 30",
                                                                                         "batch_size = 2")
    at = run()
    at.text_area(key="code").input(long_code).run()
    assert not at.exception
    info = " ".join(i.value for i in at.info)
    assert "one forward pass of this model would take about 4,005 steps" in info


def test_the_dense_inside_time_distributed_has_the_reshape_matmul_too():
    """The question's head, TimeDistributed(Dense(C)): its inner Dense on (B, T, U) = (30, 50, 200)."""
    at = open_panel(run(), "open_xray")
    at.selectbox(key="xray_layer").set_value("time_distributed/dense_1").run()
    assert not at.exception
    code = "\n".join(c.value for c in at.code)
    assert "flat = x.reshape(-1, 200)" in code and "out.reshape(30, 50, 6)" in code
    assert all(diff < 1e-5 for _, diff, _ in check_rows(at))


def test_the_questions_bidirectional_lists_its_two_lstms_with_their_gates():
    """Issue 18, part 4: the learner's own LSTM, inside Bidirectional, step by step with i, f, c, o."""
    at = open_panel(run(), "open_xray")
    options = at.selectbox(key="xray_layer").options
    assert "bidirectional → forward_lstm (LSTM)" in options and "bidirectional → backward_lstm (LSTM)" in options
    for name in ("bidirectional/forward_lstm", "bidirectional/backward_lstm"):
        at.selectbox(key="xray_layer").set_value(name).run()
        assert not at.exception
        code = "\n".join(c.value for c in at.code)
        assert "xk = x_t @ K" in code and "(30, 64) @ (64, 300) → (30, 300)" in code
        assert "i, f, g, o = np.split(z, 4, axis=-1)" in code and "Keras's order i, f, c, o" in code
        rows = check_rows(at)
        assert len(rows) == 3 and all(diff < 1e-5 and result == "same numbers" for _, diff, result in rows), rows
        assert "merged with ave" in rows[-1][0]


def heatmaps(at: AppTest) -> list[dict]:
    """The page's Plotly heatmaps (the X-ray's), as the figures sent to the browser."""
    figures = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
    return [f for f in figures if f["data"] and f["data"][0].get("type") == "heatmap"]


def test_the_opened_xray_draws_heatmaps_of_its_tensors_beside_the_numbers():
    """Issue 18, part 2: heatmaps inside the X-ray only (nothing before it opens), the followed number outlined."""
    at = run()
    assert not at.exception and heatmaps(at) == [] and at.get("plotly_chart")  # the flow diagram alone
    at = open_panel(at, "open_xray")
    assert not at.exception
    flat, kernel, out = heatmaps(at)
    assert "x.reshape(-1, 75), around row 157" in flat["layout"]["title"]["text"]
    assert {r for r, _ in outlined(flat)} == {157} and {c for _, c in outlined(kernel)} == {11}
    ((row, col),) = outlined(out)
    trace = out["data"][0]
    value = trace["z"][trace["y"].index(row)][trace["x"].index(col)]
    says = float(re.search(r"the layer says (-?\d+\.\d+)", texts(at)).group(1))
    assert (row, col) == (7, 11) and value == pytest.approx(says, abs=1e-6)
    assert page_table(at, "xray_grid_dense_3").loc["7", "11"] == f"{says:.4f}"  # the numbers' table stays
    at.selectbox(key="xray_layer").set_value("bidirectional/forward_lstm").run()
    assert not at.exception
    _, gates, _ = heatmaps(at)
    assert gates["layout"]["yaxis"]["ticktext"] == ["i", "f", "c", "o"] and len(gates["data"][0]["x"]) == 50
