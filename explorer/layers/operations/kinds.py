"""Keras 3 operations on tensors as kinds (`ops.<function>`): no weights, shapes from Keras's own inference
(each operation run on KerasTensors, as the built model runs it), errors in Keras's words.

Binary (add, subtract, multiply, true_divide, power, maximum, minimum)  one tensor and `scalar` (`scalar_first`:
        2 - x), or two tensors with numpy broadcasting: (B, 200, 32) + (200, 32) → (B, 200, 32), or one tensor and
        `constant`, a vector of shape (n,) broadcast against the input's last axis: (B, 32, 32, 3) + (3,) →
        (B, 32, 32, 3), the caffe mean of preprocess_input. Keras's own constant there is (1, 1, 1, 3): on a rank-4
        input it broadcasts the same, and the output shape is identical.
Unary elementwise (relu … silu, softmax(axis), cast(dtype))  (B, …) → (B, …).
reshape(newshape)  the batch axis included, -1 once; expand_dims(axis); squeeze(axis); transpose(axes).
concatenate([x₁, x₂, …], axis=0); stack([x₁, x₂, …], axis=0): k tensors of one shape → a new axis of
size k at `axis`; matmul(x₁, x₂): (…, n, k) @ (…, k, m) → (…, n, m).
mean / sum / max(axis, keepdims)  the reduced axes dropped (kept as 1 with keepdims).
get_item(key)  x[:, -1] is key (("slice", None, None, None), ("index", -1)).
arange(start, stop, step)  (n,): no batch axis; random_normal(shape)  None in shape: the anchor's batch size.
extract_patches(size, strides, padding)  (B, H, W, C) → (B, H', W', size·size·C).
Axis letters: kept where an axis survives; a new letter for each new size.
"""
from __future__ import annotations

import math

from ...description import shape_text
from ...spec import LayerSpec
from ..base import MAX_RANK, MAX_SIZE, ArgRule, Ctx, Example, Fix, LayerKind, Shape, ShapeRefusal, literal_code
from .keys import key_axes, key_text

DTYPES = ("float16", "bfloat16", "float32", "float64", "int8", "int16", "int32", "int64", "uint8", "bool")
_SIZE_ONE = ("axis.op_one", ())


class OpKind(LayerKind):
    """What every operation shares: one OpLayer, shapes from keras.ops on KerasTensors, no weights."""

    operation = True
    code_positional = 0
    about_key = ""  # its one-line description (words.py)
    formula_key = ""  # what it computes, as a formula (words.py)

    def make(self, spec: LayerSpec, seed: int = 0, inner=None):
        from .layer import OpLayer

        args = {k: v for k, v in spec.args if self.rule(k) is not None}
        if self.class_name == "ops.random_normal":
            args.setdefault("seed", seed)
        return OpLayer(self.class_name, args, name=spec.name)

    def check(self, spec: LayerSpec, in_shapes: tuple[Shape, ...]) -> None:
        """The explorer's own checks of what Keras accepts on symbolic tensors and refuses when it runs."""

    def output_shapes(self, spec: LayerSpec, in_shapes: tuple[Shape, ...], layer) -> tuple[Shape, ...]:
        import keras

        from .layer import apply

        self.check(spec, in_shapes)
        out = apply(self.class_name, [keras.KerasTensor(s) for s in in_shapes], dict(spec.args))
        return (tuple(out.shape),)

    def flops(self, ctx: Ctx, params: int) -> int:
        return math.prod(d or 1 for d in ctx.out_shapes[0])

    def code(self, spec: LayerSpec, inner_code: str = "", prefix: str = "layers.") -> str:
        """The call as a learner writes it, on `x` (and `y` for a second tensor): keras.ops.true_divide(x, 127.5)."""
        parts = self.call_parts(spec)
        given = dict(spec.args)
        for rule in self.rules:
            if rule.name in given and rule.name not in ("scalar", "scalar_first", "constant") and \
                    rule.name != self.first_arg:
                parts.append(f"{rule.name}={spec.source(rule.name) or literal_code(given[rule.name])}")
        return f"keras.{self.class_name}({', '.join(parts)})"

    first_arg = ""  # an argument written by position after the tensor (reshape's newshape)

    def call_parts(self, spec: LayerSpec) -> list[str]:
        parts = ["x"]
        if self.first_arg and spec.arg(self.first_arg) is not None:
            parts.append(spec.source(self.first_arg) or literal_code(spec.arg(self.first_arg)))
        return parts

    def xray(self, call):
        from .xray import op_xray

        return op_xray(call)


