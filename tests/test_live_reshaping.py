"""Live X-rays and mistakes of the reshaping, merging, elementwise and attention kinds, on real built models."""
from __future__ import annotations

import dataclasses
import re

import numpy as np
import pytest

from explorer.i18n import t
from explorer.layers import get_kind
from explorer.live import base as live_base
from explorer.live.base import TOLERANCE
from explorer.live.trace import run_trace
from explorer.live.xrays import layer_call
from explorer.reader.code import read_code
from explorer.shapes import describe
from layer_words import family_words, in_language
from live_models import call_of, sequential, traced

LIVE_WORDS = family_words("attention", "elementwise", "merging", "reshaping", prefixes=("xray.", "mistake."))
LIVE_EN, LIVE_ZH = in_language(LIVE_WORDS, "en"), in_language(LIVE_WORDS, "zh")


def floats(*lines: str, shape: str) -> str:
    return sequential(*lines, input_shape=shape, dtype="float32")


def functional(inputs: dict[str, str], body: str, outputs: str, batch: int = 2) -> str:
    head = "".join(f'{name} = keras.Input(shape={shape}, batch_size={batch}, name="{name}")\n'
                   for name, shape in inputs.items())
    return (f"import keras\nfrom keras import layers\n\n{head}{body}\n"
            f"model = keras.Model([{', '.join(inputs)}], {outputs})\n")


def xray(call):
    result = get_kind(call.spec.kind).xray(call)
    assert result is not None and result.checks, result
    assert all(check.ok for check in result.checks), [(c.what, c.diff) for c in result.checks]
    assert result.largest_diff < TOLERANCE
    return result


def note(result, key: str) -> dict[str, str]:
    found = [dict(n.params) for n in result.notes if n.key == key]
    assert found, [n.key for n in result.notes]
    return found[0]


def texts(result):
    yield result.summary
    yield from (c.what for c in result.checks)
    yield from (g.title for g in result.grids)
    yield from result.notes
    if not isinstance(result.code, str):  # a plain str has no notes
        yield from (line.note for line in result.code if isinstance(line.note, live_base.Text))


def code_lines(code, lang: str) -> list[str]:
    return live_base.code_text(code, lambda n: t(lang, n.key, **dict(n.params))).splitlines()


# -- reshaping -----------------------------------------------------------------------------------
def test_flatten_maps_an_output_index_to_its_input_element_row_major():
    call = call_of(floats('layers.Flatten(name="flat")', shape="(4, 5, 3)"), "flat", (1, 40))
    result = xray(call)
    where = note(result, "xray.flatten.where")
    # 40 = 2·(5·3) + 3·3 + 1, by hand
    assert where["src"] == "[1, 2, 3, 1]" and where["arithmetic"] == "2·15 + 3·3 + 1 = 40"
    assert call.y[1, 40] == call.x[1, 2, 3, 1]
    assert result.grids[0].values[result.grids[0].marks[0]] == pytest.approx(call.x[1, 2, 3, 1])


def test_flatten_channels_first_moves_the_channels_last_first():
    call = call_of(floats('layers.Flatten(data_format="channels_first", name="flat")', shape="(4, 5, 3)"),
                   "flat", (0, 40))
    where = note(xray(call), "xray.flatten.where")
    # x moved to (5, 3, 4): 40 = 3·12 + 1·4 + 0 -> x[0, channel 0, 3, 1]
    assert where["src"] == "[0, 0, 3, 1]"
    assert call.y[0, 40] == call.x[0, 0, 3, 1]


def test_reshape_with_minus_one_infers_the_size_and_finds_the_source():
    call = call_of(floats('layers.Reshape((-1, 4), name="rs")', shape="(5, 8)"), "rs", (2, 7, 3))
    result = xray(call)
    assert note(result, "xray.reshape.inferred")["size"] == "10"
    where = note(result, "xray.reshape.where")
    # out[2, 7, 3]: 7·4 + 3 = 31 = 3·8 + 7 -> x[2, 3, 7]
    assert (where["out_arithmetic"], where["in_arithmetic"]) == ("7·4 + 3 = 31", "3·8 + 7 = 31")
    assert where["src"] == "[2, 3, 7]"
    assert call.y[2, 7, 3] == call.x[2, 3, 7]


@pytest.mark.parametrize("dims, shape, pick, src", [
    ("(2, 1)", "(5, 8)", (2, 7, 3), (2, 3, 7)),
    ("(3, 1, 2)", "(4, 5, 6)", (2, 5, 3, 4), (2, 3, 4, 5)),  # out axes (C, H, W): x[b, h, w, c]
])
def test_permute_moves_each_index_to_its_axis(dims, shape, pick, src):
    call = call_of(floats(f'layers.Permute({dims}, name="perm")', shape=shape), "perm", pick)
    assert note(xray(call), "xray.permute.where")["src"] == "[" + ", ".join(map(str, src)) + "]"
    assert call.y[pick] == call.x[src]


