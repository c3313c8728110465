"""Describe any ModelSpec without allocating a weight: every tensor's shape and named axes, every
weight's shape, parameter counts and formulas, and the first layer that cannot take its input.

Shapes come from Keras's own weight-free `compute_output_shape` on our own unbuilt layers, after
Keras's own input check (`input_spec`); weights and formulas from each kind's module. Building the
real model (explorer/build.py) comes after, within the budget, and tests check both agree.
"""
from __future__ import annotations

import functools
from dataclasses import replace

from .axes import letter_hint
from .description import NO_PARAMS, Axis, Description, Failure, Group, Step, shape_text
from .diagnose import diagnose
from .keras_session import install as keras_clears_per_thread
from .layers import get_kind, layer_code, traits
from .layers.base import AxisNamer, Ctx, Fix, Shape, ShapeRefusal, keras_input_check
from .spec import InputSpec, LayerSpec, ModelSpec, TensorRef


def input_axes(inp: InputSpec, namer: AxisNamer) -> tuple[str, ...]:
    """Letters for an input's axes: B, then by rank (token ids (T,); features (F,); a sequence
    (T, F); an image (H, W, C)), overridden by what the code's names say (`seq_len` is T)."""
    rank = len(inp.shape)
    if rank == 1:
        defaults: tuple[str, ...] = ("T",) if inp.dtype.startswith("int") else ("F",)
    elif rank == 2:
        defaults = ("T", "F")
    elif rank == 3:
        defaults = ("H", "W", "C")
    else:
        defaults = tuple(f"D{i + 1}" for i in range(rank))
    sources = inp.sources + ("",) * (rank - len(inp.sources))
    meanings = {"T": "axis.time", "F": "axis.features", "H": "axis.height", "W": "axis.width", "C": "axis.channels"}
    letters = []
    for default, size, source in zip(defaults, inp.shape, sources):
        hinted = letter_hint(source) if source else None  # `maxlen` makes it T: it means time, not features
        key = meanings.get(hinted or default, "axis.input")
        letters.append(namer.new(default, size, source, (key, (("layer", inp.name),))))
    return ("B",) + tuple(letters)


def _resolve(refs: tuple[TensorRef, ...], tensors: dict) -> tuple[tuple[Shape, ...], tuple[tuple[str, ...], ...]]:
    shapes: list[Shape] = []
    axes: list[tuple[str, ...]] = []
    for node, index in refs:
        out_shapes, out_axes = tensors[node]
        if index is None:
            shapes += out_shapes
            axes += out_axes
        else:
            shapes.append(out_shapes[index])
            axes.append(out_axes[index])
    return tuple(shapes), tuple(axes)


def construct(layer: LayerSpec, seed: int = 0):
    """Our own unbuilt Keras layer for a spec (wrapped layers included); no weights yet."""
    keras_clears_per_thread()
    kind = get_kind(layer.kind)
    inner = construct(layer.inner, seed + 1) if layer.inner is not None else None
    return kind.make(layer, seed, inner)


def describe_layer(layer: LayerSpec, in_shapes: tuple[Shape, ...], in_axes: tuple[tuple[str, ...], ...],
                   namer: AxisNamer, seed: int = 0) -> Ctx:
    """One layer: output shapes (Keras's inference), axes, weights, formula. Raises what Keras raises."""
    kind = get_kind(layer.kind)
    if kind.tensor_counts:
        if len(in_shapes) not in kind.tensor_counts:
            raise _CountError(f'"{layer.name}" ({layer.kind}) takes {" or ".join(map(str, kind.tensor_counts))} '
                              f"tensor(s), but it received {len(in_shapes)}.")
    elif not kind.takes_list and len(in_shapes) != 1:
        raise _CountError(f'Layer "{layer.name}" expects 1 input(s), but it received {len(in_shapes)} input tensors.')
    if kind.takes_list and len(in_shapes) < 2:
        raise _CountError(f"A `{layer.kind}` layer should be called on a list of at least 2 inputs. "
                          f"Received: input_shape={in_shapes[0] if in_shapes else ()}")
    try:
        out_shapes = _shapes_of(_anonymous(layer), in_shapes)
    except Exception:  # say it again with the layer's own name in Keras's words
        keras_layer = construct(layer, seed)
        keras_input_check(keras_layer, in_shapes)
        out_shapes = kind.output_shapes(layer, in_shapes, keras_layer)
    ctx = Ctx(layer, in_shapes, in_axes, namer)
    ctx.out_shapes = out_shapes
    ctx.out_axes = kind.axes(ctx)
    return ctx


def layer_output_shapes(layer: LayerSpec, in_shapes: tuple[Shape, ...]) -> tuple[Shape, ...]:
    """Keras's output shapes of this layer on these inputs: weight-free and cached; raises what Keras raises
    (the code reader's static shape reads, `x.shape[-1]`, ask this)."""
    return _shapes_of(_anonymous(layer), in_shapes)


