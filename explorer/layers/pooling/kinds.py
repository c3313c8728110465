"""Pooling: the maximum or the mean of each window, channel by channel. No weights.

MaxPooling1D / AveragePooling1D: (B, T, C) → (B, T', C). MaxPooling2D / AveragePooling2D:
(B, H, W, C) → (B, H', W', C). MaxPooling3D / AveragePooling3D: (B, D, H, W, C) → (B, D', H', W', C).
The window is `pool_size` (MaxPooling's default 2, or (2, 2);
AveragePooling has no default in Keras 3: pool_size is required), `strides` None means the window
size, so windows do not overlap. "valid" gives ⌊(T − p) / s⌋ + 1 (the window must fit: a
too-short input is a failure), "same" gives ⌈T / s⌉. An axis whose size is unchanged keeps its
letter; a changed one gets a new letter (T₂, H₂...).

GlobalAveragePooling1D / GlobalMaxPooling1D: (B, T, C) → (B, C); GlobalAveragePooling2D /
GlobalMaxPooling2D: (B, H, W, C) → (B, C); GlobalAveragePooling3D / GlobalMaxPooling3D: (B, D, H, W, C) →
(B, C). keepdims=True keeps the pooled axes with size 1: (B, 1, C), (B, 1, 1, C) and (B, 1, 1, 1, C). Any
length works, even an unknown one (None).

data_format: "channels_last" only, as for the convolutions (conv/kinds.py says why).
"""
from __future__ import annotations

from dataclasses import replace

from ...spec import LayerSpec
from ..base import MAX_SIZE, ArgRule, Ctx, Example, Fix, FixEdit, LayerKind, Shape
from ..conv.kinds import (DATA_FORMATS, as_tuple, check_lengths, reshape_code, rnn_without_sequences,
                          shape_text, spatial_letters)
from ..reshaping.kinds import one_rank_lower


def _with(spec: LayerSpec, **changes) -> tuple:
    return tuple(sorted({**dict(spec.args), **changes}.items()))


def _sibling(class_name: str, spec: LayerSpec, rank: int) -> LayerSpec:
    """The same pooling of another rank (1, 2 or 3) (a tuple size keeps its first entry)."""
    kind = f"{class_name[:-2]}{rank}D"
    args = {k: (v[0] if k in ("pool_size", "strides") and isinstance(v, tuple) else v) for k, v in spec.args}
    return replace(spec, kind=kind, args=tuple(sorted(args.items())), sources=())


