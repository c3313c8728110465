"""X-rays of the operations: each recomputed with numpy (float64) from the real tensors of the forward pass.

Elementwise (unary and binary)  out[i] = f(x[i]) or f(x[i], y[j]), j the broadcast index (a size-1 or missing
        axis of an input always reads index 0 there).
Shape operations (reshape, expand_dims, squeeze, transpose, get_item)  every output number is a copy of one input
        number: the same operation run on the array of input indices says which.
concatenate  the input that fills that part of the joined axis, and the index inside it.
stack  the index on the new axis says which input; the other indices, where inside it.
A constant vector c (n,) of a binary operation: out[…, i] = f(x[…, i], c[i]), c float32 as Keras holds it.
mean / sum / max  the reduced slice of the input, and its mean, sum or max.
matmul  one row of x₁ times one column of x₂, summed.
arange  start + i · step.  random_normal  random at every call: only its shape is checked.
extract_patches  the window of the image the followed number comes from.
"""
from __future__ import annotations

import math

import numpy as np

from ...description import named, shape_text
from ...live.base import (Check, Heat, LayerCall, Line, Text, XRay, along_mark, check, heat_at, index_text,
                          plane_box)
from ..reshaping.xray import grid_at
from .keys import key_text
from .layer import _key


def _sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def _softmax(x, axis):
    e = np.exp(x - np.max(x, axis=axis, keepdims=True))
    return e / np.sum(e, axis=axis, keepdims=True)


def _gelu(x):
    return 0.5 * x * (1.0 + np.tanh(np.sqrt(2.0 / np.pi) * (x + 0.044715 * x ** 3)))


UNARY = {  # kind -> (numpy on float64, the numpy line)
    "ops.relu": (lambda x: np.maximum(x, 0.0), "np.maximum(x, 0)"),
    "ops.sigmoid": (_sigmoid, "1 / (1 + np.exp(-x))"),
    "ops.tanh": (np.tanh, "np.tanh(x)"),
    "ops.exp": (np.exp, "np.exp(x)"),
    "ops.log": (np.log, "np.log(x)"),
    "ops.sqrt": (np.sqrt, "np.sqrt(x)"),
    "ops.square": (np.square, "x ** 2"),
    "ops.abs": (np.abs, "np.abs(x)"),
    "ops.negative": (np.negative, "-x"),
    "ops.softplus": (lambda x: np.logaddexp(0.0, x), "np.log1p(np.exp(x))"),
    "ops.gelu": (_gelu, "0.5 * x * (1 + np.tanh(np.sqrt(2 / np.pi) * (x + 0.044715 * x**3)))"),
    "ops.silu": (lambda x: x * _sigmoid(x), "x / (1 + np.exp(-x))"),
}
BINARY = {
    "ops.add": (np.add, "+"), "ops.subtract": (np.subtract, "-"), "ops.multiply": (np.multiply, "*"),
    "ops.true_divide": (np.true_divide, "/"), "ops.power": (np.power, "**"),
    "ops.maximum": (np.maximum, "np.maximum"), "ops.minimum": (np.minimum, "np.minimum"),
}
INDEX_OPS = ("ops.reshape", "ops.expand_dims", "ops.squeeze", "ops.transpose", "ops.get_item")
REDUCE = {"ops.mean": (np.mean, "xray.op.reduce_mean"), "ops.sum": (np.sum, "xray.op.reduce_sum"),
          "ops.max": (np.max, "xray.op.reduce_max")}


def same_check(key: str, ours: np.ndarray, theirs: np.ndarray, **params: object) -> Check:
    """check(), where NaN in both (log or sqrt of a negative number) counts as agreeing and NaN in one does not."""
    ours, theirs = np.asarray(ours, np.float64), np.asarray(theirs, np.float64)
    nan_ours, nan_theirs = np.isnan(ours), np.isnan(theirs)
    if not np.array_equal(nan_ours, nan_theirs):
        return Check(Text.of(key, **params), math.inf, int(theirs.size))
    if nan_ours.all():
        return Check(Text.of(key, **params), 0.0, int(theirs.size))
    return check(key, np.where(nan_ours, 0.0, ours), np.where(nan_theirs, 0.0, theirs), **params)


