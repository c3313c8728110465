"""The recurrent kinds and the wrappers inside whole models: the question's tagger described without
weights, its failures with Keras's own words and our fixes, and checks against real Keras builds."""
import string

import keras
import numpy as np
import pytest

from explorer.i18n import catalog
from explorer.layers import get_kind
from explorer.reader.validate import check_args
from explorer.shapes import construct, describe, describe_one, layer_code
from explorer.spec import InputSpec, LayerSpec, ModelSpec
from layer_words import family_words, in_language

WORDS_EN = in_language(family_words("recurrent", "wrappers", prefixes=("axis.", "fix.")), "en")

GENERIC_FIXES = {"fix.return_sequences", "fix.reshape_add_axis", "fix.flatten", "fix.merge_mode", "fix.return_state",
                 "fix.fixed_length", "fix.dense_unknown_features"}


def layer(name, kind, args=None, inner=None, sources=None, src=None):
    """A layer fed by `src` (all its outputs, as Sequential passes them)."""
    return LayerSpec(name, kind, tuple(sorted((args or {}).items())), ((src, None),) if src else (),
                     inner=inner, sources=tuple(sorted((sources or {}).items())))


def chain(inp: InputSpec, *layers: LayerSpec, batch=None) -> ModelSpec:
    """A Sequential model: each layer takes everything the one before gives."""
    linked, prev = [], inp.name
    for spec in layers:
        linked.append(LayerSpec(spec.name, spec.kind, spec.args, ((prev, None),), spec.inner, sources=spec.sources))
        prev = spec.name
    return ModelSpec((inp,), tuple(linked), ((prev, None),), style="sequential", batch_size=batch)


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


def failing(spec: ModelSpec):
    d = describe(spec)
    assert d.failure is not None
    return d.failure


def td(name, inner):
    return layer(name, "TimeDistributed", inner=inner)


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
        assert fix.key in mine | GENERIC_FIXES
        assert fix.key in en and fix.key in zh
        given = set(dict(fix.params)) | ({"code"} if fix.code else set())
        assert fields(en[fix.key]) <= given, fix.key
    assert fields(en["axis.bidirectional"]) <= {"layer", "arg", "source"}
