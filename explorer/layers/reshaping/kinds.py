"""Layers that rearrange the same numbers into another shape: no weights, no arithmetic.

Flatten       (B, d₁, d₂, …) → (B, d₁·d₂·…). Every non-batch size must be known: Keras itself gives
              (B, None) for (B, None, 8), and the next Dense then cannot create its kernel, so the
              description stops at Flatten with the fix "give the input a fixed length".
              (B,) → (B, 1).
Reshape       (B, …) → (B, *target_shape); one entry may be -1 (Keras works it out). The element
              count per example must stay the same (Keras's own error when it does not).
Permute       (B, d₁, d₂, …) → the axes in the order `dims` (1-based; the batch axis stays first).
RepeatVector  (B, F) → (B, n, F): the same vector n times, a new time axis.

The spatial ones change the sizes between the batch and the channels of (B, T, C), (B, H, W, C) or
(B, D, H, W, C), each axis on its own, and never the channels:
UpSampling1D/2D/3D   each size × its factor (`size`): every row repeated (or, for UpSampling2D with
                     interpolation="bilinear", interpolated between its neighbours).
ZeroPadding1D/2D/3D  each size + before + after: zeros around the input (`padding`).
Cropping1D/2D/3D     each size − before − after: the edges cut off (`cropping`); Keras refuses a
                     crop that leaves nothing (before + after ≥ size).
`padding` and `cropping` are an int (the same on every side), one int per axis (the same before
and after), or a (before, after) pair per axis; ZeroPadding1D / Cropping1D take an int or one pair.

Axis letters: Flatten names its axis by the letters it merges ("T·E"); Reshape keeps a letter where
an output size continues an input axis, names a merge the same way, and gives new sizes a new
letter; Permute moves the letters; RepeatVector adds "T" of size n.
"""
from __future__ import annotations

import math
from dataclasses import replace

from ...axes import base_letter
from ...description import shape_text
from ...spec import LayerSpec
from ..base import MAX_RANK, MAX_SIZE, ArgRule, Ctx, Example, Fix, FixEdit, LayerKind, Shape, ShapeRefusal
from ..conv.kinds import DATA_FORMATS, SEQUENCE_LAYERS, as_tuple, reshape_code, rnn_without_sequences

LONGEST_JOINED_NAME = 8  # letters joined into one name ("T·E") stay short; longer falls back



def _target_edit(spec: LayerSpec, target: tuple) -> FixEdit:
    """The Reshape with another target shape, as the fix's edit."""
    fixed = replace(spec, args=tuple(sorted({**spec.kwargs, "target_shape": target}.items())),
                    sources=tuple((k, v) for k, v in spec.sources if k != "target_shape"))
    return FixEdit("replace", spec.name, fixed)

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
                           f"layers.Reshape({shape_text(suggestion)})", _target_edit(ctx.spec, suggestion))
        return Fix("fix.reshape_count_flat", params, f"layers.Reshape(({count},))", _target_edit(ctx.spec, (count,)))

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


# -- the spatial ones: UpSampling, ZeroPadding, Cropping ----------------------------------------------
SPATIAL_DEFAULTS = {1: ("T",), 2: ("H", "W"), 3: ("D", "H", "W")}  # letters of (B, *spatial, C) by rank


def edge_pairs(value, rank: int) -> tuple[tuple[int, int], ...] | None:
    """Keras's `padding` / `cropping` as one (before, after) pair per spatial axis: 2 -> ((2, 2),) * rank;
    rank 1: (1, 2) -> ((1, 2),); rank 2 or 3: one int per axis (the same before and after) or a pair per
    axis. None for what Keras's constructor refuses (it says why)."""
    if isinstance(value, int):
        return ((value, value),) * rank
    if not isinstance(value, tuple):
        return None
    if rank == 1:
        return (value,) if len(value) == 2 and all(isinstance(v, int) for v in value) else None
    if len(value) != rank:
        return None
    pairs = []
    for item in value:
        if isinstance(item, int):
            pairs.append((item, item))
        elif isinstance(item, tuple) and len(item) == 2 and all(isinstance(v, int) for v in item):
            pairs.append(item)
        else:
            return None
    return tuple(pairs)


