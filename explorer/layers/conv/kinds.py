"""Conv1D and Conv2D: one small kernel slid along the input's length (or height and width).

Conv1D: input (B, T, C) → output (B, T', K). kernel (k, C, K), bias (K,). Parameters k·C·K + K.
Conv2D: input (B, H, W, C) → output (B, H', W', K). kernel (kh, kw, C, K), bias (K,).
Parameters kh·kw·C·K + K. K is `filters`: each filter sees k (or kh × kw) positions of every input
channel and gives one output channel, so the kernel's size never depends on T, H or W.

Output lengths (Keras's `compute_output_shape`), with the dilated kernel d·(k − 1) + 1 and stride s:
"valid" gives ⌊(T − (d·(k − 1) + 1)) / s⌋ + 1 (the kernel must fit: a too-short input is a failure),
"same" and "causal" (Conv1D only; pads on the left) give ⌈T / s⌉. An axis whose size is unchanged
keeps its letter; a changed one gets a new letter (T₂, H₂...).

groups g: the channels are split into g groups, each with its own K/g filters; kernel (k, C/g, K).
Keras checks `filters % g` when constructed and `C % g` only when it builds; we check C here.
data_format: "channels_last" only. Keras infers channels_first shapes, but TensorFlow's CPU
convolution refuses NCHW ("The Conv2D op currently only supports the NHWC tensor format on the
CPU"), so such a model could be described but never run here.
Keras refuses strides > 1 together with dilation_rate > 1 when the layer is constructed.
"""
from __future__ import annotations

import math
from dataclasses import replace

from ...axes import base_letter
from ...description import shape_text
from ...spec import LayerSpec
from ..base import (ACTIVATIONS, KERNEL_AND_BIAS_RULES, MAX_SIZE, ArgRule, Ctx, Example, Fix, Formula, LayerKind, Shape,
                    WeightInfo)

# producers whose output is a sequence (B, T, F): a 2-D layer after them wants its 1-D sibling
SEQUENCE_LAYERS = ("Embedding", "LSTM", "GRU", "SimpleRNN", "Bidirectional", "Conv1D", "MaxPooling1D",
                   "AveragePooling1D", "TimeDistributed")
RECURRENT = ("LSTM", "GRU", "SimpleRNN")
DATA_FORMATS = ("channels_last", None)


def as_tuple(value, rank: int) -> tuple | None:
    """Keras's int-or-tuple arguments: 3 -> (3, 3) for rank 2; (3, 5) stays; None stays None."""
    if value is None:
        return None
    if isinstance(value, (tuple, list)):
        return tuple(value)
    return (value,) * rank


def reshape_code(sizes: tuple[int | None, ...]) -> str:
    """`layers.Reshape((28, 28, 1))`: the sizes without the batch axis plus a channel axis of 1.
    One unknown size becomes -1; more than one cannot be reshaped (returns "")."""
    if sum(d is None for d in sizes) > 1:
        return ""
    target = tuple(-1 if d is None else d for d in sizes) + (1,)
    return f"layers.Reshape({target!r})"


def rnn_without_sequences(producer: LayerSpec | None) -> bool:
    """The producer is an RNN (or a Bidirectional one) that returns only its last step: the
    generic rule (return_sequences=True) is the better fix, so kinds leave it to diagnose."""
    if producer is None:
        return False
    rnn = producer.inner if producer.kind == "Bidirectional" and producer.inner is not None else producer
    return rnn.kind in RECURRENT and not rnn.arg("return_sequences", False)


def spatial_letters(ctx: Ctx, unchanged: tuple[bool, ...], defaults: tuple[str, ...], meanings: tuple[str, ...]
                    ) -> tuple[str, ...]:
    """Letters of the output's spatial axes: the input's letter where the size is unchanged, else a
    new letter on the input's base letter (T → T₂) that the namer numbers by size. An unknown size
    that changes still gets its own letter (the namer alone would reuse T for any unknown size)."""
    letters = []
    out = ctx.out_shapes[0]
    for i, (same, default, meaning) in enumerate(zip(unchanged, defaults, meanings)):
        in_letter, size = ctx.axes[1 + i], out[1 + i]
        if same:
            letters.append(in_letter)
            continue
        base = base_letter(in_letter)
        base = base if base.isalpha() and base != "B" else default
        if size is None:
            k = 2
            while base + "".join(ctx.namer.SUBSCRIPTS[int(d)] for d in str(k)) in ctx.namer.sizes:
                k += 1
            base += "".join(ctx.namer.SUBSCRIPTS[int(d)] for d in str(k))
        letters.append(ctx.new(base, size, meaning_key=meaning))
    return tuple(letters)


