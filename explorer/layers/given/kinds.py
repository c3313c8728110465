"""`shape.given`: a box whose output shape is the one the learner gave, (B,) + output_shape, as Keras builds a
`Lambda(function, output_shape=...)` or a custom layer with its own `compute_output_shape`: Keras does not run the
function to build the model, so it does not check the shape either, and neither can the page. No weights.

Arguments: output_shape (without the batch axis, None for a size only the data gives); label, the class the page
shows ("Lambda", or the learner's class); origin, where the shape came from: "output_shape" (Lambda's argument)
or "compute_output_shape" (a custom layer's method). The class name holds a dot, so no code or JSON can name
it: only the reader makes it.
Axis letters: an axis whose size and place match the input's keeps its letter, one whose size is an input axis's
takes that letter, any other gets a new one.
"""
from __future__ import annotations

from ...spec import LayerSpec
from ..base import MAX_RANK, MAX_SIZE, NO_PARAMS, ArgRule, Ctx, Example, Formula, LayerKind, Shape, WeightInfo

ORIGINS = ("output_shape", "compute_output_shape")


class GivenShape(LayerKind):
    class_name = "shape.given"
    given_shape = True
    code_positional = 0
    tensor_counts = tuple(range(1, 9))
    rules = (
        ArgRule("output_shape", "shape", low=1, high=MAX_SIZE),
        ArgRule("label", "str", "Lambda"),
        ArgRule("origin", "choice", "output_shape", choices=ORIGINS),
        ArgRule("weights", "ignored"),  # ((name, shape), ...): what a custom layer's build makes with add_weight
    )
    examples = (
        Example({"output_shape": (51,), "label": "Lambda"}, (None, 100), (None, 51), 0),
        Example({"output_shape": (28, 28, 1), "label": "Grayscale", "origin": "compute_output_shape"},
                (None, 28, 28, 3), (None, 28, 28, 1), 0),
        Example({"output_shape": (None, 64), "label": "Lambda"}, (None, 10, 64),
                (None, None, 64), 0),
        Example({"output_shape": (8,), "label": "Lambda"}, ((None, 8), (None, 8)), (None, 8), 0),
        Example({"output_shape": (64,), "label": "Attention", "origin": "compute_output_shape",
                 "weights": (("att_weight", (64, 1)), ("att_bias", (200, 1)))}, (None, 200, 64), (None, 64), 264),
    )

    def xray(self, call):
        from .xray import given_xray

        return given_xray(call)

    def shown_class(self, args: tuple) -> str:
        return str(dict(args).get("label") or "Lambda")

    def make(self, spec: LayerSpec, seed: int = 0, inner=None):
        from .layer import GivenLayer

        return GivenLayer(tuple(spec.arg("output_shape") or ()), tuple(spec.arg("weights") or ()), seed=seed,
                          name=spec.name)

    def weights(self, ctx: Ctx) -> tuple[WeightInfo, ...]:
        """What its build makes, in that order; an axis whose size is one of the input's sizes takes its letter."""
        letters = dict(zip(reversed(ctx.shape[1:]), reversed(ctx.axes[1:])))  # the last axis wins a tie
        return tuple(WeightInfo("", name, tuple(shape), tuple(letters.get(size, str(size)) for size in shape))
                     for name, shape in ctx.arg("weights") or ())

    def formula(self, ctx: Ctx) -> Formula:
        weights = self.weights(ctx)
        if not weights:
            return NO_PARAMS
        symbolic = " + ".join(" × ".join(w.dims) or "1" for w in weights)
        numbers = " + ".join(" × ".join(f"{size:,}" for size in w.shape) or "1" for w in weights)
        return Formula(symbolic, numbers, sum(w.count for w in weights))

    def output_shapes(self, spec: LayerSpec, in_shapes: tuple[Shape, ...], layer) -> tuple[Shape, ...]:
        given = tuple(spec.arg("output_shape") or ())
        if not given or len(given) >= MAX_RANK:
            raise ValueError(f"{spec.name}: an output shape needs 1 to {MAX_RANK - 1} sizes after the batch axis; "
                             f"received {given!r}.")
        return ((in_shapes[0][0],) + given,)  # Keras: the batch size of the first input, then the given sizes

    def axes(self, ctx: Ctx) -> tuple[tuple[str, ...], ...]:
        """An axis keeps the input's letter at its place when the size is the same there, else the letter of an
        input axis of that size (the last one first: (B, T, H) → (B, H) keeps H), else a new one."""
        shape, letters = ctx.out_shapes[0], list(ctx.axes[:1])
        by_size = dict(zip(ctx.shape[1:], ctx.axes[1:]))  # the last axis of a size wins
        for index, size in enumerate(shape[1:], start=1):
            if index < len(ctx.shape) and ctx.shape[index] == size and size is not None:
                letters.append(ctx.axes[index])
            elif size is not None and size in by_size and by_size[size] not in letters:
                letters.append(by_size[size])
            else:
                letters.append(ctx.new("G", size, "output_shape", "axis.given"))
        return (tuple(letters),)


KINDS = (GivenShape(),)
