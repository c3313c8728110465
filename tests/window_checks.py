"""What the windowed families' tests share (Conv, pooling, Embedding): an X-ray of a layer of pasted code,
the check that it matched on the whole batch and that its words format, and the mistakes offered."""
from __future__ import annotations

import string

import pytest


from explorer.i18n import catalog, t
from explorer.layers import REGISTRY, get_kind
from explorer.layers.base import AxisNamer, Ctx
from explorer.live.base import TOLERANCE
from explorer.live.breakit import CORE
from explorer.reader.code import read_code
from explorer.shapes import describe
from explorer.spec import InputSpec, LayerSpec, ModelSpec
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


# -- shapes and fixes of the windowed kinds -----------------------------------------------------------
def layer(name, kind, parent, **args):
    return LayerSpec(name, kind, tuple(sorted(args.items())), ((parent, None),))


def model(shape, *specs, dtype="float32"):
    return ModelSpec((InputSpec("inp", shape, dtype),), specs, ((specs[-1].name, None),))


def fields(text):
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


def fix_ctx(kind, args, shape):
    """What `kind` with `args` receives on an input of `shape`, to ask it for a fix."""
    spec = LayerSpec(f"my_{kind.lower()}", kind, tuple(sorted(args.items())))
    axes = ("B",) + tuple("TF" if len(shape) == 3 else "HWC" if len(shape) == 4 else "F")[: len(shape) - 1]
    return Ctx(spec, (shape,), (axes,), AxisNamer())


def fix_tests(fixes: list, words_en: dict):
    """A family's fix checks, for its test module to bind to test_ names: each case (kind, args, input shape,
    producer, fix key, fix code) gets that fix, whose words fill in both languages; every fix word is given."""

    @pytest.mark.parametrize("kind,args,shape,producer,key,code", fixes, ids=[f"{f[0]}-{f[4]}" for f in fixes])
    def each_fix(kind, args, shape, producer, key, code):
        fix = REGISTRY[kind].explain(fix_ctx(kind, args, shape), producer)
        assert (fix.key, fix.code) == (key, code)
        params = dict(fix.params, code=fix.code)
        for lang in ("en", "zh"):
            used = fields(catalog(lang)[key])
            assert used <= set(params) and ("code" in used) == bool(code)
            text = t(lang, key, **params)
            assert all(params[name] in text for name in used) and "{" not in text

    def every_fix_key_of_the_catalog_is_given_by_some_case():
        given = {case[4] for case in fixes}
        assert given == {k for k in words_en if k.startswith("fix.")}

    return each_fix, every_fix_key_of_the_catalog_is_given_by_some_case
