"""The tensor-flow diagram: the drawing (plain data) and its Plotly figure."""
import dataclasses
import json

import plotly.graph_objects as go

from explorer.diagram import MAX_COLUMNS, flow_drawing, tap_details
from explorer.diagram_plotly import MAX_VIEW_HEIGHT, NARROW_WIDTH, WHOLE_BAND_WIDTH, drawing_figure
from explorer.presets import DEFAULT_PRESET, preset_code
from explorer.reader.code import read_code
from explorer.shapes import describe

LABELS = {"tensor": "{name}", "weights": "weights", "title": "Shapes", "hover_shape": "shape",
          "hover_named": "named", "hover_params": "parameters"}


def drawing_of(code: str):
    return flow_drawing(describe(read_code(code).spec), LABELS)


def dense_chain(n: int, name: str = "d") -> str:
    lines = "\n".join(f"    layers.Dense(4, name='{name}{i}')," for i in range(n))
    return f"import keras\nfrom keras import layers\nmodel = keras.Sequential([\n    keras.Input((3,)),\n{lines}\n])\n"


def test_the_taggers_drawing_has_every_shape_axis_and_weight():
    d = drawing_of(preset_code(DEFAULT_PRESET))
    texts = d.texts()
    for shape, axes in (("(30, 50)", "(B, T)"), ("(30, 50, 64)", "(B, T, E)"), ("(30, 50, 75)", "(B, T, F)"),
                        ("(30, 50, 200)", "(B, T, U)"), ("(30, 50, 6)", "(B, T, C)")):
        assert shape in texts and axes in texts
    for weights in ("embeddings (10000, 64)", "2 × kernel (64, 300)", "2 × recurrent_kernel (75, 300)",
                    "kernel (75, 200)", "bias (200,)", "kernel (200, 6)"):
        assert weights in texts
    assert "Bidirectional(LSTM)" in texts and "(merge_mode=ave)" in texts and "TimeDistributed(Dense)" in texts
    assert [i.kind for i in d.items].count("tensor") == 5 and [i.kind for i in d.items].count("layer") == 4
    dense = next(i for i in d.items if i.kind == "tensor" and i.name == "dense")
    assert dense.details[1:] == ("shape: (30, 50, 200)", "named: (B, T, U)", "parameters: 15,200")


def test_a_box_grows_with_the_last_axis():
    d = drawing_of(preset_code(DEFAULT_PRESET))
    heights = {i.name: i.boxes[1].y1 - i.boxes[1].y0 for i in d.items if i.kind == "tensor"}
    assert heights["time_distributed"] < heights["embedding"] < heights["bidirectional"] < heights["dense"]


def test_a_join_gets_one_arrow_per_input_and_one_label():
    code = ("import keras\nfrom keras import layers\n"
            "a = keras.Input((5, 3), name='a')\nb = keras.Input((5, 2), name='b')\n"
            "x = layers.Concatenate(name='join')([a, b])\nmodel = keras.Model([a, b], x)\n")
    d = drawing_of(code)
    join = next(i for i in d.items if i.kind == "layer" and i.name == "join")
    assert len(join.arrows) == 2 and len(join.labels) == 2
    a, b = (next(i for i in d.items if i.kind == "tensor" and i.name == n) for n in "ab")
    assert a.boxes[1].x0 == b.boxes[1].x0 and a.boxes[1].y0 != b.boxes[1].y0  # one column, two lanes


def test_a_long_chain_wraps_and_enters_each_band_from_the_left():
    d = drawing_of(dense_chain(MAX_COLUMNS + 2))
    tensors = [i for i in d.items if i.kind == "tensor"]
    assert len({round(t.boxes[1].y0, 6) for t in tensors}) == 2  # two bands
    wrapped = next(i for i in d.items if i.kind == "layer" and i.name == f"d{MAX_COLUMNS - 1}")
    target = next(t for t in tensors if t.name == f"d{MAX_COLUMNS - 1}")
    arrow = wrapped.arrows[0]
    assert arrow.x0 < arrow.x1 < target.boxes[1].x0  # from the left margin, not back across the drawing


