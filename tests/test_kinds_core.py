"""The common layer kinds inside whole models: describe() on hand-built specs, compared with real
Keras where the model builds, and the failure (cause and fix) where it does not."""
import string

import keras
import pytest

from explorer.i18n import catalog
from explorer.layers import get_kind
from explorer.shapes import describe, describe_one
from explorer.spec import InputSpec, LayerSpec, ModelSpec
from layer_words import family_words, in_language

WORDS_EN = in_language(family_words("attention", "elementwise", "embedding", "merging", "reshaping",
                                    prefixes=("axis.", "fix.")), "en")  # the kinds' words (X-rays' ones aside)

LEAD_KEYS = {"fix.fixed_length"}  # defined in explorer/i18n/model.py, shared with explorer/diagnose.py


def layer(name, kind, inputs, **args):
    return LayerSpec(name, kind, tuple(sorted(args.items())), tuple((i, 0) for i in inputs))


def chain(shape, *layers_, dtype="float32", batch=None):
    """A one-input model: each layer takes the previous one's output."""
    specs, previous = [], "x"
    for name, kind, args in layers_:
        specs.append(layer(name, kind, [previous], **args))
        previous = name
    return ModelSpec((InputSpec("x", shape, dtype),), tuple(specs), ((previous, 0),), batch_size=batch)


def two_inputs(shape_a, shape_b, kind, **args):
    return ModelSpec((InputSpec("a", shape_a), InputSpec("b", shape_b)), (layer("join", kind, ["a", "b"], **args),),
                     (("join", 0),))


def test_two_inputs_concatenate_dense_matches_keras():
    spec = ModelSpec((InputSpec("a", (10,)), InputSpec("b", (20,))),
                     (layer("join", "Concatenate", ["a", "b"]), layer("head", "Dense", ["join"], units=1)),
                     (("head", 0),))
    d = describe(spec)
    assert d.ok
    assert d.step("join").input_shapes == ((None, 10), (None, 20))
    assert d.step("join").output_shape == (None, 30)
    assert d.step("head").output_shape == (None, 1)
    assert d.step("head").params == 31 and d.total_params == 31
    # letters: the two inputs' feature axes are F and F₂; the joined axis is a letter of its own
    assert d.step("a").output_dims == ("B", "F") and d.step("b").output_dims == ("B", "F₂")
    joined = d.step("join").output_dims[1]
    assert joined not in ("F", "F₂") and {a.letter: a.size for a in d.axes}[joined] == 30
    legend = {a.letter: a for a in d.axes}[joined]
    assert legend.meaning_key == "axis.concatenated" and dict(legend.meaning_params)["parts"] == "F + F₂"
    assert d.step("head").formula.symbolic == f"{joined} × U + U"

    a, b = keras.Input(shape=(10,), name="a"), keras.Input(shape=(20,), name="b")
    joined_t = keras.layers.Concatenate(name="join")([a, b])
    out = keras.layers.Dense(1, name="head")(joined_t)
    model = keras.Model([a, b], out)
    for name in ("join", "head"):
        assert tuple(model.get_layer(name).output.shape) == d.step(name).output_shape
        assert model.get_layer(name).count_params() == d.step(name).params
    assert model.count_params() == d.total_params


def test_concatenate_of_mismatched_shapes_fails_there_with_cause_and_fix():
    spec = two_inputs((3, 4), (5, 4), "Concatenate", axis=-1)
    d = describe(spec)
    f = d.failure
    assert f is not None and f.layer == "join" and f.cls == "Concatenate"
    assert [s.name for s in d.steps] == ["a", "b"]  # the description stops before the join
    assert f.input_shapes == ((None, 3, 4), (None, 5, 4))
    assert "axis 1 differs" in f.message and "a has 3" in f.message and "b has 5" in f.message
    assert f.cause.key == "cause.concat"
    assert f.fix.key == "fix.concat_other_axis" and f.fix.code == "layers.Concatenate(axis=1)"
    assert dict(f.fix.params)["position"] == "1"
    # the suggested fix works, in Keras and in the description
    fixed = describe(two_inputs((3, 4), (5, 4), "Concatenate", axis=1))
    assert fixed.ok and fixed.step("join").output_shape == (None, 8, 4)
    built = keras.layers.Concatenate(axis=1)([keras.Input((3, 4)), keras.Input((5, 4))])
    assert tuple(built.shape) == (None, 8, 4)


