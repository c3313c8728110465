"""Pooling, live: the maximum or the mean of each window, channel by channel; global pooling over the whole axes.

MaxPooling1D / AveragePooling1D: x (B, T, C) → windows (B, T', p, C) → max or mean over p → (B, T', C).
MaxPooling2D / AveragePooling2D: x (B, H, W, C) → windows (B, H', W', ph, pw, C) → (B, H', W', C).
MaxPooling3D / AveragePooling3D: x (B, D, H, W, C) → windows (B, D', H', W', pd, ph, pw, C) → (B, D', H', W', C);
the followed channel's 3-D window is shown as (pd·ph) rows of pw, each row labelled "depth,row".
Windows are the convolution's (explorer/layers/conv/xray.py) with dilation 1; strides default to pool_size.
padding="same" pads as TensorFlow does, and the padded positions take no part: the max ignores them,
and the average divides by the number of real elements in the window (padding is NaN here, so
nanmax / nanmean say exactly that). Global pooling: max or mean over T (or H and W), keepdims keeping
those axes with size 1: (B, C) or (B, 1, C) / (B, 1, 1, C). data_format: channels_last only.
"""
from __future__ import annotations

import dataclasses
import itertools
import math

import numpy as np

from ...description import FixEdit, Step, named, shape_text
from ...live.base import (Core, Heat, LayerCall, Line, Mistake, Text, XRay, check, grid, heat_at, index_text,
                          samples_within)
from ...live.model_mistake import ModelMistake
from ...spec import LayerSpec, ModelSpec
from ..conv.xray import (geometry, one_window, pad_input, relabel, row_chunks, tap_labels, window_lines,
                         windows)

def _mode(cls: str) -> str:
    return "max" if "Max" in cls else "avg"


def _summary_params(call: LayerCall) -> dict:
    return dict(layer=call.step.name, cls=call.spec.kind, named=named(call.in_axes), shape=shape_text(call.x.shape),
                out_named=named(call.out_axes), out=shape_text(call.y.shape), C=call.x.shape[-1])


def _channels_first(call: LayerCall) -> XRay | None:
    if getattr(call.layer, "data_format", "channels_last") != "channels_first":
        return None
    return XRay(call.step.name, call.spec.kind, Text.of("xray.pooling.channels_first"), "", ())


def pool_numpy(x: np.ndarray, geo, mode: str) -> tuple[np.ndarray, np.ndarray]:
    """x (n, *sizes, C) → (Keras's pooling, the average counting padded zeros) each (n, *outs, C).
    The second differs from the first only for mode "avg" with padding."""
    n, c, rank = x.shape[0], x.shape[-1], x.ndim - 2
    xp = pad_input(x, geo, fill=np.nan)
    out = np.empty((n,) + geo.outs + (c,))
    zeros_counted = np.empty_like(out)
    axes = tuple(range(1 + rank, 1 + 2 * rank))
    for rows in row_chunks(geo, n, c):
        patches = windows(xp, geo, rows)  # (n, rows, *outs[1:], *pool, C)
        if mode == "max":
            out[:, rows.start:rows.stop] = np.nanmax(patches, axis=axes)
            zeros_counted[:, rows.start:rows.stop] = out[:, rows.start:rows.stop]
        else:
            out[:, rows.start:rows.stop] = np.nanmean(patches, axis=axes)
            zeros_counted[:, rows.start:rows.stop] = np.nansum(patches, axis=axes) / math.prod(geo.kernel)
    return out, zeros_counted


