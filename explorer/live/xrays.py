"""The X-ray of any layer of a built model: which layers have one, and the call each one reads.

A layer a wrapper runs has its own X-ray too, under "wrapper/inner", named by the wrapper's kind
(`inner_xrays`): the Dense inside TimeDistributed(Dense) (the question's head) reads the wrapper's
input and output, which are the inner layer's on every time step at once; the forward and the
backward copy of the RNN inside Bidirectional ("bidirectional/forward_lstm",
"bidirectional/backward_lstm") each show their own steps and gates on the wrapper's input.
"""
from __future__ import annotations

from ..layers import get_kind, traits
from ..shapes import Description
from ..spec import ModelSpec
from .base import LayerCall, XRay
from .trace import Trace, gather

INNER = "/"  # "time_distributed/dense_1": the layer TimeDistributed wraps


def xray_layers(desc: Description, spec: ModelSpec | None = None) -> tuple[str, ...]:
    """Names of the layers whose kind has an X-ray, in model order (a shared layer once, at its first call);
    with the spec, the layers a wrapper runs follow it as "wrapper/inner" when their kind has one."""
    inner = {l.name: get_kind(l.kind).inner_xrays(l) for l in spec.layers
             if traits(l.kind).wraps and l.inner is not None} if spec else {}
    names: list[str] = []
    for s in desc.steps:
        if s.shares:  # a later call of a shared layer: its first call's X-ray shows the weights they share
            continue
        if _has_xray(s.cls):
            names.append(s.name)
        names += [f"{s.name}{INNER}{name}" for name in inner.get(s.name, ())]
    return tuple(names)


def _has_xray(class_name: str) -> bool:
    kind = get_kind(class_name)
    return kind is not None and kind.has_xray


def _outer_call(model, spec: ModelSpec, desc: Description, trace: Trace, name: str,
                pick: tuple[int, ...]) -> LayerCall:
    layer = next(l for l in spec.layers if l.name == name)
    return LayerCall(desc.step(name), layer, model.get_layer(layer.keras_name), gather(trace.tensors, layer.inputs),
                     trace.outputs(name), gather(trace.tensors, layer.states), tuple(pick))


def layer_call(model, spec: ModelSpec, desc: Description, trace: Trace, name: str,
               pick: tuple[int, ...] = ()) -> LayerCall:
    """The call of layer `name` ("wrapper/inner": the wrapped layer, as its wrapper's kind gives it)."""
    outer, _, inner = name.partition(INNER)
    call = _outer_call(model, spec, desc, trace, outer, pick)
    return get_kind(call.spec.kind).inner_call(call, inner, name) if inner else call


def xray_of(model, spec: ModelSpec, desc: Description, trace: Trace, name: str,
            pick: tuple[int, ...] = ()) -> XRay | None:
    """The X-ray of layer `name` ("wrapper/inner" for a wrapped layer), following output element
    `pick` (of the wrapper's output for a wrapped layer); None if its kind has none."""
    outer, _, inner = name.partition(INNER)
    call = _outer_call(model, spec, desc, trace, outer, pick)
    kind = get_kind(call.spec.kind)
    return kind.inner_xray(call, inner, name) if inner else kind.xray(call)