def test_repeatvector_copies_the_vector_to_every_row():
    call = call_of(floats('layers.RepeatVector(4, name="rep")', shape="(6,)"), "rep", (2, 3, 5))
    result = xray(call)
    assert note(result, "xray.repeatvector.where")["src"] == "[2, 5]"
    copies = result.grids[1]
    column = [copies.values[r, c] for r, c in copies.marks]
    assert len(column) == 4 and np.allclose(column, call.x[2, 5])


# -- merging -------------------------------------------------------------------------------------
@pytest.mark.parametrize("axis, shapes, pick, source, src", [
    (-1, ("(3, 4)", "(3, 5)"), (1, 2, 6), "b", "[1, 2, 2]"),  # 6 − 4 = 2 in b
    (1, ("(3, 4)", "(5, 4)"), (1, 6, 2), "b", "[1, 3, 2]"),  # 6 − 3 = 3 in b
    (1, ("(3, 4)", "(5, 4)"), (0, 2, 1), "a", "[0, 2, 1]"),
])
def test_concatenate_slices_and_source(axis, shapes, pick, source, src):
    code = functional({"a": shapes[0], "b": shapes[1]}, f'c = layers.Concatenate(axis={axis}, name="cat")([a, b])', "c")
    call = call_of(code, "cat", pick)
    result = xray(call)
    assert [c.what.key for c in result.checks].count("xray.concatenate.check_slice") == 2
    where = note(result, "xray.concatenate.where")
    assert (where["input"], where["src"]) == (source, src)
    inputs = dict(zip("ab", call.inputs))
    assert call.y[pick] == inputs[source][tuple(int(i) for i in re.findall(r"\d+", src))]
    parts = ["out[:, :, 0:4]", "out[:, :, 4:9]"] if axis == -1 else ["out[:, 0:3]", "out[:, 3:8]"]
    assert [line.split("# ")[-1] for line in code_lines(result.code, "en")[1:]] == [f"{parts[0]} is a",
                                                                                  f"{parts[1]} is b"]
    assert [line.split("# ")[-1] for line in code_lines(result.code, "zh")[1:]] == [f"{parts[0]} 来自 a",
                                                                                  f"{parts[1]} 来自 b"]


@pytest.mark.parametrize("op, combine", [
    ("Add", lambda a, b, d: a + b + d),
    ("Multiply", lambda a, b, d: a * b * d),
    ("Average", lambda a, b, d: (a + b + d) / 3),
])
def test_merge_recomputes_with_keras_broadcasting(op, combine):
    code = functional({"a": "(3, 4)", "b": "(1, 4)", "d": "(4,)"}, f'm = layers.{op}(name="merge")([a, b, d])', "m")
    call = call_of(code, "merge", (1, 2, 3))
    result = xray(call)
    a, b, d = call.inputs
    # (B, 4) gets its new axis at position 1, (B, 1, 4) stretches along it
    assert combine(float(a[1, 2, 3]), float(b[1, 0, 3]), float(d[1, 3])) == pytest.approx(float(call.y[1, 2, 3]),
                                                                                            abs=1e-6)
    assert re.split(" [+×] ", note(result, "xray.merge.where")["inputs"]) == ["a[1, 2, 3]", "b[1, 0, 3]", "d[1, 0, 3]"]
    assert note(result, "xray.merge.broadcast")["inputs"] == "b, d"


# -- elementwise ---------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["relu", "softmax", "gelu"])
def test_activation_matches_keras(name):
    call = call_of(floats('layers.Dense(8, name="dense")', f'layers.Activation("{name}", name="act")', shape="(5, 6)"),
                   "act", (1, 2, 3))
    result = xray(call)
    if name == "softmax":
        assert np.allclose(call.y.sum(axis=-1), 1.0, atol=1e-6)
    if name == "relu":
        assert float(note(result, "xray.activation.where")["value"]) == pytest.approx(max(float(call.x[1, 2, 3]), 0),
                                                                                       abs=1e-3)


def test_an_unknown_activation_is_not_checked():
    call = call_of(floats('layers.Activation("relu", name="act")', shape="(5, 6)"), "act")
    spec = dataclasses.replace(call.spec, args=(("activation", "made_up"),))
    result = get_kind("Activation").xray(dataclasses.replace(call, spec=spec))
    assert result.checks == () and result.notes[0].key == "xray.activation.unchecked"