def _v(value: float) -> str:
    return f"{value:.4g}" if value >= 0 or math.isnan(value) else f"({value:.4g})"


def op_xray(call: LayerCall) -> XRay:
    op = call.spec.kind
    if op in UNARY or op in ("ops.softmax", "ops.cast"):
        return _unary_xray(call, op)
    if op in BINARY:
        return _binary_xray(call, op)
    if op in INDEX_OPS:
        return _index_xray(call, op)
    if op == "ops.concatenate":
        return _concatenate_xray(call)
    if op == "ops.stack":
        return _stack_xray(call)
    if op in REDUCE:
        return _reduce_xray(call, op)
    if op == "ops.matmul":
        return _matmul_xray(call)
    if op == "ops.arange":
        return _arange_xray(call)
    if op == "ops.random_normal":
        return _random_xray(call)
    return _patches_xray(call)


def _finish(call: LayerCall, summary: Text, code, checks, grids, notes=(), heats=()) -> XRay:
    return XRay(call.spec.name, call.spec.kind, summary, tuple(code), tuple(checks), tuple(grids), tuple(notes),
                tuple(heats))


def _letters(call: LayerCall, i: int, rank: int) -> tuple[str, ...]:
    """The axis letters of input i when the description knows them for its rank, else none."""
    axes = call.step.input_axes
    return tuple(axes[i]) if i < len(axes) and len(axes[i]) == rank else ()


def _out(call: LayerCall, pick: tuple[int, ...], axes: tuple[int | None, int] | None = None) -> Heat:
    letters = call.out_axes if len(call.out_axes) == call.y.ndim else ()
    return heat_at("live.xray.heat_out", call.y, pick, "out", letters, axes=axes)


# -- elementwise -----------------------------------------------------------------------------------------
def _unary_xray(call: LayerCall, op: str) -> XRay:
    x, y = call.x.astype(np.float64), call.y
    pick = call.picked()
    args = dict(call.spec.args)
    if op == "ops.softmax":
        axis = int(args.get("axis", -1)) % x.ndim
        ours = _softmax(x, axis)
        line = f"e = np.exp(x - x.max(axis={axis}, keepdims=True)); out = e / e.sum(axis={axis}, keepdims=True)"
        along = pick[:axis] + (slice(None),) + pick[axis + 1:]
        value = float(ours[pick])
        note = Text.of("xray.op.where_softmax", out=index_text(pick), x=_v(float(x[pick])), axis=axis,
                       count=x.shape[axis], value=f"{value:.4g}",
                       total=f"{float(np.exp(x[along] - x[along].max()).sum()):.4g}")
    elif op == "ops.cast":
        dtype = str(args.get("dtype"))
        ours = x.astype(np.dtype(dtype)).astype(np.float64) if dtype != "bfloat16" else x
        line = f'x.astype("{dtype}")'
        value = float(ours[pick])
        note = Text.of("xray.op.where_elementwise", out=index_text(pick), terms=f"{dtype}({_v(float(x[pick]))})",
                       value=f"{value:.4g}")
    else:
        fn, line = UNARY[op]
        with np.errstate(all="ignore"):
            ours = fn(x)
        value = float(ours[pick])
        note = Text.of("xray.op.where_elementwise", out=index_text(pick),
                       terms=f"{op.split('.')[1]}({_v(float(x[pick]))})", value=f"{value:.4g}")
    checks = [same_check("xray.op.check", ours, y), same_check("xray.op.check_pick", np.array([value]),
                                                              np.array([y[pick]]), out=index_text(pick))]
    notes = [note]
    if np.isnan(ours).any():
        notes.append(Text.of("xray.op.nan", count=int(np.isnan(ours).sum())))
    summary = Text.of("xray.op.summary_elementwise", op=op, shapes=shape_text(x.shape), shape_out=shape_text(y.shape),
                      axes_out=named(call.out_axes))
    code = (Line(f"out = {line}", f"{shape_text(x.shape)} -> {shape_text(y.shape)}"),)
    grids = (grid_at("xray.op.grid_in", x, pick, "x"), grid_at("xray.op.grid_out", y, pick, "out"))
    mark = along_mark((int(args.get("axis", -1)) % x.ndim,), x.ndim) if op == "ops.softmax" else "cell"
    heats = (heat_at("live.xray.heat_in", call.x, pick, "x", _letters(call, 0, x.ndim), mark), _out(call, pick))
    return _finish(call, summary, code, checks, grids, notes, heats)


