"""Every layer kind's declarative examples, run against real Keras.

For each example: Keras builds the layer we construct and calls it on a symbolic input; its output
shape(s), `count_params()` and the shapes of `layer.weights` (in order) must equal what the kind
says without building anything (shape inference, weight list, parameter formula).
"""
import keras
import pytest

from explorer.layers import ALIASES, REGISTRY, class_name_of, get_kind
from explorer.shapes import construct, describe_one

CASES = [(name, i) for name, kind in sorted(REGISTRY.items()) for i in range(len(kind.examples))]


def _shapes(value):
    return value if isinstance(value[0], tuple) else (value,)


@pytest.mark.parametrize("name,index", CASES, ids=[f"{n}-{i}" for n, i in CASES])
def test_example_matches_keras(name, index):
    kind = REGISTRY[name]
    ex = kind.examples[index]
    in_shapes = _shapes(ex.input_shape)
    ctx = describe_one(name, ex.args, in_shapes, ex.inner, ex.dtype)
    weights = kind.weights(ctx)
    formula = kind.formula(ctx)
    expected_out = _shapes(ex.output_shape)
    assert ctx.out_shapes == expected_out, "weight-free shape inference"
    assert formula.value == ex.params == sum(w.count for w in weights), "formula and weight list"

    inputs = [keras.Input(batch_shape=s, dtype=ex.dtype) for s in in_shapes]
    layer = construct(ctx.spec, seed=1)
    out = layer(inputs if kind.takes_list or len(inputs) > 1 else inputs[0])  # a binary operation on two tensors
    outs = out if isinstance(out, (list, tuple)) else [out]
    assert tuple(tuple(o.shape) for o in outs) == expected_out, "Keras's built output"
    assert layer.count_params() == ex.params
    assert [tuple(w.shape) for w in layer.weights] == [w.shape for w in weights]
    assert len(ctx.out_axes) == len(expected_out)
    assert all(len(a) == len(s) for a, s in zip(ctx.out_axes, expected_out)), "one letter per axis"
    for w in weights:
        assert len(w.dims) == len(w.shape)


def test_every_kind_has_examples():
    assert all(kind.examples for kind in REGISTRY.values())


def test_every_alias_keras_gives_a_registered_class_is_registered():
    """`MaxPool2D` is `MaxPooling2D`: every name keras.layers gives a registered class finds its kind,
    and every registered alias is such a name."""
    names = {name: obj.__name__ for name in dir(keras.layers)
             if isinstance(obj := getattr(keras.layers, name), type) and obj.__name__ in REGISTRY}
    assert {n: c for n, c in names.items() if n != c} == ALIASES
    for alias, class_name in ALIASES.items():
        assert get_kind(alias) is REGISTRY[class_name] and class_name_of(alias) == class_name
