"""X-rays of the layers that move numbers without arithmetic: Flatten, Reshape, Permute, RepeatVector.

Each is an index map: output element [b, o₁, o₂, …] is one input element, found by hand here and
checked against the layer's output. Flatten and Reshape keep the row-major order of one sample
(flat offset = Σ index·stride, the stride of an axis being the product of the sizes after it);
Permute moves axes; RepeatVector copies x[b] (F,) to every row of out[b] (n, F).
UpSampling (nearest) copies x[b, i // f, …, c]; UpSampling2D bilinear weighs the 4 nearest input numbers
(TensorFlow's half-pixel centres: source position (i + 0.5) / f − 0.5, clamped at the edges);
ZeroPadding copies x[b, i − before, …, c] or is 0 in the padding; Cropping copies x[b, i + before, …, c].
Mistakes: a Reshape target that does not multiply out, a Flatten left out where a later layer
then fails. The helpers at the top (bounding, grids around an index) are shared by the other
modules of this family (merging, elementwise, attention).
"""
from __future__ import annotations

import dataclasses
import math

import numpy as np

from ...axes import letter_hint
from ...description import Fix, FixEdit, named, shape_text
from ...live.base import (Check, Core, Grid, LayerCall, Line, Mistake, Text, XRay, check, grid, heat_at, index_text,
                          input_output_heats, samples_within)
from ...live.model_mistake import ModelMistake
from ...spec import LayerSpec, ModelSpec
from ..base import AxisNamer


# -- shared by this family -----------------------------------------------------------------------
def bounded(call: LayerCall, key: str, floats_per_sample: int) -> tuple[int, tuple[Text, ...]]:
    """(n, notes): recompute on the first n samples so the copies stay within XRAY_BYTES; a note
    (key: the layer's words, such as "xray.flatten.bounded") when n is less than the batch."""
    batch = call.x.shape[0] if call.x.ndim else 1
    n = samples_within(call, floats_per_sample)
    return n, ((Text.of(key, n=n, batch=batch),) if n < batch else ())


def per_sample(array: np.ndarray) -> int:
    """Numbers in one sample of a (B, …) array."""
    return math.prod(array.shape[1:])


def slice_text(name: str, index: tuple[int, ...], rank: int) -> str:
    """What a grid around `index` shows: 'x' for rank ≤ 2, else 'x[0, 2, :, :]'."""
    if rank <= 2:
        return name
    return f"{name}[" + ", ".join([str(i) for i in index[:rank - 2]] + [":", ":"]) + "]"


def grid_at(key: str, array: np.ndarray, index: tuple[int, ...], name: str, mark: str = "cell",
            **params: object) -> Grid:
    """A window of `array` around element `index`: the whole array when it has ≤ 2 axes, else the
    2-D slice over its last two axes at index[:-2]. The title key gets `where` (which slice)."""
    array = np.asarray(array)
    title = Text.of(key, where=slice_text(name, index, array.ndim), at=index_text(index), **params)
    if array.ndim == 0:
        return grid(title, array.reshape(1, 1), 0, 0, mark)
    if array.ndim == 1:
        return grid(title, array, 0, index[0], mark)
    if array.ndim == 2:
        return grid(title, array, index[0], index[1], mark)
    return grid(title, array[tuple(index[:-2])], index[-2], index[-1], mark)


def strides(shape: tuple[int, ...]) -> tuple[int, ...]:
    """Row-major strides in elements: (4, 5, 3) -> (15, 3, 1)."""
    return tuple(math.prod(shape[i + 1:]) for i in range(len(shape)))


def offset_text(index: tuple[int, ...], shape: tuple[int, ...]) -> tuple[int, str]:
    """(flat offset, its arithmetic) of `index` in a row-major array of `shape`:
    (2, 3, 1) in (4, 5, 3) -> (40, '2·15 + 3·3 + 1 = 40')."""
    flat = int(np.ravel_multi_index(index, shape)) if shape else 0
    terms = [f"{i}·{s}" for i, s in zip(index[:-1], strides(shape)[:-1])] + [str(index[-1])] if shape else ["0"]
    return flat, (" + ".join(terms) + f" = {flat}" if len(terms) > 1 else str(flat))


def element_check(key: str, out: np.ndarray, out_index: tuple, src: np.ndarray, src_index: tuple,
                  **params: object) -> Check:
    """The followed element against the input element it should be a copy of."""
    return check(key, np.asarray(src[src_index]).reshape(1), np.asarray(out[out_index]).reshape(1),
                 out=index_text(out_index), src=index_text(src_index), **params)