def check_lengths(layer_name: str, in_shape: Shape, out_shape: Shape, rank: int) -> None:
    """A spatial size below 1 is a failure, whatever the Keras version returns for it."""
    for i in range(1, 1 + rank):
        if out_shape[i] is not None and out_shape[i] < 1:
            raise ValueError(f"Layer '{layer_name}' would give an output of size {out_shape[i]} on axis {i} for "
                             f"the input {shape_text(in_shape)}: the window is longer than the input.")


class _Conv(LayerKind):
    rank = 1
    positional = ("filters", "kernel_size", "strides", "padding", "data_format", "dilation_rate", "groups",
                  "activation", "use_bias", "kernel_initializer", "bias_initializer", "kernel_regularizer",
                  "bias_regularizer", "activity_regularizer", "kernel_constraint", "bias_constraint")
    code_positional = 2
    spatial_defaults: tuple[str, ...] = ("T",)
    spatial_meanings: tuple[str, ...] = ("axis.conv_length",)

    @classmethod
    def _rules(cls, paddings: tuple[str, ...]) -> tuple[ArgRule, ...]:
        return (
            ArgRule("filters", "int", None, 1, MAX_SIZE),
            ArgRule("kernel_size", "size_or_tuple", None, 1, MAX_SIZE),
            ArgRule("strides", "size_or_tuple", 1, 1, MAX_SIZE),
            ArgRule("padding", "choice", "valid", choices=paddings),
            ArgRule("data_format", "choice", None, choices=DATA_FORMATS),
            ArgRule("dilation_rate", "size_or_tuple", 1, 1, MAX_SIZE),
            ArgRule("groups", "int", 1, 1, MAX_SIZE),
            ArgRule("activation", "activation", None, choices=ACTIVATIONS, neutral=True),
            ArgRule("use_bias", "bool", True),
        ) + KERNEL_AND_BIAS_RULES

    # -- the layer's numbers ----------------------------------------------------------------
    def kernel_size(self, spec: LayerSpec) -> tuple[int, ...]:
        return as_tuple(spec.arg("kernel_size"), self.rank)

    def strides(self, spec: LayerSpec) -> tuple[int, ...]:
        return as_tuple(spec.arg("strides", 1), self.rank)

    def dilation(self, spec: LayerSpec) -> tuple[int, ...]:
        return as_tuple(spec.arg("dilation_rate", 1), self.rank)

    def initializers(self, spec: LayerSpec, seed: int) -> dict:
        import keras

        return {"kernel_initializer": keras.initializers.GlorotUniform(seed=seed)}

    # -- shapes ------------------------------------------------------------------------------
    def output_shapes(self, spec: LayerSpec, in_shapes: tuple[Shape, ...], layer) -> tuple[Shape, ...]:
        shape = in_shapes[0]
        if len(shape) == self.rank + 2:
            channels, groups = shape[-1], spec.arg("groups", 1)
            if channels is None:  # Keras fails in build with "unsupported operand type(s) for %"
                raise ValueError(f"The channel axis (last axis) of the input of '{spec.name}' must be known to "
                                 f"make its kernel; received input shape {shape_text(shape)}.")
            if channels % groups:  # Keras's own words, which it says only when it builds
                raise ValueError("The number of input channels must be evenly divisible by the number of groups. "
                                 f"Received groups={groups}, but the input has {channels} channels (full input "
                                 f"shape is {shape}).")
        outs = super().output_shapes(spec, in_shapes, layer)
        check_lengths(spec.name, shape, outs[0], self.rank)
        return outs

    def _unchanged(self, ctx: Ctx) -> tuple[bool, ...]:
        padding = ctx.arg("padding", "valid")
        flags = []
        for i, (k, s, d) in enumerate(zip(self.kernel_size(ctx.spec), self.strides(ctx.spec), self.dilation(ctx.spec))):
            size_in, size_out = ctx.shape[1 + i], ctx.out_shapes[0][1 + i]
            if size_in is not None:
                flags.append(size_in == size_out)
            else:
                flags.append(s == 1 and (padding != "valid" or d * (k - 1) + 1 == 1))
        return tuple(flags)

    def axes(self, ctx: Ctx) -> tuple[tuple[str, ...], ...]:
        spatial = spatial_letters(ctx, self._unchanged(ctx), self.spatial_defaults, self.spatial_meanings)
        filters = ctx.new("K", ctx.out_shapes[0][-1], "filters", "axis.filters")
        return ((ctx.axes[0],) + spatial + (filters,),)

    # -- weights -----------------------------------------------------------------------------
    def _channels(self, ctx: Ctx) -> tuple[int, str, str]:
        """Input channels each filter sees (C / groups), as a number, a symbol and its numbers."""
        groups = ctx.arg("groups", 1)
        c, c_dim = ctx.shape[-1], ctx.axes[-1]
        if groups == 1:
            return c, c_dim, f"{c:,}"
        return c // groups, f"{c_dim}/{groups}", f"{c // groups:,}"

    def weights(self, ctx: Ctx) -> tuple[WeightInfo, ...]:
        ks = self.kernel_size(ctx.spec)
        per_group, c_dim, _ = self._channels(ctx)
        k, k_dim = ctx.out_shapes[0][-1], ctx.out_axes[0][-1]
        kernel = WeightInfo("", "kernel", ks + (per_group, k), tuple(str(n) for n in ks) + (c_dim, k_dim))
        if not ctx.arg("use_bias", True):
            return (kernel,)
        return kernel, WeightInfo("", "bias", (k,), (k_dim,))

    def formula(self, ctx: Ctx) -> Formula:
        ks = self.kernel_size(ctx.spec)
        per_group, c_dim, c_num = self._channels(ctx)
        k, k_dim = ctx.out_shapes[0][-1], ctx.out_axes[0][-1]
        sizes = " × ".join(str(n) for n in ks)
        value = math.prod(ks) * per_group * k
        symbolic, numbers = f"{sizes} × {c_dim} × {k_dim}", f"{sizes} × {c_num} × {k:,}"
        if not ctx.arg("use_bias", True):
            return Formula(symbolic, numbers, value)
        return Formula(f"{symbolic} + {k_dim}", f"{numbers} + {k:,}", value + k)

    def flops(self, ctx: Ctx, params: int) -> int:
        """2 × (kernel positions × C/groups × K) × output positions (batch counted once)."""
        ks = self.kernel_size(ctx.spec)
        per_group = ctx.shape[-1] // ctx.arg("groups", 1)
        out = ctx.out_shapes[0]
        positions = math.prod(d or 1 for d in out[:-1])
        return 2 * math.prod(ks) * per_group * out[-1] * positions

    # -- teaching ----------------------------------------------------------------------------
    def explain(self, ctx: Ctx, producer: LayerSpec | None) -> Fix | None:
        shape = ctx.shape
        base = (("layer", ctx.spec.name), ("shape", shape_text(shape)))
        if ctx.arg("kernel_size") is None:
            return None
        strides, dilation = self.strides(ctx.spec), self.dilation(ctx.spec)
        if max(strides) > 1 and max(dilation) > 1:  # Keras refuses this when the layer is constructed
            return Fix("fix.conv_stride_dilation", base, self.code(replace(ctx.spec, args=_with(ctx.spec, strides=1))))
        if len(shape) < self.rank + 2:
            return None if rnn_without_sequences(producer) else self._too_few_axes(ctx, producer, base)
        if len(shape) > self.rank + 2:
            return self._too_many_axes(ctx, base)
        groups = ctx.arg("groups", 1)
        if shape[-1] is None:
            return Fix("fix.conv_unknown_channels", base)
        if shape[-1] % groups:
            return Fix("fix.conv_groups", base + (("groups", str(groups)), ("channels", str(shape[-1]))))
        if ctx.arg("padding", "valid") == "valid":
            for i, (k, d) in enumerate(zip(self.kernel_size(ctx.spec), dilation)):
                span, size = d * (k - 1) + 1, shape[1 + i]
                if size is not None and size < span:
                    fixed = replace(ctx.spec, args=_with(ctx.spec, padding="same"))
                    return Fix("fix.conv_too_short", base + (("axis", ctx.axes[1 + i]), ("size", str(size)),
                                                             ("span", str(span))), self.code(fixed))
        return None

    def _too_few_axes(self, ctx: Ctx, producer: LayerSpec | None, base) -> Fix | None:
        return None

    def _too_many_axes(self, ctx: Ctx, base) -> Fix | None:
        return None

    def xray(self, call):
        from .xray import conv_xray

        return conv_xray(call)

    def mistakes(self, model, layer, step, core) -> tuple:
        from .xray import conv_mistakes

        return tuple(conv_mistakes(model, layer, step, core))


