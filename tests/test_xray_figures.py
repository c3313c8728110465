"""The X-ray's heatmaps (explorer/xray_figures.py): each figure draws the real tensor the X-ray carries, outlines
the followed number where the output is, keeps to 64 × 64 cells and says what it leaves out, centres a signed
scale at 0, and is the same figure every time. On the question's tagger, a Conv2D and attention models."""
from __future__ import annotations

import json

import numpy as np
import plotly.graph_objects as go
import pytest

from explorer.i18n import t
from explorer.layers import REGISTRY, get_kind
from explorer.live.base import HEAT_COLS, HEAT_ROWS, Heat, Text, XRay, heat, index_text, plane_axes
from explorer.live.xrays import layer_call, xray_layers, xray_of
from explorer.presets import preset_code
from explorer.xray_figures import SIGNED, UNSIGNED, capped, heat_figure, marked_cells, xray_figures
from live_models import call_of, sequential, traced
from test_xray_consistency import family, family_tests
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


DRAWN_BY_HAND = {"Dense", "Conv1D", "Conv2D", "Conv3D", "DepthwiseConv2D", "SimpleRNN", "LSTM", "GRU",
                 "MultiHeadAttention", "Attention", "AdditiveAttention", "Embedding", "Bidirectional",
                 "SeparableConv1D", "SeparableConv2D", "Conv1DTranspose", "Conv2DTranspose", "Conv3DTranspose",
                 "TimeDistributed"}  # heats whose titles name no plane of x or out (their own tests check them)
FAMILIES = sorted({family(kind) for kind in REGISTRY.values() if kind.has_xray})
CASES = [case for name in FAMILIES for case in family_tests(name).XRAY_CASES]


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
    """Every family's own X-ray cases (tests/layers/test_<family>.py): stride, dilation, padding, groups,
    go_backwards, return_state, several heads, broadcasting, a reshape... each heatmap is its Heat, and the last one
    outlines out[pick]."""
    xray, call = case_xray(case)
    if get_kind(call.spec.kind).no_heat:  # a kind that says why it draws none (TimeDistributed: its inner layer's)
        assert not xray.heats, case.id
        return
    if not xray.checks:  # nothing recomputed
        return
    assert xray.heats, case.id
    figures = xray_figures(xray.heats, en)
    for h, figure in zip(xray.heats, figures):
        assert_draws(h, figure)
        assert all(0 <= r < h.whole[0] and 0 <= c < h.whole[1] for r, c in marked_cells(figure))
    (row, col), = marked_cells(figures[-1])
    assert cell(figures[-1], row, col) == pytest.approx(float(call.y[call.picked()]), rel=1e-5, abs=1e-9), case.id


# -- every kind with an X-ray draws heatmaps of the tensors it recomputes with ---------------------------------------
def plane_of(h: Heat, tensors: dict[str, np.ndarray]) -> np.ndarray | None:
    """The whole plane a Heat made by heat_at says it shows (its title's `where`: 'x[1, :, :, 2]', or 'out' for a
    matrix or a vector), cut from the named real tensor; None for a heat of another tensor."""
    where = dict(h.title.params).get("where")
    name, _, rest = (where or "").partition("[")
    if name not in tensors:
        return None
    a = np.asarray(tensors[name])
    if rest:
        index = tuple(slice(None) if p.strip() == ":" else int(p) for p in rest.rstrip("]").split(","))
        a = a.reshape(a.shape[:1] + (1,) * (len(index) - a.ndim) + a.shape[1:])  # a merge's input, expanded
        a = a[index]
    return a.reshape(1, -1) if a.ndim < 2 else a


def marked(h: Heat) -> np.ndarray:
    """The numbers inside the heat's outline."""
    r, c, height, width = h.mark
    return h.values[r:r + height, c:c + width]


def tensors_of(call) -> dict[str, np.ndarray]:
    """The real tensors a heat may name: the input x (the operations' x1, x2...; a merge's inputs by their nodes)
    and the output."""
    named = {"x": call.x, "out": call.y}
    named |= {f"x{i + 1}": a for i, a in enumerate(call.inputs)}
    if len(call.spec.inputs) == len(call.inputs):
        named |= {node: a for (node, _), a in zip(call.spec.inputs, call.inputs)}
    return named


XRAYS = {}


def xray_case(case) -> tuple[XRay, object]:
    if case.id not in XRAYS or XRAYS[case.id][0] is not case:
        XRAYS[case.id] = (case, case_xray(case))
    return XRAYS[case.id][1]


