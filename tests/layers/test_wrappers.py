"""The tests of Bidirectional and TimeDistributed (explorer/layers/wrappers/): shapes, weights, formulas and
fixes against real Keras and the X-ray and common mistakes on real built models."""

import string

import keras
import numpy as np
import pytest

import explorer.live.base as live_base
from explorer.i18n import catalog, t
from explorer.layers import get_kind
from explorer.layers.wrappers.xray import TD_MAX_STEPS
from explorer.live.base import TOLERANCE
from explorer.live.xrays import xray_layers, xray_of as page_xray
from explorer.presets import preset_code
from explorer.shapes import construct, describe, describe_one, layer_code
from explorer.spec import InputSpec
from recurrent_checks import (B, E, H, T, assert_all_match, broken_failure, chain, failing, layer, mistakes_of,
                              seq_code, xray_of, xray_texts)
from layer_words import family_words, in_language
from xray_consistency import XRayCase, cases_ids, check_xray
from live_models import call_of, live_functions, sequential, traced


# -- shapes, weights and fixes (kinds.py) ------------------------------------------------------------------
WORDS_EN = in_language(family_words("wrappers", prefixes=("axis.", "fix.")), "en")  # the kinds' words
INNER_FIXES = set(family_words("recurrent", prefixes=("fix.",)))  # a wrapper passes on its inner RNN's advice
GENERIC_FIXES = {"fix.return_sequences", "fix.reshape_add_axis", "fix.flatten", "fix.merge_mode", "fix.return_state",
                 "fix.fixed_length", "fix.dense_unknown_features"}


def tagger(merge_mode="ave", units=75, head_units=6):
    """The question's model, as the reader gives it for explorer/presets/tagger.py."""
    lstm = layer("lstm", "LSTM", {"units": units, "return_sequences": True}, sources={"units": "lstm_units"})
    return chain(
        InputSpec("tokens", (50,), "int32", 30, sources=("seq_len",)),
        layer("embedding", "Embedding", {"input_dim": 10_000, "output_dim": 64},
              sources={"input_dim": "vocab_size", "output_dim": "embed_dim"}),
        layer("bidirectional", "Bidirectional", {"merge_mode": merge_mode}, inner=lstm,
              sources={"merge_mode": "merge_mode"}),
        layer("dense", "Dense", {"units": 200}, sources={"units": "dense_units"}),
        layer("time_distributed", "TimeDistributed",
              inner=layer("head", "Dense", {"units": head_units}, sources={"units": "count_classes + 1"})),
        batch=30,
    )


def td(name, inner):
    return layer(name, "TimeDistributed", inner=inner)


# models that cannot be built, each with the fix the tests below expect
BROKEN = {
    "bi_on_image": lambda: chain(InputSpec("img", (28, 28, 1)),
                                 layer("bi", "Bidirectional", inner=layer("lstm", "LSTM", {"units": 8}))),
    "bi_dense": lambda: chain(InputSpec("x", (5, 3)),
                              layer("bi", "Bidirectional", inner=layer("d", "Dense", {"units": 4}))),
    "bi_none_then_dense": lambda: tagger(None, units=4, head_units=3),
    "td_after_rnn": lambda: chain(InputSpec("x", (5, 3)), layer("rnn", "LSTM", {"units": 4}),
                                  td("td", layer("d", "Dense", {"units": 2}))),
    "td_flat": lambda: chain(InputSpec("x", (7,)), td("td", layer("d", "Dense", {"units": 2}))),
    "td_step": lambda: chain(InputSpec("x", (5, 3)), td("td", layer("l", "LSTM", {"units": 2}))),
    "td_states": lambda: chain(InputSpec("x", (5, 4, 3)),
                               td("td", layer("l", "LSTM", {"units": 2, "return_state": True}))),
}


