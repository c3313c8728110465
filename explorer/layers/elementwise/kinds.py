"""Layers that keep the shape: every number goes in and comes out at its place.

Activation           (B, …) → (B, …): a function on each number. No weights.
ReLU                 (B, …) → (B, …): max(x, 0), with an optional cap (max_value), a slope below the
                     threshold (negative_slope) and a threshold other than 0. No weights.
Dropout              (B, …) → (B, …): in training, zeroes each number with probability `rate` and
                     scales the rest by 1/(1 − rate); at inference it does nothing. No weights.
SpatialDropout1D     (B, T, F) → (B, T, F): drops whole feature channels (the same F for every
                     time step). Keras's input_spec demands exactly 3 axes.
BatchNormalization   (B, …, C) → (B, …, C): normalizes each channel of `axis` with statistics of
                     the batch (training) or moving averages (inference). Weights, in Keras's order:
                     gamma (C,) if scale, beta (C,) if center, moving_mean (C,), moving_variance (C,).
                     The moving statistics are not trained but Keras counts them: 4·C parameters.
LayerNormalization   (B, …, C) → (B, …, C): normalizes each example over `axis`. Weights gamma (C,)
                     if scale, beta (C,) if center: 2·C parameters.
The normalized axis must have a known size (Keras cannot create a (None,) weight).
"""
from __future__ import annotations

import math

from ...description import shape_text
from ...spec import LayerSpec
from ..base import (ACTIVATIONS, INITIALIZERS, MAX_RANK, ArgRule, Ctx, Example, Fix, Formula, LayerKind, Shape,
                    WeightInfo, NO_PARAMS)
from ..reshaping.kinds import ShapeRuleError

_RATE = ArgRule("rate", "float", None, 0.0, 1.0, neutral=True)
_SEED = ArgRule("seed", "int", None, 0, 2**31 - 1, neutral=True)
_AXIS = ArgRule("axis", "axis", -1, -MAX_RANK, MAX_RANK)
_EPSILON = ArgRule("epsilon", "float", 1e-3, 0.0, 1.0, neutral=True)


class Activation(LayerKind):
    class_name = "Activation"
    keeps_rank = True
    positional = ("activation",)
    rules = (ArgRule("activation", "activation", None, choices=ACTIVATIONS, neutral=True),)
    examples = (
        Example({"activation": "relu"}, (None, 50, 64), (None, 50, 64), 0),
        Example({"activation": "softmax"}, (None, 6), (None, 6), 0),
    )

    def xray(self, call):
        from .xray import activation_xray

        return activation_xray(call)


class ReLU(LayerKind):
    class_name = "ReLU"
    keeps_rank = True
    positional = ("max_value", "negative_slope", "threshold")
    rules = (ArgRule("max_value", "float", None, 0.0, 1e6, neutral=True),
             ArgRule("negative_slope", "float", 0.0, 0.0, 1e6, neutral=True),
             ArgRule("threshold", "float", 0.0, -1e6, 1e6, neutral=True))
    examples = (
        Example({}, (None, 28, 28, 32), (None, 28, 28, 32), 0),
        Example({"max_value": 6.0, "negative_slope": 0.1}, (None, 10), (None, 10), 0),
    )

    def xray(self, call):
        from .xray import relu_xray

        return relu_xray(call)


class Dropout(LayerKind):
    class_name = "Dropout"
    keeps_rank = True
    positional = ("rate", "noise_shape", "seed")  # noise_shape has no rule: the reader refuses it
    rules = (_RATE, _SEED)
    examples = (
        Example({"rate": 0.5}, (None, 200), (None, 200), 0),
        Example({"rate": 0.2, "seed": 7}, (None, 50, 75), (None, 50, 75), 0),
    )

    def xray(self, call):
        from .xray import dropout_xray

        return dropout_xray(call)


class SpatialDropout1D(LayerKind):
    class_name = "SpatialDropout1D"
    keeps_rank = True
    positional = ("rate", "seed")
    rules = (_RATE, _SEED)
    examples = (
        Example({"rate": 0.2}, (None, 50, 64), (None, 50, 64), 0),
        Example({"rate": 0.5, "seed": 3}, (30, None, 8), (30, None, 8), 0),
    )

    def xray(self, call):
        from .xray import dropout_xray

        return dropout_xray(call)