def _with(spec: LayerSpec, **changes) -> tuple:
    """The spec's arguments with some replaced, in the canonical sorted order."""
    return tuple(sorted({**dict(spec.args), **changes}.items()))


def _convert(spec: LayerSpec, kind: str) -> LayerSpec:
    """The same convolution as the other kind (Conv1D <-> Conv2D): an int size fits both; a tuple
    keeps its first entry (a Conv2D's height becomes a Conv1D's length); causal becomes same."""
    args = {}
    for key, value in spec.args:
        if key in ("kernel_size", "strides", "dilation_rate") and isinstance(value, tuple):
            value = value[0]
        if key == "padding" and value == "causal":
            value = "same"
        args[key] = value
    sources = tuple((k, s) for k, s in spec.sources if k == "filters")
    return replace(spec, kind=kind, args=tuple(sorted(args.items())), sources=sources)


class Conv1D(_Conv):
    """Conv1D: (B, T, C) → (B, T', K); kernel (k, C, K), bias (K,)."""

    class_name = "Conv1D"
    aliases = ("Convolution1D",)
    rank = 1
    rules = _Conv._rules(("valid", "same", "causal"))
    spatial_defaults = ("T",)
    spatial_meanings = ("axis.conv_length",)
    examples = (
        Example({"filters": 128, "kernel_size": 5, "activation": "relu"}, (None, 100, 64), (None, 96, 128), 41_088),
        Example({"filters": 8, "kernel_size": 3, "padding": "same"}, (None, 20, 4), (None, 20, 8), 104),
        Example({"filters": 8, "kernel_size": 3, "padding": "causal", "dilation_rate": 2}, (None, 20, 4),
                (None, 20, 8), 104),
        Example({"filters": 6, "kernel_size": 4, "strides": 2, "use_bias": False}, (None, 21, 3), (None, 9, 6), 72),
        Example({"filters": 5, "kernel_size": (3,), "dilation_rate": 3}, (None, 20, 2), (None, 14, 5), 35),
        Example({"filters": 8, "kernel_size": 3, "groups": 2}, (None, 10, 4), (None, 8, 8), 56),
        Example({"filters": 32, "kernel_size": 3, "strides": 2, "padding": "same"}, (None, None, 16),
                (None, None, 32), 1_568),
        Example({"filters": 4, "kernel_size": 5, "strides": 3, "padding": "causal"}, (7, 17, 2), (7, 6, 4), 44),
    )

    def _too_few_axes(self, ctx: Ctx, producer: LayerSpec | None, base) -> Fix | None:
        if len(ctx.shape) != 2:
            return None
        code = reshape_code(ctx.shape[1:])
        return Fix("fix.conv1d_add_channel", base, code) if code else None

    def _too_many_axes(self, ctx: Ctx, base) -> Fix | None:
        if len(ctx.shape) != 4:
            return None
        return Fix("fix.conv1d_use_conv2d", base, CONV2D.code(_convert(ctx.spec, "Conv2D")))


