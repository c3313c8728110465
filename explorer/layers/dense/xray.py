"""Dense on any rank, live: `x.reshape(-1, F) @ W + b`, reshaped back, on this model's real tensors.

Input x (B, ..., F), kernel W (F, U), bias b (U,), output (B, ..., U). Keras contracts only the last
axis: the N = B·… leading positions are N rows of one (N, F) matrix, each multiplied by the same W.
A 2-D input (B, F) is already that matrix: no reshape; a 4-D image input (B, H, W, C) becomes (B·H·W, C).
Mistakes: the kernel transposed in a hand-written matmul, or loaded transposed with set_weights.
"""
from __future__ import annotations

import math
from dataclasses import replace

import numpy as np

from ...description import Step, named, shape_text
from ...live.activations import activate, activation_name
from ...live.base import (GRID_ROWS, Grid, Heat, LayerCall, Line, Mistake, Text, XRay, check, grid, heat,
                          index_text, samples_within, window)
from ...spec import LayerSpec, ModelSpec

MISTAKE_FLOATS = 4_000_000  # the transposed cases build an (F, U) kernel: skipped above this


def _weights(layer) -> tuple[np.ndarray, np.ndarray]:
    kernel = np.asarray(layer.kernel, dtype=np.float64)
    bias = np.asarray(layer.bias, dtype=np.float64) if getattr(layer, "use_bias", True) else np.zeros(kernel.shape[1])
    return kernel, bias


def dense_xray(call: LayerCall) -> XRay:
    """The layer recomputed as reshape → matmul → reshape back, and by tensordot; one number by hand.
    The whole-layer checks run on as many samples as XRAY_BYTES allows (the followed one among them)."""
    x, y = call.x, call.y
    kernel, bias = _weights(call.layer)
    f, u = kernel.shape
    lead = x.shape[:-1]
    n = math.prod(lead)
    act = activation_name(call.layer)
    pick = call.picked()
    row = int(np.ravel_multi_index(pick[:-1], lead)) if lead else 0
    unit = pick[-1]
    flat = x.reshape(-1, f)  # a view: rows are copied only where they are used
    by_hand = float(flat[row].astype(np.float64) @ kernel[:, unit] + bias[unit])
    row_pre = flat[row].astype(np.float64) @ kernel + bias
    row_pre[unit] = by_hand  # softmax needs the whole row; elementwise activations ignore the rest
    by_hand_out = activate(act, row_pre)
    first, count = _samples(call, f, u, pick)
    flat_2d = x.ndim == 2  # x is already the (N, F) matrix: no reshape, before or after
    checks, notes = [], []
    if by_hand_out is not None:
        xs, ys = x[first:first + count], y[first:first + count]
        # one recomputation at a time, each freed before the next: the float64 copies stay within _samples' count
        ours = activate(act, xs.reshape(-1, f).astype(np.float64) @ kernel + bias).reshape(ys.shape)
        checks.append(check("xray.dense.check_matmul" if flat_2d else "xray.dense.check_reshape", ours, ys))
        del ours
        ours = activate(act, np.tensordot(xs.astype(np.float64), kernel, axes=[[x.ndim - 1], [0]]) + bias)
        checks.append(check("xray.dense.check_tensordot", ours, ys))
        del ours
        checks.append(check("xray.dense.check_one", np.array([float(by_hand_out[unit])]), np.array([float(y[pick])]),
                            index=index_text(pick)))
    notes.append(Text.of("xray.dense.follow_2d" if flat_2d else "xray.dense.follow", index=index_text(pick), row=row,
                         unit=unit, F=f, formula=_row_formula(pick[:-1], lead), sum=f"{by_hand - bias[unit]:.6f}",
                         bias=f"{bias[unit]:.6f}", by_hand=f"{by_hand:.6f}", out=f"{float(y[pick]):.6f}", act=act))
    if by_hand_out is None:
        notes.append(Text.of("xray.dense.activation_unknown", act=act))
    elif count < x.shape[0]:
        notes.append(Text.of("xray.dense.samples", first=first, last=first + count - 1, B=x.shape[0]))
    in_axes, out_axes = call.in_axes, call.out_axes
    summary_key = "xray.dense.summary_2d" if flat_2d else "xray.dense.summary_nd"
    summary = Text.of(summary_key, layer=call.step.name, shape=shape_text(x.shape),
                      named=named(in_axes), lead="·".join(in_axes[:-1]), N=n, F=f, U=u, Fl=in_axes[-1],
                      Ul=out_axes[-1], out=shape_text(y.shape), out_named=named(out_axes))
    rows = window(row, GRID_ROWS, n)
    near = flat[rows.start:rows.stop].astype(np.float64) @ kernel + bias  # only the rows the grids show
    if flat_2d:
        out_title = Text.of("xray.dense.grid_output_2d", index=index_text(pick))
    else:
        out_title = Text.of("xray.dense.grid_output", index=index_text(pick),
                            where="out[" + ", ".join([str(i) for i in pick[:-2]] + [":", ":"]) + "]")
    grids = (
        grid(Text.of("xray.dense.grid_x" if flat_2d else "xray.dense.grid_flat", F=f, row=row), flat, row, 0, "row"),
        grid(Text.of("xray.dense.grid_kernel", unit=unit), kernel, 0, unit, "col"),
        _shifted(grid(Text.of("xray.dense.grid_product_2d" if flat_2d else "xray.dense.grid_product", row=row,
                              unit=unit), near, row - rows.start, unit, size=(n, u)), rows.start),
        grid(out_title, _output_slice(y, pick), pick[-2], unit),
    )
    heats = _heats(flat, kernel, y, pick, row, grids, in_axes, out_axes)
    return XRay(call.step.name, "Dense", summary, _code(x.shape, f, u, act, in_axes, out_axes), tuple(checks), grids,
                tuple(notes), heats)


