"""The convolutions: one small kernel slid along the input's length (or height and width, or depth, height
and width), and the kinds built from it (transposed, depthwise, separable: below Conv2D).

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
Keras refuses strides > 1 together with dilation_rate > 1 when a Conv or a transposed Conv is constructed
(not a depthwise or separable one, which TensorFlow runs).

Conv3D: input (B, D, H, W, C) → output (B, D', H', W', K); kernel (kd, kh, kw, C, K), bias (K,).
Conv1D/2D/3DTranspose: kernel (*k, K, C), bias (K,); output lengths in `transposed_length`.
DepthwiseConv2D: (B, H, W, C) → (B, H', W', C·m); kernel (kh, kw, C, m), bias (C·m,).
SeparableConv1D/2D: (B, *S, C) → (B, *S', K); depthwise_kernel (*k, C, m), pointwise_kernel (*1, C·m, K),
bias (K,).
"""
from __future__ import annotations

import math
from dataclasses import replace

from ...axes import base_letter
from ...description import shape_text
from ...spec import LayerSpec
from ..base import (ACTIVATIONS, INITIALIZERS, KERNEL_AND_BIAS_RULES, MAX_SIZE, ArgRule, Ctx, Example, Fix, FixEdit,
                    Formula, LayerKind, Shape, ShapeRefusal, WeightInfo, dim_text)

# producers whose output is a sequence (B, T, F): a 2-D layer after them wants its 1-D sibling
SEQUENCE_LAYERS = ("Embedding", "LSTM", "GRU", "SimpleRNN", "Bidirectional", "Conv1D", "Conv1DTranspose",
                   "SeparableConv1D", "MaxPooling1D", "AveragePooling1D", "TimeDistributed")
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
    refuses_stride_with_dilation = True  # Keras refuses strides > 1 with dilation_rate > 1 when constructed
    sibling_1d = ""  # a 2-D kind's 1-D version, the fix when a sequence (B, T, F) flows in

    @classmethod
    def _rules(cls, paddings: tuple[str, ...]) -> tuple[ArgRule, ...]:
        return (
            ArgRule("filters", "int", None, 1, MAX_SIZE),
            ArgRule("kernel_size", "size_or_tuple", None, 1, MAX_SIZE),
            ArgRule("strides", "size_or_tuple", 1, 1, MAX_SIZE),
            ArgRule("padding", "choice", "valid", choices=paddings, folds_case=True),
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
        if self.refuses_stride_with_dilation and max(strides) > 1 and max(dilation) > 1:  # Keras, when constructed
            fixed = replace(ctx.spec, args=_with(ctx.spec, strides=1))
            return Fix("fix.conv_stride_dilation", base, self.code(fixed), FixEdit("replace", fixed.name, fixed))
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
                                                             ("span", str(span))), self.code(fixed),
                               FixEdit("replace", fixed.name, fixed))
        return None

    def _too_few_axes(self, ctx: Ctx, producer: LayerSpec | None, base) -> Fix | None:
        """One axis short: a sequence (B, T, F) into a 2-D kind wants its 1-D version; otherwise the learner's
        data has no channel axis (a grey image (B, H, W)): add one of 1."""
        if len(ctx.shape) != self.rank + 1:
            return None
        sibling = self.registry.get(self.sibling_1d)
        if sibling is not None and producer is not None and producer.kind in SEQUENCE_LAYERS and ctx.shape[-1]:
            fixed = _convert(ctx.spec, sibling.class_name)
            return Fix("fix.conv_use_1d", base + (("sibling", sibling.class_name),), sibling.code(fixed),
                       FixEdit("replace", fixed.name, fixed))
        code = reshape_code(ctx.shape[1:])
        return Fix("fix.conv_add_channel", base + (("rank", str(self.rank)),), code,
                   FixEdit("insert_before", ctx.spec.name)) if code else None

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
    """The same convolution as the other kind (Conv1D <-> Conv2D, ...): an int size fits both; a tuple
    keeps its first entry (a Conv2D's height becomes a Conv1D's length); causal becomes same."""
    args = {}
    for key, value in spec.args:
        if key in ("kernel_size", "strides", "dilation_rate", "output_padding") and isinstance(value, tuple):
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
        return Fix("fix.conv1d_add_channel", base, code, FixEdit("insert_before", ctx.spec.name)) if code else None

    def _too_many_axes(self, ctx: Ctx, base) -> Fix | None:
        if len(ctx.shape) != 4:
            return None
        fixed = _convert(ctx.spec, "Conv2D")
        return Fix("fix.conv1d_use_conv2d", base, CONV2D.code(fixed), FixEdit("replace", fixed.name, fixed))


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
            fixed = _convert(ctx.spec, "Conv1D")
            return Fix("fix.conv2d_use_conv1d", base, CONV1D.code(fixed), FixEdit("replace", fixed.name, fixed))
        code = reshape_code(ctx.shape[1:])
        return Fix("fix.conv2d_add_channel", base, code, FixEdit("insert_before", ctx.spec.name)) if code else None


