"""The X-ray's heatmaps (explorer/xray_figures.py): each figure draws the real tensor the X-ray carries, outlines
the followed number where the output is, keeps to 64 × 64 cells and says what it leaves out, centres a signed
scale at 0, and is the same figure every time. On the question's tagger, a Conv2D and attention models."""
from __future__ import annotations

import json

import numpy as np
import plotly.graph_objects as go
import pytest

from explorer.i18n import t
from explorer.layers import get_kind
from explorer.live.base import HEAT_COLS, HEAT_ROWS, Heat, Text, XRay, heat
from explorer.live.xrays import layer_call, xray_layers, xray_of
from explorer.presets import preset_code
from explorer.xray_figures import SIGNED, UNSIGNED, capped, heat_figure, marked_cells, xray_figures
from live_models import call_of, sequential, traced
from test_xray_consistency import family_tests
from xray_consistency import xray_of as case_xray

PICK = (3, 7, 11)  # the page's default followed number
CONV2D = sequential('layers.Conv2D(8, 3, padding="same", activation="relu", name="conv")',
                    'layers.Conv2D(4, (3, 2), strides=2, name="conv_b")', input_shape="(28, 28, 3)", dtype="float32")
CONV1D = sequential('layers.Embedding(100, 16, name="emb")', 'layers.Conv1D(12, 5, strides=2, name="conv")')
TWO_INPUTS = ("import keras\nfrom keras import layers\n"
              "q = keras.Input(shape=(12, 16), batch_size=2, name='q')\n"
              "v = keras.Input(shape=(9, 16), batch_size=2, name='v')\n"
              "mha = layers.MultiHeadAttention(num_heads=2, key_dim=4, name='mha')(q, v)\n"
              "dot = layers.Attention(name='dot')([q, v])\n"
              "add = layers.AdditiveAttention(name='add')([q, v])\n"
              "model = keras.Model([q, v], [mha, dot, add])\n")


HEATED = {"Dense", "Conv1D", "Conv2D", "Conv3D", "DepthwiseConv2D", "SimpleRNN", "LSTM", "GRU", "MultiHeadAttention",
          "Attention", "AdditiveAttention", "Embedding", "Bidirectional", "SeparableConv1D", "SeparableConv2D",
          "Conv1DTranspose", "Conv2DTranspose", "Conv3DTranspose"}  # the kinds whose X-rays carry heatmaps
CASES = [case for family in ("dense", "conv", "recurrent", "attention", "embedding", "wrappers")
         for case in family_tests(family).XRAY_CASES]


def en(item: Text) -> str:
    return t("en", item.key, **dict(item.params))


def z(figure: dict) -> np.ndarray:
    """The figure's cells as numbers (NaN for a gap)."""
    return np.array([[np.nan if v is None else v for v in row] for row in figure["data"][0]["z"]], dtype=float)


def cell(figure: dict, row: int, col: int) -> float:
    """The figure's number at (row, col) of the whole plane (its axes carry the plane's indices)."""
    trace = figure["data"][0]
    return float(z(figure)[trace["y"].index(row), trace["x"].index(col)])


def assert_draws(h: Heat, figure: dict) -> None:
    """The figure's numbers are the Heat's (to the 6 digits it keeps), at the plane's indices; Plotly takes every
    property of it (its own validation raises on an unknown one)."""
    go.Figure(figure)
    trace = figure["data"][0]
    assert trace["type"] == "heatmap"
    np.testing.assert_allclose(z(figure), h.values, rtol=1e-5, atol=1e-12)
    assert trace["y"] == list(range(h.start[0], h.start[0] + h.values.shape[0]))
    assert trace["x"] == list(range(h.start[1], h.start[1] + h.values.shape[1]))
    assert h.values.shape[0] <= HEAT_ROWS and h.values.shape[1] <= HEAT_COLS


def tagger():
    return traced(preset_code("tagger"))


