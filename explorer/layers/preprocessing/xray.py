"""X-rays of the preprocessing layers, recomputed with numpy (float64) from the real built layer.

Rescaling       out = x · scale + offset.
RandomFlip, RandomRotation, RandomZoom, RandomTranslation, RandomContrast
                at inference (training=False) out = x exactly; the words say what training does with
                the layer's real factors.
Resizing        nearest: out[b, i, j, c] = x[b, r(i), c(j), c], r(i) = min(⌊(i + ½)·H/h⌋, H − 1);
                bilinear: the 4 neighbours of the point ((i + ½)·H/h − ½, (j + ½)·W/w − ½), weighted by
                how near they are (TensorFlow's half-pixel centres); crop_to_aspect_ratio first cuts the
                centred window. Other interpolations, padding and antialiasing are not recomputed.
CenterCrop      the centred window; an image smaller than it is resized first (crop to the aspect
                ratio, then bilinear: Keras's smart_resize).
Normalization   out = (x − mean) / max(√variance, 1e-7); invert=True: out = mean + x · max(√variance, 1e-7).
                Without mean= and variance= they are the layer's weights before adapt(): 0 and 1, out = x.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ...description import named, shape_text
from ...live.base import (Grid, LayerCall, Line, Mistake, Text, XRay, check, grid, heat_at, index_text,
                          input_output_heats)
from ..reshaping.xray import bounded, breaks, grid_at, per_sample, with_args

EPSILON = 1e-7  # keras.backend.epsilon(): Normalization never divides by less
SMALL_SPREAD = 0.01  # below this √variance, outputs grow past what float32's digits keep within 1e-5


def _shape_words(call: LayerCall) -> dict[str, str]:
    return {"shape": shape_text(call.y.shape), "axes": named(call.out_axes)}


def _number(value: float) -> str:
    """A scale as a learner writes it: 1/255 when it is the inverse of a whole number, else its digits."""
    if value != 0 and abs(1 / value - round(1 / value)) < 1e-6 and abs(round(1 / value)) > 1:
        return f"1/{round(1 / value)}"
    return f"{value:.6g}"


def _term(value: float) -> str:
    return f"{value:.4g}" if value >= 0 else f"({value:.4g})"


def plane(key: str, array: np.ndarray, index: tuple[int, ...], name: str, mark: str = "cell",
          marks: tuple[tuple[int, int], ...] | None = None) -> Grid:
    """Around index: an image's (H, W) plane at one channel when the array is (B, H, W, C), else the
    last two axes (grid_at). marks: (row, column) indices of the plane to mark instead of `mark`."""
    array = np.asarray(array)
    if array.ndim != 4:
        return grid_at(key, array, index, name, mark)
    b, h, w, c = index
    title = Text.of(key, where=f"{name}[{b}, :, :, {c}]", at=index_text(index))
    if marks is None:
        return grid(title, array[b, :, :, c], h, w, mark)
    g = grid(title, array[b, :, :, c], h, w, "")
    rows, cols = [int(r) for r in g.rows], [int(k) for k in g.cols]
    shown = tuple(dict.fromkeys((rows.index(r), cols.index(k)) for r, k in marks if r in rows and k in cols))
    return Grid(g.title, g.values, g.rows, g.cols, shown, g.size)


def _inside() -> Text:
    return Text.of("xray.preprocessing.inside")


# -- Rescaling -------------------------------------------------------------------------------------
def rescaling_xray(call: LayerCall) -> XRay:
    """out = x · scale + offset, with the layer's own scale and offset (numbers or one per last-axis entry)."""
    x, y, layer = call.x, call.y, call.layer
    scale = np.asarray(layer.scale, dtype=np.float64)
    offset = np.asarray(layer.offset, dtype=np.float64)
    n, notes = bounded(call, "xray.rescaling.bounded", 3 * per_sample(x))
    ours = x[:n].astype(np.float64) * scale + offset
    pick = call.picked()
    s = float(scale.reshape(-1)[pick[-1] if scale.size > 1 else 0])
    o = float(offset.reshape(-1)[pick[-1] if offset.size > 1 else 0])
    value = float(x[pick]) * s + o
    checks = (check("xray.rescaling.check", ours, y[:n], n=n),
              check("xray.rescaling.check_pick", np.array([value]), np.array([y[pick]]), out=index_text(pick)))
    notes += (Text.of("xray.rescaling.where", out=index_text(pick), x=_term(float(x[pick])),
                      scale=_number(s) if s >= 0 else f"({_number(s)})",
offset=_term(o), value=f"{value:.4g}"),)
    if scale.size > 1 or offset.size > 1:
        notes += (Text.of("xray.rescaling.per_channel", letter=call.in_axes[-1], size=x.shape[-1]),)
    notes += (_inside(),)
    scale_code = _number(float(scale)) if scale.size == 1 else "scale"
    offset_code = f"{float(offset):g}" if offset.size == 1 else "offset"
    code = (Line(f"out = x * {scale_code} + {offset_code}",
                 Text.of("xray.rescaling.code", shape=shape_text(x.shape))),)
    summary = Text.of("xray.rescaling.summary", scale=_number(float(scale)) if scale.size == 1 else
                      shape_text(tuple(round(float(v), 6) for v in scale.reshape(-1))),
                      offset=f"{float(offset):g}" if offset.size == 1 else
                      shape_text(tuple(round(float(v), 6) for v in offset.reshape(-1))), **_shape_words(call))
    grids = (plane("xray.rescaling.grid_in", x, pick, "x"), plane("xray.rescaling.grid_out", y, pick, "out"))
    return XRay(call.spec.name, "Rescaling", summary, code, checks, grids, notes, input_output_heats(call, pick))


