"""Layers that join several tensors into one: called on a list, `layers.Add()([a, b])`. No weights.

Concatenate(axis=-1)  (B, …, F₁), (B, …, F₂) → (B, …, F₁ + F₂): the inputs side by side along
                      `axis`; every other axis must have the same size in every input (and the
                      same number of axes). Keras's `compute_output_shape` does not check this (it
                      adds up the sizes whatever the other axes are); its build does, so the
                      explorer checks it first and says which axis and sizes differ.
Add, Subtract, Multiply, Average, Maximum, Minimum  shapes that agree → the same shape: number by
                      number. Sizes are compared from the last axis backwards; an axis of size 1 (or a
                      missing leading one) stretches to match, any other difference is an error.
                      Subtract takes exactly two inputs (x₁ − x₂); Keras's `compute_output_shape`
                      does not count them (its build does), so the explorer does.
Dot(axes, normalize)  x₁ (B, …, D, …), x₂ (B, …, D, …) → x₁'s axes without its summed one, then x₂'s
                      without the batch and its summed one ((B, 1) when nothing else is left): the
                      sum of products over one axis of each input, whose sizes must be equal (Keras
                      checks that only when building). axes=2 on (B, T, F), (B, S, F) → (B, T, S).
Axis letters: Concatenate's axis gets a new letter for the sum ("2H" when the same letter is
joined to itself, else F (features) on the last axis or the first input's letter, with a
subscript where taken: "F₃", and the legend says it is "H + U"); the others keep the letters of the
input that gives each output size (the first input, unless it is the one stretched).
"""
from __future__ import annotations

import math
from dataclasses import replace

from ...axes import base_letter
from ...description import shape_text
from ...spec import LayerSpec
from ..base import MAX_RANK, ArgRule, Ctx, Example, Fix, FixEdit, LayerKind, Shape
from ..reshaping.kinds import ShapeRuleError
from .rules import concat_mismatch, dot_axes


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
            fixed = replace(ctx.spec, args=tuple(sorted({**ctx.spec.kwargs, "axis": position}.items())),
                            sources=tuple((k, v) for k, v in ctx.spec.sources if k != "axis"))
            return Fix("fix.concat_other_axis", params, f"layers.Concatenate(axis={position})",
                       FixEdit("replace", fixed.name, fixed))
        return Fix("fix.concat_match", params)

    def xray(self, call):
        from .xray import concatenate_xray

        return concatenate_xray(call)

    def mistakes(self, model, layer, step, core) -> tuple:
        from .xray import concatenate_mistakes

        return tuple(concatenate_mistakes(model, layer, step, core))


# -- Add, Subtract, Multiply, Average, Maximum, Minimum --------------------------------------------------

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


class Subtract(_Elementwise):
    class_name = "Subtract"
    helper = "subtract"
    examples = (
        Example({}, ((None, 50, 64), (None, 50, 64)), (None, 50, 64), 0),
        Example({}, ((None, 3, 4), (None, 1, 4)), (None, 3, 4), 0),
    )

    def output_shapes(self, spec: LayerSpec, in_shapes: tuple[Shape, ...], layer) -> tuple[Shape, ...]:
        if len(in_shapes) != 2:
            raise ShapeRuleError(f"A `Subtract` layer should be called on exactly 2 inputs (x₁ − x₂); "
                                 f"{len(in_shapes)} flow in: {_shapes_text(in_shapes)}.")
        return super().output_shapes(spec, in_shapes, layer)

    def explain(self, ctx: Ctx, producer: LayerSpec | None) -> Fix | None:
        if len(ctx.in_shapes) != 2:
            names = _input_names(ctx.spec, len(ctx.in_shapes))
            code = f"layers.Subtract()([{names[0]}, layers.Add()([{', '.join(names[1:])}])])"
            return Fix("fix.subtract_two", (("layer", ctx.spec.name), ("count", str(len(ctx.in_shapes))),
                                            ("first", names[0]), ("rest", ", ".join(names[1:]))), code)
        return super().explain(ctx, producer)