class Conv3D(_Conv):
    """Conv3D: (B, D, H, W, C) → (B, D', H', W', K); kernel (kd, kh, kw, C, K), bias (K,). A video or a
    scan: the kernel slides along depth (or time) as well as height and width."""

    class_name = "Conv3D"
    aliases = ("Convolution3D",)
    rank = 3
    rules = _Conv._rules(("valid", "same"))
    spatial_defaults = ("D", "H", "W")
    spatial_meanings = ("axis.conv_depth", "axis.conv_height", "axis.conv_width")
    examples = (
        Example({"filters": 8, "kernel_size": 3}, (None, 6, 7, 8, 3), (None, 4, 5, 6, 8), 656),
        Example({"filters": 4, "kernel_size": (1, 3, 3), "strides": 2, "padding": "same"}, (None, 5, 8, 9, 2),
                (None, 3, 4, 5, 4), 76),
        Example({"filters": 4, "kernel_size": 2, "dilation_rate": 2, "groups": 2, "use_bias": False},
                (None, 6, 6, 6, 4), (None, 4, 4, 4, 4), 64),
    )


# -- transposed convolutions ---------------------------------------------------------------------------
def transposed_length(size: int | None, k: int, s: int, d: int, padding: str, output_padding: int | None) -> int | None:
    """One axis of a transposed convolution's output, as Keras computes it. Each input position spreads
    its kernel (spanning d·(k − 1) + 1 positions) s positions after the previous one, so the whole
    spread covers (n − 1)·s + span positions. "valid" keeps it all: (n − 1)·s + span, or (n − 1)·s + s when
    the stride is longer than the span (the gaps count), plus output_padding when given. "same" gives
    n·s, the size a "same" convolution with stride s would shrink back to n; with output_padding:
    (n − 1)·s + (span mod 2) + output_padding."""
    if size is None:
        return None
    span = d * (k - 1) + 1
    if padding == "valid":
        return (size - 1) * s + (max(span, s) if output_padding is None else span + output_padding)
    if output_padding is None:
        return size * s
    return (size - 1) * s + span % 2 + output_padding


