"""Layers that rearrange the same numbers into another shape: no weights, no arithmetic.

Flatten       (B, d₁, d₂, …) → (B, d₁·d₂·…). Every non-batch size must be known: Keras itself gives
              (B, None) for (B, None, 8), and the next Dense then cannot create its kernel, so the
              description stops at Flatten with the fix "give the input a fixed length".
              (B,) → (B, 1).
Reshape       (B, …) → (B, *target_shape); one entry may be -1 (Keras works it out). The element
              count per example must stay the same (Keras's own error when it does not).
Permute       (B, d₁, d₂, …) → the axes in the order `dims` (1-based; the batch axis stays first).
RepeatVector  (B, F) → (B, n, F): the same vector n times, a new time axis.

Axis letters: Flatten names its axis by the letters it merges ("T·E"); Reshape keeps a letter where
an output size continues an input axis, names a merge the same way, and gives new sizes a new
letter; Permute moves the letters; RepeatVector adds "T" of size n.
"""
from __future__ import annotations

import math

from ...description import shape_text
from ...spec import LayerSpec
from ..base import MAX_RANK, MAX_SIZE, ArgRule, Ctx, Example, Fix, LayerKind, Shape, ShapeRefusal

LONGEST_JOINED_NAME = 8  # letters joined into one name ("T·E") stay short; longer falls back


class ShapeRuleError(ShapeRefusal):
    """A rule Keras enforces only when it builds (or never, leaving a None the next layer cannot
    use), checked by the explorer before anything is built."""


def joined_name(letters: list[str], sep: str, fallback: str) -> str:
    """Letters merged into one axis: ['T', 'E'] -> 'T·E' (short enough), else the fallback."""
    if len(letters) == 1:
        return letters[0]
    name = sep.join(letters)
    return name if 1 < len(letters) <= 3 and len(name) <= LONGEST_JOINED_NAME else fallback


def one_letter(ctx: Ctx) -> str:
    """An axis of size 1 is written "1": it holds one number and adds nothing to a count."""
    return ctx.namer.new("1", 1, "", ("axis.one", (("layer", ctx.spec.name),)))


def merged_letter(ctx: Ctx, sizes: Shape, letters: tuple[str, ...], size: int | None, meaning: str) -> str:
    """The letter of an axis that holds several input axes (sizes of 1 add nothing to the name)."""
    parts = [letter for letter, d in zip(letters, sizes) if d != 1]
    if not parts:
        return one_letter(ctx)
    name = joined_name(parts, "·", "F")
    return ctx.namer.new(name, size, "", (meaning, (("layer", ctx.spec.name), ("parts", "·".join(parts)))))


class Flatten(LayerKind):
    class_name = "Flatten"
    flattens = True
    positional = ("data_format",)
    code_positional = 0
    rules = (ArgRule("data_format", "choice", None, choices=("channels_last", "channels_first", None), neutral=True),)
    examples = (
        Example({}, (None, 50, 64), (None, 3_200), 0),
        Example({}, (None, 28, 28, 1), (None, 784), 0),
        Example({}, (None, 10), (None, 10), 0),
        Example({}, (None,), (None, 1), 0),
        Example({"data_format": "channels_first"}, (None, 3, 4, 5), (None, 60), 0),
    )

    def output_shapes(self, spec: LayerSpec, in_shapes: tuple[Shape, ...], layer) -> tuple[Shape, ...]:
        shape = in_shapes[0]
        unknown = [i for i, d in enumerate(shape) if i > 0 and d is None]
        if unknown:
            raise ShapeRuleError(
                f"Flatten cannot count its output features: axis {unknown[0]} of the input {shape_text(shape)} "
                f"has no fixed size (None), so Keras would give {shape_text((shape[0], None))} and the next layer "
                "could not create its weights. The flattened sizes must be fully defined.")
        return super().output_shapes(spec, in_shapes, layer)

    def axes(self, ctx: Ctx) -> tuple[tuple[str, ...], ...]:
        size = ctx.out_shapes[0][1]
        return ((ctx.axes[0], merged_letter(ctx, ctx.shape[1:], ctx.axes[1:], size, "axis.flattened")),)

    def explain(self, ctx: Ctx, producer: LayerSpec | None) -> Fix | None:
        if None in ctx.shape[1:]:
            return Fix("fix.fixed_length", (("layer", ctx.spec.name),))
        return None

    def xray(self, call):
        from .xray import flatten_xray

        return flatten_xray(call)

    def mistakes(self, model, layer, step, core) -> tuple:
        from .xray import flatten_mistakes

        return tuple(flatten_mistakes(model, layer, step, core))