class Maximum(_Elementwise):
    class_name = "Maximum"
    helper = "maximum"
    examples = (
        Example({}, ((None, 10), (None, 10)), (None, 10), 0),
        Example({}, ((None, 5, 8), (None, 5, 1), (None, 8)), (None, 5, 8), 0),
    )


class Minimum(_Elementwise):
    class_name = "Minimum"
    helper = "minimum"
    examples = (
        Example({}, ((None, 7, 3), (None, 7, 3)), (None, 7, 3), 0),
        Example({}, ((4, 6), (4, 6), (4, 6)), (4, 6), 0),
    )


# -- Dot -------------------------------------------------------------------------------------------

def dot_mismatch(axes, shapes: tuple[Shape, ...]):
    """What stops Dot, or None: ("count",) not two inputs; ("pair",) axes not one or two numbers;
    ("range", j, axis) an axis input j lacks; ("batch", j) input j's summed axis is the batch axis;
    ("size", a₀, a₁, d₀, d₁) the summed axes differ in size (None differs from a number, as in Keras)."""
    if len(shapes) != 2:
        return ("count",)
    if not isinstance(axes, int) and len(axes) != 2:
        return ("pair",)
    raw = (axes, axes) if isinstance(axes, int) else tuple(axes)
    picked = dot_axes(axes, shapes)
    for j, (written, axis, shape) in enumerate(zip(raw, picked, shapes)):
        if not -len(shape) <= written < len(shape):
            return ("range", j, written)
        if axis == 0:
            return ("batch", j)
    a0, a1 = picked
    d0, d1 = shapes[0][a0], shapes[1][a1]
    if d0 != d1:
        return ("size", a0, a1, d0, d1)
    if shapes[0][0] is not None and shapes[1][0] is not None and shapes[0][0] != shapes[1][0]:
        return ("batch_size",)
    return None


def dot_axes_code(a0: int, a1: int) -> str:
    return f"layers.Dot(axes={a0})" if a0 == a1 else f"layers.Dot(axes=({a0}, {a1}))"


def matching_axes(shapes: tuple[Shape, ...]) -> tuple[int, int] | None:
    """Axes (a₀, a₁) of equal known size, to sum over instead: the same axis in both where one fits (the
    last first), else the last of the first input against the last fitting one of the second."""
    r0, r1 = len(shapes[0]), len(shapes[1])
    for a in range(min(r0, r1) - 1, 0, -1):
        if shapes[0][a] is not None and shapes[0][a] == shapes[1][a]:
            return (a, a)
    for a0 in range(r0 - 1, 0, -1):
        for a1 in range(r1 - 1, 0, -1):
            if shapes[0][a0] is not None and shapes[0][a0] == shapes[1][a1]:
                return (a0, a1)
    return None


