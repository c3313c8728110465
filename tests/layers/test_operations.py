"""The tests of the operations on tensors (explorer/layers/operations/): shapes and errors against keras.ops on
KerasTensors, models with operations in the middle that build, run and trace, axis letters, words, and the X-ray
of every operation on a real built model (ModelSpecs built by hand: the reader maps the calls onto these kinds)."""
from __future__ import annotations

import keras
import numpy as np
import pytest

from explorer.build import build
from explorer.i18n import t
from explorer.layers import REGISTRY, get_kind, layer_code
from explorer.live.trace import run_trace
from explorer.shapes import describe, describe_one
from explorer.spec import InputSpec, LayerSpec, ModelSpec
from family_checks import layer, texts, xray
from layer_words import family_words
from live_models import call_of
from xray_consistency import XRayCase, cases_ids, check_xray

OPS = sorted(name for name in REGISTRY if name.startswith("ops."))
LAST = (("slice", None, None, None), ("index", -1))
CAFFE = (-103.939, -116.779, -123.68)  # minus the ImageNet mean of each channel, in BGR order


def op(name, kind, inputs, **args):
    return LayerSpec(name, kind, tuple(sorted(args.items())), tuple((i, 0) for i in inputs))


# -- models with operations in the middle -------------------------------------------------------------------
SCALED = ModelSpec((InputSpec("x", (8,)),), (
    layer("dense", "Dense", ["x"], units=6),
    op("true_divide", "ops.true_divide", ["dense"], scalar=2.0),
    op("reshape", "ops.reshape", ["true_divide"], newshape=(-1, 2, 3)),
    layer("head", "Dense", ["reshape"], units=4),
), (("head", 0),), batch_size=3)

POSITIONS = ModelSpec((InputSpec("ids", (10,), "int32"),), (
    layer("tok", "Embedding", ["ids"], input_dim=100, output_dim=8),
    op("positions", "ops.arange", ["ids"], start=0, stop=10),
    layer("pos_emb", "Embedding", ["positions"], input_dim=10, output_dim=8),
    op("add", "ops.add", ["tok", "pos_emb"]),
    layer("head", "Dense", ["add"], units=3),
), (("head", 0),), batch_size=2)


def _channel(i):
    return (("ellipsis",), ("index", i))


# keras.applications.vgg16.preprocess_input (caffe mode) as Keras 3.15 records it on a symbolic image
CAFFE_MODEL = ModelSpec((InputSpec("image", (32, 32, 3)),), (
    op("blue", "ops.get_item", ["image"], key=_channel(2)),
    op("green", "ops.get_item", ["image"], key=_channel(1)),
    op("red", "ops.get_item", ["image"], key=_channel(0)),
    op("bgr", "ops.stack", ["blue", "green", "red"], axis=-1),
    op("centered", "ops.add", ["bgr"], constant=CAFFE),
), (("centered", 0),), batch_size=2)

# keras.applications.densenet.preprocess_input (torch mode)
TORCH_MODEL = ModelSpec((InputSpec("image", (32, 32, 3)),), (
    op("scaled", "ops.true_divide", ["image"], scalar=255.0),
    op("centered", "ops.add", ["scaled"], constant=(-0.485, -0.456, -0.406)),
    op("normalized", "ops.true_divide", ["centered"], constant=(0.229, 0.224, 0.225)),
), (("normalized", 0),), batch_size=2)


def _traced(spec):
    desc = describe(spec)
    assert desc.ok, desc.failure
    built = build(spec, desc)
    assert built.model is not None, built.failure
    return desc, built.model, run_trace(built.model, spec, desc)


def test_scaled_and_reshaped_dense_builds_runs_and_traces():
    desc, model, trace = _traced(SCALED)
    assert [s.output_shapes[0] for s in desc.steps] == [(3, 8), (3, 6), (3, 6), (3, 2, 3), (3, 2, 4)]
    assert model.count_params() == 8 * 6 + 6 + 3 * 4 + 4 and not model.get_layer("true_divide").weights
    dense, divided, reshaped = (trace.outputs(n)[0] for n in ("dense", "true_divide", "reshape"))
    np.testing.assert_allclose(divided, dense / 2.0, rtol=1e-6)
    np.testing.assert_array_equal(reshaped, divided.reshape(3, 2, 3))
    assert [s.params for s in desc.steps[1:]] == [54, 0, 0, 16]