class _Pool(LayerKind):
    rank = 1
    positional = ("pool_size", "strides", "padding", "data_format")
    code_positional = 1
    spatial_defaults: tuple[str, ...] = ("T",)
    spatial_meanings: tuple[str, ...] = ("axis.pool_length",)

    @staticmethod
    def _rules(default_pool) -> tuple[ArgRule, ...]:
        return (
            ArgRule("pool_size", "size_or_tuple", default_pool, 1, MAX_SIZE),
            ArgRule("strides", "size_or_tuple", None, 1, MAX_SIZE),
            ArgRule("padding", "choice", "valid", choices=("valid", "same")),
            ArgRule("data_format", "choice", None, choices=DATA_FORMATS),
        )

    def pool_size(self, spec: LayerSpec) -> tuple[int, ...] | None:
        return as_tuple(spec.arg("pool_size", self.rule("pool_size").default), self.rank)

    def strides(self, spec: LayerSpec) -> tuple[int, ...] | None:
        strides = spec.arg("strides")
        return as_tuple(strides, self.rank) if strides is not None else self.pool_size(spec)

    def output_shapes(self, spec: LayerSpec, in_shapes: tuple[Shape, ...], layer) -> tuple[Shape, ...]:
        outs = super().output_shapes(spec, in_shapes, layer)
        check_lengths(spec.name, in_shapes[0], outs[0], self.rank)
        return outs

    def axes(self, ctx: Ctx) -> tuple[tuple[str, ...], ...]:
        same_padding = ctx.arg("padding", "valid") == "same"
        unchanged = []
        for i, (p, s) in enumerate(zip(self.pool_size(ctx.spec), self.strides(ctx.spec))):
            size_in, size_out = ctx.shape[1 + i], ctx.out_shapes[0][1 + i]
            unchanged.append(size_in == size_out if size_in is not None else s == 1 and (same_padding or p == 1))
        spatial = spatial_letters(ctx, tuple(unchanged), self.spatial_defaults, self.spatial_meanings)
        return ((ctx.axes[0],) + spatial + (ctx.axes[-1],),)

    def explain(self, ctx: Ctx, producer: LayerSpec | None) -> Fix | None:
        shape = ctx.shape
        base = (("layer", ctx.spec.name), ("shape", shape_text(shape)))
        if self.pool_size(ctx.spec) is None:  # AveragePooling without pool_size: Keras's TypeError
            fixed = replace(ctx.spec, args=_with(ctx.spec, pool_size=2))
            return Fix("fix.pool_size_required", base, self.code(fixed), FixEdit("replace", fixed.name, fixed))
        if len(shape) != self.rank + 2:
            if len(shape) < self.rank + 2 and rnn_without_sequences(producer):
                return None
            if len(shape) == self.rank + 1 and not one_rank_lower(self.rank, shape, producer):
                code = reshape_code(shape[1:])
                edit = FixEdit("insert_before", ctx.spec.name)
                return Fix("fix.pool_add_channel", base, code, edit) if code else None
            other = len(shape) - 2
            if not 1 <= other <= 3:
                return None
            key = {1: "fix.pool2d_use_1d", 2: "fix.pool1d_use_2d" if self.rank == 1 else "fix.pool3d_use_2d",
                   3: "fix.pool_use_3d"}[other]
            fixed = _sibling(self.class_name, ctx.spec, other)
            return Fix(key, base, SIBLINGS[fixed.kind].code(fixed), FixEdit("replace", fixed.name, fixed))
        if ctx.arg("padding", "valid") == "valid":
            for i, p in enumerate(self.pool_size(ctx.spec)):
                size = shape[1 + i]
                if size is not None and size < p:
                    fixed = replace(ctx.spec, args=_with(ctx.spec, padding="same"))
                    return Fix("fix.pool_too_short", base + (("axis", ctx.axes[1 + i]), ("size", str(size)),
                                                             ("pool", str(p))), self.code(fixed),
                               FixEdit("replace", fixed.name, fixed))
        return None

    def xray(self, call):
        from .xray import pool_xray

        return pool_xray(call)

    def mistakes(self, model, layer, step, core) -> tuple:
        from .xray import pool_mistakes

        return tuple(pool_mistakes(model, layer, step, core))


class MaxPooling1D(_Pool):
    """(B, T, C) → (B, T', C): the largest value of each window of pool_size steps."""

    class_name = "MaxPooling1D"
    aliases = ("MaxPool1D",)
    rules = _Pool._rules(2)
    examples = (
        Example({}, (None, 17, 4), (None, 8, 4), 0),
        Example({"pool_size": 3, "strides": 1, "padding": "same"}, (None, 17, 4), (None, 17, 4), 0),
        Example({"pool_size": 2}, (None, None, 5), (None, None, 5), 0),
    )


class AveragePooling1D(_Pool):
    """(B, T, C) → (B, T', C): the mean of each window of pool_size steps."""

    class_name = "AveragePooling1D"
    aliases = ("AvgPool1D",)
    rules = _Pool._rules(None)
    examples = (
        Example({"pool_size": 2}, (None, 17, 4), (None, 8, 4), 0),
        Example({"pool_size": 3, "strides": 2, "padding": "same"}, (None, 17, 4), (None, 9, 4), 0),
        Example({"pool_size": (4,), "strides": 1}, (3, 10, 2), (3, 7, 2), 0),
    )