def tagger_xray(name: str, pick=PICK) -> tuple[XRay, object]:
    spec, desc, model, trace = tagger()
    return xray_of(model, spec, desc, trace, name, pick), layer_call(model, spec, desc, trace, name, pick)


def test_every_heat_of_the_taggers_layers_is_its_tensor_and_outlines_the_followed_number():
    spec, desc, _model, _trace = tagger()
    with_heats = []
    for name in xray_layers(desc, spec):
        xray, call = tagger_xray(name)
        if not xray.heats:
            continue
        with_heats.append(name)
        figures = xray_figures(xray.heats, en)
        for h, figure in zip(xray.heats, figures):
            assert_draws(h, figure)
        (row, col), = marked_cells(figures[-1])  # the last heatmap: where the followed number lands
        assert cell(figures[-1], row, col) == pytest.approx(float(call.y[call.picked()]), rel=1e-5, abs=1e-9), name
    assert with_heats == ["embedding", "bidirectional", "bidirectional/forward_lstm", "bidirectional/backward_lstm",
                          "dense", "time_distributed/dense_1"]  # TimeDistributed's own: its Dense has them


def test_the_embedding_outlines_the_row_the_followed_id_selects():
    xray, call = tagger_xray("embedding")
    table, out = xray_figures(xray.heats, en)
    token = int(call.x[3, 7])
    assert {r for r, _ in marked_cells(table)} == {token} and len(marked_cells(table)) == 64
    row = np.asarray(call.layer.embeddings)[token, :64]
    np.testing.assert_allclose(z(table)[table["data"][0]["y"].index(token)], row, rtol=1e-5)
    assert "of 10000 shown" in table["layout"]["title"]["text"] and marked_cells(out) == [(7, 11)]
    np.testing.assert_allclose(z(out)[7], row, rtol=1e-5)  # out[3, 7] is that row


def test_the_questions_dense_reads_row_157_and_meets_column_11():
    xray, call = tagger_xray("dense")
    flat, kernel, out = xray_figures(xray.heats, en)
    assert {r for r, _ in marked_cells(flat)} == {157} and len(marked_cells(flat)) == 64  # the row out[3, 7, 11] reads
    assert {c for _, c in marked_cells(kernel)} == {11} and len(marked_cells(kernel)) == 64
    assert marked_cells(out) == [(7, 11)]
    x = call.x.reshape(-1, 75)
    assert cell(flat, 157, 0) == pytest.approx(float(x[157, 0]), rel=1e-5)
    assert cell(kernel, 3, 11) == pytest.approx(float(np.asarray(call.layer.kernel)[3, 11]), rel=1e-5)
    # (1500, 75) and (75, 200) are cut to 64 × 64 around what the followed number uses, and the title says so
    assert "rows 125–188 of 1500 and columns 0–63 of 75 shown" in flat["layout"]["title"]["text"]
    assert "rows 0–63 of 75 and columns 0–63 of 200 shown" in kernel["layout"]["title"]["text"]
    assert "columns 0–63 of 200 shown" in out["layout"]["title"]["text"]
    assert flat["layout"]["yaxis"]["title"]["text"] == "B·T" and flat["layout"]["xaxis"]["title"]["text"] == "F"


def test_the_lstm_shows_its_four_gates_over_time_for_the_followed_sample():
    for name, step in (("bidirectional/forward_lstm", 7), ("bidirectional/backward_lstm", 42)):
        xray, call = tagger_xray(name)
        x, gates, h = xray.heats
        assert gates.labels == ("i", "f", "c", "o") and gates.values.shape == (4, 50)
        figure = heat_figure(gates, en)
        assert figure["layout"]["yaxis"]["ticktext"] == ["i", "f", "c", "o"]
        assert marked_cells(figure) == [(g, step) for g in range(4)]  # the step the followed number ran at
        assert (gates.values[[0, 1, 3]] > 0).all() and (gates.values[[0, 1, 3]] < 1).all()  # sigmoid gates
        assert (np.abs(gates.values[2]) < 1).all()  # tanh candidate
        # h over time is the layer's own output for sample 3 (its steps in the order they ran)
        np.testing.assert_allclose(h.values, call.y[3][:, :64], atol=1e-5)
        assert {r for r, _ in marked_cells(heat_figure(x, en))} == {7}  # both read input step 7 for it