class Reshape(LayerKind):
    class_name = "Reshape"
    positional = ("target_shape",)
    rules = (ArgRule("target_shape", "shape", None, -1, MAX_SIZE),)
    examples = (
        Example({"target_shape": (10, 4)}, (None, 5, 8), (None, 10, 4), 0),
        Example({"target_shape": (-1, 4)}, (None, 5, 8), (None, 10, 4), 0),
        Example({"target_shape": (50, 64, 1)}, (None, 50, 64), (None, 50, 64, 1), 0),
        Example({"target_shape": (3_200,)}, (None, 50, 64), (None, 3_200), 0),
        Example({"target_shape": (28, 28, 1)}, (None, 784), (None, 28, 28, 1), 0),
        Example({"target_shape": (-1, 4)}, (None, None, 8), (None, None, 4), 0),
    )

    def axes(self, ctx: Ctx) -> tuple[tuple[str, ...], ...]:
        sizes, letters = ctx.shape[1:], ctx.axes[1:]
        targets = ctx.out_shapes[0][1:]
        out: list[str] = []
        at = 0  # the next input axis an output size may continue
        while len(out) < len(targets):
            size = targets[len(out)]
            if size != 1:
                while at < len(sizes) and sizes[at] == 1:
                    at += 1
            if size is not None and at < len(sizes) and sizes[at] == size:
                out.append(letters[at])
                at += 1
                continue
            parts = _split(ctx, letters[at], targets[len(out):]) if at < len(sizes) else ()
            if parts:  # undoing a merge: "T·E" back into T and E
                out += parts
                at += 1
                continue
            end = _product_end(sizes, at, size)
            if end is not None:
                out.append(merged_letter(ctx, sizes[at:end], letters[at:end], size, "axis.reshaped"))
                at = end
            elif size == 1:
                out.append(one_letter(ctx))
            else:
                out.append(ctx.new("R", size, "target_shape", "axis.reshaped_new"))
                at = len(sizes)  # the sizes no longer line up with the input's axes
        return ((ctx.axes[0],) + tuple(out),)

    def explain(self, ctx: Ctx, producer: LayerSpec | None) -> Fix | None:
        # Keras reads a None in the target like -1
        target = tuple(-1 if d is None else d for d in ctx.arg("target_shape") or ())
        sizes = ctx.shape[1:]
        if not target or None in sizes:
            return None
        count = math.prod(sizes)
        if target.count(-1) > 1:
            return Fix("fix.reshape_one_unknown", (("layer", ctx.spec.name),))
        known = math.prod(d for d in target if d != -1)
        params = (("layer", ctx.spec.name), ("shape", shape_text(sizes)), ("count", f"{count:,}"),
                  ("target", shape_text(target)))
        if -1 in target:
            if known > 0 and count % known == 0:
                return None
            return Fix("fix.reshape_divide", params + (("known", f"{known:,}"),))
        if known == count:
            return None
        for i in range(len(target)):
            others = math.prod(d for j, d in enumerate(target) if j != i)
            if others > 0 and count % others == 0:
                suggestion = target[:i] + (-1,) + target[i + 1:]
                return Fix("fix.reshape_count", params + (("suggestion", shape_text(suggestion)),),
                           f"layers.Reshape({shape_text(suggestion)})")
        return Fix("fix.reshape_count_flat", params, f"layers.Reshape(({count},))")

    def xray(self, call):
        from .xray import reshape_xray

        return reshape_xray(call)

    def mistakes(self, model, layer, step, core) -> tuple:
        from .xray import reshape_mistakes

        return tuple(reshape_mistakes(model, layer, step, core))


def _split(ctx: Ctx, letter: str, targets: Shape) -> tuple[str, ...]:
    """The letters a merged axis ("T·E") came from, if the next target sizes are exactly theirs."""
    parts = tuple(letter.split("·"))
    sizes = tuple(ctx.namer.sizes.get(part) for part in parts)
    if len(parts) > 1 and None not in sizes and tuple(targets[:len(parts)]) == sizes:
        return parts
    return ()


def _product_end(sizes: Shape, start: int, size: int | None) -> int | None:
    """The end of a run of at least two input axes from `start` whose sizes multiply to `size`."""
    if size is None:
        return None
    product = 1
    for end in range(start, len(sizes)):
        if sizes[end] is None:
            return None
        product *= sizes[end]
        if product == size and end > start:
            return end + 1
        if product > size:
            return None
    return None


class Permute(LayerKind):
    class_name = "Permute"
    positional = ("dims",)
    rules = (ArgRule("dims", "shape", None, 1, MAX_RANK),)
    examples = (
        Example({"dims": (2, 1)}, (None, 50, 64), (None, 64, 50), 0),
        Example({"dims": (3, 1, 2)}, (None, 4, 5, 6), (None, 6, 4, 5), 0),
        Example({"dims": (1,)}, (None, 7), (None, 7), 0),
    )

    def axes(self, ctx: Ctx) -> tuple[tuple[str, ...], ...]:
        return ((ctx.axes[0],) + tuple(ctx.axes[d] for d in ctx.arg("dims")),)

    def xray(self, call):
        from .xray import permute_xray

        return permute_xray(call)


class RepeatVector(LayerKind):
    class_name = "RepeatVector"
    positional = ("n",)
    rules = (ArgRule("n", "int", None, 1, MAX_SIZE),)
    examples = (
        Example({"n": 50}, (None, 75), (None, 50, 75), 0),
        Example({"n": 3}, (4, 8), (4, 3, 8), 0),
    )

    def axes(self, ctx: Ctx) -> tuple[tuple[str, ...], ...]:
        return ((ctx.axes[0], ctx.new("T", ctx.arg("n"), "n", "axis.repeat"), ctx.axes[1]),)

    def xray(self, call):
        from .xray import repeatvector_xray

        return repeatvector_xray(call)


KINDS = (Flatten(), Reshape(), Permute(), RepeatVector())
