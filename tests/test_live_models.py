"""Every layer of every preset and of every corpus model that builds, X-rayed on its real weights:
every check below 1e-5; and which kinds have an X-ray and mistakes (a kind without them fails here)."""
from __future__ import annotations

import pytest

from explorer.kinds import REGISTRY, get_kind
from explorer.live import MISTAKES, XRAYS
from explorer.live.base import TOLERANCE
from explorer.live.breakit import mistakes_for
from explorer.live.trace import trace_cost
from explorer.live.xrays import layer_call, xray_layers
from explorer.presets import PRESETS, preset_code
from explorer.reader.code import read_code
from test_corpus import FILES, _EXPECT
from live_models import traced

BUILDS = [f for f in FILES if (m := _EXPECT.match(f.read_text().splitlines()[0])) and m.group(1)]
SOURCES = [(f"preset:{p}", preset_code(p)) for p in PRESETS] + [(f"corpus:{f.stem}", f.read_text()) for f in BUILDS]


def test_every_kind_has_an_xray():
    assert set(REGISTRY) <= set(XRAYS), sorted(set(REGISTRY) - set(XRAYS))


def test_the_kinds_learners_get_wrong_most_have_mistakes():
    assert {"Dense", "LSTM", "GRU", "SimpleRNN", "Bidirectional", "Embedding", "Conv1D", "Reshape",
            "Concatenate"} <= set(MISTAKES)


@pytest.mark.parametrize("label,code", SOURCES, ids=[s[0] for s in SOURCES])
def test_every_layer_recomputed_from_its_real_weights_matches(label, code):
    spec, desc, model, trace = traced(code)
    names = xray_layers(desc)
    assert names == tuple(s.name for s in desc.steps if s.cls != "InputLayer")
    for name in names:
        call = layer_call(model, spec, desc, trace, name, (1, 2, 3, 1))
        xray = get_kind(call.spec.kind).xray(call)
        assert xray is not None and xray.checks, name
        bad = [(c.what.key, c.diff) for c in xray.checks if not c.diff < TOLERANCE]
        assert not bad, (label, name, bad)


@pytest.mark.parametrize("preset", PRESETS)
def test_presets_trace_within_the_step_budget_and_offer_mistakes(preset):
    spec, desc, _, _ = traced(preset_code(preset))
    assert trace_cost(desc) < 3_000
    mistakes = mistakes_for(spec, desc)
    assert mistakes and len({(m.key, m.layer) for m in mistakes}) == len(mistakes)