def test_every_kind_with_an_xray_draws_a_heatmap_or_says_why_in_words():
    drawn, silent = set(), {}
    for case in CASES:
        xray, call = xray_case(case)
        if xray.heats:
            drawn.add(call.spec.kind)
    for name, kind in REGISTRY.items():
        if kind.has_xray and kind.no_heat:
            silent[name] = kind.no_heat
    for name, key in silent.items():  # the reason is a sentence of the page, in both languages
        english, chinese = t("en", key), t("zh", key)
        assert len(english.split()) > 8 and english != key and chinese != english, name
    missing = {name for name, kind in REGISTRY.items() if kind.has_xray} - drawn - set(silent)
    assert not missing, f"kinds with an X-ray and no heatmap, and no reason given: {sorted(missing)}"
    assert silent == {"TimeDistributed": "xray.timedistributed.no_heat"}
    assert not drawn & set(silent)


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_each_heat_of_the_input_or_output_is_that_tensors_plane(case):
    """A heat named after a real tensor (x, out, an input by its node) holds exactly that plane's window, at its
    indices; the output's outlines the followed number."""
    xray, call = xray_case(case)
    if not xray.checks or not xray.heats:
        return
    named = tensors_of(call)
    compared = 0
    for h in xray.heats:
        plane = plane_of(h, named)
        if plane is None:
            continue
        compared += 1
        assert h.whole == plane.shape, (case.id, h.title)
        r0, c0 = h.start
        window = plane[r0:r0 + h.values.shape[0], c0:c0 + h.values.shape[1]].astype(np.float64)
        np.testing.assert_array_equal(h.values, window, err_msg=f"{case.id} {h.title}")
    if call.spec.kind not in DRAWN_BY_HAND:
        assert compared >= 1 + (call.spec.kind not in ("ops.arange", "ops.random_normal")), case.id  # x and out
    last = dict(xray.heats[-1].title.params)
    assert last.get("at", index_text(call.picked())) == index_text(call.picked()), case.id


def cases_of(name: str):
    return [case for case in family_tests(name).XRAY_CASES]


def inputs_marked(xray: XRay) -> list[np.ndarray]:
    """The outlined numbers of every heat but the last (the output's)."""
    return [marked(h) for h in xray.heats[:-1] if h.mark is not None]


@pytest.mark.parametrize("case", cases_of("elementwise"), ids=lambda c: c.id)
def test_elementwise_heats_show_the_followed_samples_input_and_output_planes(case):
    """Activations, dropout, normalization...: the input's plane of the followed sample with the followed number's
    own input inside the outline (alone, or with its row, column or group), and the output's."""
    xray, call = xray_case(case)
    x_heat, out_heat = xray.heats
    pick = call.picked()
    assert dict(x_heat.title.params)["at"] == index_text(pick) == dict(out_heat.title.params)["at"]
    assert dict(x_heat.title.params)["where"].startswith(f"x[{pick[0]}, " if call.x.ndim > 2 else "x")
    rows, cols = plane_axes(call.x.ndim)
    row, col = (pick[rows] if rows is not None else 0) - x_heat.start[0], pick[cols] - x_heat.start[1]
    assert x_heat.values[row, col] == pytest.approx(float(call.x[pick]))
    r, c, height, width = x_heat.mark
    assert r <= row < r + height and c <= col < c + width, case.id
    assert marked(out_heat)[0, 0] == pytest.approx(float(call.y[pick]))


@pytest.mark.parametrize("case", cases_of("pooling"), ids=lambda c: c.id)
def test_pooling_outlines_the_window_whose_max_or_mean_is_the_followed_number(case):
    xray, call = xray_case(case)
    window, out = xray.heats
    value = float(call.y[call.picked()])
    cells = marked(window)
    if "Max" in call.spec.kind:
        assert cells.max() == pytest.approx(value, rel=1e-6)
    elif call.x.ndim < 5:  # a volume's average spans depths the one plane shown leaves out
        assert cells.mean() == pytest.approx(value, rel=1e-5)
    assert marked(out)[0, 0] == pytest.approx(value)


def test_a_3x3_average_pool_with_same_padding_outlines_only_the_real_part_of_its_window():
    case = next(c for c in cases_of("pooling") if c.id == "avgpool2d-3x3-same")
    xray, call = xray_case(case)
    window, _ = xray.heats
    assert window.mark == (5, 0, 2, 3) and dict(window.title.params)["where"] == "x[1, :, :, 2]"  # rows 5–6, cols 0–2
    np.testing.assert_array_equal(marked(window), call.x[1, 5:7, 0:3, 2])