class _ConvTranspose(_Conv):
    """A convolution run backwards: each input position adds its kernel, times its numbers, to a patch of
    the output; strides s spread the patches s apart, so the output is about s times longer (upsampling).
    kernel (*k, K, C): Keras keeps the filters before the input channels (a Conv's kernel is (*k, C, K)).

    TensorFlow's CPU kernels refuse, when the model runs (not when Keras infers shapes), a dilation_rate
    above 1 ("Current CPU implementations do not yet support dilation rates larger than 1") and
    padding="same" with an even (dilated) kernel and output_padding=0 (the size it asks for is one below
    what a "same" convolution could shrink back from): both are refused here, before building."""

    positional = ("filters", "kernel_size", "strides", "padding", "output_padding", "data_format", "dilation_rate",
                  "activation", "use_bias", "kernel_initializer", "bias_initializer", "kernel_regularizer",
                  "bias_regularizer", "activity_regularizer", "kernel_constraint", "bias_constraint")

    @classmethod
    def _transpose_rules(cls) -> tuple[ArgRule, ...]:
        return tuple(r for r in cls._rules(("valid", "same")) if r.name != "groups") + (
            ArgRule("output_padding", "size_or_tuple", None, 0, MAX_SIZE),)

    def output_padding(self, spec: LayerSpec) -> tuple[int | None, ...]:
        return as_tuple(spec.arg("output_padding"), self.rank) or (None,) * self.rank

    def output_shapes(self, spec: LayerSpec, in_shapes: tuple[Shape, ...], layer) -> tuple[Shape, ...]:
        shape = in_shapes[0]
        if len(shape) == self.rank + 2 and shape[-1] is None:
            raise ValueError(f"The channel axis (last axis) of the input of '{spec.name}' must be known to "
                             f"make its kernel; received input shape {shape_text(shape)}.")
        if max(self.dilation(spec)) > 1:
            raise ShapeRefusal(f"'{spec.name}': TensorFlow's CPU transposed convolution refuses dilation_rate="
                               f"{spec.arg('dilation_rate')} when the model runs: \"Current CPU implementations do not "
                               "yet support dilation rates larger than 1.\"")
        axis = self._same_even_axis(spec)
        if axis is not None:
            raise ShapeRefusal(f"'{spec.name}': padding=\"same\" with the even kernel size "
                               f"{self.kernel_size(spec)[axis]} and output_padding=0 asks for an output that a "
                               "\"same\" convolution could not have come from; TensorFlow refuses it when the model "
                               "runs (\"Size of out_backprop doesn't match computed\").")
        return (tuple(layer.compute_output_shape(shape)),)  # Keras returns a list here: one shape

    def _same_even_axis(self, spec: LayerSpec) -> int | None:
        if spec.arg("padding", "valid") != "same":
            return None
        for i, (k, d, op) in enumerate(zip(self.kernel_size(spec), self.dilation(spec), self.output_padding(spec))):
            if op == 0 and (d * (k - 1) + 1) % 2 == 0:
                return i
        return None

    def _unchanged(self, ctx: Ctx) -> tuple[bool, ...]:
        padding, flags = ctx.arg("padding", "valid"), []
        for i, (k, s, d, op) in enumerate(zip(self.kernel_size(ctx.spec), self.strides(ctx.spec),
                                              self.dilation(ctx.spec), self.output_padding(ctx.spec))):
            size_in = ctx.shape[1 + i]
            probe = 7 if size_in is None else size_in  # unknown: unchanged when any size would be
            flags.append(transposed_length(probe, k, s, d, padding, op) == probe
                         and (size_in is not None or transposed_length(8, k, s, d, padding, op) == 8))
        return tuple(flags)

    def weights(self, ctx: Ctx) -> tuple[WeightInfo, ...]:
        ks = self.kernel_size(ctx.spec)
        c, c_dim = ctx.shape[-1], ctx.axes[-1]
        k, k_dim = ctx.out_shapes[0][-1], ctx.out_axes[0][-1]
        kernel = WeightInfo("", "kernel", ks + (k, c), tuple(str(n) for n in ks) + (k_dim, c_dim))
        if not ctx.arg("use_bias", True):
            return (kernel,)
        return kernel, WeightInfo("", "bias", (k,), (k_dim,))

    def formula(self, ctx: Ctx) -> Formula:
        ks = self.kernel_size(ctx.spec)
        c, c_dim = ctx.shape[-1], ctx.axes[-1]
        k, k_dim = ctx.out_shapes[0][-1], ctx.out_axes[0][-1]
        sizes = " × ".join(str(n) for n in ks)
        value = math.prod(ks) * k * c
        symbolic, numbers = f"{sizes} × {k_dim} × {c_dim}", f"{sizes} × {k:,} × {c:,}"
        if not ctx.arg("use_bias", True):
            return Formula(symbolic, numbers, value)
        return Formula(f"{symbolic} + {k_dim}", f"{numbers} + {k:,}", value + k)

    def flops(self, ctx: Ctx, params: int) -> int:
        """2 × (kernel positions × C × K) × input positions: every input position spreads its whole kernel."""
        positions = math.prod(d or 1 for d in ctx.shape[:-1])
        return 2 * math.prod(self.kernel_size(ctx.spec)) * ctx.shape[-1] * ctx.out_shapes[0][-1] * positions

    def explain(self, ctx: Ctx, producer: LayerSpec | None) -> Fix | None:
        if ctx.arg("kernel_size") is None:
            return None
        base = (("layer", ctx.spec.name), ("shape", shape_text(ctx.shape)))
        strides, paddings = self.strides(ctx.spec), self.output_padding(ctx.spec)
        if any(op is not None and op >= s for op, s in zip(paddings, strides)):  # Keras, when constructed
            fixed = replace(ctx.spec, args=_without(ctx.spec, "output_padding"))
            return Fix("fix.conv_transpose_output_padding", base + (("strides", str(ctx.arg("strides", 1))),
                                                                    ("output_padding", str(ctx.arg("output_padding")))),
                       self.code(fixed), FixEdit("replace", fixed.name, fixed))
        if max(strides) == 1 and max(self.dilation(ctx.spec)) > 1:
            fixed = replace(ctx.spec, args=_without(ctx.spec, "dilation_rate"))
            return Fix("fix.conv_transpose_dilation", base, self.code(fixed), FixEdit("replace", fixed.name, fixed))
        if self._same_even_axis(ctx.spec) is not None:
            fixed = replace(ctx.spec, args=_without(ctx.spec, "output_padding"))
            return Fix("fix.conv_transpose_same_even", base, self.code(fixed), FixEdit("replace", fixed.name, fixed))
        return super().explain(ctx, producer)

    def xray(self, call):
        from .xray import transpose_xray

        return transpose_xray(call)

    def mistakes(self, model, layer, step, core) -> tuple:
        return ()  # a transposed kernel always fits: the output grows