def _source(shape: tuple[int, ...], pick: tuple[int, ...]) -> tuple[int, ...]:
    """The index an input of this shape gives to output index `pick` under numpy broadcasting."""
    tail = pick[len(pick) - len(shape):] if shape else ()
    return tuple(0 if d == 1 else i for d, i in zip(shape, tail))


def _binary_xray(call: LayerCall, op: str) -> XRay:
    fn, symbol = BINARY[op]
    y = call.y
    pick = call.picked()
    xs = [a.astype(np.float64) for a in call.inputs]
    names = ["x", "y"]
    constant = call.spec.arg("constant") if len(xs) == 1 else None
    if constant is not None:  # the numbers Keras adds: float32
        c = np.asarray(constant if isinstance(constant, (tuple, list)) else (constant,), np.float32).astype(np.float64)
        first = bool(call.spec.arg("scalar_first", False))
        operands, labels = ([c, xs[0]], ["c", "x"]) if first else ([xs[0], c], ["x", "c"])
    elif len(xs) == 1:
        number = float(call.spec.arg("scalar"))
        first = bool(call.spec.arg("scalar_first", False))
        operands = [np.float64(number), xs[0]] if first else [xs[0], np.float64(number)]
        labels = ([repr(number), "x"] if first else ["x", repr(number)])
    else:
        operands, labels = xs, names
    with np.errstate(all="ignore"):
        ours = fn(*operands)
        sources = [_source(np.shape(a), pick) for a in operands]
        values = [float(a[s]) if np.ndim(a) else float(a) for a, s in zip(operands, sources)]
        value = float(fn(*(np.float64(v) for v in values)))
    checks = [same_check("xray.op.check", ours, y),
              same_check("xray.op.check_pick", np.array([value]), np.array([y[pick]]), out=index_text(pick))]
    written = [_v(v) for v in values]
    terms = f"{symbol}({written[0]}, {written[1]})" if symbol.startswith("np.") else f" {symbol} ".join(written)
    at = [f"{label}{index_text(s)}" if np.ndim(a) else label for a, s, label in zip(operands, sources, labels)]
    notes = [Text.of("xray.op.where_binary", out=index_text(pick), inputs=", ".join(at), terms=terms,
                     value=f"{value:.4g}")]
    stretched = [label for a, label in zip(operands, labels) if np.ndim(a) and np.shape(a) != y.shape]
    if stretched:
        notes.append(Text.of("xray.op.broadcast", inputs=", ".join(stretched),
                             shapes=", ".join(shape_text(np.shape(a)) for a in operands if np.ndim(a)),
                             shape_out=shape_text(y.shape)))
    expr = f"{symbol}({labels[0]}, {labels[1]})" if symbol.startswith("np.") else f" {symbol} ".join(labels)
    shapes = ", ".join(shape_text(np.shape(a)) for a in operands if np.ndim(a))
    code = (Line(f"out = {expr}", f"{shapes} -> {shape_text(y.shape)}"),)
    if constant is not None:
        shown = ", ".join(f"{v:.6g}" for v in c[:6]) + (", …" if c.size > 6 else ("," if c.size == 1 else ""))
        code = (Line(f'c = np.array(({shown}), "float32")', Text.of("xray.op.code.constant", count=int(c.size))),
                ) + code
        notes.append(Text.of("xray.op.constant", count=int(c.size),
                             shape=shape_text((1,) * (y.ndim - 1) + (int(c.size),))))
    summary = Text.of("xray.op.summary_elementwise", op=op, shapes=shapes, shape_out=shape_text(y.shape),
                      axes_out=named(call.out_axes))
    grids = tuple(grid_at("xray.op.grid_in", a, s, label) for a, s, label in zip(operands, sources, labels)
                  if np.ndim(a))
    grids += (grid_at("xray.op.grid_out", y, pick, "out"),)
    heats = tuple(heat_at("xray.op.heat_operand", a, s, label, _letters(call, names.index(label), np.ndim(a))
                          if label in names else (), out=index_text(pick))
                  for a, s, label in zip(operands, sources, labels) if np.ndim(a)) + (_out(call, pick),)
    return _finish(call, summary, code, checks, grids, notes, heats)


