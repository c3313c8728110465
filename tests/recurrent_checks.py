"""What the recurrent family's tests and the wrappers' tests share (a wrapper runs an RNN): layer specs,
small models, an RNN X-ray of pasted code, its mistakes and their failures."""
from __future__ import annotations

import dataclasses

from explorer.layers import get_kind
from explorer.live.base import TOLERANCE
from explorer.live.breakit import CORE
from explorer.reader.code import read_code
from explorer.shapes import describe
from explorer.spec import InputSpec, LayerSpec, ModelSpec
from live_models import call_of, sequential

B, T, E, H = 3, 7, 5, 6  # batch, steps, features, units


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


def failing(spec: ModelSpec):
    d = describe(spec)
    assert d.failure is not None
    return d.failure


def seq_code(*lines: str, input_shape: str = f"({T}, {E})") -> str:
    return sequential(*lines, input_shape=input_shape, dtype="float32", batch=B)


def xray_of(code: str, name: str = "r", pick: tuple = ()):
    call = call_of(code, name, pick)
    return call, get_kind(call.spec.kind).xray(call)


def assert_all_match(xray):
    assert xray.checks, "no check was made"
    assert all(c.diff < TOLERANCE for c in xray.checks), [(c.what.key, c.diff) for c in xray.checks]


def mistakes_of(code: str, name: str):
    spec = read_code(code).spec
    layer = spec.layer(name)
    return spec, get_kind(layer.kind).mistakes(spec, layer, describe(spec).step(name), CORE)


def broken_failure(spec, mistake):
    swapped = dataclasses.replace(spec, layers=tuple(mistake.broken if l.name == mistake.layer else l
                                                     for l in spec.layers))
    return describe(swapped).failure


def xray_texts(xray):
    return ([(xray.summary.key, xray.summary.params)] + [(c.what.key, c.what.params) for c in xray.checks]
            + [(g.title.key, g.title.params) for g in xray.grids] + [(n.key, n.params) for n in xray.notes])