def broadcasts(a: Shape, b: Shape) -> bool:
    """Whether numpy broadcasting joins the two shapes (None joins anything)."""
    return all(x is None or y is None or x == y or 1 in (x, y) for x, y in zip(reversed(a), reversed(b)))


def _base(ctx: Ctx) -> tuple[tuple[str, str], ...]:
    return (("layer", ctx.spec.name), ("shapes", ", ".join(shape_text(s) for s in ctx.in_shapes)))


# -- binary, numpy broadcasting ---------------------------------------------------------------------
MAX_CONSTANT = 4096  # numbers in a constant vector (a per-channel mean, one number per channel)
SCALAR_RULES = (ArgRule("scalar", "float", None, -1e30, 1e30), ArgRule("scalar_first", "bool", False),
                ArgRule("constant", "number_or_tuple", None, -1e30, 1e30))


def constant_of(spec: LayerSpec) -> tuple[float, ...] | None:
    """A binary operation's constant vector, shape (n,); one number given alone is a vector of one."""
    value = spec.arg("constant")
    if value is None:
        return None
    return tuple(float(v) for v in value) if isinstance(value, (tuple, list)) else (float(value),)


class Binary(OpKind):
    tensor_counts = (1, 2)  # called on [x, y] (a list), as build.py calls a layer given two tensors
    rules = SCALAR_RULES

    def check(self, spec, in_shapes):
        constant = constant_of(spec)
        if constant is None:
            if len(in_shapes) == 1 and spec.arg("scalar") is None:
                raise ShapeRefusal(f"{self.class_name} takes two tensors, or a tensor and a number; {spec.name} has "
                                   f"one tensor {shape_text(in_shapes[0])} and no number.")
            return
        if len(in_shapes) != 1 or spec.arg("scalar") is not None:
            raise ShapeRefusal(f"{spec.name}: a constant takes the place of the second tensor or of the number; "
                               f"give one of them, not both.")
        if not 0 < len(constant) <= MAX_CONSTANT or not all(math.isfinite(v) for v in constant):
            raise ShapeRefusal(f"{spec.name}: a constant holds 1 to {MAX_CONSTANT} finite numbers.")
        shape = in_shapes[0]
        if len(constant) > 1 and shape and shape[-1] is None:
            raise ShapeRefusal(f"{spec.name} adds a constant of {len(constant)} numbers along the last axis of "
                               f"{shape_text(shape)}, whose size is unknown: Keras accepts it while it builds the "
                               f"model, and the run fails unless that axis has {len(constant)}; give it its size.")

    def call_parts(self, spec):
        constant = constant_of(spec)
        if constant is not None:  # a tuple itself fails on a symbolic tensor ("Invalid dtype: tuple")
            other = f"keras.ops.convert_to_tensor({spec.source('constant') or literal_code(constant)})"
        elif spec.arg("scalar") is None:
            return ["x", "y"]
        else:
            other = spec.source("scalar") or repr(spec.arg("scalar"))
        return [other, "x"] if spec.arg("scalar_first") else ["x", other]

    def explain(self, ctx: Ctx, producer):
        """Two shapes that do not broadcast; where a size-1 axis inserted into the shorter one makes them, say so:
        a (B, F) vector added to a (B, T, F) sequence needs expand_dims(y, 1). A constant of another length than
        the last axis: one number per index of that axis."""
        constant = constant_of(ctx.spec)
        if constant is not None and len(ctx.in_shapes) == 1:
            last = ctx.shape[-1] if ctx.shape else None
            if last is None or 1 in (last, len(constant)) or last == len(constant):
                return None
            return Fix("fix.op_constant", _base(ctx) + (("count", str(len(constant))), ("last", str(last))))
        if len(ctx.in_shapes) != 2 or broadcasts(*ctx.in_shapes):
            return None
        a, b = ctx.in_shapes
        short, name = (b, "y") if len(b) <= len(a) else (a, "x")
        for axis in range(1, len(short) + 1):
            grown = short[:axis] + (1,) + short[axis:]
            if broadcasts(a if name == "y" else grown, grown if name == "y" else b):
                shown = -1 if axis == len(short) else axis  # a (B, T) mask on a (B, T, F) sequence: expand_dims(y, -1)
                return Fix("fix.op_broadcast_axis", _base(ctx) + (("tensor", name), ("axis", str(shown))),
                           f"keras.ops.expand_dims({name}, {shown})")
        return Fix("fix.op_broadcast", _base(ctx))

    def axes(self, ctx: Ctx):
        out = ctx.out_shapes[0]
        constant = constant_of(ctx.spec) if len(ctx.in_shapes) == 1 else None
        letters = []
        for position in range(len(out)):
            back = len(out) - position
            found = [(s[-back], a[-back]) for s, a in zip(ctx.in_shapes, ctx.in_axes) if back <= len(s)]
            same = [letter for size, letter in found if size == out[position]]
            if same or (found and constant is None):
                letters.append(same[0] if same else found[0][1])
            else:  # a last axis of 1 (or none) stretched to the constant's length: the constant's own axis
                meaning = ("axis.op_constant", (("layer", ctx.spec.name), ("count", str(len(constant or ())))))
                letters.append(ctx.namer.new("R", out[position], "", meaning))
        return (tuple(letters),)


