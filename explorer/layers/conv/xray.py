"""Conv1D and Conv2D, live: unfold the input into windows (im2col), then one matrix product.

Conv1D: x (B, T, C) → padded xp (B, T + left + right, C) → patches (B·T', k·C) @ kernel.reshape(k·C, K)
+ bias (K,) → activation → (B, T', K). Conv2D: x (B, H, W, C) → patches (B·H'·W', kh·kw·C) @
kernel.reshape(kh·kw·C, K). Output position o on an axis reads the padded positions o·s + j·d
(j = 0 … k − 1), with stride s and dilation d.
Padding as Keras (TensorFlow) does it: "valid" none; "causal" d·(k − 1) zeros before the steps;
"same" total = max((⌈T / s⌉ − 1)·s + d·(k − 1) + 1 − T, 0), with ⌊total / 2⌋ before and the rest after
(an even kernel puts its extra zero after). groups g: group f // (K/g) of the filters sees only the
channels of its group. The windows are shared with the pooling X-ray (explorer/layers/pooling/xray.py).
"""
from __future__ import annotations

import dataclasses
import itertools
import math
from dataclasses import dataclass
from collections.abc import Iterator

import numpy as np

from ...description import FixEdit, Step, named, shape_text
from ...live.activations import activate, activation_name
from ...live.base import (XRAY_BYTES, Core, Grid, Heat, LayerCall, Line, Mistake, Text, XRay, check, grid, heat,
                          index_text, samples_within)
from ...live.model_mistake import ModelMistake
from ...spec import LayerSpec, ModelSpec


# -- windows: shared by the convolutions and the pooling layers ---------------------------------------
XRAY_KEYS = {  # the X-ray's words of Conv1D (rank 1) and Conv2D (rank 2), each key written out
    1: {
        "summary": "xray.conv1d.summary",
        "check": "xray.conv1d.check",
        "check_window": "xray.conv1d.check_window",
        "padding": "xray.conv1d.padding",
        "by_hand": "xray.conv1d.by_hand",
        "groups": "xray.conv1d.groups",
        "samples": "xray.conv1d.samples",
        "activation_unknown": "xray.conv1d.activation_unknown",
        "channels_first": "xray.conv1d.channels_first",
        "grid_window": "xray.conv1d.grid_window",
        "grid_kernel": "xray.conv1d.grid_kernel",
        "grid_products": "xray.conv1d.grid_products",
        "grid_output": "xray.conv1d.grid_output",
        "code.rows": "xray.conv1d.code.rows",
        "code.groups": "xray.conv1d.code.groups",
    },
    2: {
        "summary": "xray.conv2d.summary",
        "check": "xray.conv2d.check",
        "check_window": "xray.conv2d.check_window",
        "padding": "xray.conv2d.padding",
        "by_hand": "xray.conv2d.by_hand",
        "groups": "xray.conv2d.groups",
        "samples": "xray.conv2d.samples",
        "activation_unknown": "xray.conv2d.activation_unknown",
        "channels_first": "xray.conv2d.channels_first",
        "grid_window": "xray.conv2d.grid_window",
        "grid_kernel": "xray.conv2d.grid_kernel",
        "grid_products": "xray.conv2d.grid_products",
        "grid_channels": "xray.conv2d.grid_channels",
        "grid_output": "xray.conv2d.grid_output",
        "code.rows": "xray.conv2d.code.rows",
        "code.groups": "xray.conv2d.code.groups",
    },
}


XRAY_KEYS[3] = {  # Conv3D: the 2-D words, a depth axis more
    "summary": "xray.conv3d.summary",
    "check": "xray.conv2d.check",
    "check_window": "xray.conv2d.check_window",
    "padding": "xray.conv3d.padding",
    "by_hand": "xray.conv3d.by_hand",
    "groups": "xray.conv2d.groups",
    "samples": "xray.conv2d.samples",
    "activation_unknown": "xray.conv2d.activation_unknown",
    "channels_first": "xray.conv2d.channels_first",
    "grid_window": "xray.conv3d.grid_window",
    "grid_kernel": "xray.conv3d.grid_kernel",
    "grid_products": "xray.conv3d.grid_products",
    "grid_channels": "xray.conv3d.grid_channels",
    "grid_output": "xray.conv3d.grid_output",
    "code.rows": "xray.conv2d.code.rows",
    "code.groups": "xray.conv2d.code.groups",
}
DEPTHWISE_KEYS = {  # DepthwiseConv2D: a grouped convolution, one group per input channel
    2: {
        "summary": "xray.depthwise2d.summary",
        "check": "xray.depthwise2d.check",
        "check_window": "xray.conv2d.check_window",
        "padding": "xray.conv2d.padding",
        "by_hand": "xray.conv2d.by_hand",
        "groups": "xray.depthwise2d.channel",
        "samples": "xray.conv2d.samples",
        "activation_unknown": "xray.conv2d.activation_unknown",
        "channels_first": "xray.conv2d.channels_first",
        "grid_window": "xray.conv2d.grid_window",
        "grid_kernel": "xray.depthwise2d.grid_kernel",
        "grid_products": "xray.conv2d.grid_products",
        "grid_channels": "xray.conv2d.grid_channels",
        "grid_output": "xray.conv2d.grid_output",
        "code.rows": "xray.conv2d.code.rows",
        "code.groups": "xray.depthwise2d.code.channels",
    },
}


@dataclass(frozen=True)
class Geometry:
    """How windows tile the input, per spatial axis: input sizes, kernel k, stride s, dilation d,
    zeros (before, after), output sizes."""

    sizes: tuple[int, ...]
    kernel: tuple[int, ...]
    strides: tuple[int, ...]
    dilation: tuple[int, ...]
    pads: tuple[tuple[int, int], ...]
    outs: tuple[int, ...]

    @property
    def rank(self) -> int:
        return len(self.sizes)

    @property
    def spans(self) -> tuple[int, ...]:
        """Positions a dilated kernel covers: d·(k − 1) + 1."""
        return tuple(d * (k - 1) + 1 for k, d in zip(self.kernel, self.dilation))

    def taps(self, axis: int, out_index: int) -> np.ndarray:
        """Input positions (unpadded: < 0 or ≥ size is padding) read by output `out_index` on `axis`."""
        return out_index * self.strides[axis] + np.arange(self.kernel[axis]) * self.dilation[axis] - self.pads[axis][0]