class Conv2D(_Conv):
    """Conv2D: (B, H, W, C) → (B, H', W', K); kernel (kh, kw, C, K), bias (K,)."""

    class_name = "Conv2D"
    aliases = ("Convolution2D",)
    rank = 2
    rules = _Conv._rules(("valid", "same"))
    spatial_defaults = ("H", "W")
    spatial_meanings = ("axis.conv_height", "axis.conv_width")
    examples = (
        Example({"filters": 32, "kernel_size": 3}, (None, 28, 28, 1), (None, 26, 26, 32), 320),
        Example({"filters": 16, "kernel_size": (3, 5), "strides": 2, "padding": "same"}, (None, 28, 27, 3),
                (None, 14, 14, 16), 736),
        Example({"filters": 4, "kernel_size": 3, "dilation_rate": 2}, (None, 10, 12, 2), (None, 6, 8, 4), 76),
        Example({"filters": 8, "kernel_size": (2, 2), "strides": (2, 1), "use_bias": False}, (None, 9, 9, 3),
                (None, 4, 8, 8), 96),
        Example({"filters": 6, "kernel_size": 1, "groups": 3}, (None, 5, 5, 6), (None, 5, 5, 6), 18),
        Example({"filters": 8, "kernel_size": 3, "padding": "same", "activation": "relu"}, (None, None, None, 3),
                (None, None, None, 8), 224),
    )

    def _too_few_axes(self, ctx: Ctx, producer: LayerSpec | None, base) -> Fix | None:
        if len(ctx.shape) != 3:
            return None
        if producer is not None and producer.kind in SEQUENCE_LAYERS and ctx.shape[-1] is not None:
            return Fix("fix.conv2d_use_conv1d", base, CONV1D.code(_convert(ctx.spec, "Conv1D")))
        code = reshape_code(ctx.shape[1:])
        return Fix("fix.conv2d_add_channel", base, code) if code else None


CONV1D, CONV2D = Conv1D(), Conv2D()
KINDS = (CONV1D, CONV2D)