class Conv1DTranspose(_ConvTranspose):
    """Conv1DTranspose: (B, T, C) → (B, T', K); kernel (k, K, C), bias (K,). Parameters k·K·C + K."""

    class_name = "Conv1DTranspose"
    aliases = ("Convolution1DTranspose",)
    rank = 1
    rules = _ConvTranspose._transpose_rules()
    spatial_defaults = ("T",)
    spatial_meanings = ("axis.conv_transpose_length",)
    examples = (
        Example({"filters": 8, "kernel_size": 3, "strides": 2, "padding": "same"}, (None, 10, 4), (None, 20, 8), 104),
        Example({"filters": 4, "kernel_size": 3}, (None, 10, 2), (None, 12, 4), 28),
        Example({"filters": 4, "kernel_size": 2, "strides": 3}, (None, 5, 2), (None, 15, 4), 20),
        Example({"filters": 4, "kernel_size": 4, "strides": 2, "output_padding": 1, "use_bias": False},
                (None, 5, 3), (None, 13, 4), 48),
    )


class Conv2DTranspose(_ConvTranspose):
    """Conv2DTranspose: (B, H, W, C) → (B, H', W', K); kernel (kh, kw, K, C), bias (K,). Parameters
    kh·kw·K·C + K: the count of the Conv2D it mirrors."""

    class_name = "Conv2DTranspose"
    aliases = ("Convolution2DTranspose",)
    rank = 2
    rules = _ConvTranspose._transpose_rules()
    sibling_1d = "Conv1DTranspose"
    spatial_defaults = ("H", "W")
    spatial_meanings = ("axis.conv_transpose_height", "axis.conv_transpose_width")
    examples = (
        Example({"filters": 16, "kernel_size": 3, "strides": 2, "padding": "same"}, (None, 7, 7, 32),
                (None, 14, 14, 16), 4_624),
        Example({"filters": 1, "kernel_size": 3}, (None, 26, 26, 32), (None, 28, 28, 1), 289),
        Example({"filters": 8, "kernel_size": 2, "strides": 2}, (None, 4, 5, 3), (None, 8, 10, 8), 104),
        Example({"filters": 4, "kernel_size": (3, 4), "strides": 2, "padding": "same", "output_padding": (0, 1)},
                (None, 5, 6, 2), (None, 9, 11, 4), 100),
        Example({"filters": 6, "kernel_size": 3, "strides": 2, "output_padding": 1, "activation": "relu"},
                (None, None, None, 3), (None, None, None, 6), 168),
    )


class Conv3DTranspose(_ConvTranspose):
    """Conv3DTranspose: (B, D, H, W, C) → (B, D', H', W', K); kernel (kd, kh, kw, K, C), bias (K,)."""

    class_name = "Conv3DTranspose"
    aliases = ("Convolution3DTranspose",)
    rank = 3
    # Keras 3 puts data_format before output_padding here (not in Conv1DTranspose and Conv2DTranspose)
    positional = ("filters", "kernel_size", "strides", "padding", "data_format", "output_padding", "dilation_rate",
                  "activation", "use_bias", "kernel_initializer", "bias_initializer", "kernel_regularizer",
                  "bias_regularizer", "activity_regularizer", "kernel_constraint", "bias_constraint")
    rules = _ConvTranspose._transpose_rules()
    spatial_defaults = ("D", "H", "W")
    spatial_meanings = ("axis.conv_transpose_depth", "axis.conv_transpose_height", "axis.conv_transpose_width")
    examples = (
        Example({"filters": 4, "kernel_size": 3, "strides": 2, "padding": "same"}, (None, 3, 4, 5, 3),
                (None, 6, 8, 10, 4), 328),
        Example({"filters": 2, "kernel_size": (2, 3, 3), "use_bias": False}, (None, 4, 4, 4, 5), (None, 5, 6, 6, 2),
                180),
    )


