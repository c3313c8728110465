"""X-rays of the layers that join tensors: Concatenate, and Add / Multiply / Average number by number.

Concatenate(axis)  x₁ (B, …, F₁, …), x₂ (B, …, F₂, …) → out (B, …, F₁ + F₂, …): input i fills the
                   slice [offset_i, offset_i + F_i) of the joined axis, offset_i = F₁ + … + F_(i−1).
Add, Subtract, Multiply, Average, Maximum, Minimum  inputs of one shape (a size-1 axis stretches; an
                   input with fewer axes first gets new size-1 axes at position 1, as Keras does) → that shape.
Dot(axes)          x₁ (B, i…, D at a₀), x₂ (B, j…, D at a₁) → out (B, i…, j…): each output number is the
                   sum of D products, x₁'s vector along a₀ times x₂'s along a₁ (both divided by their
                   L2 norm first with normalize=True: the cosine).
Mistakes: Concatenate on another axis where the inputs differ on the joined one; Dot(axes=1) on two sequences
whose features it should sum over.
"""
from __future__ import annotations

import numpy as np

from ...description import named, shape_text
from ...live.base import (GRID_COLS, Core, Grid, LayerCall, Line, Mistake, Text, XRay, along_mark, check, heat_at,
                          index_text, window)
from ...spec import LayerSpec, ModelSpec
from ..reshaping.xray import breaks, bounded, element_check, grid_at, per_sample, with_args
from .rules import concat_mismatch, dot_axes

MAX_INPUT_GRIDS = 3  # input windows shown next to the output's


def input_names(call: LayerCall) -> tuple[str, ...]:
    """What to call each input: the node it comes from ("x" twice for [x, x]), else "x2" (a name, in no
    language, as the code shows it)."""
    refs = call.spec.inputs
    if len(refs) == len(call.inputs):
        return tuple(node for node, _ in refs)
    return tuple(f"x{i + 1}" for i in range(len(call.inputs)))


# -- Concatenate ---------------------------------------------------------------------------------
def concatenate_xray(call: LayerCall) -> XRay:
    """Which slice of the joined axis each input fills, checked; where the followed element came from."""
    xs, y = call.inputs, call.y
    axis = int(call.layer.axis) % y.ndim
    names = input_names(call)
    n, notes = bounded(call, "xray.concatenate.bounded", 4 * per_sample(y))
    sizes = [x.shape[axis] for x in xs]
    offsets = np.concatenate([[0], np.cumsum(sizes)]).astype(int)
    checks = []
    for i, x in enumerate(xs):
        part = [slice(None)] * y.ndim
        part[0] = slice(0, n) if axis != 0 else slice(offsets[i], offsets[i + 1])
        if axis != 0:
            part[axis] = slice(offsets[i], offsets[i + 1])
        ours = x[:n] if axis != 0 else x
        checks.append(check("xray.concatenate.check_slice", ours, y[tuple(part)], input=names[i],
                            start=int(offsets[i]), end=int(offsets[i + 1]), axis=axis))
        notes += (Text.of("xray.concatenate.fills", input=names[i], shape=shape_text(x.shape), axis=axis,
                          start=int(offsets[i]), last=int(offsets[i + 1]) - 1, size=sizes[i]),)
    pick = call.picked()
    which = int(np.searchsorted(offsets, pick[axis], side="right")) - 1
    src = pick[:axis] + (pick[axis] - int(offsets[which]),) + pick[axis + 1:]
    checks.append(element_check("xray.concatenate.check_pick", y, pick, xs[which], src, input=names[which]))
    notes += (Text.of("xray.concatenate.where", out=index_text(pick), input=names[which], src=index_text(src),
                      axis=axis, position=pick[axis], offset=int(offsets[which]),
                      arithmetic=f"{pick[axis]} − {int(offsets[which])} = {src[axis]}"),)
    code = (Line(f"out = np.concatenate([{', '.join(names)}], axis={axis})",
                 " + ".join(shape_text(x.shape) for x in xs) + f" -> {shape_text(y.shape)}"),)
    parts = (f"out[{':, ' * axis}{offsets[i]}:{offsets[i + 1]}]" for i in range(len(xs)))
    code += tuple(Line("", Text.of("xray.concatenate.code.part", part=part, input=name))
                  for part, name in zip(parts, names))
    summary = Text.of("xray.concatenate.summary", count=len(xs), shapes=", ".join(shape_text(x.shape) for x in xs),
                      axis=axis, letter=call.out_axes[axis], shape_out=shape_text(y.shape),
                      axes_out=named(call.out_axes), sizes=" + ".join(map(str, sizes)), total=y.shape[axis])
    grids = (grid_at("xray.concatenate.grid_out", y, pick, "out"),
             grid_at("xray.concatenate.grid_in", xs[which], src, names[which]))
    heats = tuple(heat_at("xray.merge.heat_in", x, src, names[i], letters(call, i, x.ndim), out=index_text(pick))
                  if i == which else
                  heat_at("xray.concatenate.heat_other", x, src[:axis] + (0,) + src[axis + 1:], names[i],
                          letters(call, i, x.ndim), None, start=int(offsets[i]), end=int(offsets[i + 1]), axis=axis)
                  for i, x in enumerate(xs) if i < MAX_INPUT_GRIDS or i == which)
    heats += (heat_at("live.xray.heat_out", y, pick, "out", call.out_axes),)
    return XRay(call.spec.name, "Concatenate", summary, code, tuple(checks), grids, notes, heats)