def test_position_embedding_added_to_tokens_builds_runs_and_traces():
    desc, _, trace = _traced(POSITIONS)
    shapes = {s.name: s.output_shapes[0] for s in desc.steps}
    assert shapes == {"ids": (2, 10), "tok": (2, 10, 8), "positions": (10,), "pos_emb": (10, 8),
                      "add": (2, 10, 8), "head": (2, 10, 3)}
    np.testing.assert_array_equal(trace.outputs("positions")[0], np.arange(10))
    np.testing.assert_allclose(trace.outputs("add")[0], trace.outputs("tok")[0] + trace.outputs("pos_emb")[0][None],
                               rtol=1e-6)
    letters = {s.name: s.output_axes[0] for s in desc.steps}
    assert letters["add"] == letters["tok"] and letters["positions"] == letters["pos_emb"][:1]
    positions = next(a for a in desc.axes if a.letter == letters["positions"][0])
    assert positions.meaning_key == "axis.positions" and positions.size == 10


@pytest.mark.parametrize("spec,last,preprocess", [
    (CAFFE_MODEL, "centered", keras.applications.vgg16.preprocess_input),
    (TORCH_MODEL, "normalized", keras.applications.densenet.preprocess_input),
])
def test_preprocess_input_rebuilt_from_operations_equals_keras(spec, last, preprocess):
    """The operations Keras records for preprocess_input, built by hand: the traced output and the model on
    pixels 0 … 255 both equal Keras's own preprocess_input on the same numbers."""
    desc, model, trace = _traced(spec)
    assert [s.output_shapes[0] for s in desc.steps][-1] == (2, 32, 32, 3) and model.count_params() == 0
    image = trace.outputs("image")[0]
    np.testing.assert_allclose(trace.outputs(last)[0], preprocess(image.copy()), atol=1e-4)
    pixels = np.random.default_rng(1).uniform(0, 255, (2, 32, 32, 3)).astype("float32")
    np.testing.assert_allclose(model(pixels), preprocess(pixels.copy()), atol=1e-4)
    symbolic = keras.Input((32, 32, 3))
    recorded = keras.Model(symbolic, preprocess(symbolic))
    assert [type(o).__name__ for o in recorded.operations[1:]] == [
        "".join(w.title() for w in s.kind[4:].split("_")) for s in spec.layers]  # the same operations, in order
    np.testing.assert_allclose(recorded(pixels), model(pixels), atol=1e-4)


def test_the_exported_caffe_code_runs_and_equals_keras():
    from explorer.export import export_code
    from explorer.spec import ReadResult

    code = export_code(ReadResult(CAFFE_MODEL), describe(CAFFE_MODEL), "en")
    assert "bgr = keras.ops.stack([blue, green, red], axis=-1)" in code
    env = {}
    exec(code.replace('if __name__ == "__main__":', "if False:"), env)  # our own export
    pixels = np.random.default_rng(2).uniform(0, 255, (2, 32, 32, 3)).astype("float32")
    np.testing.assert_allclose(env["model"](pixels), keras.applications.vgg16.preprocess_input(pixels.copy()),
                               atol=1e-4)


def test_the_caffe_axes_keep_their_letters_and_the_stack_makes_a_new_one():
    desc = describe(CAFFE_MODEL)
    letters = {s.name: s.output_axes[0] for s in desc.steps}
    assert letters["blue"] == letters["image"][:3] and letters["centered"] == letters["bgr"]
    assert letters["bgr"][:3] == letters["image"][:3] and letters["bgr"][3] not in letters["image"]
    stacked = next(a for a in desc.axes if a.letter == letters["bgr"][3])
    assert stacked.meaning_key == "axis.op_stacked" and stacked.size == 3


def test_operations_are_marked_as_operations_and_have_no_weights():
    assert all(REGISTRY[name].operation for name in OPS) and len(OPS) == 35
    assert not get_kind("Dense").operation


