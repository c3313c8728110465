"""The memory and compute budget of any described model (explorer/budget.py), from shapes alone, and the
message that names what does not fit (explorer/ui/messages.budget_text). The question's tagger is varied
through its named numbers, as the sidebar does. Building within the budget: tests/test_build.py."""
import os

import pytest

import explorer.build as build_module
from explorer.budget import (DEMO_BATCH, FORWARD_FLOP_BUDGET, INIT_TEMPORARY_COPIES, MEMORY_BUDGET_BYTES,
                             UNKNOWN_SIZE, description_budget)
from explorer.build import OverBudget, build
from explorer.presets import preset_code
from explorer.reader.code import read_code, set_constant
from explorer.shapes import describe
from explorer.ui.messages import budget_text

TAGGER = preset_code("tagger").split("\n# stand-ins")[0]  # the model: its training lines would set B


def tagger_code(**constants) -> str:
    """The tagger preset with some of its top-level constants set (as a sidebar change writes them)."""
    code = TAGGER
    for name, value in constants.items():
        code = set_constant(code, next(c for c in read_code(code).constants if c.name == name), value)
    return code


def described(code: str):
    spec = read_code(code).spec
    desc = describe(spec)
    assert desc.ok, desc.failure
    return spec, desc


def resident_bytes() -> int:
    """This process's resident memory now (not its peak, which earlier tests may have set)."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def test_the_default_tagger_fits_with_its_exact_weight_bytes():
    _, desc = described(TAGGER)
    budget = description_budget(desc)
    assert budget.ok and budget.weight_bytes == 740_406 * 4
    # the largest weight, the (10000, 64) embedding table, is initialized through two temporary copies
    assert [(i.layer, i.nbytes) for i in budget.items if i.kind == "initialization"] == [("embedding", 2 * 640_000 * 4)]
    # activations: three float32 copies of every output of the batch of 30 × 50 tokens
    activations = {i.layer: i.nbytes for i in budget.items if i.kind == "activations"}
    assert activations == {"tokens": 3 * 1_500 * 4, "embedding": 3 * 1_500 * 64 * 4,
                           "bidirectional": 3 * 1_500 * 75 * 4, "dense": 3 * 1_500 * 200 * 4,
                           "time_distributed": 3 * 1_500 * 6 * 4}
    # what a layer holds only while it runs: each LSTM direction its input and its 4H gate pre-activations per step
    working = {i.layer: i.nbytes for i in budget.items if i.kind == "working"}
    assert working == {"bidirectional": 2 * 1_500 * (4 * 75 + 64) * 4, "time_distributed": 2 * 1_500 * 200 * 4}
    assert (budget.largest.layer, budget.largest.kind, budget.largest.nbytes) == ("bidirectional", "working", 4_368_000)


def test_a_huge_model_is_refused_before_any_weight_or_layer_exists(monkeypatch):
    import keras

    def refuse(*args, **kwargs):
        raise AssertionError("something was allocated or built for a model over the budget")

    monkeypatch.setattr(keras.layers.Layer, "add_weight", refuse)  # describing allocates no weight either
    monkeypatch.setattr(keras, "Input", refuse)
    monkeypatch.setattr(build_module, "construct", refuse)
    before = resident_bytes()
    spec, desc = described(tagger_code(vocab_size=10_000_000, embed_dim=512))  # 20 GB of embedding weights
    budget = description_budget(desc)
    with pytest.raises(OverBudget) as info:
        build(spec, desc)
    assert resident_bytes() - before < 50 * 2**20
    assert info.value.budget == budget and not budget.fits_memory
    assert (budget.largest.layer, budget.largest.kind, budget.largest.nbytes) == (
        "embedding", "weights", 20_480_000_000)
    assert f"{budget.total_bytes:,}" in str(info.value)
    english, chinese = budget_text(budget, "en"), budget_text(budget, "zh")
    assert "The largest part is embedding weights: 20,480,000,000 bytes." in english
    assert f"{budget.total_bytes:,} bytes" in english and "268,435,456 bytes (256 MiB)" in english
    assert "embedding 的权重" in chinese and "20,480,000,000 字节" in chinese


def test_just_under_and_just_over_the_budget(monkeypatch):
    # only the embedding grows with V: its V × E float32 weights, and the two temporary copies made
    # while the largest weight is initialized; find the largest V that still fits with everything else
    per_word = (1 + INIT_TEMPORARY_COPIES) * 256 * 4
    rest = description_budget(described(tagger_code(embed_dim=256))[1]).total_bytes - 10_000 * per_word
    v_max = (MEMORY_BUDGET_BYTES - rest) // per_word
    _, under = described(tagger_code(embed_dim=256, vocab_size=v_max))
    spec, over = described(tagger_code(embed_dim=256, vocab_size=v_max + 1))
    low, high = description_budget(under), description_budget(over)
    assert high.total_bytes - low.total_bytes == per_word
    assert low.total_bytes <= MEMORY_BUDGET_BYTES < high.total_bytes
    assert low.fits_memory and not high.fits_memory
    monkeypatch.setattr(build_module, "construct", lambda *a, **k: pytest.fail("a layer was constructed"))
    with pytest.raises(OverBudget):
        build(spec, over)


def test_compute_limit_skips_only_the_forward_pass():
    # a wide BiLSTM on a moderate batch: 34 MB of weights, but 2 × 8,527,872 × (20 × 100) FLOPs in its loop
    _, desc = described(tagger_code(batch_size=20, seq_len=100, lstm_units=1024, embed_dim=16, dense_units=16))
    budget = description_budget(desc)
    assert budget.fits_memory and not budget.fits_compute and not budget.ok
    assert desc.step("bidirectional").flops == 2 * 8 * 1024 * (16 + 1024 + 1) * 20 * 100
    assert budget.forward_flops == sum(s.flops for s in desc.steps) > FORWARD_FLOP_BUDGET
    # the largest part is not always the embedding: here the BiLSTM's gates while it runs, then its weights
    assert (budget.largest.layer, budget.largest.kind, budget.largest.nbytes) == ("bidirectional", "working",
                                                                                  2 * 20 * 100 * (4 * 1024 + 16) * 4)
    assert max((i for i in budget.items if i.kind == "weights"), key=lambda i: i.nbytes).nbytes == 8 * 1024 * 1041 * 4
    text = budget_text(budget, "en")
    assert "about 34.2 GFLOP, over this app's limit of 20 GFLOP" in text


def test_unknown_batch_and_length_are_budgeted_as_the_demo_batch_and_unknown_size():
    unknown = TAGGER.replace("shape=(seq_len,), batch_size=batch_size", "shape=(None,)")
    assert unknown != TAGGER
    _, desc = described(unknown)
    _, same = described(tagger_code(batch_size=DEMO_BATCH, seq_len=UNKNOWN_SIZE))
    assert desc.step("dense").output_shape == (None, None, 200)
    assert description_budget(desc) == description_budget(same)
