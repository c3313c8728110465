"""X-rays of the layers that keep the shape: Activation, ReLU, LeakyReLU, PReLU, ELU, Softmax, the layers that
are the identity at inference (Identity, Dropout, SpatialDropout1D/2D/3D, GaussianNoise, GaussianDropout),
Masking and the normalizations (Batch, Layer, Unit, Group).

Activation          out = f(x) number by number (softmax and log_softmax: over the last axis).
LeakyReLU, ELU      out = x if x > 0, else negative_slope · x / alpha · (exp(x) − 1).
PReLU               out = max(x, 0) − alpha · max(−x, 0), alpha the layer's real weight (size 1 on shared axes).
Softmax             out = exp(x) / Σ exp(x) along the layer's axis.
Identity, Dropout, SpatialDropout1D/2D/3D, GaussianNoise, GaussianDropout
                    at inference (training=False) out = x exactly.
Masking             out = x where some feature of the step differs from mask_value, else 0.
UnitNormalization   out = x / ‖x‖₂ along the axis (the norm at least 1e-12).
GroupNormalization  out = gamma · (x − mean) / sqrt(var + epsilon) + beta, mean and variance of each sample's
                    group of channels (over every other axis but the batch).
BatchNormalization  out = gamma · (x − moving_mean) / sqrt(moving_variance + epsilon) + beta, the
                    four (C,) vectors along `axis` (gamma 1 without scale, beta 0 without center).
LayerNormalization  out = gamma · (x − mean) / sqrt(var + epsilon) + beta, mean and (population)
                    variance of each sample over `axis`.
Everything is recomputed in float64 on the first n samples that fit in the X-ray's memory.
"""
from __future__ import annotations

import math

import numpy as np

from ...description import Step, named, shape_text
from ...spec import LayerSpec, ModelSpec
from ...live.base import (Core, LayerCall, Line, Mistake, Text, XRay, along_mark, check, index_text,
                          input_output_heats, plane_box)
from ..reshaping.xray import breaks, bounded, grid_at, per_sample, with_args

SELU_ALPHA, SELU_SCALE = 1.6732632423543772, 1.0507009873554805
_erf = np.vectorize(math.erf, otypes=[np.float64])


def _sigmoid(x):
    return 0.5 * (1.0 + np.tanh(0.5 * x))


def _hard_sigmoid(x):
    return np.clip(x + 3.0, 0.0, 6.0) / 6.0


def _softmax(x):
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def _log_softmax(x):
    shifted = x - x.max(axis=-1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))


# Keras 3's definitions (keras/src/activations/activations.py), with its default arguments
ACTIVATIONS = {
    "linear": (lambda x: x, "x"),
    "relu": (lambda x: np.maximum(x, 0.0), "max(x, 0)"),
    "sigmoid": (_sigmoid, "1 / (1 + exp(−x))"),
    "tanh": (np.tanh, "tanh(x)"),
    "softmax": (_softmax, "exp(x) / Σ exp(x)"),
    "elu": (lambda x: np.where(x > 0, x, np.expm1(np.minimum(x, 0.0))), "x if x > 0 else exp(x) − 1"),
    "selu": (lambda x: SELU_SCALE * np.where(x > 0, x, SELU_ALPHA * np.expm1(np.minimum(x, 0.0))),
             "1.0507·(x if x > 0 else 1.6733·(exp(x) − 1))"),
    "gelu": (lambda x: 0.5 * x * (1.0 + _erf(x / math.sqrt(2.0))), "x · ½(1 + erf(x / √2))"),
    "swish": (lambda x: x * _sigmoid(x), "x · sigmoid(x)"),
    "silu": (lambda x: x * _sigmoid(x), "x · sigmoid(x)"),
    "softplus": (lambda x: np.logaddexp(0.0, x), "log(1 + exp(x))"),
    "softsign": (lambda x: x / (1.0 + np.abs(x)), "x / (1 + |x|)"),
    "exponential": (np.exp, "exp(x)"),
    "hard_sigmoid": (_hard_sigmoid, "clip((x + 3) / 6, 0, 1)"),
    "leaky_relu": (lambda x: np.where(x > 0, x, 0.2 * x), "x if x > 0 else 0.2·x"),
    "relu6": (lambda x: np.clip(x, 0.0, 6.0), "min(max(x, 0), 6)"),
    "mish": (lambda x: x * np.tanh(np.logaddexp(0.0, x)), "x · tanh(log(1 + exp(x)))"),
    "log_softmax": (_log_softmax, "x − log Σ exp(x)"),
    "hard_silu": (lambda x: x * _hard_sigmoid(x), "x · clip((x + 3) / 6, 0, 1)"),
    "hard_swish": (lambda x: x * _hard_sigmoid(x), "x · clip((x + 3) / 6, 0, 1)"),
}
ROW_WISE = ("softmax", "log_softmax")  # each output number depends on its whole last-axis row (Σ: over it)