def _anonymous(layer: LayerSpec) -> LayerSpec:
    """The layer without what does not change shapes (name, place, sources), so equal layers share
    one shape computation: a stack of 200 identical LSTMs constructs one Keras layer, not 200."""
    inner = _anonymous(layer.inner) if layer.inner is not None else None
    return LayerSpec("layer", layer.kind, layer.args, (), inner)


@functools.lru_cache(maxsize=4096)
def _shapes_of(layer: LayerSpec, in_shapes: tuple[Shape, ...]) -> tuple[Shape, ...]:
    """Keras's input check and shape inference on our own unbuilt layer (constructing one takes
    1–20 ms). Raises what Keras raises; exceptions are not cached."""
    keras_layer = construct(layer)
    keras_input_check(keras_layer, in_shapes)
    return get_kind(layer.kind).output_shapes(layer, in_shapes, keras_layer)


class _CountError(ValueError):
    """A layer called on the wrong number of tensors (Keras says so when it builds)."""


def describe(spec: ModelSpec) -> Description:
    """The model's steps up to the first layer that fails, and that failure (None if none)."""
    namer = AxisNamer(letter_hint)
    batch = spec.batch_size
    if batch is not None:
        namer.new("B", batch, "", ("axis.batch", ()))
    else:
        namer.sizes["B"] = None
        namer.meanings["B"] = ("axis.batch", ())
    tensors: dict[str, tuple[tuple[Shape, ...], tuple[tuple[str, ...], ...]]] = {}
    steps: list[Step] = []
    for inp in spec.inputs:
        shape = (inp.batch_size if inp.batch_size is not None else batch,) + tuple(inp.shape)
        axes = input_axes(inp, namer)
        tensors[inp.name] = ((shape,), (axes,))
        steps.append(Step(inp.name, "InputLayer", "", (), (), (shape,), (), (axes,), line=inp.line,
                          code=f"keras.Input(shape={tuple(inp.shape)!r})"))
    failure = None
    firsts: dict[str, tuple] = {}  # a layer's first call: its input shapes, weights and seed (a later call checks)
    for index, layer in enumerate(spec.layers):
        parents = tuple(dict.fromkeys(node for node, _ in layer.inputs + layer.states))
        try:
            in_shapes, in_axes = _resolve(layer.inputs, tensors)
            state_shapes, _ = _resolve(layer.states, tensors)
        except (KeyError, IndexError):  # a tensor that no earlier node produces (readers refuse these first)
            failure = Failure(layer.name, layer.kind, layer.line, layer.col,
                              f"{layer.name} takes a tensor that no earlier layer produces: {layer.inputs!r}"[:500],
                              "explorer", (), (), parents, Fix("cause.missing_input", (("layer", layer.name),)))
            break
        kind = get_kind(layer.kind)
        try:
            ctx = describe_layer(layer, in_shapes, in_axes, namer, seed=10 * index)
            check_states(layer, ctx, state_shapes)
            weights = kind.weights(ctx)
            formula = kind.formula(ctx)
            flops = kind.flops(ctx, formula.value)
            if layer.shares:  # the first call's weights, used again: this call must fit them, and adds none
                if layer.shares not in firsts:
                    raise ShapeRefusal(f"{layer.name} calls the layer {layer.shares} again, but no earlier node is "
                                       f"its first call")
                check_shared(spec, layer, in_shapes, weights, firsts[layer.shares])
                weights, formula = (), NO_PARAMS
        except Exception as error:  # Keras's own words about this layer and its input
            origin = "explorer" if isinstance(error, (_CountError, ShapeRefusal)) else "keras"
            failure = diagnose(spec, layer, in_shapes, in_axes, parents, _error_text(error), origin, namer)
            if isinstance(error, SharedMismatch):  # the cause is the weights it shares, whatever the kind
                failure = replace(failure, origin=error.origin, cause=error.cause, fix=error.fix)
            break
        inner = layer.inner.kind if layer.inner is not None else ""
        steps.append(Step(layer.name, layer.kind, inner, parents, in_shapes, ctx.out_shapes, in_axes, ctx.out_axes,
                          weights, formula, flops, layer.line, layer_code(layer), layer.args, layer.shares))
        if not layer.shares:
            firsts[layer.name] = (in_shapes, weights, 10 * index)
        tensors[layer.name] = (ctx.out_shapes, ctx.out_axes)
    axes = tuple(Axis(letter, size, *namer.meanings.get(letter, ("", ()))) for letter, size in namer.sizes.items())
    outputs = tuple(dict.fromkeys(node for node, _ in spec.outputs))
    return Description(tuple(steps), failure, axes, batch, outputs, _groups(spec, steps, tensors))


def _groups(spec: ModelSpec, steps: list[Step], tensors: dict) -> tuple[Group, ...]:
    """Each group's row: its members' parameters summed, the shapes of the tensors that leave it."""
    params = {s.name: s.params for s in steps}
    out = []
    for group in spec.groups:
        complete = all(m in params for m in group.members)
        shapes: tuple[Shape, ...] = ()
        if complete:
            try:
                shapes = _resolve(group.outputs, tensors)[0]
            except (KeyError, IndexError):
                complete = False
        out.append(Group(group.name, group.label, group.what, group.members, shapes,
                         sum(params.get(m, 0) for m in group.members), complete, group.line, group.parent,
                         group.shares))
    return tuple(out)


