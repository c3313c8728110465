"""The live X-rays of SimpleRNN, LSTM, GRU, Bidirectional and TimeDistributed, and their two mistakes,
on small real models: every check compares every element it claims with the layer's own output."""
import dataclasses
import string

import keras
import numpy as np
import pytest

import explorer.live.base as live_base
from explorer.i18n import t
from explorer.layers import get_kind
from explorer.live.activations import FUNCTIONS
from explorer.live.base import TOLERANCE, code_text
from explorer.layers.recurrent.xray import cell_of, run, step_detail
from explorer.layers.wrappers.xray import TD_MAX_STEPS
from explorer.reader.code import read_code
from explorer.shapes import describe
from layer_words import family_words, in_language
from live_models import call_of, live_functions, sequential

LIVE_WORDS = family_words("recurrent", "wrappers", prefixes=("xray.", "mistake."))

B, T, E, H = 3, 7, 5, 6


def seq_code(*lines: str, input_shape: str = f"({T}, {E})") -> str:
    return sequential(*lines, input_shape=input_shape, dtype="float32", batch=B)


def xray_of(code: str, name: str = "r", pick: tuple = ()):
    call = call_of(code, name, pick)
    return call, get_kind(call.spec.kind).xray(call)


def assert_all_match(xray):
    assert xray.checks, "no check was made"
    assert all(c.diff < TOLERANCE for c in xray.checks), [(c.what.key, c.diff) for c in xray.checks]


def test_registered(monkeypatch):
    called = {k: live_functions(k, monkeypatch) for k in ("SimpleRNN", "LSTM", "GRU", "Bidirectional", "TimeDistributed")}
    assert {k: fns[0] for k, fns in called.items()} == {
        "SimpleRNN": "rnn_xray", "LSTM": "rnn_xray", "GRU": "rnn_xray", "Bidirectional": "bidirectional_xray",
        "TimeDistributed": "timedistributed_xray"}
    assert {k: fns[1] for k, fns in called.items() if len(fns) > 1} == {
        "SimpleRNN": "return_sequences_mistake", "LSTM": "return_sequences_mistake",
        "GRU": "return_sequences_mistake", "Bidirectional": "bidirectional_mistakes"}


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
    assert en[7].startswith("    i, f, g, o = np.split(z, 4, axis=-1)") and en[7].endswith("# Keras's order i, f, c, o")
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
                                              would=steps * inner.count_params(), inner=call.spec.inner.kind)


def test_timedistributed_runs_at_most_64_slices_and_says_so():
    call, xray = xray_of(seq_code('layers.TimeDistributed(layers.Dense(2), name="r")', input_shape="(70, 3)"))
    assert_all_match(xray)
    assert xray.checks[0].size == B * TD_MAX_STEPS * 2 and TD_MAX_STEPS == 64
    assert live_base.Text.of("xray.timedistributed.note.steps", steps=64, T=70) in xray.notes


# -- mistakes ----------------------------------------------------------------------------------------------
TAGGER = sequential('layers.Embedding(100, 8, name="emb")',
                    'layers.Bidirectional(layers.LSTM(6, return_sequences=True), name="bi")',
                    'layers.Dense(10, name="dense")',
                    'layers.TimeDistributed(layers.Dense(3), name="head")', input_shape="(7,)")


def mistakes_of(code: str, name: str):
    spec = read_code(code).spec
    layer = spec.layer(name)
    return spec, get_kind(layer.kind).mistakes(spec, layer, describe(spec).step(name))


def broken_failure(spec, mistake):
    swapped = dataclasses.replace(spec, layers=tuple(mistake.broken if l.name == mistake.layer else l
                                                     for l in spec.layers))
    return describe(swapped).failure


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
def test_catalog_has_the_same_keys_and_placeholders_in_both_languages():
    fields = lambda s: {f for _, f, _, _ in string.Formatter().parse(s) if f}
    en, zh = in_language(LIVE_WORDS, "en"), in_language(LIVE_WORDS, "zh")
    assert set(en) == set(zh) and len(en) > 70
    assert {k: fields(v) for k, v in en.items()} == {k: fields(v) for k, v in zh.items()}
    prefixes = ("xray.simplernn.", "xray.lstm.", "xray.gru.", "xray.bidirectional.", "xray.timedistributed.",
                "mistake.return_sequences.", "mistake.merge_none.")
    assert all(k.startswith(prefixes) for k in en)


def test_every_text_shown_exists_and_formats_in_both_languages():
    texts = []
    for line, pick, _, _ in RNN_CASES[::3]:
        texts += xray_texts(xray_of(seq_code(line), pick=pick)[1])
    for line, pick, _ in BI_CASES:
        texts += xray_texts(xray_of(seq_code(line), pick=pick)[1])
    texts += xray_texts(xray_of(seq_code('layers.TimeDistributed(layers.Dense(2), name="r")',
                                         input_shape="(70, 3)"))[1])
    for m in mistakes_of(TAGGER, "bi")[1]:
        texts += [(f"mistake.{m.key}.title", m.params), (f"mistake.{m.key}.why", m.params)]
    for lang in ("en", "zh"):
        for key, params in texts:
            text = t(lang, key, **dict(params))
            assert "{" not in text and text.strip(), key


def xray_texts(xray):
    return ([(xray.summary.key, xray.summary.params)] + [(c.what.key, c.what.params) for c in xray.checks]
            + [(g.title.key, g.title.params) for g in xray.grids] + [(n.key, n.params) for n in xray.notes])