def test_question_tagger_ave():
    d = describe(tagger("ave"))
    assert d.ok
    bi = d.step("bidirectional")
    assert bi.input_dims == ("B", "T", "E") and bi.output_dims == ("B", "T", "F")
    assert bi.output_shape == (30, 50, 75) and bi.params == 84_000
    assert bi.formula.text() == "2 × 4 × H × (E + H + 1) = 2 × 4 × 75 × (64 + 75 + 1) = 84,000"
    assert [(w.label, w.shape, w.dims) for w in bi.weights] == [
        (f"{owner} {name}", shape, dims) for owner in ("forward", "backward") for name, shape, dims in (
            ("kernel", (64, 300), ("E", "4H")), ("recurrent_kernel", (75, 300), ("H", "4H")),
            ("bias", (300,), ("4H",)))]
    assert bi.flops == 2 * 84_000 * 30 * 50
    axes = {a.letter: a for a in d.axes}
    assert axes["F"].size == 75 and axes["F"].meaning_key == "axis.bidirectional"
    assert axes["H"].size == 75 and axes["H"].meaning_key == "axis.units"
    head = d.step("time_distributed")
    assert head.input_dims == ("B", "T", "U") and head.output_dims == ("B", "T", "C")
    assert head.output_shape == (30, 50, 6) and head.params == 1_206
    assert [(w.name, w.shape, w.dims) for w in head.weights] == [
        ("kernel", (200, 6), ("U", "C")), ("bias", (6,), ("C",))]
    assert head.formula.text() == "U × C + C = 200 × 6 + 6 = 1,206"
    assert d.total_params == 640_000 + 84_000 + 15_200 + 1_206


def test_question_tagger_concat_doubles_features():
    d = describe(tagger("concat"))
    bi, dense = d.step("bidirectional"), d.step("dense")
    assert bi.output_shape == (30, 50, 150) and bi.params == 84_000
    assert {a.letter: a.size for a in d.axes}["F"] == 150
    assert dense.weights[0].shape == (150, 200) and dense.weights[0].dims == ("F", "U")


@pytest.mark.parametrize("mode", ["concat", "sum", "ave", "mul", None])
def test_tagger_matches_a_real_keras_build(mode):
    spec = tagger(mode, units=4, head_units=3)
    if mode is None:  # two tensors reach Dense, as in Keras: the generic fix names the merge mode
        failure = failing(BROKEN["bi_none_then_dense"]())
        assert failure.layer == "dense" and failure.fix.key == "fix.merge_mode"
        assert "expects 1 input(s), but it received 2 input tensors" in failure.message
        return
    d = describe(spec)
    x = inp = keras.Input(shape=(50,), batch_size=30, dtype="int32")
    for layer_spec in spec.layers:
        built = construct(layer_spec, seed=3)
        x = built(x)
        step = d.step(layer_spec.name)
        assert step.output_shape == tuple(x.shape)
        assert built.count_params() == step.params
        assert [tuple(w.shape) for w in built.weights] == [w.shape for w in step.weights]
    assert keras.Model(inp, x).count_params() == d.total_params


def test_bidirectional_weights_forward_then_backward_seeded_and_distinct():
    spec = tagger("ave").layer("bidirectional")
    first, second = construct(spec, seed=20), construct(spec, seed=20)
    for built in (first, second):
        built.build((None, 5, 64))
    paths = [w.path for w in first.weights]
    assert [p.split("/")[1] for p in paths] == ["forward_lstm"] * 3 + ["backward_lstm"] * 3
    assert first.backward_layer.go_backwards and not first.forward_layer.go_backwards
    values = [np.asarray(w) for w in first.weights]
    assert all(np.array_equal(a, np.asarray(b)) for a, b in zip(values, second.weights)), "deterministic"
    assert not np.allclose(values[0], values[3]), "the two directions start from different kernels"


def test_code_lines_keep_the_learners_names():
    spec = tagger("ave")
    assert layer_code(spec.layer("bidirectional")) == (
        "layers.Bidirectional(layers.LSTM(lstm_units, return_sequences=True), merge_mode=merge_mode)")
    assert layer_code(spec.layer("time_distributed")) == "layers.TimeDistributed(layers.Dense(count_classes + 1))"


