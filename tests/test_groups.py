"""Layers Keras counts as one (groups), gaps of unread code and inputs whose shape the learner gave: in the
layer table (one folded row per group), the diagram (one box per folded group), the totals and the summary.
The reader does not make groups yet: the models here are hand-made specs."""
from __future__ import annotations

import json
import re

import plotly.graph_objects as go
import pytest
from streamlit.testing.v1 import AppTest

from explorer.diagram import flow_drawing
from explorer.diagram_plotly import drawing_figure
from explorer.i18n import t
from explorer.shapes import describe
from explorer.spec import GroupSpec, InputSpec, LayerSpec, ModelSpec
from explorer.tables import TABLE_COLUMNS, layer_table
from explorer.ui.diagram_panel import labels
from explorer.ui.html_table import table_html
from explorer.ui.model_panel import summary_text
from explorer.ui.table_panel import gap_lines, shown_rows
from page_tables import parse_tables


def dense(name: str, units: int, parent: str, line: int) -> LayerSpec:
    return LayerSpec(name, "Dense", (("units", units),), ((parent, 0),), line=line)


def sequential_model(gaps=(), assumed=False) -> ModelSpec:
    """x (8,) → [sequential: d1 Dense(4) → d2 Dense(3)] → head Dense(2): 36 + 15 + 8 = 59 parameters."""
    return ModelSpec(
        inputs=(InputSpec("x", (8,), line=1, assumed=assumed),),
        layers=(dense("d1", 4, "x", 3), dense("d2", 3, "d1", 4), dense("head", 2, "d2", 6)),
        outputs=(("head", 0),),
        groups=(GroupSpec("sequential", "Sequential", "model", ("d1", "d2"), (("d2", 0),), line=2),),
        gaps=gaps)


def nested_model() -> ModelSpec:
    """x → [encoder: [block: a Dense(4) → b Dense(4)] → c Dense(3)] → head Dense(2)."""
    return ModelSpec(
        inputs=(InputSpec("x", (8,), line=1),),
        layers=(dense("a", 4, "x", 3), dense("b", 4, "a", 4), dense("c", 3, "b", 5), dense("head", 2, "c", 8)),
        outputs=(("head", 0),),
        groups=(GroupSpec("block", "Block", "custom_layer", ("a", "b"), (("b", 0),), line=3, parent="encoder"),
                GroupSpec("encoder", "Encoder", "model", ("a", "b", "c"), (("c", 0),), line=2)))


def backbone_model(count: int = 150) -> ModelSpec:
    """image features (16,) → a backbone of `count` Dense(16) layers → head Dense(10)."""
    members = tuple(f"block{i}" for i in range(count))
    layers = tuple(dense(name, 16, "x" if i == 0 else members[i - 1], 2) for i, name in enumerate(members))
    return ModelSpec(
        inputs=(InputSpec("x", (16,), line=1),),
        layers=layers + (dense("head", 10, members[-1], 3),),
        outputs=(("head", 0),),
        groups=(GroupSpec("mobilenetv2", "MobileNetV2", "backbone", members, ((members[-1], 0),), line=2),))


def rows_of(spec: ModelSpec):
    return layer_table(describe(spec), spec)


# -- the layer table ---------------------------------------------------------------------------------------------
def test_a_group_is_one_row_as_keras_prints_it_and_its_layers_follow_it():
    table = rows_of(sequential_model())
    assert table["layer"].tolist() == ["x", "sequential", "d1", "d2", "head"]
    group = table.set_index("layer").loc["sequential"]
    assert (group["class"], group["input_shape"], group["output_shape"]) == ("Sequential", "(None, 8)", "(None, 3)")
    assert group["params"] == 36 + 15 and group["role"] == "group" and group["count"] == 2
    assert group["named_output"] == table.set_index("layer").loc["d2", "named_output"]
    assert table["depth"].tolist() == [0, 0, 1, 1, 0]
    assert table["within"].tolist() == [(), (), ("sequential",), ("sequential",), ()]
    layers = table[table["role"] != "group"]  # every layer once: the group's row is their sum, not more
    assert int(layers["params"].sum()) == describe(sequential_model()).total_params == 59


