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
LeakyReLU            (B, …) → (B, …): x if x > 0 else negative_slope · x. No weights. Keras 2's `alpha` is
                     still accepted by Keras 3 (with a warning): it is passed on as negative_slope.
PReLU                (B, …) → (B, …): x if x > 0 else alpha · x, alpha a weight of the input's shape without
                     the batch, size 1 along shared_axes: H·W·C parameters on (B, H, W, C), C with
                     shared_axes=[1, 2]. Every axis not shared needs a known size.
ELU                  (B, …) → (B, …): x if x > 0 else alpha · (exp(x) − 1). No weights.
Softmax              (B, …) → (B, …): exp(x) / Σ exp(x) along `axis`. No weights. Keras accepts an axis
                     out of range when it infers shapes; the explorer refuses it (the call fails).
Identity             (B, …) → (B, …): out = x.
GaussianNoise        (B, …) → (B, …): in training adds Normal(0, stddev) noise; at inference out = x.
GaussianDropout      (B, …) → (B, …): in training multiplies by Normal(1, √(rate / (1 − rate))) noise; at
                     inference out = x.
SpatialDropout2D/3D  (B, H, W, C) / (B, D, H, W, C) → the same: drops whole channels in training; at
                     inference out = x. Keras's input_spec demands exactly 4 / 5 axes.
Masking              (B, T, F) → (B, T, F): a step whose every feature equals mask_value becomes 0 and is
                     marked False in the (B, T) mask that later layers (RNNs, attention) receive. No weights.
UnitNormalization    (B, …) → (B, …): x / ‖x‖₂ along `axis`. No weights.
GroupNormalization   (B, …, C) → (B, …, C): splits the C channels of `axis` into `groups` groups (C must
                     divide by groups; -1: one group per channel) and normalizes each group of each sample
                     with its own mean and variance. Weights gamma (C,) if scale, beta (C,) if center: 2·C.
The normalized axis must have a known size (Keras cannot create a (None,) weight).
"""
from __future__ import annotations

import math
from dataclasses import replace

from ...description import shape_text
from ...spec import LayerSpec
from ..base import (ACTIVATIONS, INITIALIZERS, MAX_RANK, MAX_SIZE, ArgRule, Ctx, Example, Fix, FixEdit, Formula,
                    LayerKind, Shape, WeightInfo, NO_PARAMS)
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


class LeakyReLU(LayerKind):
    class_name = "LeakyReLU"
    keeps_rank = True
    code_positional = 0  # written with its name, as Keras's documentation does
    positional = ("negative_slope",)
    # Keras refuses a negative slope; `alpha` is Keras 2's name, which Keras 3 still takes (with a warning)
    rules = (ArgRule("negative_slope", "float", 0.3, 0.0, 1e6, neutral=True),
             ArgRule("alpha", "float", None, 0.0, 1e6, neutral=True))
    examples = (
        Example({}, (None, 28, 28, 32), (None, 28, 28, 32), 0),
        Example({"negative_slope": 0.2}, (None, 10), (None, 10), 0),
        Example({"alpha": 0.1}, (None, 5, 3), (None, 5, 3), 0),
    )

    @staticmethod
    def _keras3(spec: LayerSpec) -> LayerSpec:
        """The layer with Keras 2's alpha written as negative_slope (alpha wins, as in Keras)."""
        if spec.arg("alpha") is None:
            return spec
        args = {k: v for k, v in spec.args if k != "alpha"} | {"negative_slope": spec.arg("alpha")}
        sources = tuple(("negative_slope" if k == "alpha" else k, v) for k, v in spec.sources if k != "negative_slope")
        return replace(spec, args=tuple(sorted(args.items())), sources=sources)

    def keras_args(self, spec: LayerSpec):
        return super().keras_args(self._keras3(spec))

    def code(self, spec: LayerSpec, inner_code: str = "", prefix: str = "layers.") -> str:
        return super().code(self._keras3(spec), inner_code, prefix)

    def xray(self, call):
        from .xray import leaky_relu_xray

        return leaky_relu_xray(call)


