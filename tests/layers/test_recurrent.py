"""The tests of SimpleRNN, LSTM, GRU, ConvLSTM1D and ConvLSTM2D (explorer/layers/recurrent/): shapes, weights,
formulas and fixes against real Keras and the X-ray and common mistakes on real built models."""

import dataclasses
import string

import keras
import numpy as np
import pytest

import explorer.live.base as live_base
from explorer.i18n import catalog, t
from explorer.layers import get_kind
from explorer.layers.recurrent.xray import cell_of, conv_cell_of, conv_run, run, step_detail
from explorer.live.activations import FUNCTIONS
from explorer.live.base import TOLERANCE, code_text
from explorer.reader.code import read_code
from explorer.reader.validate import check_args
from explorer.shapes import describe, describe_one
from explorer.spec import InputSpec, LayerSpec
from recurrent_checks import (B, E, H, T, assert_all_match, broken_failure, chain, failing, layer, mistakes_of,
                              seq_code, xray_of, xray_texts)
from layer_words import family_words, in_language
from xray_consistency import XRayCase, cases_ids, check_xray
from live_models import call_of, live_functions


# -- shapes, weights and fixes (kinds.py) ------------------------------------------------------------------
WORDS_EN = in_language(family_words("recurrent", prefixes=("axis.", "fix.")), "en")  # the kinds' words
GENERIC_FIXES = {"fix.return_sequences", "fix.reshape_add_axis", "fix.flatten", "fix.merge_mode", "fix.return_state",
                 "fix.fixed_length", "fix.dense_unknown_features", "fix.return_sequences_off"}
CONV_FIXES = {"fix.conv_too_short", "fix.conv_stride_dilation"}  # the conv family's words, said of a ConvLSTM too


# models that cannot be built, each with the fix the tests below expect
BROKEN = {
    "rnn_after_rnn": lambda: chain(InputSpec("x", (50, 64), sources=("seq_len", "embed_dim")),
                                   layer("encoder", "LSTM", {"units": 32}), layer("decoder", "LSTM", {"units": 16})),
    "rnn_on_image": lambda: chain(InputSpec("img", (28, 28, 1)), layer("rnn", "LSTM", {"units": 8})),
    "rnn_on_video": lambda: chain(InputSpec("clip", (10, 28, 28, 1)), layer("rnn", "GRU", {"units": 8})),
    "rnn_on_ids": lambda: chain(InputSpec("ids", (50,), "int32"), layer("rnn", "SimpleRNN", {"units": 8})),
    "rnn_after_flatten": lambda: chain(InputSpec("ids", (50,), "int32"),
                                       layer("emb", "Embedding", {"input_dim": 100, "output_dim": 8}),
                                       layer("flat", "Flatten"), layer("rnn", "LSTM", {"units": 4})),
    "rnn_unknown_features": lambda: chain(InputSpec("x", (None, None)), layer("rnn", "LSTM", {"units": 8})),
    "convlstm_on_image": lambda: chain(InputSpec("img", (64, 64, 3)),
                                       layer("clstm", "ConvLSTM2D", {"filters": 8, "kernel_size": 3})),
    "convlstm_on_gray_clip": lambda: chain(InputSpec("clip", (None, 64, 64)),
                                           layer("clstm", "ConvLSTM2D", {"filters": 8, "kernel_size": 3})),
    "convlstm_unknown_size": lambda: chain(InputSpec("clip", (None, None, None, 1)),
                                           layer("clstm", "ConvLSTM2D", {"filters": 8, "kernel_size": 3})),
    "convlstm_too_short": lambda: chain(InputSpec("clip", (5, 4, 9, 1)),
                                        layer("clstm", "ConvLSTM2D", {"filters": 2, "kernel_size": 5})),
    "convlstm_stride_dilation": lambda: chain(InputSpec("clip", (5, 9, 9, 1)), layer(
        "clstm", "ConvLSTM2D", {"filters": 2, "kernel_size": 3, "strides": 2, "dilation_rate": 2})),
    "convlstm_sequences_before_pooling": lambda: chain(
        InputSpec("clip", (5, 9, 9, 1)),
        layer("clstm", "ConvLSTM2D", {"filters": 2, "kernel_size": 3, "return_sequences": True}),
        layer("pool", "GlobalAveragePooling2D"), layer("out", "Dense", {"units": 3})),
}


def test_lstm_after_lstm_without_sequences_fails_with_keras_words():
    spec = BROKEN["rnn_after_rnn"]()
    d = describe(spec)
    assert d.step("encoder").output_dims == ("B", "H") and d.step("encoder").output_shape == (None, 32)
    failure = failing(spec)
    assert failure.layer == "decoder" and "expected ndim=3, found ndim=2" in failure.message
    assert failure.fix.key == "fix.return_sequences" and dict(failure.fix.params)["rnn"] == "encoder"
    assert failure.cause.key == "cause.ndim"


def test_return_state_outputs_and_letters():
    ctx = describe_one("LSTM", {"units": 8, "return_sequences": True, "return_state": True}, ((None, 10, 3),))
    assert ctx.out_shapes == ((None, 10, 8), (None, 8), (None, 8))
    assert ctx.out_axes == (("B", "D1", "H"), ("B", "H"), ("B", "H"))
    bi = describe_one("Bidirectional", {"merge_mode": "concat"}, ((None, 10, 3),),
                      ("GRU", {"units": 8, "return_state": True}))
    assert bi.out_shapes == ((None, 16), (None, 8), (None, 8))
    assert bi.out_axes == (("B", "F"), ("B", "H"), ("B", "H"))