def letters(call: LayerCall, i: int, rank: int) -> tuple[str, ...]:
    """The axis letters of input i (the output's when they are not known for a rank-`rank` view of it)."""
    axes = call.step.input_axes
    return tuple(axes[i]) if i < len(axes) and len(axes[i]) == rank else tuple(call.out_axes)


def concatenate_mistakes(model: ModelSpec, layer: LayerSpec, step, core: Core) -> tuple[Mistake, ...]:
    """Joining along another axis, offered when the inputs differ on the right one (so the wrong
    axis leaves a mismatch); the nearest such axis, written with the learner's sign."""
    shapes = step.input_shapes
    rank = len(shapes[0])
    written = int(layer.arg("axis", -1))
    axis = written % rank
    for wrong in sorted((k for k in range(1, rank) if k != axis), key=lambda k: (abs(k - axis), -k)):
        if concat_mismatch(shapes, wrong) is None:
            continue
        shown = wrong - rank if written < 0 else wrong
        broken = with_args(layer, axis=shown)
        if not breaks(model, broken, core):
            continue
        params = {"layer": layer.name, "axis": str(written), "wrong": str(shown),
                  "shapes": ", ".join(shape_text(s) for s in shapes),
                  "sizes": " + ".join(str(s[axis]) for s in shapes), "position": str(axis)}
        return (Mistake("concat_axis", layer.name, tuple(params.items()), broken=broken,
                        code=f"layers.Concatenate(axis={shown})", title_key="mistake.concat_axis.title",
                        why_key="mistake.concat_axis.why"),)
    return ()


# -- Add, Subtract, Multiply, Average, Maximum, Minimum -----------------------------------------------
def _signed(v: float) -> str:
    return f"{v:.4g}" if v >= 0 else f"({v:.4g})"


def _between(symbol: str):
    return lambda items: f" {symbol} ".join(items)


def _called(name: str):
    return lambda items: f"{name}({', '.join(items)})"


OPS = {  # class name -> (how the numbers combine, how the terms are written, the numpy line's function)
    "Add": (lambda xs: sum(xs[1:], xs[0]), _between("+"), lambda names: " + ".join(names)),
    "Subtract": (lambda xs: xs[0] - xs[1], _between("−"), lambda names: " - ".join(names)),
    "Multiply": (lambda xs: np.prod(np.stack(np.broadcast_arrays(*xs)), axis=0), _between("×"),
                 lambda names: " * ".join(names)),
    "Average": (lambda xs: sum(xs[1:], xs[0]) / len(xs), _between("+"),
                lambda names: "(" + " + ".join(names) + f") / {len(names)}"),
    "Maximum": (lambda xs: np.max(np.stack(np.broadcast_arrays(*xs)), axis=0), _called("max"),
                lambda names: f"np.maximum.reduce([{', '.join(names)}])" if len(names) > 2 else
                f"np.maximum({', '.join(names)})"),
    "Minimum": (lambda xs: np.min(np.stack(np.broadcast_arrays(*xs)), axis=0), _called("min"),
                lambda names: f"np.minimum.reduce([{', '.join(names)}])" if len(names) > 2 else
                f"np.minimum({', '.join(names)})"),
}
SUMMARY_KEYS = {"Add": "xray.merge.summary_add", "Subtract": "xray.merge.summary_subtract",
                "Multiply": "xray.merge.summary_multiply", "Average": "xray.merge.summary_average",
                "Maximum": "xray.merge.summary_maximum", "Minimum": "xray.merge.summary_minimum"}