def test_a_long_model_is_drawn_whole_and_opens_on_its_first_bands():
    d = drawing_of(dense_chain(250))
    assert sum(i.kind == "tensor" for i in d.items) == 251 and sum(i.kind == "layer" for i in d.items) == 250
    fig = drawing_figure(d)
    tensors, layers = (trace_named(fig, k) for k in ("tensor", "layer"))
    assert len(tensors["customdata"]) == 251 and layers["customdata"] == [f"d{i}" for i in range(250)]
    assert fig["layout"]["height"] == MAX_VIEW_HEIGHT < d.height
    low, high = fig["layout"]["yaxis"]["range"]
    assert high == d.y_range[1] and d.y_range[0] < low < high  # the top of the drawing; pan for the rest
    shown = [y for y in tensors["y"] if low <= y <= high]
    assert 5 <= len(shown) < 251
    assert fig["layout"]["dragmode"] == "pan"


def trace_named(fig: dict, name: str) -> dict:
    (trace,) = [t for t in fig["data"] if t.get("name") == name]
    return trace


def figure_texts(fig: dict) -> str:
    return " ".join(text for t in fig["data"] if t.get("mode") == "text" for text in t["text"])


def test_the_figure_holds_every_tensor_layer_shape_and_weight():
    d = drawing_of(preset_code(DEFAULT_PRESET))
    fig = drawing_figure(d)
    go.Figure(fig)  # Plotly's own validation of every trace and layout property
    json.dumps(fig)  # plain data
    tensors, layers = trace_named(fig, "tensor"), trace_named(fig, "layer")
    assert tensors["customdata"] == ["tokens", "embedding", "bidirectional", "dense", "time_distributed"]
    assert layers["customdata"] == ["embedding", "bidirectional", "dense", "time_distributed"]
    dense = tensors["hovertext"][3]
    assert dense == "dense (Dense)<br>shape: (30, 50, 200)<br>named: (B, T, U)<br>parameters: 15,200"
    assert "kernel (75, 200)" in layers["hovertext"][2]
    texts = figure_texts(fig)
    for shape in ("(30, 50, 64)", "(30, 50, 75)", "(30, 50, 200)", "(30, 50, 6)", "kernel (75, 200)", "bias (200,)",
                  "Bidirectional(LSTM)", "(merge_mode=ave)"):
        assert shape in texts
    assert '<span style="color:' in texts  # axis letters keep their colours; other text follows the theme
    boxes = [t for t in fig["data"] if t.get("fill") == "toself"]
    assert sum(t["x"].count(None) for t in boxes) == 10  # two boxes a tensor, each a closed polygon
    arrows = next(t for t in fig["data"] if t.get("mode") == "lines+markers")
    assert arrows["x"].count(None) == 4 and arrows["marker"]["angleref"] == "previous"


def test_every_text_is_escaped():
    """The reader refuses such names (read.name_bad); the figure escapes whatever it is given anyway."""
    hostile = '<script>alert(1)</script>" onload="x'
    desc = describe(read_code(dense_chain(1)).spec)
    last = desc.steps[-1]
    desc = dataclasses.replace(desc, steps=desc.steps[:-1] + (dataclasses.replace(last, name=hostile),))
    d = flow_drawing(desc, LABELS)
    assert any(hostile in t for t in d.texts())
    fig = drawing_figure(d)
    shown = json.dumps([t.get("text") for t in fig["data"]] + [t.get("hovertext") for t in fig["data"]])
    assert "<script" not in shown and "&lt;script&gt;" in shown
    assert trace_named(fig, "layer")["customdata"][-1] == hostile  # data, never shown as markup