def test_gru_bias_and_formula_with_and_without_reset_after():
    kind = get_kind("GRU")
    after = describe_one("GRU", {"units": 8}, ((None, 10, 3),))
    assert [(w.name, w.shape, w.dims) for w in kind.weights(after)] == [
        ("kernel", (3, 24), ("D2", "3H")), ("recurrent_kernel", (8, 24), ("H", "3H")), ("bias", (2, 24), ("2", "3H"))]
    assert kind.formula(after).text() == "3 × H × (D2 + H + 2) = 3 × 8 × (3 + 8 + 2) = 312"
    before = describe_one("GRU", {"units": 8, "reset_after": False}, ((None, 10, 3),))
    assert kind.weights(before)[-1].shape == (24,)
    assert kind.formula(before).text() == "3 × H × (D2 + H + 1) = 3 × 8 × (3 + 8 + 1) = 288"
    simple = describe_one("SimpleRNN", {"units": 8, "use_bias": False}, ((None, 10, 3),))
    assert get_kind("SimpleRNN").formula(simple).text() == "H × (D2 + H) = 8 × (3 + 8) = 88"


def test_stacked_rnn_with_equal_sizes_shares_the_letter():
    spec = chain(InputSpec("x", (20, 16)), layer("a", "LSTM", {"units": 16, "return_sequences": True}),
                 layer("b", "GRU", {"units": 16}))
    d = describe(spec)
    assert d.step("a").formula.symbolic == "4 × H × (F + H + 1)"  # 16 features in, 16 units: two meanings
    assert d.step("b").input_dims == ("B", "T", "H")
    assert d.step("b").output_dims == ("B", "H")  # units of the same size as the LSTM's: the same letter
    assert d.step("b").formula.text() == "3 × H × (H + H + 2) = 3 × 16 × (16 + 16 + 2) = 1,632"


def test_rnn_on_images_suggests_reshape_or_time_distributed_flatten():
    image = failing(BROKEN["rnn_on_image"]())
    assert "expected ndim=3, found ndim=4" in image.message
    assert image.fix.key == "fix.rnn_image" and image.fix.code == "layers.Reshape((28, 28))"
    video = failing(BROKEN["rnn_on_video"]())
    assert video.fix.key == "fix.rnn_image" and video.fix.code == "layers.TimeDistributed(layers.Flatten())"
    # the fix really builds: an LSTM reads the image row by row
    fixed = describe(chain(InputSpec("img", (28, 28, 1)), layer("r", "Reshape", {"target_shape": (28, 28)}),
                           layer("rnn", "LSTM", {"units": 8})))
    assert fixed.ok and fixed.step("rnn").output_shape == (None, 8)


def test_rnn_on_token_ids_suggests_embedding_or_reshape():
    failure = failing(BROKEN["rnn_on_ids"]())
    assert failure.fix.key == "fix.rnn_needs_steps" and failure.fix.code == "layers.Reshape((50, 1))"
    assert dict(failure.fix.params)["steps"] == "50"


def test_rnn_after_flatten_says_the_time_axis_was_removed():
    failure = failing(BROKEN["rnn_after_flatten"]())
    assert failure.fix.key == "fix.rnn_time_removed" and dict(failure.fix.params)["producer"] == "flat"


def test_rnn_with_unknown_features_fails_as_keras_does_when_it_builds():
    failure = failing(BROKEN["rnn_unknown_features"]())
    assert failure.message.startswith("Shapes used to initialize variables must be fully-defined")
    assert failure.fix.key == "fix.rnn_unknown_features" and failure.cause.key == "cause.unknown_size"
    with pytest.raises(ValueError, match="must be fully-defined"):
        keras.layers.LSTM(8)(keras.Input(shape=(None, None)))
    # unknown time steps are fine
    assert describe(chain(InputSpec("x", (None, 5)), layer("rnn", "LSTM", {"units": 8}))).ok


def test_stateful_is_refused_and_cudnn_ignored():
    kind = get_kind("LSTM")
    args, notes = check_args(kind, {"units": 4, "stateful": True}, 1, 0, "lstm")
    assert args is None and [n.key for n in notes] == ["read.arg_bad_value"]
    args, notes = check_args(kind, {"units": 4, "stateful": False, "use_cudnn": True}, 1, 0, "lstm")
    assert args == (("stateful", False), ("units", 4)) and [n.key for n in notes] == ["read.arg_ignored"]
    assert "use_cudnn" not in kind.keras_args(LayerSpec("l", "LSTM", (("units", 4), ("use_cudnn", True))))


def test_every_fix_key_exists_with_its_placeholders():
    en, zh = catalog("en"), catalog("zh")
    mine = set(WORDS_EN)
    fields = lambda text: {f for _, f, _, _ in string.Formatter().parse(text) if f}
    fixes = [failing(build()).fix for build in BROKEN.values()]
    assert all(fix is not None for fix in fixes)
    assert {k for k in mine if k.startswith("fix.")} <= {fix.key for fix in fixes}, "every catalog fix is reached"
    for fix in fixes:
        assert fix.key in mine | GENERIC_FIXES | CONV_FIXES
        assert fix.key in en and fix.key in zh
        given = set(dict(fix.params)) | ({"code"} if fix.code else set())
        assert fields(en[fix.key]) <= given, fix.key


# -- X-ray and common mistakes (xray.py) -------------------------------------------------------------------
LIVE_WORDS = family_words("recurrent", prefixes=("xray.", "mistake."))