# -- random augmentation ---------------------------------------------------------------------------
def _percent(value: float) -> str:
    return f"{100 * value:+.4g}%"


def _summary(call: LayerCall) -> Text:
    """The identity at inference, and what the layer does in training with its real factors (the layer's own
    lower and upper bounds), in one sentence."""
    layer, cls, shape = call.layer, call.spec.kind, _shape_words(call)
    if cls == "RandomFlip":
        return {"horizontal": Text.of("xray.random_flip.horizontal", **shape),
                "vertical": Text.of("xray.random_flip.vertical", **shape)}.get(
            layer.mode, Text.of("xray.random_flip.horizontal_and_vertical", **shape))
    if cls == "RandomRotation":
        low, high = layer.factor
        return Text.of("xray.random_rotation.training", low=f"{360 * low:.4g}", high=f"{360 * high:.4g}",
                       fill=layer.fill_mode, **shape)
    if cls == "RandomZoom":
        params = {"low": _percent(layer.height_lower), "high": _percent(layer.height_upper),
                  "fill": layer.fill_mode, **shape}
        if layer.width_factor is None:
            return Text.of("xray.random_zoom.training_same", **params)
        return Text.of("xray.random_zoom.training", wlow=_percent(layer.width_lower),
                       whigh=_percent(layer.width_upper), **params)
    if cls == "RandomTranslation":
        return Text.of("xray.random_translation.training", low=_percent(layer.height_lower),
                       high=_percent(layer.height_upper), wlow=_percent(layer.width_lower),
                       whigh=_percent(layer.width_upper), fill=layer.fill_mode, **shape)
    if cls in _MORE:
        return _MORE[cls](layer, shape)
    low, high = layer.factor
    lo, hi = layer.value_range
    return Text.of("xray.random_contrast.training", low=f"{1 - low:.4g}", high=f"{1 + high:.4g}",
                   range=f"[{lo:g}, {hi:g}]", **shape)