def test_video_model_time_distributed_conv_and_flatten_against_keras():
    spec = chain(InputSpec("frames", (10, 28, 28, 1)),
                 layer("conv", "TimeDistributed", inner=layer("conv2d", "Conv2D", {"filters": 8, "kernel_size": 3})),
                 layer("flat", "TimeDistributed", inner=layer("flatten", "Flatten")),
                 layer("rnn", "GRU", {"units": 16}),
                 layer("out", "Dense", {"units": 3}))
    d = describe(spec)
    assert d.ok, d.failure
    assert d.step("conv").output_shape == (None, 10, 26, 26, 8)
    assert d.step("conv").output_dims[:2] == ("B", "D1") and len(d.step("conv").output_dims) == 5
    assert d.step("flat").output_shape == (None, 10, 26 * 26 * 8)
    assert d.step("conv").params == 3 * 3 * 1 * 8 + 8
    assert d.step("conv").flops == get_kind("Conv2D").flops(
        describe_one("Conv2D", {"filters": 8, "kernel_size": 3}, ((None, 28, 28, 1),)), 80) * 10
    x = inp = keras.Input(shape=(10, 28, 28, 1))
    for layer_spec in spec.layers:
        built = construct(layer_spec)
        x = built(x)
        assert tuple(x.shape) == d.step(layer_spec.name).output_shape
        assert [tuple(w.shape) for w in built.weights] == [w.shape for w in d.step(layer_spec.name).weights]
    assert keras.Model(inp, x).count_params() == d.total_params


def test_bidirectional_inherits_the_inner_rnn_advice_and_refuses_non_rnn():
    failure = failing(BROKEN["bi_on_image"]())
    assert "expected ndim=3, found ndim=4" in failure.message
    assert failure.fix.key == "fix.rnn_image" and dict(failure.fix.params)["layer"] == "bi"
    dense = failing(BROKEN["bi_dense"]())
    assert dense.fix.key == "fix.bidirectional_rnn" and dense.fix.code == "layers.Bidirectional(layers.LSTM(4))"
    assert "LSTM, GRU or SimpleRNN" in dense.message


def test_time_distributed_failures():
    after_rnn = failing(BROKEN["td_after_rnn"]())
    assert "at least 3 dimensions" in after_rnn.message
    assert after_rnn.fix.key == "fix.return_sequences" and dict(after_rnn.fix.params)["rnn"] == "rnn"
    flat = failing(BROKEN["td_flat"]())
    assert flat.fix.key == "fix.td_needs_time" and flat.fix.code == "layers.Dense(2)"
    step = failing(BROKEN["td_step"]())
    assert "expected ndim=3, found ndim=2" in step.message
    assert step.fix.key == "fix.td_step_shape"
    assert dict(step.fix.params)["step"] == "(None, 3)" and dict(step.fix.params)["step_named"] == "(B, F)"
    states = failing(BROKEN["td_states"]())
    assert states.fix.key == "fix.td_one_output" and states.fix.code == "return_state=False"
    both = failing(chain(InputSpec("x", (5, 4, 3)), td("td", layer("bi", "Bidirectional", {"merge_mode": None},
                                                                   inner=layer("l", "GRU", {"units": 2})))))
    assert "returns 2 tensors" in both.message
    assert both.fix.key == "fix.td_one_output" and both.fix.code == 'merge_mode="concat"'


def test_every_fix_key_exists_with_its_placeholders():
    en, zh = catalog("en"), catalog("zh")
    mine = set(WORDS_EN)
    fields = lambda text: {f for _, f, _, _ in string.Formatter().parse(text) if f}
    fixes = [failing(build()).fix for build in BROKEN.values()]
    assert all(fix is not None for fix in fixes)
    assert {k for k in mine if k.startswith("fix.")} <= {fix.key for fix in fixes}, "every catalog fix is reached"
    for fix in fixes:
        assert fix.key in mine | INNER_FIXES | GENERIC_FIXES
        assert fix.key in en and fix.key in zh
        given = set(dict(fix.params)) | ({"code"} if fix.code else set())
        assert fields(en[fix.key]) <= given, fix.key
    assert fields(en["axis.bidirectional"]) <= {"layer", "arg", "source"}