def test_a_model_without_groups_keeps_its_rows():
    spec = ModelSpec((InputSpec("x", (8,)),), (dense("d", 4, "x", 2),), (("d", 0),))
    table = rows_of(spec)
    assert table["layer"].tolist() == ["x", "d"] and set(table["role"]) == {"input", "layer"}
    shown, folds = shown_rows(table, "en")
    assert folds is None and list(shown.columns) == list(TABLE_COLUMNS)


def test_the_group_row_folds_its_layers_without_javascript():
    shown, folds = shown_rows(rows_of(sequential_model()), "en")
    assert list(shown.columns) == list(TABLE_COLUMNS)
    assert shown.loc[1, "formula"] == t("en", "groups.table_sum", count=2)
    markup = table_html(shown, numbers=("params",), key="layer_table", folds=folds)
    assert '<td><details class="fold-0"><summary>sequential</summary></details></td>' in markup
    assert markup.count('<tr class="depth-1 in-0">') == 2  # d1 and d2, hidden while the fold is closed
    assert "@supports selector(:has(a)) { .html-table-" in markup
    assert re.search(r"\.html-table-\w+:not\(:has\(details\.fold-0\[open\]\)\) tr\.in-0 \{ display: none \}", markup)
    assert "<script" not in markup and "onclick" not in markup
    (table,) = parse_tables(markup)  # every row is in the page (a test or a screen reader finds them all)
    assert [row[0] for row in table["rows"]] == ["x", "sequential", "d1", "d2", "head"]
    assert table["attrs"]["data-rows"] == "5"


def test_nested_groups_fold_inside_their_parent():
    table = rows_of(nested_model())
    assert table["layer"].tolist() == ["x", "encoder", "block", "a", "b", "c", "head"]
    assert table["depth"].tolist() == [0, 0, 1, 2, 2, 1, 0]
    assert table["within"].tolist()[3] == ("encoder", "block")
    by = table.set_index("layer")
    assert by.loc["encoder", "params"] == by.loc["block", "params"] + by.loc["c", "params"]
    assert by.loc["block", "params"] == 36 + 20
    shown, folds = shown_rows(table, "zh")
    markup = table_html(shown, key="layer_table", folds=folds)
    assert markup.count("<details") == 2
    assert '<tr class="depth-2 in-0 in-1">' in markup  # a and b show only with both folds open
    assert '<tr class="depth-1 in-0">' in markup  # block's row and c show once the encoder is open
    assert "tr.depth-2 > :first-child { padding-left: 2.9rem }" in markup


def test_a_hostile_group_name_is_text_and_never_css():
    hostile = '<img src=x onerror=alert(1)>"'
    spec = sequential_model()
    spec = ModelSpec(spec.inputs, spec.layers, spec.outputs,
                     groups=(GroupSpec(hostile, "Sequential", "model", ("d1", "d2"), (("d2", 0),)),))
    shown, folds = shown_rows(rows_of(spec), "en")
    markup = table_html(shown, key="layer_table", folds=folds)
    assert "<img" not in markup and "&lt;img" in markup
    style = markup[markup.index("<style>"):markup.index("</style>")]
    assert "img" not in style and "fold-0" in style


# -- gaps: the code holds more of the model than could be read ---------------------------------------------------
def test_a_gap_is_a_row_after_the_last_layer_read_before_its_line():
    table = rows_of(sequential_model(gaps=((5, "read.refused"),)))
    assert table["role"].tolist() == ["input", "group", "layer", "layer", "gap", "layer"]
    assert table["line"].tolist()[4] == 5 and table["params"].isna().tolist()[4]
    assert gap_lines(table) == [5]
    shown, folds = shown_rows(table, "en")
    assert shown.loc[4, "layer"] == t("en", "groups.gap_row", line=5) == "⋯ not read (line 5)"
    assert folds[4].remark and folds[4].depth == 0
    markup = table_html(shown, numbers=("params",), key="layer_table", folds=folds)
    assert '<tr class="depth-0 remark">' in markup
    (parsed,) = parse_tables(markup)
    assert parsed["rows"][4][5] == "" and parsed["rows"][5][5] == "8"  # no count for a gap; whole numbers stay