def test_a_long_class_name_on_a_short_arrow_takes_two_lines():
    from explorer.diagram import _halves

    assert _halves("GlobalAveragePooling1D") == ("GlobalAverage", "Pooling1D")
    assert _halves("TimeDistributed(Dense)") == ("TimeDistributed", "(Dense)")
    assert _halves("Dense") == ("Dense",) and _halves("lowercase_only_name_x") == ("lowercase_only_name_x",)


def test_a_tap_on_any_point_of_the_figure_has_its_layers_details():
    """Issue 20 part 6: a touch screen has no hover, so a tap (a click) on a box or an arrow shows below the chart
    what hovering shows: the layer, its shapes, named axes, weights and parameter formula. The name comes from the
    point's customdata."""
    desc = describe(read_code(preset_code(DEFAULT_PRESET)).spec)
    fig = drawing_figure(flow_drawing(desc, LABELS))
    for trace in ("tensor", "layer"):
        for name in trace_named(fig, trace)["customdata"]:
            assert tap_details(desc, name, LABELS)[0].startswith(f"{name} (")
    assert tap_details(desc, "dense", LABELS) == (
        "dense (Dense)", "shape: (30, 50, 75) → (30, 50, 200)", "named: (B, T, F) → (B, T, U)",
        "weights: kernel (75, 200); bias (200,)", "parameters: F × U + U = 75 × 200 + 200 = 15,200")
    bidirectional = tap_details(desc, "bidirectional", LABELS)
    assert bidirectional[0] == "bidirectional (Bidirectional(LSTM) (merge_mode=ave))"
    assert bidirectional[-1] == "parameters: 2 × 4 × H × (E + H + 1) = 2 × 4 × 75 × (64 + 75 + 1) = 84,000"
    assert tap_details(desc, "tokens", LABELS) == ("tokens (InputLayer)", "shape: (30, 50)", "named: (B, T)",
                                                    "parameters: 0")
    assert tap_details(desc, "nothing", LABELS) == tap_details(desc, "", LABELS) == ()
    assert tap_details(desc, None, LABELS) == ()
    # the layer's hover says the same formula
    assert "parameters: F × U + U = 75 × 200 + 200 = 15,200" in trace_named(fig, "layer")["hovertext"][2]


def test_the_figure_keeps_one_scale_so_a_phone_opens_on_the_first_layers():
    """Text has a fixed size in pixels: the drawing is never squeezed into a narrow plot. The x range given is what
    a phone's plot holds; Plotly widens it on a wider plot (y tied to x), and WHOLE_BAND_WIDTH pixels hold a band."""
    for code in (preset_code(DEFAULT_PRESET), dense_chain(60)):
        d = drawing_of(code)
        layout = drawing_figure(d)["layout"]
        (x0, x1), (y0, y1) = layout["xaxis"]["range"], layout["yaxis"]["range"]
        x_per_pixel = (d.x_range[1] - d.x_range[0]) / WHOLE_BAND_WIDTH
        assert x0 == d.x_range[0] and abs((x1 - x0) - NARROW_WIDTH * x_per_pixel) < 1e-9
        assert layout["yaxis"]["scaleanchor"] == "x" and layout["xaxis"]["constraintoward"] == "left"
        y_per_pixel = (y1 - y0) / (layout["height"] - layout["margin"]["t"] - layout["margin"]["b"])
        assert abs(layout["yaxis"]["scaleratio"] - x_per_pixel / y_per_pixel) < 1e-9
        go.Figure(drawing_figure(d))  # Plotly accepts every property
    desc = describe(read_code(preset_code(DEFAULT_PRESET)).spec)
    fig = drawing_figure(flow_drawing(desc, LABELS))
    first = [x for x in trace_named(fig, "tensor")["x"]]
    low, high = fig["layout"]["xaxis"]["range"]
    assert low < first[0] < first[1] < high < first[2]  # a phone sees tokens and embedding, then pans
    sizes = [t["textfont"]["size"] for t in fig["data"] if t.get("mode") == "text"]
    assert min(sizes) >= 11  # readable on a phone
