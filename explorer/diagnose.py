"""When a layer cannot take what flows in: a plain cause and the smallest fix.

The layer's own kind is asked first (`LayerKind.explain`); the rules here cover what is common to
every kind: the wrong number of axes, two tensors where one belongs, sizes that are unknown.
"""
from __future__ import annotations

import dataclasses
import re

from .description import Failure, named, shape_text
from .layers import get_kind, layer_code, recurrent_layer, traits
from .layers.base import AxisNamer, Ctx, Fix, FixEdit, Shape
from .spec import LayerSpec, ModelSpec

_NDIM = re.compile(r"expected (?:min_|max_)?ndim=(\d+), found ndim=(\d+)")
_COUNT = re.compile(r"expects 1 input\(s\), but it received (\d+) input tensors")


def _producer(spec: ModelSpec, layer: LayerSpec) -> LayerSpec | None:
    names = {l.name: l for l in spec.layers}
    return names.get(layer.inputs[0][0]) if layer.inputs else None


def _rnn_upstream(spec: ModelSpec, layer: LayerSpec) -> LayerSpec | None:
    """The RNN (or Bidirectional RNN) that feeds `layer` through layers that keep the rank
    (Dense, Dropout...), or None: where a time axis lost upstream was lost."""
    names = {l.name: l for l in spec.layers}
    node = _producer(spec, layer)
    while node is not None and recurrent_layer(node) is None and traits(node.kind).keeps_rank:
        node = names.get(node.inputs[0][0]) if node.inputs else None
    return node if recurrent_layer(node) is not None else None


def _with_arg(layer: LayerSpec, name: str, value) -> LayerSpec:
    """`layer` (or the RNN a Bidirectional wraps, inside it) with one argument set: the fixed layer."""
    def changed(spec: LayerSpec) -> LayerSpec:
        args = {**spec.kwargs, name: value}
        sources = tuple((k, v) for k, v in spec.sources if k != name)
        return dataclasses.replace(spec, args=tuple(sorted(args.items())), sources=sources)

    if traits(layer.kind).directions > 1 and name != "merge_mode" and layer.inner is not None:
        return dataclasses.replace(layer, inner=changed(layer.inner))
    return changed(layer)


def _arg_fix(key: str, params: tuple, layer: LayerSpec, name: str, value) -> Fix:
    """A fix that sets one argument of `layer`: its code line and the edit that writes it."""
    fixed = _with_arg(layer, name, value)
    return Fix(key, params, layer_code(fixed), FixEdit("replace", layer.name, fixed))


def _insert_fix(key: str, layer: LayerSpec, code: str) -> Fix:
    """A fix that puts a new layer (`code`) right before `layer`."""
    return Fix(key, (("layer", layer.name),), code, FixEdit("insert_before", layer.name))


def cause_of(message: str, layer: LayerSpec, in_shapes: tuple[Shape, ...], in_axes) -> Fix:
    p = {"layer": layer.name, "cls": layer.kind,
         "shape": ", ".join(shape_text(s) for s in in_shapes), "named": ", ".join(named(a) for a in in_axes)}
    m = _NDIM.search(message)
    if m:
        return Fix("cause.ndim", tuple({**p, "expected": m.group(1), "found": m.group(2)}.items()))
    m = _COUNT.search(message)
    if m:
        return Fix("cause.count", tuple({**p, "count": m.group(1)}.items()))
    if "should be defined" in message or "fully-defined" in message or "must be fully defined" in message:
        return Fix("cause.unknown_size", tuple(p.items()))
    if "zero or negative" in message or "too short" in message:
        return Fix("cause.too_short", tuple(p.items()))
    joins = traits(layer.kind).joins
    if joins == "concat" or "matching shapes" in message:
        return Fix("cause.concat", tuple(p.items()))
    if joins == "elementwise":
        return Fix("cause.merge", tuple(p.items()))
    return Fix("cause.generic", tuple(p.items()))