# -- X-ray and common mistakes (xray.py) -------------------------------------------------------------------
LIVE_WORDS = family_words("wrappers", prefixes=("xray.", "mistake."))


def test_registered(monkeypatch):
    called = {k: live_functions(k, monkeypatch) for k in ("Bidirectional", "TimeDistributed")}
    assert called == {"Bidirectional": ("bidirectional_xray", "bidirectional_mistakes"),
                      "TimeDistributed": ("timedistributed_xray",)}


SEQ_OUT, LAST_OUT, STEP = B * T * H, B * H, H
# -- Bidirectional -----------------------------------------------------------------------------------------
BI_CASES = [
    ('layers.Bidirectional(layers.LSTM(6, return_sequences=True), name="r")', (1, 3, 8), [("output", B * T * 2 * H)]),
    ('layers.Bidirectional(layers.LSTM(6, return_sequences=True), merge_mode="sum", name="r")', (1, 3, 2),
     [("output", SEQ_OUT)]),
    ('layers.Bidirectional(layers.GRU(6, return_sequences=True), merge_mode="ave", name="r")', (0, 6, 5),
     [("output", SEQ_OUT)]),
    ('layers.Bidirectional(layers.SimpleRNN(6, return_sequences=True), merge_mode="mul", name="r")', (2, 0, 0),
     [("output", SEQ_OUT)]),
    ('layers.Bidirectional(layers.LSTM(6, return_sequences=True), merge_mode=None, name="r")', (1, 3, 2),
     [("forward", SEQ_OUT), ("backward", SEQ_OUT)]),
    ('layers.Bidirectional(layers.GRU(6, return_sequences=True, go_backwards=True), merge_mode="sum", name="r")',
     (1, 3, 2), [("output", SEQ_OUT)]),
    ('layers.Bidirectional(layers.GRU(6, reset_after=False), merge_mode="concat", name="r")', (1, 9),
     [("output", B * 2 * H)]),
    ('layers.Bidirectional(layers.LSTM(6, return_state=True), name="r")', (1, 9),
     [("output", B * 2 * H)] + [("state.forward", LAST_OUT)] * 2 + [("state.backward", LAST_OUT)] * 2),
    ('layers.Bidirectional(layers.GRU(6, return_sequences=True, return_state=True), merge_mode=None, name="r")',
     (1, 3, 2), [("forward", SEQ_OUT), ("backward", SEQ_OUT), ("state.forward", LAST_OUT),
                 ("state.backward", LAST_OUT)]),
]


@pytest.mark.parametrize("line, pick, expected", BI_CASES)
def test_bidirectional_recomputed_without_calling_keras(line, pick, expected, monkeypatch):
    call = call_of(seq_code(line), "r", pick)

    def refuse(*args, **kwargs):
        raise AssertionError("the X-ray ran a Keras RNN")
    for cls in (keras.layers.LSTM, keras.layers.GRU, keras.layers.SimpleRNN):
        monkeypatch.setattr(cls, "call", refuse)
    xray = get_kind("Bidirectional").xray(call)
    assert_all_match(xray)
    assert [(c.what.key.removeprefix("xray.bidirectional.check."), c.size) for c in xray.checks] == expected
    if call.layer.return_sequences:
        unflipped = next(n for n in xray.notes if n.key == "xray.bidirectional.note.unflipped")
        assert float(dict(unflipped.params)["diff"]) > 1e-2  # forgetting the flip is far off
        assert len(xray.grids) == 4
    else:
        assert "xray.bidirectional.note.last_step" in [n.key for n in xray.notes] and len(xray.grids) == 3