def term(value: float) -> str:
    """A number written after an operator: 0.25, or (-0.25) in parentheses."""
    return f"{value:.4g}" if value >= 0 else f"({value:.4g})"


def _shape_words(call: LayerCall) -> dict[str, str]:
    return {"shape": shape_text(call.y.shape), "axes": named(call.out_axes)}


# -- Activation ----------------------------------------------------------------------------------
def activation_xray(call: LayerCall) -> XRay:
    """out = f(x), f computed with numpy; an activation this module does not know is not checked."""
    x, y = call.x, call.y
    name = call.spec.arg("activation") or "linear"
    pick = call.picked()
    summary = Text.of("xray.activation.summary", name=name, **_shape_words(call))
    grids = (grid_at("xray.activation.grid_in", x, pick, "x", mark="row" if name in ROW_WISE else "cell"),
             grid_at("xray.activation.grid_out", y, pick, "out"))
    heats = input_output_heats(call, pick, in_mark=along_mark((x.ndim - 1,), x.ndim) if name in ROW_WISE else "cell")
    if name not in ACTIVATIONS:
        return XRay(call.spec.name, "Activation", summary, f"out = keras.activations.{name}(x)", (), grids,
                    (Text.of("xray.activation.unchecked", name=name),), heats)
    fn, formula = ACTIVATIONS[name]
    n, notes = bounded(call, "xray.activation.bounded", 5 * per_sample(x))
    ours = fn(x[:n].astype(np.float64))
    checks = [check("xray.activation.check", ours, y[:n], n=n, name=name)]
    if name in ROW_WISE:
        row = x[pick[:-1]].astype(np.float64)
        value = float(fn(row)[pick[-1]])
        notes += (Text.of("xray.activation.row", out=index_text(pick), row=index_text(pick[:-1]),
                          size=x.shape[-1], value=f"{value:.4g}"),)
    else:
        value = float(fn(np.float64(x[pick])))
        notes += (Text.of("xray.activation.where", out=index_text(pick), name=name, x=f"{float(x[pick]):.4g}",
                          value=f"{value:.4g}"),)
    checks.append(check("xray.activation.check_pick", np.array([value]), np.array([y[pick]]), out=index_text(pick)))
    code_key = "xray.activation.code.row" if name in ROW_WISE else "xray.activation.code.each"
    code = (Line(f"out = {formula}", Text.of(code_key, name=name, shape=shape_text(x.shape), out=shape_text(y.shape))),)
    return XRay(call.spec.name, "Activation", summary, code, tuple(checks), grids, notes, heats)


# -- ReLU ------------------------------------------------------------------------------------------
def relu(x: np.ndarray, max_value: float | None, negative_slope: float, threshold: float) -> np.ndarray:
    """Keras 3's ReLU layer, number by number: x where x > threshold, else 0; capped at max_value; minus
    negative_slope · (threshold − x) below the threshold."""
    out = np.where(x > threshold, x, 0.0) if threshold != 0 else np.maximum(x, 0.0)
    if max_value is not None:
        out = np.clip(out, 0.0, max_value)
    if negative_slope != 0:
        out = out - negative_slope * np.maximum(threshold - x, 0.0)
    return out


def relu_xray(call: LayerCall) -> XRay:
    """out = relu(x) with the layer's real max_value, negative_slope and threshold, against its output."""
    x, y = call.x, call.y
    layer = call.layer
    max_value = None if layer.max_value is None else float(layer.max_value)
    slope, threshold = float(layer.negative_slope), float(layer.threshold)
    pick = call.picked()
    settings = f"max_value={max_value}, negative_slope={slope:g}, threshold={threshold:g}"
    summary = Text.of("xray.relu.summary", settings=settings, **_shape_words(call))
    grids = (grid_at("xray.activation.grid_in", x, pick, "x", mark="cell"),
             grid_at("xray.activation.grid_out", y, pick, "out", mark="cell"))
    n, notes = bounded(call, "xray.activation.bounded", 5 * per_sample(x))
    checks = [check("xray.relu.check", relu(x[:n].astype(np.float64), max_value, slope, threshold), y[:n], n=n)]
    value = float(relu(np.float64(x[pick]), max_value, slope, threshold))
    notes += (Text.of("xray.relu.where", out=index_text(pick), x=f"{float(x[pick]):.4g}", value=f"{value:.4g}"),)
    checks.append(check("xray.activation.check_pick", np.array([value]), np.array([y[pick]]), out=index_text(pick)))
    formula = "np.maximum(x, 0)" if threshold == 0 else f"np.where(x > {threshold:g}, x, 0)"
    if max_value is not None:
        formula = f"np.clip({formula}, 0, {max_value:g})"
    if slope:
        formula = f"{formula} - {slope:g} * np.maximum({threshold:g} - x, 0)"
    code = (Line(f"out = {formula}", Text.of("xray.relu.code", shape=shape_text(x.shape), out=shape_text(y.shape))),)
    return XRay(call.spec.name, "ReLU", summary, code, tuple(checks), grids, notes, input_output_heats(call, pick))


