"""The whole page through Streamlit's AppTest: sidebar changes reach the table and the diagram."""
import html
import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from conftest import run_page as run
from page_tables import page_table

from explorer.presets import preset_code

pytestmark = pytest.mark.usefixtures("empty_caches")


def layer_table(at: AppTest):
    return page_table(at, "layer_table")


def diagram_figure(at: AppTest) -> dict:
    """The Plotly figure the page sends (the plotly_chart element's spec)."""
    (chart,) = at.get("plotly_chart")
    return json.loads(chart.proto.spec)


def annotation_text(at: AppTest) -> str:
    """The diagram's visible text (its text traces, Plotly's markup removed)."""
    texts = [text for trace in diagram_figure(at)["data"] if trace.get("mode") == "text" for text in trace["text"]]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)) for text in texts)


def texts(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_default_page_shows_the_question_numbers():
    at = run()
    assert not at.exception and not at.error
    df = layer_table(at)
    assert df["Output shape"].tolist() == ["(30, 50)", "(30, 50, 64)", "(30, 50, 75)", "(30, 50, 200)", "(30, 50, 6)"]
    assert df["Parameters"].tolist() == [0, 640_000, 84_000, 15_200, 1_206]
    assert "`model.count_params()` = **740,406**" in texts(at)
    annotations = annotation_text(at)
    for shape in ("(30, 50, 64)", "(30, 50, 75)", "(30, 50, 200)", "(30, 50, 6)", "kernel (75, 200)"):
        assert shape in annotations
    check = re.search(r"largest difference from the layer's own output is ([0-9.e+-]+)\.", texts(at))
    assert check and float(check.group(1)) < 1e-5  # the answer's live check: reshape @ W + b vs the Dense
    assert [e.label for e in at.expander][:1] == ["X-ray: recompute any layer by hand from its real weights"]
    question = preset_code("question").strip()  # the question's code, static, in its folded section
    # the live panels: one click away, computed when opened
    assert not [c for c in at.code if c.language == "python" and not question.endswith(c.value.strip())]
    assert "this model's real kernel is (75, 200)" in texts(at)


def test_sidebar_change_updates_table_diagram_and_demo():
    at = run()
    at.sidebar.selectbox(key="merge_mode").set_value("concat")
    at.sidebar.number_input(key="lstm_units").set_value(128)
    at.run()
    assert not at.exception
    df = layer_table(at)
    assert df.loc[2, "Output shape"] == "(30, 50, 256)" and df.loc[2, "Parameters"] == 197_632
    assert df.loc[3, "Weights"] == "kernel (256, 200); bias (200,)"
    annotations = annotation_text(at)
    assert "(30, 50, 256)" in annotations and "kernel (256, 200)" in annotations and "(30, 50, 75)" not in annotations
    at.session_state["open_xray"] = True
    at.run()
    assert "(1500, 256)" in "\n".join(c.value for c in at.code)  # the Dense X-ray's reshape, on the new model
    assert "`model.count_params()` = **890,238**" in texts(at)


def test_url_values_are_validated_with_visible_messages():
    at = run({"vocab_size": "99999999", "lstm_units": "abc", "merge_mode": "<b>x</b>", "foo": "1", "seq_len": "12"})
    assert not at.exception
    warnings = " ".join(w.value for w in at.warning)
    assert "99999999 is outside 1–10,000,000; using 10000" in warnings  # the code keeps its own value
    assert "abc is not a whole number; using the default 75" in warnings
    assert "unknown setting foo" in warnings
    assert "\\<b\\>x\\</b\\>" in warnings  # shown literally, never as HTML
    assert at.sidebar.number_input(key="seq_len").value == 12
    assert layer_table(at).loc[1, "Output shape"] == "(30, 12, 64)"


def test_over_budget_shows_shapes_without_building():
    at = run({"vocab_size": "1000000", "embed_dim": "512"})
    assert not at.exception
    errors = " ".join(e.value for e in at.error)
    assert "embedding weights: 2,048,000,000 bytes" in errors
    df = layer_table(at)
    assert df.loc[1, "Output shape"] == "(30, 50, 512)" and df.loc[1, "Parameters"] == 512_000_000
    assert "the model was not built" in texts(at)
    assert not at.code or "reshape" not in at.code[0].value


def test_chinese_page():
    at = run({"lang": "zh"})
    assert not at.exception
    assert at.title[0].value == "Keras 形状探索器"
    assert "输出形状" in layer_table(at).columns


def test_the_warm_up_prepares_the_default_model_and_its_forward_pass():
    """app.py's start-up hook runs cache.warm(): the first visitor's page then builds nothing and runs
    no forward pass of its own (both come from the shared cache)."""
    from explorer.ui import cache

    cache.warm()
    misses = cache._heavy.misses
    at = run()
    assert not at.exception and cache._heavy.misses == misses
    assert re.search(r"largest difference from the layer's own output is ([0-9.e+-]+)\.", texts(at))


def test_the_top_of_the_page_needs_no_tensorflow():
    """page.py draws the sidebar, the code box and the reader's notes from modules that never import
    TensorFlow, so a first visitor after a restart sees them while the warm-up is still importing it."""
    import subprocess
    import sys

    top = ("explorer.ui.sidebar", "explorer.ui.model_input", "explorer.ui.share_panel", "explorer.ui.messages",
           "explorer.ui.model_panel", "explorer.ui.read_cache", "explorer.ui.page_style", "explorer.ui.data_input")
    with open("page.py", encoding="utf-8") as file:
        page = file.read()
    head = page[:page.index("with st.spinner(")]
    imported = {f"explorer.ui.{m.strip()}" for line in head.splitlines() if line.startswith("from explorer.ui import")
                for m in line.split("import", 1)[1].split(",")}
    assert imported and imported <= set(top)  # nothing heavier is imported above the spinner
    code = (f"import sys\nfor m in {top!r}: __import__(m)\n"
            "print(sorted(k for k in ('tensorflow', 'keras') if k in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=".")
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_the_diagram_holds_every_tensor_and_layer_of_a_long_pasted_model():
    body = "\n".join(f"    layers.Dense(8, name='d{i}')," for i in range(250))
    code = f"import keras\nfrom keras import layers\nmodel = keras.Sequential([\n    keras.Input((8,)),\n{body}\n])\n"
    at = run()
    at.text_area(key="code").input(code).run()
    assert not at.exception
    traces = {t.get("name"): t for t in diagram_figure(at)["data"]}
    assert traces["layer"]["customdata"] == [f"d{i}" for i in range(250)]
    assert len(traces["tensor"]["customdata"]) == 251
    assert annotation_text(at).count("(None, 8)") == 251  # every tensor labelled with its shape


def test_a_click_on_a_layer_chooses_it_in_the_x_ray_and_opens_it_once():
    from explorer.ui.diagram_panel import clicked_layer

    assert clicked_layer({"selection": {"points": [{"customdata": "dense", "curve_number": 7}]}}) == "dense"
    assert clicked_layer({"selection": {"points": [{"customdata": ["dense"]}]}}) == "dense"
    assert clicked_layer({"selection": {"points": []}}) is None
    assert clicked_layer(None) is None and clicked_layer({"selection": "x"}) is None

    def script():
        import streamlit as st

        from explorer.ui.diagram_panel import open_xray_on

        st.session_state["opened"] = open_xray_on(st.session_state.get("clicked"), ("embedding", "dense"))

    at = AppTest.from_function(script)
    at.session_state["clicked"] = "dense"
    at.run()
    assert at.session_state["xray_layer"] == "dense" and at.session_state["open_xray"] is True
    assert at.session_state["opened"]
    at.session_state["clicked"] = "tokens"  # an input: no X-ray
    at.session_state["open_xray"] = False
    at.run()
    assert at.session_state["xray_layer"] == "dense" and at.session_state["open_xray"] is False
    assert not at.session_state["opened"]


def test_the_chosen_layers_details_show_below_the_diagram_in_both_languages():
    """Issue 20 part 6: a click or a tap on the diagram (the chart's selection, which AppTest cannot make: the
    handler's state is set instead) shows the layer's details below the chart, escaped, with its formula."""
    from explorer.ui.diagram_panel import CHOSEN_KEY, details_html

    at = run()
    (details,) = [m.value for m in at.markdown if "diagram-details" in m.value] or [""]
    assert not details  # nothing chosen yet: only a caption says where the details will show
    assert any("details of the layer you choose" in c.value for c in at.caption)
    assert any(c.value.startswith("Tap a box or an arrow") for c in at.caption)  # the touch screen's words
    at.session_state[CHOSEN_KEY] = "dense"
    at.run()
    (details,) = [m.value for m in at.markdown if "diagram-details" in m.value]
    assert details == details_html(("dense (Dense)", "shape: (30, 50, 75) → (30, 50, 200)",
                                    "named: (B, T, F) → (B, T, U)", "weights: kernel (75, 200); bias (200,)",
                                    "parameters: F × U + U = 75 × 200 + 200 = 15,200"))
    zh = run({"lang": "zh"})
    zh.session_state[CHOSEN_KEY] = "dense"
    zh.run()
    (details,) = [m.value for m in zh.markdown if "diagram-details" in m.value]
    assert "形状: (30, 50, 75) → (30, 50, 200)" in details and "参数量: F × U + U" in details
    assert details_html(("<b>x</b>", "a_b")) == '<div class="diagram-details"><b>&lt;b&gt;x&lt;/b&gt;</b><br>a_b</div>'