def pool_xray(call: LayerCall) -> XRay:
    """Every window's max / mean on the first samples; the picked output's window and the value it takes."""
    refused = _channels_first(call)
    if refused is not None:
        return refused
    layer, x, y = call.layer, call.x, call.y
    rank, c, mode = x.ndim - 2, x.shape[-1], _mode(call.spec.kind)
    geo = geometry(x.shape[1:-1], layer.pool_size, layer.strides, (1,) * rank, layer.padding)
    padded = math.prod(size + a + b for size, (a, b) in zip(geo.sizes, geo.pads))
    n = samples_within(call, padded * c + 7 * math.prod(geo.outs) * c)
    ours, zeros_counted = pool_numpy(x[:n], geo, mode)

    pick = call.picked()
    b, position, ch = pick[0], pick[1:-1], pick[-1]
    win = one_window(x[b], geo, position, fill=np.nan).reshape(-1, c)  # (taps, C), NaN where padded
    column = win[:, ch]
    real = int(np.count_nonzero(~np.isnan(column)))
    value = float(np.nanmax(column) if mode == "max" else np.nanmean(column))
    check_key = "xray.pooling.check_max" if mode == "max" else "xray.pooling.check_avg"
    checks = [check(check_key, ours, y[:n], n=n, B=x.shape[0]),
              check("xray.pooling.check_window", np.array([value]), np.array([y[pick]]), index=index_text(pick))]
    rows = tap_labels(geo, position)
    padding_key = {1: "xray.pooling.padding_1d", 2: "xray.pooling.padding_2d", 3: "xray.pooling.padding_3d"}[rank]
    notes = [Text.of(padding_key, padding=layer.padding, pool=shape_text(geo.kernel),
                     strides=shape_text(geo.strides), pads=_pads_text(geo), outs=shape_text(geo.outs))]
    title_key = {1: "xray.pooling.grid_window", 2: "xray.pooling.grid_window_2d", 3: "xray.pooling.grid_window_3d"}
    title = Text.of(title_key[rank], index=index_text(pick), b=b, c=ch)
    if mode == "max":
        top = int(np.nanargmax(column))
        notes.append(Text.of("xray.pooling.value_max", index=index_text(pick), c=ch, taps=len(column), real=real,
                             at=rows[top], value=f"{value:.6f}", layer_value=f"{float(y[pick]):.6f}"))
    else:
        top = 0
        notes.append(Text.of("xray.pooling.value_avg", index=index_text(pick), c=ch, taps=len(column), real=real,
                             value=f"{value:.6f}", layer_value=f"{float(y[pick]):.6f}"))
        if any(a or z for a, z in geo.pads):
            gap = float(np.max(np.abs(zeros_counted - ours))) if ours.size else 0.0
            notes.append(Text.of("xray.pooling.same_average", diff=f"{gap:.6f}"))
    if rank == 1:  # (positions, channels): the followed channel's column, its max or all of it marked
        window_grid = relabel(grid(title, win, top, ch, "cell" if mode == "max" else "col"), rows, None)
    else:  # the followed channel's (ph, pw) window as the image lays it out; a 3-D one as (pd·ph, pw)
        plane = column.reshape(-1, geo.kernel[-1])
        r, c_ = np.unravel_index(top, plane.shape)
        window_grid = grid(title, plane, int(r), int(c_), "cell" if mode == "max" else "")
        if mode == "avg":  # every real position takes part in the mean
            window_grid = dataclasses.replace(window_grid, marks=tuple(
                (i, j) for i in range(plane.shape[0]) for j in range(plane.shape[1]) if not np.isnan(plane[i, j])))
        labels = [[str(int(v)) for v in geo.taps(a, p)] for a, p in enumerate(position)]
        if rank == 3:  # rows: every (depth, row) pair of the window
            labels = [[f"{d},{h}" for d in labels[0] for h in labels[1]], labels[2]]
        window_grid = relabel(window_grid, *labels)
    if n < x.shape[0]:
        notes.append(Text.of("xray.pooling.samples", n=n, B=x.shape[0]))
    out_slice = y[b] if rank == 1 else y[b, :, :, ch] if rank == 2 else y[b, position[0], :, :, ch]
    out_row, out_col = (position[0], ch) if rank == 1 else position[-2:]
    grids = (window_grid,
             grid(Text.of("xray.pooling.grid_output", index=index_text(pick)), out_slice, out_row, out_col))
    summary = Text.of("xray.pooling.summary_max" if mode == "max" else "xray.pooling.summary_avg",
                      pool=shape_text(geo.kernel), strides=shape_text(geo.strides), **_summary_params(call))
    heats = (window_heat(call, geo, pick, top, mode), heat_at("live.xray.heat_out", y, pick, "out", call.out_axes))
    return XRay(call.step.name, call.spec.kind, summary, _code(geo, x.shape, mode), tuple(checks), grids,
                tuple(notes), heats)


def window_heat(call: LayerCall, geo, pick: tuple[int, ...], top: int, mode: str) -> Heat:
    """The input's plane through the followed window, the window's real positions outlined: a sequence's steps ×
    channels (the followed channel's steps), an image's rows × columns at the followed channel, a volume's at the
    depth of the window's max (its first real depth for an average). top: the max's tap in the window."""
    b, position, ch = pick[0], pick[1:-1], pick[-1]
    taps = [geo.taps(a, p) for a, p in enumerate(position)]
    real = [t[(t >= 0) & (t < n)] for t, n in zip(taps, geo.sizes)]
    first = tuple(int(t[0]) for t in real)
    extent = tuple(len(t) for t in real)
    key = "xray.pooling.heat_window_max" if mode == "max" else "xray.pooling.heat_window_avg"
    if len(position) == 1:  # (T, C): the window's steps in the followed channel's column
        return heat_at(key, call.x, (b, first[0], ch), "x", call.in_axes, (extent[0], 1), index=index_text(pick))
    depth = ()
    if len(position) == 3:
        depth = (int(taps[0][np.unravel_index(top, geo.kernel)[0]]) if mode == "max" else first[0],)
    return heat_at(key, call.x, (b, *depth, *first[-2:], ch), "x", call.in_axes, extent[-2:], index=index_text(pick))


