"""What changed between two models (explorer/compare.py) and its panel (explorer/ui/compare_panel.py)."""
from functools import cache

from streamlit.testing.v1 import AppTest

from explorer.build import build
from explorer.compare import SAME_MODEL_SHARE, changes_table, compare, same_model, shared_share
from explorer.presets import preset_code
from explorer.reader.code import read_code, set_constant
from explorer.shapes import describe
from explorer.ui.compare_panel import lines
from page_tables import has_table, page_table

TAGGER = preset_code("tagger")


@cache
def model(code: str = TAGGER, **constants):
    """(Description, ModelSpec) of the code with some of its top-level constants set."""
    for name, value in constants.items():
        constant = next(c for c in read_code(code).constants if c.name == name)
        code = set_constant(code, constant, value)
    spec = read_code(code).spec
    return describe(spec), spec


def changes(before, after, specs=True):
    return compare(before[0], after[0], before[1], after[1]) if specs else compare(before[0], after[0])


def edited(old: str, new: str) -> str:
    assert old in TAGGER
    return TAGGER.replace(old, new)


def test_lstm_units_move_the_bilstm_and_the_dense_kernel_only():
    before, after = model(), model(lstm_units=128)
    ch = changes(before, after)
    assert [c.name for c in ch.layers] == ["bidirectional", "dense"]
    assert ch.unchanged == ("tokens", "embedding", "time_distributed")
    assert not (ch.added or ch.removed or ch.unreached or ch.reached or ch.empty)
    bilstm, dense = ch.layers
    assert (bilstm.shapes_before, bilstm.shapes_after) == (((30, 50, 75),), ((30, 50, 128),))
    assert bilstm.axes_before == bilstm.axes_after == (("B", "T", "F"),)
    assert (bilstm.params_before, bilstm.params_after) == (84_000, 2 * 4 * 128 * (64 + 128 + 1))
    assert [(a.name, a.before, a.after) for a in bilstm.args] == [("layer.units", 75, 128)]
    assert ("forward recurrent_kernel", (75, 300), (128, 512)) in [(w.label, w.before, w.after) for w in bilstm.weights]
    assert not dense.shape_moved and not dense.args and dense.params_delta == 128 * 200 - 75 * 200
    assert [(w.label, w.before, w.after) for w in dense.weights] == [("kernel", (75, 200), (128, 200))]
    moved = {a.letter: (a.before, a.after) for a in ch.axes_moved}
    assert moved == {"H": (75, 128), "F": (75, 128)} and not ch.axes_appeared and not ch.axes_vanished
    assert ch.params_before == build(before[1], before[0]).model.count_params() == 740_406
    assert ch.params_after == build(after[1], after[0]).model.count_params()
    row = changes_table(ch).iloc[0]
    assert (row["output"], row["params"], row["delta"]) == (
        "(30, 50, 75) → (30, 50, 128)", "84,000 → 197,632", "+113,632")
    assert row["weights"] == ("2 × kernel (64, 300) → (64, 512); 2 × recurrent_kernel (75, 300) → (128, 512); "
                              "2 × bias (300,) → (512,)")
    assert "H 75 → 128" in lines(ch, "en")[0] and "H 75 → 128" in lines(ch, "zh")[0]
    # without the specs the wrapped LSTM's arguments are unknown; shapes and weights still move
    assert [(c.name, c.args, c.params_after) for c in changes(before, after, specs=False).layers] == [
        ("bidirectional", (), 197_632), ("dense", (), 25_800)]


def test_a_dropout_inserted_in_the_middle_is_added_and_nothing_else_moves():
    before = model()
    after = model(edited("    layers.Embedding(vocab_size, embed_dim),\n",
                         "    layers.Embedding(vocab_size, embed_dim),\n    layers.Dropout(0.5),\n"))
    ch = changes(before, after)
    assert [(r.name, r.cls, r.shapes, r.params) for r in ch.added] == [("dropout", "Dropout", ((30, 50, 64),), 0)]
    assert ch.layers == () and ch.removed == () and ch.params_delta == 0 and not ch.empty
    assert ch.unchanged == ("tokens", "embedding", "bidirectional", "dense", "time_distributed")