@pytest.mark.parametrize("case", cases_of("merging"), ids=lambda c: c.id)
def test_merging_outlines_each_inputs_number_at_the_followed_position(case):
    xray, call = xray_case(case)
    value = float(call.y[call.picked()])
    numbers = inputs_marked(xray)
    kind = call.spec.kind
    if kind == "Concatenate":
        (cell,), = [n.ravel() for n in numbers]  # only the input that holds it is outlined
        assert cell == pytest.approx(value)
    elif kind == "Dot":
        first, second = (n.ravel() for n in numbers)
        if call.layer.normalize:
            first, second = first / np.linalg.norm(first), second / np.linalg.norm(second)
        assert float(first @ second) == pytest.approx(value, rel=1e-4, abs=1e-6)
    else:
        combine = {"Add": np.sum, "Average": np.mean, "Maximum": np.max, "Minimum": np.min, "Multiply": np.prod,
                   "Subtract": lambda v: v[0] - v[1]}[kind]
        assert float(combine(np.array([n[0, 0] for n in numbers]))) == pytest.approx(value, rel=1e-5, abs=1e-6)


@pytest.mark.parametrize("case", cases_of("reshaping") + cases_of("preprocessing"), ids=lambda c: c.id)
def test_a_layer_that_moves_numbers_outlines_where_the_followed_one_came_from(case):
    xray, call = xray_case(case)
    if not xray.checks:
        return
    value = float(call.y[call.picked()])
    source, out = xray.heats
    assert marked(out)[0, 0] == pytest.approx(value)
    if source.mark is None:  # in the padding: a 0 from no input
        assert value == 0 and "padding" in case.id
        return
    cells = marked(source)
    if cells.size == 1:  # a copy (a reshape, a crop, nearest neighbours, an inference-time identity) or a scale
        copied = call.spec.kind not in ("Rescaling", "Normalization")
        assert cells[0, 0] == pytest.approx(value) if copied else np.isfinite(cells[0, 0])
    else:  # bilinear: a weighted mean of the outlined nearest numbers
        assert cells.min() - 1e-6 <= value <= cells.max() + 1e-6


@pytest.mark.parametrize("case", cases_of("operations"), ids=lambda c: c.id)
def test_operations_outline_what_the_followed_number_is_computed_from(case):
    xray, call = xray_case(case)
    value = float(call.y[call.picked()])
    op = call.spec.kind
    numbers = inputs_marked(xray)
    if op == "ops.matmul":
        row, col = (n.ravel() for n in numbers)
        assert float(row @ col) == pytest.approx(value, rel=1e-5, abs=1e-6)
    elif op in ("ops.mean", "ops.sum", "ops.max"):
        (part,) = numbers
        assert float({"ops.mean": np.mean, "ops.sum": np.sum, "ops.max": np.max}[op](part)) == pytest.approx(
            value, rel=1e-5, abs=1e-6)
    elif op in ("ops.reshape", "ops.expand_dims", "ops.squeeze", "ops.transpose", "ops.get_item", "ops.concatenate",
                "ops.stack", "ops.extract_patches"):
        (cell,) = numbers
        assert cell[0, 0] == pytest.approx(value)
    elif op in ("ops.arange", "ops.random_normal"):  # no input: the output alone
        assert len(xray.heats) == 1
    assert marked(xray.heats[-1])[0, 0] == pytest.approx(value, nan_ok=True)


@pytest.mark.parametrize("case", [c for c in cases_of("recurrent") if c.id.startswith("convlstm")], ids=lambda c: c.id)
def test_a_convlstm_shows_the_frame_it_reads_and_the_followed_positions_gates_over_time(case):
    xray, call = xray_case(case)
    frame, over_time, out = xray.heats
    assert over_time.labels == ("i", "f", "c", "o", "c[t]", "h[t]")
    t_step = int(dict(over_time.title.params)["t"])
    assert marked(over_time).shape == (6, 1) and over_time.mark[1] + over_time.start[1] == t_step
    value = float(call.y[call.picked()])
    assert marked(over_time)[5, 0] == pytest.approx(value, rel=1e-5, abs=1e-7)  # h at step t: the followed number
    gates = marked(over_time)[[0, 1, 3], 0]
    assert ((gates > 0) & (gates < 1)).all()
    assert frame.mark is not None and marked(out)[0, 0] == pytest.approx(value)