def _pair(values) -> dict[str, str]:
    """A layer's (lower, upper) factor as the words show it."""
    low, high = values
    return {"low": f"{float(low):.4g}", "high": f"{float(high):.4g}"}


def _value_range(layer) -> str:
    lo, hi = layer.value_range
    return f"[{float(lo):g}, {float(hi):g}]"


def _erasing(layer, shape) -> Text:
    fill = "None" if layer.fill_value is None else f"{float(layer.fill_value):g}"
    slow, shigh = layer.scale
    return Text.of("xray.random_erasing.training", **_pair(layer.factor), slow=f"{float(slow):.4g}",
                   shigh=f"{float(shigh):.4g}", fill=fill, **shape)


def _shear(layer, shape) -> Text:
    xlow, xhigh = layer.x_factor
    ylow, yhigh = layer.y_factor
    return Text.of("xray.random_shear.training", xlow=f"{float(xlow):.4g}", xhigh=f"{float(xhigh):.4g}",
                   ylow=f"{float(ylow):.4g}", yhigh=f"{float(yhigh):.4g}", fill=layer.fill_mode, **shape)


_MORE = {  # the summaries of the later augmentation kinds: (the built layer, its shape words) -> Text
    "RandomBrightness": lambda layer, shape: Text.of("xray.random_brightness.training", **_pair(layer.factor),
                                                     range=_value_range(layer), **shape),
    "RandomGrayscale": lambda layer, shape: Text.of("xray.random_grayscale.training", p=f"{float(layer.factor):g}",
                                                    **shape),
    "RandomHue": lambda layer, shape: Text.of("xray.random_hue.training", **_pair(layer.factor), **shape),
    "RandomSaturation": lambda layer, shape: Text.of("xray.random_saturation.training", **_pair(layer.factor),
                                                     **shape),
    "RandomShear": _shear,
    "RandomErasing": _erasing,
    "RandomCrop": lambda layer, shape: Text.of("xray.random_crop.whole", height=layer.height, width=layer.width,
                                               **shape),
    "RandomSharpness": lambda layer, shape: Text.of("xray.random_sharpness.training", **_pair(layer.factor), **shape),
    "RandomGaussianBlur": lambda layer, shape: _blur(layer, shape),
    "RandomPerspective": lambda layer, shape: Text.of("xray.random_perspective.training", **_pair(layer.factor),
                                                      scale=f"{float(layer.scale):g}",
                                                      fill=f"{float(layer.fill_value):g}", **shape),
    "RandomPosterization": lambda layer, shape: Text.of("xray.random_posterization.training", **_pair(layer.factor),
                                                        **shape),
    "RandomInvert": lambda layer, shape: Text.of("xray.random_invert.training", **_pair(layer.factor),
                                                 range=_value_range(layer), **shape),
    "RandomColorDegeneration": lambda layer, shape: Text.of("xray.random_color_degeneration.training",
                                                            **_pair(layer.factor), **shape),
    "RandomColorJitter": lambda layer, shape: Text.of(
        "xray.random_color_jitter.training", **{name: repr(getattr(layer, f"{name}_factor"))
                                                for name in ("brightness", "contrast", "saturation", "hue")},
        **shape),
    "Solarization": lambda layer, shape: _solarization(layer, shape),
}


def _blur(layer, shape) -> Text:
    slow, shigh = layer.sigma
    kernel = "×".join(str(int(k)) for k in layer.kernel_size)
    return Text.of("xray.random_gaussian_blur.training", **_pair(layer.factor), kernel=kernel,
                   slow=f"{float(slow):.4g}", shigh=f"{float(shigh):.4g}", **shape)


def _solarization(layer, shape) -> Text:
    alow, ahigh = layer.addition_factor
    tlow, thigh = layer.threshold_factor
    return Text.of("xray.solarization.training", alow=f"{float(alow):.4g}", ahigh=f"{float(ahigh):.4g}",
                   tlow=f"{float(tlow):.4g}", thigh=f"{float(thigh):.4g}", range=_value_range(layer), **shape)