def test_registered(monkeypatch):
    called = {k: live_functions(k, monkeypatch) for k in ("SimpleRNN", "LSTM", "GRU")}
    assert called == {k: ("rnn_xray", "return_sequences_mistake") for k in ("SimpleRNN", "LSTM", "GRU")}


SEQ_OUT, LAST_OUT, STEP = B * T * H, B * H, H
RNN_CASES = [
    ('layers.LSTM(6, return_sequences=True, name="r")', (1, 3, 2),
     [("check.output", SEQ_OUT), ("check.step", STEP)], []),
    ('layers.LSTM(6, name="r")', (2, 4), [("check.output", LAST_OUT), ("check.step", STEP)], ["last_step"]),
    ('layers.LSTM(6, return_sequences=True, return_state=True, name="r")', (0, 6, 5),
     [("check.output", SEQ_OUT), ("check.state", LAST_OUT), ("check.state", LAST_OUT), ("check.step", STEP)],
     ["states"]),
    ('layers.LSTM(6, return_state=True, use_bias=False, activation="relu", recurrent_activation="hard_sigmoid", '
     'name="r")', (2, 4),
     [("check.output", LAST_OUT), ("check.state", LAST_OUT), ("check.state", LAST_OUT), ("check.step", STEP)],
     ["last_step", "states", "no_bias"]),
    ('layers.GRU(6, return_sequences=True, name="r")', (2, 4, 5),
     [("check.output", SEQ_OUT), ("check.step", STEP)], ["reset_after"]),
    ('layers.GRU(6, return_sequences=True, reset_after=False, name="r")', (2, 0, 1),
     [("check.output", SEQ_OUT), ("check.step", STEP)], ["reset_before"]),
    ('layers.GRU(6, use_bias=False, go_backwards=True, return_sequences=True, name="r")', (1, 2, 5),
     [("check.output", SEQ_OUT), ("check.step", STEP)], ["backwards", "no_bias", "reset_after"]),
    ('layers.GRU(6, go_backwards=True, reset_after=False, return_state=True, name="r")', (1, 3),
     [("check.output", LAST_OUT), ("check.state", LAST_OUT), ("check.step", STEP)],
     ["last_step", "backwards", "states", "reset_before"]),
    ('layers.SimpleRNN(6, return_sequences=True, return_state=True, go_backwards=True, name="r")', (2, 4, 5),
     [("check.output", SEQ_OUT), ("check.state", LAST_OUT), ("check.step", STEP)], ["backwards", "states"]),
    ('layers.SimpleRNN(6, activation="relu", use_bias=False, name="r")', (0, 0),
     [("check.output", LAST_OUT), ("check.step", STEP)], ["last_step", "no_bias"]),
]


@pytest.mark.parametrize("line, pick, expected, notes", RNN_CASES)
def test_rnn_recomputed_on_every_element(line, pick, expected, notes):
    call, xray = xray_of(seq_code(line), pick=pick)
    assert_all_match(xray)
    assert [(c.what.key.split(".", 2)[2], c.size) for c in xray.checks] == expected
    prefix = f"xray.{call.spec.kind.lower()}.note."
    assert [n.key.removeprefix(prefix) for n in xray.notes] == notes
    assert xray.summary.key == f"xray.{call.spec.kind.lower()}.summary" and len(xray.grids) == 4


def test_the_step_grid_follows_the_picked_number():
    call, xray = xray_of(seq_code('layers.LSTM(6, return_sequences=True, name="r")'), pick=(1, 3, 2))
    states = xray.grids[2]
    assert states.rows == ("h[t-1]", "c[t-1]", "h[t]", "c[t]") and states.marks == ((2, 2),)
    assert abs(states.values[2, 2] - call.y[1, 3, 2]) < TOLERANCE
    assert abs(states.values[0, 2] - call.y[1, 2, 2]) < TOLERANCE  # h[t-1] is the output one step earlier
    gates = xray.grids[1]
    assert gates.rows == ("i", "f", "c", "o") and gates.marks == tuple((r, 2) for r in range(4))
    x_grid = xray.grids[0]
    assert np.allclose(x_grid.values[1], call.x[1, 3, :])  # step 3 reads input step 3
    kernel = xray.grids[3]
    assert kernel.cols == ("i", "f", "c", "o")
    assert np.allclose(kernel.values[:, 1], np.asarray(call.layer.cell.kernel)[:, 6 + 2])  # f block, unit 2


def test_go_backwards_step_reads_the_mirrored_input_step():
    call, xray = xray_of(seq_code('layers.GRU(6, use_bias=False, go_backwards=True, return_sequences=True, '
                                  'name="r")'), pick=(1, 2, 5))
    assert np.allclose(xray.grids[0].values[1], call.x[1, T - 1 - 2])
    forward = dataclasses.replace(cell_of(call.layer), go_backwards=False)
    assert np.max(np.abs(run(forward, call.x)[0] - call.y)) > 1e-3  # reading forwards would be caught


@pytest.mark.parametrize("kind, wrong", [("LSTM", ("f", "i", "c", "o")), ("LSTM", ("i", "f", "o", "c")),
                                         ("GRU", ("r", "z", "h")), ("GRU", ("z", "h", "r"))])