class ELU(LayerKind):
    class_name = "ELU"
    keeps_rank = True
    code_positional = 0  # written with its name, as Keras's documentation does
    positional = ("alpha",)
    rules = (ArgRule("alpha", "float", 1.0, -1e6, 1e6, neutral=True),)
    examples = (
        Example({}, (None, 64), (None, 64), 0),
        Example({"alpha": 0.5}, (None, 28, 28, 16), (None, 28, 28, 16), 0),
    )

    def xray(self, call):
        from .xray import elu_xray

        return elu_xray(call)


class _AlongAxis(LayerKind):
    """Softmax and UnitNormalization: each number with the others along one `axis`; no weights."""

    keeps_rank = True
    code_positional = 0
    positional = ("axis",)
    rules = (_AXIS,)

    def output_shapes(self, spec: LayerSpec, in_shapes: tuple[Shape, ...], layer) -> tuple[Shape, ...]:
        out = super().output_shapes(spec, in_shapes, layer)
        rank, axis = len(in_shapes[0]), spec.arg("axis", -1)
        if not -rank <= axis < rank:  # Softmax's shape inference lets it through; its call fails
            raise ShapeRuleError(f"{self.class_name} works along axis {axis}, but its input "
                                 f"{shape_text(in_shapes[0])} has only {rank} axes.")
        return out

    def explain(self, ctx: Ctx, producer: LayerSpec | None) -> Fix | None:
        rank, axis = len(ctx.shape), ctx.arg("axis", -1)
        if -rank <= axis < rank:
            return None
        return Fix("fix.axis_range", (("layer", ctx.spec.name), ("axis", str(axis)), ("rank", str(rank)),
                                      ("shape", shape_text(ctx.shape))), "axis=-1")


class Softmax(_AlongAxis):
    class_name = "Softmax"
    examples = (
        Example({}, (None, 10), (None, 10), 0),
        Example({"axis": 1}, (None, 50, 8), (None, 50, 8), 0),
    )

    def xray(self, call):
        from .xray import softmax_xray

        return softmax_xray(call)


class UnitNormalization(_AlongAxis):
    class_name = "UnitNormalization"
    examples = (
        Example({}, (None, 128), (None, 128), 0),
        Example({"axis": 1}, (None, 50, 8), (None, 50, 8), 0),
    )

    def xray(self, call):
        from .xray import unit_norm_xray

        return unit_norm_xray(call)


class PReLU(LayerKind):
    class_name = "PReLU"
    keeps_rank = True
    code_positional = 0
    positional = ("alpha_initializer", "alpha_regularizer", "alpha_constraint", "shared_axes")
    rules = (ArgRule("alpha_initializer", "initializer", "zeros", choices=INITIALIZERS, neutral=True),
             ArgRule("alpha_regularizer", "ignored", neutral=True),
             ArgRule("alpha_constraint", "ignored", neutral=True),
             ArgRule("shared_axes", "size_or_tuple", None, 1, MAX_RANK))
    examples = (
        Example({}, (None, 28, 28, 32), (None, 28, 28, 32), 28 * 28 * 32),
        Example({"shared_axes": (1, 2)}, (None, 28, 28, 32), (None, 28, 28, 32), 32),
        Example({"shared_axes": 1}, (None, None, 8), (None, None, 8), 8),
        Example({}, (None, 10), (None, 10), 10),
    )

    @staticmethod
    def shared(spec: LayerSpec) -> tuple[int, ...]:
        value = spec.arg("shared_axes")
        return () if value is None else (value,) if isinstance(value, int) else tuple(value)

    def output_shapes(self, spec: LayerSpec, in_shapes: tuple[Shape, ...], layer) -> tuple[Shape, ...]:
        out = super().output_shapes(spec, in_shapes, layer)
        shape, shared = in_shapes[0], self.shared(spec)
        if any(a >= len(shape) for a in shared):  # Keras: an IndexError when it builds
            raise ShapeRuleError(f"PReLU shares axes {list(shared)}, but its input {shape_text(shape)} has axes 1 to "
                                 f"{len(shape) - 1} after the batch.")
        unknown = [a for a in range(1, len(shape)) if shape[a] is None and a not in shared]
        if unknown:
            raise ShapeRuleError(f"PReLU creates alpha of the input's shape without the batch, but axes {unknown} of "
                                 f"{shape_text(shape)} have no fixed size (None). The shapes of weights must be fully "
                                 "defined.")
        return out

    def weights(self, ctx: Ctx) -> tuple[WeightInfo, ...]:
        shared = self.shared(ctx.spec)
        axes = range(1, len(ctx.shape))
        return (WeightInfo("", "alpha", tuple(1 if a in shared else ctx.shape[a] for a in axes),
                           tuple("1" if a in shared else ctx.axes[a] for a in axes)),)

    def formula(self, ctx: Ctx) -> Formula:
        shared = self.shared(ctx.spec)
        kept = [a for a in range(1, len(ctx.shape)) if a not in shared]
        if not kept:
            return Formula("1", "1", 1)
        sizes = [ctx.shape[a] for a in kept]
        return Formula(" × ".join(ctx.axes[a] for a in kept), " × ".join(f"{n:,}" for n in sizes), math.prod(sizes))

    def flops(self, ctx: Ctx, params: int) -> int:
        return 2 * math.prod(d or 1 for d in ctx.out_shapes[0])  # a compare and a multiply per number

    def explain(self, ctx: Ctx, producer: LayerSpec | None) -> Fix | None:
        shape, shared = ctx.shape, self.shared(ctx.spec)
        base = (("layer", ctx.spec.name), ("shape", shape_text(shape)))
        inside = tuple(a for a in shared if a < len(shape))
        if len(inside) < len(shared):
            return Fix("fix.prelu_shared_range", base + (("axes", str(list(shared))), ("last", str(len(shape) - 1))),
                       f"shared_axes={list(inside)}" if inside else "layers.PReLU()")
        unknown = tuple(a for a in range(1, len(shape)) if shape[a] is None and a not in shared)
        if unknown:
            return Fix("fix.prelu_unknown_axis", base + (("axes", str(list(unknown))),),
                       f"layers.PReLU(shared_axes={sorted(set(shared + unknown))})")
        return None

    def xray(self, call):
        from .xray import prelu_xray

        return prelu_xray(call)