# -- shape operations -------------------------------------------------------------------------------------
def _moved(op: str, a: np.ndarray, args: dict, name: str = "x") -> tuple[np.ndarray, str]:
    """The shape operation in numpy, and its line on the array called `name`."""
    if op == "ops.reshape":
        shape = tuple(args["newshape"])
        return a.reshape(shape), f"{name}.reshape({shape_text(shape)})"
    if op == "ops.expand_dims":
        return np.expand_dims(a, args["axis"]), f"np.expand_dims({name}, {args['axis']})"
    if op == "ops.squeeze":
        return np.squeeze(a, axis=args.get("axis")), f"np.squeeze({name}, axis={args.get('axis')})"
    if op == "ops.transpose":
        axes = args.get("axes")
        return np.transpose(a, axes), f"np.transpose({name}, {shape_text(tuple(axes)) if axes else None})"
    return a[_key(args["key"])], f"{name}[{key_text(args['key'])}]"


def _index_xray(call: LayerCall, op: str) -> XRay:
    x, y = call.x, call.y
    args = dict(call.spec.args)
    pick = call.picked()
    ours, line = _moved(op, x, args)
    where, where_line = _moved(op, np.arange(x.size).reshape(x.shape), args, "np.arange(x.size).reshape(x.shape)")
    src = tuple(int(i) for i in np.unravel_index(int(where[pick]), x.shape))
    checks = [check("xray.op.check", ours, y),
              check("xray.op.check_copy", np.asarray(x[src]).reshape(1), np.asarray(y[pick]).reshape(1),
                    out=index_text(pick), src=index_text(src))]
    notes = [Text.of("xray.op.where_copy", out=index_text(pick), src=index_text(src), value=f"{float(y[pick]):.4g}")]
    summary = Text.of("xray.op.summary_index", op=op, shape_in=shape_text(x.shape), axes_in=named(call.in_axes),
                      shape_out=shape_text(y.shape), axes_out=named(call.out_axes))
    code = (Line(f"out = {line}", f"{shape_text(x.shape)} -> {shape_text(y.shape)}"),
            Line(f"where = {where_line}", Text.of("xray.op.code.where")))  # the input index each number copies
    grids = (grid_at("xray.op.grid_in", x, src, "x"), grid_at("xray.op.grid_out", y, pick, "out"))
    heats = (heat_at("live.xray.heat_in", x, src, "x", _letters(call, 0, x.ndim)), _out(call, pick))
    return _finish(call, summary, code, checks, grids, notes, heats)


def _concatenate_xray(call: LayerCall) -> XRay:
    xs, y = call.inputs, call.y
    axis = int(call.spec.arg("axis", 0)) % y.ndim
    pick = call.picked()
    names = [f"x{i + 1}" for i in range(len(xs))]
    offsets = np.concatenate([[0], np.cumsum([a.shape[axis] for a in xs])]).astype(int)
    which = int(np.searchsorted(offsets, pick[axis], side="right")) - 1
    src = pick[:axis] + (pick[axis] - int(offsets[which]),) + pick[axis + 1:]
    checks = [check("xray.op.check", np.concatenate(xs, axis=axis), y),
              check("xray.op.check_copy", np.asarray(xs[which][src]).reshape(1), np.asarray(y[pick]).reshape(1),
                    out=index_text(pick), src=f"{names[which]}{index_text(src)}")]
    notes = [Text.of("xray.op.where_concatenate", out=index_text(pick), input=names[which], src=index_text(src),
                     axis=axis, arithmetic=f"{pick[axis]} − {int(offsets[which])} = {src[axis]}")]
    shapes = ", ".join(shape_text(a.shape) for a in xs)
    summary = Text.of("xray.op.summary_concatenate", shapes=shapes, axis=axis, shape_out=shape_text(y.shape),
                      axes_out=named(call.out_axes))
    code = (Line(f"out = np.concatenate([{', '.join(names)}], axis={axis})", f"{shapes} -> {shape_text(y.shape)}"),)
    grids = (grid_at("xray.op.grid_in", xs[which], src, names[which]), grid_at("xray.op.grid_out", y, pick, "out"))
    heats = (heat_at("xray.op.heat_operand", xs[which], src, names[which], _letters(call, which, xs[which].ndim),
                     out=index_text(pick)), _out(call, pick))
    return _finish(call, summary, code, checks, grids, notes, heats)