def expanded(x: np.ndarray, rank: int) -> np.ndarray:
    """x with new size-1 axes at position 1 until it has `rank` axes (Keras's merge layers)."""
    return x.reshape(x.shape[:1] + (1,) * (rank - x.ndim) + x.shape[1:])


def merge_xray(call: LayerCall) -> XRay:
    """out = x₁ ∘ x₂ ∘ … number by number, in float64, with Keras's broadcasting."""
    cls = call.spec.kind
    combine, written, numpy_line = OPS[cls]
    xs, y = call.inputs, call.y
    names = input_names(call)
    n, notes = bounded(call, "xray.merge.bounded", (len(xs) + 3) * per_sample(y))
    full = [expanded(x, y.ndim).astype(np.float64) for x in xs]
    ours = combine([f[:n] for f in full])
    pick = call.picked()
    sources = [tuple(0 if f.shape[d] == 1 else pick[d] for d in range(y.ndim)) for f in full]
    values = [float(f[s]) for f, s in zip(full, sources)]
    checks = [check("xray.merge.check", np.broadcast_to(ours, y[:n].shape), y[:n], n=n, op=cls)]
    at = [f"{names[i]}{index_text(s)}" for i, s in enumerate(sources)]
    result = float(combine([np.float64(v) for v in values]))
    terms = written([_signed(v) for v in values])
    if cls == "Average":  # the sum written as the others are, then divided
        terms = f"({terms}) / {len(xs)}"
    checks.append(check("xray.merge.check_pick", np.array([result]), np.array([y[pick]]), out=index_text(pick)))
    notes += (Text.of("xray.merge.where", out=index_text(pick), inputs=written(at),
                      terms=terms, value=f"{result:.4g}"),)
    stretched = [names[i] for i, x in enumerate(xs) if expanded(x, y.ndim).shape != y.shape]
    if stretched:
        notes += (Text.of("xray.merge.broadcast", inputs=", ".join(stretched),
                          shapes=", ".join(shape_text(x.shape) for x in xs), shape_out=shape_text(y.shape)),)
    code = (Line(f"out = {numpy_line(names)}", ", ".join(shape_text(x.shape) for x in xs) + f" -> "
                 f"{shape_text(y.shape)}"),)
    if stretched:
        code += (Line("", Text.of("xray.merge.code.expand")),)
    summary = Text.of(SUMMARY_KEYS[cls], count=len(xs),
                      shapes=", ".join(shape_text(x.shape) for x in xs), shape_out=shape_text(y.shape),
                      axes_out=named(call.out_axes))
    grids = tuple(grid_at("xray.merge.grid_in", f, s, names[i])
                  for i, (f, s) in enumerate(zip(full, sources)) if i < MAX_INPUT_GRIDS)
    grids += (grid_at("xray.merge.grid_out", y, pick, "out"),)
    heats = tuple(heat_at("xray.merge.heat_in", f, src, names[i], letters(call, i, f.ndim), out=index_text(pick))
                  for i, (f, src) in enumerate(zip(full, sources)) if i < MAX_INPUT_GRIDS)
    heats += (heat_at("live.xray.heat_out", y, pick, "out", call.out_axes),)
    return XRay(call.spec.name, cls, summary, code, tuple(checks), grids, notes, heats)


# -- Dot -----------------------------------------------------------------------------------------------
def unit(x: np.ndarray, axis: int) -> np.ndarray:
    """x divided by its L2 norm along axis (Keras: x · min(1/‖x‖, 1/ε), ε = 1e-7)."""
    norm = np.sqrt(np.sum(x * x, axis=axis, keepdims=True))
    return x / np.maximum(norm, 1e-7)


