"""X-rays of the layers that keep the shape: Activation, Dropout, SpatialDropout1D, BatchNormalization,
LayerNormalization.

Activation          out = f(x) number by number (softmax and log_softmax: over the last axis).
Dropout, SpatialDropout1D  at inference (training=False) out = x exactly.
BatchNormalization  out = gamma · (x − moving_mean) / sqrt(moving_variance + epsilon) + beta, the
                    four (C,) vectors along `axis` (gamma 1 without scale, beta 0 without center).
LayerNormalization  out = gamma · (x − mean) / sqrt(var + epsilon) + beta, mean and (population)
                    variance of each sample over `axis`.
Everything is recomputed in float64 on the first n samples that fit in the X-ray's memory.
"""
from __future__ import annotations

import math

import numpy as np

from ...description import named, shape_text
from ...live.base import LayerCall, Line, Text, XRay, check, index_text
from ..reshaping.xray import bounded, grid_at, per_sample

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
    if name not in ACTIVATIONS:
        return XRay(call.spec.name, "Activation", summary, f"out = keras.activations.{name}(x)", (), grids,
                    (Text.of("xray.activation.unchecked", name=name),))
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
    return XRay(call.spec.name, "Activation", summary, code, tuple(checks), grids, notes)


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
    return XRay(call.spec.name, "ReLU", summary, code, tuple(checks), grids, notes)


# -- Dropout, SpatialDropout1D --------------------------------------------------------------------
def dropout_xray(call: LayerCall) -> XRay:
    """At inference out = x; the notes say what training would do with this rate."""
    x, y = call.x, call.y
    cls = call.spec.kind
    rate = float(call.layer.rate)
    n, notes = bounded(call, "xray.dropout.bounded", 3 * per_sample(x))
    pick = call.picked()
    checks = (check("xray.dropout.check", x[:n], y[:n], n=n),)
    kept = f"{1.0 / (1.0 - rate):.4g}" if rate < 1 else "∞"
    if cls == "SpatialDropout1D":
        notes += (Text.of("xray.dropout.training_spatial", rate=f"{rate:g}", scale=kept, batch=x.shape[0],
                          features=x.shape[-1], letter=call.in_axes[-1], time=call.in_axes[1]),)
    else:
        notes += (Text.of("xray.dropout.training", rate=f"{rate:g}", scale=kept),)
    training = "xray.dropout.code.training_spatial" if cls == "SpatialDropout1D" else "xray.dropout.code.training"
    code = (Line("out = x", Text.of("xray.dropout.code.inference", shape=shape_text(x.shape))),
            Line("", Text.of(training, keep=f"{1 - rate:g}")))
    summary = Text.of("xray.dropout.summary", cls=cls, rate=f"{rate:g}", **_shape_words(call))
    grids = (grid_at("xray.dropout.grid_out", y, pick, "out"),)
    return XRay(call.spec.name, cls, summary, code, checks, grids, notes)


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
    return XRay(call.spec.name, "BatchNormalization", summary, code, checks, grids, notes)


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
    return XRay(call.spec.name, "LayerNormalization", summary, code, checks, grids, notes)