SHARED_CHECK_PARAMS = 4_000_000  # a shared layer built to hear Keras's words about a later call: at most this big


def check_shared(spec: ModelSpec, layer: LayerSpec, in_shapes: tuple[Shape, ...], weights: tuple,
                 first: tuple) -> None:
    """A later call of a shared layer uses the weights its first call built, so its input must fit them: the
    weights this call would need have the first call's shapes. Where they do not, Keras refuses the call; its
    own words come from our layer built on the first call's input and called on this one (weights up to
    SHARED_CHECK_PARAMS; past that the explorer says it)."""
    first_shapes, first_weights, seed = first
    if tuple(w.shape for w in weights) == tuple(w.shape for w in first_weights):
        return
    original = spec.layer(layer.shares)
    built = "; ".join(f"{w.label} {shape_text(w.shape)}" for w in first_weights)
    wanted = "; ".join(f"{w.label} {shape_text(w.shape)}" for w in weights)
    first_text, this_text = (" + ".join(shape_text(s) for s in shapes) for shapes in (first_shapes, in_shapes))
    cause = Fix("shared.cause", (("layer", layer.name), ("first", original.name), ("built", first_text),
                                 ("weights", built), ("got", this_text), ("wanted", wanted)))
    fix = Fix("shared.fix", (("layer", layer.name), ("first", original.name), ("built", first_text),
                             ("cls", layer.kind)))
    if sum(w.count for w in first_weights) <= SHARED_CHECK_PARAMS:
        try:
            _keras_second_call(original, first_shapes, in_shapes, seed)
        except Exception as error:
            raise SharedMismatch(_error_text(error), "keras", cause, fix) from None
        return  # Keras takes it after all
    raise SharedMismatch(f"{layer.name} calls the layer {original.name} again, whose weights were built for "
                         f"{first_text} ({built}); this call gives {this_text}, which would need {wanted}",
                         "explorer", cause, fix)


class SharedMismatch(ValueError):
    """A later call of a shared layer whose input does not fit the weights its first call built: Keras's words
    (origin "keras") or the explorer's (a layer too big to build for them), with the cause and the fix."""

    def __init__(self, message: str, origin: str, cause: Fix, fix: Fix):
        super().__init__(message)
        self.origin, self.cause, self.fix = origin, cause, fix


def _keras_second_call(layer: LayerSpec, first_shapes: tuple[Shape, ...], in_shapes: tuple[Shape, ...],
                       seed: int) -> None:
    """Our Keras layer called symbolically on the first call's input (which builds its weights), then on this
    call's: raises what Keras raises at the second call."""
    import keras

    keras_layer = construct(layer, seed)
    kind = get_kind(layer.kind)

    def call(shapes):
        tensors = [keras.KerasTensor(shape) for shape in shapes]
        keras_layer(tensors if kind.takes_list else (tensors[0] if len(tensors) == 1 else tensors))

    call(first_shapes)
    call(in_shapes)


def check_states(layer: LayerSpec, ctx: Ctx, state_shapes: tuple[Shape, ...]) -> None:
    """initial_state= must be one (B, H) tensor per state the RNN keeps (LSTM: h and c; GRU and
    SimpleRNN: h; a Bidirectional: those of both directions). Keras checks this only when it builds."""
    if not layer.states:
        return
    directions = traits(layer.kind).directions
    rnn = layer.inner if directions > 1 and layer.inner is not None else layer
    units = rnn.arg("units")
    count = (traits(rnn.kind).states or 1) * directions
    batch = ctx.shape[0]
    wanted = tuple((batch, units) for _ in range(count))
    same = len(state_shapes) == count and all(
        len(s) == 2 and s[1] == units and (s[0] is None or batch is None or s[0] == batch) for s in state_shapes)
    if not same:
        got = ", ".join(str(s) for s in state_shapes)
        raise ShapeRefusal(f"{layer.name} ({rnn.kind}, units={units}) keeps {count} state(s) of shape "
                           f"{wanted[0]}, but initial_state= gives {len(state_shapes)}: {got}")


def _error_text(error: Exception) -> str:
    text = str(error).strip() or type(error).__name__
    return text if len(text) <= 2000 else text[:2000] + "…"


def describe_one(kind: str, args: dict, input_shapes: tuple[Shape, ...], inner: tuple[str, dict] | None = None,
                 dtype: str = "float32") -> Ctx:
    """A single layer on given input shapes (batch axis included): what the kinds' examples test."""
    namer = AxisNamer(letter_hint)
    inner_spec = LayerSpec(f"inner_{inner[0].lower()}", inner[0], tuple(sorted(inner[1].items()))) if inner else None
    layer = LayerSpec(f"layer_{kind.lower()}", kind, tuple(sorted(args.items())), inner=inner_spec)
    axes = tuple(("B",) + tuple(namer.new(f"D{i + 1}", d) for i, d in enumerate(s[1:])) for s in input_shapes)
    return describe_layer(layer, input_shapes, axes, namer)