def pad_amounts(size: int, kernel: int, stride: int, dilation: int, padding: str) -> tuple[int, int]:
    """Zeros (before, after) on one axis, as TensorFlow pads for Keras."""
    span = dilation * (kernel - 1) + 1
    if padding == "causal":
        return span - 1, 0
    if padding != "same":
        return 0, 0
    total = max((-(-size // stride) - 1) * stride + span - size, 0)
    return total // 2, total - total // 2


def geometry(sizes, kernel, strides, dilation, padding: str) -> Geometry:
    pads = tuple(pad_amounts(n, k, s, d, padding) for n, k, s, d in zip(sizes, kernel, strides, dilation))
    outs = tuple((n + a + b - (d * (k - 1) + 1)) // s + 1
                 for n, (a, b), k, s, d in zip(sizes, pads, kernel, strides, dilation))
    return Geometry(tuple(sizes), tuple(kernel), tuple(strides), tuple(dilation), pads, outs)


def pad_input(x: np.ndarray, geo: Geometry, fill: float = 0.0) -> np.ndarray:
    """x (n, *sizes, C) → float64 (n, *(size + before + after), C)."""
    return np.pad(x.astype(np.float64), ((0, 0),) + geo.pads + ((0, 0),), constant_values=fill)


def windows(xp: np.ndarray, geo: Geometry, rows: range) -> np.ndarray:
    """The windows of padded xp (n, *padded, C) for output rows `rows` of the first spatial axis:
    (n, len(rows), *outs[1:], *kernel, C)."""
    rank, index = geo.rank, []
    for axis in range(rank):
        outs = np.asarray(rows) if axis == 0 else np.arange(geo.outs[axis])
        taps = outs[:, None] * geo.strides[axis] + np.arange(geo.kernel[axis])[None, :] * geo.dilation[axis]
        shape = [1] * (2 * rank)
        shape[axis], shape[rank + axis] = taps.shape
        index.append(taps.reshape(shape))
    return xp[(slice(None),) + tuple(index)]


def row_chunks(geo: Geometry, samples: int, channels: int) -> Iterator[range]:
    """Ranges of output rows (first spatial axis) whose windows hold at most XRAY_BYTES / 4."""
    per_row = samples * math.prod(geo.outs[1:]) * math.prod(geo.kernel) * channels * 8
    step = max(1, (XRAY_BYTES // 4) // max(1, per_row))
    for start in range(0, geo.outs[0], step):
        yield range(start, min(start + step, geo.outs[0]))


def one_window(x: np.ndarray, geo: Geometry, position: tuple[int, ...], fill: float = 0.0) -> np.ndarray:
    """The window of one sample x (*sizes, C) read by output `position`: (*kernel, C); padding is `fill`."""
    taps = [geo.taps(a, p) for a, p in enumerate(position)]
    inside = [(t >= 0) & (t < n) for t, n in zip(taps, geo.sizes)]
    out = np.full(tuple(geo.kernel) + (x.shape[-1],), fill, dtype=np.float64)
    real = x[np.ix_(*[t[m] for t, m in zip(taps, inside)])]
    out[np.ix_(*[np.nonzero(m)[0] for m in inside])] = real
    return out


def tap_labels(geo: Geometry, position: tuple[int, ...]) -> list[str]:
    """Row labels of a window flattened to (taps, C): the input position of each tap ('3' or '3,4')."""
    taps = [geo.taps(a, p) for a, p in enumerate(position)]
    return [",".join(str(int(v)) for v in combo) for combo in np.stack(np.meshgrid(*taps, indexing="ij"),
                                                                        -1).reshape(-1, geo.rank)]


def relabel(g: Grid, rows: list[str] | None = None, cols: list[str] | None = None) -> Grid:
    """A grid whose row / column labels are looked up in `rows` / `cols` (by the window's index)."""
    return dataclasses.replace(
        g, rows=tuple(rows[int(r)] for r in g.rows) if rows is not None else g.rows,
        cols=tuple(cols[int(c)] for c in g.cols) if cols is not None else g.cols)


# -- the convolution --------------------------------------------------------------------------------
def conv_rows(patches: np.ndarray, kernel: np.ndarray, groups: int) -> np.ndarray:
    """patches (R, taps, C) float64, kernel (*k, C/g, K) → (R, K): each group's channels @ its filters."""
    r, taps, c = patches.shape
    k = kernel.shape[-1]
    cg, kg = c // groups, k // groups
    w = kernel.reshape(taps, cg, k).astype(np.float64)
    out = np.empty((r, k))
    for g in range(groups):
        out[:, g * kg:(g + 1) * kg] = (patches[:, :, g * cg:(g + 1) * cg].reshape(r, taps * cg)
                                       @ w[:, :, g * kg:(g + 1) * kg].reshape(taps * cg, kg))
    return out


def conv_numpy(x: np.ndarray, kernel: np.ndarray, bias: np.ndarray, geo: Geometry, groups: int) -> np.ndarray:
    """x (n, *sizes, C) → pre-activation (n, *outs, K), im2col a band of output rows at a time."""
    n, c, k = x.shape[0], x.shape[-1], kernel.shape[-1]
    xp = pad_input(x, geo)
    z = np.empty((n,) + geo.outs + (k,))
    for rows in row_chunks(geo, n, c):
        patches = windows(xp, geo, rows)
        flat = patches.reshape(-1, math.prod(geo.kernel), c)
        z[:, rows.start:rows.stop] = conv_rows(flat, kernel, groups).reshape((n, len(rows)) + geo.outs[1:] + (k,))
    return z + bias


def conv_xray(call: LayerCall) -> XRay:
    """The layer as im2col @ kernel + bias → activation on the first samples; the picked output's window by hand."""
    layer = call.layer
    return _window_xray(call, np.asarray(layer.kernel, dtype=np.float64), int(getattr(layer, "groups", 1) or 1),
                        XRAY_KEYS[call.x.ndim - 2])


def depthwise_xray(call: LayerCall) -> XRay:
    """DepthwiseConv: a grouped convolution with one group per input channel. kernel (*k, C, m) read as
    (*k, 1, C·m): output channel c·m + q is channel c's window times kernel[..., c, q]."""
    kernel = np.asarray(call.layer.kernel, dtype=np.float64)
    c, m = kernel.shape[-2:]
    grouped = kernel.reshape(kernel.shape[:-2] + (1, c * m))
    return _window_xray(call, grouped, c, DEPTHWISE_KEYS[call.x.ndim - 2], kernel.shape)


def _window_xray(call: LayerCall, kernel: np.ndarray, groups: int, words: dict,
                 kernel_shape: tuple[int, ...] | None = None) -> XRay:
    """A convolution whose kernel is (*k, C/groups, K): windows @ kernel + bias → activation, and the
    followed number by hand. kernel_shape: the layer's own kernel's shape, when `kernel` is a reshaped view."""
    layer, x, y = call.layer, call.x, call.y
    rank = x.ndim - 2
    if getattr(layer, "data_format", "channels_last") == "channels_first":
        return XRay(call.step.name, call.spec.kind, Text.of(words["channels_first"]), "", ())
    k_filters = kernel.shape[-1]
    bias = np.asarray(layer.bias, dtype=np.float64) if layer.use_bias else np.zeros(k_filters)
    geo = geometry(x.shape[1:-1], layer.kernel_size, layer.strides, layer.dilation_rate, layer.padding)
    act = activation_name(layer)
    c = x.shape[-1]
    # per sample: the padded input, z, the activated output and the comparison's float64 copies
    padded = math.prod(size + a + b for size, (a, b) in zip(geo.sizes, geo.pads))
    n = samples_within(call, padded * c + 6 * math.prod(geo.outs) * k_filters)
    z = conv_numpy(x[:n], kernel, bias, geo, groups)
    ours = activate(act, z)

    pick = call.picked()
    b, position, f = pick[0], pick[1:-1], pick[-1]
    cg, kg = c // groups, k_filters // groups
    group = f // kg
    channels = slice(group * cg, (group + 1) * cg)
    win = one_window(x[b], geo, position)  # (*kernel, C)
    taps = math.prod(geo.kernel)
    z_row = conv_rows(win.reshape(1, taps, c), kernel, groups)[0] + bias
    win_g = win.reshape(taps, c)[:, channels]
    kern_f = kernel.reshape(taps, cg, k_filters)[:, :, f]
    products = win_g * kern_f
    by_hand = float(products.sum() + bias[f])
    z_row[f] = by_hand
    picked_out = activate(act, z_row[None, :])

    checks = []
    if ours is not None:
        checks.append(check(words["check"], ours, y[:n], n=n, B=x.shape[0]))
        checks.append(check(words["check_window"], np.array([picked_out[0, f]]), np.array([y[pick]]),
                            index=index_text(pick)))
    sizes = _sizes(call, geo, kernel_shape or kernel.shape, kernel.shape[-1], groups, act)
    notes = [Text.of(words["padding"], **sizes),
             Text.of(words["by_hand"], index=index_text(pick), total=f"{float(products.sum()):.6f}",
                     bias=f"{bias[f]:.6f}", z=f"{by_hand:.6f}", act=act,
                     value=f"{picked_out[0, f]:.6f}" if picked_out is not None else "?",
                     layer_value=f"{float(y[pick]):.6f}", count=products.size)]
    if groups > 1:
        notes.append(Text.of(words["groups"], groups=groups, f=f, group=group, first=channels.start,
                             last=channels.stop - 1, per=kg))
    if n < x.shape[0]:
        notes.append(Text.of(words["samples"], n=n, B=x.shape[0]))
    if ours is None:
        notes.append(Text.of(words["activation_unknown"], act=act))

    cols = [str(ch) for ch in range(channels.start, channels.stop)]
    where = dict(index=index_text(pick), b=b, f=f, position=index_text(position), q=f % kg)
    output = output_grid(Text.of(words["grid_output"], **where), y, pick)
    if rank == 1:  # (taps, channels): a window of up to GRID_ROWS taps is shown whole
        rows = tap_labels(geo, position)
        top = tuple(int(i) for i in np.unravel_index(int(np.argmax(np.abs(products))), products.shape))
        grids = (
            relabel(grid(Text.of(words["grid_window"], **where), win_g, *top), rows, cols),
            relabel(grid(Text.of(words["grid_kernel"], **where), kern_f, *top), None, cols),
            relabel(grid(Text.of(words["grid_products"], **where), products, *top), rows, cols),
            output,
        )
    else:  # one channel's (kh, kw) window as the image lays it out, then each channel's sum
        grids = spatial_grids(geo, position, products, win_g, kern_f, cols, words, where) + (output,)
    summary = Text.of(words["summary"], **sizes)
    code = _code(geo, x.shape, k_filters, groups, act, words)
    heats = window_heats(call, geo, products, kern_f, channels, sizes)
    return XRay(call.step.name, call.spec.kind, summary, code, tuple(checks), grids, tuple(notes), heats)


def window_heats(call: LayerCall, geo: Geometry, products: np.ndarray, kern_f: np.ndarray, channels: slice,
                 sizes: dict) -> tuple[Heat, ...]:
    """The followed sample's input with the window out[pick] reads outlined, the kernel it meets and the output
    around it. Conv1D: x[b] (steps, channels), the window's taps × its group's channels; Conv2D: the input
    channel whose products add up to the most, as the image lays it out, and that channel's (kh, kw) kernel;
    Conv3D: only the output plane at the followed depth."""
    x = call.x
    pick = call.picked()
    b, position, f = pick[0], pick[1:-1], pick[-1]
    letters = _letters(geo, sizes)
    where = dict(b=b, f=f, index=index_text(pick))
    spans = window_spans(geo, position)
    inside = all(size > 0 for _, size in spans)
    output = output_heat(call, pick, letters)
    if geo.rank == 1:
        (first, size), cg = spans[0], channels.stop - channels.start
        return (heat(Text.of("xray.conv.heat_input_1d", **where), x[b], letters[0], "C", first, channels.start,
                     (size, cg) if inside else None),
                heat(Text.of("xray.conv.heat_kernel_1d", **where), kern_f, "k", "C", 0, 0, None),
                output)
    if geo.rank > 2:
        return (output,)
    per_channel = products.sum(axis=0)
    ch = int(np.argmax(np.abs(per_channel)))
    channel = channels.start + ch
    (row, height), (col, width) = spans
    plane = x[b, :, :, channel]
    return (heat(Text.of("xray.conv.heat_input", channel=channel, **where), plane, letters[0], letters[1], row, col,
                 (height, width) if inside else None),
            heat(Text.of("xray.conv.heat_kernel", channel=channel, **where), kern_f[:, ch].reshape(geo.kernel),
                 "kh", "kw", 0, 0, None),
            output)


def _letters(geo: Geometry, sizes: dict) -> tuple[str, ...]:
    """The input's spatial axis letters, as _sizes names them."""
    return tuple([sizes["axis"], sizes.get("axis2", ""), sizes.get("axis3", "")][:geo.rank])


def window_spans(geo: Geometry, position: tuple[int, ...]) -> list[tuple[int, int]]:
    """Per spatial axis, (first, count): the input positions from the window's first tap to its last, inside the
    input (count 0: the window reads only padding there)."""
    spans = []
    for axis, p in enumerate(position):
        taps = geo.taps(axis, p)
        first, last = max(int(taps.min()), 0), min(int(taps.max()) + 1, geo.sizes[axis])
        spans.append((first, max(last - first, 0)))
    return spans


def output_heat(call: LayerCall, pick: tuple[int, ...], letters: tuple[str, ...]) -> Heat:
    """The followed filter's output around out[pick], outlined: (steps, filters) for rank 1; the (rows,
    columns) plane of filter f (at the followed depth for rank 3)."""
    y = call.y
    b, position, f = pick[0], pick[1:-1], pick[-1]
    out_letters = call.out_axes[1:-1] if len(call.out_axes) == y.ndim else letters
    where = dict(b=b, f=f, index=index_text(pick))
    if len(position) == 1:
        return heat(Text.of("xray.conv.heat_output_1d", **where), y[b], out_letters[0],
                    call.out_axes[-1] if call.out_axes else "K", position[0], f)
    plane = y[(b,) + tuple(position[:-2]) + (slice(None),) * 2 + (f,)]
    return heat(Text.of("xray.conv.heat_output", **where), plane, out_letters[-2], out_letters[-1], *position[-2:])


def output_grid(title: Text, y: np.ndarray, pick: tuple[int, ...]) -> Grid:
    """The output around the followed number: (steps, filters) for rank 1; the followed filter's (rows,
    columns) plane for rank 2, and for rank 3 that plane at the followed depth."""
    b, position, f = pick[0], pick[1:-1], pick[-1]
    if len(position) == 1:
        return grid(title, y[b], position[0], f)
    plane = y[(b,) + tuple(position[:-2]) + (slice(None), slice(None), f)]
    return grid(title, plane, *position[-2:])


def spatial_grids(geo: Geometry, position: tuple[int, ...], products: np.ndarray, win_g: np.ndarray,
                  kern_f: np.ndarray, cols: list[str], words: dict, where: dict) -> tuple[Grid, ...]:
    """A 2-D (or 3-D) window laid out as the image: the window, the kernel and their products on the (kh, kw)
    plane of the channel (and, for rank 3, the depth tap) whose sum of products is largest (whole up to
    GRID_ROWS × GRID_COLS), then, with several such planes, each plane's sum (they add up to the total):
    one row of channels for rank 2, a row per depth tap for rank 3."""
    shape = tuple(geo.kernel) + (products.shape[-1],)
    lead = shape[:-3]  # the depth taps of a 3-D window: () in 2-D
    per_plane = products.reshape(shape).sum(axis=(-3, -2)).reshape(math.prod(lead), shape[-1])
    row, ch = (int(i) for i in np.unravel_index(int(np.argmax(np.abs(per_plane))), per_plane.shape))
    front = tuple(int(i) for i in np.unravel_index(row, lead)) if lead else ()
    take = front + (slice(None), slice(None), ch)
    plane = products.reshape(shape)[take]
    top = tuple(int(i) for i in np.unravel_index(int(np.argmax(np.abs(plane))), plane.shape))
    taps = [[str(int(v)) for v in geo.taps(axis, p)] for axis, p in enumerate(position)]
    rows_in, cols_in = taps[-2:]
    at = dict(where, channel=cols[ch], depth=taps[0][front[0]] if front else "")
    grids = (
        relabel(grid(Text.of(words["grid_window"], **at), win_g.reshape(shape)[take], *top), rows_in, cols_in),
        grid(Text.of(words["grid_kernel"], **at), kern_f.reshape(shape)[take], *top),
        relabel(grid(Text.of(words["grid_products"], **at), plane, *top), rows_in, cols_in),
    )
    if per_plane.size > 1:
        rows = taps[0] if lead else None
        grids += (relabel(grid(Text.of(words["grid_channels"], **at), per_plane, row, ch), rows, cols),)
    return grids


def _sizes(call: LayerCall, geo: Geometry, kernel_shape: tuple[int, ...], k: int, groups: int, act: str) -> dict:
    x, y = call.x, call.y
    out = dict(layer=call.step.name, named=named(call.in_axes), shape=shape_text(x.shape),
               out_named=named(call.out_axes), out=shape_text(y.shape), C=x.shape[-1], Cg=x.shape[-1] // groups,
               K=k, m=k // groups,
               kernel=shape_text(kernel_shape), act=act, padding=call.layer.padding, groups=groups,
               taps=math.prod(geo.kernel), patch=math.prod(geo.kernel) * x.shape[-1] // groups)
    letters = call.in_axes[1:-1] if len(call.in_axes) == x.ndim else ("T", "W")[:geo.rank]
    if len(letters) != geo.rank:
        letters = ("D", "H", "W")[-geo.rank:]
    for i, name in enumerate(("", "2", "3")[:geo.rank]):
        a, b = geo.pads[i]
        out.update({f"size{name}": geo.sizes[i], f"k{name}": geo.kernel[i], f"s{name}": geo.strides[i],
                    f"d{name}": geo.dilation[i], f"before{name}": a, f"after{name}": b, f"span{name}": geo.spans[i],
                    f"len{name}": geo.outs[i], f"axis{name}": letters[i]})
    return out


def window_lines(geo: Geometry, n: int, c: int, target: str, dilated: bool) -> list[Line]:
    """The code that gathers every window of the padded input xp into `target` (shared with pooling):
    one index array per spatial axis, then one fancy index."""
    lines = []
    names = {1: ("taps",), 2: ("rows", "cols"), 3: ("deps", "rows", "cols")}[geo.rank]
    for name, o, s, kk, d in zip(names, geo.outs, geo.strides, geo.kernel, geo.dilation):
        step = f" * {d}" if dilated else ""
        lines.append(Line(f"{name} = np.arange({o})[:, None] * {s} + np.arange({kk})[None, :]{step}", f"({o}, {kk})"))
    shape = shape_text((n,) + geo.outs + geo.kernel + (c,))
    if geo.rank == 1:
        lines.append(Line(f"{target} = xp[:, taps, :]", shape))
    elif geo.rank == 2:
        lines.append(Line(f"{target} = xp[:, rows[:, None, :, None], cols[None, :, None, :], :]", shape))
    else:
        lines.append(Line(f"{target} = xp[:, deps[:, None, None, :, None, None], rows[None, :, None, None, :, None], "
                          "cols[None, None, :, None, None, :], :]", shape))
    return lines


def _code(geo: Geometry, shape: tuple[int, ...], k: int, groups: int, act: str, words: dict) -> tuple[Line, ...]:
    n, c = shape[0], shape[-1]
    pads = ", ".join(f"({a}, {b})" for a, b in geo.pads)
    padded = (n,) + tuple(s + a + b for s, (a, b) in zip(geo.sizes, geo.pads)) + (c,)
    taps, rows = math.prod(geo.kernel), n * math.prod(geo.outs)
    lines = [Line(f"xp = np.pad(x, ((0, 0), {pads}, (0, 0)))", f"x {shape_text(shape)} → {shape_text(padded)}")]
    lines += window_lines(geo, n, c, "patches", dilated=True)
    lines.append(Line(f"patches = patches.reshape({rows}, {taps * c})", Text.of(words["code.rows"])))
    if groups == 1:
        lines.append(Line(f"z = patches @ kernel.reshape({taps * c}, {k}) + bias", f"({rows}, {k})"))
    else:
        cg, kg = c // groups, k // groups
        lines.append(Line(f"p = patches.reshape({rows}, {taps}, {groups}, {cg})"))
        lines.append(Line(f"w = kernel.reshape({taps}, {cg}, {groups}, {kg})"))
        lines.append(Line(f"z = np.einsum('rtgc,tcgk->rgk', p, w).reshape({rows}, {k}) + bias",
                          Text.of(words["code.groups"], groups=str(groups), cg=str(cg), kg=str(kg))))
    lines.append(Line(f"out = {act}(z).reshape{shape_text((n,) + geo.outs + (k,))}"))
    return tuple(lines)


# -- separable: depthwise, then pointwise ------------------------------------------------------------
SEPARABLE_KEYS = {  # the padding words are the convolution's of the same rank
    1: "xray.conv1d.padding",
    2: "xray.conv2d.padding",
}


def separable_xray(call: LayerCall) -> XRay:
    """SeparableConv: the depthwise convolution (each channel c its m kernels, no bias) gives C·m numbers per
    position; the pointwise kernel (C·m, K) mixes them, + bias → activation. The followed number: the C·m
    depthwise outputs at its position times the pointwise column of its filter, one of them taken apart."""
    layer, x, y = call.layer, call.x, call.y
    rank = x.ndim - 2
    if getattr(layer, "data_format", "channels_last") == "channels_first":
        return XRay(call.step.name, call.spec.kind, Text.of("xray.conv2d.channels_first"), "", ())
    dk = np.asarray(layer.depthwise_kernel, dtype=np.float64)  # (*k, C, m)
    c, m = dk.shape[-2:]
    cm = c * m
    grouped = dk.reshape(dk.shape[:-2] + (1, cm))
    pw = np.asarray(layer.pointwise_kernel, dtype=np.float64).reshape(cm, -1)  # (C·m, K)
    k_filters = pw.shape[-1]
    bias = np.asarray(layer.bias, dtype=np.float64) if layer.use_bias else np.zeros(k_filters)
    geo = geometry(x.shape[1:-1], layer.kernel_size, layer.strides, layer.dilation_rate, layer.padding)
    act = activation_name(layer)
    padded = math.prod(size + a + b for size, (a, b) in zip(geo.sizes, geo.pads))
    n = samples_within(call, padded * c + (cm + 6 * k_filters) * math.prod(geo.outs))
    depth = conv_numpy(x[:n], grouped, np.zeros(cm), geo, c)  # (n, *outs, C·m)
    ours = activate(act, depth @ pw + bias)

    pick = call.picked()
    b, position, f = pick[0], pick[1:-1], pick[-1]
    taps = math.prod(geo.kernel)
    win = one_window(x[b], geo, position)  # (*kernel, C)
    d_row = conv_rows(win.reshape(1, taps, c), grouped, c)[0]  # (C·m,) the depthwise outputs at this position
    mixed = d_row * pw[:, f]
    z = float(mixed.sum() + bias[f])
    z_row = d_row @ pw + bias
    z_row[f] = z
    value = activate(act, z_row[None, :])
    j = int(np.argmax(np.abs(mixed)))  # the depthwise output taken apart: the largest share
    ch, q = divmod(j, m)
    win_c, kern_c = win[..., ch], dk[..., ch, q]
    products = win_c * kern_c

    checks = []
    if ours is not None:
        checks.append(check("xray.separable.check", ours, y[:n], n=n, B=x.shape[0]))
        checks.append(check("xray.conv2d.check_window", np.array([value[0, f]]), np.array([y[pick]]),
                            index=index_text(pick)))
    sizes = _sizes(call, geo, dk.shape, cm, c, act)
    sizes.update(cm=cm, K=k_filters, pointwise=shape_text(tuple(layer.pointwise_kernel.shape)))
    where = dict(index=index_text(pick), b=b, f=f, j=j, channel=ch, q=q, position=index_text(position))
    notes = [Text.of(SEPARABLE_KEYS[rank], **sizes),
             Text.of("xray.separable.by_hand", **where, depthwise=f"{d_row[j]:.6f}", total=f"{float(mixed.sum()):.6f}",
                     bias=f"{bias[f]:.6f}", z=f"{z:.6f}", act=act, cm=cm,
                     value=f"{value[0, f]:.6f}" if value is not None else "?", layer_value=f"{float(y[pick]):.6f}")]
    if n < x.shape[0]:
        notes.append(Text.of("xray.conv2d.samples", n=n, B=x.shape[0]))
    if ours is None:
        notes.append(Text.of("xray.conv2d.activation_unknown", act=act))

    labels = [[str(int(v)) for v in geo.taps(axis, p)] for axis, p in enumerate(position)]
    if rank == 1:  # one row of taps
        top = (0, int(np.argmax(np.abs(products))))
        window_grids = (relabel(grid(Text.of("xray.separable.grid_window", **where), win_c, *top), None, labels[0]),
                        grid(Text.of("xray.separable.grid_kernel", **where), kern_c, *top),
                        relabel(grid(Text.of("xray.separable.grid_products", **where), products, *top), None,
                                labels[0]))
    else:
        top = tuple(int(i) for i in np.unravel_index(int(np.argmax(np.abs(products))), products.shape))
        window_grids = (relabel(grid(Text.of("xray.separable.grid_window", **where), win_c, *top), *labels),
                        grid(Text.of("xray.separable.grid_kernel", **where), kern_c, *top),
                        relabel(grid(Text.of("xray.separable.grid_products", **where), products, *top), *labels))
    pointwise = np.stack([d_row, pw[:, f], mixed])  # (3, C·m)
    mix = relabel(grid(Text.of("xray.separable.grid_pointwise", **where), pointwise, 2, j, mark="col"),
                  ["d", f"w[:, {f}]", "d × w"], None)
    grids = window_grids + (mix, output_grid(Text.of("xray.conv2d.grid_output", **where), y, pick))
    summary = Text.of("xray.separable.summary", **sizes)
    letters = _letters(geo, sizes)
    spans = window_spans(geo, position)
    outline = tuple(size for _, size in spans) if all(size > 0 for _, size in spans) else None
    if rank == 1:  # channel ch along the steps, one row
        heats = (heat(Text.of("xray.separable.heat_input", **where), x[b, :, ch], "", letters[0], 0, spans[0][0],
                      (1,) + outline if outline else None),
                 heat(Text.of("xray.separable.heat_kernel", **where), kern_c, "", "k", 0, 0, None))
    elif rank == 2:
        heats = (heat(Text.of("xray.separable.heat_input", **where), x[b, :, :, ch], *letters, spans[0][0],
                      spans[1][0], outline),
                 heat(Text.of("xray.separable.heat_kernel", **where), kern_c, "kh", "kw", 0, 0, None))
    else:
        heats = ()
    heats += (output_heat(call, pick, letters),)
    return XRay(call.step.name, call.spec.kind, summary, _separable_code(geo, x.shape, m, k_filters, act),
                tuple(checks), grids, tuple(notes), heats)


def _separable_code(geo: Geometry, shape: tuple[int, ...], m: int, k: int, act: str) -> tuple[Line, ...]:
    n, c = shape[0], shape[-1]
    pads = ", ".join(f"({a}, {b})" for a, b in geo.pads)
    padded = (n,) + tuple(s + a + b for s, (a, b) in zip(geo.sizes, geo.pads)) + (c,)
    taps, rows = math.prod(geo.kernel), n * math.prod(geo.outs)
    lines = [Line(f"xp = np.pad(x, ((0, 0), {pads}, (0, 0)))", f"x {shape_text(shape)} → {shape_text(padded)}")]
    lines += window_lines(geo, n, c, "patches", dilated=True)
    lines.append(Line(f"p = patches.reshape({rows}, {taps}, {c})"))
    lines.append(Line(f"d = np.einsum('rtc,tcm->rcm', p, depthwise_kernel.reshape({taps}, {c}, {m}))"
                      f".reshape({rows}, {c * m})", Text.of("xray.separable.code.depthwise")))
    lines.append(Line(f"z = d @ pointwise_kernel.reshape({c * m}, {k}) + bias",
                      Text.of("xray.separable.code.pointwise")))
    lines.append(Line(f"out = {act}(z).reshape{shape_text((n,) + geo.outs + (k,))}"))
    return tuple(lines)


# -- transposed: every input position spreads its kernel over the output ------------------------------------
def transpose_before(out_sizes, kernel, strides, dilation, padding: str) -> tuple[int, ...]:
    """Positions of the full spread cut at the start of each axis: the zeros a "same" convolution from the
    output's size back to the input's would put before (TensorFlow computes the transposed convolution as
    that convolution's gradient); none for "valid"."""
    return tuple(pad_amounts(o, k, s, d, padding)[0] for o, k, s, d in zip(out_sizes, kernel, strides, dilation))


def transpose_numpy(x: np.ndarray, kernel: np.ndarray, bias: np.ndarray, strides, dilation, before,
                    out_sizes) -> np.ndarray:
    """x (n, *in, C), kernel (*k, K, C) → (n, *out, K) before the activation: for every kernel tap j,
    x @ kernel[j].T added at positions i·s + j·d of the full spread, which is then cut to the output."""
    n, sizes = x.shape[0], x.shape[1:-1]
    taps_shape, k = kernel.shape[:-2], kernel.shape[-2]
    full = tuple(max((size - 1) * s + d * (kk - 1) + 1, a + o)
                 for size, s, d, kk, a, o in zip(sizes, strides, dilation, taps_shape, before, out_sizes))
    canvas = np.zeros((n,) + full + (k,))
    xf = x.astype(np.float64)
    for tap in itertools.product(*(range(kk) for kk in taps_shape)):
        where = tuple(slice(j * d, j * d + (size - 1) * s + 1, s)
                      for j, d, size, s in zip(tap, dilation, sizes, strides))
        canvas[(slice(None),) + where] += xf @ kernel[tap].T
    cut = tuple(slice(a, a + o) for a, o in zip(before, out_sizes))
    return canvas[(slice(None),) + cut] + bias


Source = tuple[tuple[int, ...], tuple[int, ...]]  # (input position, kernel tap)


def transpose_sources(position, sizes, kernel, strides, dilation, before) -> list[Source]:
    """The (input position, kernel tap) pairs that reach output `position`: o + before = i·s + j·d on every axis."""
    per_axis = []
    for o, size, kk, s, d, a in zip(position, sizes, kernel, strides, dilation, before):
        pairs = []
        for j in range(kk):
            spot = o + a - j * d
            if spot % s == 0 and 0 <= spot // s < size:
                pairs.append((spot // s, j))
        per_axis.append(pairs)
    return [(tuple(p[0] for p in combo), tuple(p[1] for p in combo)) for combo in itertools.product(*per_axis)]


def transpose_xray(call: LayerCall) -> XRay:
    """A transposed convolution recomputed by spreading: the whole output, then the followed number as the sum
    over the input positions and kernel taps that reach it (each pair: C products), + bias → activation."""
    layer, x, y = call.layer, call.x, call.y
    rank = x.ndim - 2
    if getattr(layer, "data_format", "channels_last") == "channels_first":
        return XRay(call.step.name, call.spec.kind, Text.of("xray.conv2d.channels_first"), "", ())
    kernel = np.asarray(layer.kernel, dtype=np.float64)  # (*k, K, C)
    k_filters, c = kernel.shape[-2:]
    bias = np.asarray(layer.bias, dtype=np.float64) if layer.use_bias else np.zeros(k_filters)
    sizes, outs = x.shape[1:-1], y.shape[1:-1]
    ks, strides, dilation = tuple(layer.kernel_size), tuple(layer.strides), tuple(layer.dilation_rate)
    before = transpose_before(outs, ks, strides, dilation, layer.padding)
    act = activation_name(layer)
    full = tuple((size - 1) * s + d * (kk - 1) + 1 for size, s, d, kk in zip(sizes, strides, dilation, ks))
    n = samples_within(call, math.prod(sizes) * c + 8 * math.prod(max(f, a + o) for f, a, o in
                                                                   zip(full, before, outs)) * k_filters)
    ours = activate(act, transpose_numpy(x[:n], kernel, bias, strides, dilation, before, outs))

    pick = call.picked()
    b, position, f = pick[0], pick[1:-1], pick[-1]
    sources = transpose_sources(position, sizes, ks, strides, dilation, before)
    xs = np.array([x[(b,) + i].astype(np.float64) for i, _ in sources]).reshape(len(sources), c)
    ws = np.array([kernel[j + (f,)] for _, j in sources]).reshape(len(sources), c)
    products = xs * ws
    total = float(products.sum())
    z_row = (xs.reshape(len(sources), c)[:, None, :] * np.array([kernel[j] for _, j in sources]).reshape(
        len(sources), k_filters, c)).sum(axis=(0, 2)) + bias
    z_row[f] = total + bias[f]
    value = activate(act, z_row[None, :])

    checks = []
    if ours is not None:
        checks.append(check("xray.conv_transpose.check", ours, y[:n], n=n, B=x.shape[0]))
        checks.append(check("xray.conv_transpose.check_window", np.array([value[0, f]]), np.array([y[pick]]),
                            index=index_text(pick)))
    letters = call.in_axes[1:-1] if len(call.in_axes) == x.ndim else ("D", "H", "W")[-rank:]
    out_letters = call.out_axes[1:-1] if len(call.out_axes) == y.ndim else letters
    notes = []
    for i in range(rank):
        after = full[i] - before[i] - outs[i]
        notes.append(Text.of("xray.conv_transpose.axis", axis=letters[i], out_axis=out_letters[i], n=sizes[i],
                             s=strides[i], k=ks[i], d=dilation[i], span=dilation[i] * (ks[i] - 1) + 1, full=full[i],
                             before=before[i], after=max(after, 0), added=max(-after, 0), len=outs[i],
                             padding=layer.padding))
    where = dict(index=index_text(pick), b=b, f=f, position=index_text(position))
    notes.append(Text.of("xray.conv_transpose.by_hand", **where, pairs=len(sources), count=products.size,
                         total=f"{total:.6f}", bias=f"{bias[f]:.6f}", z=f"{total + bias[f]:.6f}", act=act,
                         value=f"{value[0, f]:.6f}" if value is not None else "?",
                         layer_value=f"{float(y[pick]):.6f}"))
    if not sources:
        notes.append(Text.of("xray.conv_transpose.bias_only", **where))
    if n < x.shape[0]:
        notes.append(Text.of("xray.conv2d.samples", n=n, B=x.shape[0]))
    if ours is None:
        notes.append(Text.of("xray.conv2d.activation_unknown", act=act))

    grids: tuple[Grid, ...] = ()
    if sources:
        rows = [f"x[{','.join(map(str, i))}]·w[{','.join(map(str, j))}]" for i, j in sources]
        cols = [str(ch) for ch in range(c)]
        top = tuple(int(v) for v in np.unravel_index(int(np.argmax(np.abs(products))), products.shape))
        grids = (relabel(grid(Text.of("xray.conv_transpose.grid_inputs", **where), xs, *top), rows, cols),
                 relabel(grid(Text.of("xray.conv_transpose.grid_kernel", **where), ws, *top), rows, cols),
                 relabel(grid(Text.of("xray.conv_transpose.grid_products", **where), products, *top), rows, cols))
        if c > 1:
            sums = products.sum(axis=1)
            grids += (relabel(grid(Text.of("xray.conv_transpose.grid_pairs", **where), sums, 0, top[0]), None, rows),)
    grids += (output_grid(Text.of("xray.conv_transpose.grid_output", **where), y, pick),)
    summary = Text.of("xray.conv_transpose.summary", layer=call.step.name, named=named(call.in_axes),
                      shape=shape_text(x.shape), out_named=named(call.out_axes), out=shape_text(y.shape), C=c,
                      K=k_filters, kernel=shape_text(kernel.shape), taps=math.prod(ks), act=act,
                      strides=" × ".join(map(str, strides)))
    return XRay(call.step.name, call.spec.kind, summary, _transpose_code(x.shape, kernel.shape, strides, dilation,
                                                                         before, outs, full, act), tuple(checks),
                grids, tuple(notes), (output_heat(call, pick, tuple(letters)),))


def _transpose_code(shape, kernel_shape, strides, dilation, before, outs, full, act) -> tuple[Line, ...]:
    n, sizes, c = shape[0], shape[1:-1], shape[-1]
    ks, k = kernel_shape[:-2], kernel_shape[-2]
    big = tuple(max(f, a + o) for f, a, o in zip(full, before, outs))
    index = ", ".join(f"j{i} * {d}:j{i} * {d} + {(size - 1) * s + 1}:{s}"
                      for i, (d, size, s) in enumerate(zip(dilation, sizes, strides)))
    taps = ", ".join(f"j{i}" for i in range(len(ks)))
    ranges = ", ".join(f"range({kk})" for kk in ks)
    cut = ", ".join(f"{a}:{a + o}" for a, o in zip(before, outs))
    return (
        Line(f"canvas = np.zeros({shape_text((n,) + big + (k,))})", Text.of("xray.conv_transpose.code.canvas")),
        Line(f"for {taps}{',' if len(ks) == 1 else ''} in itertools.product({ranges}):",
             Text.of("xray.conv_transpose.code.taps")),
        Line(f"    canvas[:, {index}, :] += x @ kernel[{taps}].T", f"{shape_text(shape)} @ ({c}, {k})"),
        Line(f"out = {act}(canvas[:, {cut}, :] + bias)", shape_text((n,) + tuple(outs) + (k,))),
    )


# -- mistakes --------------------------------------------------------------------------------------
CHANNELS_LAST = {1: "(B, T, C)", 2: "(B, H, W, C)", 3: "(B, D, H, W, C)"}  # what a convolution of each rank reads


def model_input_before(model: ModelSpec, layer: LayerSpec, core: Core):
    """The model input that reaches `layer` through layers that keep every axis (Rescaling, Dropout), or None."""
    nodes = {l.name: l for l in model.layers}
    inputs = {i.name: i for i in model.inputs}
    node = layer
    while len(node.inputs) == 1:
        source = node.inputs[0][0]
        if source in inputs:
            return inputs[source]
        node = nodes.get(source)
        kind = core.kind(node.kind) if node is not None else None
        if kind is None or not kind.keeps_rank or kind.contracts_last_axis:
            return None
    return None


def missing_channel(model: ModelSpec, layer: LayerSpec, step: Step, core: Core) -> tuple[Mistake, ...]:
    """The input written without its channel axis of 1 (`Input((28, 28))` for MNIST's grey images, `Input((100,))`
    for one signal): the learner's first convolution, fed by that input, refuses it (Keras's own ndim error)."""
    rank = getattr(core.kind(layer.kind), "rank", None)
    source = model_input_before(model, layer, core)
    if rank not in CHANNELS_LAST or source is None or layer.arg("data_format") == "channels_first":
        return ()
    if len(source.shape) != rank + 1 or source.shape[-1] != 1:
        return ()
    shape = tuple(source.shape[:-1])
    changed = dataclasses.replace(model, inputs=tuple(
        dataclasses.replace(i, shape=shape, sources=()) if i.name == source.name else i for i in model.inputs))
    failure = core.describe(changed).failure
    if failure is None or failure.layer != layer.name:
        return ()
    params = (("layer", layer.name), ("cls", layer.kind), ("shape", shape_text(shape)),
              ("right", shape_text(source.shape)), ("wants", CHANNELS_LAST[rank]))
    code = (Line(f"keras.Input(shape={shape_text(shape)})",
                 Text.of("mistake.missing_channel.code.was", right=shape_text(source.shape))),
            Line(core.layer_code(layer), CHANNELS_LAST[rank]))
    edit = FixEdit("input_shape", source.name, shape=shape)
    return (ModelMistake("missing_channel", layer.name, params, code=code, title_key="mistake.missing_channel.title",
                         why_key="mistake.missing_channel.why", edits=(edit,)),)


def conv_mistakes(model: ModelSpec, layer: LayerSpec, step: Step, core: Core) -> tuple[Mistake, ...]:
    return missing_channel(model, layer, step, core)