def fix_for(spec: ModelSpec, layer: LayerSpec, in_shapes: tuple[Shape, ...], in_axes, message: str,
            namer: AxisNamer) -> Fix | None:
    kind = get_kind(layer.kind)
    producer = _producer(spec, layer)
    m = _NDIM.search(message)
    lost_time = (m is not None and int(m.group(1)) == int(m.group(2)) + 1) or "at least 3 dimensions" in message
    upstream = _rnn_upstream(spec, layer) if lost_time else None
    if upstream is not None and not recurrent_layer(upstream).arg("return_sequences", False):
        # the time axis was dropped by an RNN further up (LSTM → Dense → TimeDistributed): fix it there
        return _arg_fix("fix.return_sequences", (("layer", upstream.name), ("rnn", recurrent_layer(upstream).name)),
                        upstream, "return_sequences", True)
    if kind is not None and in_shapes:
        try:
            own = kind.explain(Ctx(layer, in_shapes, in_axes, namer), producer)
        except Exception:  # a kind's advice must never hide the error itself
            own = None
        if own is not None:
            return own
    rnn = recurrent_layer(producer)
    m = _NDIM.search(message)
    if m:
        expected, found = int(m.group(1)), int(m.group(2))
        if expected == found + 1 and rnn is not None and not rnn.arg("return_sequences", False):
            return _arg_fix("fix.return_sequences", (("layer", producer.name), ("rnn", rnn.name)),
                            producer, "return_sequences", True)
        if expected == found + 1 and in_shapes:
            tail = tuple(d for d in in_shapes[0][1:]) + (1,)
            return _insert_fix("fix.reshape_add_axis", layer, f"layers.Reshape({tail!r})")
        if expected == found - 1 and rnn is not None and rnn.arg("return_sequences", False):
            # an RNN kept every step where this layer takes one (ConvLSTM2D → Conv2D): the last step only
            return _arg_fix("fix.return_sequences_off", (("layer", producer.name), ("rnn", rnn.name),
                                                         ("next", layer.name)), producer, "return_sequences", False)
        if expected < found and in_shapes:
            return _insert_fix("fix.flatten", layer, "layers.Flatten()")
    m = _COUNT.search(message)
    if m and producer is not None:
        if traits(producer.kind).directions > 1 and producer.arg("merge_mode", "concat") is None:
            return _arg_fix("fix.merge_mode", (("layer", producer.name),), producer, "merge_mode", "concat")
        if rnn is not None and rnn.arg("return_state", False):
            return Fix("fix.return_state", (("layer", producer.name),), "outputs, *states = ...")
    if traits(layer.kind).flattens and in_shapes and None in in_shapes[0][1:]:
        return Fix("fix.fixed_length", (("layer", layer.name),))
    return None


def diagnose(spec: ModelSpec, layer: LayerSpec, in_shapes, in_axes, parents, message: str, origin: str,
             namer: AxisNamer):
    """The Failure for this layer: where, Keras's words, a plain cause, the smallest fix."""
    return Failure(layer.name, layer.kind, layer.line, layer.col, message, origin, tuple(in_shapes), tuple(in_axes),
                   tuple(parents), cause_of(message, layer, in_shapes, in_axes),
                   fix_for(spec, layer, in_shapes, in_axes, message, namer))


def dense_on_positions(spec: ModelSpec, desc) -> Fix | None:
    """A model that builds, where a layer that multiplies the last axis (Dense) runs on an image's positions
    (an input of 4 axes or more) and the model's output keeps them: Keras raises nothing, and the model gives one
    prediction per position, (None, 5, 5, 10), where one per image was meant, so fit fails at the labels. The
    hint, with Flatten put before that layer (the fix's code and its edit); None for any other model."""
    if desc.failure is not None or not spec.outputs:
        return None
    name, index = spec.outputs[0]
    try:
        output = desc.step(name).output_shapes[index or 0]
    except (StopIteration, IndexError):
        return None
    if len(output) < 3:
        return None
    for step in desc.steps:
        received = step.input_shape
        if step.cls == "InputLayer" or received is None or len(received) < 4:
            continue
        if not traits(step.cls).contracts_last_axis or len(step.input_shapes) != 1:
            continue
        positions = " × ".join("?" if d is None else str(d) for d in received[1:-1])
        params = (("dense", step.name), ("received", shape_text(received)), ("gives", shape_text(step.output_shape)),
                  ("positions", positions), ("units", str(step.output_shape[-1])), ("output", shape_text(output)),
                  ("pooling", f"GlobalAveragePooling{len(received) - 2}D"))
        return Fix("hint.dense_positions", params, "layers.Flatten()", FixEdit("insert_before", step.name))
    return None
