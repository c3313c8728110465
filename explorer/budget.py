"""Memory and compute budget of any described model, from its shapes alone, before anything is allocated.

Keras allocates every weight when a layer is built, so one hostile number (a vocabulary of a billion
words) could take the server down. `description_budget(describe(spec))` is computed without weights,
and `explorer.build.build` refuses (OverBudget) before constructing a layer when it does not fit.
Weight bytes are exact (tests compare them with the built model); activation bytes estimate the
tensors that one forward pass and the live checks hold at once, in float32; FLOPs are the kinds' counts.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from .layers import recurrent_kind, traits

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


DEMO_BATCH = 2  # the batch the live numbers use when the code names none
UNKNOWN_SIZE = 16  # a None axis other than the batch (a variable time length), for estimates only
ACTIVATION_COPIES = 3  # a layer's output, plus the copies the live checks make of it


def concrete(shape: tuple[int | None, ...], batch: int) -> tuple[int, ...]:
    """The shape with the batch filled in and any other unknown size taken as UNKNOWN_SIZE."""
    return tuple((batch if i == 0 else UNKNOWN_SIZE) if d is None else d for i, d in enumerate(shape))


def _unknown_axes(step) -> int:
    """How many unknown sizes (other than the batch) a step's FLOP count took as 1, where the forward
    pass runs UNKNOWN_SIZE: the most of any output, or of all inputs together (attention multiplies
    its queries' length by its values'). Conservative: two inputs to a cheap merge count twice."""
    def unknown(shapes) -> int:
        return sum(d is None for shape in shapes for d in shape[1:])

    return max([unknown(step.input_shapes)] + [unknown((s,)) for s in step.output_shapes])


def working_elements(step, batch: int) -> int:
    """Floats a layer holds only while it runs, beyond its output (measured here with a batch of
    1,254 × 50): a recurrent layer keeps its input and every step's gate pre-activations, per
    direction (a Bidirectional(LSTM) peaked at 10× its output); a layer that holds copies of its
    input (TimeDistributed folds it into the batch axis and back) holds those."""
    if step.input_shape is None:
        return 0
    inputs = math.prod(concrete(step.input_shape, batch))
    kind, rnn = traits(step.cls), recurrent_kind(step.cls, step.inner_cls)
    if rnn is not None and len(step.input_shape) >= 3:
        merged = kind.directions if step.arg("merge_mode", "concat") == "concat" else 1
        units = step.output_shape[-1] // merged
        positions = inputs // concrete(step.input_shape, batch)[-1]
        return kind.directions * positions * (rnn.gates * units + step.input_shape[-1])
    return kind.working_copies * inputs


def description_budget(desc) -> Budget:
    """The budget of any described model (explorer.shapes.Description), from shapes alone:
    exact weight bytes (float32), its activations in one forward pass with the live checks' copies,
    the initializer's temporary copies of the largest weight, and the FLOPs of the forward pass as it runs
    (explorer.live.trace: the batch, or DEMO_BATCH; an unknown length, UNKNOWN_SIZE)."""
    batch = desc.batch_size or DEMO_BATCH
    items: list[BudgetItem] = []
    flops = 0
    for step in desc.steps:
        if step.params:
            items.append(BudgetItem(step.name, "weights", step.params * BYTES_PER_FLOAT))
        elements = sum(math.prod(concrete(s, batch)) for s in step.output_shapes)
        items.append(BudgetItem(step.name, "activations", ACTIVATION_COPIES * elements * BYTES_PER_FLOAT))
        working = working_elements(step, batch)
        if working:
            items.append(BudgetItem(step.name, "working", working * BYTES_PER_FLOAT))
        # kinds count FLOPs for the batch in their shapes; scale to the batch actually run
        shape_batch = step.output_shapes[0][0] if step.output_shapes and step.output_shapes[0] else None
        flops += (step.flops if shape_batch else step.flops * batch) * UNKNOWN_SIZE ** _unknown_axes(step)
    weights = [i for i in items if i.kind == "weights"]
    if weights:
        biggest = max(weights, key=lambda i: i.nbytes)
        items.append(BudgetItem(biggest.layer, "initialization", INIT_TEMPORARY_COPIES * biggest.nbytes))
    return Budget(tuple(items), flops)