def _binary(name: str, about: str, formula: str, examples: tuple[Example, ...]):
    return type(name.split(".")[1].title().replace("_", ""), (Binary,),
                {"class_name": name, "about_key": about, "formula_key": formula, "examples": examples})()


BROADCAST = ((None, 200, 32), (200, 32))
CAFFE_MEAN = (-103.939, -116.779, -123.68)  # preprocess_input's "caffe" mode (vgg16, resnet50) adds these to BGR
TORCH_STD = (0.229, 0.224, 0.225)  # its "torch" mode (densenet) divides by these
BINARY = (
    _binary("ops.add", "op.add.about", "op.add.formula", (
        Example({}, BROADCAST, (None, 200, 32), 0), Example({"scalar": 1.0}, (None, 8), (None, 8), 0),
        Example({"constant": CAFFE_MEAN}, (None, 32, 32, 3), (None, 32, 32, 3), 0),
        Example({"constant": (1.0, 2.0, 3.0)}, (None, 4, 1), (None, 4, 3), 0))),
    _binary("ops.subtract", "op.subtract.about", "op.subtract.formula", (
        Example({"scalar": 1.0}, (None, 28, 28), (None, 28, 28), 0),
        Example({"scalar": 2.0, "scalar_first": True}, (None, 5), (None, 5), 0),
        Example({}, ((None, 4, 3), (None, 1, 3)), (None, 4, 3), 0),
        Example({"constant": (1.0, 0.0), "scalar_first": True}, (None, 5, 2), (None, 5, 2), 0))),
    _binary("ops.multiply", "op.multiply.about", "op.multiply.formula", (
        Example({"scalar": 0.5}, (None, 10), (None, 10), 0),
        Example({}, ((None, 5, 1), (None, 5, 8)), (None, 5, 8), 0))),
    _binary("ops.true_divide", "op.true_divide.about", "op.true_divide.formula", (
        Example({"scalar": 127.5}, (None, 28, 28, 1), (None, 28, 28, 1), 0),
        Example({}, ((None, 6), (None, 1)), (None, 6), 0),
        Example({"constant": TORCH_STD}, (None, 32, 32, 3), (None, 32, 32, 3), 0))),
    _binary("ops.power", "op.power.about", "op.power.formula", (
        Example({"scalar": 2.0}, (None, 6), (None, 6), 0), Example({}, ((None, 3), (3,)), (None, 3), 0))),
    _binary("ops.maximum", "op.maximum.about", "op.maximum.formula", (
        Example({"scalar": 0.0}, (None, 6), (None, 6), 0), Example({}, ((None, 4, 3), (None, 4, 3)), (None, 4, 3), 0))),
    _binary("ops.minimum", "op.minimum.about", "op.minimum.formula", (
        Example({"scalar": 6.0}, (None, 6), (None, 6), 0), Example({}, ((None, 2, 3), (3,)), (None, 2, 3), 0))),
)