# -- LeakyReLU, ELU ------------------------------------------------------------------------------
def _each_number(call: LayerCall, fn, formula: str, summary: Text, check_key: str, where_key: str,
                 code_key: str) -> XRay:
    """out = fn(x) number by number, against the layer's output, and the followed number by hand."""
    x, y = call.x, call.y
    pick = call.picked()
    grids = (grid_at("xray.activation.grid_in", x, pick, "x", mark="cell"),
             grid_at("xray.activation.grid_out", y, pick, "out", mark="cell"))
    n, notes = bounded(call, "xray.activation.bounded", 5 * per_sample(x))
    checks = [check(check_key, fn(x[:n].astype(np.float64)), y[:n], n=n)]
    value = float(fn(np.float64(x[pick])))
    notes += (Text.of(where_key, out=index_text(pick), x=f"{float(x[pick]):.4g}", value=f"{value:.4g}"),)
    checks.append(check("xray.activation.check_pick", np.array([value]), np.array([y[pick]]), out=index_text(pick)))
    code = (Line(f"out = {formula}", Text.of(code_key, shape=shape_text(x.shape), out=shape_text(y.shape))),)
    return XRay(call.spec.name, call.spec.kind, summary, code, tuple(checks), grids, notes,
                input_output_heats(call, pick))


def leaky_relu_xray(call: LayerCall) -> XRay:
    """out = x if x > 0 else negative_slope · x, with the layer's real slope."""
    slope = float(call.layer.negative_slope)
    return _each_number(call, lambda x: np.where(x > 0, x, slope * x), f"np.where(x > 0, x, {slope:g} * x)",
                        Text.of("xray.leaky_relu.summary", slope=f"{slope:g}", **_shape_words(call)),
                        "xray.leaky_relu.check", "xray.leaky_relu.where", "xray.leaky_relu.code")


def elu_xray(call: LayerCall) -> XRay:
    """out = x if x > 0 else alpha · (exp(x) − 1), with the layer's real alpha."""
    alpha = float(call.layer.alpha)
    return _each_number(call, lambda x: np.where(x > 0, x, alpha * np.expm1(np.minimum(x, 0.0))),
                        f"np.where(x > 0, x, {alpha:g} * (np.exp(x) - 1))",
                        Text.of("xray.elu.summary", alpha=f"{alpha:g}", **_shape_words(call)),
                        "xray.elu.check", "xray.elu.where", "xray.elu.code")


# -- PReLU ---------------------------------------------------------------------------------------------
def prelu_xray(call: LayerCall) -> XRay:
    """out = max(x, 0) − alpha · max(−x, 0), alpha (the input's shape without the batch, 1 on shared axes)
    broadcast over the batch."""
    x, y = call.x, call.y
    alpha = np.asarray(call.layer.alpha, dtype=np.float64)
    n, notes = bounded(call, "xray.prelu.bounded", 4 * per_sample(x))
    xs = x[:n].astype(np.float64)
    ours = np.maximum(xs, 0.0) - alpha[None] * np.maximum(-xs, 0.0)
    pick = call.picked()
    at = tuple(0 if size == 1 else i for i, size in zip(pick[1:], alpha.shape))  # alpha's number for out[pick]
    a, v = float(alpha[at]), float(x[pick])
    value = max(v, 0.0) - a * max(-v, 0.0)
    checks = (check("xray.prelu.check", ours, y[:n], n=n),
              check("xray.activation.check_pick", np.array([value]), np.array([y[pick]]), out=index_text(pick)))
    notes += (Text.of("xray.prelu.where", out=index_text(pick), x=f"{v:.4g}", at=index_text(at), alpha=term(a),
                      value=f"{value:.4g}"),)
    shared = [call.in_axes[i + 1] for i, size in enumerate(alpha.shape) if size == 1 and x.shape[i + 1] != 1]
    if shared:
        notes += (Text.of("xray.prelu.shared", letters=", ".join(shared), shape=shape_text(alpha.shape)),)
    if not alpha.any():
        notes += (Text.of("xray.prelu.zeros"),)
    code = (Line("out = np.maximum(x, 0) - alpha * np.maximum(-x, 0)",
                 Text.of("xray.prelu.code", alpha=shape_text(alpha.shape), shape=shape_text(x.shape))),)
    summary = Text.of("xray.prelu.summary", alpha=shape_text(alpha.shape), count=alpha.size, **_shape_words(call))
    grids = (grid_at("xray.activation.grid_in", x, pick, "x", mark="cell"),
             grid_at("xray.prelu.grid_alpha", alpha, at, "alpha", mark="cell"),
             grid_at("xray.activation.grid_out", y, pick, "out", mark="cell"))
    return XRay(call.spec.name, "PReLU", summary, code, checks, grids, notes, input_output_heats(call, pick))