# -- Flatten -------------------------------------------------------------------------------------
def flatten_xray(call: LayerCall) -> XRay:
    """x (B, d₁, …, dₖ) → out (B, d₁·…·dₖ); channels_first first moves axis 1 last."""
    x, y = call.x, call.y
    n, notes = bounded(call, "xray.flatten.bounded", 4 * per_sample(x))
    channels_first = call.layer.data_format == "channels_first" and x.ndim > 2
    order = (0, *range(2, x.ndim), 1) if channels_first else tuple(range(x.ndim))
    moved = np.transpose(x, order)
    pick = call.picked()
    b, f = pick[0], pick[1]
    if x.ndim == 1:  # (B,) -> (B, 1)
        src, arithmetic = (b,), "0"
    else:
        inner = tuple(int(i) for i in np.unravel_index(f, moved.shape[1:]))
        _, arithmetic = offset_text(inner, moved.shape[1:])
        moved_index = (b,) + inner
        src = tuple(moved_index[order.index(axis)] for axis in range(x.ndim))
    sizes = "·".join(str(d) for d in x.shape[1:]) or "1"
    checks = (
        check("xray.flatten.check", moved[:n].reshape(n, -1), y[:n], n=n),
        element_check("xray.flatten.check_pick", y, pick, x, src),
    )
    if channels_first:
        notes += (Text.of("xray.flatten.channels_first", order=shape_text(order)),)
    notes += (Text.of("xray.flatten.where", out=index_text(pick), src=index_text(src), arithmetic=arithmetic,
                      strides=shape_text(strides(moved.shape[1:]))),)
    head = ((Line(f"x = np.transpose(x, {shape_text(order)})", Text.of("xray.flatten.code.channels_last")),)
            if channels_first else ())
    code = head + (Line("out = x.reshape(B, -1)", f"{shape_text(x.shape)} -> {shape_text(y.shape)}; "
                                                  f"{sizes} = {y.shape[1]:,}"),
                   Line(f"# out[b, f] = x[b, *np.unravel_index(f, {shape_text(moved.shape[1:])})]"))
    summary = Text.of("xray.flatten.summary", shape_in=shape_text(x.shape), axes_in=named(call.in_axes),
                      shape_out=shape_text(y.shape), axes_out=named(call.out_axes), sizes=sizes, count=y.shape[1])
    grids = (grid_at("xray.flatten.grid_in", x, src, "x"), grid_at("xray.flatten.grid_out", y, pick, "out"))
    return XRay(call.spec.name, "Flatten", summary, code, checks, grids, notes, input_output_heats(call, src, pick))


# -- Reshape -------------------------------------------------------------------------------------
def reshape_xray(call: LayerCall) -> XRay:
    """x (B, …) → out (B, *target_shape): the same numbers of each sample in the same order."""
    x, y = call.x, call.y
    n, notes = bounded(call, "xray.reshape.bounded", 4 * per_sample(x))
    target = tuple(call.spec.arg("target_shape") or y.shape[1:])
    pick = call.picked()
    flat, out_arithmetic = offset_text(pick[1:], y.shape[1:])
    inner = tuple(int(i) for i in np.unravel_index(flat, x.shape[1:]))
    _, in_arithmetic = offset_text(inner, x.shape[1:])
    src = (pick[0],) + inner
    checks = (
        check("xray.reshape.check", x[:n].reshape((n,) + y.shape[1:]), y[:n], n=n),
        element_check("xray.reshape.check_pick", y, pick, x, src),
    )
    count = per_sample(x)
    unknown = [i for i, d in enumerate(target) if d in (-1, None)]
    if unknown:
        known = math.prod(d for d in target if d not in (-1, None))
        notes += (Text.of("xray.reshape.inferred", target=shape_text(target), count=count, known=known,
                          size=y.shape[1 + unknown[0]], position=unknown[0] + 1),)
    notes += (Text.of("xray.reshape.where", out=index_text(pick), src=index_text(src), out_arithmetic=out_arithmetic,
                      in_arithmetic=in_arithmetic, flat=flat),)
    code = (Line(f"out = x.reshape((B,) + {shape_text(target)})", f"{shape_text(x.shape)} -> {shape_text(y.shape)}"),
            Line(f"flat = np.ravel_multi_index(o, {shape_text(y.shape[1:])})", Text.of("xray.reshape.code.o")),
            Line(f"i = np.unravel_index(flat, {shape_text(x.shape[1:])})", "out[b, *o] = x[b, *i]"))
    summary = Text.of("xray.reshape.summary", shape_in=shape_text(x.shape), axes_in=named(call.in_axes),
                      shape_out=shape_text(y.shape), axes_out=named(call.out_axes), target=shape_text(target),
                      count=count)
    grids = (grid_at("xray.reshape.grid_in", x, src, "x"), grid_at("xray.reshape.grid_out", y, pick, "out"))
    return XRay(call.spec.name, "Reshape", summary, code, checks, grids, notes, input_output_heats(call, src, pick))