# -- unary elementwise -------------------------------------------------------------------------------
class Unary(OpKind):
    pass


def _unary(name: str, about: str, formula: str, rules=(), examples=()):
    examples = examples or (Example({}, (None, 50, 64), (None, 50, 64), 0), Example({}, (None, 10), (None, 10), 0))
    return type(name.split(".")[1].title(), (Unary,), {"class_name": name, "about_key": about,
                                                      "formula_key": formula, "rules": rules, "examples": examples})()


UNARY = (
    _unary("ops.relu", "op.relu.about", "op.relu.formula"),
    _unary("ops.sigmoid", "op.sigmoid.about", "op.sigmoid.formula"),
    _unary("ops.tanh", "op.tanh.about", "op.tanh.formula"),
    _unary("ops.exp", "op.exp.about", "op.exp.formula"),
    _unary("ops.log", "op.log.about", "op.log.formula"),
    _unary("ops.sqrt", "op.sqrt.about", "op.sqrt.formula"),
    _unary("ops.square", "op.square.about", "op.square.formula"),
    _unary("ops.abs", "op.abs.about", "op.abs.formula"),
    _unary("ops.negative", "op.negative.about", "op.negative.formula"),
    _unary("ops.softplus", "op.softplus.about", "op.softplus.formula"),
    _unary("ops.gelu", "op.gelu.about", "op.gelu.formula"),
    _unary("ops.silu", "op.silu.about", "op.silu.formula"),
    _unary("ops.softmax", "op.softmax.about", "op.softmax.formula",
           (ArgRule("axis", "axis", -1, -MAX_RANK, MAX_RANK),),
           (Example({}, (None, 10), (None, 10), 0), Example({"axis": 1}, (None, 5, 4), (None, 5, 4), 0))),
    _unary("ops.cast", "op.cast.about", "op.cast.formula", (ArgRule("dtype", "choice", None, choices=DTYPES),),
           (Example({"dtype": "float32"}, (None, 10), (None, 10), 0),
            Example({"dtype": "int32"}, (None, 4, 3), (None, 4, 3), 0))),
)


# -- shape operations ---------------------------------------------------------------------------------
def _fresh(ctx: Ctx, sizes, keep: tuple[str, ...] = ()) -> tuple[str, ...]:
    """Letters for new axes of these sizes: the input's letters while the sizes agree from the start, then new."""
    letters = []
    same = True
    for k, size in enumerate(sizes):
        same = same and k < len(keep) and k < len(ctx.shape) and ctx.shape[k] == size
        letters.append(keep[k] if same else ctx.namer.new("R", size, "", ("axis.op_new", (("layer", ctx.spec.name),))))
    return tuple(letters)


class Reshape(OpKind):
    class_name = "ops.reshape"
    about_key, formula_key = "op.reshape.about", "op.reshape.formula"
    first_arg = "newshape"
    rules = (ArgRule("newshape", "shape", None, -1, MAX_SIZE),)
    examples = (
        Example({"newshape": (-1, 3, 8)}, (None, 6, 4), (None, 3, 8), 0),
        Example({"newshape": (-1, 50, 4, 16)}, (None, 50, 64), (None, 50, 4, 16), 0),
        Example({"newshape": (2, 24)}, (2, 6, 4), (2, 24), 0),
    )

    def check(self, spec, in_shapes):
        new = tuple(spec.arg("newshape") or ())
        shape = in_shapes[0]
        if None in new:
            raise ShapeRefusal(f"{spec.name} reshapes to {shape_text(new)}: Keras accepts None there while it builds "
                               f"the model, but the run fails (\"Attempt to convert a value (None) with an "
                               f"unsupported type\"); write -1 for the batch axis.")
        if new and new[0] == -1 and shape[0] is None and None not in shape[1:] and -1 not in new[1:]:
            before, after = math.prod(shape[1:]), math.prod(new[1:])
            if before != after:
                raise ShapeRefusal(f"{spec.name} reshapes {shape_text(shape)} to {shape_text(new)}: each sample has "
                                   f"{before} numbers and the new shape holds {after} per sample, so samples would "
                                   f"mix (Keras accepts it while the batch size is unknown; the run fails).")

    def explain(self, ctx: Ctx, producer):
        """Sizes that do not multiply out per sample: the count each sample has, and -1 in place of the last size
        where that divides."""
        new, shape = tuple(ctx.arg("newshape") or ()), ctx.shape
        if None in shape[1:] or -1 in new[1:] or not new:
            return None
        count, holds = math.prod(shape[1:]), math.prod(d for d in new[1:] if d is not None)
        if count == holds:
            return None
        params = _base(ctx) + (("newshape", shape_text(new)), ("count", str(count)), ("holds", str(holds)))
        rest = math.prod(new[1:-1])
        if len(new) > 2 and rest and count % rest == 0:
            return Fix("fix.op_reshape", params,
                       f"keras.ops.reshape(x, {literal_code((-1,) + new[1:-1] + (count // rest,))})")
        return Fix("fix.op_reshape", params)

    def axes(self, ctx):
        out = ctx.out_shapes[0]
        kept = ctx.axes[0] if ctx.out_shapes[0][:1] == ctx.shape[:1] else None
        rest = _fresh(Ctx(ctx.spec, (ctx.shape[1:],), (ctx.axes[1:],), ctx.namer), out[1:], ctx.axes[1:])
        first = kept or ctx.namer.new("R", out[0], "", ("axis.op_new", (("layer", ctx.spec.name),)))
        return ((first,) + rest,)


