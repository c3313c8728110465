"""Dense on a sequence, three ways, and the one way that is not the same: live, on this model's tensor.

Keras's Dense contracts only the last axis of any input: on x (B, T, F) it computes
`x @ W + b` with one kernel W (F, U) at every one of the T steps. So

    Dense(U)  ==  TimeDistributed(Dense(U))  ==  Conv1D(U, kernel_size=1)      (B, T, F) → (B, T, U)

with the same F·U + U parameters, while Flatten → Dense(U) reads all T·F numbers of a sample at once,
(B, T·F) → (B, U), with T·F·U + U parameters, and mixes the steps. Answers online often claim that
Dense "expects 2-D input" or that TimeDistributed applies "different transformations at each time
step": the numbers here, from this model's own 3-D tensor and its own Dense weights, say otherwise.

Everything is built on throwaway Keras layers (the shared model is only read) with the same kernel
and bias copied in, and called with training=False. Memory is bounded by XRAY_BYTES: a big batch is
cut to its first samples, a long sequence to its first steps, and Flatten → Dense is skipped when its
(T·F, U) kernel would not fit; each bound is reported with its numbers.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..shapes import Description
from ..spec import LayerSpec, ModelSpec
from .base import XRAY_BYTES, Check, Text, max_abs_diff
from .trace import Trace, gather

SEEDED_UNITS = 8  # U when the model has no Dense on a 3-D tensor: a Dense of our own, seeded
WEIGHT_SEED = 0
MAX_STEPS = 128  # TimeDistributed calls its layer once per step: at most this many steps are run
FLOAT = 4  # bytes of a float32
COPIES_PER_STEP = (4, 12)  # float32 arrays per (sample, step), measured: the three outputs, Keras's own copies, x2


@dataclass(frozen=True)
class Variant:
    """One way to write the layer. diff: max |its output − Dense's output| (0 for Dense itself)."""

    key: str  # "dense", "time_distributed", "conv1d"
    code: str
    output_shape: tuple[int, ...]
    params: int  # the throwaway layer's own count_params()
    diff: float


@dataclass(frozen=True)
class Flattened:
    """Flatten → Dense(U) built for (T, F): one (T·F, U) kernel; output (n, U) without a time axis."""

    code: str
    input_shape: tuple[int, ...]  # (n, T, F)
    output_shape: tuple[int, ...]  # (n, U)
    params: int  # count_params() of the built Dense after Flatten
    formula_params: int  # T·F·U + U (T·F·U without a bias)
    ratio: float  # params / (F·U + U)
    change: float  # max |Δ output| when one step s of x changes (nonzero: it reads step s)


@dataclass(frozen=True)
class StepChange:
    """x2 = x; x2[:, step] += 1. How much each output moves, as max |Δ|."""

    step: int
    dense_other: float  # Dense's output at every step t ≠ step: exactly 0
    dense_same: float  # Dense's output at the changed step: nonzero
    other_steps: int  # how many steps t ≠ step were compared
    flatten: float | None  # Flatten → Dense's (n, U) output (None when it was skipped)


@dataclass(frozen=True)
class Plan:
    """What fits in XRAY_BYTES: run on x[:samples, :steps]; Flatten → Dense on x[:samples] (all T)."""

    samples: int
    steps: int
    flatten_ok: bool
    flatten_bytes: int  # T·F·U·4: the float32 kernel of Flatten → Dense