def test_a_gap_inside_a_group_stays_after_the_groups_rows_and_gaps_keep_their_order():
    gaps = ((4, "read.refused"), (9, "read.refused"), (3, "read.other"), (4, "read.other"))
    table = rows_of(sequential_model(gaps=gaps))
    assert table["role"].tolist() == ["input", "gap", "group", "layer", "layer", "gap", "layer", "gap"]
    assert [n for n in table["line"] if n] == [3, 4, 9]  # 4 falls after d1, inside the group: after its block
    early = rows_of(sequential_model(gaps=((1, "read.refused"),)))
    assert early["role"].tolist()[:2] == ["input", "gap"]  # before every layer: right after the inputs
    d = flow_drawing(describe(sequential_model()), LABELS, sequential_model(gaps=gaps))
    assert sorted(t for t in d.texts() if t.startswith("not read")) == [f"not read: line {n}" for n in (3, 4, 9)]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_summary_never_gives_a_partial_model_the_whole_models_total(lang):
    spec = sequential_model(gaps=((14, "read.refused"),))
    text = summary_text(spec, describe(spec), lang)
    assert "59" in text and "14" in text
    if lang == "en":
        assert "**at least 59** parameters: the code at line 14 could not be read" in text
        assert "incomplete" in text
        assert "Of these, 2 sit inside 1 group(s)" in text
    else:
        assert "至少 59" in text and "第 14 行" in text
    whole = summary_text(sequential_model(), describe(sequential_model()), lang)
    assert "14" not in whole and ("at least" not in whole and "至少" not in whole)
    two = summary_text(sequential_model(gaps=((14, "a"), (20, "b"))), describe(spec), "en")
    assert "lines 14, 20" in two


def test_the_tables_total_says_at_least_when_the_model_has_gaps():
    def script(spec):
        from explorer.shapes import describe
        from explorer.tables import layer_table, weight_table
        from explorer.ui import table_panel

        desc = describe(spec)
        table_panel.render(desc, layer_table(desc, spec), weight_table(desc), None, "en")

    spec = sequential_model(gaps=((14, "read.refused"),), assumed=True)
    at = AppTest.from_function(script, args=(spec,), default_timeout=60).run()
    assert not at.exception
    shown = "\n".join(m.value for m in at.markdown)
    assert "At least **59** parameters: the code at line 14 could not be read" in shown
    assert "Total:" not in shown
    assert t("en", "groups.assumed") in shown and "⋯ not read (line 14)" in shown
    assert any(t("en", "groups.table_caption") == c.value for c in at.caption)


# -- the diagram ------------------------------------------------------------------------------------------------
LABELS = labels("en")


def test_a_folded_group_is_one_box_with_its_name_shape_and_parameters():
    spec = sequential_model()
    d = flow_drawing(describe(spec), LABELS, spec)
    assert [(i.kind, i.name) for i in d.items] == [("tensor", "x"), ("group", "sequential"), ("tensor", "head"),
                                                  ("layer", "head")]
    group = next(i for i in d.items if i.kind == "group")
    texts = d.texts()
    assert "sequential (Sequential)" in texts and "(None, 3)" in texts and "parameters: 51" in texts
    assert "▸ 2 layers inside" in texts and "d1" not in texts
    assert len(group.arrows) == 1 and group.details[-1] == t("en", "groups.diagram_open_hint")
    head = next(i for i in d.items if i.kind == "layer")
    assert head.arrows[0].x0 > group.boxes[1].x1  # the head's arrow leaves the group's box
    fig = drawing_figure(d)
    go.Figure(fig)
    (target,) = [tr for tr in fig["data"] if tr.get("name") == "group"]
    assert target["customdata"] == ["sequential"]  # a click on it opens it


def test_an_opened_group_draws_its_layers():
    spec = sequential_model()
    d = flow_drawing(describe(spec), LABELS, spec, ("sequential",))
    assert [i.name for i in d.items if i.kind == "tensor"] == ["x", "d1", "d2", "head"]
    assert not [i for i in d.items if i.kind == "group"]
    nested = nested_model()
    kinds = lambda opened: [(i.kind, i.name) for i in flow_drawing(describe(nested), LABELS, nested, opened).items
                            if i.kind in ("tensor", "group")]
    assert kinds(()) == [("tensor", "x"), ("group", "encoder"), ("tensor", "head")]
    assert kinds(("block",)) == kinds(())  # an inner group shows only inside its open parent
    assert kinds(("encoder",)) == [("tensor", "x"), ("group", "block"), ("tensor", "c"), ("tensor", "head")]
    assert kinds(("encoder", "block"))[1:3] == [("tensor", "a"), ("tensor", "b")]


