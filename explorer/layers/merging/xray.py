"""X-rays of the layers that join tensors: Concatenate, and Add / Multiply / Average number by number.

Concatenate(axis)  x₁ (B, …, F₁, …), x₂ (B, …, F₂, …) → out (B, …, F₁ + F₂, …): input i fills the
                   slice [offset_i, offset_i + F_i) of the joined axis, offset_i = F₁ + … + F_(i−1).
Add, Multiply, Average  inputs of one shape (a size-1 axis stretches; an input with fewer axes
                   first gets new size-1 axes at position 1, as Keras does) → that shape.
Mistake: Concatenate on another axis where the inputs differ on the joined one.
"""
from __future__ import annotations

import numpy as np

from ...description import named, shape_text
from ...live.base import Core, LayerCall, Line, Mistake, Text, XRay, check, index_text
from ...spec import LayerSpec, ModelSpec
from ..reshaping.xray import breaks, bounded, element_check, grid_at, per_sample, with_args
from .rules import concat_mismatch

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
    return XRay(call.spec.name, "Concatenate", summary, code, tuple(checks), grids, notes)


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


# -- Add, Multiply, Average ----------------------------------------------------------------------
OPS = {  # class name -> (how the numbers combine, the symbol between them in a sentence)
    "Add": (lambda xs: sum(xs[1:], xs[0]), "+"),
    "Multiply": (lambda xs: np.prod(np.stack(np.broadcast_arrays(*xs)), axis=0), "×"),
    "Average": (lambda xs: sum(xs[1:], xs[0]) / len(xs), "+"),
}


def expanded(x: np.ndarray, rank: int) -> np.ndarray:
    """x with new size-1 axes at position 1 until it has `rank` axes (Keras's merge layers)."""
    return x.reshape(x.shape[:1] + (1,) * (rank - x.ndim) + x.shape[1:])


def merge_xray(call: LayerCall) -> XRay:
    """out = x₁ ∘ x₂ ∘ … number by number, in float64, with Keras's broadcasting."""
    cls = call.spec.kind
    combine, symbol = OPS[cls]
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
    terms = f" {symbol} ".join(f"{v:.4g}" if v >= 0 else f"({v:.4g})" for v in values)
    result = float(combine([np.float64(v) for v in values]))
    checks.append(check("xray.merge.check_pick", np.array([result]), np.array([y[pick]]), out=index_text(pick)))
    if cls == "Average":
        terms = f"({terms}) / {len(xs)}"
    notes += (Text.of("xray.merge.where", out=index_text(pick), inputs=f" {symbol} ".join(at), terms=terms,
                      value=f"{result:.4g}"),)
    stretched = [names[i] for i, x in enumerate(xs) if expanded(x, y.ndim).shape != y.shape]
    if stretched:
        notes += (Text.of("xray.merge.broadcast", inputs=", ".join(stretched),
                          shapes=", ".join(shape_text(x.shape) for x in xs), shape_out=shape_text(y.shape)),)
    line = {"Add": " + ".join(names), "Multiply": " * ".join(names),
            "Average": "(" + " + ".join(names) + f") / {len(xs)}"}[cls]
    code = (Line(f"out = {line}", ", ".join(shape_text(x.shape) for x in xs) + f" -> {shape_text(y.shape)}"),)
    if stretched:
        code += (Line("", Text.of("xray.merge.code.expand")),)
    summary_key = {"Add": "xray.merge.summary_add", "Multiply": "xray.merge.summary_multiply",
                   "Average": "xray.merge.summary_average"}[cls]
    summary = Text.of(summary_key, count=len(xs),
                      shapes=", ".join(shape_text(x.shape) for x in xs), shape_out=shape_text(y.shape),
                      axes_out=named(call.out_axes))
    grids = tuple(grid_at("xray.merge.grid_in", f, s, names[i])
                  for i, (f, s) in enumerate(zip(full, sources)) if i < MAX_INPUT_GRIDS)
    grids += (grid_at("xray.merge.grid_out", y, pick, "out"),)
    return XRay(call.spec.name, cls, summary, code, tuple(checks), grids, notes)