def dot_xray(call: LayerCall) -> XRay:
    """out[b, i…, j…] = Σ_d x₁[b, i… with d at a₀] · x₂[b, j… with d at a₁]: one axis of each input summed."""
    x1, x2 = (x.astype(np.float64) for x in call.inputs[:2])
    y, layer = call.y, call.layer
    names = input_names(call)
    a0, a1 = dot_axes(layer.axes, (x1.shape, x2.shape))
    normalize = bool(layer.normalize)
    n, notes = bounded(call, "xray.dot.bounded", 3 * (per_sample(x1) + per_sample(x2)) + per_sample(y))
    if normalize:
        x1, x2 = unit(x1, a0), unit(x2, a1)
    u, v = np.moveaxis(x1, a0, -1), np.moveaxis(x2, a1, -1)  # (B, i…, D), (B, j…, D)
    free1, free2 = u.shape[1:-1], v.shape[1:-1]
    depth = u.shape[-1]
    ours = np.einsum("bpd,bqd->bpq", u[:n].reshape(n, -1, depth), v[:n].reshape(n, -1, depth))
    checks = [check("xray.dot.check", ours.reshape(y[:n].shape), y[:n], n=n)]
    pick = call.picked()
    b = pick[0]
    i, j = pick[1:1 + len(free1)], pick[1 + len(free1):1 + len(free1) + len(free2)]
    left, right = u[(b,) + i], v[(b,) + j]  # the two vectors of length D
    products = left * right
    value = float(products.sum())
    checks.append(check("xray.dot.check_pick", np.array([value]), np.array([y[pick]]), out=index_text(pick)))

    def at(name, index, axis):
        items = [str(k) for k in index]
        items.insert(axis - 1, ":")
        return f"{name}[{', '.join([str(b), *items])}]"

    first, second = at(names[0], i, a0), at(names[1], j, a1)
    notes += (Text.of("xray.dot.where", out=index_text(pick), first=first, second=second, D=depth,
                      value=f"{value:.4g}"),)
    if normalize:
        notes += (Text.of("xray.dot.normalized", first=names[0], second=names[1], a0=a0, a1=a1),)
    unit_line = ((Line(f"{names[0]}, {names[1]} = unit({names[0]}, axis={a0}), unit({names[1]}, axis={a1})",
                       Text.of("xray.dot.code.unit")),) if normalize else ())
    code = unit_line + (
        Line(f"u = np.moveaxis({names[0]}, {a0}, -1)", f"{shape_text(call.inputs[0].shape)} -> {shape_text(u.shape)}"),
        Line(f"v = np.moveaxis({names[1]}, {a1}, -1)", f"{shape_text(call.inputs[1].shape)} -> {shape_text(v.shape)}"),
        Line("out = np.einsum('b…d,b…d->b……', u, v)", Text.of("xray.dot.code.einsum", shape_out=shape_text(y.shape))),
    )
    summary = Text.of("xray.dot.summary", first=names[0], second=names[1], a0=a0, a1=a1, D=depth,
                      shape1=shape_text(call.inputs[0].shape), shape2=shape_text(call.inputs[1].shape),
                      shape_out=shape_text(y.shape), axes_out=named(call.out_axes))
    cols = window(int(np.argmax(np.abs(products))), GRID_COLS, depth)
    terms = Grid(Text.of("xray.dot.grid_terms", first=first, second=second, D=depth),
                 np.stack([left, right, products])[:, cols.start:cols.stop], (first, second, "×"),
                 tuple(str(d) for d in cols), (), (3, depth))
    grids = (terms, grid_at("xray.dot.grid_out", y, pick, "out"))
    heats = tuple(heat_at("xray.dot.heat_in", x, (b,) + index[:axis - 1] + (0,) + index[axis - 1:], name,
                          letters(call, k, x.ndim), along_mark((axis,), x.ndim), out=index_text(pick))
                  for k, (x, index, axis, name) in enumerate(zip(call.inputs[:2], (i, j), (a0, a1), names)))
    heats += (heat_at("live.xray.heat_out", y, pick, "out", call.out_axes),)
    return XRay(call.spec.name, "Dot", summary, code, tuple(checks), grids, notes, heats)


def dot_mistakes(model: ModelSpec, layer: LayerSpec, step, core: Core) -> tuple[Mistake, ...]:
    """Dot(axes=1) on two sequences (B, T, F), (B, S, F) whose features it should sum over: the steps are summed
    instead, and they differ. Offered when the layer sums over the last axes of two inputs of rank 3."""
    shapes = step.input_shapes
    if len(shapes) != 2 or any(len(s) != 3 for s in shapes) or dot_axes(layer.arg("axes"), shapes) != (2, 2):
        return ()
    broken = with_args(layer, axes=1)
    if not breaks(model, broken, core):
        return ()
    params = {"layer": layer.name, "axes": str(layer.arg("axes")), "shapes": ", ".join(shape_text(s) for s in shapes),
              "steps": f"{shapes[0][1]} != {shapes[1][1]}", "out": shape_text(step.output_shape)}
    return (Mistake("dot_axes", layer.name, tuple(params.items()), broken=broken, code="layers.Dot(axes=1)",
                    title_key="mistake.dot_axes.title", why_key="mistake.dot_axes.why"),)