def test_a_wrong_gate_order_is_caught(kind, wrong):
    call = call_of(seq_code(f'layers.{kind}(6, return_sequences=True, name="r")'), "r")
    right, _ = run(cell_of(call.layer), call.x)
    permuted, _ = run(cell_of(call.layer, order=wrong), call.x)
    assert np.max(np.abs(right - call.y)) < TOLERANCE
    assert np.max(np.abs(permuted - call.y)) > 1e-3


def test_gru_reset_before_recomputed_as_reset_after_is_caught():
    call = call_of(seq_code('layers.GRU(6, return_sequences=True, reset_after=False, name="r")'), "r")
    cell = cell_of(call.layer)
    wrong = dataclasses.replace(cell, reset_after=True, recurrent_bias=np.zeros_like(cell.bias))
    assert np.max(np.abs(run(wrong, call.x)[0] - call.y)) > 1e-3


def rendered(code, lang: str) -> list[str]:
    return code_text(code, lambda n: t(lang, n.key, **dict(n.params))).splitlines()


def test_the_code_is_the_same_in_both_languages_and_only_its_comments_change():
    _, xray = xray_of(encoder_decoder("LSTM"), "dec", (1, 2, 3))
    en, zh = rendered(xray.code, "en"), rendered(xray.code, "zh")
    assert [line.split("#")[0] for line in en] == [line.split("#")[0] for line in zh]
    assert en[2].startswith("h, c = initial_state ") and en[2].endswith("# (2, 6) each")
    assert zh[2].endswith("# 每个 (2, 6)")
    assert en[6].startswith("    xk = x_t @ K ") and en[6].endswith("# (2, 3) @ (3, 24) → (2, 24)")
    assert en[7].startswith("    z = xk + h @ R + b ") and en[7].endswith("# + (2, 6) @ (6, 24) + (24,) → (2, 24)")
    assert en[8].startswith("    i, f, g, o = np.split(z, 4, axis=-1)") and en[8].endswith("# Keras's order i, f, c, o")
    _, last = xray_of(seq_code('layers.GRU(6, name="r")'))
    en, zh = rendered(last.code, "en"), rendered(last.code, "zh")
    assert en[1].endswith("# (2, 18): an input row and a recurrent row")
    assert zh[1].endswith("# (2, 18)：一行给输入，一行给循环部分")
    assert en[-1].startswith("out = out[:, -1]")
    assert en[-1].endswith(f"# return_sequences=False: the last step only, ({B}, 6)")
    assert zh[-1].endswith(f"# return_sequences=False：只保留最后一步，({B}, 6)")


def encoder_decoder(kind: str, extra: str = "") -> str:
    states = "h, c" if kind == "LSTM" else "h"
    kept = "dec, _, _" if kind == "LSTM" else "dec, _"
    return (f"import keras\nfrom keras import layers\n"
            f"enc_in = keras.Input(shape=(5, 3), batch_size=2)\ndec_in = keras.Input(shape=(4, 3), batch_size=2)\n"
            f"enc_out, {states} = layers.{kind}(6, return_state=True, name=\"enc\")(enc_in)\n"
            f"{kept} = layers.{kind}(6, return_sequences=True, return_state=True{extra}, name=\"dec\")"
            f"(dec_in, initial_state=[{states}])\n"
            f"model = keras.Model([enc_in, dec_in], dec)\n")


@pytest.mark.parametrize("kind, extra", [("LSTM", ""), ("GRU", ", reset_after=False"), ("SimpleRNN", "")])
def test_initial_state_starts_the_recurrence(kind, extra):
    call, xray = xray_of(encoder_decoder(kind, extra), "dec", (1, 2, 3))
    assert len(call.states) == (2 if kind == "LSTM" else 1)
    assert_all_match(xray)
    count = 2 if kind == "LSTM" else 1
    assert [c.size for c in xray.checks] == [2 * 4 * 6] + [2 * 6] * count + [6]
    assert f"xray.{kind.lower()}.note.initial" in [n.key for n in xray.notes]
    from_zeros, _ = run(cell_of(call.layer), call.x)
    assert np.max(np.abs(from_zeros - call.y)) > 1e-3  # the given states matter
    detail = step_detail(cell_of(call.layer), call.x[1], 0, tuple(s[1] for s in call.states))
    assert np.allclose(detail.before[0], call.states[0][1])


def test_memory_bound_recomputes_the_first_samples(monkeypatch):
    code = seq_code('layers.LSTM(6, return_sequences=True, name="r")')
    call = call_of(code, "r", (2, 1, 1))
    per_sample = 8 * (T * (E + 4 * H) + 4 * 4 * H)
    monkeypatch.setattr(live_base, "XRAY_BYTES", per_sample)  # room for one sample
    xray = get_kind("LSTM").xray(call)
    assert_all_match(xray)
    assert [c.size for c in xray.checks] == [T * H, H]  # one sample checked whole; the picked step (sample 2)
    assert xray.notes[0] == live_base.Text.of("xray.lstm.note.samples", n=1, B=B)


def test_an_activation_not_recomputed_skips_the_checks_and_says_so(monkeypatch):
    call = call_of(seq_code('layers.SimpleRNN(6, activation="softsign", name="r")'), "r")
    monkeypatch.delitem(FUNCTIONS, "softsign")
    xray = get_kind("SimpleRNN").xray(call)
    assert xray.checks == () and xray.notes[0] == live_base.Text.of("xray.simplernn.note.activation", act="softsign")


# -- mistakes ----------------------------------------------------------------------------------------------