def _stack_xray(call: LayerCall) -> XRay:
    xs, y = call.inputs, call.y
    axis = int(call.spec.arg("axis", 0)) % y.ndim
    pick = call.picked()
    names = [f"x{i + 1}" for i in range(len(xs))]
    which = pick[axis]
    src = pick[:axis] + pick[axis + 1:]
    checks = [check("xray.op.check", np.stack(xs, axis=axis), y),
              check("xray.op.check_copy", np.asarray(xs[which][src]).reshape(1), np.asarray(y[pick]).reshape(1),
                    out=index_text(pick), src=f"{names[which]}{index_text(src)}")]
    notes = [Text.of("xray.op.where_stack", out=index_text(pick), axis=axis, k=which, input=names[which],
                     src=index_text(src), value=f"{float(y[pick]):.4g}")]
    shapes = ", ".join(shape_text(a.shape) for a in xs)
    summary = Text.of("xray.op.summary_stack", count=len(xs), shape=shape_text(xs[0].shape), axis=axis,
                      shape_out=shape_text(y.shape), axes_out=named(call.out_axes))
    code = (Line(f"out = np.stack([{', '.join(names)}], axis={axis})", f"{shapes} -> {shape_text(y.shape)}"),)
    grids = (grid_at("xray.op.grid_in", xs[which], src, names[which]), grid_at("xray.op.grid_out", y, pick, "out"))
    heats = (heat_at("xray.op.heat_operand", xs[which], src, names[which], _letters(call, which, xs[which].ndim),
                     out=index_text(pick)), _out(call, pick))
    return _finish(call, summary, code, checks, grids, notes, heats)


# -- reductions and matmul ----------------------------------------------------------------------------------
def _reduce_xray(call: LayerCall, op: str) -> XRay:
    fn, how = REDUCE[op]
    x, y = call.x.astype(np.float64), call.y
    pick = call.picked()
    axis = call.spec.arg("axis")
    keep = bool(call.spec.arg("keepdims", False))
    reduced = tuple(range(x.ndim)) if axis is None else tuple(sorted(a % x.ndim for a in (
        (axis,) if isinstance(axis, int) else axis)))
    ours = fn(x, axis=reduced, keepdims=keep)
    full = iter(pick)
    index = []
    for k in range(x.ndim):  # the input slice the followed number summarises
        if k in reduced:
            index.append(slice(None))
            if keep:
                next(full)
        else:
            index.append(next(full))
    part = x[tuple(index)]
    value = float(fn(part))
    checks = [check("xray.op.check", ours, y),
              check("xray.op.check_pick", np.array([value]), np.array([y[pick]]), out=index_text(pick))]
    slice_text = "[" + ", ".join(":" if isinstance(i, slice) else str(i) for i in index) + "]"
    notes = [Text.of(how, out=index_text(pick), slice=slice_text, count=int(part.size), value=f"{value:.4g}")]
    summary = Text.of("xray.op.summary_reduce", op=op, axes=shape_text(reduced), shape_in=shape_text(x.shape),
                      shape_out=shape_text(y.shape), axes_out=named(call.out_axes))
    code = (Line(f"out = np.{op.split('.')[1]}(x, axis={shape_text(reduced)}, keepdims={keep})",
                 f"{shape_text(x.shape)} -> {shape_text(y.shape)}"),)
    shown = part.reshape(-1) if part.ndim != 2 else part
    first = tuple(0 for _ in shown.shape)
    grids = (grid_at("xray.op.grid_reduced", shown, first, f"x{slice_text}"),
             grid_at("xray.op.grid_out", y, pick, "out"))
    element = tuple(0 if isinstance(i, slice) else i for i in index)
    corner, extent = plane_box(x.shape, element, {a: (0, x.shape[a]) for a in reduced})
    heats = (heat_at("xray.op.heat_reduced", call.x, element, "x", _letters(call, 0, x.ndim), extent, corner=corner,
                     out=index_text(pick)), _out(call, pick))
    return _finish(call, summary, code, checks, grids, notes, heats)