class Dot(LayerKind):
    class_name = "Dot"
    joins, helper = "dot", "dot"
    helper_defaults = (("axes", -1),)  # Dot() needs axes; layers.dot([a, b]) sums over the last axes
    positional = ("axes", "normalize")
    code_positional = 0
    takes_list = True
    rules = (ArgRule("axes", "size_or_tuple", None, -MAX_RANK, MAX_RANK), ArgRule("normalize", "bool", False))
    examples = (
        Example({"axes": 1}, ((None, 64), (None, 64)), (None, 1), 0),
        Example({"axes": 2}, ((None, 5, 16), (None, 7, 16)), (None, 5, 7), 0),
        Example({"axes": (2, 2), "normalize": True}, ((None, 5, 16), (None, 7, 16)), (None, 5, 7), 0),
        Example({"axes": 1}, ((None, 5, 16), (None, 5, 8)), (None, 16, 8), 0),
        Example({"axes": (1, 2)}, ((None, 6), (None, 3, 6)), (None, 3), 0),
        Example({"axes": -1}, ((None, 4, 3), (None, 3)), (None, 4), 0),
    )

    def output_shapes(self, spec: LayerSpec, in_shapes: tuple[Shape, ...], layer) -> tuple[Shape, ...]:
        axes = spec.arg("axes")
        problem = dot_mismatch(axes, in_shapes)
        shapes = _shapes_text(in_shapes)
        if problem is None:
            return super().output_shapes(spec, in_shapes, layer)
        names = _input_names(spec, len(in_shapes))
        if problem[0] == "count":
            raise ShapeRuleError(f"A `Dot` layer should be called on a list of 2 inputs; {len(in_shapes)} flow in: "
                                 f"{shapes}.")
        if problem[0] == "pair":
            raise ShapeRuleError(f"Dot's axes is one axis or a pair (one axis of each input); received axes={axes}.")
        if problem[0] == "range":
            _, j, axis = problem
            raise ShapeRuleError(f"Dot(axes={axes}) sums over axis {axis} of {names[j]}, which has only "
                                 f"{len(in_shapes[j])} axes (the batch axis included). Received shapes {shapes}.")
        if problem[0] == "batch":
            raise ShapeRuleError(f"Dot(axes={axes}) cannot sum over the batch axis (axis 0): it pairs sample b of "
                                 f"one input with sample b of the other. Received shapes {shapes}.")
        if problem[0] == "batch_size":
            raise ShapeRuleError(f"Dot pairs sample b of one input with sample b of the other, so both need the same "
                                 f"batch size. Received shapes {shapes}.")
        _, a0, a1, d0, d1 = problem
        raise ShapeRuleError(
            f"Dot(axes={axes}) multiplies axis {a0} of {names[0]} with axis {a1} of {names[1]} number by number and "
            f"sums, so they must have the same size: {d0} != {d1}. Received shapes {shapes}.")

    def axes(self, ctx: Ctx) -> tuple[tuple[str, ...], ...]:
        a0, a1 = dot_axes(ctx.arg("axes"), ctx.in_shapes)
        first, second = ctx.in_axes[0], ctx.in_axes[1]
        letters = first[:a0] + first[a0 + 1:] + tuple(l for k, l in enumerate(second) if k not in (0, a1))
        if len(letters) == 1:
            meaning = ("axis.dot_single", (("layer", ctx.spec.name),))
            letters += (ctx.namer.new("P", 1, "", meaning),)
        return (letters,)

    def flops(self, ctx: Ctx, params: int) -> int:
        a0, _ = dot_axes(ctx.arg("axes"), ctx.in_shapes)
        summed = ctx.in_shapes[0][a0] or 1
        return 2 * summed * math.prod(d or 1 for d in ctx.out_shapes[0])

    def explain(self, ctx: Ctx, producer: LayerSpec | None) -> Fix | None:
        axes = ctx.arg("axes")
        problem = dot_mismatch(axes, ctx.in_shapes)
        if problem is None:
            return None
        base = (("layer", ctx.spec.name), ("shapes", _shapes_text(ctx.in_shapes)))
        if problem[0] == "count":
            return Fix("fix.dot_two", base + (("count", str(len(ctx.in_shapes))),))
        if problem[0] == "batch_size":
            return Fix("fix.merge_batch", base)
        better = matching_axes(ctx.in_shapes)
        code = dot_axes_code(*better) if better else ""
        if problem[0] in ("pair", "range", "batch"):
            return Fix("fix.dot_axes_exist", base + (("axes", literal_axes(axes)),), code or "layers.Dot(axes=-1)")
        _, a0, a1, d0, d1 = problem
        names = _input_names(ctx.spec, 2)
        params = base + (("axes", literal_axes(axes)), ("first", names[0]), ("other", names[1]),
                         ("axis", str(a0)), ("other_axis", str(a1)), ("size", str(d0)), ("other_size", str(d1)))
        if better is not None:
            return Fix("fix.dot_other_axes", params, code)
        return Fix("fix.dot_match", params)

    def xray(self, call):
        from .xray import dot_xray

        return dot_xray(call)

    def mistakes(self, model, layer, step, core) -> tuple:
        from .xray import dot_mistakes

        return dot_mistakes(model, layer, step, core)


def literal_axes(axes) -> str:
    return str(axes) if isinstance(axes, int) else f"({', '.join(map(str, axes))})"


KINDS = (Concatenate(), Add(), Subtract(), Multiply(), Average(), Maximum(), Minimum(), Dot())