@dataclass(frozen=True)
class Equivalence:
    """Everything the panel prints.

    tensor: the node whose output x (B, T, F) is used; layer: the Dense (or TimeDistributed) whose
    kernel and bias were copied, "" when the weights are seeded; axes: x's axis letters; unit: the
    letter of the output features; shape: x's full shape; used: (samples, steps, F) actually run.
    """

    tensor: str
    layer: str
    layer_cls: str  # "Dense", "TimeDistributed" or "" (seeded)
    axes: tuple[str, ...]
    unit: str
    shape: tuple[int, int, int]
    used: tuple[int, int, int]
    units: int
    activation: str
    use_bias: bool
    kernel_shape: tuple[int, int]
    variants: tuple[Variant, ...]
    per_step_diff: float  # max over t of |Dense(x[:, t]) (2-D) − Dense(x)[:, t]|
    per_step_count: int
    model_diff: float | None  # our Dense copy vs the model's own layer output (None if seeded)
    flatten: Flattened | None
    flatten_skipped: Text | None  # why Flatten → Dense was not built (with the bytes)
    change: StepChange
    checks: tuple[Check, ...]  # all must be < TOLERANCE
    notes: tuple[Text, ...]  # what was bounded

    @property
    def seeded(self) -> bool:
        return not self.layer

    @property
    def dense_params(self) -> int:
        return self.variants[0].params

    @property
    def largest_diff(self) -> float:
        return max((c.diff for c in self.checks), default=0.0)


@dataclass(frozen=True)
class _Target:
    tensor: str
    layer: LayerSpec | None
    x: np.ndarray
    axes: tuple[str, ...]
    unit: str
    units: int


# -- where to demonstrate ----------------------------------------------------------------------------
def _is_3d_float(a: np.ndarray) -> bool:
    return a.ndim == 3 and np.issubdtype(a.dtype, np.floating) and a.size > 0


def _dense_of(layer: LayerSpec) -> LayerSpec | None:
    if layer.kind == "Dense":
        return layer
    if layer.kind == "TimeDistributed" and layer.inner is not None and layer.inner.kind == "Dense":
        return layer.inner
    return None


def _find(spec: ModelSpec, desc: Description, trace: Trace) -> _Target | None:
    """The input of the first Dense (or TimeDistributed(Dense)) fed a 3-D float tensor; else the
    first 3-D float tensor of the trace, with a seeded Dense of SEEDED_UNITS."""
    for layer in spec.layers:
        dense = _dense_of(layer)
        if dense is None or len(layer.inputs) != 1 or layer.name not in trace.tensors:
            continue
        arrays = gather(trace.tensors, layer.inputs)
        if len(arrays) == 1 and _is_3d_float(arrays[0]):
            step = desc.step(layer.name)
            return _Target(layer.inputs[0][0], layer, arrays[0], step.input_axes[0],
                           step.output_axes[0][-1], int(dense.arg("units")))
    for step in desc.steps:
        for array, axes in zip(trace.tensors.get(step.name, ()), step.output_axes):
            if _is_3d_float(array):
                return _Target(step.name, None, array, axes, "U", SEEDED_UNITS)
    return None