# -- shapes and Keras's own errors ----------------------------------------------------------------------------
@pytest.mark.parametrize("kind,args,shapes,expected", [
    ("ops.add", {}, ((None, 200, 32), (200, 32)), (None, 200, 32)),
    ("ops.subtract", {"scalar": 2.0, "scalar_first": True}, ((None, 4),), (None, 4)),
    ("ops.transpose", {}, ((None, 2, 6),), (6, 2, None)),
    ("ops.get_item", {"key": LAST}, ((None, 50, 64),), (None, 64)),
    ("ops.squeeze", {}, ((None, 1, 6, 1),), (None, 6)),
    ("ops.concatenate", {}, ((None, 3), (None, 3)), (None, 3)),
    ("ops.matmul", {}, ((None, 5, 8), (8, 3)), (None, 5, 3)),
    ("ops.max", {"axis": None}, ((None, 3),), ()),
    ("ops.random_normal", {"shape": (None, 7)}, ((5, 3),), (5, 7)),
    ("ops.stack", {"axis": -1}, ((None, 32, 32),) * 3, (None, 32, 32, 3)),
    ("ops.stack", {}, ((None, 5), (3, 5)), (2, None, 5)),  # axis 0 by default: before the batch axis
    ("ops.add", {"constant": CAFFE}, ((None, 32, 32, 3),), (None, 32, 32, 3)),
    ("ops.true_divide", {"constant": (0.5,)}, ((None, 4, 6),), (None, 4, 6)),
    ("ops.multiply", {"constant": (1.0, 2.0, 3.0)}, ((None, 4, 1),), (None, 4, 3)),
    ("ops.power", {"constant": (1.0, 2.0), "scalar_first": True}, ((None, 2),), (None, 2)),
])
def test_shapes_are_what_keras_ops_give(kind, args, shapes, expected):
    assert describe_one(kind, args, shapes).out_shapes == (expected,)
    if "constant" in args:  # the same shape as keras.ops on a KerasTensor and the numpy constant
        constant = np.asarray(args["constant"], "float32")
        fn = getattr(keras.ops, kind[4:])
        x = keras.KerasTensor(shapes[0])
        out = fn(constant, x) if args.get("scalar_first") else fn(x, constant)
        assert tuple(out.shape) == expected and out.dtype == "float32"


@pytest.mark.parametrize("kind,args,shapes,keras_words", [
    ("ops.add", {}, ((None, 200, 32), (None, 5, 32)), "Cannot broadcast shape"),
    ("ops.expand_dims", {"axis": 5}, ((None, 6),), "axis 5 is out of bounds"),
    ("ops.squeeze", {"axis": 1}, ((None, 2, 6),), "Cannot squeeze axis 1"),
    ("ops.matmul", {}, ((None, 2, 6), (None, 5, 3)), "Inner dimensions"),
    ("ops.concatenate", {"axis": 1}, ((None, 2, 6), (None, 3, 5)), "must have the same shape except on the `axis`"),
    ("ops.mean", {"axis": 3}, ((None, 2, 6),), "axis 3 is out of bounds"),
    ("ops.reshape", {"newshape": (2, 5, 8)}, ((2, 6, 4),), "The total size of the tensor must be unchanged"),
    ("ops.stack", {}, ((None, 5), (None, 4)), "Every value in `x` must have the same shape"),
    ("ops.stack", {"axis": 3}, ((None, 5), (None, 5)), "axis 3 is out of bounds"),
    ("ops.add", {"constant": CAFFE}, ((None, 32, 32, 4),), "Cannot broadcast shape"),  # 3 numbers, 4 channels
])
def test_bad_input_raises_keras_own_words(kind, args, shapes, keras_words):
    with pytest.raises(ValueError, match=None) as raised:
        describe_one(kind, args, shapes)
    assert keras_words in str(raised.value)
    with pytest.raises(ValueError) as direct:  # the same words from keras.ops itself
        from explorer.layers.operations.layer import apply
        apply(kind, [keras.KerasTensor(s) for s in shapes], args)
    assert str(direct.value) == str(raised.value)


def test_reshape_refuses_what_keras_accepts_symbolically_and_fails_to_run():
    for newshape, words in (((-1, 5, 8), "samples would mix"), ((None, 3, 8), "write -1")):
        with pytest.raises(ValueError, match=words):
            describe_one("ops.reshape", {"newshape": newshape}, ((None, 6, 4),))
    with pytest.raises(Exception, match="requires a multiple of 40"):  # what the run says
        keras.ops.reshape(np.zeros((2, 6, 4), "float32"), (-1, 5, 8))


