"""Building a ModelSpec: the same weights every time, Keras's own words when a layer refuses its input
while building, and nothing allocated over the budget."""
import dataclasses
from pathlib import Path

import numpy as np
import pytest

from explorer.build import OverBudget, build
from explorer.presets import preset_code
from explorer.reader.code import read_code
from explorer.shapes import describe


def spec_of(code: str):
    return read_code(code).spec


def test_the_default_preset_builds_with_the_question_numbers_and_seeded_weights():
    spec = spec_of(preset_code("tagger"))
    desc = describe(spec)
    first, second = build(spec, desc), build(spec, desc)
    assert first.failure is None and first.model.count_params() == desc.total_params == 740_406
    assert [tuple(l.output.shape) for l in first.model.layers[1:]] == [s.output_shape for s in desc.steps[1:]]
    for a, b in zip(first.model.weights, second.model.weights):
        assert np.array_equal(a.numpy(), b.numpy())  # seeded initializers: every visitor sees the same model


def test_a_layer_keras_refuses_while_building_becomes_the_failure_with_keras_words():
    good = spec_of(preset_code("stacked_bilstm"))
    # the second BiLSTM now gets (B, H) from a first one that returns only its last step
    first = good.layers[1]
    inner = dataclasses.replace(first.inner, args=tuple((k, v) for k, v in first.inner.args if k != "return_sequences"))
    bad = dataclasses.replace(good, layers=(good.layers[0], dataclasses.replace(first, inner=inner)) + good.layers[2:])
    built = build(bad, describe(good))  # the description of the good model lets the build go ahead
    assert built.model is None
    assert built.failure.layer == good.layers[2].name and built.failure.origin == "keras"
    assert "expected ndim=3, found ndim=2" in built.failure.message
    assert built.failure.fix.key == "fix.return_sequences"
    assert "return_sequences=True" in built.failure.fix.code


def test_over_budget_raises_before_any_layer_is_built(monkeypatch):
    import explorer.build as build_module

    spec = spec_of(preset_code("tagger").replace("vocab_size = 10000", "vocab_size = 5000000"))
    desc = describe(spec)
    monkeypatch.setattr(build_module, "construct", lambda *a, **k: pytest.fail("a layer was constructed"))
    with pytest.raises(OverBudget) as info:
        build(spec, desc)
    assert info.value.budget.largest.layer == "embedding"


SEQ2SEQ = Path(__file__).parent / "corpus" / "seq2seq_initial_state.py"


def test_encoder_states_start_the_decoder_and_the_build_passes_them():
    spec = spec_of(SEQ2SEQ.read_text())
    decoder = spec.layers[1]
    assert decoder.kind == "LSTM" and decoder.states == (("lstm", 1), ("lstm", 2))
    desc = describe(spec)
    assert desc.ok and desc.step("lstm_1").parents == ("input_layer_1", "lstm")  # the diagram draws the edge
    built = build(spec, desc)
    assert built.failure is None and built.model.count_params() == desc.total_params == 718_173


def test_initial_state_of_the_wrong_count_is_refused_before_keras_would_fail_at_the_first_call():
    code = SEQ2SEQ.read_text().replace("encoder_states = [state_h, state_c]", "encoder_states = [state_h]")
    desc = describe(spec_of(code))
    assert desc.failure.layer == "lstm_1" and desc.failure.origin == "explorer"
    assert "keeps 2 state(s) of shape (None, 256), but initial_state= gives 1" in desc.failure.message