def augmentation_xray(call: LayerCall) -> XRay:
    """At inference out = x exactly; the summary says what training would do with this layer's factors."""
    x, y = call.x, call.y
    cls = call.spec.kind
    n, notes = bounded(call, "xray.augment.bounded", 2 * per_sample(x))
    pick = call.picked()
    checks = (check("xray.augment.check", x[:n], y[:n], n=n),)
    notes += (Text.of("xray.augment.when"), _inside())
    code = (Line("out = x", Text.of("xray.augment.code", shape=shape_text(x.shape))),)
    summary = _summary(call)
    grids = (plane("xray.augment.grid_out", y, pick, "out"),)
    return XRay(call.spec.name, cls, summary, code, checks, grids, notes, input_output_heats(call, pick))


# -- Resizing, CenterCrop ------------------------------------------------------------------------------
def crop_box(height: int, width: int, target_h: int, target_w: int) -> tuple[int, int, int, int]:
    """(row start, rows, column start, columns) of the centred window of the target's aspect ratio, as
    Keras computes it (float32 quotients, truncated)."""
    rows = max(min(height, int(np.float32(width * target_h) / np.float32(target_w))), 1)
    cols = max(min(width, int(np.float32(height * target_w) / np.float32(target_h))), 1)
    return int(np.float32(height - rows) / 2), rows, int(np.float32(width - cols) / 2), cols


@dataclass(frozen=True)
class Axis1D:
    """Where each output index along one axis reads: nearest: `low` only; bilinear: `low` and `high`
    mixed by (1 − frac, frac)."""

    low: np.ndarray
    high: np.ndarray
    frac: np.ndarray
    source: np.ndarray  # the (fractional) source position of each output index


def sources(out_size: int, in_size: int, nearest: bool) -> Axis1D:
    """TensorFlow's half-pixel centres: output index i sits at (i + ½)·in/out in the input."""
    scale = in_size / out_size
    i = np.arange(out_size)
    if nearest:
        low = np.minimum(np.floor((i + 0.5) * scale).astype(int), in_size - 1)
        return Axis1D(low, low, np.zeros(out_size), (i + 0.5) * scale)
    s = (i + 0.5) * scale - 0.5
    floor = np.floor(s)
    low = np.clip(floor.astype(int), 0, in_size - 1)
    high = np.clip(floor.astype(int) + 1, 0, in_size - 1)
    return Axis1D(low, high, s - floor, s)


def resize(x: np.ndarray, rows: Axis1D, cols: Axis1D) -> np.ndarray:
    """x (B, H, W, C) in float64 resized by the row and column maps (nearest when low == high)."""
    fr = rows.frac[None, :, None, None]
    fc = cols.frac[None, None, :, None]
    mixed = x[:, rows.low] * (1 - fr) + x[:, rows.high] * fr
    return mixed[:, :, cols.low] * (1 - fc) + mixed[:, :, cols.high] * fc


def _resize_pick(call: LayerCall, x: np.ndarray, pick, rows: Axis1D, cols: Axis1D, top: int, left: int,
                 nearest: bool) -> tuple[float, tuple[Text, ...], tuple[tuple[int, int], ...]]:
    """The followed number by hand: its value, the note that says where it comes from, the input cells read
    (in the input's own rows and columns: the crop's start added)."""
    b, i, j, c = pick
    if nearest:
        r, k = int(rows.low[i]) + top, int(cols.low[j]) + left
        value = float(x[b, r, k, c])
        note = Text.of("xray.resizing.nearest", out=index_text(pick), i=i, j=j, row=r, col=k,
                       src=index_text((b, r, k, c)), value=f"{value:.4g}")
        return value, (note,), ((r, k),)
    r0, r1, k0, k1 = (int(rows.low[i]) + top, int(rows.high[i]) + top, int(cols.low[j]) + left,
                      int(cols.high[j]) + left)
    fr, fc = float(rows.frac[i]), float(cols.frac[j])
    cells = ((r0, k0, (1 - fr) * (1 - fc)), (r0, k1, (1 - fr) * fc), (r1, k0, fr * (1 - fc)), (r1, k1, fr * fc))
    value = sum(w * float(x[b, r, k, c]) for r, k, w in cells)
    terms = " + ".join(f"{w:.4f}·{_term(float(x[b, r, k, c]))}" for r, k, w in cells)
    note = Text.of("xray.resizing.bilinear", out=index_text(pick), row=f"{float(rows.source[i]) + top:.4g}",
                   col=f"{float(cols.source[j]) + left:.4g}", cells=", ".join(f"[{r}, {k}]" for r, k, _ in cells),
                   terms=terms, value=f"{value:.4g}")
    return value, (note,), tuple((r, k) for r, k, _ in cells)