def _matmul_xray(call: LayerCall) -> XRay:
    a, b = (t.astype(np.float64) for t in call.inputs[:2])
    y = call.y
    pick = call.picked()
    ours = np.matmul(a, b)
    lead = pick[:-2]
    n, m = pick[-2], pick[-1]
    row = a[_source(a.shape[:-2], lead) + (n,)]
    col = b[_source(b.shape[:-2], lead) + (slice(None), m)]
    products = row * col
    value = float(products.sum())
    checks = [check("xray.op.check", ours, y),
              check("xray.op.check_pick", np.array([value]), np.array([y[pick]]), out=index_text(pick))]
    row_at = index_text(_source(a.shape[:-2], lead) + (n,)).rstrip("]") + ", :]"
    col_at = "[" + ", ".join([str(i) for i in _source(b.shape[:-2], lead)] + [":", str(m)]) + "]"
    notes = [Text.of("xray.op.where_matmul", out=index_text(pick), row=f"x1{row_at}", col=f"x2{col_at}",
                     K=int(row.size), value=f"{value:.4g}")]
    summary = Text.of("xray.op.summary_matmul", shape1=shape_text(a.shape), shape2=shape_text(b.shape),
                      shape_out=shape_text(y.shape), axes_out=named(call.out_axes))
    code = (Line("out = x1 @ x2", f"{shape_text(a.shape)} @ {shape_text(b.shape)} -> {shape_text(y.shape)}"),)
    grids = (grid_at("xray.op.grid_terms", np.stack([row, col, products]), (2, int(np.argmax(np.abs(products)))),
                     "row, col, ×"), grid_at("xray.op.grid_out", y, pick, "out"))
    last = lambda t: (t.ndim - 2, t.ndim - 1) if t.ndim > 1 else None  # the matrices, whatever the batch axes
    heats = (heat_at("xray.op.heat_row", call.inputs[0], _source(a.shape[:-2], lead) + (n, 0), "x1",
                     _letters(call, 0, a.ndim), "row" if a.ndim > 1 else "cell", last(a), out=index_text(pick)),
             heat_at("xray.op.heat_col", call.inputs[1], _source(b.shape[:-2], lead) + (0, m), "x2",
                     _letters(call, 1, b.ndim), "col" if b.ndim > 1 else "cell", last(b), out=index_text(pick)),
             _out(call, pick, last(y)))
    return _finish(call, summary, code, checks, grids, notes, heats)


# -- constants ---------------------------------------------------------------------------------------------
def _arange_xray(call: LayerCall) -> XRay:
    y = call.y
    start, step = int(call.spec.arg("start", 0)), int(call.spec.arg("step", 1))
    stop = call.spec.arg("stop")
    if stop is None:  # arange(n) counts 0 … n − 1, as range(n)
        start, stop = 0, start
    pick = call.picked()
    ours = start + np.arange(y.shape[0]) * step
    value = start + pick[0] * step
    checks = [check("xray.op.check", ours, y),
              check("xray.op.check_pick", np.array([value]), np.array([y[pick]]), out=index_text(pick))]
    notes = [Text.of("xray.op.where_arange", i=pick[0], start=start, step=step, value=value)]
    summary = Text.of("xray.op.summary_arange", start=start, stop=str(stop), step=step, count=int(y.shape[0]),
                      axes_out=named(call.out_axes))
    code = (Line(f"out = np.arange({start}, {stop}, {step})", f"-> {shape_text(y.shape)}"),)
    return _finish(call, summary, code, checks, (grid_at("xray.op.grid_out", y, pick, "out"),), notes,
                   (_out(call, pick),))