class Masking(LayerKind):
    class_name = "Masking"
    keeps_rank = True
    code_positional = 0  # written with its name, as Keras's documentation does
    positional = ("mask_value",)
    rules = (ArgRule("mask_value", "float", 0.0, -1e6, 1e6, neutral=True),)
    examples = (
        Example({}, (None, 50, 8), (None, 50, 8), 0),
        Example({"mask_value": -1.0}, (None, None, 3), (None, None, 3), 0),
    )

    def xray(self, call):
        from .xray import masking_xray

        return masking_xray(call)


def noise_shape_fits(noise: tuple, shape: Shape) -> bool:
    """Whether a Dropout mask of shape `noise` (None: the input's size) broadcasts against the input."""
    return len(noise) == len(shape) and all(n is None or n == 1 or n == s for n, s in zip(noise, shape))


class Dropout(LayerKind):
    class_name = "Dropout"
    keeps_rank = True
    positional = ("rate", "noise_shape", "seed")
    # noise_shape: the mask's shape, None for the input's own size (EfficientNet: (None, 1, 1, 1), whole samples)
    rules = (_RATE, ArgRule("noise_shape", "shape", None, 1, MAX_SIZE, neutral=True), _SEED)
    examples = (
        Example({"rate": 0.5}, (None, 200), (None, 200), 0),
        Example({"rate": 0.2, "seed": 7}, (None, 50, 75), (None, 50, 75), 0),
        Example({"rate": 0.2, "noise_shape": (None, 1, 1, 1)}, (None, 7, 7, 32), (None, 7, 7, 32), 0),
        Example({"rate": 0.3, "noise_shape": (None, 1, 16)}, (None, 50, 16), (None, 50, 16), 0),
    )

    def output_shapes(self, spec: LayerSpec, in_shapes: tuple[Shape, ...], layer) -> tuple[Shape, ...]:
        noise, shape = spec.arg("noise_shape"), in_shapes[0]
        if noise is not None and not noise_shape_fits(noise, shape):
            raise ShapeRuleError(
                f"noise_shape={noise!r} of {spec.name} is the shape of its mask, which must match its input "
                f"{shape_text(shape)} axis by axis (None, 1 or the same size). Keras lets it through at inference "
                "and fails in training (fit): \"must be broadcastable\".")
        return super().output_shapes(spec, in_shapes, layer)

    def explain(self, ctx: Ctx, producer: LayerSpec | None) -> Fix | None:
        noise, shape = ctx.arg("noise_shape"), ctx.shape
        if noise is None or noise_shape_fits(noise, shape):
            return None
        if len(noise) == len(shape):  # keep what fits, 1 elsewhere
            fixed = tuple(n if n is None or n == 1 or n == s else 1 for n, s in zip(noise, shape))
        else:  # one mask per sample and channel, the same at every position (as SpatialDropout)
            fixed = (None,) + (1,) * (len(shape) - 2) + (None,) if len(shape) > 1 else (None,)
        spec = replace(ctx.spec, args=tuple(sorted({**ctx.spec.kwargs, "noise_shape": fixed}.items())),
                       sources=tuple((k, v) for k, v in ctx.spec.sources if k != "noise_shape"))
        return Fix("fix.dropout_noise_shape", (("layer", ctx.spec.name), ("noise", repr(noise)),
                                               ("shape", shape_text(shape)), ("rank", str(len(shape)))),
                   self.code(spec))

    def xray(self, call):
        from .xray import dropout_xray

        return dropout_xray(call)