# -- Softmax, UnitNormalization: each number with the others along one axis --------------------------------
def _along_axis(call: LayerCall) -> tuple[int, tuple[int, ...], str, str]:
    """(axis, the followed index, the index of its row along the axis as text, the input grid's mark)."""
    rank = call.x.ndim
    axis = _axes(call.layer.axis, rank)[0]
    pick = call.picked()
    row = "[" + ", ".join(":" if i == axis else str(p) for i, p in enumerate(pick)) + "]"
    mark = {rank - 1: "row", rank - 2: "col"}.get(axis, "cell")
    return axis, pick, row, mark


def _row_of(x: np.ndarray, pick: tuple[int, ...], axis: int) -> np.ndarray:
    return np.asarray(x[tuple(slice(None) if i == axis else p for i, p in enumerate(pick))], dtype=np.float64)


def softmax(x: np.ndarray, axis: int) -> np.ndarray:
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def softmax_xray(call: LayerCall) -> XRay:
    """out = exp(x) / Σ exp(x) along the layer's axis; the followed number from its whole row."""
    x, y = call.x, call.y
    axis, pick, row_text, mark = _along_axis(call)
    n, notes = bounded(call, "xray.softmax.bounded", 4 * per_sample(x))
    checks = [check("xray.softmax.check", softmax(x[:n].astype(np.float64), axis), y[:n], n=n, axis=axis)]
    row = _row_of(x, pick, axis)
    value = float(softmax(row, 0)[pick[axis]])
    checks.append(check("xray.activation.check_pick", np.array([value]), np.array([y[pick]]), out=index_text(pick)))
    letter = call.in_axes[axis]
    notes += (Text.of("xray.softmax.where", out=index_text(pick), value=f"{value:.4g}", row=row_text, size=row.size,
                      axis=axis, letter=letter),)
    code = (Line(f"e = np.exp(x - x.max(axis={axis}, keepdims=True))", Text.of("xray.softmax.code.shift")),
            Line(f"out = e / e.sum(axis={axis}, keepdims=True)",
                 Text.of("xray.softmax.code.sum", axis=axis, letter=letter, shape=shape_text(x.shape),
                         out=shape_text(y.shape))))
    summary = Text.of("xray.softmax.summary", axis=axis, letter=letter, size=x.shape[axis], **_shape_words(call))
    grids = (grid_at("xray.softmax.grid_in", x, pick, "x", mark=mark, letter=letter),
             grid_at("xray.activation.grid_out", y, pick, "out"))
    heats = input_output_heats(call, pick, in_mark=along_mark((axis,), x.ndim))
    return XRay(call.spec.name, "Softmax", summary, code, tuple(checks), grids, notes, heats)


def unit_norm(x: np.ndarray, axes: tuple[int, ...]) -> np.ndarray:
    """Keras's ops.normalize(order=2, epsilon=1e-12): x · min(1 / √Σx², 1e12)."""
    return x / np.sqrt(np.maximum((x * x).sum(axis=axes, keepdims=True), 1e-24))


def unit_norm_xray(call: LayerCall) -> XRay:
    """out = x / ‖x‖ along the layer's axis; the followed number over the norm of its row."""
    x, y = call.x, call.y
    _, pick, _, mark = _along_axis(call)
    axes = _axes(call.layer.axis, x.ndim)
    n, notes = bounded(call, "xray.unit_norm.bounded", 4 * per_sample(x))
    checks = [check("xray.unit_norm.check", unit_norm(x[:n].astype(np.float64), axes), y[:n], n=n)]
    members = np.asarray(x[tuple(slice(None) if i in axes else p for i, p in enumerate(pick))], dtype=np.float64)
    norm = max(math.sqrt(float((members * members).sum())), 1e-12)
    value = float(x[pick]) / norm
    checks.append(check("xray.activation.check_pick", np.array([value]), np.array([y[pick]]), out=index_text(pick)))
    letters = ", ".join(call.in_axes[a] for a in axes)
    notes += (Text.of("xray.unit_norm.where", out=index_text(pick), x=f"{float(x[pick]):.4g}", norm=f"{norm:.4g}",
                      value=f"{value:.4g}", count=members.size, letters=letters),)
    over = axes[0] if len(axes) == 1 else axes
    code = (Line(f"norm = np.sqrt((x ** 2).sum(axis={over}, keepdims=True))", Text.of("xray.unit_norm.code.norm",
                                                                                       letters=letters)),
            Line("out = x / np.maximum(norm, 1e-12)", f"{shape_text(x.shape)} -> {shape_text(y.shape)}"))
    summary = Text.of("xray.unit_norm.summary", letters=letters, count=members.size, **_shape_words(call))
    grids = (grid_at("xray.unit_norm.grid_in", x, pick, "x", mark=mark if len(axes) == 1 else "cell"),
             grid_at("xray.activation.grid_out", y, pick, "out"))
    heats = input_output_heats(call, pick, in_mark=along_mark(axes, x.ndim))
    return XRay(call.spec.name, "UnitNormalization", summary, code, tuple(checks), grids, notes, heats)


