"""Layers that join several tensors into one: called on a list, `layers.Add()([a, b])`. No weights.

Concatenate(axis=-1)  (B, …, F₁), (B, …, F₂) → (B, …, F₁ + F₂): the inputs side by side along
                      `axis`; every other axis must have the same size in every input (and the
                      same number of axes). Keras's `compute_output_shape` does not check this (it
                      adds up the sizes whatever the other axes are); its build does, so the
                      explorer checks it first and says which axis and sizes differ.
Add, Multiply, Average  shapes that agree → the same shape: number by number. Sizes are compared
                      from the last axis backwards; an axis of size 1 (or a missing leading one)
                      stretches to match, any other difference is an error.
Axis letters: Concatenate's axis gets a new letter for the sum ("2H" when the same letter is
joined to itself, else F (features) on the last axis or the first input's letter, with a
subscript where taken: "F₃", and the legend says it is "H + U"); the others keep the letters of the
input that gives each output size (the first input, unless it is the one stretched).
"""
from __future__ import annotations

import math

from ...axes import base_letter
from ...description import shape_text
from ...spec import LayerSpec
from ..base import MAX_RANK, ArgRule, Ctx, Example, Fix, LayerKind, Shape
from ..reshaping.kinds import ShapeRuleError
from .rules import concat_mismatch


def _input_names(spec: LayerSpec, count: int) -> tuple[str, ...]:
    """What to call each input in a message: the layer it comes from, or "input 2"."""
    if len(spec.inputs) == count:
        return tuple(name for name, _ in spec.inputs)
    return tuple(f"input {i + 1}" for i in range(count))


def _shapes_text(shapes) -> str:
    return ", ".join(shape_text(s) for s in shapes)


# -- Concatenate --------------------------------------------------------------------------------

class Concatenate(LayerKind):
    class_name = "Concatenate"
    joins, helper = "concat", "concatenate"
    positional = ("axis",)
    code_positional = 0
    takes_list = True
    rules = (ArgRule("axis", "axis", -1, -MAX_RANK, MAX_RANK),)
    examples = (
        Example({}, ((None, 10), (None, 20)), (None, 30), 0),
        Example({}, ((None, 50, 75), (None, 50, 75)), (None, 50, 150), 0),
        Example({"axis": 1}, ((None, 3, 4), (None, 5, 4)), (None, 8, 4), 0),
        Example({}, ((None, 3, 4), (None, 3, 5), (None, 3, 1)), (None, 3, 10), 0),
        Example({"axis": -2}, ((None, None, 8), (None, 4, 8)), (None, None, 8), 0),
    )

    def output_shapes(self, spec: LayerSpec, in_shapes: tuple[Shape, ...], layer) -> tuple[Shape, ...]:
        axis = spec.arg("axis", -1)
        problem = concat_mismatch(in_shapes, axis)
        names = _input_names(spec, len(in_shapes))
        shapes = _shapes_text(in_shapes)
        if problem is None:
            return super().output_shapes(spec, in_shapes, layer)
        if problem[0] == "rank":
            j = problem[1]
            raise ShapeRuleError(
                f"Concatenate needs inputs with the same number of axes: {names[0]} has {len(in_shapes[0])} and "
                f"{names[j]} has {len(in_shapes[j])}. Received shapes {shapes}.")
        if problem[0] == "range":
            raise ShapeRuleError(
                f"Concatenate(axis={axis}) joins along an axis its inputs do not have: they have {problem[1]} axes "
                f"(the batch axis included). Received shapes {shapes}.")
        _, j, position, a, b = problem
        raise ShapeRuleError(
            f"Concatenate(axis={axis}) puts its inputs side by side along axis {axis}, so every other axis must "
            f"have the same size; axis {position} differs: {names[0]} has {a}, {names[j]} has {b}. "
            f"Received shapes {shapes}.")

    def axes(self, ctx: Ctx) -> tuple[tuple[str, ...], ...]:
        joined = ctx.arg("axis", -1) % len(ctx.shape)
        letters = [axes[joined] for axes in ctx.in_axes]
        size = ctx.out_shapes[0][joined]
        if len(set(letters)) == 1 and not letters[0][0].isdigit():
            name = f"{len(letters)}{letters[0]}"
        else:  # "F+F₂ × U" in a formula would read as F + F₂·U: a letter of its own, explained in the legend
            name = "F" if joined == len(ctx.shape) - 1 else base_letter(letters[0])
        meaning = ("axis.concatenated", (("layer", ctx.spec.name), ("parts", " + ".join(letters))))
        letter = ctx.namer.new(name, size, "", meaning)
        return (ctx.axes[:joined] + (letter,) + ctx.axes[joined + 1:],)

    def explain(self, ctx: Ctx, producer: LayerSpec | None) -> Fix | None:
        axis = ctx.arg("axis", -1)
        problem = concat_mismatch(ctx.in_shapes, axis)
        names = _input_names(ctx.spec, len(ctx.in_shapes))
        base = (("layer", ctx.spec.name), ("shapes", _shapes_text(ctx.in_shapes)))
        if problem is None:
            return None
        if problem[0] == "rank":
            return Fix("fix.merge_rank", base)
        if problem[0] == "range":
            return Fix("fix.concat_axis_range", base + (("axis", str(axis)), ("rank", str(problem[1]))),
                       "layers.Concatenate(axis=-1)")
        _, j, position, a, b = problem
        params = base + (("axis", str(axis)), ("position", str(position)), ("first", names[0]),
                         ("other", names[j]), ("size", str(a)), ("other_size", str(b)))
        if position > 0 and concat_mismatch(ctx.in_shapes, position) is None:
            return Fix("fix.concat_other_axis", params, f"layers.Concatenate(axis={position})")
        return Fix("fix.concat_match", params)

    def xray(self, call):
        from .xray import concatenate_xray

        return concatenate_xray(call)

    def mistakes(self, model, layer, step, core) -> tuple:
        from .xray import concatenate_mistakes

        return tuple(concatenate_mistakes(model, layer, step, core))