def test_a_removed_layer_and_the_head_that_now_reads_the_bilstm():
    ch = changes(model(), model(edited("    layers.Dense(dense_units),\n", "")))
    assert [(r.name, r.shapes, r.params) for r in ch.removed] == [("dense", ((30, 50, 200),), 15_200)]
    (head,) = ch.layers
    assert (head.name, head.params_before, head.params_after) == ("time_distributed", 1_206, 75 * 6 + 6)
    assert [(w.label, w.before, w.after) for w in head.weights] == [("kernel", (200, 6), (75, 6))]
    assert [a.letter for a in ch.axes_vanished] == ["U"] and ch.added == ()
    assert ch.params_delta == -15_200 + (456 - 1_206)


def test_a_dense_inserted_before_another_shifts_keras_names_without_changing_every_layer():
    before = model()
    after = model(edited("    layers.Dense(dense_units),\n", "    layers.Dense(32),\n    layers.Dense(dense_units),\n"))
    ch = changes(before, after)
    assert [(r.name, r.shapes) for r in ch.added] == [("dense", ((30, 50, 32),))]
    (renamed,) = ch.layers  # the old `dense` is `dense_1` now and reads 32 features instead of 75
    assert (renamed.name_before, renamed.name_after, renamed.args) == ("dense", "dense_1", ())
    assert [(w.label, w.before, w.after) for w in renamed.weights] == [("kernel", (75, 200), (32, 200))]


def test_explicit_rename_and_a_wrapped_class_swap():
    ch = changes(model(), model(edited("layers.Dense(dense_units)", 'layers.Dense(dense_units, name="hidden")')))
    (renamed,) = ch.layers
    assert (renamed.name_before, renamed.name_after, renamed.content_moved) == ("dense", "hidden", False)
    gru = changes(model(), model(edited("layers.LSTM(lstm_units", "layers.GRU(lstm_units")))
    swapped = gru.layers[0]
    assert (swapped.cls_before, swapped.cls_after) == ("Bidirectional(LSTM)", "Bidirectional(GRU)")
    assert swapped.params_after == 2 * 3 * 75 * (64 + 75 + 2)  # GRU, reset_after=True: two biases per gate
    assert [c.name for c in gru.layers] == ["bidirectional"] and not gru.added and not gru.removed


def test_batch_size_moves_every_shape_but_no_parameter():
    ch = changes(model(), model(batch_size=8))
    assert (ch.batch_before, ch.batch_after, ch.params_delta) == (30, 8, 0)
    assert [c.shapes_after[0][0] for c in ch.layers] == [8] * 5 and all(not c.weights for c in ch.layers)
    assert [(a.letter, a.before, a.after) for a in ch.axes_moved] == [("B", 30, 8)]


def test_a_change_that_breaks_the_model_and_back():
    good, bad = model(), model(edited('merge_mode = "ave"', "merge_mode = None"))
    for specs in (True, False):
        broke = changes(good, bad, specs)
        assert (broke.failure_before, broke.failure_after) == (None, "dense")
        assert [r.name for r in broke.unreached] == ["dense", "time_distributed"] and broke.removed == ()
        (bilstm,) = broke.layers
        assert bilstm.shapes_after == ((30, 50, 75), (30, 50, 75)) and bilstm.axes_after == (("B", "T", "H"),) * 2
        assert [(a.name, a.before, a.after) for a in bilstm.args] == [("merge_mode", "ave", None)]
        fixed = changes(bad, good, specs)
        assert (fixed.failure_before, fixed.failure_after) == ("dense", None)
        assert [r.name for r in fixed.reached] == ["dense", "time_distributed"] and fixed.added == ()
    assert "dense" in lines(changes(good, bad), "en")[-3] and "dense" in lines(changes(bad, good), "zh")[-3]