def test_keras_itself_refuses_what_the_concatenate_check_refuses():
    # Keras's compute_output_shape adds the sizes up anyway; its build raises: the check copies the build
    assert keras.layers.Concatenate().compute_output_shape([(None, 3, 4), (None, 5, 4)]) == (None, 3, 8)
    with pytest.raises(ValueError, match="matching shapes"):
        keras.layers.Concatenate()([keras.Input((3, 4)), keras.Input((5, 4))])
    d = describe(two_inputs((3, 4), (5, 6), "Concatenate"))
    assert d.failure.fix.key == "fix.concat_match"
    assert describe(two_inputs((3, 4), (4,), "Concatenate")).failure.fix.key == "fix.merge_rank"
    assert describe(two_inputs((3, 4), (3, 4), "Concatenate", axis=3)).failure.fix.key == "fix.concat_axis_range"


@pytest.mark.parametrize("kind", ["Add", "Multiply", "Average"])
def test_elementwise_merges_name_the_axis_that_differs(kind):
    d = describe(two_inputs((3, 4), (3, 5), kind))
    f = d.failure
    assert f.layer == "join" and "axis 2 differs: a has 4, b has 5" in f.message
    assert f.fix.key == "fix.merge_project" and f.fix.code == "layers.Dense(4)"
    with pytest.raises(ValueError):
        getattr(keras.layers, kind)()([keras.Input((3, 4)), keras.Input((3, 5))])
    assert describe(two_inputs((3, 4), (5, 4), kind)).failure.fix.key == "fix.merge_match"
    # a size of 1 stretches; the output takes the letters of the input that gives each size
    ok = describe(two_inputs((1, 4), (3, 4), kind))
    assert ok.ok and ok.step("join").output_shape == (None, 3, 4)
    assert ok.step("join").output_dims[1] == ok.step("b").output_dims[1]


def test_flatten_on_unknown_length_fails_with_fixed_length():
    spec = chain((None, 8), ("flat", "Flatten", {}), ("head", "Dense", {"units": 2}))
    d = describe(spec)
    assert d.failure.layer == "flat"
    assert d.failure.fix.key == "fix.fixed_length" and dict(d.failure.fix.params) == {"layer": "flat"}
    assert d.failure.cause.key == "cause.unknown_size"
    assert "None" in d.failure.message and "(None, None, 8)" in d.failure.message
    # what Keras does without the check: Flatten gives (None, None) and Dense cannot build
    assert tuple(keras.layers.Flatten()(keras.Input((None, 8))).shape) == (None, None)
    with pytest.raises(ValueError):
        keras.layers.Dense(2)(keras.layers.Flatten()(keras.Input((None, 8))))


def test_flatten_names_its_axis_by_the_letters_it_merges():
    spec = chain((50,), ("embed", "Embedding", {"input_dim": 100, "output_dim": 8}),
                 ("flat", "Flatten", {}), ("head", "Dense", {"units": 3}), dtype="int32")
    d = describe(spec)
    assert d.step("flat").output_shape == (None, 400) and d.step("flat").output_dims == ("B", "T·E")
    assert d.step("head").formula.symbolic == "T·E × U + U"
    assert d.step("head").params == 400 * 3 + 3


def test_embedding_default_numbers():
    spec = chain((50,), ("embedding", "Embedding", {"input_dim": 10_000, "output_dim": 64}), dtype="int32", batch=30)
    d = describe(spec)
    step = d.step("embedding")
    assert step.input_shape == (30, 50) and step.output_shape == (30, 50, 64)
    assert step.output_dims == ("B", "T", "E")
    assert step.params == 640_000
    assert step.formula.text() == "V × E = 10,000 × 64 = 640,000"
    assert [(w.name, w.shape, w.dims) for w in step.weights] == [("embeddings", (10_000, 64), ("V", "E"))]
    assert {a.letter: a.meaning_key for a in d.axes}["V"] == "axis.vocab"