def _random_xray(call: LayerCall) -> XRay:
    y = call.y
    pick = call.picked()
    wanted = tuple(call.x.shape[0] if d is None else d for d in call.spec.arg("shape"))
    shape_ok = Check(Text.of("xray.op.check_shape", shape=shape_text(wanted)), 0.0 if y.shape == wanted else math.inf,
                     1)
    summary = Text.of("xray.op.summary_random", shape=shape_text(y.shape),
                      mean=f"{float(call.spec.arg('mean', 0.0)):.4g}",
                      stddev=f"{float(call.spec.arg('stddev', 1.0)):.4g}", axes_out=named(call.out_axes))
    notes = [Text.of("xray.op.random", mean=f"{float(y.mean()):.4g}", std=f"{float(y.std()):.4g}", count=int(y.size))]
    code = (Line(f"out = np.random.normal(mean, stddev, size={shape_text(wanted)})", Text.of("xray.op.code.random")),)
    return _finish(call, summary, code, (shape_ok,), (grid_at("xray.op.grid_out", y, pick, "out"),), notes,
                   (_out(call, pick),))


def _patches_xray(call: LayerCall) -> XRay:
    x, y = call.x.astype(np.float64), call.y
    size = call.spec.arg("size")
    kh, kw = (size, size) if isinstance(size, int) else tuple(size)
    strides = call.spec.arg("strides") or (kh, kw)
    sh, sw = (strides, strides) if isinstance(strides, int) else tuple(strides)
    same = call.spec.arg("padding", "valid") == "same"
    pads = []
    for axis, (k, s) in zip((1, 2), ((kh, sh), (kw, sw))):
        out = y.shape[axis]
        total = max((out - 1) * s + k - x.shape[axis], 0) if same else 0
        pads.append((total // 2, total - total // 2))
    padded = np.pad(x, ((0, 0), pads[0], pads[1], (0, 0)))
    ours = np.stack([np.stack([padded[:, i * sh:i * sh + kh, j * sw:j * sw + kw, :].reshape(x.shape[0], -1)
                               for j in range(y.shape[2])], axis=1) for i in range(y.shape[1])], axis=1)
    pick = call.picked()
    b, i, j, p = pick
    r, rest = divmod(p, kw * x.shape[3])
    c, ch = divmod(rest, x.shape[3])
    row, col = i * sh + r - pads[0][0], j * sw + c - pads[1][0]
    inside = 0 <= row < x.shape[1] and 0 <= col < x.shape[2]
    value = float(x[b, row, col, ch]) if inside else 0.0
    checks = [check("xray.op.check", ours, y),
              check("xray.op.check_pick", np.array([value]), np.array([y[pick]]), out=index_text(pick))]
    notes = [Text.of("xray.op.where_patch", out=index_text(pick), src=index_text((b, row, col, ch)),
                     arithmetic=f"{p} = ({r}·{kw} + {c})·{x.shape[3]} + {ch}",
                     value=f"{value:.4g}") if inside else Text.of("xray.op.where_padding", out=index_text(pick))]
    summary = Text.of("xray.op.summary_patches", kh=kh, kw=kw, sh=sh, sw=sw, shape_in=shape_text(x.shape),
                      shape_out=shape_text(y.shape), axes_out=named(call.out_axes))
    code = (Line(f"out[b, i, j] = x[b, i*{sh}:i*{sh}+{kh}, j*{sw}:j*{sw}+{kw}, :].reshape(-1)",
                 f"{shape_text(x.shape)} -> {shape_text(y.shape)}"),)
    grids = ((grid_at("xray.op.grid_in", x, (b, row, col, ch), "x"),) if inside else ()) + (
        grid_at("xray.op.grid_out", y, pick, "out"),)
    letters = _letters(call, 0, x.ndim)
    if inside:
        first = heat_at("live.xray.heat_in", call.x, (b, row, col, ch), "x", letters)
    else:  # in the padding: the patch's real part outlined, the number itself is a 0 of no input
        top, left = max(i * sh - pads[0][0], 0), max(j * sw - pads[1][0], 0)
        bottom = min(i * sh - pads[0][0] + kh, x.shape[1])
        right = min(j * sw - pads[1][0] + kw, x.shape[2])
        first = heat_at("xray.op.heat_patch_padding", call.x, (b, top, left, ch), "x", letters,
                        (bottom - top, right - left) if bottom > top and right > left else None, out=index_text(pick))
    return _finish(call, summary, code, checks, grids, notes, (first, _out(call, pick)))