# -- the layers that are the identity at inference -------------------------------------------------------------
def _unchanged(call: LayerCall, summary: Text, check_key: str, notes_after: tuple[Text, ...],
               training: tuple[Line, ...]) -> XRay:
    """out = x at inference (training=False), checked number by number: the largest difference is 0."""
    x, y = call.x, call.y
    n, notes = bounded(call, "xray.dropout.bounded", 3 * per_sample(x))
    pick = call.picked()
    checks = (check(check_key, x[:n], y[:n], n=n),)
    code = (Line("out = x", Text.of("xray.dropout.code.inference", shape=shape_text(x.shape))),) + training
    grids = (grid_at("xray.dropout.grid_out", y, pick, "out"),)
    return XRay(call.spec.name, call.spec.kind, summary, code, checks, grids, notes + notes_after,
                input_output_heats(call, pick))


def dropout_xray(call: LayerCall) -> XRay:
    """Dropout and SpatialDropout1D/2D/3D: at inference out = x; the notes say what training would do."""
    x = call.x
    cls = call.spec.kind
    rate = float(call.layer.rate)
    kept = f"{1.0 / (1.0 - rate):.4g}" if rate < 1 else "∞"
    keep = f"{1 - rate:g}"
    if cls == "SpatialDropout1D":
        notes = (Text.of("xray.dropout.training_spatial", rate=f"{rate:g}", scale=kept, batch=x.shape[0],
                         features=x.shape[-1], letter=call.in_axes[-1], time=call.in_axes[1]),)
        training = (Line("", Text.of("xray.dropout.code.training_spatial", keep=keep)),)
    elif cls.startswith("SpatialDropout"):
        channel = 1 if getattr(call.layer, "data_format", "channels_last") == "channels_first" else x.ndim - 1
        positions = [call.in_axes[a] for a in range(1, x.ndim) if a != channel]
        mask = ("B",) + tuple(call.in_axes[a] if a == channel else "1" for a in range(1, x.ndim))
        notes = (Text.of("xray.dropout.training_channels", rate=f"{rate:g}", scale=kept, batch=x.shape[0],
                         channels=x.shape[channel], letter=call.in_axes[channel], positions=", ".join(positions)),)
        training = (Line("", Text.of("xray.dropout.code.training_channels", keep=keep,
                                     mask="(" + ", ".join(mask) + ")")),)
    elif call.spec.arg("noise_shape") is not None:  # the mask's shape: one draw shared along each axis of size 1
        noise = call.spec.arg("noise_shape")
        mask = tuple(call.in_axes[a] if n is None or n != 1 else "1" for a, n in enumerate(noise))
        shared = [call.in_axes[a] for a, n in enumerate(noise) if n == 1]
        notes = (Text.of("xray.dropout.training_noise_shape", rate=f"{rate:g}", scale=kept,
                         noise=repr(noise), mask="(" + ", ".join(mask) + ")",
                         shared=", ".join(shared) or "-"),)
        training = (Line("", Text.of("xray.dropout.code.training_channels", keep=keep,
                                     mask="(" + ", ".join(mask) + ")")),)
    else:
        notes = (Text.of("xray.dropout.training", rate=f"{rate:g}", scale=kept),)
        training = (Line("", Text.of("xray.dropout.code.training", keep=keep)),)
    summary = Text.of("xray.dropout.summary", cls=cls, rate=f"{rate:g}", **_shape_words(call))
    return _unchanged(call, summary, "xray.dropout.check", notes, training)


def noise_xray(call: LayerCall) -> XRay:
    """GaussianNoise and GaussianDropout: at inference out = x; the notes say what noise training adds."""
    layer = call.layer
    if call.spec.kind == "GaussianNoise":
        stddev = float(layer.stddev)
        setting = f"stddev={stddev:g}"
        notes = (Text.of("xray.noise.training_add", stddev=f"{stddev:g}"),)
        training = (Line("", Text.of("xray.noise.code.add", stddev=f"{stddev:g}")),)
    else:
        rate = float(layer.rate)
        setting = f"rate={rate:g}"
        stddev = f"{math.sqrt(rate / (1.0 - rate)):.4g}" if rate < 1 else "∞"
        notes = (Text.of("xray.noise.training_multiply", rate=f"{rate:g}", stddev=stddev),)
        training = (Line("", Text.of("xray.noise.code.multiply", stddev=stddev)),)
    summary = Text.of("xray.noise.summary", cls=call.spec.kind, setting=setting, **_shape_words(call))
    return _unchanged(call, summary, "xray.dropout.check", notes, training)


def identity_xray(call: LayerCall) -> XRay:
    """Identity: out = x, always."""
    return _unchanged(call, Text.of("xray.identity.summary", **_shape_words(call)), "xray.identity.check", (), ())


