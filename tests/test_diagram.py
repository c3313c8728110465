"""The tensor-flow diagram: the drawing (plain data) and its SVG."""
import dataclasses
import re
import xml.etree.ElementTree as ET

from explorer.diagram import MAX_COLUMNS, MAX_STEPS, flow_drawing
from explorer.diagram_svg import drawing_svg
from explorer.presets import DEFAULT_PRESET, preset_code
from explorer.reader.code import read_code
from explorer.shapes import describe

LABELS = {"tensor": "{name}", "weights": "weights", "title": "Shapes", "hover_shape": "shape",
          "hover_named": "named", "hover_params": "parameters"}
SVG = "{http://www.w3.org/2000/svg}"


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
    code = ("import keras\nfrom keras import layers\na = keras.Input((5, 3), name='a')\nb = keras.Input((5, 2), name='b')\n"
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


def test_a_huge_model_draws_only_its_first_steps():
    d = drawing_of(dense_chain(MAX_STEPS + 10))
    assert sum(i.kind == "tensor" for i in d.items) == MAX_STEPS


def test_the_svg_is_well_formed_and_inside_its_view_box():
    d = drawing_of(preset_code(DEFAULT_PRESET))
    root = ET.fromstring(drawing_svg(d))
    assert root.get("viewBox") == f"0 0 {d.width} {d.height}"
    rects = root.findall(f".//{SVG}rect")
    assert len(rects) == 10  # two per tensor
    for r in rects:
        x, y, w, h = (float(r.get(k)) for k in ("x", "y", "width", "height"))
        assert 0 <= x and x + w <= d.width and 0 <= y and y + h <= d.height and w > 0 and h > 0
    groups = root.findall(f"{SVG}g")
    assert len(groups) == 9 and all(g.find(f"{SVG}title") is not None for g in groups)  # a tooltip each
    shown = " ".join("".join(t.itertext()) for t in root.iter(f"{SVG}text"))
    assert "(30, 50, 200)" in shown and "kernel (75, 200)" in shown
    letters = [t for t in root.iter(f"{SVG}tspan") if t.text == "U" and t.get("fill")]
    assert letters  # axis letters keep their colours; other text follows the theme (currentColor)


def test_every_text_is_escaped():
    """The reader refuses such names (read.name_bad); the drawing escapes whatever it is given anyway."""
    hostile = '<script>alert(1)</script>" onload="x'
    desc = describe(read_code(dense_chain(1)).spec)
    last = desc.steps[-1]
    desc = dataclasses.replace(desc, steps=desc.steps[:-1] + (dataclasses.replace(last, name=hostile),))
    d = flow_drawing(desc, LABELS)
    assert any(hostile in t for t in d.texts())
    svg = drawing_svg(d)
    assert "<script" not in svg and 'onload="x' not in svg
    root = ET.fromstring(svg)  # still well-formed, the name only text
    assert any(hostile == "".join(t.itertext()) for t in root.iter(f"{SVG}text"))
    assert re.search(r"<title>[^<]*&lt;script&gt;", svg)