class _Spatial(LayerKind):
    """(B, *spatial, C) -> (B, *spatial', C), each spatial axis on its own; no weights."""

    rank = 1
    arg = ""  # the argument that sets the change: "size", "padding", "cropping"
    family_name = ""  # "UpSampling": the class of rank r is family_name + f"{r}D"
    meaning = ""  # the meaning of a changed axis
    keeps_rank = True

    def output_shapes(self, spec: LayerSpec, in_shapes: tuple[Shape, ...], layer) -> tuple[Shape, ...]:
        """One output (UpSampling1D's `compute_output_shape` gives it as a list, not a list of shapes)."""
        return (tuple(layer.compute_output_shape(in_shapes[0])),)

    def amounts(self, spec: LayerSpec) -> tuple | None:
        """One entry per spatial axis: a factor (upsampling) or a (before, after) pair."""
        return edge_pairs(spec.arg(self.arg, self.rule(self.arg).default), self.rank)

    def changes(self, amount) -> bool:
        return amount != (0, 0)

    def meaning_params(self, amount) -> tuple[tuple[str, str], ...]:
        before, after = amount
        return (("before", str(before)), ("after", str(after)))

    def axes(self, ctx: Ctx) -> tuple[tuple[str, ...], ...]:
        """A changed size gets a new letter on the input's own (H -> H₂; back to a size H already has: H);
        an unchanged one and the channels keep theirs."""
        amounts = self.amounts(ctx.spec) or (None,) * self.rank
        out, letters = ctx.out_shapes[0], []
        for i, (amount, default) in enumerate(zip(amounts, SPATIAL_DEFAULTS[self.rank])):
            letter, size_in, size = ctx.axes[1 + i], ctx.shape[1 + i], out[1 + i]
            if (size_in == size) if size_in is not None else not self.changes(amount):
                letters.append(letter)
                continue
            base = base_letter(letter)
            base = base if base.isalpha() and base != "B" else default
            if size is None:  # an unknown size that changes: a letter of its own (the namer reuses any None)
                k = 2
                while base + "".join(ctx.namer.SUBSCRIPTS[int(d)] for d in str(k)) in ctx.namer.sizes:
                    k += 1
                base += "".join(ctx.namer.SUBSCRIPTS[int(d)] for d in str(k))
            params = (("layer", ctx.spec.name), ("axis", letter)) + self.meaning_params(amount)
            letters.append(ctx.namer.new(base, size, "", (self.meaning, params)))
        return ((ctx.axes[0],) + tuple(letters) + (ctx.axes[-1],),)

    def sibling(self, spec: LayerSpec, rank: int) -> LayerSpec:
        """The same layer of another rank: an int argument kept, a tuple's entries fitted to the
        other rank's axes; what the other rank does not take dropped."""
        other = self.registry.get(f"{self.family_name}{rank}D")
        args = {key: other_rank_value(value, self.rank, rank) for key, value in spec.args if other.rule(key)}
        return replace(spec, kind=other.class_name, args=tuple(sorted(args.items())), sources=())

    def sibling_code(self, spec: LayerSpec, rank: int) -> str:
        """The same layer of another rank, as code."""
        return self.registry.get(f"{self.family_name}{rank}D").code(self.sibling(spec, rank))

    def explain(self, ctx: Ctx, producer: LayerSpec | None) -> Fix | None:
        shape = ctx.shape
        base = (("layer", ctx.spec.name), ("shape", shape_text(shape)))
        if len(shape) == self.rank + 2:
            return None
        if len(shape) == self.rank + 1 and not one_rank_lower(self.rank, shape, producer):
            if rnn_without_sequences(producer):
                return None
            code = reshape_code(shape[1:])
            edit = FixEdit("insert_before", ctx.spec.name)
            return Fix("fix.resize_add_channel", base, code, edit) if code else None
        rank = len(shape) - 2
        if not 1 <= rank <= 3:
            return None
        fixed = self.sibling(ctx.spec, rank)
        return Fix("fix.resize_use_other", base + (("rank", str(self.rank)), ("count", str(rank))),
                   self.sibling_code(ctx.spec, rank), FixEdit("replace", fixed.name, fixed))


def other_rank_value(value, rank: int, other: int):
    """A size, padding or cropping of a `rank` layer for its `other` rank sibling: a tuple's first entry for
    rank 1, its last entries (height, width) from 3 to 2, a 1-D (before, after) pair on every axis, the height's
    entry repeated for the depth from 2 to 3; an int stays."""
    if not isinstance(value, tuple) or rank == other:
        return value
    if other == 1:
        return value[0]
    if rank == 1:
        return (value,) * other
    return value[-other:] if other < rank else value[:1] + value


def one_rank_lower(rank: int, shape: Shape, producer: LayerSpec | None) -> bool:
    """Whether an input one axis short of a `rank` layer is rather the lower rank's, with its channels: a
    sequence (B, T, F) from a sequence layer, or an image (B, H, W, C) given to a 3-D layer by a layer or with
    a few channels (a model input of (64, 64, 64) is a volume without its channel axis)."""
    if producer is not None and producer.kind in SEQUENCE_LAYERS:
        return True
    return rank == 3 and (producer is not None or (shape[-1] is not None and shape[-1] <= 4))


def _spatial_rules(arg: str, default, rank: int, extra: tuple[ArgRule, ...] = ()) -> tuple[ArgRule, ...]:
    if arg == "size":
        rule = ArgRule("size", "int" if rank == 1 else "size_or_tuple", default, 1, MAX_SIZE)
    else:
        rule = ArgRule(arg, "pads", default, 0, MAX_SIZE)
    return (rule,) + extra