@pytest.mark.parametrize("cls", ["Dropout", "SpatialDropout1D"])
def test_dropout_is_the_identity_at_inference(cls):
    call = call_of(floats(f'layers.{cls}(0.5, name="drop")', shape="(5, 6)"), "drop", (1, 1, 1))
    result = xray(call)
    assert result.checks[0].diff == 0.0
    assert any(n.key.startswith("xray.dropout.training") and dict(n.params)["scale"] == "2" for n in result.notes)


def test_batchnorm_uses_the_moving_statistics():
    code = floats('layers.BatchNormalization(epsilon=0.01, name="bn_stats")', shape="(5, 4)")
    spec, desc, model, _ = traced(code)
    layer = model.get_layer("bn_stats")
    layer.moving_mean.assign(np.array([0.5, -1.0, 2.0, 0.0], dtype=np.float32))
    layer.moving_variance.assign(np.array([4.0, 0.25, 1.0, 9.0], dtype=np.float32))
    layer.gamma.assign(np.array([1.5, 0.5, -2.0, 1.0], dtype=np.float32))
    layer.beta.assign(np.array([0.1, 0.2, 0.3, -0.4], dtype=np.float32))
    call = layer_call(model, spec, desc, run_trace(model, spec, desc), "bn_stats", (1, 2, 2))
    result = xray(call)
    x = float(call.x[1, 2, 2])
    assert float(call.y[1, 2, 2]) == pytest.approx(-2.0 * (x - 2.0) / np.sqrt(1.0 + 0.01) + 0.3, abs=1e-5)
    assert note(result, "xray.batchnorm.where")["mean"] == "2"


def test_batchnorm_without_center_and_scale():
    call = call_of(floats('layers.BatchNormalization(axis=1, center=False, scale=False, name="bn_plain")',
                          shape="(5, 4)"), "bn_plain", (0, 3, 1))
    assert note(xray(call), "xray.batchnorm.off")["weights"] == "gamma, beta"


def test_layernorm_normalizes_each_sample():
    call = call_of(floats('layers.Dense(6, name="dense")', 'layers.LayerNormalization(name="ln")', shape="(5, 4)"),
                   "ln", (2, 1, 3))
    result = xray(call)
    row = call.x[2, 1].astype(np.float64)
    assert float(note(result, "xray.layernorm.where")["mean"].strip("()")) == pytest.approx(row.mean(), abs=1e-3)
    assert call.y[2, 1].mean() == pytest.approx(0.0, abs=1e-5)


def test_self_attention_recomputed_head_by_head():
    code = functional({"x": "(5, 6)"}, 'att = layers.MultiHeadAttention(num_heads=2, key_dim=4, name="mha")(x, x)',
                      "att")
    call = call_of(code, "mha", (1, 3, 2))
    result = xray(call)
    assert result.summary.key == "xray.attention.summary_self"
    assert [c.what.key for c in result.checks] == ["xray.attention.check", "xray.attention.check_weights",
                                                   "xray.attention.check_sums"]
    head = result.grids[0]
    weights = [head.values[r, c] for r, c in head.marks]
    assert len(weights) == 5 and sum(weights) == pytest.approx(1.0, abs=1e-6)


def test_attention_on_fewer_samples_keeps_the_followed_one(monkeypatch):
    code = functional({"x": "(5, 6)"}, 'att = layers.MultiHeadAttention(num_heads=2, key_dim=4, name="mha")(x, x)',
                      "att")
    call = call_of(code, "mha", (1, 3, 2))
    monkeypatch.setattr(live_base, "XRAY_BYTES", 8 * 500)  # room for one sample
    result = xray(call)
    assert note(result, "xray.attention.bounded") == {"n": "1", "batch": "2", "b": "1"}
    assert result.checks[0].size == call.y[1].size


def test_a_wrong_output_fails_the_check():
    call = call_of(floats('layers.Reshape((-1, 4), name="rs")', shape="(5, 8)"), "rs", (2, 7, 3))
    wrong = dataclasses.replace(call, outputs=(call.y + 1e-3,))
    result = get_kind("Reshape").xray(wrong)
    assert not any(c.ok for c in result.checks)


def test_a_big_batch_is_recomputed_on_fewer_samples(monkeypatch):
    call = call_of(floats('layers.LayerNormalization(name="ln")', shape="(5, 4)"), "ln", (2, 1, 3))
    monkeypatch.setattr(live_base, "XRAY_BYTES", 8 * 6 * 20)  # one sample's copies
    result = xray(call)
    assert dict(result.notes[0].params) == {"n": "1", "batch": "3"}


