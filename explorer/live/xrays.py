"""The X-ray of any layer of a built model: which layers have one, and the call each one reads."""
from __future__ import annotations

from ..kinds import get_kind
from ..live import XRAYS
from ..shapes import Description
from ..spec import ModelSpec
from .base import LayerCall, XRay
from .trace import Trace, gather


def xray_layers(desc: Description) -> tuple[str, ...]:
    """Names of the layers whose kind has an X-ray, in model order."""
    return tuple(s.name for s in desc.steps if s.cls in XRAYS)


def layer_call(model, spec: ModelSpec, desc: Description, trace: Trace, name: str,
               pick: tuple[int, ...] = ()) -> LayerCall:
    layer = next(l for l in spec.layers if l.name == name)
    return LayerCall(desc.step(name), layer, model.get_layer(name), gather(trace.tensors, layer.inputs),
                     trace.outputs(name), gather(trace.tensors, layer.states), tuple(pick))


def xray_of(model, spec: ModelSpec, desc: Description, trace: Trace, name: str,
            pick: tuple[int, ...] = ()) -> XRay | None:
    """The X-ray of layer `name`, following output element `pick`; None if its kind has none."""
    call = layer_call(model, spec, desc, trace, name, pick)
    return get_kind(call.spec.kind).xray(call)