def _resized(call: LayerCall, nearest: bool, crop: bool, kind_key: str) -> XRay:
    """Resizing (and CenterCrop of a smaller image) recomputed: crop to the aspect ratio if asked, then
    nearest or bilinear, checked against the layer's output; the followed number by hand."""
    x, y = call.x, call.y
    height, width = y.shape[1:3]
    top, rows_in, left, cols_in = (crop_box(x.shape[1], x.shape[2], height, width) if crop
                                   else (0, x.shape[1], 0, x.shape[2]))
    rows, cols = sources(height, rows_in, nearest), sources(width, cols_in, nearest)
    n, notes = bounded(call, "xray.resizing.bounded", 2 * per_sample(x) + 3 * per_sample(y))
    window = x[:n, top:top + rows_in, left:left + cols_in].astype(np.float64)
    ours = resize(window, rows, cols)
    pick = call.picked()
    value, where, cells = _resize_pick(call, x, pick, rows, cols, top, left, nearest)
    checks = (check("xray.resizing.check", ours, y[:n], n=n),
              check("xray.resizing.check_pick", np.array([value]), np.array([y[pick]]), out=index_text(pick)))
    if crop:
        notes += (Text.of("xray.resizing.crop", top=top, bottom=top + rows_in - 1, left=left,
                          right=left + cols_in - 1, rows=rows_in, cols=cols_in, height=height, width=width),)
    notes += where + (_inside(),)
    H, W = rows_in, cols_in
    if nearest:
        code = (Line(f"rows = np.minimum(((np.arange({height}) + 0.5) * {H} / {height}).astype(int), {H - 1})",
                     Text.of("xray.resizing.code.rows")),
                Line(f"cols = np.minimum(((np.arange({width}) + 0.5) * {W} / {width}).astype(int), {W - 1})"),
                Line("out = x[:, rows][:, :, cols]", f"{shape_text(x.shape)} -> {shape_text(y.shape)}"))
    else:
        code = (Line(f"s = (np.arange({height}) + 0.5) * {H} / {height} - 0.5",
                     Text.of("xray.resizing.code.source")),
                Line("low = np.floor(s).astype(int)"),
                Line("frac = s - low"),
                Line("rows = (1 - frac) * x[:, low] + frac * x[:, low + 1]", Text.of("xray.resizing.code.mix")),
                Line(f"s = (np.arange({width}) + 0.5) * {W} / {width} - 0.5", Text.of("xray.resizing.code.columns")),
                Line("low = np.floor(s).astype(int)"),
                Line("frac = s - low"),
                Line("out = (1 - frac) * rows[:, :, low] + frac * rows[:, :, low + 1]",
                     f"{shape_text(x.shape)} -> {shape_text(y.shape)}"),
                Line("", Text.of("xray.resizing.code.edges")))
    if crop:
        code = (Line(f"x = x[:, {top}:{top + rows_in}, {left}:{left + cols_in}, :]",
                     Text.of("xray.resizing.code.crop")),) + code
    summary = Text.of(kind_key, height=height, width=width, H=x.shape[1], W=x.shape[2],
                      interpolation="nearest" if nearest else "bilinear", **_shape_words(call))
    grids = (plane("xray.resizing.grid_in", x, (pick[0], cells[0][0], cells[0][1], pick[3]), "x", marks=cells),
             plane("xray.resizing.grid_out", y, pick, "out"))
    (top_row, left_col), (last_row, last_col) = np.min(cells, axis=0), np.max(cells, axis=0)
    heats = (heat_at("xray.resizing.heat_in", x, (pick[0], *cells[0], pick[3]), "x", call.in_axes,
                     (int(last_row - top_row) + 1, int(last_col - left_col) + 1),
                     corner=(pick[0], int(top_row), int(left_col), pick[3]), out=index_text(pick)),
             heat_at("live.xray.heat_out", y, pick, "out", call.out_axes))
    return XRay(call.spec.name, call.spec.kind, summary, code, checks, grids, notes, heats)