class MaxPooling2D(_Pool):
    """(B, H, W, C) → (B, H', W', C): the largest value of each pool_size window."""

    class_name = "MaxPooling2D"
    aliases = ("MaxPool2D",)
    rank = 2
    spatial_defaults = ("H", "W")
    spatial_meanings = ("axis.pool_height", "axis.pool_width")
    rules = _Pool._rules((2, 2))
    examples = (
        Example({}, (None, 26, 26, 32), (None, 13, 13, 32), 0),
        Example({"pool_size": (3, 2), "strides": 2, "padding": "same"}, (None, 17, 15, 4), (None, 9, 8, 4), 0),
        Example({"pool_size": 3, "strides": 1}, (None, 5, 6, 1), (None, 3, 4, 1), 0),
    )


class AveragePooling2D(_Pool):
    """(B, H, W, C) → (B, H', W', C): the mean of each pool_size window."""

    class_name = "AveragePooling2D"
    aliases = ("AvgPool2D",)
    rank = 2
    spatial_defaults = ("H", "W")
    spatial_meanings = ("axis.pool_height", "axis.pool_width")
    rules = _Pool._rules(None)
    examples = (
        Example({"pool_size": 2}, (None, 17, 15, 4), (None, 8, 7, 4), 0),
        Example({"pool_size": (2, 3), "padding": "same"}, (None, 17, 15, 4), (None, 9, 5, 4), 0),
    )


class _GlobalPool(LayerKind):
    rank = 1
    positional = ("data_format", "keepdims")
    code_positional = 0
    rules = (
        ArgRule("data_format", "choice", None, choices=DATA_FORMATS),
        ArgRule("keepdims", "bool", False),
    )

    def axes(self, ctx: Ctx) -> tuple[tuple[str, ...], ...]:
        if not ctx.arg("keepdims", False):
            return ((ctx.axes[0], ctx.axes[-1]),)
        one = ctx.new("1", 1, meaning_key="axis.kept")
        return ((ctx.axes[0],) + (one,) * self.rank + (ctx.axes[-1],),)

    def explain(self, ctx: Ctx, producer: LayerSpec | None) -> Fix | None:
        shape = ctx.shape
        base = (("layer", ctx.spec.name), ("shape", shape_text(shape)))
        if len(shape) == 2:
            return None if rnn_without_sequences(producer) else Fix("fix.global_pool_flat", base)
        producer_kind = self.registry.get(producer.kind) if producer is not None else None
        if (len(shape) == self.rank + 3 and producer_kind is not None and producer_kind.recurrent
                and producer.arg("return_sequences", False)):
            return None  # an RNN kept every step (ConvLSTM2D): the generic rule says return_sequences=False
        if len(shape) in (3, 4, 5) and len(shape) != self.rank + 2:
            other = SIBLINGS[f"{self.class_name[:-2]}{len(shape) - 2}D"]
            fixed = replace(ctx.spec, kind=other.class_name)
            return Fix("fix.global_pool_use_other", base, other.code(fixed), FixEdit("replace", fixed.name, fixed))
        return None

    def xray(self, call):
        from .xray import global_pool_xray

        return global_pool_xray(call)


class GlobalAveragePooling1D(_GlobalPool):
    """(B, T, C) → (B, C): the mean over every step of each channel; keepdims → (B, 1, C)."""

    class_name = "GlobalAveragePooling1D"
    aliases = ("GlobalAvgPool1D",)
    examples = (
        Example({}, (None, 17, 4), (None, 4), 0),
        Example({"keepdims": True}, (None, None, 6), (None, 1, 6), 0),
    )


class GlobalMaxPooling1D(_GlobalPool):
    """(B, T, C) → (B, C): the largest value over every step of each channel; keepdims → (B, 1, C)."""

    class_name = "GlobalMaxPooling1D"
    aliases = ("GlobalMaxPool1D",)
    examples = (
        Example({}, (None, 48, 128), (None, 128), 0),
        Example({"keepdims": True}, (3, 5, 2), (3, 1, 2), 0),
    )