# -- Masking ---------------------------------------------------------------------------------------------------
def masking_xray(call: LayerCall) -> XRay:
    """out = x where some feature (last axis) of the step differs from mask_value, else 0; the mask the layer
    hands on (the input's shape without its last axis) recomputed too."""
    x, y = call.x, call.y
    value = np.asarray(call.layer.mask_value, dtype=x.dtype)
    n, notes = bounded(call, "xray.masking.bounded", 3 * per_sample(x))
    xs = x[:n]
    kept = np.any(xs != value, axis=-1, keepdims=True)
    checks = [check("xray.masking.check", np.where(kept, xs.astype(np.float64), 0.0), y[:n], n=n)]
    mask = np.any(x != value, axis=-1)  # (B, …): True for a real step
    pick = call.picked()
    step = pick[:-1]
    features = x[step]
    differ = int((features != value).sum())
    followed = float(x[pick]) if mask[step] else 0.0
    checks.append(check("xray.activation.check_pick", np.array([followed]), np.array([y[pick]]),
                        out=index_text(pick)))
    where = dict(out=index_text(pick), step=index_text(step), differ=differ, size=features.size,
                 mask=f"{float(value):g}", value=f"{followed:.4g}")
    notes += (Text.of("xray.masking.kept", **where) if mask[step] else Text.of("xray.masking.masked", **where),)
    mask_shape = shape_text(mask.shape)
    notes += (Text.of("xray.masking.count", masked=int(mask.size - mask.sum()), steps=mask.size, shape=mask_shape,
                      mask=f"{float(value):g}"),
              Text.of("xray.masking.travels", shape=mask_shape))
    code = (Line(f"keep = np.any(x != {float(value):g}, axis=-1, keepdims=True)",
                 Text.of("xray.masking.code.keep", shape=shape_text(mask.shape + (1,)))),
            Line("out = np.where(keep, x, 0)", shape_text(x.shape)),
            Line("mask = keep[..., 0]", Text.of("xray.masking.code.mask", shape=mask_shape)))
    summary = Text.of("xray.masking.summary", mask=f"{float(value):g}", mask_shape=mask_shape, **_shape_words(call))
    grids = (grid_at("xray.masking.grid_in", x, pick, "x", mark="row"),
             grid_at("xray.masking.grid_mask", mask.astype(np.float64), step, "mask", mark="cell"),
             grid_at("xray.activation.grid_out", y, pick, "out"))
    heats = input_output_heats(call, pick, in_mark=along_mark((x.ndim - 1,), x.ndim))
    return XRay(call.spec.name, "Masking", summary, code, tuple(checks), grids, notes, heats)


# -- normalizations ------------------------------------------------------------------------------
def _vector(variable, default: float, size: int) -> np.ndarray:
    return np.asarray(variable, dtype=np.float64) if variable is not None else np.full(size, default)


def _along(vector: np.ndarray, axes: tuple[int, ...], rank: int, shape: tuple[int, ...]) -> np.ndarray:
    """A weight of the sizes of `axes`, shaped to broadcast against a rank-`rank` array."""
    full = [1] * rank
    for a in axes:
        full[a] = shape[a]
    return vector.reshape(full)


def _axes(layer_axis, rank: int) -> tuple[int, ...]:
    axes = layer_axis if isinstance(layer_axis, (list, tuple)) else (layer_axis,)
    return tuple(sorted(int(a) % rank for a in axes))


def batchnorm_xray(call: LayerCall) -> XRay:
    """out = gamma · (x − moving_mean) / sqrt(moving_variance + epsilon) + beta along the channel axis."""
    x, y, layer = call.x, call.y, call.layer
    axis = int(layer.axis) % x.ndim
    size = x.shape[axis]
    eps = float(layer.epsilon)
    gamma, beta = _vector(layer.gamma, 1.0, size), _vector(layer.beta, 0.0, size)
    mean, var = _vector(layer.moving_mean, 0.0, size), _vector(layer.moving_variance, 1.0, size)
    n, notes = bounded(call, "xray.batchnorm.bounded", 5 * per_sample(x))
    shape = lambda v: _along(v, (axis,), x.ndim, x.shape)
    ours = shape(gamma) * (x[:n].astype(np.float64) - shape(mean)) / np.sqrt(shape(var) + eps) + shape(beta)
    pick = call.picked()
    c = pick[axis]
    value = gamma[c] * (float(x[pick]) - mean[c]) / math.sqrt(var[c] + eps) + beta[c]
    checks = (check("xray.batchnorm.check", ours, y[:n], n=n),
              check("xray.batchnorm.check_pick", np.array([value]), np.array([y[pick]]), out=index_text(pick)))
    notes += (Text.of("xray.batchnorm.where", out=index_text(pick), channel=c, letter=call.in_axes[axis],
                      x=f"{float(x[pick]):.4g}", mean=term(mean[c]), var=f"{var[c]:.4g}", eps=f"{eps:g}",
                      gamma=f"{gamma[c]:.4g}", beta=term(beta[c]), value=f"{value:.4g}"),)
    missing = [w for w, on in (("gamma", layer.scale), ("beta", layer.center)) if not on]
    if missing:
        notes += (Text.of("xray.batchnorm.off", weights=", ".join(missing)),)
    notes += (Text.of("xray.batchnorm.training"),)
    code = (Line(f"out = gamma * (x - moving_mean) / np.sqrt(moving_variance + {eps:g}) + beta", shape_text(x.shape)),
            Line("", Text.of("xray.batchnorm.code.vectors", size=str(size), axis=str(axis),
                             letter=call.in_axes[axis])))
    summary = Text.of("xray.batchnorm.summary", axis=axis, letter=call.in_axes[axis], size=size,
                      **_shape_words(call))
    stats = np.stack([mean, var, gamma, beta])
    grids = (grid_at("xray.batchnorm.grid_in", x, pick, "x"),
             grid_at("xray.batchnorm.grid_stats", stats, (0, c), "stats", mark="col", channel=c),
             grid_at("xray.batchnorm.grid_out", y, pick, "out"))
    return XRay(call.spec.name, "BatchNormalization", summary, code, checks, grids, notes,
                input_output_heats(call, pick))