class _SpatialDropout(LayerKind):
    """What SpatialDropout1D, 2D and 3D share: rank 2 + `spatial` exactly (Keras's input_spec)."""

    keeps_rank = True
    spatial = 1

    def explain(self, ctx: Ctx, producer: LayerSpec | None) -> Fix | None:
        """The dropout that fits the rank that flows in: Dropout on (B, F), SpatialDropout1D on (B, T, F)..."""
        rank = len(ctx.shape)
        if rank == self.spatial + 2 or not 2 <= rank <= 5:
            return None
        rate = ctx.spec.source("rate") or repr(ctx.arg("rate"))
        fitting = "Dropout" if rank == 2 else f"SpatialDropout{rank - 2}D"
        return Fix("fix.spatial_dropout_rank", (("layer", ctx.spec.name), ("cls", self.class_name),
                                                ("expected", str(self.spatial + 2)), ("found", str(rank)),
                                                ("shape", shape_text(ctx.shape))), f"layers.{fitting}({rate})")

    def xray(self, call):
        from .xray import dropout_xray

        return dropout_xray(call)


class SpatialDropout1D(_SpatialDropout):
    class_name = "SpatialDropout1D"
    positional = ("rate", "seed")
    rules = (_RATE, _SEED)
    examples = (
        Example({"rate": 0.2}, (None, 50, 64), (None, 50, 64), 0),
        Example({"rate": 0.5, "seed": 3}, (30, None, 8), (30, None, 8), 0),
    )


_DATA_FORMAT = ArgRule("data_format", "choice", None, choices=("channels_last", "channels_first", None))


class SpatialDropout2D(_SpatialDropout):
    class_name = "SpatialDropout2D"
    spatial = 2
    positional = ("rate", "data_format", "seed")
    rules = (_RATE, _DATA_FORMAT, _SEED)
    examples = (
        Example({"rate": 0.2}, (None, 28, 28, 32), (None, 28, 28, 32), 0),
        Example({"rate": 0.5, "data_format": "channels_first", "seed": 3}, (8, 16, None, None),
                (8, 16, None, None), 0),
    )


class SpatialDropout3D(_SpatialDropout):
    class_name = "SpatialDropout3D"
    spatial = 3
    positional = ("rate", "data_format", "seed")
    rules = (_RATE, _DATA_FORMAT, _SEED)
    examples = (
        Example({"rate": 0.2}, (None, 8, 16, 16, 4), (None, 8, 16, 16, 4), 0),
        Example({"rate": 0.3, "data_format": "channels_first", "seed": 1}, (2, 4, 8, 8, 8), (2, 4, 8, 8, 8), 0),
    )


class GaussianNoise(LayerKind):
    class_name = "GaussianNoise"
    keeps_rank = True
    positional = ("stddev", "seed")
    rules = (ArgRule("stddev", "float", None, 0.0, 1.0, neutral=True), _SEED)  # Keras refuses stddev outside [0, 1]
    examples = (
        Example({"stddev": 0.1}, (None, 20), (None, 20), 0),
        Example({"stddev": 0.5, "seed": 4}, (None, 28, 28, 1), (None, 28, 28, 1), 0),
    )

    def xray(self, call):
        from .xray import noise_xray

        return noise_xray(call)