# -- depthwise and separable convolutions ----------------------------------------------------------------
DEPTHWISE_RULES = (
    ArgRule("kernel_size", "size_or_tuple", None, 1, MAX_SIZE),
    ArgRule("strides", "size_or_tuple", 1, 1, MAX_SIZE),
    ArgRule("padding", "choice", "valid", choices=("valid", "same"), folds_case=True),
    ArgRule("depth_multiplier", "int", 1, 1, MAX_SIZE),
    ArgRule("data_format", "choice", None, choices=DATA_FORMATS),
    ArgRule("dilation_rate", "size_or_tuple", 1, 1, MAX_SIZE),
    ArgRule("activation", "activation", None, choices=ACTIVATIONS, neutral=True),
    ArgRule("use_bias", "bool", True),
    ArgRule("depthwise_initializer", "initializer", "glorot_uniform", choices=INITIALIZERS, neutral=True),
    ArgRule("bias_initializer", "initializer", "zeros", choices=INITIALIZERS, neutral=True),
    ArgRule("depthwise_regularizer", "ignored", neutral=True),
    ArgRule("bias_regularizer", "ignored", neutral=True),
    ArgRule("activity_regularizer", "ignored", neutral=True),
    ArgRule("depthwise_constraint", "ignored", neutral=True),
    ArgRule("bias_constraint", "ignored", neutral=True),
)
SEPARABLE_RULES = (ArgRule("filters", "int", None, 1, MAX_SIZE),) + DEPTHWISE_RULES + (
    ArgRule("pointwise_initializer", "initializer", "glorot_uniform", choices=INITIALIZERS, neutral=True),
    ArgRule("pointwise_regularizer", "ignored", neutral=True),
    ArgRule("pointwise_constraint", "ignored", neutral=True),
)