def test_a_conv2d_outlines_the_window_its_followed_number_reads():
    for pick, rows, cols in (((1, 0, 5, 2), range(0, 2), range(4, 7)), ((0, 13, 20, 6), range(12, 15), range(19, 22))):
        call = call_of(CONV2D, "conv", pick)
        xray = get_kind("Conv2D").xray(call)
        figures = xray_figures(xray.heats, en)
        for h, figure in zip(xray.heats, figures):
            assert_draws(h, figure)
        window, kernel, out = figures
        assert marked_cells(window) == [(r, c) for r in rows for c in cols]  # "same" padding: row -1 is zeros
        assert marked_cells(kernel) == [] and z(kernel).shape == (3, 3)
        assert marked_cells(out) == [pick[1:3]] and cell(out, *pick[1:3]) == pytest.approx(float(call.y[pick]),
                                                                                               rel=1e-5, abs=1e-9)
        plane = call.x[pick[0], :, :, int(dict(xray.heats[0].title.params)["channel"])]
        np.testing.assert_allclose(z(window), plane, rtol=1e-5, atol=1e-12)
    strided = get_kind("Conv2D").xray(call_of(CONV2D, "conv_b", (0, 4, 5, 1)))
    assert marked_cells(heat_figure(strided.heats[0], en)) == [(r, c) for r in range(8, 11) for c in range(10, 12)]


def test_a_conv1d_outlines_the_steps_and_channels_of_its_window():
    call = call_of(CONV1D, "conv", (1, 7, 3))
    xray = get_kind("Conv1D").xray(call)
    window, kernel, out = xray_figures(xray.heats, en)
    assert marked_cells(window) == [(r, c) for r in range(14, 19) for c in range(16)]  # steps 7·2 … 7·2 + 4
    np.testing.assert_allclose(z(kernel), np.asarray(call.layer.kernel)[:, :, 3], rtol=1e-5)
    assert marked_cells(out) == [(7, 3)] and cell(out, 7, 3) == pytest.approx(float(call.y[1, 7, 3]), rel=1e-5)


@pytest.mark.parametrize("name", ["mha", "dot", "add"])
def test_attention_weights_are_drawn_with_the_followed_query_steps_row_outlined(name):
    call = call_of(TWO_INPUTS, name, (1, 5, 3))
    xray = get_kind(call.spec.kind).xray(call)
    figures = xray_figures(xray.heats, en)
    for h, figure in zip(xray.heats, figures):
        assert_draws(h, figure)
    weights = figures[0]
    assert marked_cells(weights) == [(5, s) for s in range(9)]
    assert z(weights).shape == (12, 9) and np.allclose(z(weights).sum(axis=1), 1.0, atol=1e-4)  # a softmax per row
    assert "zmid" not in weights["data"][0]  # weights are never negative: a one-sided scale
    (row, col), = marked_cells(figures[-1])
    assert (row, col) == (5, 3) and cell(figures[-1], 5, 3) == pytest.approx(float(call.y[1, 5, 3]), rel=1e-5)