class ExpandDims(OpKind):
    class_name = "ops.expand_dims"
    about_key, formula_key = "op.expand_dims.about", "op.expand_dims.formula"
    first_arg = "axis"
    rules = (ArgRule("axis", "axis", None, -MAX_RANK, MAX_RANK),)
    examples = (Example({"axis": -1}, (None, 6), (None, 6, 1), 0),
                Example({"axis": 1}, (None, 5, 3), (None, 1, 5, 3), 0))

    def axes(self, ctx):
        rank = len(ctx.shape) + 1
        at = ctx.arg("axis") % rank
        one = ctx.namer.new("O", 1, "", _SIZE_ONE)
        return (ctx.axes[:at] + (one,) + ctx.axes[at:],)


class Squeeze(OpKind):
    class_name = "ops.squeeze"
    about_key, formula_key = "op.squeeze.about", "op.squeeze.formula"
    rules = (ArgRule("axis", "axis", None, -MAX_RANK, MAX_RANK),)
    examples = (Example({"axis": -1}, (None, 6, 1), (None, 6), 0), Example({}, (4, 1, 5, 1), (4, 5), 0))

    def axes(self, ctx):
        axis = ctx.arg("axis")
        rank = len(ctx.shape)
        gone = {axis % rank} if axis is not None else {k for k, d in enumerate(ctx.shape) if d == 1}
        return (tuple(a for k, a in enumerate(ctx.axes) if k not in gone),)


class Transpose(OpKind):
    class_name = "ops.transpose"
    about_key, formula_key = "op.transpose.about", "op.transpose.formula"
    first_arg = "axes"
    rules = (ArgRule("axes", "shape", None, 0, MAX_RANK),)
    examples = (Example({"axes": (0, 2, 1)}, (None, 5, 3), (None, 3, 5), 0), Example({}, (2, 5, 3), (3, 5, 2), 0))

    def axes(self, ctx):
        order = ctx.arg("axes") or tuple(reversed(range(len(ctx.shape))))
        return (tuple(ctx.axes[k] for k in order),)


