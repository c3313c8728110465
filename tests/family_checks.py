"""What the layer families' test files share (tests/layers/test_<family>.py): small model builders, the
checks that every word a family's shapes and fixes use exists and is used, and the X-ray helpers."""
from __future__ import annotations

import dataclasses
import string

import pytest

from explorer.i18n import catalog, t
from explorer.layers import get_kind
from explorer.live import base as live_base
from explorer.live.base import TOLERANCE
from explorer.live.breakit import CORE
from explorer.reader.code import read_code
from explorer.shapes import describe
from explorer.spec import InputSpec, LayerSpec, ModelSpec


# -- model specs -----------------------------------------------------------------------------------
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


def functional(inputs: dict[str, str], body: str, outputs: str, batch: int = 2) -> str:
    """Keras code of a functional model with these named inputs (name -> shape text)."""
    head = "".join(f'{name} = keras.Input(shape={shape}, batch_size={batch}, name="{name}")\n'
                   for name, shape in inputs.items())
    return (f"import keras\nfrom keras import layers\n\n{head}{body}\n"
            f"model = keras.Model([{', '.join(inputs)}], {outputs})\n")


# -- a family's words for shapes and fixes -----------------------------------------------------------
def fills(key, params, code):
    """The text of key formats in both languages with the fix's params (and its code)."""
    for lang in ("en", "zh"):
        text = catalog(lang)[key]
        fields = {f for _, f, _, _ in string.Formatter().parse(text) if f}
        assert fields <= set(dict(params)) | {"code"}, (key, lang, fields)
        text.format(**dict(params), code=code)


def catalog_tests(ok: list, failing: list, words_en: dict, lead_keys=frozenset(), also_used: tuple = ()):
    """The three checks of a family's words, as test functions for its test module to bind to test_ names:
    every fix of a failing model has words that fill; every axis meaning of every model has words; every
    word of the family (words_en: key -> English) is used by one of these models (and `also_used`)."""

    @pytest.mark.parametrize("index", range(len(failing)))
    def every_fix_key_exists_and_fills(index):
        d = describe(failing[index])
        fix = d.failure.fix
        assert fix is not None, d.failure.message
        assert fix.key in words_en or fix.key in lead_keys
        fills(fix.key, fix.params, fix.code)

    @pytest.mark.parametrize("index", range(len(ok) + len(failing)))
    def every_axis_meaning_key_exists(index):
        d = describe((ok + failing)[index])
        assert d.ok == (index < len(ok)), d.failure and d.failure.message
        for axis in d.axes:
            for lang in ("en", "zh"):
                catalog(lang)[axis.meaning_key].format(**dict(axis.meaning_params))

    def every_string_of_the_catalog_is_used():
        used = set()
        for spec in [*ok, *failing, *also_used]:
            d = describe(spec)
            used |= {a.meaning_key for a in d.axes}
            if d.failure and d.failure.fix:
                used.add(d.failure.fix.key)
        assert set(words_en) <= used, set(words_en) - used

    return every_fix_key_exists_and_fills, every_axis_meaning_key_exists, every_string_of_the_catalog_is_used


# -- X-rays -----------------------------------------------------------------------------------------
def xray(call):
    """The kind's X-ray of this call, every check of it passing."""
    result = get_kind(call.spec.kind).xray(call)
    assert result is not None and result.checks, result
    assert all(check.ok for check in result.checks), [(c.what, c.diff) for c in result.checks]
    assert result.largest_diff < TOLERANCE
    return result


def note(result, key: str) -> dict[str, str]:
    found = [dict(n.params) for n in result.notes if n.key == key]
    assert found, [n.key for n in result.notes]
    return found[0]


def texts(result):
    """Every Text the X-ray shows: summary, checks, grid and heatmap titles (and axes), notes and the code's notes."""
    yield result.summary
    yield from (c.what for c in result.checks)
    yield from (g.title for g in result.grids)
    yield from (h.title for h in result.heats)
    yield from (a for h in result.heats for a in (h.rows, h.cols) if isinstance(a, live_base.Text))
    yield from result.notes
    if not isinstance(result.code, str):  # a plain str has no notes
        yield from (line.note for line in result.code if isinstance(line.note, live_base.Text))


def code_lines(code, lang: str) -> list[str]:
    """An X-ray's code as the page shows it in this language, line by line."""
    return live_base.code_text(code, lambda n: t(lang, n.key, **dict(n.params))).splitlines()


# -- common mistakes --------------------------------------------------------------------------------
def mistakes(code: str, name: str):
    """The kind's mistakes for layer `name` of this code; each broken layer really breaks the model."""
    spec = read_code(code).spec
    layer = spec.layer(name)
    found = get_kind(layer.kind).mistakes(spec, layer, describe(spec).step(name), CORE)
    for mistake in found:
        if mistake.broken is not None:
            layers = tuple(mistake.broken if l.name == name else l for l in spec.layers)
            assert describe(dataclasses.replace(spec, layers=layers)).failure is not None
    return found