def test_a_constant_is_refused_beside_a_number_and_on_an_unknown_last_axis():
    with pytest.raises(ValueError, match="not both"):
        describe_one("ops.add", {"constant": CAFFE, "scalar": 1.0}, ((None, 3),))
    with pytest.raises(ValueError, match="whose size is unknown"):
        describe_one("ops.add", {"constant": CAFFE}, ((None, None),))
    assert tuple(keras.ops.add(keras.KerasTensor((None, None)), np.zeros(3, "float32")).shape) == (None, 3)
    assert describe_one("ops.add", {"constant": (2.0,)}, ((None, None),)).out_shapes == ((None, None),)
    with pytest.raises(ValueError, match="1 to 4096"):
        describe_one("ops.add", {"constant": (0.0,) * 4097}, ((None, 4097),))
    assert describe_one("ops.add", {"constant": (0.0,) * 4096}, ((None, 4096),)).out_shapes == ((None, 4096),)


def test_the_reader_rule_of_a_constant_takes_a_tuple_of_finite_numbers():
    from explorer.reader.validate import check_value

    rule = get_kind("ops.add").rule("constant")
    assert check_value(rule, CAFFE) == (True, CAFFE)
    assert check_value(rule, [1, 2.5]) == (True, (1.0, 2.5))
    assert not check_value(rule, (1.0, float("nan")))[0] and not check_value(rule, (1.0, "a"))[0]


def test_a_binary_operation_needs_a_number_or_a_second_tensor_and_fails_in_the_model():
    spec = ModelSpec((InputSpec("x", (4,)),), (op("plus", "ops.add", ["x"]),), (("plus", 0),))
    failure = describe(spec).failure
    assert failure is not None and failure.layer == "plus" and "no number" in failure.message
    three = ModelSpec((InputSpec("x", (4,)),), (op("plus", "ops.add", ["x", "x", "x"]),), (("plus", 0),))
    assert "takes 1 or 2 tensor(s), but it received 3" in describe(three).failure.message


def test_model_failure_at_an_operation_has_keras_words():
    spec = ModelSpec((InputSpec("a", (200, 32)), InputSpec("b", (5, 32))),
                     (op("plus", "ops.add", ["a", "b"]),), (("plus", 0),))
    failure = describe(spec).failure
    assert failure.layer == "plus" and failure.origin == "keras" and "Cannot broadcast shape" in failure.message


# -- axis letters, code, words ---------------------------------------------------------------------------------
def test_letters_follow_the_axes_that_survive():
    def letters(kind, args, *shapes):
        return describe_one(kind, args, shapes).out_axes[0]
    assert letters("ops.transpose", {"axes": (0, 2, 1)}, (None, 5, 3)) == ("B", "D2", "D1")
    assert letters("ops.transpose", {}, (None, 5, 3)) == ("D2", "D1", "B")  # None reverses every axis, the batch too
    assert letters("ops.expand_dims", {"axis": 1}, (None, 5))[0::2] == ("B", "D1")
    assert letters("ops.mean", {"axis": 1}, (None, 5, 3)) == ("B", "D2")
    assert letters("ops.get_item", {"key": LAST}, (None, 5, 3)) == ("B", "D2")
    assert letters("ops.add", {}, (None, 5, 3), (5, 3)) == ("B", "D1", "D2")
    stacked = letters("ops.stack", {"axis": -1}, (None, 5, 3), (None, 5, 3))
    assert stacked[:3] == ("B", "D1", "D2") and stacked[3] not in ("B", "D1", "D2")
    assert letters("ops.add", {"constant": CAFFE}, (None, 5, 3)) == ("B", "D1", "D2")
    assert letters("ops.add", {"constant": CAFFE}, (None, 5, 1))[2] not in ("B", "D1", "D2")
    reshaped = letters("ops.reshape", {"newshape": (-1, 5, 3, 1)}, (None, 5, 3))
    assert reshaped[:3] == ("B", "D1", "D2") and reshaped[3] not in ("B", "D1", "D2")