def _heats(flat: np.ndarray, kernel: np.ndarray, y: np.ndarray, pick: tuple[int, ...], row: int,
           grids: tuple[Grid, ...], in_axes, out_axes) -> tuple[Heat, ...]:
    """The row of x that out[pick] reads, the kernel's column it meets, and the output around it (titles: the
    grids' own)."""
    unit = pick[-1]
    lead = "·".join(in_axes[:-1]) or "N"
    out_rows = out_axes[-2] if len(out_axes) > 1 else "N"
    return (heat(grids[0].title, flat, lead, in_axes[-1] if in_axes else "F", row, 0, "row"),
            heat(grids[1].title, kernel, in_axes[-1] if in_axes else "F", out_axes[-1], 0, unit, "col"),
            heat(grids[3].title, _output_slice(y, pick), out_rows, out_axes[-1], pick[-2] if y.ndim > 1 else 0, unit))


def _samples(call: LayerCall, f: int, u: int, pick: tuple[int, ...]) -> tuple[int, int]:
    """(first, count): the samples the whole-layer checks use, within XRAY_BYTES (float64 copies of
    the input rows, the product, its activation and the tensordot result), the followed one among them."""
    per_sample = math.prod(call.x.shape[1:-1]) * (f + 3 * u)
    count = samples_within(call, per_sample)
    first = min(pick[0], call.x.shape[0] - count) if call.x.ndim > 1 else 0
    return max(first, 0), count


def _shifted(g: Grid, offset: int) -> Grid:
    """A grid of rows cut from a larger array: its row labels are the rows' indices there."""
    return replace(g, rows=tuple(str(int(r) + offset) for r in g.rows))


def _row_formula(index: tuple[int, ...], lead: tuple[int, ...]) -> str:
    """Row of x.reshape(-1, F) for a leading index: 'b·T + t = 3·50 + 7 = 157' style, with numbers."""
    if len(index) <= 1:
        return str(index[0]) if index else "0"
    terms = []
    for i, value in enumerate(index):
        stride = math.prod(lead[i + 1:])
        terms.append(f"{value}·{stride}" if stride > 1 else str(value))
    return " + ".join(terms) + f" = {int(np.ravel_multi_index(index, lead))}"