# -- Permute -------------------------------------------------------------------------------------
def permute_xray(call: LayerCall) -> XRay:
    """x (B, d₁, …, dₖ) → out (B, d_dims₁, …): output axis m is input axis dims[m] (1-based)."""
    x, y = call.x, call.y
    n, notes = bounded(call, "xray.permute.bounded", 4 * per_sample(x))
    dims = tuple(int(d) for d in call.layer.dims)
    order = (0,) + dims
    pick = call.picked()
    src = [0] * x.ndim
    for out_axis, in_axis in enumerate(order):
        src[in_axis] = pick[out_axis]
    src = tuple(src)
    moves = ", ".join(f"{call.out_axes[m]}: {m} ← {d}" for m, d in enumerate(order) if m > 0)
    checks = (
        check("xray.permute.check", np.transpose(x[:n], order), y[:n], n=n, order=shape_text(order)),
        element_check("xray.permute.check_pick", y, pick, x, src),
    )
    notes += (Text.of("xray.permute.where", out=index_text(pick), src=index_text(src), moves=moves),)
    code = (Line(f"out = np.transpose(x, {shape_text(order)})",
                 f"{shape_text(x.shape)} {named(call.in_axes)} -> {shape_text(y.shape)} {named(call.out_axes)}"),
            Line("", Text.of("xray.permute.code.where")))
    summary = Text.of("xray.permute.summary", shape_in=shape_text(x.shape), axes_in=named(call.in_axes),
                      shape_out=shape_text(y.shape), axes_out=named(call.out_axes), dims=shape_text(dims))
    grids = (grid_at("xray.permute.grid_in", x, src, "x"), grid_at("xray.permute.grid_out", y, pick, "out"))
    return XRay(call.spec.name, "Permute", summary, code, checks, grids, notes, input_output_heats(call, src, pick))


# -- RepeatVector --------------------------------------------------------------------------------
def repeatvector_xray(call: LayerCall) -> XRay:
    """x (B, F) → out (B, n, F): out[b, r, f] = x[b, f] for every r."""
    x, y = call.x, call.y
    repeats = y.shape[1]
    n, notes = bounded(call, "xray.repeatvector.bounded", 4 * per_sample(y))
    pick = call.picked()
    b, _r, f = pick
    checks = (
        check("xray.repeatvector.check", np.repeat(x[:n, None, :], repeats, axis=1), y[:n], n=n),
        element_check("xray.repeatvector.check_pick", y, pick, x, (b, f)),
    )
    code = (f"out = np.repeat(x[:, None, :], {repeats}, axis=1)  # {shape_text(x.shape)} -> {shape_text(y.shape)}\n"
            f"# out[b, r, f] = x[b, f] for r in range({repeats})")
    summary = Text.of("xray.repeatvector.summary", shape_in=shape_text(x.shape), axes_in=named(call.in_axes),
                      shape_out=shape_text(y.shape), axes_out=named(call.out_axes), n=repeats)
    notes += (Text.of("xray.repeatvector.where", out=index_text(pick), src=index_text((b, f)), n=repeats),)
    grids = (grid_at("xray.repeatvector.grid_in", x, (b, f), "x"),
             grid_at("xray.repeatvector.grid_out", y, pick, "out", mark="col"))
    return XRay(call.spec.name, "RepeatVector", summary, code, checks, grids, notes,
                input_output_heats(call, (b, f), pick))


# -- UpSampling, ZeroPadding, Cropping ------------------------------------------------------------
def plane(array: np.ndarray, index: tuple[int, ...]) -> tuple[np.ndarray, int, int, str]:
    """The 2-D view of a channels-last (B, *spatial, C) array that holds element `index`, with that element's
    (row, column) in it and what it is: a sequence's steps × channels, an image's channel, or a volume's
    channel at the index's depth."""
    if array.ndim == 3:
        b, t, c = index
        return array[b], t, c, f"[{b}]"
    if array.ndim == 4:
        b, h, w, c = index
        return array[b, :, :, c], h, w, f"[{b}, :, :, {c}]"
    b, d, h, w, c = index
    return array[b, d, :, :, c], h, w, f"[{b}, {d}, :, :, {c}]"


def plane_grid(key: str, array: np.ndarray, index: tuple[int, ...], name: str, mark: str = "cell",
               **params: object) -> Grid:
    view, row, col, where = plane(array, index)
    return grid(Text.of(key, where=name + where, at=index_text(index), **params), view, row, col, mark)