def test_code_lines_write_the_keras_ops_call():
    assert layer_code(SCALED.layer("true_divide")) == "keras.ops.true_divide(x, 2.0)"
    assert layer_code(SCALED.layer("reshape")) == "keras.ops.reshape(x, (-1, 2, 3))"
    assert layer_code(op("last", "ops.get_item", ["x"], key=LAST)) == "x[:, -1]"
    assert layer_code(POSITIONS.layer("positions")) == "keras.ops.arange(0, 10)"
    assert layer_code(op("back", "ops.subtract", ["x"], scalar=2.0, scalar_first=True)) == \
        "keras.ops.subtract(2.0, x)"
    assert layer_code(CAFFE_MODEL.layer("bgr")) == "keras.ops.stack([x, y], axis=-1)"
    assert layer_code(op("s", "ops.stack", ["x", "y"])) == "keras.ops.stack([x, y])"
    centered = layer_code(CAFFE_MODEL.layer("centered"))
    assert centered == "keras.ops.add(x, keras.ops.convert_to_tensor((-103.939, -116.779, -123.68)))"
    assert layer_code(op("d", "ops.true_divide", ["x"], constant=(2.0,), scalar_first=True)) == \
        "keras.ops.true_divide(keras.ops.convert_to_tensor((2.0,)), x)"


def test_a_constant_code_line_is_valid_keras_and_a_bare_tuple_is_not():
    """keras.ops.add(x, (…)) runs on numbers, and fails on a model's symbolic tensor: the line converts it."""
    x = keras.Input((4, 4, 3))
    with pytest.raises(ValueError, match="Invalid dtype: tuple"):
        keras.ops.add(x, CAFFE)
    code = layer_code(CAFFE_MODEL.layer("centered"))
    model = keras.Model(x, eval(code, {"keras": keras, "x": x}))  # our own code line
    pixels = np.random.default_rng(0).uniform(0, 255, (2, 4, 4, 3)).astype("float32")
    np.testing.assert_allclose(model(pixels), pixels + np.float32(CAFFE), atol=1e-4)


def test_every_operation_has_its_description_and_formula_in_both_languages():
    words = family_words("operations")
    for name in OPS:
        kind = REGISTRY[name]
        for key in (kind.about_key, kind.formula_key):
            assert key.startswith(f"op.{name[4:]}.") and all(words[key]), key


# -- X-rays ------------------------------------------------------------------------------------------------------
def _chain_model():
    """x (4, 6) at a batch of 2 through every operation on one tensor; images (8, 8, 3) for the patches."""
    one = [k for k in OPS if k not in ("ops.matmul", "ops.concatenate", "ops.stack", "ops.log", "ops.sqrt",
                                       "ops.reshape",
                                       "ops.expand_dims", "ops.squeeze", "ops.transpose", "ops.get_item",
                                       "ops.arange", "ops.random_normal", "ops.extract_patches", "ops.cast",
                                       "ops.softmax", "ops.mean", "ops.sum", "ops.max")]
    layers = [op(k[4:], k, ["x"], scalar=1.5) if k in XRAY_BINARY else op(k[4:], k, ["x"]) for k in one]
    layers += [
        op("abs_x", "ops.abs", ["x"]), op("log", "ops.log", ["abs_x"]), op("sqrt", "ops.sqrt", ["abs_x"]),
        op("log_neg", "ops.log", ["x"]),
        op("cast", "ops.cast", ["x"], dtype="int32"), op("softmax", "ops.softmax", ["x"], axis=1),
        op("reshape", "ops.reshape", ["x"], newshape=(-1, 3, 8)), op("expand_dims", "ops.expand_dims", ["x"], axis=2),
        op("squeeze", "ops.squeeze", ["expand_dims"], axis=2), op("transpose", "ops.transpose", ["x"], axes=(0, 2, 1)),
        op("transpose_back", "ops.transpose", ["transpose"], axes=(0, 2, 1)),
        op("get_item", "ops.get_item", ["x"], key=(("slice", None, None, None), ("slice", 1, None, 2))),
        op("concatenate", "ops.concatenate", ["x", "transpose_back"], axis=-1),
        op("matmul", "ops.matmul", ["x", "transpose"]),
        op("stack", "ops.stack", ["x", "transpose_back", "abs_x"], axis=1),
        op("stack_last", "ops.stack", ["x", "abs_x"], axis=-1),
        op("add_constant", "ops.add", ["x"], constant=(0.5, -1.0, 2.0, -3.0, 4.0, -5.5)),
        op("divide_constant_first", "ops.true_divide", ["x"], constant=(1.5, 2.0, 2.5, 3.0, 3.5, 4.0),
           scalar_first=True),
        op("maximum_constant", "ops.maximum", ["x"], constant=(0.25,)),
        op("mean", "ops.mean", ["x"], axis=1), op("sum", "ops.sum", ["x"], axis=(1, 2), keepdims=True),
        op("max", "ops.max", ["x"], axis=-1),
        op("broadcast", "ops.maximum", ["x", "sum"]), op("scaled_first", "ops.subtract", ["x"], scalar=2.0,
                                                          scalar_first=True),
        op("arange", "ops.arange", ["x"], start=1, stop=12, step=2),
        op("arange_n", "ops.arange", ["x"], start=5),
        op("noise", "ops.random_normal", ["x"], shape=(None, 3), stddev=0.5),
        op("patches", "ops.extract_patches", ["img"], size=4),
        op("patches_same", "ops.extract_patches", ["img"], size=(3, 3), strides=(2, 2), padding="same"),
    ]
    inputs = (InputSpec("x", (4, 6)), InputSpec("img", (8, 8, 3)))
    return ModelSpec(inputs, tuple(layers), tuple((l.name, 0) for l in layers), batch_size=2)