class GaussianDropout(LayerKind):
    class_name = "GaussianDropout"
    keeps_rank = True
    positional = ("rate", "seed")
    rules = (_RATE, _SEED)
    examples = (
        Example({"rate": 0.3}, (None, 64), (None, 64), 0),
        Example({"rate": 0.1, "seed": 2}, (None, 50, 8), (None, 50, 8), 0),
    )

    def xray(self, call):
        from .xray import noise_xray

        return noise_xray(call)


class Identity(LayerKind):
    class_name = "Identity"
    keeps_rank = True
    examples = (
        Example({}, (None, 10), (None, 10), 0),
        Example({}, (None, 50, None), (None, 50, None), 0),
    )

    def xray(self, call):
        from .xray import identity_xray

        return identity_xray(call)


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


class GroupNormalization(_Normalization):
    class_name = "GroupNormalization"
    positional = ("groups", "axis", "epsilon", "center", "scale", "beta_initializer", "gamma_initializer")
    rules = (
        ArgRule("groups", "int", 32, -1, MAX_SIZE),  # -1: one group per channel (Keras refuses 0 itself)
        _AXIS,
        _EPSILON,
        ArgRule("center", "bool", True),
        ArgRule("scale", "bool", True),
    ) + _BETA_GAMMA_RULES
    ops_per_number = 8  # as LayerNormalization: mean, variance, normalize, scale and shift
    examples = (
        Example({}, (None, 8, 8, 64), (None, 8, 8, 64), 128),
        Example({"groups": 4, "center": False}, (None, 50, 8), (None, 50, 8), 8),
        Example({"groups": -1}, (None, 16, 16, 6), (None, 16, 16, 6), 12),
        Example({"groups": 2, "axis": 1, "scale": False}, (None, 6, 5), (None, 6, 5), 6),
    )

    def output_shapes(self, spec: LayerSpec, in_shapes: tuple[Shape, ...], layer) -> tuple[Shape, ...]:
        out = super().output_shapes(spec, in_shapes, layer)  # the axis is in range and has a size
        channels, groups = in_shapes[0][self._axis(spec, len(in_shapes[0]))], spec.arg("groups", 32)
        if groups != -1 and (groups > channels or channels % groups):  # Keras: only when it builds
            raise ShapeRuleError(f"GroupNormalization splits the {channels} channels of axis {spec.arg('axis', -1)} "
                                 f"into groups={groups} groups of equal size, but {channels} does not divide by "
                                 f"{groups}.")
        return out

    def explain(self, ctx: Ctx, producer: LayerSpec | None) -> Fix | None:
        own = super().explain(ctx, producer)
        if own is not None:
            return own
        channels, groups = ctx.shape[self._axis(ctx, len(ctx.shape))], ctx.arg("groups", 32)
        if groups == -1 or (0 < groups <= channels and channels % groups == 0):
            return None
        fitting = max(d for d in range(1, max(1, min(groups, channels)) + 1) if channels % d == 0)
        fixed = replace(ctx.spec, args=tuple(sorted({**ctx.spec.kwargs, "groups": fitting}.items())),
                        sources=tuple((k, v) for k, v in ctx.spec.sources if k != "groups"))
        return Fix("fix.group_norm_groups", (("layer", ctx.spec.name), ("groups", str(groups)),
                                             ("channels", str(channels)), ("shape", shape_text(ctx.shape)),
                                             ("fitting", str(fitting))), self.code(fixed),
                   FixEdit("replace", fixed.name, fixed))

    def xray(self, call):
        from .xray import groupnorm_xray

        return groupnorm_xray(call)

    def mistakes(self, model, layer, step, core) -> tuple:
        from .xray import groupnorm_mistakes

        return groupnorm_mistakes(model, layer, step, core)


KINDS = (Activation(), ReLU(), LeakyReLU(), PReLU(), ELU(), Softmax(), Identity(), Dropout(), SpatialDropout1D(),
         SpatialDropout2D(), SpatialDropout3D(), GaussianNoise(), GaussianDropout(), Masking(), BatchNormalization(),
         LayerNormalization(), UnitNormalization(), GroupNormalization())