def test_stacked_rnn_offers_return_sequences():
    code = seq_code('layers.GRU(6, return_sequences=True, name="r")', 'layers.LSTM(4, name="r2")')
    spec, found = mistakes_of(code, "r")
    assert [m.key for m in found] == ["return_sequences"]
    assert broken_failure(spec, found[0]).layer == "r2"
    assert "return_sequences=False" in found[0].code


@pytest.mark.parametrize("code, name", [
    (seq_code('layers.LSTM(6, return_sequences=True, name="r")'), "r"),  # nothing after it
    (seq_code('layers.GRU(6, return_sequences=True, name="r")', 'layers.Flatten(name="f")',
              'layers.Dense(2, name="d")'), "r"),  # Flatten takes (B, H) too
    (seq_code('layers.SimpleRNN(6, name="r")', 'layers.Dense(2, name="d")'), "r"),  # already False
    (seq_code('layers.Bidirectional(layers.LSTM(6, return_sequences=True), name="r")'), "r"),
    (seq_code('layers.Bidirectional(layers.LSTM(6, return_sequences=True), merge_mode=None, name="r")'), "r"),
])
def test_no_mistake_offered_when_it_would_not_break(code, name):
    assert mistakes_of(code, name)[1] == ()


# -- text --------------------------------------------------------------------------------------------------
def test_the_live_words_are_this_familys():  # both languages of every word: tests/test_text.py
    prefixes = ("xray.rnn.", "xray.simplernn.", "xray.lstm.", "xray.gru.", "mistake.return_sequences.",
                "xray.convlstm.",
                "mistake.convlstm_sequences_off.", "mistake.convlstm_sequences_on.")
    assert len(LIVE_WORDS) > 50 and all(k.startswith(prefixes) for k in LIVE_WORDS)


def test_every_text_shown_exists_and_formats_in_both_languages():
    texts = []
    for line, pick, _, _ in RNN_CASES[::3]:
        texts += xray_texts(xray_of(seq_code(line), pick=pick)[1])
    for lang in ("en", "zh"):
        for key, params in texts:
            text = t(lang, key, **dict(params))
            assert "{" not in text and text.strip(), key



# -- ConvLSTM2D and ConvLSTM1D: shapes, weights and fixes (kinds.py) ---------------------------------------------
def clip_model(*layers_, shape=(5, 10, 12, 3)):
    return chain(InputSpec("clip", shape), *layers_)


def test_convlstm_axes_weights_and_formula():
    d = describe(clip_model(layer("c", "ConvLSTM2D", {"filters": 4, "kernel_size": 3, "return_sequences": True,
                                                      "return_state": True})))
    step = d.step("c")
    assert step.input_dims == ("B", "D1", "D2", "D3", "D4")
    assert step.output_shapes == ((None, 5, 8, 10, 4), (None, 8, 10, 4), (None, 8, 10, 4))
    assert step.output_axes == (("B", "D1", "H", "W", "F"), ("B", "H", "W", "F"), ("B", "H", "W", "F"))
    assert [(w.name, w.shape, w.dims) for w in step.weights] == [
        ("kernel", (3, 3, 3, 16), ("3", "3", "D4", "4F")), ("recurrent_kernel", (3, 3, 4, 16), ("3", "3", "F", "4F")),
        ("bias", (16,), ("4F",))]
    assert step.formula.text() == "4 × F × (3 × 3 × D4 + 3 × 3 × F + 1) = 4 × 4 × (3 × 3 × 3 + 3 × 3 × 4 + 1) = 1,024"
    meanings = {a.letter: a.meaning_key for a in d.axes}
    assert (meanings["H"], meanings["W"], meanings["F"]) == (
        "axis.convlstm_height", "axis.convlstm_width", "axis.convlstm_filters")
    same = describe(clip_model(layer("c", "ConvLSTM2D", {"filters": 4, "kernel_size": 3, "padding": "same"})))
    assert same.step("c").output_axes == (("B", "D2", "D3", "F"),)  # "same" keeps the frame's letters
    one = describe(chain(InputSpec("x", (6, 20, 2)), layer("c", "ConvLSTM1D", {"filters": 3, "kernel_size": 4})))
    assert one.step("c").output_shapes == ((None, 17, 3),)
    assert {a.meaning_key for a in one.axes} >= {"axis.convlstm_length", "axis.convlstm_filters"}
    three = describe(chain(InputSpec("x", (4, 6, 7, 8, 1)),
                           layer("c", "ConvLSTM3D", {"filters": 2, "kernel_size": 3, "return_sequences": True})))
    assert three.step("c").output_axes == (("B", "D1", "D", "H", "W", "F"),)
    assert {a.meaning_key for a in three.axes} >= {"axis.convlstm_depth", "axis.convlstm_height"}
    assert one.step("c").formula.text() == "4 × F × (4 × C + 4 × F + 1) = 4 × 3 × (4 × 2 + 4 × 3 + 1) = 252"


def test_convlstm_weights_are_kerass_kernel_recurrent_kernel_bias_with_gates_i_f_c_o():
    lstm = keras.layers.ConvLSTM2D(4, 3)
    lstm.build((None, 5, 10, 12, 3))
    assert [w.path.split("/")[-1] for w in lstm.weights] == ["kernel", "recurrent_kernel", "bias"]
    bias = np.asarray(lstm.cell.bias)  # unit_forget_bias: the second block of F (the forget gate f) starts at 1
    assert np.allclose(bias, np.concatenate([np.zeros(4), np.ones(4), np.zeros(8)]))
    kind = get_kind("ConvLSTM2D")
    assert (kind.gate_names, kind.state_names, kind.states, kind.gates, kind.time_axis) == (
        ("i", "f", "c", "o"), ("h", "c"), 2, 4, 1)
    assert kind.recurrent and not kind.takes_initial_state