def _spatial_params(call: LayerCall) -> dict:
    return dict(layer=call.spec.name, cls=call.spec.kind, shape_in=shape_text(call.x.shape),
                axes_in=named(call.in_axes), shape_out=shape_text(call.y.shape), axes_out=named(call.out_axes),
                axes=", ".join(call.in_axes[1:-1]) if len(call.in_axes) == call.x.ndim else "")


def _spatial_letters(call: LayerCall, rank: int) -> tuple[str, ...]:
    axes = call.in_axes
    return tuple(axes[1:-1]) if len(axes) == rank + 2 else ("T",) if rank == 1 else ("D", "H", "W")[-rank:]


def bilinear_axis(size_out: int, factor: int, size_in: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(source position, lower neighbour, upper neighbour, weight of the upper) of every output index of
    one axis, as TensorFlow resizes (half-pixel centres, neighbours clamped into the input)."""
    position = (np.arange(size_out) + 0.5) / factor - 0.5
    floor = np.floor(position)
    lower = np.clip(floor, 0, size_in - 1).astype(int)
    upper = np.clip(np.ceil(position), 0, size_in - 1).astype(int)
    return position, lower, upper, position - floor


def bilinear_numpy(x: np.ndarray, factors: tuple[int, int]) -> np.ndarray:
    """x (n, H, W, C) → (n, H·fh, W·fw, C): rows first, then columns, each a weighted mean of two neighbours."""
    _, rl, ru, rw = bilinear_axis(x.shape[1] * factors[0], factors[0], x.shape[1])
    _, cl, cu, cw = bilinear_axis(x.shape[2] * factors[1], factors[1], x.shape[2])
    x = x.astype(np.float64)
    rows = x[:, rl] * (1 - rw)[None, :, None, None] + x[:, ru] * rw[None, :, None, None]
    return rows[:, :, cl] * (1 - cw)[None, None, :, None] + rows[:, :, cu] * cw[None, None, :, None]


def upsampling_xray(call: LayerCall) -> XRay:
    """x (B, *sizes, C) → out (B, *(size · factor), C): nearest copies x[b, i // f, …, c]; bilinear weighs
    the 4 nearest input numbers."""
    x, y = call.x, call.y
    rank = x.ndim - 2
    factors = tuple(int(f) for f in np.atleast_1d(call.layer.size))
    interpolation = getattr(call.layer, "interpolation", "nearest")
    params = _spatial_params(call) | dict(factors=shape_text(factors) if rank > 1 else str(factors[0]),
                                          interpolation=interpolation)
    if interpolation not in ("nearest", "bilinear"):
        return XRay(call.spec.name, call.spec.kind, Text.of("xray.upsampling.skipped", **params), "", ())
    n, notes = bounded(call, "xray.upsampling.bounded", 4 * per_sample(y))
    pick = call.picked()
    if interpolation == "bilinear":
        return _bilinear_xray(call, n, notes, factors, params)
    ours = x[:n]
    lines = []
    for axis, factor in enumerate(factors):
        ours = np.repeat(ours, factor, axis=1 + axis)
        lines.append(Line(f"x = np.repeat(x, {factor}, axis={1 + axis})", shape_text(ours.shape[1:])))
    src = (pick[0],) + tuple(i // f for i, f in zip(pick[1:-1], factors)) + (pick[-1],)
    checks = (check("xray.upsampling.check", ours, y[:n], n=n),
              element_check("xray.upsampling.check_pick", y, pick, x, src))
    division = ", ".join(f"{letter}: {i} // {f} = {i // f}"
                         for letter, i, f in zip(_spatial_letters(call, rank), pick[1:-1], factors))
    notes += (Text.of("xray.upsampling.where", out=index_text(pick), src=index_text(src), division=division),)
    grids = (plane_grid("xray.resize.grid_in", x, src, "x"), plane_grid("xray.resize.grid_out", y, pick, "out"))
    code = tuple(lines) + (Line("out = x", f"{shape_text(x.shape)} → {shape_text(y.shape)}"),)
    return XRay(call.spec.name, call.spec.kind, Text.of("xray.upsampling.summary", **params), code, checks, grids,
                notes, input_output_heats(call, src, pick))


def _bilinear_xray(call: LayerCall, n: int, notes: tuple[Text, ...], factors: tuple[int, ...],
                   params: dict) -> XRay:
    x, y = call.x, call.y
    pick = call.picked()
    b, i, j, c = pick
    ours = bilinear_numpy(x[:n], factors)
    letters = _spatial_letters(call, 2)
    found = []
    for axis, (index, factor, letter) in enumerate(zip((i, j), factors, letters)):
        position, lower, upper, weight = (float(v[index]) if k in (0, 3) else int(v[index]) for k, v in enumerate(
            bilinear_axis(y.shape[1 + axis], factor, x.shape[1 + axis])))
        found.append((lower, upper, weight))
        key = ("xray.upsampling.bilinear_edge" if not 0 <= position <= x.shape[1 + axis] - 1 else
               "xray.upsampling.bilinear_axis" if lower != upper else "xray.upsampling.bilinear_exact")
        notes += (Text.of(key, axis=letter, i=index, f=factor, position=f"{position:.4f}", lower=lower,
                          upper=upper, weight=f"{weight:.4f}", rest=f"{1 - weight:.4f}"),)
    (r0, r1, wr), (c0, c1, wc) = found
    values = x[b][np.ix_([r0, r1], [c0, c1])][:, :, c].astype(np.float64)
    weights = np.outer([1 - wr, wr], [1 - wc, wc])
    value = float((values * weights).sum())
    terms = " + ".join(f"{w:.4f}·{v:.4f}" if v >= 0 else f"{w:.4f}·({v:.4f})"
                       for w, v in zip(weights.ravel(), values.ravel()))
    notes += (Text.of("xray.upsampling.bilinear_value", out=index_text(pick), terms=terms, value=f"{value:.6f}",
                      layer_value=f"{float(y[pick]):.6f}"),)
    checks = (check("xray.upsampling.check_bilinear", ours, y[:n], n=n),
              check("xray.upsampling.check_bilinear_pick", np.array([value]), np.array([y[pick]]),
                    out=index_text(pick)))
    rows, cols = (str(r0), str(r1)), (str(c0), str(c1))
    grids = (Grid(Text.of("xray.upsampling.grid_neighbours", where=f"x[{b}, :, :, {c}]", out=index_text(pick)),
                  values, rows, cols, ((0, 0), (0, 1), (1, 0), (1, 1)), (2, 2)),
             Grid(Text.of("xray.upsampling.grid_weights", out=index_text(pick)), weights, rows, cols, (), (2, 2)),
             plane_grid("xray.resize.grid_out", y, pick, "out"))
    (hi, wi), (fh, fw) = x.shape[1:3], factors
    code = (Line(f"pos = (np.arange({hi * fh}) + 0.5) / {fh} - 0.5", Text.of("xray.upsampling.code.position")),
            Line(f"lo = np.clip(np.floor(pos), 0, {hi - 1}).astype(int)", Text.of("xray.upsampling.code.neighbours")),
            Line(f"hi = np.clip(np.ceil(pos), 0, {hi - 1}).astype(int)"),
            Line("w = pos - np.floor(pos)", Text.of("xray.upsampling.code.weight")),
            Line("rows = x[:, lo] * (1 - w)[:, None, None] + x[:, hi] * w[:, None, None]",
                 shape_text((x.shape[0], hi * fh, wi, x.shape[3]))),
            Line(f"pos = (np.arange({wi * fw}) + 0.5) / {fw} - 0.5",
                 Text.of("xray.upsampling.code.columns", shape=shape_text(y.shape))),
            Line(f"lo = np.clip(np.floor(pos), 0, {wi - 1}).astype(int)"),
            Line(f"hi = np.clip(np.ceil(pos), 0, {wi - 1}).astype(int)"),
            Line("w = pos - np.floor(pos)"),
            Line("out = rows[:, :, lo] * (1 - w)[:, None] + rows[:, :, hi] * w[:, None]", shape_text(y.shape)))
    heats = (heat_at("xray.upsampling.heat_neighbours", x, (b, r0, c0, c), "x", call.in_axes,
                     (r1 - r0 + 1, c1 - c0 + 1), out=index_text(pick)),
             heat_at("live.xray.heat_out", y, pick, "out", call.out_axes))
    return XRay(call.spec.name, call.spec.kind, Text.of("xray.upsampling.summary_bilinear", **params), code, checks,
                grids, notes, heats)


def _pairs(value, rank: int) -> tuple[tuple[int, int], ...]:
    """A built ZeroPadding / Cropping layer's (before, after) per spatial axis (1-D layers keep one pair)."""
    value = tuple(value)
    return (tuple(int(v) for v in value),) if rank == 1 else tuple(tuple(int(v) for v in p) for p in value)


def edges_xray(call: LayerCall) -> XRay:
    """ZeroPadding: out[b, i, …, c] = x[b, i − before, …, c], 0 in the padding. Cropping: out[b, i, …, c] =
    x[b, i + before, …, c], the kept window x[:, before:size − after, …, :]."""
    x, y = call.x, call.y
    rank = x.ndim - 2
    padding = hasattr(call.layer, "padding")
    pairs = _pairs(call.layer.padding if padding else call.layer.cropping, rank)
    letters = _spatial_letters(call, rank)
    n, notes = bounded(call, "xray.edges.bounded", 4 * (per_sample(x) + per_sample(y)))
    pick = call.picked()
    sign = -1 if padding else 1
    src = (pick[0],) + tuple(i + sign * a for i, (a, _) in zip(pick[1:-1], pairs)) + (pick[-1],)
    inside = all(0 <= s < size for s, size in zip(src[1:-1], x.shape[1:-1]))
    pads = ", ".join(f"{letter}: ({a}, {z})" for letter, (a, z) in zip(letters, pairs))
    shifts = ", ".join(f"{letter}: {i} {'−' if padding else '+'} {a} = {i + sign * a}"
                       for letter, i, (a, _) in zip(letters, pick[1:-1], pairs))
    window = "x[:, " + ", ".join(f"{a}:{size - z}" for (a, z), size in zip(pairs, x.shape[1:-1])) + ", :]"
    params = _spatial_params(call) | dict(pads=pads, window=window)
    if padding:
        ours = np.pad(x[:n].astype(np.float64), ((0, 0),) + pairs + ((0, 0),))
        code = Line(f"out = np.pad(x, ((0, 0), {', '.join(map(str, pairs))}, (0, 0)))",
                    f"{shape_text(x.shape)} → {shape_text(y.shape)}")
    else:
        ours = x[:n][(slice(None),) + tuple(slice(a, size - z) for (a, z), size in zip(pairs, x.shape[1:-1]))]
        code = Line(f"out = {window}", f"{shape_text(x.shape)} → {shape_text(y.shape)}")
    check_key = "xray.zeropadding.check" if padding else "xray.cropping.check"
    checks = [check(check_key, ours, y[:n], n=n)]
    if inside:
        checks.append(element_check("xray.edges.check_pick", y, pick, x, src))
        notes += (Text.of("xray.zeropadding.where" if padding else "xray.cropping.where", out=index_text(pick),
                          src=index_text(src), shifts=shifts),)
    else:
        checks.append(check("xray.zeropadding.check_zero", np.zeros(1), np.asarray(y[pick]).reshape(1),
                            out=index_text(pick)))
        outside = ", ".join(f"{letter} {i} − {a} = {s}" for letter, i, (a, _), s, size
                            in zip(letters, pick[1:-1], pairs, src[1:-1], x.shape[1:-1]) if not 0 <= s < size)
        notes += (Text.of("xray.zeropadding.in_padding", out=index_text(pick), outside=outside),)
    if not padding:
        notes += (Text.of("xray.cropping.kept", window=window),)
    near = (src[0],) + tuple(min(max(s, 0), size - 1) for s, size in zip(src[1:-1], x.shape[1:-1])) + (src[-1],)
    grids = (plane_grid("xray.resize.grid_in" if inside else "xray.zeropadding.grid_in_edge", x, near, "x",
                        "cell" if inside else "", out=index_text(pick)),
             plane_grid("xray.resize.grid_out", y, pick, "out"))
    summary = Text.of("xray.zeropadding.summary" if padding else "xray.cropping.summary", **params)
    heats = (input_output_heats(call, src, pick) if inside else
             (heat_at("xray.zeropadding.heat_in_edge", x, near, "x", call.in_axes, None, out=index_text(pick)),
              heat_at("live.xray.heat_out", y, pick, "out", call.out_axes)))
    return XRay(call.spec.name, call.spec.kind, summary, (code,), tuple(checks), grids, notes, heats)


# -- mistakes ------------------------------------------------------------------------------------
def with_args(layer: LayerSpec, **changes) -> LayerSpec:
    """The same layer with some arguments changed (their source text dropped: it no longer applies)."""
    args = dict(layer.args) | changes
    sources = tuple((k, v) for k, v in layer.sources if k not in changes)
    return dataclasses.replace(layer, args=tuple(sorted(args.items())), sources=sources)


def breaks(model: ModelSpec, broken: LayerSpec, core: Core) -> bool:
    """Whether the model describes and, with `broken` in place of the layer of the same name, does not."""
    layers = tuple(broken if l.name == broken.name else l for l in model.layers)
    describe = core.describe
    return describe(model).failure is None and describe(dataclasses.replace(model, layers=layers)).failure is not None


def reshape_mistakes(model: ModelSpec, layer: LayerSpec, step, core: Core) -> tuple[Mistake, ...]:
    """A target with one size changed by one, so it no longer multiplies to the sample's count."""
    sizes = step.input_shapes[0][1:]
    resolved = step.output_shapes[0][1:]
    target = tuple(layer.arg("target_shape") or ())
    if None in sizes or None in resolved or not target:
        return ()
    count = math.prod(sizes)
    order = sorted(range(len(target)), key=lambda i: target[i] not in (-1, None))  # the -1 first
    for i in order:
        wrong = resolved[i] + 1
        broken_target = target[:i] + (wrong,) + target[i + 1:]
        if -1 in broken_target or None in broken_target:
            continue  # with -1 left, Keras works the size out again: only a fully written target can be off
        broken = with_args(layer, target_shape=broken_target)
        if not breaks(model, broken, core):
            continue
        params = {"layer": layer.name, "shape": shape_text(sizes), "product": " · ".join(map(str, sizes)),
                  "count": f"{count:,}", "target": shape_text(target), "broken": shape_text(broken_target),
                  "broken_product": " · ".join(map(str, broken_target)),
                  "broken_count": f"{math.prod(broken_target):,}"}
        return (Mistake("reshape_count", layer.name, tuple(params.items()), broken=broken,
                        code=f"layers.Reshape({shape_text(broken_target)})", title_key="mistake.reshape_count.title",
                        why_key="mistake.reshape_count.why"),)
    return ()


def _without(model: ModelSpec, layer: LayerSpec) -> ModelSpec:
    """The model with a one-input layer taken out: whatever read it reads its input instead."""
    source = layer.inputs[0]

    def rewire(refs):
        return tuple(source if node == layer.name else (node, index) for node, index in refs)

    layers = tuple(dataclasses.replace(l, inputs=rewire(l.inputs), states=rewire(l.states))
                   for l in model.layers if l.name != layer.name)
    return dataclasses.replace(model, layers=layers, outputs=rewire(model.outputs))


def flatten_mistakes(model: ModelSpec, layer: LayerSpec, step, core: Core) -> tuple[Mistake, ...]:
    """Flatten left out, offered only when a later layer of this model then really fails (Dense
    alone accepts any rank: that is a lesson, not an error). run= repeats Keras's own check of the
    failing layer on the shapes it would receive (no weights are created)."""
    describe, layer_code = core.describe, core.layer_code
    if len(layer.inputs) != 1 or len(step.input_shapes[0]) < 3:
        return ()
    failure = describe(_without(model, layer)).failure
    if describe(model).failure is not None:
        return ()
    if failure is None:
        return dense_without_flatten(model, layer, core)
    failing = model.layer(failure.layer)
    if failure.origin == "keras":
        def run():
            core.describe_layer(failing, failure.input_shapes, failure.input_axes, AxisNamer(letter_hint))
    elif failure.origin == "explorer" and failing.kind in ("Concatenate", "Add", "Multiply", "Average"):
        def run():  # a merge checks its inputs when it builds; it has no weights to create
            core.construct(failing).build([tuple(s) for s in failure.input_shapes])
    else:
        return ()
    try:
        run()
    except Exception:  # the error the page will show; offered only if Keras really raises it
        pass
    else:
        return ()
    params = {"layer": layer.name, "shape": shape_text(step.input_shapes[0]), "axes": named(step.input_axes[0]),
              "failing": failing.name, "failing_kind": failing.kind,
              "received": ", ".join(shape_text(s) for s in failure.input_shapes)}
    code = (Line(f"# {layer_code(layer)}", Text.of("mistake.no_flatten.code.left_out")),
            Line(layer_code(failing), Text.of("mistake.no_flatten.code.receives", received=params["received"])))
    return (Mistake("no_flatten", layer.name, tuple(params.items()), run=run, code=code,
                    title_key="mistake.no_flatten.title", why_key="mistake.no_flatten.why"),)


def _next_contracting(model: ModelSpec, name: str, core: Core) -> LayerSpec | None:
    """The layer that multiplies the last axis (Dense) reached from node `name` through single readers
    that keep every axis (Dropout, an activation), or None."""
    while True:
        readers = [l for l in model.layers if any(node == name for node, _ in l.inputs)]
        if len(readers) != 1 or len(readers[0].inputs) != 1:
            return None
        kind = core.kind(readers[0].kind)
        if kind is None or not kind.keeps_rank:
            return None
        if kind.contracts_last_axis:
            return readers[0]
        name = readers[0].name


def dense_without_flatten(model: ModelSpec, layer: LayerSpec, core: Core) -> tuple[Mistake, ...]:
    """Flatten left out before a Dense: Keras raises nothing (Dense multiplies the last axis at every
    position), the model's output keeps the positions, and fit fails far from here, at the labels. The
    runner builds the model without Flatten in Keras and shows the output shape it got."""
    dense = _next_contracting(model, layer.name, core)
    removed = _without(model, layer)
    desc, before = core.describe(removed), core.describe(model)
    if dense is None or desc.failure is not None or not model.outputs:
        return ()
    name, index = model.outputs[0]
    output, expected = desc.step(name).output_shapes[index or 0], before.step(name).output_shapes[index or 0]
    step = desc.step(dense.name)
    received = step.input_shape
    if output == expected or received is None or len(received) < 3:
        return ()
    positions = " × ".join("?" if d is None else str(d) for d in received[1:-1])
    rank = len(received) - 2
    params = {"layer": layer.name, "dense": dense.name, "received": shape_text(received),
              "gives": shape_text(step.output_shape), "output": shape_text(output), "expected": shape_text(expected),
              "positions": positions, "units": str(step.output_shape[-1]), "pooling": f"GlobalAveragePooling{rank}D"}
    code = (Line(f"# {core.layer_code(layer)}", Text.of("mistake.no_flatten.code.left_out")),
            Line(core.layer_code(dense), Text.of("mistake.dense_without_flatten.code.gives",
                                                 received=params["received"], gives=params["gives"])))
    fix = Fix("mistake.dense_without_flatten.fix", tuple(params.items()), "layers.Flatten()",
              FixEdit("insert_before", dense.name))
    return (ModelMistake("dense_without_flatten", layer.name, tuple(params.items()), code=code,
                         title_key="mistake.dense_without_flatten.title", why_key="mistake.dense_without_flatten.why",
                         edits=(FixEdit("remove", layer.name),), fix=fix),)


def cropping_mistakes(model: ModelSpec, layer: LayerSpec, step, core: Core) -> tuple[Mistake, ...]:
    """cropping written as the size to keep (Cropping2D((24, 24)) for a 24 × 24 output): Keras then cuts that
    many positions from each side, and refuses when nothing is left."""
    sizes = step.output_shapes[0][1:-1]
    if None in sizes or None in step.input_shapes[0][1:-1]:
        return ()
    kept = sizes[0] if len(sizes) == 1 else tuple(sizes)
    broken = with_args(layer, cropping=kept)
    if not breaks(model, broken, core):
        return ()
    params = {"layer": layer.name, "shape": shape_text(step.input_shapes[0]), "out": shape_text(step.output_shapes[0]),
              "kept": shape_text(sizes), "code": core.layer_code(broken)}
    return (Mistake("crop_as_size", layer.name, tuple(params.items()), broken=broken, code=core.layer_code(broken),
                    title_key="mistake.crop_as_size.title", why_key="mistake.crop_as_size.why"),)


def upsampling_mistakes(model: ModelSpec, layer: LayerSpec, step, core: Core) -> tuple[Mistake, ...]:
    """A U-Net's input one larger on each spatial axis: a pooling below rounds the odd size down, this layer
    doubles it back one short, and the layer that joins it with the skip tensor (Concatenate) fails. Offered
    only when that join takes this layer's output and really raises."""
    if len(model.inputs) != 1:
        return ()
    inp = model.inputs[0]
    if len(inp.shape) != len(step.output_shapes[0]) - 1 or None in inp.shape:
        return ()
    odd = tuple(d + 1 for d in inp.shape[:-1]) + (inp.shape[-1],)
    changed = dataclasses.replace(model, inputs=(dataclasses.replace(inp, shape=odd),))
    described = core.describe(changed)
    failure = described.failure
    if failure is None or failure.layer == layer.name:
        return ()
    below = {layer.name}  # the layers this one's output reaches
    for other in model.layers:
        if any(node in below for node, _ in other.inputs):
            below.add(other.name)
    if failure.layer not in below:
        return ()
    failing = changed.layer(failure.layer)
    joins = core.kind(failing.kind)
    if joins is None or not joins.takes_list:  # the lesson is about a join with the skip tensor
        return ()
    steps = {s.name: s for s in described.steps}
    if layer.name not in steps:
        return ()

    def run():
        if failure.origin == "keras":
            core.describe_layer(failing, failure.input_shapes, failure.input_axes, AxisNamer(letter_hint))
        else:  # a merge checks its inputs when it builds; it has no weights to create
            core.construct(failing).build([tuple(s) for s in failure.input_shapes])

    try:
        run()
    except Exception:  # the error the page will show; offered only if Keras really raises it
        pass
    else:
        return ()
    mine = steps[layer.name]
    params = {"layer": layer.name, "shape": shape_text(inp.shape), "odd": shape_text(odd),
              "before": shape_text(mine.input_shapes[0]), "after": shape_text(mine.output_shapes[0]),
              "failing": failing.name, "received": ", ".join(shape_text(s) for s in failure.input_shapes)}
    code = (Line(f"keras.Input(shape={shape_text(odd)})",
                 Text.of("mistake.odd_size.code.input", shape=params["shape"])),
            Line(core.layer_code(failing), Text.of("mistake.odd_size.code.receives", received=params["received"])))
    return (Mistake("odd_size", layer.name, tuple(params.items()), run=run, code=code,
                    title_key="mistake.odd_size.title", why_key="mistake.odd_size.why"),)