def test_embedding_keras2_input_length_is_not_passed_to_keras():
    spec = LayerSpec("embedding", "Embedding", (("input_dim", 10_000), ("input_length", 50), ("output_dim", 64)))
    kind = get_kind("Embedding")
    assert kind.keras_args(spec) == {"input_dim": 10_000, "output_dim": 64}
    assert "input_length" not in kind.code(spec)
    assert kind.code(spec) == "layers.Embedding(10000, 64)"
    layer_ = kind.make(spec, seed=1)
    assert (layer_.input_dim, layer_.output_dim) == (10_000, 64)
    with pytest.warns(UserWarning, match="input_length"):  # what Keras 3 says when it is passed
        keras.layers.Embedding(10, 4, input_length=5)


def test_embedding_weights_are_seeded():
    import numpy as np

    spec = LayerSpec("embedding", "Embedding", (("input_dim", 20), ("output_dim", 3)))
    kind = get_kind("Embedding")
    first, second = kind.make(spec, seed=4), kind.make(spec, seed=4)
    for built in (first, second):
        built.build((None, 5))
    assert np.array_equal(first.embeddings.numpy(), second.embeddings.numpy())
    assert np.abs(first.embeddings.numpy()).max() <= 0.05


def test_reshape_count_mismatch_is_keras_error_with_a_working_fix():
    d = describe(chain((5, 8), ("reshape", "Reshape", {"target_shape": (3, 4)})))
    f = d.failure
    assert f.layer == "reshape" and "total size of the tensor must be unchanged" in f.message
    assert f.fix.key == "fix.reshape_count" and f.fix.code == "layers.Reshape((-1, 4))"
    fixed = describe(chain((5, 8), ("reshape", "Reshape", {"target_shape": (-1, 4)})))
    assert fixed.ok and fixed.step("reshape").output_shape == (None, 10, 4)
    assert describe(chain((5, 8), ("r", "Reshape", {"target_shape": (3, -1)}))).failure.fix.key == "fix.reshape_divide"
    assert describe(chain((5, 8), ("r", "Reshape", {"target_shape": (3, 7)}))).failure.fix.code == \
        "layers.Reshape((40,))"


def test_reshape_keeps_letters_that_continue_and_names_merges():
    d = describe(chain((50, 64), ("add_axis", "Reshape", {"target_shape": (50, 64, 1)}),
                       ("merge", "Reshape", {"target_shape": (3_200,)}),
                       ("split", "Reshape", {"target_shape": (50, 64)})))
    assert d.ok
    assert d.step("add_axis").output_dims == ("B", "T", "F", "1")
    assert {a.letter: a.meaning_key for a in d.axes}["1"] == "axis.one"
    assert d.step("merge").output_dims == ("B", "T·F")
    # 50 and 64 are the sizes T and F already have: the namer gives them back their letters
    assert d.step("split").output_dims == ("B", "T", "F")


def test_permute_and_repeat_vector_move_and_add_letters():
    d = describe(chain((50, 64), ("swap", "Permute", {"dims": (2, 1)}), ("pool", "Flatten", {})))
    assert d.step("swap").output_shape == (None, 64, 50) and d.step("swap").output_dims == ("B", "F", "T")
    d = describe(chain((75,), ("repeat", "RepeatVector", {"n": 50})))
    assert d.step("repeat").output_shape == (None, 50, 75)
    assert d.step("repeat").output_dims == ("B", "T", "F")
    assert {a.letter: a.meaning_key for a in d.axes}["T"] == "axis.repeat"
    # RepeatVector takes (B, F) only: Keras's input_spec refuses 3 axes
    assert describe(chain((5, 75), ("repeat", "RepeatVector", {"n": 3}))).failure.cause.key == "cause.ndim"