def test_convlstm_on_one_image_suggests_a_time_axis():
    failure = failing(BROKEN["convlstm_on_image"]())
    assert "expected ndim=5, found ndim=4" in failure.message
    assert failure.fix.key == "fix.convlstm_no_time" and failure.fix.code == "layers.Reshape((1, 64, 64, 3))"
    fixed = describe(chain(InputSpec("img", (64, 64, 3)), layer("r", "Reshape", {"target_shape": (1, 64, 64, 3)}),
                           layer("clstm", "ConvLSTM2D", {"filters": 8, "kernel_size": 3})))
    assert fixed.ok and fixed.step("clstm").output_shape == (None, 62, 62, 8)
    with pytest.raises(ValueError, match="expected ndim=5, found ndim=4"):
        keras.layers.ConvLSTM2D(8, 3)(keras.Input(shape=(64, 64, 3)))


def test_convlstm_on_a_clip_without_channels_suggests_a_channel_axis():
    failure = failing(BROKEN["convlstm_on_gray_clip"]())
    assert "expected ndim=5, found ndim=4" in failure.message
    assert failure.fix.key == "fix.convlstm_no_channels" and failure.fix.code == "layers.Reshape((-1, 64, 64, 1))"
    fixed = describe(chain(InputSpec("clip", (None, 64, 64)), layer("r", "Reshape", {"target_shape": (-1, 64, 64, 1)}),
                           layer("clstm", "ConvLSTM2D", {"filters": 8, "kernel_size": 3})))
    assert fixed.ok and fixed.step("clstm").output_shape == (None, 62, 62, 8)
    real = keras.layers.ConvLSTM2D(8, 3)(keras.layers.Reshape((-1, 64, 64, 1))(keras.Input(shape=(None, 64, 64))))
    assert tuple(real.shape) == (None, 62, 62, 8)


@pytest.mark.parametrize("shape, words", [
    ((None, None, None, 1), "only support static input shapes for the spatial dimension"),
    ((None, 10, 12, None), "The channel dimension of the inputs (last axis) should be defined"),
])
def test_convlstm_with_unknown_frame_sizes_fails_as_keras_does_when_it_builds(shape, words):
    spec = chain(InputSpec("clip", shape), layer("clstm", "ConvLSTM2D", {"filters": 8, "kernel_size": 3}))
    failure = failing(spec)
    assert words in failure.message and failure.fix.key == "fix.convlstm_unknown_size"
    with pytest.raises(ValueError, match=words.replace("(", r"\(").replace(")", r"\)")):
        keras.layers.ConvLSTM2D(8, 3)(keras.Input(shape=shape))
    assert describe(clip_model(layer("c", "ConvLSTM2D", {"filters": 8, "kernel_size": 3}),
                               shape=(None, 10, 12, 1))).ok  # an unknown number of frames is fine


def test_convlstm_frame_too_small_or_strides_with_dilation():
    short = failing(BROKEN["convlstm_too_short"]())
    assert "zero or negative" in short.message
    assert short.fix.key == "fix.conv_too_short" and short.fix.code == 'layers.ConvLSTM2D(2, 5, padding="same")'
    assert dict(short.fix.params)["axis"] == "D2"
    both = failing(BROKEN["convlstm_stride_dilation"]())
    assert "strides > 1` is not compatible with `dilation_rate > 1" in both.message
    assert both.fix.key == "fix.conv_stride_dilation"


def test_convlstm_returning_sequences_into_a_one_frame_layer_says_return_sequences_false():
    failure = failing(BROKEN["convlstm_sequences_before_pooling"]())
    assert failure.layer == "pool" and "expected ndim=4, found ndim=5" in failure.message
    assert failure.fix.key == "fix.return_sequences_off"
    assert failure.fix.code == "layers.ConvLSTM2D(2, 3, return_sequences=False)"
    # stacked without return_sequences: the generic fix, on the first ConvLSTM2D
    stacked = failing(clip_model(layer("a", "ConvLSTM2D", {"filters": 4, "kernel_size": 3}),
                                 layer("b", "ConvLSTM2D", {"filters": 4, "kernel_size": 3})))
    assert stacked.fix.key == "fix.return_sequences" and dict(stacked.fix.params)["rnn"] == "a"
    # Flatten → Dense takes every step: nothing fails (the head then has T times the weights)
    head = describe(clip_model(layer("a", "ConvLSTM2D", {"filters": 4, "kernel_size": 3, "return_sequences": True}),
                               layer("f", "Flatten"), layer("d", "Dense", {"units": 3})))
    assert head.ok and head.step("d").weights[0].shape == (5 * 8 * 10 * 4, 3)