def test_a_150_layer_backbone_keeps_the_first_view_readable():
    spec = backbone_model()
    d = flow_drawing(describe(spec), LABELS, spec)
    assert [i.kind for i in d.items].count("tensor") == 2 and [i.kind for i in d.items].count("group") == 1
    assert "mobilenetv2 (MobileNetV2)" in d.texts() and "▸ 150 layers inside" in d.texts()
    assert f"parameters: {150 * (16 * 16 + 16):,}" in d.texts()
    fig = drawing_figure(d)
    assert fig["layout"]["height"] == d.height < 600  # one band, all in view
    opened = flow_drawing(describe(spec), LABELS, spec, ("mobilenetv2",))
    assert [i.kind for i in opened.items].count("tensor") == 152 and opened.height > d.height


def test_a_gap_is_a_dashed_box_where_the_model_goes_on():
    spec = sequential_model(gaps=((14, "read.refused"),))
    d = flow_drawing(describe(spec), LABELS, spec)
    (gap,) = [i for i in d.items if i.kind == "gap"]
    assert gap.boxes[0].dashed and "not read: line 14" in d.texts()
    head = next(i for i in d.items if i.kind == "tensor" and i.name == "head")
    assert len(gap.arrows) == 1 and gap.arrows[0].x0 > head.boxes[1].x0  # from the last layer read before it
    fig = drawing_figure(d)
    go.Figure(fig)
    dashed = [tr for tr in fig["data"] if tr.get("line", {}).get("dash") == "dash"]
    assert len(dashed) == 1 and dashed[0]["x"].count(None) == 1
    (target,) = [tr for tr in fig["data"] if tr.get("name") == "gap"]
    assert "not read: line 14" in target["hovertext"][0]
    zh = flow_drawing(describe(spec), labels("zh"), spec)
    assert "未读取：第 14 行" in zh.texts()


def test_an_input_the_learner_gave_is_marked_in_the_table_and_the_diagram():
    spec = sequential_model(assumed=True)
    table = rows_of(spec)
    assert table["role"].tolist()[0] == "assumed"
    shown, _ = shown_rows(table, "en")
    assert shown.loc[0, "formula"] == "✎ shape given by you in the sidebar, not by the code"
    d = flow_drawing(describe(spec), LABELS, spec)
    assert "✎ shape you gave" in d.texts() and "(in the sidebar)" in d.texts()
    x = next(i for i in d.items if i.name == "x")
    assert x.details[-1] == t("en", "groups.assumed")
    plain = flow_drawing(describe(sequential_model()), LABELS, sequential_model())
    assert "✎ shape you gave" not in plain.texts()
    assert "✎" not in json.dumps(drawing_figure(plain))


def test_a_click_on_a_group_opens_it_and_the_multiselect_keeps_this_models_groups():
    def script():
        import streamlit as st

        from explorer.ui.diagram_panel import OPEN_GROUPS_KEY, open_group, opened_groups

        groups = ("encoder", "block")
        st.session_state["did"] = open_group(st.session_state.get("clicked"), groups)
        st.session_state["shown"] = opened_groups("en", groups)
        st.session_state["kept"] = list(st.session_state[OPEN_GROUPS_KEY])

    at = AppTest.from_function(script)
    at.session_state["clicked"] = "block"
    at.run()
    assert not at.exception and at.session_state["did"] and at.session_state["shown"] == ("block",)
    at.session_state["clicked"] = "encoder"
    at.run()
    assert at.session_state["shown"] == ("encoder", "block")  # in the model's order
    at.session_state["clicked"] = "dense"  # a layer, not a group: the X-ray's business
    at.run()
    assert not at.session_state["did"] and at.multiselect[0].value == ["block", "encoder"]
    at.multiselect[0].set_value(["encoder"]).run()  # folded again from the list
    assert at.session_state["shown"] == ("encoder",)