def test_bidirectional_grids_show_both_halves_at_the_picked_position():
    call, xray = xray_of(seq_code('layers.Bidirectional(layers.LSTM(6, return_sequences=True), name="r")'),
                         pick=(1, 2, 9))
    forward, backward, raw, output = xray.grids
    assert output.marks == ((2, output.cols.index("9")),)
    assert abs(output.values[2, output.cols.index("9")] - call.y[1, 2, 9]) < TOLERANCE
    assert abs(backward.values[2, 3] - call.y[1, 2, 9]) < TOLERANCE  # concat: column 9 is backward unit 3
    assert abs(forward.values[2, 3] - call.y[1, 2, 3]) < TOLERANCE
    assert raw.marks == ((T - 1 - 2, 3),) and raw.values[T - 1 - 2, 3] == backward.values[2, 3]


def test_bidirectional_initial_state_halves():
    code = ("import keras\nfrom keras import layers\n"
            "enc_in = keras.Input(shape=(5, 3), batch_size=2)\ndec_in = keras.Input(shape=(4, 3), batch_size=2)\n"
            "a, h1, c1, h2, c2 = layers.Bidirectional(layers.LSTM(6, return_state=True), name=\"enc\")(enc_in)\n"
            "dec = layers.Bidirectional(layers.LSTM(6, return_sequences=True), merge_mode=\"sum\", name=\"dec\")"
            "(dec_in, initial_state=[h1, c1, h2, c2])\nmodel = keras.Model([enc_in, dec_in], dec)\n")
    call, xray = xray_of(code, "dec", (1, 2, 3))
    assert len(call.states) == 4
    assert_all_match(xray)
    assert [c.size for c in xray.checks] == [2 * 4 * 6]
    assert xray.notes[-1] == live_base.Text.of("xray.bidirectional.note.initial", count=4, half=2)


# -- each direction of Bidirectional, step by step ---------------------------------------------------------
def directions_of(code: str, wrapper: str = "r", pick: tuple = ()):
    """The built Bidirectional `wrapper` and {direction name: its X-ray} as the page lists and computes them."""
    spec, desc, model, trace = traced(code)
    names = [n for n in xray_layers(desc, spec) if n.startswith(f"{wrapper}/")]
    return model.get_layer(wrapper), {n.split("/")[1]: page_xray(model, spec, desc, trace, n, pick) for n in names}


def code_lines(xray, lang: str = "en") -> list[str]:
    return live_base.code_text(xray.code, lambda n: t(lang, n.key, **dict(n.params))).splitlines()


def check_keys(xray) -> list[tuple[str, int]]:
    return [(c.what.key.rsplit(".", 1)[1], c.size) for c in xray.checks]


def test_the_questions_forward_lstm_shows_its_step_and_its_four_gates():
    bi, found = directions_of(preset_code("tagger"), "bidirectional", (3, 7, 11))
    assert list(found) == ["forward_lstm", "backward_lstm"] == [bi.forward_layer.name, bi.backward_layer.name]
    forward = found["forward_lstm"]
    assert_all_match(forward)
    code = code_lines(forward)
    assert "    xk = x_t @ K  " in "\n".join(code) and any(
        line.endswith("# (30, 64) @ (64, 300) → (30, 300)") for line in code)
    assert any(line.endswith("# + (30, 75) @ (75, 300) + (300,) → (30, 300)") for line in code)
    assert any(line.startswith("    i, f, g, o = np.split(z, 4, axis=-1)") for line in code)
    assert [" ".join(line.split()) for line in code[-2:]] == [
        "fwd = out", "y = (fwd + bwd) / 2 # bwd: the backward_lstm X-ray; (30, 50, 75)"]
    _, gates, _, kernel = forward.grids
    assert gates.rows == ("i", "f", "c", "o") and kernel.cols == ("i", "f", "c", "o")
    weights = np.asarray(bi.forward_layer.cell.kernel)  # (64, 300): unit 11 of each block of 75
    assert np.allclose(kernel.values[0], weights[int(kernel.rows[0]), [11, 86, 161, 236]])
    assert [k for k, _ in check_keys(forward)] == ["output", "step", "merged"]  # the sub-layer, its step, the wrapper
    assert forward.checks[0].size == forward.checks[2].size == 30 * 50 * 75
    assert forward.notes[0].key == "xray.bidirectional.direction.note.forward"