def _pads_text(geo) -> str:
    return ", ".join(f"{a} + {b}" for a, b in geo.pads)


def _code(geo, shape: tuple[int, ...], mode: str) -> tuple[Line, ...]:
    n, c = shape[0], shape[-1]
    pads = ", ".join(f"({a}, {b})" for a, b in geo.pads)
    padded = (n,) + tuple(s + a + b for s, (a, b) in zip(geo.sizes, geo.pads)) + (c,)
    lines = [Line(f"xp = np.pad(x, ((0, 0), {pads}, (0, 0)), constant_values=np.nan)",
                  Text.of("xray.pooling.code.pad", shape=shape_text(shape), padded=shape_text(padded)))]
    lines += window_lines(geo, n, c, "windows", dilated=False) if geo.rank < 3 else _window_lines_3d(geo, n, c)
    axes = {1: "2", 2: "(3, 4)", 3: "(4, 5, 6)"}[geo.rank]
    fn = "np.nanmax" if mode == "max" else "np.nanmean"
    lines.append(Line(f"out = {fn}(windows, axis={axes})", shape_text((n,) + geo.outs + (c,))))
    return tuple(lines)


def _window_lines_3d(geo, n: int, c: int) -> list[Line]:
    """The code that gathers every 3-D window of xp: one index array per spatial axis, then one fancy index."""
    lines = [Line(f"{name} = np.arange({o})[:, None] * {s} + np.arange({k})[None, :]", f"({o}, {k})")
             for name, o, s, k in zip(("depths", "rows", "cols"), geo.outs, geo.strides, geo.kernel)]
    lines.append(Line("windows = xp[:, depths[:, None, None, :, None, None], rows[None, :, None, None, :, None], "
                      "cols[None, None, :, None, None, :], :]", shape_text((n,) + geo.outs + geo.kernel + (c,))))
    return lines


# -- global pooling ---------------------------------------------------------------------------------
def global_pool_xray(call: LayerCall) -> XRay:
    """max / mean over every position of each channel, keepdims as the layer says."""
    refused = _channels_first(call)
    if refused is not None:
        return refused
    x, y = call.x, call.y
    rank, mode = x.ndim - 2, _mode(call.spec.kind)
    keepdims = bool(getattr(call.layer, "keepdims", False))
    axes = tuple(range(1, 1 + rank))
    n = samples_within(call, x[0].size * 3 + 6 * x.shape[-1])
    sample = x[:n].astype(np.float64)
    ours = sample.max(axis=axes, keepdims=keepdims) if mode == "max" else sample.mean(axis=axes, keepdims=keepdims)
    pick = call.picked()
    b, ch = pick[0], pick[-1]
    column = x[b, ..., ch].astype(np.float64)  # (T,), (H, W) or (D, H, W)
    value = float(column.max() if mode == "max" else column.mean())
    check_key = "xray.pooling.check_global_max" if mode == "max" else "xray.pooling.check_global_avg"
    checks = [check(check_key, ours, y[:n], n=n, B=x.shape[0]),
              check("xray.pooling.check_window", np.array([value]), np.array([y[pick]]), index=index_text(pick))]
    top = tuple(int(i) for i in np.unravel_index(int(np.argmax(column)), column.shape))
    shown = column if rank < 3 else column.reshape(-1, column.shape[-1])  # a volume as (D·H) rows of W
    where = ",".join(str(int(i)) for i in top)
    value_key = "xray.pooling.global_value_max" if mode == "max" else "xray.pooling.global_value_avg"
    notes = [Text.of(value_key, index=index_text(pick), c=ch, count=column.size, at=where,
                     value=f"{value:.6f}", layer_value=f"{float(y[pick]):.6f}")]
    if n < x.shape[0]:
        notes.append(Text.of("xray.pooling.samples", n=n, B=x.shape[0]))
    title = Text.of("xray.pooling.grid_global_input_3d" if rank == 3 else "xray.pooling.grid_global_input", b=b, c=ch)
    if rank == 1:
        first = grid(title, x[b], int(top[0]), ch, "cell" if mode == "max" else "col")
    else:
        row = top[0] if rank == 2 else top[0] * column.shape[1] + top[1]
        first = grid(title, shown, int(row), int(top[-1]), "cell" if mode == "max" else "")
        if rank == 3:
            depth_rows = [f"{d},{h}" for d in range(column.shape[0]) for h in range(column.shape[1])]
            first = relabel(first, depth_rows, None)
    grids = (first, grid(Text.of("xray.pooling.grid_output", index=index_text(pick)), y[b].reshape(-1), 0, ch))
    summary = Text.of("xray.pooling.summary_global_max" if mode == "max" else "xray.pooling.summary_global_avg",
                      keepdims=str(keepdims), axes=", ".join(
        call.in_axes[1:-1]) if len(call.in_axes) == x.ndim else str(axes), **_summary_params(call))
    fn = "max" if mode == "max" else "mean"
    code = (f"out = x.{fn}(axis={axes if rank > 1 else 1}, keepdims={keepdims})   "
            f"# {shape_text(x.shape)} → {shape_text(y.shape)}")
    heats = (global_heat(call, pick, top, mode), heat_at("live.xray.heat_out", y, pick, "out", call.out_axes))
    return XRay(call.step.name, call.spec.kind, summary, code, tuple(checks), grids, tuple(notes), heats)