def _output_slice(y: np.ndarray, pick: tuple[int, ...]) -> np.ndarray:
    """The 2-D slice of the output that holds the picked number: its last two axes."""
    if y.ndim <= 2:
        return y
    return y[pick[:-2]]


def _code(shape: tuple[int, ...], f: int, u: int, act: str, in_axes, out_axes) -> str:
    """The recomputation as numpy, with this model's shapes in aligned comments (symbols only: the
    code reads the same in every language)."""
    n = math.prod(shape[:-1])
    lead = "·".join(in_axes[:-1])
    out_shape = shape[:-1] + (u,)
    lines: list[tuple[str, str]] = []
    if len(shape) == 2:
        lines.append(("out = x @ W + b", f"x {shape_text(shape)} @ W ({f}, {u}) + b ({u},) → {shape_text(out_shape)}"))
    else:
        lines += [(f"flat = x.reshape(-1, {f})",
                   f"{named(in_axes)} {shape_text(shape)} → ({lead}, {in_axes[-1]}) = ({n}, {f})"),
                  ("out = flat @ W + b", f"({n}, {f}) @ W ({f}, {u}) + b ({u},) → ({n}, {u})")]
    if act != "linear":
        lines.append((f"out = {act}(out)", ""))
    if len(shape) > 2:
        lines.append((f"out = out.reshape{shape_text(out_shape)}", f"→ {named(out_axes)}"))
    lines.append((f"same = np.tensordot(x, W, axes=[[{len(shape) - 1}], [0]]) + b", f"{named(out_axes)} = out"))
    width = max(len(code) for code, _ in lines) + 2
    return "\n".join(f"{code.ljust(width)}# {comment}" if comment else code for code, comment in lines)


# -- mistakes -------------------------------------------------------------------------------------
def dense_mistakes(model: ModelSpec, layer: LayerSpec, step: Step) -> tuple[Mistake, ...]:
    """Two ways to get the kernel's (F, U) orientation wrong, on small arrays with this layer's sizes."""
    f, u = step.input_shape[-1], step.output_shape[-1]
    if f is None or u is None or f * u > MISTAKE_FLOATS:
        return ()
    params = (("F", str(f)), ("U", str(u)), ("layer", layer.name))
    return (
        Mistake("transposed_matmul", layer.name, params, run=lambda: _transposed_matmul(f, u), source="numpy",
                code=(Line(f"flat = x.reshape(-1, {f})", f"(N, {f})"),
                      Line("flat @ W.T", Text.of("mistake.transposed_matmul.code.not", wrong=shape_text((u, f)),
                                                 right=shape_text((f, u))))),
                title_key="mistake.transposed_matmul.title", why_key="mistake.transposed_matmul.why"),
        Mistake("transposed_weights", layer.name, params, run=lambda: _transposed_weights(f, u), source="Keras",
                code=(Line(f"dense = layers.Dense({u})", Text.of("mistake.transposed_weights.code.built",
                                                                kernel=shape_text((f, u)), F=str(f))),
                      Line("dense.set_weights([W.T, b])", Text.of("mistake.transposed_weights.code.transposed",
                                                                  wrong=shape_text((u, f))))),
                title_key="mistake.transposed_weights.title", why_key="mistake.transposed_weights.why"),
    )


def _small(f: int, u: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(1)
    return rng.normal(size=(8, f)).astype(np.float32), rng.normal(size=(f, u)).astype(np.float32)


def _transposed_matmul(f: int, u: int) -> float:
    """Raises numpy's error when F ≠ U; when F == U it runs and returns how wrong the result is."""
    flat, kernel = _small(f, u)
    wrong = flat @ kernel.T
    return float(np.max(np.abs(wrong - flat @ kernel)))


def _transposed_weights(f: int, u: int) -> float:
    import keras

    flat, kernel = _small(f, u)
    dense = keras.layers.Dense(u, name="dense")
    dense.build((None, f))
    dense.set_weights([kernel.T, np.zeros(u, dtype=np.float32)])
    return float(np.max(np.abs(np.asarray(dense(flat)) - flat @ kernel)))