class Concatenate(OpKind):
    class_name = "ops.concatenate"
    about_key, formula_key = "op.concatenate.about", "op.concatenate.formula"
    takes_list = True
    rules = (ArgRule("axis", "axis", 0, -MAX_RANK, MAX_RANK),)
    examples = (Example({"axis": -1}, ((None, 4, 3), (None, 4, 5)), (None, 4, 8), 0),
                Example({"axis": 1}, ((None, 1, 8), (None, 10, 8)), (None, 11, 8), 0))

    def call_parts(self, spec):
        return ["[x, y]"]

    def explain(self, ctx: Ctx, producer):
        """keras.ops.concatenate joins along axis 0 (the batch axis) unless told: offer the axis where the inputs
        differ when every other axis agrees there (the last one first)."""
        rank = len(ctx.shape)
        if any(len(s) != rank for s in ctx.in_shapes):
            return None
        written = ctx.arg("axis", 0)
        for axis in range(rank - 1, 0, -1):
            others = [tuple(d for k, d in enumerate(s) if k != axis) for s in ctx.in_shapes]
            if axis != written % rank and all(_agree(o, others[0]) for o in others):
                shown = axis - rank if axis == rank - 1 else axis
                return Fix("fix.op_concat_axis", _base(ctx) + (("axis", str(written)), ("better", str(shown))),
                           f"keras.ops.concatenate([x, y], axis={shown})")
        return None

    def axes(self, ctx):
        joined = ctx.arg("axis", 0) % len(ctx.shape)
        letters = [axes[joined] for axes in ctx.in_axes]
        meaning = ("axis.op_joined", (("layer", ctx.spec.name), ("parts", " + ".join(letters))))
        name = f"{len(letters)}{letters[0]}" if len(set(letters)) == 1 and not letters[0][0].isdigit() else "J"
        letter = ctx.namer.new(name, ctx.out_shapes[0][joined], "", meaning)
        return (ctx.axes[:joined] + (letter,) + ctx.axes[joined + 1:],)


class Stack(OpKind):
    """[x₁, …, x_k], each of one shape (…) → a new axis of size k at `axis` (default 0, as keras.ops.stack):
    preprocess_input's caffe mode stacks x[..., 2], x[..., 1], x[..., 0] on axis -1 (RGB to BGR)."""

    class_name = "ops.stack"
    about_key, formula_key = "op.stack.about", "op.stack.formula"
    takes_list = True
    rules = (ArgRule("axis", "axis", 0, -MAX_RANK, MAX_RANK),)
    examples = (Example({"axis": -1}, ((None, 32, 32),) * 3, (None, 32, 32, 3), 0),
                Example({}, ((None, 5), (None, 5)), (2, None, 5), 0),
                Example({"axis": 1}, ((None, 4, 3),) * 2, (None, 2, 4, 3), 0))

    def call_parts(self, spec):
        return ["[x, y]"]

    def explain(self, ctx: Ctx, producer):
        """Shapes that differ on one axis (a learner who meant concatenate): joining them along that axis."""
        rank = len(ctx.shape)
        if any(len(s) != rank for s in ctx.in_shapes):
            return None
        differ = [k for k in range(rank) if not all(_agree((s[k],), (ctx.shape[k],)) for s in ctx.in_shapes)]
        if len(differ) != 1 or differ[0] == 0:
            return None
        shown = -1 if differ[0] == rank - 1 else differ[0]
        return Fix("fix.op_stack_shapes", _base(ctx) + (("axis", str(shown)),),
                   f"keras.ops.concatenate([x, y], axis={shown})")

    def axes(self, ctx):
        at = ctx.arg("axis", 0) % (len(ctx.shape) + 1)
        count = len(ctx.in_shapes)
        meaning = ("axis.op_stacked", (("layer", ctx.spec.name), ("count", str(count))))
        return (ctx.axes[:at] + (ctx.namer.new("N", count, "", meaning),) + ctx.axes[at:],)


class Matmul(OpKind):
    class_name = "ops.matmul"
    about_key, formula_key = "op.matmul.about", "op.matmul.formula"
    tensor_counts = (2,)
    examples = (Example({}, ((None, 5, 8), (None, 8, 3)), (None, 5, 3), 0),
                Example({}, ((None, 4, 5, 8), (None, 4, 8, 5)), (None, 4, 5, 5), 0),
                Example({}, ((None, 5, 8), (8, 3)), (None, 5, 3), 0))

    def call_parts(self, spec):
        return ["x", "y"]

    def explain(self, ctx: Ctx, producer):
        """Inner sizes that differ where the last axes agree: the second tensor wants transposing (q @ kᵀ)."""
        a, b = ctx.in_shapes
        if len(a) < 2 or len(b) < 2 or a[-1] == b[-2] or a[-1] != b[-1]:
            return None
        axes = tuple(range(len(b) - 2)) + (len(b) - 1, len(b) - 2)
        return Fix("fix.op_matmul_transpose", _base(ctx) + (("inner", str(a[-1])), ("other", str(b[-2]))),
                   f"keras.ops.matmul(x, keras.ops.transpose(y, {literal_code(axes)}))")

    def axes(self, ctx):
        out = ctx.out_shapes[0]
        (a, b), (la, lb) = ctx.in_shapes, ctx.in_axes
        if len(a) < 2 or len(b) < 2:
            return (_fresh(ctx, out),)
        lead = Binary.axes(self, _lead_ctx(ctx, len(out) - 2))[0] if len(out) > 2 else ()
        return (lead + (la[-2], lb[-1]),)

    def flops(self, ctx, params):
        return 2 * ctx.in_shapes[0][-1] * math.prod(d or 1 for d in ctx.out_shapes[0]) if ctx.in_shapes[0][-1] else 0