# -- Add, Multiply, Average ----------------------------------------------------------------------

def broadcast_mismatch(shapes: tuple[Shape, ...]):
    """The first disagreement number-by-number layers cannot stretch away, or None:
    ("batch", j, a, b) — different batch sizes; ("size", j, position, a, b, i) — input j has size
    b where input i (the first with a size other than 1 there) has a, on axis `position` of the output."""
    known_batch = next((s[0] for s in shapes if s[0] is not None), None)
    for j, shape in enumerate(shapes):
        if shape[0] is not None and shape[0] != known_batch:
            return ("batch", j, known_batch, shape[0])
    rank = max(len(s) for s in shapes)
    for back in range(1, rank):
        seen = None  # (input, size) of the first size other than 1 met on this axis
        for j, shape in enumerate(shapes):
            if back >= len(shape) or shape[-back] in (None, 1):
                continue
            if seen is None:
                seen = (j, shape[-back])
            elif shape[-back] != seen[1]:
                return ("size", j, rank - back, seen[1], shape[-back], seen[0])
    return None


class _Elementwise(LayerKind):
    takes_list = True
    joins = "elementwise"
    ops_per_extra_input = 1  # one add or multiply per number for each input after the first
    ops_extra = 0

    def output_shapes(self, spec: LayerSpec, in_shapes: tuple[Shape, ...], layer) -> tuple[Shape, ...]:
        problem = broadcast_mismatch(in_shapes)
        if problem is None:
            return super().output_shapes(spec, in_shapes, layer)
        names = _input_names(spec, len(in_shapes))
        shapes = _shapes_text(in_shapes)
        if problem[0] == "batch":
            _, j, a, b = problem
            raise ShapeRuleError(f"{self.class_name} cannot combine different batch sizes: {a} and {b} "
                                 f"({names[j]}). Received shapes {shapes}.")
        _, j, position, a, b, first = problem
        raise ShapeRuleError(
            f"{self.class_name} combines its inputs number by number, so their shapes must match (an axis of "
            f"size 1 may stretch); axis {position} differs: {names[first]} has {a}, {names[j]} has {b}. "
            f"Received shapes {shapes}.")

    def axes(self, ctx: Ctx) -> tuple[tuple[str, ...], ...]:
        out = ctx.out_shapes[0]
        letters = [ctx.axes[0]]
        for position in range(1, len(out)):
            back = len(out) - position
            candidates = [(shape[-back], axes[-back]) for shape, axes in zip(ctx.in_shapes, ctx.in_axes)
                          if back < len(shape)]
            same = [letter for size, letter in candidates if size == out[position]]
            letters.append(same[0] if same else candidates[0][1])
        return (tuple(letters),)

    def flops(self, ctx: Ctx, params: int) -> int:
        numbers = math.prod(d or 1 for d in ctx.out_shapes[0])
        return (self.ops_per_extra_input * (len(ctx.in_shapes) - 1) + self.ops_extra) * numbers

    def explain(self, ctx: Ctx, producer: LayerSpec | None) -> Fix | None:
        problem = broadcast_mismatch(ctx.in_shapes)
        if problem is None:
            return None
        names = _input_names(ctx.spec, len(ctx.in_shapes))
        base = (("layer", ctx.spec.name), ("shapes", _shapes_text(ctx.in_shapes)))
        if problem[0] == "batch":
            return Fix("fix.merge_batch", base)
        _, j, position, a, b, first = problem
        params = base + (("position", str(position)), ("first", names[first]), ("other", names[j]),
                         ("size", str(a)), ("other_size", str(b)))
        last_only = position == max(len(s) for s in ctx.in_shapes) - 1 and \
            broadcast_mismatch(tuple(s[:-1] for s in ctx.in_shapes)) is None
        if last_only:
            return Fix("fix.merge_project", params, f"layers.Dense({a})")
        return Fix("fix.merge_match", params)

    def xray(self, call):
        from .xray import merge_xray

        return merge_xray(call)


class Add(_Elementwise):
    class_name = "Add"
    helper = "add"
    examples = (
        Example({}, ((None, 50, 64), (None, 50, 64)), (None, 50, 64), 0),
        Example({}, ((None, 3, 4), (None, 1, 4), (None, 4)), (None, 3, 4), 0),
    )


class Multiply(_Elementwise):
    class_name = "Multiply"
    helper = "multiply"
    examples = (
        Example({}, ((None, 10), (None, 10)), (None, 10), 0),
        Example({}, ((None, 5, 1), (None, 5, 8)), (None, 5, 8), 0),
    )


class Average(_Elementwise):
    class_name = "Average"
    helper = "average"
    ops_extra = 1  # the sum is multiplied by 1/n
    examples = (
        Example({}, ((None, 50, 75), (None, 50, 75)), (None, 50, 75), 0),
        Example({}, ((4, 6), (4, 6), (4, 6)), (4, 6), 0),
    )


KINDS = (Concatenate(), Add(), Multiply(), Average())
