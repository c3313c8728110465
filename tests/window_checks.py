"""What the windowed families' tests share (Conv, pooling, Embedding): an X-ray of a layer of pasted code,
the check that it matched on the whole batch and that its words format, and the mistakes offered."""
from __future__ import annotations


from explorer.i18n import t
from explorer.layers import get_kind
from explorer.live.base import TOLERANCE
from explorer.live.breakit import CORE
from explorer.reader.code import read_code
from explorer.shapes import describe
from live_models import call_of


def xray_of(code: str, name: str, pick=()):
    call = call_of(code, name, pick)
    return call, get_kind(call.spec.kind).xray(call)


def assert_all_match(call, xray):
    assert xray.checks, "an X-ray with nothing checked"
    for c in xray.checks:
        assert c.diff < TOLERANCE, (c.what, c.diff)
    assert xray.checks[0].size == call.y.size  # the whole batch was recomputed (small models)
    for text in (xray.summary, *xray.notes, *(g.title for g in xray.grids), *(c.what for c in xray.checks)):
        for lang in ("en", "zh"):
            t(lang, text.key, **dict(text.params))


def mistakes_of(code: str, name: str):
    spec = read_code(code).spec
    desc = describe(spec)
    layer = spec.layer(name)
    return spec, get_kind(layer.kind).mistakes(spec, layer, desc.step(name), CORE)