def layernorm_xray(call: LayerCall) -> XRay:
    """out = gamma · (x − mean) / sqrt(var + epsilon) + beta, mean and var of each sample over `axis`."""
    x, y, layer = call.x, call.y, call.layer
    axes = _axes(layer.axis, x.ndim)
    eps = float(layer.epsilon)
    sizes = tuple(x.shape[a] for a in axes)
    shape = lambda v: _along(v, axes, x.ndim, x.shape)
    gamma = shape(_vector(layer.gamma, 1.0, math.prod(sizes)).reshape(sizes))
    beta = shape(_vector(layer.beta, 0.0, math.prod(sizes)).reshape(sizes))
    n, notes = bounded(call, "xray.layernorm.bounded", 6 * per_sample(x))
    xs = x[:n].astype(np.float64)
    mean = xs.mean(axis=axes, keepdims=True)
    var = xs.var(axis=axes, keepdims=True)
    ours = gamma * (xs - mean) / np.sqrt(var + eps) + beta
    pick = call.picked()
    group = tuple(slice(None) if a in axes else pick[a] for a in range(x.ndim))  # the numbers normalized together
    members = x[group].astype(np.float64)
    m, v = float(members.mean()), float(members.var())
    at = tuple(0 if a not in axes else pick[a] for a in range(x.ndim))
    value = float(gamma[at]) * (float(x[pick]) - m) / math.sqrt(v + eps) + float(beta[at])
    checks = (check("xray.layernorm.check", ours, y[:n], n=n),
              check("xray.layernorm.check_pick", np.array([value]), np.array([y[pick]]), out=index_text(pick)))
    letters = ", ".join(call.in_axes[a] for a in axes)
    notes += (Text.of("xray.layernorm.where", out=index_text(pick), count=members.size, letters=letters,
                      x=f"{float(x[pick]):.4g}", mean=term(m), var=f"{v:.4g}", eps=f"{eps:g}",
                      gamma=f"{float(gamma[at]):.4g}", beta=term(float(beta[at])), value=f"{value:.4g}"),)
    missing = [w for w, on in (("gamma", layer.scale), ("beta", layer.center)) if not on]
    if missing:
        notes += (Text.of("xray.layernorm.off", weights=", ".join(missing)),)
    code = (Line(f"mean = x.mean(axis={axes if len(axes) > 1 else axes[0]}, keepdims=True)",
                 Text.of("xray.layernorm.code.over", letters=letters)),
            Line(f"var = x.var(axis={axes if len(axes) > 1 else axes[0]}, keepdims=True)"),
            Line(f"out = gamma * (x - mean) / np.sqrt(var + {eps:g}) + beta",
                 f"gamma, beta: {shape_text(sizes)}; {shape_text(x.shape)}"))
    summary = Text.of("xray.layernorm.summary", axes_list=", ".join(map(str, axes)), letters=letters,
                      count=math.prod(sizes), **_shape_words(call))
    grids = (grid_at("xray.layernorm.grid_in", x, pick, "x", mark="row" if axes == (x.ndim - 1,) else "cell"),
             grid_at("xray.layernorm.grid_out", y, pick, "out"))
    heats = input_output_heats(call, pick, in_mark=along_mark(axes, x.ndim))
    return XRay(call.spec.name, "LayerNormalization", summary, code, checks, grids, notes, heats)