def test_convlstm_in_wrappers_and_calls():
    bi = failing(clip_model(layer("bi", "Bidirectional", inner=layer("c", "ConvLSTM2D", {"filters": 2,
                                                                                        "kernel_size": 3}))))
    assert "wraps a recurrent layer (LSTM, GRU or SimpleRNN). Received: ConvLSTM2D" in bi.message
    td = describe(clip_model(layer("td", "TimeDistributed", inner=layer("c", "ConvLSTM2D", {"filters": 2,
                                                                                           "kernel_size": 3})),
                             shape=(2, 5, 10, 12, 3)))
    assert td.ok and td.step("td").output_shape == (None, 2, 8, 10, 2)
    real = keras.layers.TimeDistributed(keras.layers.ConvLSTM2D(2, 3))(keras.Input(shape=(2, 5, 10, 12, 3)))
    assert tuple(real.shape) == (None, 2, 8, 10, 2)
    code = ("import keras\nfrom keras import layers\nx = keras.Input(shape=(5, 10, 12, 3))\n"
            "h = keras.Input(shape=(8, 10, 4))\nc = keras.Input(shape=(8, 10, 4))\n"
            "y = layers.ConvLSTM2D(4, 3, name=\"c\")(x, initial_state=[h, c])\nmodel = keras.Model([x, h, c], y)\n")
    read = read_code(code)
    assert read.spec is None and [n.key for n in read.notes if n.severity == "error"] == ["read.call_arg"]


# -- ConvLSTM2D and ConvLSTM1D: the X-ray and its mistakes (xray.py) -----------------------------------------
CLIP = "(5, 7, 6, 2)"  # T, H, W, C
CONVLSTM_CASES = [
    ('layers.ConvLSTM2D(4, 3, return_sequences=True, name="r")', CLIP, (1, 2, 3, 2, 1),
     ["output", "followed"], ["padding"]),
    ('layers.ConvLSTM2D(4, (3, 2), strides=2, padding="same", go_backwards=True, return_state=True, use_bias=False, '
     'name="r")', CLIP, (1, 2, 1, 3), ["output", "state", "state", "followed"],
     ["padding", "last_step", "backwards", "states", "no_bias"]),
    ('layers.ConvLSTM2D(3, 3, dilation_rate=2, return_sequences=True, activation="relu", '
     'recurrent_activation="hard_sigmoid", name="r")', "(4, 9, 8, 1)", (2, 3, 1, 2, 2), ["output", "followed"],
     ["padding"]),
    ('layers.ConvLSTM1D(5, 4, padding="same", return_sequences=True, return_state=True, name="r")', "(6, 11, 3)",
     (2, 5, 10, 4), ["output", "state", "state", "followed"], ["padding", "states"]),
    ('layers.ConvLSTM1D(5, 3, strides=2, name="r")', "(6, 11, 3)", (0, 4, 2), ["output", "followed"],
     ["padding", "last_step"]),
    ('layers.ConvLSTM3D(2, (2, 3, 3), strides=(1, 2, 2), padding="same", return_sequences=True, name="r")',
     "(3, 5, 5, 5, 2)", (1, 2, 3, 1, 2, 1), ["output", "followed"], ["padding"]),
]


def clip_code(*lines: str, shape: str = CLIP) -> str:
    return seq_code(*lines, input_shape=shape)


@pytest.mark.parametrize("line, shape, pick, expected, notes", CONVLSTM_CASES)
def test_convlstm_recomputed_with_convolutions(line, shape, pick, expected, notes):
    call, xray = xray_of(clip_code(line, shape=shape), pick=pick)
    assert_all_match(xray)
    assert [c.what.key.removeprefix("xray.convlstm.check.") for c in xray.checks] == expected
    assert xray.checks[0].size == call.y.size  # the whole batch
    assert [n.key.removeprefix("xray.convlstm.note.") for n in xray.notes] == notes
    assert xray.summary.key == "xray.convlstm.summary" and len(xray.grids) == 4
    for key, params in xray_texts(xray):
        for lang in ("en", "zh"):
            text = t(lang, key, **dict(params))
            assert "{" not in text and text.strip(), key
    for lang in ("en", "zh"):
        assert "{" not in code_text(xray.code, lambda n, lang=lang: t(lang, n.key, **dict(n.params)))


def test_the_convlstm_grids_follow_the_picked_number():
    pick = (1, 2, 3, 2, 1)
    call, xray = xray_of(clip_code(CONVLSTM_CASES[0][0]), pick=pick)
    gates, parts, x_window, h_window = xray.grids
    assert gates.rows == ("i", "f", "c", "o", "c[t]", "h[t]") and gates.cols == tuple(str(s) for s in range(5))
    assert np.allclose(gates.values[5], call.y[1, :, 3, 2, 1], atol=TOLERANCE)  # h at every step is the output
    assert gates.marks == ((5, 2),)
    z = parts.values[:, 3]
    assert parts.cols == ("x∗K", "h∗R", "b", "z") and np.allclose(parts.values[:, :3].sum(axis=1), z)
    sigmoid = FUNCTIONS["sigmoid"]
    assert np.allclose(gates.values[[0, 1, 3], 2], sigmoid(z[[0, 1, 3]])) and np.allclose(gates.values[2, 2],
                                                                                          np.tanh(z[2]))
    c_before = gates.values[4, 1]  # c_t = f·c_(t−1) + i·g at the followed position
    assert np.isclose(gates.values[4, 2], gates.values[1, 2] * c_before + gates.values[0, 2] * gates.values[2, 2])
    assert x_window.rows[0] == "3,2" and np.allclose(x_window.values[0], call.x[1, 2, 3, 2])  # valid: no shift
    assert h_window.rows[0] == "2,1" and np.allclose(h_window.values[0], call.y[1, 1, 2, 1])  # "same": h_(t−1)