def _agree(a: Shape, b: Shape) -> bool:
    return all(x is None or y is None or x == y for x, y in zip(a, b))


def _lead_ctx(ctx: Ctx, rank: int) -> Ctx:
    """The leading (batch) axes of matmul's inputs, as a broadcast of their own."""
    shapes = tuple(s[:-2] for s in ctx.in_shapes)
    axes = tuple(a[:-2] for a in ctx.in_axes)
    lead = Ctx(ctx.spec, shapes, axes, ctx.namer)
    lead.out_shapes = (ctx.out_shapes[0][:rank],)
    return lead


class Reduction(OpKind):
    rules = (ArgRule("axis", "size_or_tuple", None, -MAX_RANK, MAX_RANK), ArgRule("keepdims", "bool", False))

    def reduced(self, ctx) -> set[int]:
        axis = ctx.arg("axis")
        rank = len(ctx.shape)
        if axis is None:
            return set(range(rank))
        return {a % rank for a in ((axis,) if isinstance(axis, int) else axis)}

    def axes(self, ctx):
        gone = self.reduced(ctx)
        if ctx.arg("keepdims"):
            one = ctx.namer.new("O", 1, "", _SIZE_ONE)
            return (tuple(one if k in gone else a for k, a in enumerate(ctx.axes)),)
        return (tuple(a for k, a in enumerate(ctx.axes) if k not in gone),)

    def flops(self, ctx, params):
        return math.prod(d or 1 for d in ctx.shape)


def _reduction(name: str, about: str, formula: str):
    examples = (Example({"axis": 1}, (None, 50, 64), (None, 64), 0),
                Example({"axis": -1, "keepdims": True}, (None, 5, 8), (None, 5, 1), 0),
                Example({"axis": (1, 2)}, (None, 4, 4, 3), (None, 3), 0))
    return type(name.split(".")[1].title(), (Reduction,),
                {"class_name": name, "about_key": about, "formula_key": formula, "examples": examples})()


REDUCTIONS = (
    _reduction("ops.mean", "op.mean.about", "op.mean.formula"),
    _reduction("ops.sum", "op.sum.about", "op.sum.formula"),
    _reduction("ops.max", "op.max.about", "op.max.formula"),
)


class GetItem(OpKind):
    class_name = "ops.get_item"
    about_key, formula_key = "op.get_item.about", "op.get_item.formula"
    rules = (ArgRule("key", "index_key", None),)
    examples = (
        Example({"key": (("slice", None, None, None), ("index", -1))}, (None, 50, 64), (None, 64), 0),
        Example({"key": (("slice", None, None, None), ("newaxis",), ("slice", 0, 5, None))}, (None, 8, 3),
                (None, 1, 5, 3), 0),
        Example({"key": (("ellipsis",), ("index", 0))}, (None, 4, 3), (None, 4), 0),
    )

    def code(self, spec, inner_code="", prefix="layers."):
        return f"x[{key_text(spec.arg('key'))}]"

    def axes(self, ctx):
        out = ctx.out_shapes[0]
        letters = []
        for what, k in key_axes(ctx.arg("key"), len(ctx.shape)):
            if what == "index":
                continue
            size = out[len(letters)]
            if what == "new":
                letters.append(ctx.namer.new("O", 1, "", _SIZE_ONE))
            elif ctx.shape[k] == size:
                letters.append(ctx.axes[k])
            else:
                letters.append(ctx.namer.new("S", size, "", ("axis.op_new", (("layer", ctx.spec.name),))))
        return (tuple(letters),)