def resizing_xray(call: LayerCall) -> XRay:
    layer = call.layer
    interpolation = layer.interpolation
    if interpolation not in ("nearest", "bilinear") or layer.pad_to_aspect_ratio or layer.antialias:
        pick = call.picked()
        summary = Text.of("xray.resizing.unchecked", interpolation=interpolation, **_shape_words(call))
        grids = (plane("xray.resizing.grid_out", call.y, pick, "out"),)
        return XRay(call.spec.name, "Resizing", summary, "out = keras.ops.image.resize(x, ...)", (), grids,
                    (_inside(),), (heat_at("live.xray.heat_out", call.y, pick, "out", call.out_axes),))
    return _resized(call, interpolation == "nearest", bool(layer.crop_to_aspect_ratio), "xray.resizing.summary")


def centercrop_xray(call: LayerCall) -> XRay:
    """The centred window by index; an image smaller than the window is resized first (smart_resize)."""
    x, y = call.x, call.y
    H, W = x.shape[1:3]
    height, width = y.shape[1:3]
    if height > H or width > W:
        return _resized(call, nearest=False, crop=True, kind_key="xray.centercrop.summary_small")
    top, left = (H - height) // 2, (W - width) // 2
    n, notes = bounded(call, "xray.resizing.bounded", 2 * per_sample(y))
    pick = call.picked()
    b, i, j, c = pick
    src = (b, i + top, j + left, c)
    checks = (check("xray.centercrop.check", x[:n, top:top + height, left:left + width], y[:n], n=n),
              check("xray.resizing.check_pick", np.array([x[src]]), np.array([y[pick]]), out=index_text(pick)))
    notes += (Text.of("xray.centercrop.where", out=index_text(pick), src=index_text(src), top=top, left=left,
                      value=f"{float(x[src]):.4g}"), _inside())
    code = (Line(f"top, left = ({H} - {height}) // 2, ({W} - {width}) // 2", Text.of("xray.centercrop.code")),
            Line(f"out = x[:, {top}:{top + height}, {left}:{left + width}, :]",
                 f"{shape_text(x.shape)} -> {shape_text(y.shape)}"))
    summary = Text.of("xray.centercrop.summary", height=height, width=width, H=H, W=W, top=top,
                      bottom=top + height - 1, left=left, right=left + width - 1, **_shape_words(call))
    grids = (plane("xray.resizing.grid_in", x, src, "x"), plane("xray.resizing.grid_out", y, pick, "out"))
    return XRay(call.spec.name, "CenterCrop", summary, code, checks, grids, notes,
                input_output_heats(call, src, pick))