def test_the_questions_backward_lstm_runs_last_to_first_and_is_flipped_back():
    _, found = directions_of(preset_code("tagger"), "bidirectional", (3, 7, 11))
    backward = found["backward_lstm"]
    assert_all_match(backward)
    code = code_lines(backward)
    assert "    x_t = x[:, 49 - t]" in "\n".join(code)
    assert any(line.endswith("# (30, 64) @ (64, 300) → (30, 300)") for line in code)
    assert code[-2].startswith("bwd = out[:, ::-1]") and code[-1].startswith("y = (fwd + bwd) / 2")
    assert [k for k, _ in check_keys(backward)] == ["output", "step", "merged"]
    assert dict(backward.checks[1].what.params)["t"] == "42"  # out[3, 7] of the wrapper is its step 49 - 7
    assert backward.grids[1].rows == ("i", "f", "c", "o")
    assert backward.grids[0].title.params == (("t", "42"), ("read", "7"), ("b", "3"))
    assert not np.allclose(backward.grids[3].values, found["forward_lstm"].grids[3].values)  # its own kernel
    assert {n.key for n in backward.notes} >= {"xray.bidirectional.direction.note.backward", "xray.lstm.note.backwards"}


H2 = 2 * H
DIRECTION_CASES = [  # (line, pick, forward checks, backward checks)
    ('layers.Bidirectional(layers.GRU(6, return_sequences=True), name="r")', (1, 3, 8),
     [("output", SEQ_OUT), ("step", STEP), ("half", SEQ_OUT)],
     [("output", SEQ_OUT), ("step", STEP), ("half_backward", SEQ_OUT)]),
    ('layers.Bidirectional(layers.GRU(6, return_sequences=True, reset_after=False), merge_mode="sum", name="r")',
     (1, 3, 2), [("output", SEQ_OUT), ("step", STEP), ("merged", SEQ_OUT)],
     [("output", SEQ_OUT), ("step", STEP), ("merged", SEQ_OUT)]),
    ('layers.Bidirectional(layers.LSTM(6), name="r")', (2, 9),
     [("output", LAST_OUT), ("step", STEP), ("half", LAST_OUT)],
     [("output", LAST_OUT), ("step", STEP), ("half_backward", LAST_OUT)]),
    ('layers.Bidirectional(layers.GRU(6), merge_mode="mul", name="r")', (0, 4),
     [("output", LAST_OUT), ("step", STEP), ("merged", LAST_OUT)],
     [("output", LAST_OUT), ("step", STEP), ("merged", LAST_OUT)]),
    ('layers.Bidirectional(layers.SimpleRNN(6, return_sequences=True), merge_mode=None, name="r")', (1, 3, 2),
     [("output", SEQ_OUT), ("step", STEP), ("half", SEQ_OUT)],
     [("output", SEQ_OUT), ("step", STEP), ("half_backward", SEQ_OUT)]),
    ('layers.Bidirectional(layers.LSTM(6, return_state=True), merge_mode="ave", name="r")', (1, 4),
     [("output", LAST_OUT)] + [("state", LAST_OUT)] * 2 + [("step", STEP), ("merged", LAST_OUT)]
     + [("state", LAST_OUT)] * 2,
     [("output", LAST_OUT)] + [("state", LAST_OUT)] * 2 + [("step", STEP), ("merged", LAST_OUT)]
     + [("state", LAST_OUT)] * 2),
    ('layers.Bidirectional(layers.GRU(6, return_sequences=True, go_backwards=True), merge_mode="sum", name="r")',
     (1, 3, 2), [("output", SEQ_OUT), ("step", STEP), ("merged", SEQ_OUT)],
     [("output", SEQ_OUT), ("step", STEP), ("merged", SEQ_OUT)]),
]