XRAY_BINARY = ("ops.add", "ops.subtract", "ops.multiply", "ops.true_divide", "ops.power", "ops.maximum",
               "ops.minimum")
CHAIN = _chain_model()
PICK = {"reshape": (1, 2, 5), "matmul": (1, 2, 3), "stack": (1, 2, 3, 4), "stack_last": (1, 2, 3, 1),
         "arange": (3,), "patches": (1, 1, 0, 17),
        "patches_same": (1, 0, 0, 2), "sum": (1, 0, 0), "noise": (1, 2)}
XRAY_CASES = [XRayCase(f"{l.name}", CHAIN, l.name, PICK.get(l.name, (1, 2, 3) if l.name != "mean" else (1, 4)))
              for l in CHAIN.layers] + [
    XRayCase("positions_add", POSITIONS, "add", (1, 7, 5)), XRayCase("positions", POSITIONS, "positions", (7,)),
    XRayCase("scaled", SCALED, "true_divide", (2, 4)), XRayCase("scaled_reshape", SCALED, "reshape", (2, 1, 2)),
    XRayCase("caffe_bgr", CAFFE_MODEL, "bgr", (1, 5, 6, 0)),
    XRayCase("caffe_mean", CAFFE_MODEL, "centered", (1, 5, 6, 2)),
    XRayCase("torch_std", TORCH_MODEL, "normalized", (1, 3, 4, 1))]


def test_every_kind_has_an_xray_case():
    assert {CHAIN.layer(c.layer).kind for c in XRAY_CASES if c.code is CHAIN} == set(OPS)


@pytest.mark.parametrize("case", XRAY_CASES, ids=cases_ids(XRAY_CASES))
def test_xray_agrees_with_itself(case):
    check_xray(case)


@pytest.mark.parametrize("name", [l.name for l in CHAIN.layers])
def test_xray_checks_pass_and_its_words_format(name):
    result = xray(call_of(CHAIN, name, PICK.get(name, (1, 2, 3))))
    for text in texts(result):
        for lang in ("en", "zh"):
            assert t(lang, text.key, **dict(text.params))