def global_heat(call: LayerCall, pick: tuple[int, ...], top: tuple[int, ...], mode: str) -> Heat:
    """The followed sample's input plane through the followed channel: the max outlined (a volume at the max's
    depth), or every number an average takes (a sequence's channel column, an image's whole plane; a volume's
    first depth)."""
    x, b, ch = call.x, pick[0], pick[-1]
    if mode == "max":
        return heat_at("xray.pooling.heat_global_max", x, (b, *top, ch), "x", call.in_axes, index=index_text(pick))
    if x.ndim == 3:
        return heat_at("xray.pooling.heat_global_avg", x, (b, 0, ch), "x", call.in_axes, "col", index=index_text(pick))
    return heat_at("xray.pooling.heat_global_avg", x, (b,) + (0,) * (x.ndim - 2) + (ch,), "x", call.in_axes,
                   x.shape[-3:-1], index=index_text(pick))


MAX_MORE_POOLS = 3  # more poolings than this to shrink the map to nothing is not the slip learners make


def _pooled(sizes: tuple[int, ...], pool: tuple[int, ...], strides: tuple[int, ...]) -> tuple[int, ...]:
    """Sizes after one more "valid" pooling (Keras: ⌊(n − p) / s⌋ + 1); 0 where no window fits."""
    return tuple((n - p) // s + 1 if n >= p else 0 for n, p, s in zip(sizes, pool, strides))


def too_many_pools(model: ModelSpec, layer: LayerSpec, step: Step, core: Core) -> tuple[Mistake, ...]:
    """The same pooling written again after the model's last one, until the map has no window left (a deeper
    net copied onto a small image): Keras's own "output size would be zero or negative" at the extra pooling."""
    kind = core.kind(layer.kind)
    shape = step.output_shape
    if layer.arg("padding", "valid") != "valid" or len(shape) != kind.rank + 2 or None in shape[1:-1]:
        return ()
    if any(l.kind == layer.kind for l in model.layers[model.layers.index(layer) + 1:]):
        return ()  # offered on the last pooling of its kind only
    pool, strides = kind.pool_size(layer), kind.strides(layer)
    if pool is None or strides is None:
        return ()
    chain = [tuple(shape[1:-1])]
    while min(chain[-1]) > 0 and len(chain) <= MAX_MORE_POOLS:
        chain.append(_pooled(chain[-1], pool, strides))
    if min(chain[-1]) > 0 or len(chain) < 2:
        return ()
    more = len(chain) - 1
    extra = tuple(dataclasses.replace(layer, name=f"{layer.name}_more_{i}", line=0, col=0, inputs=())
                  for i in range(more, 0, -1))  # each goes right after the learner's: the last written first
    edits = tuple(FixEdit("insert_after", layer.name, new) for new in extra)
    sizes = [" × ".join(map(str, c)) for c in chain]
    code = core.layer_code(layer)
    lines = (Line(code, sizes[0]),) + tuple(Line(code, f"{a} → {b}") for a, b in itertools.pairwise(sizes[:-1]))
    lines += (Line(code, Text.of("mistake.too_many_pools.code.nothing", size=sizes[-2])),)
    params = (("layer", layer.name), ("cls", layer.kind), ("count", str(more)), ("code", code),
              ("chain", " → ".join(sizes[:-1])), ("last", sizes[-2]), ("pool", " × ".join(map(str, pool))))
    return (ModelMistake("too_many_pools", layer.name, params, code=lines, title_key="mistake.too_many_pools.title",
                         why_key="mistake.too_many_pools.why", edits=edits),)


def pool_mistakes(model: ModelSpec, layer: LayerSpec, step: Step, core: Core) -> tuple[Mistake, ...]:
    return too_many_pools(model, layer, step, core)