class GlobalAveragePooling2D(_GlobalPool):
    """(B, H, W, C) → (B, C): the mean over every position of each channel; keepdims → (B, 1, 1, C)."""

    class_name = "GlobalAveragePooling2D"
    aliases = ("GlobalAvgPool2D",)
    rank = 2
    examples = (
        Example({}, (None, 11, 11, 64), (None, 64), 0),
        Example({"keepdims": True}, (2, None, None, 6), (2, 1, 1, 6), 0),
    )


class GlobalMaxPooling2D(_GlobalPool):
    """(B, H, W, C) → (B, C): the largest value over every position of each channel; keepdims → (B, 1, 1, C)."""

    class_name = "GlobalMaxPooling2D"
    aliases = ("GlobalMaxPool2D",)
    rank = 2
    examples = (
        Example({}, (None, 7, 5, 4), (None, 4), 0),
        Example({"keepdims": True}, (None, 3, 3, 8), (None, 1, 1, 8), 0),
    )


class MaxPooling3D(_Pool):
    """(B, D, H, W, C) → (B, D', H', W', C): the largest value of each pool_size window of a volume."""

    class_name = "MaxPooling3D"
    aliases = ("MaxPool3D",)
    rank = 3
    spatial_defaults = ("D", "H", "W")
    spatial_meanings = ("axis.pool_depth", "axis.pool_height", "axis.pool_width")
    rules = _Pool._rules((2, 2, 2))
    examples = (
        Example({}, (None, 16, 16, 16, 8), (None, 8, 8, 8, 8), 0),
        Example({"pool_size": (1, 3, 2), "strides": 2, "padding": "same"}, (None, 5, 9, 8, 2),
                (None, 3, 5, 4, 2), 0),
        Example({"pool_size": 3, "strides": 1}, (2, 4, 5, 6, 1), (2, 2, 3, 4, 1), 0),
    )


class AveragePooling3D(_Pool):
    """(B, D, H, W, C) → (B, D', H', W', C): the mean of each pool_size window of a volume."""

    class_name = "AveragePooling3D"
    aliases = ("AvgPool3D",)
    rank = 3
    spatial_defaults = ("D", "H", "W")
    spatial_meanings = ("axis.pool_depth", "axis.pool_height", "axis.pool_width")
    rules = _Pool._rules(None)
    examples = (
        Example({"pool_size": 2}, (None, 8, 9, 10, 3), (None, 4, 4, 5, 3), 0),
        Example({"pool_size": (2, 2, 3), "padding": "same"}, (None, None, 9, 10, 3), (None, None, 5, 4, 3), 0),
    )


class GlobalAveragePooling3D(_GlobalPool):
    """(B, D, H, W, C) → (B, C): the mean over every position of each channel; keepdims → (B, 1, 1, 1, C)."""

    class_name = "GlobalAveragePooling3D"
    aliases = ("GlobalAvgPool3D",)
    rank = 3
    examples = (
        Example({}, (None, 4, 5, 6, 16), (None, 16), 0),
        Example({"keepdims": True}, (2, None, 5, None, 3), (2, 1, 1, 1, 3), 0),
    )


class GlobalMaxPooling3D(_GlobalPool):
    """(B, D, H, W, C) → (B, C): the largest value over every position of each channel; keepdims → (B, 1, 1, 1, C)."""

    class_name = "GlobalMaxPooling3D"
    aliases = ("GlobalMaxPool3D",)
    rank = 3
    examples = (
        Example({}, (None, 4, 5, 6, 16), (None, 16), 0),
        Example({"keepdims": True}, (None, 3, 3, 3, 8), (None, 1, 1, 1, 8), 0),
    )


KINDS = (MaxPooling1D(), AveragePooling1D(), MaxPooling2D(), AveragePooling2D(), MaxPooling3D(), AveragePooling3D(),
         GlobalAveragePooling1D(), GlobalMaxPooling1D(), GlobalAveragePooling2D(), GlobalMaxPooling2D(),
         GlobalAveragePooling3D(), GlobalMaxPooling3D())
SIBLINGS = {kind.class_name: kind for kind in KINDS}