def test_spatial_dropout_needs_three_axes():
    f = describe(chain((64,), ("drop", "SpatialDropout1D", {"rate": 0.2}))).failure
    assert f.layer == "drop" and f.cause.key == "cause.ndim" and dict(f.cause.params)["expected"] == "3"


@pytest.mark.parametrize("kind,center,scale,symbolic,params", [
    ("BatchNormalization", True, True, "4 × F", 256),
    ("BatchNormalization", False, True, "3 × F", 192),
    ("BatchNormalization", False, False, "2 × F", 128),
    ("LayerNormalization", True, True, "2 × F", 128),
    ("LayerNormalization", True, False, "F", 64),
])
def test_normalization_formulas_count_what_keras_counts(kind, center, scale, symbolic, params):
    d = describe(chain((50, 64), ("norm", kind, {"center": center, "scale": scale})))
    step = d.step("norm")
    assert step.formula.symbolic == symbolic and step.params == params
    real = getattr(keras.layers, kind)(center=center, scale=scale)
    real.build((None, 50, 64))
    assert real.count_params() == params
    assert [w.name for w in real.weights] == [w.name for w in step.weights]


def test_normalization_on_an_unknown_axis_fails_before_keras_build():
    f = describe(chain((50, None), ("norm", "BatchNormalization", {}))).failure
    assert f.layer == "norm" and f.cause.key == "cause.unknown_size"
    assert f.fix.key == "fix.norm_unknown_axis"
    with pytest.raises(ValueError, match="fully-defined"):
        keras.layers.BatchNormalization()(keras.Input((50, None)))
    f = describe(chain((50, 64), ("norm", "LayerNormalization", {"axis": 3}))).failure
    assert f.fix.key == "fix.norm_axis" and f.fix.code == "axis=-1"


FAILING = [
    chain((None, 8), ("flat", "Flatten", {})),
    chain((5, 8), ("r", "Reshape", {"target_shape": (3, 4)})),
    chain((5, 8), ("r", "Reshape", {"target_shape": (3, -1)})),
    chain((5, 8), ("r", "Reshape", {"target_shape": (3, 7)})),
    chain((5, 8), ("r", "Reshape", {"target_shape": (-1, -1)})),
    chain((5, None), ("n", "LayerNormalization", {})),
    chain((5, 8), ("n", "BatchNormalization", {"axis": 4})),
    two_inputs((3, 4), (5, 4), "Concatenate"),
    two_inputs((3, 4), (5, 6), "Concatenate"),
    two_inputs((3, 4), (4,), "Concatenate"),
    two_inputs((3, 4), (3, 4), "Concatenate", axis=3),
    two_inputs((3, 4), (3, 5), "Add"),
    two_inputs((3, 4), (5, 4), "Multiply"),
    ModelSpec((InputSpec("a", (4,), batch_size=2), InputSpec("b", (4,), batch_size=3)),
              (layer("join", "Average", ["a", "b"]),), (("join", 0),)),
    two_inputs((5, None), (7, 12), "MultiHeadAttention", num_heads=2, key_dim=8),
    ModelSpec((InputSpec("q", (5, 16)), InputSpec("v", (7, 12)), InputSpec("k", (8, 12))),
              (layer("mha", "MultiHeadAttention", ["q", "v", "k"], num_heads=2, key_dim=8),), (("mha", 0),)),
]
OK = [
    chain((50,), ("e", "Embedding", {"input_dim": 9, "output_dim": 4}), ("f", "Flatten", {}),
          ("r", "RepeatVector", {"n": 3}), ("p", "Permute", {"dims": (2, 1)}), ("s", "Reshape", {"target_shape": (-1,)}),
          dtype="int32"),
    chain((5, 8), ("r", "Reshape", {"target_shape": (4, 10)}), ("m", "Reshape", {"target_shape": (40, 1)})),
    two_inputs((3, 4), (3, 4), "Concatenate"),
    two_inputs((3, 4), (3, 6), "Concatenate"),
    two_inputs((5, 16), (7, 12), "MultiHeadAttention", num_heads=2, key_dim=8, value_dim=4, output_shape=10),
]


