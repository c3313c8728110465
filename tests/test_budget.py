import resource

import pytest

import explorer.model as model_module
from explorer.budget import MEMORY_BUDGET_BYTES, check_budget
from explorer.config import Config
from explorer.model import BudgetExceeded, build_model


def test_default_fits():
    budget = check_budget(Config())
    assert budget.ok and budget.weight_bytes == 740_406 * 4


def test_huge_configuration_is_refused_before_anything_is_built(monkeypatch):
    def no_build(*args, **kwargs):
        raise AssertionError("a layer was constructed for a refused configuration")

    monkeypatch.setattr(model_module.keras, "Input", no_build)
    monkeypatch.setattr(model_module, "make_layers", no_build)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    cfg = Config(vocab_size=1_000_000, embed_dim=1024, lstm_units=512, batch_size=512, seq_len=500)
    with pytest.raises(BudgetExceeded) as info:
        build_model(cfg)
    grown_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert grown_kib < 50 * 1024
    budget = info.value.budget
    assert (budget.largest.layer, budget.largest.kind, budget.largest.nbytes) == ("embedding", "weights", 4_096_000_000)
    assert f"{budget.largest.nbytes:,}" in str(info.value)


def test_largest_part_is_named():
    budget = check_budget(Config(vocab_size=1_000_000, embed_dim=128))
    assert not budget.fits_memory
    assert (budget.largest.layer, budget.largest.kind, budget.largest.nbytes) == ("embedding", "weights", 512_000_000)


def test_just_under_and_just_over_the_budget():
    # the embedding: V × E × 4 bytes, plus two temporary copies while it is initialized; find the largest V
    # that still fits with everything else
    per_row = 3 * 256 * 4
    base = Config(embed_dim=256)
    other = check_budget(base).total_bytes - base.vocab_size * per_row
    v_max = (MEMORY_BUDGET_BYTES - other) // per_row
    assert check_budget(Config(embed_dim=256, vocab_size=v_max)).fits_memory
    assert not check_budget(Config(embed_dim=256, vocab_size=v_max + 1)).fits_memory


def test_compute_limit_skips_only_the_forward_pass():
    cfg = Config(batch_size=512, seq_len=500, lstm_units=96, embed_dim=16, dense_units=16)
    budget = check_budget(cfg)
    assert budget.fits_memory or not budget.fits_compute
    assert not budget.fits_compute
