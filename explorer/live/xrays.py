"""The X-ray of any layer of a built model: which layers have one, and the call each one reads.

A layer wrapped in TimeDistributed has its own X-ray too, under "wrapper/inner" (the Dense inside
TimeDistributed(Dense) is the question's head): it reads the wrapper's input and output, which are
the inner layer's on every time step at once.
"""
from __future__ import annotations

import dataclasses

from ..layers import get_kind, traits
from ..shapes import Description
from ..spec import ModelSpec
from .base import LayerCall, XRay
from .trace import Trace, gather

INNER = "/"  # "time_distributed/dense_1": the layer TimeDistributed wraps


def xray_layers(desc: Description, spec: ModelSpec | None = None) -> tuple[str, ...]:
    """Names of the layers whose kind has an X-ray, in model order; with the spec, each layer a
    TimeDistributed wraps follows its wrapper as "wrapper/inner" when its kind has one."""
    inner = {l.name: l.inner for l in spec.layers if traits(l.kind).per_step and l.inner is not None} if spec else {}
    names: list[str] = []
    for s in desc.steps:
        if _has_xray(s.cls):
            names.append(s.name)
        if s.name in inner and _has_xray(inner[s.name].kind):
            names.append(f"{s.name}{INNER}{inner[s.name].name}")
    return tuple(names)


def _has_xray(class_name: str) -> bool:
    kind = get_kind(class_name)
    return kind is not None and kind.has_xray


def layer_call(model, spec: ModelSpec, desc: Description, trace: Trace, name: str,
               pick: tuple[int, ...] = ()) -> LayerCall:
    outer, _, inner = name.partition(INNER)
    layer = next(l for l in spec.layers if l.name == outer)
    step = desc.step(outer)
    keras_layer = model.get_layer(outer)
    if inner:  # the wrapped layer, on the wrapper's input and output
        step = dataclasses.replace(step, name=name, cls=layer.inner.kind, inner_cls="")
        layer, keras_layer = layer.inner, keras_layer.layer
        return LayerCall(step, layer, keras_layer, gather(trace.tensors, next(
            l for l in spec.layers if l.name == outer).inputs), trace.outputs(outer), (), tuple(pick))
    return LayerCall(step, layer, keras_layer, gather(trace.tensors, layer.inputs), trace.outputs(outer),
                     gather(trace.tensors, layer.states), tuple(pick))


def xray_of(model, spec: ModelSpec, desc: Description, trace: Trace, name: str,
            pick: tuple[int, ...] = ()) -> XRay | None:
    """The X-ray of layer `name` ("wrapper/inner" for a wrapped layer), following output element
    `pick`; None if its kind has none."""
    call = layer_call(model, spec, desc, trace, name, pick)
    return get_kind(call.spec.kind).xray(call)