def test_a_large_plane_is_cut_to_64_by_64_around_the_followed_cell_and_says_so():
    plane = np.arange(200 * 300, dtype=float).reshape(200, 300) - 30_000
    h = heat(Text.of("xray.rnn.heat_h", b=0, t=150, unit=250), plane, "T", "H", 150, 250)
    assert h.values.shape == (64, 64) and h.whole == (200, 300) and h.start == (118, 218)
    figure = heat_figure(h, en)
    assert_draws(h, figure)
    assert marked_cells(figure) == [(150, 250)] and cell(figure, 150, 250) == plane[150, 250]
    assert "rows 118–181 of 200 and columns 218–281 of 300 shown" in figure["layout"]["title"]["text"]
    whole = Heat(Text.of("xray.rnn.heat_h", b=0, t=5, unit=299), plane, "T", "H", (5, 299, 1, 1))
    cut = capped(whole)  # a Heat built with a whole plane is cut too, when drawn
    assert cut.values.shape == (64, 64) and cut.start == (0, 236) and cut.mark == (5, 63, 1, 1)
    figure = heat_figure(whole, en)
    assert z(figure).shape == (64, 64) and marked_cells(figure) == [(5, 299)]
    assert "rows 0–63 of 200 and columns 236–299 of 300 shown" in figure["layout"]["title"]["text"]
    small = heat(Text.of("xray.rnn.heat_h", b=0, t=1, unit=1), plane[:3, :4], "T", "H", 1, 1)
    assert "<br>" not in heat_figure(small, en)["layout"]["title"]["text"]  # nothing left out, nothing said


def test_signed_numbers_are_centred_at_zero_and_each_theme_has_its_colours():
    values = np.array([[-2.0, 0.5], [1.0, np.nan]])
    h = Heat(Text.of("xray.rnn.heat_h", b=0, t=0, unit=0), values, "T", "H", (0, 0, 1, 1))
    light, dark = heat_figure(h, en, "light"), heat_figure(h, en, "dark")
    trace = light["data"][0]
    assert trace["zmid"] == 0 and (trace["zmin"], trace["zmax"]) == (-2.0, 2.0) and trace["z"][1][1] is None
    assert trace["colorscale"] == SIGNED["light"] and dark["data"][0]["colorscale"] == SIGNED["dark"]
    assert light["layout"]["shapes"][0]["line"]["color"] != dark["layout"]["shapes"][0]["line"]["color"]
    positive = heat_figure(Heat(h.title, np.abs(np.nan_to_num(values)), "T", "H"), en, "dark")
    assert positive["data"][0]["colorscale"] == UNSIGNED["dark"] and "zmid" not in positive["data"][0]
    assert heat_figure(h, en, "unknown") == light


def test_the_figures_are_the_same_every_time_and_escape_the_learners_names():
    xray, _ = tagger_xray("dense")
    first = json.dumps(xray_figures(xray.heats, en), sort_keys=True)
    assert first == json.dumps(xray_figures(tagger_xray("dense")[0].heats, en), sort_keys=True)
    named = Heat(Text.of("xray.attention.heat_out", index="<b>x</b>"), np.ones((2, 2)), "T<", "F")
    figure = heat_figure(named, en)
    assert "&lt;b&gt;x&lt;/b&gt;" in figure["layout"]["title"]["text"]
    assert figure["layout"]["yaxis"]["title"]["text"] == "T&lt;"
    zh = heat_figure(xray.heats[0], lambda item: t("zh", item.key, **dict(item.params)))
    assert "显示 1500 行中的第 125–188 行" in zh["layout"]["title"]["text"]


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_every_xray_case_of_these_families_draws_its_heats_and_outlines_the_followed_number(case):
    """The families' own X-ray cases (tests/layers/test_<family>.py): stride, dilation, padding, groups,
    go_backwards, return_state, several heads... each heatmap is its Heat, and the last one outlines out[pick]."""
    xray, call = case_xray(case)
    if call.spec.kind not in HEATED or not xray.checks:  # a kind drawn otherwise, or nothing recomputed
        assert not xray.heats, case.id
        return
    assert xray.heats, case.id
    figures = xray_figures(xray.heats, en)
    for h, figure in zip(xray.heats, figures):
        assert_draws(h, figure)
        assert all(0 <= r < h.whole[0] and 0 <= c < h.whole[1] for r, c in marked_cells(figure))
    (row, col), = marked_cells(figures[-1])
    assert cell(figures[-1], row, col) == pytest.approx(float(call.y[call.picked()]), rel=1e-5, abs=1e-9), case.id