def groupnorm_xray(call: LayerCall) -> XRay:
    """out = gamma · (x − mean) / sqrt(var + epsilon) + beta, mean and variance of each sample's group of
    channels: the C channels of `axis` in `groups` runs of C / groups, over every other axis but the batch."""
    x, y, layer = call.x, call.y, call.layer
    axis = int(layer.axis) % x.ndim
    channels = x.shape[axis]
    groups = channels if int(layer.groups) == -1 else int(layer.groups)
    per = channels // groups
    eps = float(layer.epsilon)
    gamma, beta = _vector(layer.gamma, 1.0, channels), _vector(layer.beta, 0.0, channels)
    n, notes = bounded(call, "xray.groupnorm.bounded", 6 * per_sample(x))

    def statistics(sample: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Each channel's group mean and variance, (…, C) with the channels last, for a batch of samples."""
        grouped = np.moveaxis(sample, axis, -1).reshape(sample.shape[0], -1, groups, per)
        mean = grouped.mean(axis=(1, 3))  # (n, groups)
        var = grouped.var(axis=(1, 3))
        return np.repeat(mean, per, axis=1), np.repeat(var, per, axis=1)  # (n, C)

    xs = x[:n].astype(np.float64)
    mean, var = statistics(xs)
    shape = [1] * x.ndim
    shape[axis] = channels
    at_channel = lambda v: np.moveaxis(v.reshape((v.shape[0],) + (1,) * (x.ndim - 2) + (channels,)), -1, axis)
    ours = (gamma.reshape(shape) * (xs - at_channel(mean)) / np.sqrt(at_channel(var) + eps) + beta.reshape(shape))
    pick = call.picked()
    c = pick[axis]
    group = c // per
    m, v = statistics(x[pick[0]:pick[0] + 1].astype(np.float64))
    m, v = m[0], v[0]  # (C,): each channel's group statistics in the followed sample
    value = gamma[c] * (float(x[pick]) - m[c]) / math.sqrt(v[c] + eps) + beta[c]
    checks = (check("xray.groupnorm.check", ours, y[:n], n=n),
              check("xray.groupnorm.check_pick", np.array([value]), np.array([y[pick]]), out=index_text(pick)))
    letter = call.in_axes[axis]
    count = per_sample(x) // groups
    notes += (Text.of("xray.groupnorm.where", out=index_text(pick), channel=c, letter=letter, group=group,
                      first=group * per, last=group * per + per - 1, count=count, sample=pick[0],
                      x=f"{float(x[pick]):.4g}", mean=term(m[c]), var=f"{v[c]:.4g}", eps=f"{eps:g}",
                      gamma=f"{gamma[c]:.4g}", beta=term(beta[c]), value=f"{value:.4g}"),)
    missing = [w for w, on in (("gamma", layer.scale), ("beta", layer.center)) if not on]
    if missing:
        notes += (Text.of("xray.groupnorm.off", weights=", ".join(missing)),)
    code = (Line(f"g = np.moveaxis(x, {axis}, -1).reshape(B, -1, {groups}, {per})",
                 Text.of("xray.groupnorm.code.groups", groups=groups, per=per, letter=letter)),
            Line("mean, var = g.mean(axis=(1, 3)), g.var(axis=(1, 3))", Text.of("xray.groupnorm.code.stats")),
            Line(f"out = gamma * (x - mean) / np.sqrt(var + {eps:g}) + beta",
                 Text.of("xray.groupnorm.code.out", size=channels, letter=letter)))
    summary = Text.of("xray.groupnorm.summary", axis=axis, letter=letter, channels=channels, groups=groups, per=per,
                      **_shape_words(call))
    stats = np.stack([m, v, gamma, beta])
    grids = (grid_at("xray.groupnorm.grid_in", x, pick, "x"),
             grid_at("xray.groupnorm.grid_stats", stats, (0, c), "stats", mark="col", channel=c, sample=pick[0]),
             grid_at("xray.groupnorm.grid_out", y, pick, "out"))
    corner, extent = plane_box(x.shape, pick, {a: (group * per, per) if a == axis else (0, x.shape[a])
                                               for a in range(1, x.ndim)})
    return XRay(call.spec.name, "GroupNormalization", summary, code, checks, grids, notes,
                input_output_heats(call, pick, in_mark=extent, corner=corner))



def groupnorm_mistakes(model: ModelSpec, layer: LayerSpec, step: Step, core: Core) -> tuple[Mistake, ...]:
    """groups that the channels do not divide by: Keras's default 32 where it does not fit this model, else the
    smallest count above 1 that does not divide the channels."""
    shape = step.input_shapes[0]
    axis = layer.arg("axis", -1) % len(shape)
    channels = shape[axis]
    if channels is None:
        return ()
    wrong = 32 if channels % 32 else next(g for g in range(2, channels) if channels % g)
    broken = with_args(layer, groups=wrong)
    if not breaks(model, broken, core):
        return ()
    params = (("layer", layer.name), ("channels", str(channels)), ("groups", str(wrong)),
              ("letter", step.input_axes[0][axis]), ("per", f"{channels / wrong:.3g}"))
    return (Mistake("group_norm_groups", layer.name, params, broken=broken,
                    code=f"{core.layer_code(broken)}  # {channels} / {wrong} = {channels / wrong:.3g}",
                    title_key="mistake.group_norm_groups.title", why_key="mistake.group_norm_groups.why"),)