@pytest.mark.parametrize("line, pick, forward, backward", DIRECTION_CASES)
def test_each_direction_is_recomputed_step_by_step(line, pick, forward, backward):
    bi, found = directions_of(seq_code(line), "r", pick)
    inner = type(bi.forward_layer).__name__
    assert list(found) == [bi.forward_layer.name, bi.backward_layer.name]
    for (name, xray), expected in zip(found.items(), (forward, backward)):
        assert_all_match(xray)
        assert check_keys(xray) == expected, name
        assert xray.cls == inner and len(xray.grids) == 4
        assert any(line.startswith("    xk = x_t @ K") for line in code_lines(xray))


def test_a_direction_compared_with_the_other_halfs_numbers_is_caught():
    """The backward X-ray's half check reads out[..., H:]: the forward half there would be far off."""
    call = call_of(seq_code('layers.Bidirectional(layers.LSTM(6, return_sequences=True), name="r")'), "r")
    xray = get_kind("Bidirectional").inner_xray(call, "backward_lstm", "r/backward_lstm")
    assert xray.checks[-1].what.params[0] == ("where", "out[..., 6:12]") and xray.checks[-1].diff < TOLERANCE
    assert np.max(np.abs(call.y[..., :H] - call.y[..., H:])) > 1e-2


def test_direction_initial_state_halves():
    code = ("import keras\nfrom keras import layers\n"
            "enc_in = keras.Input(shape=(5, 3), batch_size=2)\ndec_in = keras.Input(shape=(4, 3), batch_size=2)\n"
            "a, h1, c1, h2, c2 = layers.Bidirectional(layers.LSTM(6, return_state=True), name=\"enc\")(enc_in)\n"
            "dec = layers.Bidirectional(layers.LSTM(6, return_sequences=True), merge_mode=\"sum\", name=\"dec\")"
            "(dec_in, initial_state=[h1, c1, h2, c2])\nmodel = keras.Model([enc_in, dec_in], dec)\n")
    _, found = directions_of(code, "dec", (1, 2, 3))
    for xray in found.values():
        assert_all_match(xray)
        assert "xray.lstm.note.initial" in [n.key for n in xray.notes]
        assert [k for k, _ in check_keys(xray)] == ["output", "step", "merged"]


# -- TimeDistributed ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("line, input_shape, pick, step_out", [
    ('layers.TimeDistributed(layers.Dense(4), name="r")', f"({T}, {E})", (1, 3, 2), (4,)),
    ('layers.TimeDistributed(layers.Conv1D(5, 3), name="r")', "(4, 6, 3)", (1, 2, 3, 4), (4, 5)),
    ('layers.TimeDistributed(layers.LSTM(4), name="r")', "(4, 6, 3)", (2, 1, 3), (4,)),
])
def test_timedistributed_runs_the_inner_layer_on_each_slice(line, input_shape, pick, step_out):
    call, xray = xray_of(seq_code(line, input_shape=input_shape), pick=pick)
    assert_all_match(xray)
    steps = call.x.shape[1]
    assert [c.size for c in xray.checks] == [B * steps * int(np.prod(step_out)), 3]
    inner = call.layer.layer
    assert call.layer.count_params() == inner.count_params() > 0 and len(call.layer.weights) == len(inner.weights)
    output = xray.grids[1]
    r, c = output.marks[0]
    assert abs(output.values[r, c] - call.y[pick]) < TOLERANCE
    assert xray.notes[0] == live_base.Text.of("xray.timedistributed.note.shared", count=len(inner.weights),
                                              params=inner.count_params(), T=steps,
                                              would=steps * inner.count_params(), inner=call.spec.inner.kind,
                                              tx=call.in_axes[1])