# -- constants made inside a call ---------------------------------------------------------------------
class Arange(OpKind):
    class_name = "ops.arange"
    anchored = True
    about_key, formula_key = "op.arange.about", "op.arange.formula"
    rules = (ArgRule("start", "int", 0, -MAX_SIZE, MAX_SIZE), ArgRule("stop", "int", None, -MAX_SIZE, MAX_SIZE),
             ArgRule("step", "int", 1, -MAX_SIZE, MAX_SIZE))
    examples = (Example({"start": 0, "stop": 50}, (None, 50, 64), (50,), 0),
                Example({"start": 0, "stop": 10, "step": 3}, (None, 4), (4,), 0),
                Example({"start": 7}, (None, 4), (7,), 0))  # arange(7): 0 … 6

    def call_parts(self, spec):
        values = [spec.source(k) or literal_code(spec.arg(k)) for k in ("start", "stop", "step")
                  if spec.arg(k) is not None]
        return values[:2] + (values[2:] if spec.arg("step", 1) != 1 else [])

    def code(self, spec, inner_code="", prefix="layers."):
        return f"keras.ops.arange({', '.join(self.call_parts(spec))})"

    def check(self, spec, in_shapes):
        if spec.arg("step", 1) == 0:
            raise ShapeRefusal(f"{spec.name}: arange's step cannot be 0.")

    def axes(self, ctx):
        return ((ctx.namer.new("P", ctx.out_shapes[0][0], "", ("axis.positions", (("layer", ctx.spec.name),))),),)


class RandomNormal(OpKind):
    class_name = "ops.random_normal"
    anchored = True
    about_key, formula_key = "op.random_normal.about", "op.random_normal.formula"
    rules = (ArgRule("shape", "shape", None, 1, MAX_SIZE), ArgRule("mean", "float", 0.0, -1e30, 1e30),
             ArgRule("stddev", "float", 1.0, 0.0, 1e30))
    examples = (Example({"shape": (None, 50, 64)}, (None, 50, 64), (None, 50, 64), 0),
                Example({"shape": (8, 3), "stddev": 0.1}, (None, 4), (8, 3), 0))

    def code(self, spec, inner_code="", prefix="layers."):
        shape = tuple("keras.ops.shape(x)[0]" if d is None else str(d) for d in spec.arg("shape") or ())
        text = "(" + ", ".join(shape) + ("," if len(shape) == 1 else "") + ")"
        extra = "".join(f", {k}={spec.arg(k)!r}" for k in ("mean", "stddev") if spec.arg(k) is not None)
        return f"keras.random.normal({text}{extra})"

    def axes(self, ctx):
        letters = []
        for k, size in enumerate(ctx.out_shapes[0]):
            given = (ctx.arg("shape") or ())[k]
            if given is None:
                letters.append(ctx.axes[0])
            elif k < len(ctx.shape) and ctx.shape[k] == size:
                letters.append(ctx.axes[k])
            else:
                letters.append(ctx.namer.new("R", size, "", ("axis.op_new", (("layer", ctx.spec.name),))))
        return (tuple(letters),)


class ExtractPatches(OpKind):
    class_name = "ops.extract_patches"
    about_key, formula_key = "op.extract_patches.about", "op.extract_patches.formula"
    first_arg = "size"
    rules = (ArgRule("size", "size_or_tuple", None, 1, MAX_SIZE),
             ArgRule("strides", "size_or_tuple", None, 1, MAX_SIZE),
             ArgRule("padding", "choice", "valid", choices=("valid", "same"), folds_case=True))
    examples = (Example({"size": 4}, (None, 32, 32, 3), (None, 8, 8, 48), 0),
                Example({"size": (3, 3), "strides": (2, 2), "padding": "same"}, (None, 32, 32, 3),
                        (None, 16, 16, 27), 0))

    def axes(self, ctx):
        out = ctx.out_shapes[0]
        meaning = ("axis.op_new", (("layer", ctx.spec.name),))
        return ((ctx.axes[0], ctx.namer.new("H", out[1], "", meaning), ctx.namer.new("W", out[2], "", meaning),
                 ctx.namer.new("P", out[3], "", ("axis.patch", (("layer", ctx.spec.name),)))),)


KINDS = BINARY + UNARY + (Reshape(), ExpandDims(), Squeeze(), Transpose(), Concatenate(), Stack(), Matmul()) + (
    REDUCTIONS + (GetItem(), Arange(), RandomNormal(), ExtractPatches()))