# -- Normalization -----------------------------------------------------------------------------------------
def normalization_xray(call: LayerCall) -> XRay:
    """(x − mean) / max(√variance, 1e-7) with the layer's own (broadcast) mean and variance. When a tiny
    variance makes the outputs large, float32 keeps too few digits for a difference below 1e-5: the checks
    then scale the layer's output back (out · spread + mean against x), where its digits suffice."""
    x, y, layer = call.x, call.y, call.layer
    mean = np.asarray(layer.mean, dtype=np.float64)
    variance = np.asarray(layer.variance, dtype=np.float64)
    spread = np.maximum(np.sqrt(variance), EPSILON)
    invert = bool(layer.invert)
    n, notes = bounded(call, "xray.normalization.bounded", 3 * per_sample(x))
    xs = x[:n].astype(np.float64)
    pick = call.picked()
    at = tuple(0 if size == 1 else i for i, size in zip(pick, mean.shape))  # the followed number's mean, variance
    m, v, d = float(mean[at]), float(variance[at]), float(spread[at])
    value = m + float(x[pick]) * d if invert else (float(x[pick]) - m) / d
    if invert or float(spread.min()) >= SMALL_SPREAD:
        ours = mean + xs * spread if invert else (xs - mean) / spread
        checks = (check("xray.normalization.check", ours, y[:n], n=n),
                  check("xray.normalization.check_pick", np.array([value]), np.array([y[pick]]),
                        out=index_text(pick)))
    else:
        back = y[:n].astype(np.float64) * spread + mean
        checks = (check("xray.normalization.check_back", back, xs, n=n),
                  check("xray.normalization.check_back_pick", np.array([float(y[pick]) * d + m]),
                        np.array([float(x[pick])]), out=index_text(pick)))
        notes += (Text.of("xray.normalization.tiny", variance=f"{float(variance.min()):.3g}"),)
    words = dict(out=index_text(pick), x=_term(float(x[pick])), mean=_term(m), variance=f"{v:.4g}",
                 spread=f"{d:.4g}", value=f"{value:.4g}")
    where = (Text.of("xray.normalization.where_invert", **words) if invert
             else Text.of("xray.normalization.where", **words))
    given = call.spec.arg("mean")
    adapts = given is None and call.spec.arg("variance") is None  # weights, before adapt(): mean 0, variance 1
    per_entry = adapts or (isinstance(given, tuple) and len(given) > 1)
    kept = [a for a, size in enumerate(mean.shape) if size != 1] if per_entry else []
    if adapts:
        size = x.shape[kept[0]] if kept else 1
        notes += (Text.of("xray.normalization.adapt", layer=call.spec.name, count=2 * size + 1,
                          count_now=int(np.asarray(layer.count))),)
    if kept:
        notes += (Text.of("xray.normalization.per_entry", letter=call.in_axes[kept[0]], size=x.shape[kept[0]]),)
    notes += (where, _inside())
    formula = ("out = mean + x * np.maximum(np.sqrt(variance), 1e-7)" if invert
               else "out = (x - mean) / np.maximum(np.sqrt(variance), 1e-7)")
    stats_shape = tuple(size if a in kept else 1 for a, size in enumerate(mean.shape))
    code = (Line(formula, Text.of("xray.normalization.code", shape=shape_text(x.shape),
                                  stats=shape_text(stats_shape))),)
    summary_key = ("xray.normalization.summary_adapt" if adapts else
                   "xray.normalization.summary_invert" if invert else "xray.normalization.summary")
    summary = Text.of(summary_key, **_shape_words(call))
    grids = [plane("xray.normalization.grid_in", x, pick, "x")]
    if kept:
        axis = kept[0]
        stats = np.stack([mean.reshape(-1), variance.reshape(-1)])
        grids.append(grid(Text.of("xray.normalization.grid_stats", letter=call.in_axes[axis], entry=pick[axis]),
                          stats, 0, pick[axis], "col", size=stats.shape))
    grids.append(plane("xray.normalization.grid_out", y, pick, "out"))
    return XRay(call.spec.name, "Normalization", summary, code, checks, tuple(grids), notes,
                input_output_heats(call, pick))