def test_timedistributed_runs_at_most_64_slices_and_says_so():
    _call, xray = xray_of(seq_code('layers.TimeDistributed(layers.Dense(2), name="r")', input_shape="(70, 3)"))
    assert_all_match(xray)
    assert xray.checks[0].size == B * TD_MAX_STEPS * 2 and TD_MAX_STEPS == 64
    assert live_base.Text.of("xray.timedistributed.note.steps", steps=64, T=70, tx="T") in xray.notes


# -- mistakes ----------------------------------------------------------------------------------------------
TAGGER = sequential('layers.Embedding(100, 8, name="emb")',
                    'layers.Bidirectional(layers.LSTM(6, return_sequences=True), name="bi")',
                    'layers.Dense(10, name="dense")',
                    'layers.TimeDistributed(layers.Dense(3), name="head")', input_shape="(7,)")


def test_tagger_offers_both_mistakes_and_each_really_breaks():
    spec, found = mistakes_of(TAGGER, "bi")
    assert [m.key for m in found] == ["return_sequences", "merge_none"]
    seq, none = found
    assert seq.broken.inner.arg("return_sequences") is False and none.broken.arg("merge_mode", "x") is None
    failure = broken_failure(spec, seq)
    assert failure.layer == "head" and "at least 3 dimensions" in failure.message
    assert dict(seq.params)["consumer"] == "head" and dict(seq.params)["last"] == "(3, 12)"
    failure = broken_failure(spec, none)
    assert failure.layer == "dense" and "expects 1 input(s), but it received 2 input tensors" in failure.message
    assert dict(none.params)["half"] == "(3, 7, 6)" and "merge_mode=None" in none.code


# -- text --------------------------------------------------------------------------------------------------
def test_the_live_words_are_this_familys():  # both languages of every word: tests/test_text.py
    prefixes = ("xray.bidirectional.", "xray.timedistributed.", "mistake.merge_none.")
    assert len(LIVE_WORDS) > 30 and all(k.startswith(prefixes) for k in LIVE_WORDS)


def test_every_text_shown_exists_and_formats_in_both_languages():
    texts = []
    for line, pick, _ in BI_CASES:
        texts += xray_texts(xray_of(seq_code(line), pick=pick)[1])
    texts += xray_texts(xray_of(seq_code('layers.TimeDistributed(layers.Dense(2), name="r")',
                                         input_shape="(70, 3)"))[1])
    for line, pick, _, _ in DIRECTION_CASES:
        texts += [text for xray in directions_of(seq_code(line), "r", pick)[1].values() for text in xray_texts(xray)]
    for m in mistakes_of(TAGGER, "bi")[1]:
        texts += [(m.title_key, m.params), (m.why_key, m.params)]
    for lang in ("en", "zh"):
        for key, params in texts:
            text = t(lang, key, **dict(params))
            assert "{" not in text and text.strip(), key



# -- X-ray self-consistency (tests/xray_consistency.py) ------------------------------------------------------
BIDI_SEQ = seq_code('layers.Bidirectional(layers.LSTM(6, return_sequences=True), name="r")')
XRAY_CASES = [
    XRayCase("bidirectional-concat-sequences", BIDI_SEQ, "r", (1, 2, 3), output=3),
    XRayCase("bidirectional-sum-last-step", seq_code('layers.Bidirectional(layers.GRU(6), merge_mode="sum", name="r")'),
             "r", (1, 3), output=2),
    XRayCase("bidirectional-forward-lstm", BIDI_SEQ, "r/forward_lstm", (1, 2, 3), output=2,
             where=lambda p: ("h[t]", p[-1])),
    XRayCase("bidirectional-backward-lstm", BIDI_SEQ, "r/backward_lstm", (1, 2, 3), output=2,
             where=lambda p: ("h[t]", p[-1])),
    XRayCase("timedistributed-dense", seq_code('layers.TimeDistributed(layers.Dense(4), name="r")'), "r",
             (1, 2, 3), output=1, where=lambda p: (0, p[-1])),
]


@pytest.mark.parametrize("case", XRAY_CASES, ids=cases_ids(XRAY_CASES))
def test_xray_agrees_with_itself(case):
    check_xray(case)