class _Normalization(LayerKind):
    """What BatchNormalization and LayerNormalization share: one axis, gamma and beta of its size."""

    code_positional = 0
    keeps_rank = True
    stats = ()  # weights beyond gamma and beta, in Keras's order
    ops_per_number = 0

    def _axis(self, ctx_or_spec, rank: int) -> int:
        return ctx_or_spec.arg("axis", -1) % rank

    def output_shapes(self, spec: LayerSpec, in_shapes: tuple[Shape, ...], layer) -> tuple[Shape, ...]:
        out = super().output_shapes(spec, in_shapes, layer)  # Keras: the axis is out of bounds
        shape = in_shapes[0]
        axis = self._axis(spec, len(shape))
        if shape[axis] is None:
            raise ShapeRuleError(
                f"{self.class_name} creates weights of the size of axis {spec.arg('axis', -1)}, but that axis of "
                f"the input {shape_text(shape)} has no fixed size (None). The shapes of weights must be fully "
                "defined.")
        return out

    def weights(self, ctx: Ctx) -> tuple[WeightInfo, ...]:
        axis = self._axis(ctx, len(ctx.shape))
        size, letter = ctx.shape[axis], ctx.axes[axis]
        names = (("gamma",) if ctx.arg("scale", True) else ()) + (("beta",) if ctx.arg("center", True) else ())
        return tuple(WeightInfo("", name, (size,), (letter,)) for name in names + self.stats)

    def formula(self, ctx: Ctx) -> Formula:
        count = len(self.weights(ctx))
        if count == 0:
            return NO_PARAMS
        axis = self._axis(ctx, len(ctx.shape))
        size, letter = ctx.shape[axis], ctx.axes[axis]
        if count == 1:
            return Formula(letter, f"{size:,}", size)
        return Formula(f"{count} × {letter}", f"{count} × {size:,}", count * size)

    def flops(self, ctx: Ctx, params: int) -> int:
        return self.ops_per_number * math.prod(d or 1 for d in ctx.out_shapes[0])

    def explain(self, ctx: Ctx, producer: LayerSpec | None) -> Fix | None:
        rank = len(ctx.shape)
        axis = ctx.arg("axis", -1)
        if not -rank <= axis < rank:
            return Fix("fix.norm_axis", (("layer", ctx.spec.name), ("axis", str(axis)), ("rank", str(rank)),
                                         ("shape", shape_text(ctx.shape))), "axis=-1")
        if ctx.shape[axis % rank] is None:
            return Fix("fix.norm_unknown_axis", (("layer", ctx.spec.name), ("axis", str(axis)),
                                                 ("shape", shape_text(ctx.shape))))
        return None


# gamma and beta of both normalizations: initializers, and regularizers and constraints that never change a shape
_BETA_GAMMA_RULES = (
    ArgRule("beta_initializer", "initializer", "zeros", choices=INITIALIZERS, neutral=True),
    ArgRule("gamma_initializer", "initializer", "ones", choices=INITIALIZERS, neutral=True),
    ArgRule("beta_regularizer", "ignored", neutral=True),
    ArgRule("gamma_regularizer", "ignored", neutral=True),
    ArgRule("beta_constraint", "ignored", neutral=True),
    ArgRule("gamma_constraint", "ignored", neutral=True),
)


class BatchNormalization(_Normalization):
    class_name = "BatchNormalization"
    positional = ("axis", "momentum", "epsilon", "center", "scale", "beta_initializer", "gamma_initializer",
                  "moving_mean_initializer", "moving_variance_initializer")
    rules = (
        _AXIS,
        ArgRule("momentum", "float", 0.99, 0.0, 1.0, neutral=True),
        _EPSILON,
        ArgRule("center", "bool", True),
        ArgRule("scale", "bool", True),
        ArgRule("moving_mean_initializer", "initializer", "zeros", choices=INITIALIZERS, neutral=True),
        ArgRule("moving_variance_initializer", "initializer", "ones", choices=INITIALIZERS, neutral=True),
    ) + _BETA_GAMMA_RULES
    stats = ("moving_mean", "moving_variance")
    # inference folds the statistics, gamma and beta into one multiply and one add per number
    ops_per_number = 2
    examples = (
        Example({}, (None, 50, 64), (None, 50, 64), 256),
        Example({"center": False, "scale": False}, (None, 10), (None, 10), 20),
        Example({"scale": False}, (None, 10), (None, 10), 30),
        Example({"axis": 1, "momentum": 0.9}, (None, 5, 4), (None, 5, 4), 20),
        Example({"axis": -3}, (None, 8, 8, 3), (None, 8, 8, 3), 32),
    )

    def xray(self, call):
        from .xray import batchnorm_xray

        return batchnorm_xray(call)


class LayerNormalization(_Normalization):
    class_name = "LayerNormalization"
    positional = ("axis", "epsilon", "center", "scale", "beta_initializer", "gamma_initializer")
    rules = (
        _AXIS,
        _EPSILON,
        ArgRule("center", "bool", True),
        ArgRule("scale", "bool", True),
    ) + _BETA_GAMMA_RULES
    # mean (1), variance (3: subtract, square, add), normalize (2), scale and shift (2)
    ops_per_number = 8
    examples = (
        Example({}, (None, 50, 64), (None, 50, 64), 128),
        Example({"center": False}, (None, 10), (None, 10), 10),
        Example({"center": False, "scale": False}, (None, 10), (None, 10), 0),
        Example({"axis": 1}, (None, 5, 4), (None, 5, 4), 10),
    )

    def xray(self, call):
        from .xray import layernorm_xray

        return layernorm_xray(call)


KINDS = (Activation(), ReLU(), Dropout(), SpatialDropout1D(), BatchNormalization(), LayerNormalization())