DATA_FORMAT = ArgRule("data_format", "choice", None, choices=DATA_FORMATS)
INTERPOLATIONS = ("nearest", "bilinear", "bicubic", "lanczos3", "lanczos5", "area")


class _UpSampling(_Spatial):
    arg = "size"
    family_name = "UpSampling"
    meaning = "axis.upsampled"

    def amounts(self, spec: LayerSpec) -> tuple | None:
        return as_tuple(spec.arg("size", self.rule("size").default), self.rank)

    def changes(self, amount) -> bool:
        return amount != 1

    def meaning_params(self, amount) -> tuple[tuple[str, str], ...]:
        return (("factor", str(amount)),)

    def xray(self, call):
        from .xray import upsampling_xray

        return upsampling_xray(call)

    def mistakes(self, model, layer, step, core) -> tuple:
        from .xray import upsampling_mistakes

        return tuple(upsampling_mistakes(model, layer, step, core))


class UpSampling1D(_UpSampling):
    """(B, T, C) → (B, T·size, C): every step repeated `size` times."""

    class_name = "UpSampling1D"
    positional = ("size",)
    rules = _spatial_rules("size", 2, 1)
    examples = (
        Example({}, (None, 10, 4), (None, 20, 4), 0),
        Example({"size": 3}, (2, None, 6), (2, None, 6), 0),
        Example({"size": 1}, (None, 7, 3), (None, 7, 3), 0),
    )


class UpSampling2D(_UpSampling):
    """(B, H, W, C) → (B, H·sh, W·sw, C): rows and columns repeated (nearest) or interpolated (bilinear...)."""

    class_name = "UpSampling2D"
    rank = 2
    positional = ("size", "data_format", "interpolation")
    rules = _spatial_rules("size", (2, 2), 2, (DATA_FORMAT, ArgRule("interpolation", "choice", "nearest",
                                                                      choices=INTERPOLATIONS, neutral=True)))
    examples = (
        Example({}, (None, 14, 14, 32), (None, 28, 28, 32), 0),
        Example({"size": (3, 2), "interpolation": "bilinear"}, (None, 5, 7, 3), (None, 15, 14, 3), 0),
        Example({"size": 2, "interpolation": "bicubic"}, (1, None, 8, 2), (1, None, 16, 2), 0),
    )


class UpSampling3D(_UpSampling):
    """(B, D, H, W, C) → (B, D·sd, H·sh, W·sw, C): every slice, row and column repeated."""

    class_name = "UpSampling3D"
    rank = 3
    positional = ("size", "data_format")
    rules = _spatial_rules("size", (2, 2, 2), 3, (DATA_FORMAT,))
    examples = (
        Example({}, (None, 4, 5, 6, 2), (None, 8, 10, 12, 2), 0),
        Example({"size": (1, 2, 3)}, (None, 4, 5, 6, 2), (None, 4, 10, 18, 2), 0),
    )


class _EdgeKind(_Spatial):
    def xray(self, call):
        from .xray import edges_xray

        return edges_xray(call)


class _ZeroPadding(_EdgeKind):
    arg = "padding"
    family_name = "ZeroPadding"
    meaning = "axis.padded"


class ZeroPadding1D(_ZeroPadding):
    """(B, T, C) → (B, before + T + after, C): zero steps added at both ends."""

    class_name = "ZeroPadding1D"
    positional = ("padding", "data_format")
    rules = _spatial_rules("padding", 1, 1, (DATA_FORMAT,))
    examples = (
        Example({}, (None, 10, 4), (None, 12, 4), 0),
        Example({"padding": (3, 0)}, (None, 10, 4), (None, 13, 4), 0),
        Example({"padding": 2}, (None, None, 4), (None, None, 4), 0),
    )


class ZeroPadding2D(_ZeroPadding):
    """(B, H, W, C) → (B, top + H + bottom, left + W + right, C): a border of zeros."""

    class_name = "ZeroPadding2D"
    rank = 2
    positional = ("padding", "data_format")
    rules = _spatial_rules("padding", (1, 1), 2, (DATA_FORMAT,))
    examples = (
        Example({}, (None, 28, 28, 1), (None, 30, 30, 1), 0),
        Example({"padding": 3}, (None, 224, 224, 3), (None, 230, 230, 3), 0),
        Example({"padding": (2, 1)}, (None, 5, 6, 3), (None, 9, 8, 3), 0),
        Example({"padding": ((0, 1), (2, 0))}, (None, 5, 6, 3), (None, 6, 8, 3), 0),
    )