def test_xray_says_which_number_each_output_copies_or_combines():
    assert dict(xray(call_of(CHAIN, "transpose", (1, 4, 2))).notes[0].params)["src"] == "[1, 2, 4]"
    get = dict(xray(call_of(CHAIN, "get_item", (1, 1, 2))).notes[0].params)
    assert get["src"] == "[1, 3, 2]"  # x[:, 1::2]: output row 1 is input row 1 + 1·2 = 3
    added = dict(xray(call_of(POSITIONS, "add", (1, 7, 5))).notes[0].params)
    assert added["inputs"] == "x[1, 7, 5], y[7, 5]"
    arange = dict(xray(call_of(CHAIN, "arange", (3,))).notes[0].params)
    assert (arange["start"], arange["step"], arange["value"]) == ("1", "2", "7")
    counted = dict(xray(call_of(CHAIN, "arange_n", (3,))).notes[0].params)
    assert (counted["start"], counted["value"]) == ("0", "3")  # arange(5) is 0 … 4
    assert layer_code(CHAIN.layer("arange_n")) == "keras.ops.arange(5)"
    stacked = dict(xray(call_of(CHAIN, "stack", (1, 2, 3, 4))).notes[0].params)
    assert (stacked["input"], stacked["src"]) == ("x3", "[1, 3, 4]")  # index 2 on the new axis 1: the third input
    bgr = dict(xray(call_of(CAFFE_MODEL, "bgr", (1, 5, 6, 0))).notes[0].params)
    assert (bgr["input"], bgr["src"]) == ("x1", "[1, 5, 6]")  # channel 0 of BGR is x[..., 2], the blue one
    mean = xray(call_of(CAFFE_MODEL, "centered", (1, 5, 6, 2)))
    assert dict(mean.notes[0].params)["inputs"] == "x[1, 5, 6, 2], c[2]" and mean.code[0].code.startswith("c = ")
    assert dict(mean.notes[-1].params)["shape"] == "(1, 1, 1, 3)" and all(c.ok for c in mean.checks)
    first = dict(xray(call_of(CHAIN, "divide_constant_first", (1, 2, 3))).notes[0].params)
    assert first["inputs"] == "c[3], x[1, 2, 3]"
    nan = [n for n in xray(call_of(CHAIN, "log_neg", (1, 2, 3))).notes if n.key == "xray.op.nan"]
    assert nan and int(dict(nan[0].params)["count"]) > 0


# -- fixes ---------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("kind,args,shapes,key,code", [
    ("ops.add", {}, ((50, 64), (64, 3)), "fix.op_broadcast", ""),
    ("ops.add", {}, ((50, 64), (8,)), "fix.op_broadcast", ""),
    ("ops.multiply", {}, ((50, 64), (50,)), "fix.op_broadcast_axis", "keras.ops.expand_dims(y, -1)"),  # a mask
    ("ops.add", {}, ((50, 64), (64,)), "fix.op_broadcast_axis", "keras.ops.expand_dims(y, 1)"),  # a pooled vector
    ("ops.reshape", {"newshape": (3, 5, 8)}, ((6, 4),), "fix.op_reshape", ""),
    ("ops.reshape", {"newshape": (3, 4, 8)}, ((6, 4),), "fix.op_reshape", "keras.ops.reshape(x, (-1, 4, 6))"),
    ("ops.concatenate", {}, ((4, 3), (4, 5)), "fix.op_concat_axis", "keras.ops.concatenate([x, y], axis=-1)"),
    ("ops.matmul", {}, ((5, 8), (7, 8)), "fix.op_matmul_transpose",
     "keras.ops.matmul(x, keras.ops.transpose(y, (0, 2, 1)))"),
    ("ops.stack", {"axis": -1}, ((4, 3), (4, 5)), "fix.op_stack_shapes", "keras.ops.concatenate([x, y], axis=-1)"),
    ("ops.add", {"constant": CAFFE}, ((8, 8, 4),), "fix.op_constant", ""),  # a caffe mean on a 4-channel image
])
def test_a_failing_operation_gets_its_fix(kind, args, shapes, key, code):
    names = [f"in{i}" for i in range(len(shapes))]
    spec = ModelSpec(tuple(InputSpec(n, s) for n, s in zip(names, shapes)), (op("bad", kind, names, **args),),
                     (("bad", 0),), batch_size=3)
    failure = describe(spec).failure
    assert failure is not None and failure.layer == "bad" and failure.origin in ("keras", "explorer")
    assert failure.fix is not None and (failure.fix.key, failure.fix.code) == (key, code)
    words = family_words("operations")
    for lang in (0, 1):
        assert words[key][lang].format(**dict(failure.fix.params), code=code)