def test_identical_models_are_empty():
    for pair in (model(), model(edited('merge_mode = "ave"', "merge_mode = None"))):
        ch = changes(pair, pair)
        assert ch.empty and ch.layers == () and len(ch.unchanged) == len(pair[0].steps)
    moved = model(edited("import keras\n", "import keras\n\n# every line below moves down\n"))
    assert moved[0] != model()[0] and changes(model(), moved).empty  # line numbers are not changes


def _page():
    import streamlit as st

    from explorer.presets import preset_code
    from explorer.reader.code import read_code, set_constant
    from explorer.shapes import describe
    from explorer.ui import compare_panel

    code = preset_code("tagger")
    constant = next(c for c in read_code(code).constants if c.name == "lstm_units")
    spec = read_code(set_constant(code, constant, st.session_state.get("units", 75))).spec
    compare_panel.show(describe(spec), st.session_state.get("lang", "en"), spec)


def test_panel_shows_the_change_after_a_second_run_and_keeps_it_on_a_language_switch():
    at = AppTest.from_function(_page, default_timeout=60).run()
    assert not at.exception and not has_table(at, "compare_table")
    assert at.caption[0].value.startswith("Move a number")
    at.session_state["units"] = 128
    at.run()
    table = page_table(at, "compare_table")
    assert list(table["layer"]) == ["bidirectional", "dense"]
    assert table["arguments that changed"][0] == "layer.units 75 → 128"
    assert any("H 75 → 128" in m.value and "864,638" in m.value for m in at.markdown)
    at.session_state["lang"] = "zh"
    at.run()  # the same model: the latest change stays, now in Chinese
    table = page_table(at, "compare_table")
    assert list(table["层"]) == ["bidirectional", "dense"] and table["参数量"][0] == "84,000 → 197,632"
    assert any("大小变化的命名维度" in m.value for m in at.markdown)
    at.session_state["units"] = 75
    at.run()
    assert list(page_table(at, "compare_table")["输出形状"]) == ["(30, 50, 128) → (30, 50, 75)", "(30, 50, 200)"]


def test_a_new_paste_is_a_new_model_and_nothing_is_paired():
    cnn = (lambda spec: (describe(spec), spec))(read_code(preset_code("image_cnn")).spec)
    ch = changes(model(), cnn)
    assert ch.new_model and not ch.empty
    assert (ch.layers, ch.unchanged, ch.added, ch.removed, ch.axes_moved, ch.axes_appeared) == ((),) * 6
    assert (ch.params_before, ch.params_after) == (model()[0].total_params, cnn[0].total_params)
    assert shared_share(model()[0], cnn[0], model()[1], cnn[1]) < SAME_MODEL_SHARE
    assert changes(model(), cnn, specs=False).new_model  # the steps decide without the specs


def test_versions_of_one_model_are_the_same_model():
    dense = "    layers.Dense(dense_units),"
    one_more = model(edited(dense, "    layers.Dropout(0.1),\n" + dense))
    for other in (model(lstm_units=128), model(edited('merge_mode = "ave"', "merge_mode = None")), one_more):
        assert same_model(model()[0], other[0], model()[1], other[1])
        assert not changes(model(), other).new_model
    assert len(one_more[1].layers) == len(model()[1].layers) + 1


def test_the_panel_says_a_new_model_in_words():
    at = AppTest.from_function(_page_two_models, default_timeout=60).run()
    at.session_state["preset"] = "image_cnn"
    at.run()
    assert not at.exception and not has_table(at, "compare_table")
    assert at.caption[0].value.startswith("A new model")
    assert not any("→" in m.value for m in at.markdown)


def _page_two_models():
    import streamlit as st

    from explorer.presets import preset_code
    from explorer.reader.code import read_code
    from explorer.shapes import describe
    from explorer.ui import compare_panel

    spec = read_code(preset_code(st.session_state.get("preset", "tagger"))).spec
    compare_panel.show(describe(spec), "en", spec)