class DepthwiseConv2D(_Conv):
    """DepthwiseConv2D: (B, H, W, C) → (B, H', W', C·m), m = depth_multiplier; kernel (kh, kw, C, m), bias
    (C·m,). Each input channel gets its own m kernels and never meets another channel: output channel
    c·m + q is channel c's window times kernel[..., c, q]. Parameters kh·kw·C·m + C·m. Keras has no
    `filters` here: the output channels are the input's times m. (A Conv2D with groups=C and C·m filters
    computes the same.) Keras accepts strides > 1 with dilation_rate > 1 here, and TensorFlow runs it."""

    class_name = "DepthwiseConv2D"
    rank = 2
    positional = ("kernel_size", "strides", "padding", "depth_multiplier", "data_format", "dilation_rate",
                  "activation", "use_bias", "depthwise_initializer", "bias_initializer", "depthwise_regularizer",
                  "bias_regularizer", "activity_regularizer", "depthwise_constraint", "bias_constraint")
    code_positional = 1
    rules = DEPTHWISE_RULES
    refuses_stride_with_dilation = False
    spatial_defaults = ("H", "W")
    spatial_meanings = ("axis.conv_height", "axis.conv_width")
    examples = (
        Example({"kernel_size": 3, "padding": "same"}, (None, 32, 32, 16), (None, 32, 32, 16), 160),
        Example({"kernel_size": 3, "depth_multiplier": 2}, (None, 9, 9, 3), (None, 7, 7, 6), 60),
        Example({"kernel_size": (3, 2), "strides": 2, "padding": "same", "use_bias": False}, (None, 9, 9, 3),
                (None, 5, 5, 3), 18),
        Example({"kernel_size": 3, "dilation_rate": 2, "activation": "relu"}, (None, 9, 10, 4), (None, 5, 6, 4), 40),
    )

    def initializers(self, spec: LayerSpec, seed: int) -> dict:
        import keras

        return {"depthwise_initializer": keras.initializers.GlorotUniform(seed=seed)}

    def multiplier(self, ctx: Ctx) -> int:
        return ctx.arg("depth_multiplier", 1)

    def _channel_axis(self, ctx: Ctx) -> str:
        """The output channels: the input's letter when m = 1, else a letter of their own (C·m)."""
        if self.multiplier(ctx) == 1:
            return ctx.axes[-1]
        base = base_letter(ctx.axes[-1])
        return ctx.new(base if base.isalpha() else "C", ctx.out_shapes[0][-1], "depth_multiplier",
                       "axis.depthwise_channels")

    def axes(self, ctx: Ctx) -> tuple[tuple[str, ...], ...]:
        spatial = spatial_letters(ctx, self._unchanged(ctx), self.spatial_defaults, self.spatial_meanings)
        return ((ctx.axes[0],) + spatial + (self._channel_axis(ctx),),)

    def _depthwise(self, ctx: Ctx, name: str) -> WeightInfo:
        ks, m = self.kernel_size(ctx.spec), self.multiplier(ctx)
        return WeightInfo("", name, ks + (ctx.shape[-1], m), tuple(str(n) for n in ks) + (ctx.axes[-1], str(m)))

    def weights(self, ctx: Ctx) -> tuple[WeightInfo, ...]:
        kernel = self._depthwise(ctx, "kernel")
        if not ctx.arg("use_bias", True):
            return (kernel,)
        return kernel, WeightInfo("", "bias", (ctx.out_shapes[0][-1],), (ctx.out_axes[0][-1],))

    def _depthwise_terms(self, ctx: Ctx) -> tuple[str, str, int]:
        """kh × kw × C × m: symbols, numbers, value (× m left out when m = 1)."""
        ks, m, c = self.kernel_size(ctx.spec), self.multiplier(ctx), ctx.shape[-1]
        sizes = " × ".join(str(n) for n in ks)
        times = f" × {m}" if m > 1 else ""
        return f"{sizes} × {ctx.axes[-1]}{times}", f"{sizes} × {c:,}{times}", math.prod(ks) * c * m

    def formula(self, ctx: Ctx) -> Formula:
        symbolic, numbers, value = self._depthwise_terms(ctx)
        if not ctx.arg("use_bias", True):
            return Formula(symbolic, numbers, value)
        out, out_dim = ctx.out_shapes[0][-1], ctx.out_axes[0][-1]
        return Formula(f"{symbolic} + {out_dim}", f"{numbers} + {out:,}", value + out)

    def flops(self, ctx: Ctx, params: int) -> int:
        """2 × kernel positions × C·m × output positions: each output channel reads one input channel."""
        out = ctx.out_shapes[0]
        return 2 * math.prod(self.kernel_size(ctx.spec)) * out[-1] * math.prod(d or 1 for d in out[:-1])

    def xray(self, call):
        from .xray import depthwise_xray

        return depthwise_xray(call)