def test_convlstm_wrong_gate_order_or_recurrent_padding_is_caught():
    call = call_of(clip_code(CONVLSTM_CASES[0][0]), "r")
    cell = conv_cell_of(call.layer, call.x.shape[2:-1])
    right, _, _ = conv_run(cell, call.x)
    assert np.max(np.abs(right - call.y)) < TOLERANCE

    def permuted(a, order):
        return np.concatenate([np.split(a, 4, axis=-1)[j] for j in order], axis=-1)

    order = (1, 0, 2, 3)  # f, i, c, o
    wrong = dataclasses.replace(cell, kernel=permuted(cell.kernel, order), recurrent=permuted(cell.recurrent, order),
                                bias=permuted(cell.bias, order) + 0.5)
    assert np.max(np.abs(conv_run(wrong, call.x)[0] - call.y)) > 1e-3
    shifted = dataclasses.replace(cell, rgeo=dataclasses.replace(cell.rgeo, pads=((0, 2), (0, 2))))
    assert np.max(np.abs(conv_run(shifted, call.x)[0] - call.y)) > 1e-3


def test_convlstm_memory_bound_recomputes_the_first_samples_and_the_followed_one(monkeypatch):
    call = call_of(clip_code(CONVLSTM_CASES[0][0]), "r", (2, 4, 1, 1, 3))
    monkeypatch.setattr(live_base, "XRAY_BYTES", 8 * (5 * (7 * 6 * 2 + 2 * 5 * 4 * 4) + 24 * 80 + 84))  # 1 sample
    xray = get_kind("ConvLSTM2D").xray(call)
    assert_all_match(xray)
    assert [c.size for c in xray.checks] == [5 * 5 * 4 * 4, 1]
    assert xray.notes[1] == live_base.Text.of("xray.convlstm.note.samples", n=1, B=B)
    assert np.allclose(xray.grids[0].values[5], call.y[2, :, 1, 1, 3], atol=TOLERANCE)  # sample 2, run alone


def test_convlstm_inside_time_distributed_has_its_own_xray():
    code = seq_code('layers.TimeDistributed(layers.ConvLSTM2D(3, 3, return_sequences=True), name="td")',
                    input_shape="(2, 4, 6, 6, 1)")
    call = call_of(code, "td", (1, 1, 2, 3, 3, 2))
    kind = get_kind("TimeDistributed")
    assert kind.inner_xrays(call.spec) == ("conv_lstm2d",)
    inner = kind.inner_xray(call, "conv_lstm2d", "td/conv_lstm2d")
    assert_all_match(inner)
    assert [c.size for c in inner.checks] == [B * 2 * 4 * 4 * 4 * 3, 1]  # B·T₁ clips of T₂ = 4 frames


def test_convlstm_registered(monkeypatch):
    names = ("ConvLSTM1D", "ConvLSTM2D", "ConvLSTM3D")
    called = {k: live_functions(k, monkeypatch) for k in names}
    assert called == {k: ("convlstm_xray", "convlstm_sequences_mistake") for k in names}


def test_convlstm_mistakes_flip_return_sequences_where_it_breaks():
    stacked = clip_code('layers.ConvLSTM2D(4, 3, padding="same", return_sequences=True, name="r")',
                        'layers.ConvLSTM2D(2, 3, name="r2")', 'layers.GlobalAveragePooling2D(name="g")')
    spec, found = mistakes_of(stacked, "r")
    assert [m.key for m in found] == ["convlstm_sequences_off"]
    assert broken_failure(spec, found[0]).layer == "r2" and "return_sequences=False" in found[0].code
    assert dict(found[0].params)["last"] == f"({B}, 7, 6, 4)"
    spec, found = mistakes_of(stacked, "r2")
    assert [m.key for m in found] == ["convlstm_sequences_on"]
    assert broken_failure(spec, found[0]).fix.key == "fix.return_sequences_off"
    assert dict(found[0].params)["seq"] == f"({B}, 5, 5, 4, 2)"
    head = clip_code('layers.ConvLSTM2D(4, 3, name="r")', 'layers.Flatten(name="f")', 'layers.Dense(2, name="d")')
    assert mistakes_of(head, "r")[1] == ()  # Flatten takes every step too: nothing breaks


# -- X-ray self-consistency (tests/xray_consistency.py): the state grid shows the followed h[t][unit] ---------
def _state(p):
    return "h[t]", p[-1]


XRAY_CASES = [
    XRayCase("lstm-sequences", seq_code('layers.LSTM(6, return_sequences=True, name="r")'), "r", (1, 2, 3),
             output=2, where=_state),
    XRayCase("gru-last-step", seq_code('layers.GRU(6, name="r")'), "r", (1, 3), output=2, where=_state),
    XRayCase("simplernn-sequences", seq_code('layers.SimpleRNN(6, return_sequences=True, name="r")'), "r",
             (2, 6, 5), output=2, where=_state),
    XRayCase("convlstm2d-sequences", clip_code(CONVLSTM_CASES[0][0]), "r", (1, 2, 3, 2, 1), output=0,
             where=lambda p: ("h[t]", p[1])),
    XRayCase("convlstm3d-sequences", clip_code(CONVLSTM_CASES[5][0], shape="(3, 5, 5, 5, 2)"), "r",
             (1, 2, 3, 1, 2, 1), output=0, where=lambda p: ("h[t]", p[1])),
    XRayCase("convlstm1d-last-step", clip_code(CONVLSTM_CASES[4][0], shape="(6, 11, 3)"), "r", (0, 4, 2), output=0,
             where=lambda p: ("h[t]", 5)),
]


@pytest.mark.parametrize("case", XRAY_CASES, ids=cases_ids(XRAY_CASES))
def test_xray_agrees_with_itself(case):
    check_xray(case)