# -- mistakes ------------------------------------------------------------------------------------------------
def _mistake(key: str, title: str, why: str, model, layer, broken, core, **params: str) -> tuple[Mistake, ...]:
    """One mistake whose broken layer really breaks this model (Keras's own error, or the explorer's refusal)."""
    if not breaks(model, broken, core):
        return ()
    return (Mistake(key, layer.name, tuple({"layer": layer.name, **params}.items()), broken=broken,
                    code=core.layer_code(broken), title_key=title, why_key=why),)


def rotation_mistakes(model, layer, step, core) -> tuple[Mistake, ...]:
    """An angle in degrees where Keras wants a fraction of a full turn: RandomRotation(36) for 0.1."""
    factor = layer.arg("factor")
    turn = max(abs(f) for f in factor) if isinstance(factor, tuple) else abs(factor or 0.0)
    degrees = float(round(360 * turn)) or 30.0
    return _mistake("rotation_degrees", "mistake.rotation_degrees.title", "mistake.rotation_degrees.why", model,
                    layer, with_args(layer, factor=degrees), core, degrees=f"{degrees:g}",
                    fraction=f"{degrees / 360:.4g}")


def translation_mistakes(model, layer, step, core) -> tuple[Mistake, ...]:
    """A shift in pixels where Keras wants a fraction of the height and of the width."""
    height, width = step.input_shapes[0][1:3]
    if height is None or width is None:
        return ()
    rows, cols = max(2, round(0.1 * height)), max(2, round(0.1 * width))
    broken = with_args(layer, height_factor=rows, width_factor=cols)
    return _mistake("translation_pixels", "mistake.translation_pixels.title", "mistake.translation_pixels.why",
                    model, layer, broken, core, rows=str(rows), cols=str(cols), height=str(height), width=str(width),
                    fraction_rows=f"{rows / height:.3g}", fraction_cols=f"{cols / width:.3g}")


def normalization_mistakes(model, layer, step, core) -> tuple[Mistake, ...]:
    """Normalization() whose adapt() is forgotten: Keras keeps mean 0 and variance 1 and lets every number through
    unchanged, silently. Run on a small batch of 0..255 numbers with this layer's channel count: the largest gap
    between the layer not adapted and the same layer adapted to that batch."""
    shape = step.input_shapes[0]
    axis = layer.arg("axis", -1)
    axis = (axis[0] if len(axis) == 1 else None) if isinstance(axis, tuple) else axis  # one kept axis only
    if axis is None or not -len(shape) <= axis < len(shape) or shape[axis] is None or shape[axis] > MISTAKE_CHANNELS:
        return ()
    size = shape[axis]
    made = "layers.Normalization()" if axis == -1 else f"layers.Normalization(axis={axis})"
    code = (Line(f"{layer.name} = {made}", Text.of("mistake.normalization_adapt.code.made")),
            Line("model.fit(x_train, y_train)", Text.of("mistake.normalization_adapt.code.fit", layer=layer.name)))
    return (Mistake("normalization_adapt", layer.name, (("layer", layer.name), ("size", str(size))),
                    run=lambda: forgotten_adapt(size), code=code, title_key="mistake.normalization_adapt.title",
                    why_key="mistake.normalization_adapt.why"),)


MISTAKE_CHANNELS = 4096  # the made-up batch of the forgotten adapt(): 16 rows of this many numbers at most


def forgotten_adapt(size: int) -> float:
    """How far a Normalization never adapted is from the same layer adapted, on 16 rows of 0..255 numbers."""
    import keras

    data = np.random.default_rng(4).uniform(0, 255, size=(16, size)).astype(np.float32)
    forgotten, adapted = keras.layers.Normalization(), keras.layers.Normalization()
    adapted.adapt(data)
    return float(np.abs(np.asarray(forgotten(data), np.float64) - np.asarray(adapted(data), np.float64)).max())