class _SeparableConv(DepthwiseConv2D):
    """SeparableConv: a depthwise convolution (each channel its own m kernels, no bias) then a pointwise
    one (a 1 × 1 convolution mixing the C·m channels into K filters) plus the bias: (B, *S, C) → (B, *S', K).
    depthwise_kernel (*k, C, m), pointwise_kernel (*1, C·m, K), bias (K,). Parameters
    prod(k)·C·m + C·m·K + K, far fewer than a Conv's prod(k)·C·K + K when K is large."""

    positional = ("filters", "kernel_size", "strides", "padding", "data_format", "dilation_rate", "depth_multiplier",
                  "activation", "use_bias", "depthwise_initializer", "pointwise_initializer", "bias_initializer",
                  "depthwise_regularizer", "pointwise_regularizer", "bias_regularizer", "activity_regularizer",
                  "depthwise_constraint", "pointwise_constraint", "bias_constraint")
    code_positional = 2
    rules = SEPARABLE_RULES

    def initializers(self, spec: LayerSpec, seed: int) -> dict:
        import keras

        return {"depthwise_initializer": keras.initializers.GlorotUniform(seed=seed),
                "pointwise_initializer": keras.initializers.GlorotUniform(seed=seed + 1)}

    def axes(self, ctx: Ctx) -> tuple[tuple[str, ...], ...]:
        return _Conv.axes(self, ctx)

    def _pointwise(self, ctx: Ctx) -> WeightInfo:
        c, m, k = ctx.shape[-1], self.multiplier(ctx), ctx.out_shapes[0][-1]
        return WeightInfo("", "pointwise_kernel", (1,) * self.rank + (c * m, k),
                          ("1",) * self.rank + (dim_text(ctx.axes[-1], m), ctx.out_axes[0][-1]))

    def weights(self, ctx: Ctx) -> tuple[WeightInfo, ...]:
        both = (self._depthwise(ctx, "depthwise_kernel"), self._pointwise(ctx))
        if not ctx.arg("use_bias", True):
            return both
        return both + (WeightInfo("", "bias", (ctx.out_shapes[0][-1],), (ctx.out_axes[0][-1],)),)

    def formula(self, ctx: Ctx) -> Formula:
        d_sym, d_num, d_value = self._depthwise_terms(ctx)
        c, m, k, k_dim = ctx.shape[-1], self.multiplier(ctx), ctx.out_shapes[0][-1], ctx.out_axes[0][-1]
        symbolic = f"{d_sym} + {dim_text(ctx.axes[-1], m)} × {k_dim}"
        numbers = f"{d_num} + {c * m:,} × {k:,}"
        value = d_value + c * m * k
        if not ctx.arg("use_bias", True):
            return Formula(symbolic, numbers, value)
        return Formula(f"{symbolic} + {k_dim}", f"{numbers} + {k:,}", value + k)

    def flops(self, ctx: Ctx, params: int) -> int:
        """2 × (kernel positions × C·m + C·m × K) × output positions: the depthwise step, then the pointwise."""
        out, cm = ctx.out_shapes[0], ctx.shape[-1] * self.multiplier(ctx)
        positions = math.prod(d or 1 for d in out[:-1])
        return 2 * (math.prod(self.kernel_size(ctx.spec)) * cm + cm * out[-1]) * positions

    def xray(self, call):
        from .xray import separable_xray

        return separable_xray(call)


class SeparableConv1D(_SeparableConv):
    """SeparableConv1D: (B, T, C) → (B, T', K); depthwise_kernel (k, C, m), pointwise_kernel (1, C·m, K)."""

    class_name = "SeparableConv1D"
    aliases = ("SeparableConvolution1D",)
    rank = 1
    spatial_defaults = ("T",)
    spatial_meanings = ("axis.conv_length",)
    examples = (
        Example({"filters": 32, "kernel_size": 5, "activation": "relu"}, (None, 100, 64), (None, 96, 32), 2_400),
        Example({"filters": 8, "kernel_size": 3, "depth_multiplier": 2, "padding": "same"}, (None, 9, 3),
                (None, 9, 8), 74),
        Example({"filters": 8, "kernel_size": 3, "strides": 2, "use_bias": False}, (None, 9, 3), (None, 4, 8), 33),
    )


class SeparableConv2D(_SeparableConv):
    """SeparableConv2D: (B, H, W, C) → (B, H', W', K); depthwise_kernel (kh, kw, C, m), pointwise_kernel
    (1, 1, C·m, K), bias (K,)."""

    class_name = "SeparableConv2D"
    aliases = ("SeparableConvolution2D",)
    rank = 2
    sibling_1d = "SeparableConv1D"
    spatial_defaults = ("H", "W")
    spatial_meanings = ("axis.conv_height", "axis.conv_width")
    examples = (
        Example({"filters": 64, "kernel_size": 3, "padding": "same"}, (None, 32, 32, 32), (None, 32, 32, 64), 2_400),
        Example({"filters": 8, "kernel_size": 3, "depth_multiplier": 2}, (None, 9, 9, 3), (None, 7, 7, 8), 110),
        Example({"filters": 8, "kernel_size": (3, 2), "strides": 2, "use_bias": False},
                (None, 9, 9, 3), (None, 4, 4, 8), 42),
        Example({"filters": 4, "kernel_size": 3, "dilation_rate": 2, "activation": "relu"}, (None, 9, 9, 3),
                (None, 5, 5, 4), 43),
    )


def _without(spec: LayerSpec, name: str) -> tuple:
    """The spec's arguments without one (its default then applies)."""
    return tuple((k, v) for k, v in spec.args if k != name)


CONV1D, CONV2D, CONV3D = Conv1D(), Conv2D(), Conv3D()
KINDS = (CONV1D, CONV2D, Conv2DTranspose(), SeparableConv2D(), DepthwiseConv2D(), Conv1DTranspose(), SeparableConv1D(),
         CONV3D, Conv3DTranspose())