class ZeroPadding3D(_ZeroPadding):
    """(B, D, H, W, C) → each of D, H, W with zeros before and after."""

    class_name = "ZeroPadding3D"
    rank = 3
    positional = ("padding", "data_format")
    rules = _spatial_rules("padding", ((1, 1), (1, 1), (1, 1)), 3, (DATA_FORMAT,))
    examples = (
        Example({}, (None, 4, 5, 6, 2), (None, 6, 7, 8, 2), 0),
        Example({"padding": (0, 1, 2)}, (None, 4, 5, 6, 2), (None, 4, 7, 10, 2), 0),
        Example({"padding": ((1, 0), (0, 0), (2, 3))}, (None, 4, 5, 6, 2), (None, 5, 5, 11, 2), 0),
    )


class _Cropping(_EdgeKind):
    arg = "cropping"
    family_name = "Cropping"
    meaning = "axis.cropped"

    def mistakes(self, model, layer, step, core) -> tuple:
        from .xray import cropping_mistakes

        return tuple(cropping_mistakes(model, layer, step, core))

    def explain(self, ctx: Ctx, producer: LayerSpec | None) -> Fix | None:
        found = super().explain(ctx, producer)
        pairs = self.amounts(ctx.spec)
        if found is not None or len(ctx.shape) != self.rank + 2 or pairs is None:
            return found
        fixed, first = list(pairs), None
        for i, (before, after) in enumerate(pairs):
            size = ctx.shape[1 + i]
            if size is None or before + after < size:
                continue
            # cropping counts what is cut, not what is kept: a crop below the size was likely meant as the size
            # to keep; otherwise keep half
            wanted = min(before, after)
            keep = wanted if 0 < wanted < size else max(1, size // 2)
            cut = size - keep
            fixed[i] = (cut // 2, cut - cut // 2)
            if first is None:
                first = (ctx.axes[1 + i], size, before, after, keep, cut)
        if first is None:
            return None
        value = fixed[0] if self.rank == 1 else tuple(fixed)
        code = self.code(replace(ctx.spec, args=tuple(sorted({**dict(ctx.spec.args), "cropping": value}.items())),
                                 sources=()))
        axis, size, before, after, keep, cut = first
        return Fix("fix.crop_too_much", base_params(ctx) + (
            ("axis", axis), ("size", str(size)), ("before", str(before)), ("after", str(after)),
            ("total", str(before + after)), ("keep", str(keep)), ("cut", str(cut))), code)


def base_params(ctx: Ctx) -> tuple[tuple[str, str], ...]:
    return (("layer", ctx.spec.name), ("shape", shape_text(ctx.shape)))


class Cropping1D(_Cropping):
    """(B, T, C) → (B, T − before − after, C): steps cut from both ends."""

    class_name = "Cropping1D"
    positional = ("cropping",)
    rules = _spatial_rules("cropping", (1, 1), 1)
    examples = (
        Example({}, (None, 10, 4), (None, 8, 4), 0),
        Example({"cropping": (3, 0)}, (None, 10, 4), (None, 7, 4), 0),
        Example({"cropping": 2}, (None, None, 4), (None, None, 4), 0),
    )


class Cropping2D(_Cropping):
    """(B, H, W, C) → (B, H − top − bottom, W − left − right, C): the border cut off."""

    class_name = "Cropping2D"
    rank = 2
    positional = ("cropping", "data_format")
    rules = _spatial_rules("cropping", ((0, 0), (0, 0)), 2, (DATA_FORMAT,))
    examples = (
        Example({"cropping": 2}, (None, 28, 28, 1), (None, 24, 24, 1), 0),
        Example({"cropping": ((1, 2), (0, 3))}, (None, 10, 9, 3), (None, 7, 6, 3), 0),
        Example({"cropping": (4, 0)}, (None, 64, 64, 8), (None, 56, 64, 8), 0),
        Example({}, (None, 5, 6, 3), (None, 5, 6, 3), 0),
    )


class Cropping3D(_Cropping):
    """(B, D, H, W, C) → each of D, H, W with positions cut before and after."""

    class_name = "Cropping3D"
    rank = 3
    positional = ("cropping", "data_format")
    rules = _spatial_rules("cropping", ((1, 1), (1, 1), (1, 1)), 3, (DATA_FORMAT,))
    examples = (
        Example({}, (None, 4, 5, 6, 2), (None, 2, 3, 4, 2), 0),
        Example({"cropping": (0, 1, (2, 0))}, (None, 4, 5, 6, 2), (None, 4, 3, 4, 2), 0),
    )


SPATIAL_KINDS = (UpSampling1D(), UpSampling2D(), UpSampling3D(), ZeroPadding1D(), ZeroPadding2D(), ZeroPadding3D(),
                 Cropping1D(), Cropping2D(), Cropping3D())
KINDS = (Flatten(), Reshape(), Permute(), RepeatVector()) + SPATIAL_KINDS
