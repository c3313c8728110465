"""Memory and compute budget, computed from the Config alone, before anything is allocated.

Keras allocates every weight when a layer is built, so a hostile vocabulary size could take the
server down. `check_budget` is consulted before any model is built (see `explorer.model`).
Weight bytes are exact (tests compare them with the built model); activation bytes estimate the
tensors that one forward pass and the live demonstration hold at once, in float32.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from .config import Config

BYTES_PER_FLOAT = 4
# A Keras initializer fills a new tensor and scales it before the variable takes it: while the largest
# weight is initialized, two temporary copies of it exist (measured: building the largest model the
# budget allowed peaked at ≈ 3 × its embedding table), so they count against the budget too.
INIT_TEMPORARY_COPIES = 2
MEMORY_BUDGET_BYTES = 256 * 1024 * 1024
FORWARD_FLOP_BUDGET = 20e9


@dataclass(frozen=True)
class BudgetItem:
    layer: str
    kind: str  # "weights", "activations" or "initialization" (temporary copies while weights are filled)
    nbytes: int


@dataclass(frozen=True)
class Budget:
    items: tuple[BudgetItem, ...]
    forward_flops: int
    limit_bytes: int = MEMORY_BUDGET_BYTES
    limit_flops: float = FORWARD_FLOP_BUDGET

    @property
    def total_bytes(self) -> int:
        return sum(i.nbytes for i in self.items)

    @property
    def weight_bytes(self) -> int:
        return sum(i.nbytes for i in self.items if i.kind == "weights")

    @property
    def largest(self) -> BudgetItem:
        """The largest weight or activation tensor (what a learner can change)."""
        return max((i for i in self.items if i.kind != "initialization"), key=lambda i: i.nbytes)

    @property
    def fits_memory(self) -> bool:
        return self.total_bytes <= self.limit_bytes

    @property
    def fits_compute(self) -> bool:
        return self.forward_flops <= self.limit_flops

    @property
    def ok(self) -> bool:
        return self.fits_memory and self.fits_compute


def weight_counts(cfg: Config) -> dict[str, int]:
    """Parameters per layer: V·E; 2·4H(E+H+1); F·U+U; U·C+C."""
    h, e, f, u, c = cfg.lstm_units, cfg.embed_dim, cfg.features, cfg.dense_units, cfg.head_units
    return {
        "embedding": cfg.vocab_size * e,
        "bidirectional": 2 * 4 * h * (e + h + 1),
        "dense": f * u + u,
        "time_distributed": u * c + c,
    }


def forward_flops(cfg: Config) -> int:
    """Multiply-adds ×2 of one forward pass: the two LSTM directions dominate."""
    bt = cfg.batch_size * cfg.seq_len
    h, e, f, u, c = cfg.lstm_units, cfg.embed_dim, cfg.features, cfg.dense_units, cfg.head_units
    return 2 * bt * (2 * 4 * h * (e + h) + f * u + u * c)


def check_budget(cfg: Config) -> Budget:
    """Bytes of weights, of initializing them, and of the activations of one forward pass plus the demonstration."""
    bt = cfg.batch_size * cfg.seq_len
    e, h, f, u, c = cfg.embed_dim, cfg.lstm_units, cfg.features, cfg.dense_units, cfg.head_units
    items = [BudgetItem(name, "weights", n * BYTES_PER_FLOAT) for name, n in weight_counts(cfg).items()]
    activations = {
        "tokens": bt,
        "embedding": bt * e,
        # each direction keeps its own (B, T, H) output and a time-reversed copy of its input
        "bidirectional": 2 * bt * (h + e) + bt * f,
        # layer output, H.reshape(-1, F) copy, matmul result, tensordot result
        "dense": 3 * bt * u + bt * f,
        # TimeDistributed output, Dense applied directly, per-step version
        "time_distributed": 3 * bt * c,
    }
    items += [BudgetItem(name, "activations", n * BYTES_PER_FLOAT) for name, n in activations.items()]
    biggest = max(items[:4], key=lambda i: i.nbytes)
    items.append(BudgetItem(biggest.layer, "initialization", INIT_TEMPORARY_COPIES * biggest.nbytes))
    return Budget(tuple(items), forward_flops(cfg))


# -- any model ---------------------------------------------------------------------------------
DEMO_BATCH = 2  # the batch the live numbers use when the code names none
UNKNOWN_SIZE = 16  # a None axis other than the batch (a variable time length), for estimates only
ACTIVATION_COPIES = 3  # a layer's output, plus the copies the live checks make of it


def concrete(shape: tuple[int | None, ...], batch: int) -> tuple[int, ...]:
    """The shape with the batch filled in and any other unknown size taken as UNKNOWN_SIZE."""
    return tuple((batch if i == 0 else UNKNOWN_SIZE) if d is None else d for i, d in enumerate(shape))


def description_budget(desc) -> Budget:
    """The budget of any described model (explorer.shapes.Description), from shapes alone:
    exact weight bytes (float32), its activations in one forward pass with the live checks' copies,
    the initializer's temporary copies of the largest weight, and the forward pass's FLOPs."""
    batch = desc.batch_size or DEMO_BATCH
    items: list[BudgetItem] = []
    flops = 0
    for step in desc.steps:
        if step.params:
            items.append(BudgetItem(step.name, "weights", step.params * BYTES_PER_FLOAT))
        elements = sum(math.prod(concrete(s, batch)) for s in step.output_shapes)
        items.append(BudgetItem(step.name, "activations", ACTIVATION_COPIES * elements * BYTES_PER_FLOAT))
        # kinds count FLOPs for the batch in their shapes; scale to the batch actually run
        shape_batch = step.output_shapes[0][0] if step.output_shapes and step.output_shapes[0] else None
        flops += step.flops if shape_batch else step.flops * batch
    weights = [i for i in items if i.kind == "weights"]
    if weights:
        biggest = max(weights, key=lambda i: i.nbytes)
        items.append(BudgetItem(biggest.layer, "initialization", INIT_TEMPORARY_COPIES * biggest.nbytes))
    return Budget(tuple(items), flops)