def _fills(key, params, code):
    """The text of key formats in both languages with the fix's params (and its code)."""
    for lang in ("en", "zh"):
        text = catalog(lang)[key]
        fields = {f for _, f, _, _ in string.Formatter().parse(text) if f}
        assert fields <= set(dict(params)) | {"code"}, (key, lang, fields)
        text.format(**dict(params), code=code)


@pytest.mark.parametrize("index", range(len(FAILING)))
def test_every_fix_key_exists_and_fills(index):
    d = describe(FAILING[index])
    fix = d.failure.fix
    assert fix is not None, d.failure.message
    assert fix.key in WORDS_EN or fix.key in LEAD_KEYS
    _fills(fix.key, fix.params, fix.code)


@pytest.mark.parametrize("index", range(len(OK) + len(FAILING)))
def test_every_axis_meaning_key_exists(index):
    spec = (OK + FAILING)[index]
    d = describe(spec)
    assert d.ok == (index < len(OK)), d.failure and d.failure.message
    for axis in d.axes:
        for lang in ("en", "zh"):
            catalog(lang)[axis.meaning_key].format(**dict(axis.meaning_params))


def test_every_string_of_the_catalog_is_used():
    used = set()
    for spec in OK + FAILING + [chain((784,), ("r", "Reshape", {"target_shape": (28, 28, 1)}))]:
        d = describe(spec)
        used |= {a.meaning_key for a in d.axes}
        if d.failure and d.failure.fix:
            used.add(d.failure.fix.key)
    assert set(WORDS_EN) <= used, set(WORDS_EN) - used


def test_describe_one_examples_name_each_axis():
    ctx = describe_one("Concatenate", {}, ((None, 50, 75), (None, 50, 75)))
    assert ctx.out_axes == (("B", "D1", "2D2"),)


def test_self_attention_matches_keras():
    import numpy as np

    spec = ModelSpec((InputSpec("x", (50, 64)),),
                     (layer("mha", "MultiHeadAttention", ["x", "x"], num_heads=4, key_dim=16),), (("mha", 0),))
    d = describe(spec)
    step = d.step("mha")
    assert step.input_shapes == ((None, 50, 64), (None, 50, 64)) and step.output_shape == (None, 50, 64)
    assert step.output_dims == ("B", "T", "F")
    assert step.formula.text() == ("3 × (F + 1) × N × K + N × K × F + F = 3 × (64 + 1) × 4 × 16 + 4 × 16 × 64 + 64"
                                   " = 16,640")
    assert [(w.name, w.dims) for w in step.weights][:2] == [("query/kernel", ("F", "N", "K")), ("query/bias", ("N", "K"))]
    x = keras.Input((50, 64))
    real = keras.layers.MultiHeadAttention(num_heads=4, key_dim=16)
    assert tuple(real(x, x).shape) == step.output_shape
    assert real.count_params() == step.params
    assert [w.path.split("/", 1)[1] for w in real.weights] == [w.name for w in step.weights]
    assert [tuple(w.shape) for w in real.weights] == [w.shape for w in step.weights]
    # ours takes the registry's list and seeds each projection differently
    ours = get_kind("MultiHeadAttention").make(spec.layers[0], seed=3)
    assert tuple(ours([x, x]).shape) == (None, 50, 64)
    query_kernel, key_kernel = ours.weights[0].numpy(), ours.weights[2].numpy()
    assert query_kernel.shape == key_kernel.shape and not np.array_equal(query_kernel, key_kernel)
    again = get_kind("MultiHeadAttention").make(spec.layers[0], seed=3)
    again([x, x])
    assert np.array_equal(again.weights[0].numpy(), query_kernel)


def test_attention_failures_explained():
    f = describe(FAILING[-2]).failure
    assert f.layer == "join" and f.fix.key == "fix.attention_unknown_features"
    assert dict(f.fix.params)["role"] == "query" and f.cause.key == "cause.unknown_size"
    f = describe(FAILING[-1]).failure
    assert f.layer == "mha" and "key" in f.message and f.fix.key == "fix.attention_key_value"