def plan(batch: int, steps: int, features: int, units: int, limit: int = XRAY_BYTES,
         max_steps: int = MAX_STEPS) -> Plan:
    """How much of x (batch, steps, features) to run so the arrays kept stay within `limit` bytes."""
    per_step = FLOAT * (COPIES_PER_STEP[0] * features + COPIES_PER_STEP[1] * units)
    samples = min(batch, max(1, limit // (per_step * steps)))
    fit_steps = steps if per_step * steps <= limit else max(1, limit // per_step)
    flatten_bytes = FLOAT * steps * features * units
    # the kernel twice (its initial values, then the variable) and 4 copies of x[:samples] (x, x2, both flattened)
    flatten_ok = fit_steps == steps and 2 * flatten_bytes + 4 * FLOAT * samples * steps * features <= limit
    return Plan(samples, min(fit_steps, max_steps), flatten_ok, flatten_bytes)


def kernel_copies_bytes(features: int, units: int) -> int:
    """The float32 kernel and bias held by the three throwaway layers and their numpy copy."""
    return 4 * FLOAT * (features * units + units)


def applies(spec: ModelSpec, desc: Description) -> bool:
    """Is there a sequence to show Dense on, before anything is built: a 3-D (B, T, F) output that is
    not an integer input (token ids)? An image CNN (4-D tensors) or a plain (B, F) network has none, and
    the panel is not offered there. A layer's own outputs count as float (the trace decides for sure)."""
    integer = {i.name for i in spec.inputs if not i.dtype.startswith(("float", "bfloat"))}
    return any(len(shape) == 3 for step in desc.steps if step.name not in integer for shape in step.output_shapes)


def unavailable_reason(spec: ModelSpec, desc: Description, trace: Trace) -> Text | None:
    """Why `equivalences` returns None (equiv.unavailable.<code>), or None when it does not."""
    target = _find(spec, desc, trace)
    if target is None:
        return Text.of("equiv.unavailable.no_3d")
    needed = kernel_copies_bytes(target.x.shape[2], target.units)
    if needed > XRAY_BYTES:
        return Text.of("equiv.unavailable.kernel_too_large", layer=target.layer.name if target.layer else "",
                       bytes=f"{needed:,}", limit=f"{XRAY_BYTES:,}")
    return None


# -- the demonstration -------------------------------------------------------------------------------
def _weights(model, target: _Target) -> tuple[np.ndarray, np.ndarray | None, str, bool]:
    """kernel (F, U), bias (U,) or None, activation name, use_bias: copied from the model's Dense
    (read only), or seeded when there is none."""
    if target.layer is not None:
        keras_layer = model.get_layer(target.layer.keras_name)
        dense = keras_layer.layer if target.layer.kind == "TimeDistributed" else keras_layer
        weights = [np.array(w, dtype=np.float32) for w in dense.get_weights()]
        activation = str(dense.get_config().get("activation") or "linear")
        return weights[0], (weights[1] if dense.use_bias else None), activation, bool(dense.use_bias)
    f, u = target.x.shape[2], target.units
    rng = np.random.default_rng(WEIGHT_SEED)
    limit = np.sqrt(6.0 / (f + u))
    kernel = rng.uniform(-limit, limit, size=(f, u)).astype(np.float32)
    return kernel, rng.normal(0.0, 0.1, size=u).astype(np.float32), "linear", True


def _code(call: str, units: int, activation: str, extra: str = "") -> str:
    act = f', activation="{activation}"' if activation != "linear" else ""
    return call.format(f"{units}{extra}{act}")


def _run(layer, x: np.ndarray) -> np.ndarray:
    import keras

    return np.asarray(keras.ops.convert_to_numpy(layer(x, training=False)), dtype=np.float32)


def equivalences(model, spec: ModelSpec, desc: Description, trace: Trace) -> Equivalence | None:
    """Dense(U), TimeDistributed(Dense(U)), Conv1D(U, 1) and Flatten → Dense(U) on this model's 3-D
    tensor x (B, T, F), with its Dense's kernel and bias; None when `unavailable_reason` gives one."""
    from keras import layers

    if unavailable_reason(spec, desc, trace) is not None:
        return None
    target = _find(spec, desc, trace)
    kernel, bias, activation, use_bias = _weights(model, target)
    b, t, f = target.x.shape
    u = kernel.shape[1]
    p = plan(b, t, f, u)
    x = np.asarray(target.x[:p.samples, :p.steps], dtype=np.float32)
    weights = [kernel] + ([bias] if use_bias else [])
    common = dict(activation=activation, use_bias=use_bias, dtype="float32")

    dense = layers.Dense(u, name="equiv_dense", **common)
    dense.build((None, p.steps, f))
    dense.set_weights(weights)
    td = layers.TimeDistributed(layers.Dense(u, name="equiv_td_dense", **common), name="equiv_time_distributed")
    td.build((None, p.steps, f))
    td.set_weights(weights)
    conv = layers.Conv1D(u, 1, name="equiv_conv1d", **common)
    conv.build((None, p.steps, f))
    conv.set_weights([kernel[None]] + weights[1:])  # Conv1D's kernel is (kernel_size, F, U) = (1, F, U)

    y = _run(dense, x)
    outs = {"dense": y, "time_distributed": _run(td, x), "conv1d": _run(conv, x)}
    codes = {"dense": _code("layers.Dense({})", u, activation),
             "time_distributed": _code("layers.TimeDistributed(layers.Dense({}))", u, activation),
             "conv1d": _code("layers.Conv1D({})", u, activation, ", kernel_size=1")}
    counts = {"dense": dense.count_params(), "time_distributed": td.count_params(), "conv1d": conv.count_params()}
    variants = tuple(Variant(k, codes[k], outs[k].shape, int(counts[k]), max_abs_diff(outs[k], y)) for k in outs)

    per_step = max(max_abs_diff(_run(dense, x[:, i]), y[:, i]) for i in range(p.steps))

    s = p.steps // 2
    x2 = x.copy()
    x2[:, s] += 1.0
    y2 = _run(dense, x2)
    others = [i for i in range(p.steps) if i != s]
    dense_other = max_abs_diff(y2[:, others], y[:, others]) if others else 0.0
    dense_same = max_abs_diff(y2[:, s], y[:, s])
    del x2, y2

    flat, skipped = None, None
    if p.flatten_ok:
        flat = _flattened(target.x[:p.samples], s, u, common, counts["dense"])
    else:
        skipped = Text.of("equiv.flatten.skipped", T=t, F=f, U=u, bytes=f"{p.flatten_bytes:,}",
                          limit=f"{XRAY_BYTES:,}")

    model_diff = None
    if target.layer is not None and model.get_layer(target.layer.keras_name).compute_dtype == "float32":
        theirs = trace.outputs(target.layer.name)[0][:p.samples, :p.steps]
        model_diff = max_abs_diff(y, theirs)

    check_keys = {"time_distributed": "equiv.check.time_distributed", "conv1d": "equiv.check.conv1d"}  # Variant.key
    checks = [Check(Text.of(check_keys[v.key]), v.diff, int(y.size)) for v in variants[1:]]
    checks.append(Check(Text.of("equiv.check.per_step", steps=p.steps), per_step, int(y.size)))
    checks.append(Check(Text.of("equiv.check.other_steps", s=s), dense_other, int(y.size) - int(y[:, s].size)))
    if model_diff is not None:
        checks.append(Check(Text.of("equiv.check.model", layer=target.layer.name), model_diff, int(y.size)))

    notes = []
    if p.samples < b:
        notes.append(Text.of("equiv.note.samples", n=p.samples, B=b, limit=f"{XRAY_BYTES:,}"))
    if p.steps < t:
        notes.append(Text.of("equiv.note.steps", n=p.steps, T=t, limit=f"{XRAY_BYTES:,}", max_steps=MAX_STEPS))

    return Equivalence(
        tensor=target.tensor, layer=target.layer.name if target.layer else "",
        layer_cls=target.layer.kind if target.layer else "", axes=tuple(target.axes), unit=target.unit,
        shape=(b, t, f), used=(p.samples, p.steps, f), units=u, activation=activation, use_bias=use_bias,
        kernel_shape=(f, u), variants=variants, per_step_diff=per_step, per_step_count=p.steps,
        model_diff=model_diff, flatten=flat, flatten_skipped=skipped,
        change=StepChange(s, dense_other, dense_same, len(others), flat.change if flat else None),
        checks=tuple(checks), notes=tuple(notes))


def _flattened(x: np.ndarray, s: int, u: int, common: dict, dense_params: int) -> Flattened:
    """Flatten → Dense(u) on x (n, T, F), seeded kernel (T·F, u); how much its output moves when
    step s of x changes."""
    import keras
    from keras import layers

    _n, t, f = x.shape
    flatten = layers.Flatten(name="equiv_flatten", dtype="float32")
    head = layers.Dense(u, name="equiv_flatten_dense",
                        kernel_initializer=keras.initializers.GlorotUniform(seed=WEIGHT_SEED), **common)
    head.build((None, t * f))
    x = np.asarray(x, dtype=np.float32)
    x2 = x.copy()
    x2[:, s] += 1.0
    y, y2 = _run(head, _run(flatten, x)), _run(head, _run(flatten, x2))
    formula = t * f * u + (u if common["use_bias"] else 0)
    params = int(flatten.count_params() + head.count_params())
    code = 'layers.Flatten(), ' + _code("layers.Dense({})", u, common["activation"])
    return Flattened(code, x.shape, y.shape, params, formula, params / dense_params, max_abs_diff(y2, y))