# -- mistakes ------------------------------------------------------------------------------------
def mistakes(code: str, name: str):
    spec = read_code(code).spec
    layer = spec.layer(name)
    found = get_kind(layer.kind).mistakes(spec, layer, describe(spec).step(name))
    for mistake in found:
        if mistake.broken is not None:
            layers = tuple(mistake.broken if l.name == name else l for l in spec.layers)
            assert describe(dataclasses.replace(spec, layers=layers)).failure is not None
    return found


def test_reshape_count_offered_when_the_count_is_fixed():
    found = mistakes(floats('layers.Reshape((-1, 4), name="rs")', 'layers.Dense(3, name="dense")', shape="(5, 8)"),
                     "rs")
    assert [m.key for m in found] == ["reshape_count"]
    assert dict(found[0].params)["broken"] == "(11, 4)" and found[0].broken.arg("target_shape") == (11, 4)
    # an unknown length: Keras cannot check the count, nothing breaks
    assert mistakes(floats('layers.Reshape((-1, 4), name="rs")', shape="(None, 8)"), "rs") == ()


def test_concat_axis_offered_only_when_the_other_axes_differ():
    differ = functional({"a": "(3, 4)", "b": "(3, 5)"}, 'c = layers.Concatenate(name="cat")([a, b])', "c")
    found = mistakes(differ, "cat")
    assert [m.key for m in found] == ["concat_axis"] and found[0].broken.arg("axis") == -2
    same = functional({"a": "(3, 4)", "b": "(3, 4)"}, 'c = layers.Concatenate(name="cat")([a, b])', "c")
    assert mistakes(same, "cat") == ()


def test_no_flatten_offered_only_when_a_later_layer_fails():
    fails = floats('layers.Flatten(name="flat")', 'layers.Dense(6, name="dense")', 'layers.RepeatVector(3, name="rep")',
                   shape="(4, 5, 3)")
    found = mistakes(fails, "flat")
    assert [m.key for m in found] == ["no_flatten"] and dict(found[0].params)["failing"] == "rep"
    assert code_lines(found[0].code, "en") == ['# layers.Flatten()      # ← left out',
                                              'layers.RepeatVector(3)  # receives (3, 4, 5, 6)']
    assert code_lines(found[0].code, "zh")[1].endswith("# 收到 (3, 4, 5, 6)")
    with pytest.raises(ValueError, match="expected ndim=2, found ndim=4"):
        found[0].run()
    # Dense alone takes any rank: leaving Flatten out changes the shapes but breaks nothing
    assert mistakes(floats('layers.Flatten(name="flat")', 'layers.Dense(6, name="dense")', shape="(4, 5, 3)"),
                    "flat") == ()


# -- texts ---------------------------------------------------------------------------------------
def test_catalog_parity():
    assert LIVE_EN.keys() == LIVE_ZH.keys()
    fields = lambda text: sorted(re.findall(r"{(\w+)}", text))  # noqa: E731
    assert all(fields(LIVE_EN[k]) == fields(LIVE_ZH[k]) for k in LIVE_EN), \
        [k for k in LIVE_EN if fields(LIVE_EN[k]) != fields(LIVE_ZH[k])]


def test_every_text_of_the_xrays_formats_in_both_languages():
    calls = [
        call_of(floats('layers.Flatten(name="flat")', shape="(4, 5, 3)"), "flat", (1, 40)),
        call_of(floats('layers.Reshape((-1, 4), name="rs")', shape="(5, 8)"), "rs"),
        call_of(floats('layers.Permute((2, 1), name="perm")', shape="(5, 8)"), "perm"),
        call_of(floats('layers.RepeatVector(4, name="rep")', shape="(6,)"), "rep"),
        call_of(functional({"a": "(3, 4)", "b": "(3, 5)"}, 'c = layers.Concatenate(name="cat")([a, b])', "c"), "cat"),
        call_of(functional({"a": "(3, 4)", "b": "(1, 4)", "d": "(4,)"}, 'm = layers.Add(name="merge")([a, b, d])',
                           "m"), "merge"),
        call_of(floats('layers.Activation("softmax", name="act")', shape="(5, 6)"), "act"),
        call_of(floats('layers.SpatialDropout1D(0.5, name="drop")', shape="(5, 6)"), "drop"),
        call_of(floats('layers.BatchNormalization(axis=1, center=False, scale=False, name="bn_plain")',
                       shape="(5, 4)"), "bn_plain"),
        call_of(floats('layers.LayerNormalization(name="ln")', shape="(5, 4)"), "ln"),
        call_of(functional({"x": "(5, 6)"}, 'att = layers.MultiHeadAttention(num_heads=2, key_dim=4, '
                           'name="mha")(x, x)', "att"), "mha"),
    ]
    for call in calls:
        for text in texts(get_kind(call.spec.kind).xray(call)):
            for lang in ("en", "zh"):
                assert "{" not in t(lang, text.key, **dict(text.params)), text.key
