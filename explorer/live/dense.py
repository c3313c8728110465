"""Dense on any rank, live: `x.reshape(-1, F) @ W + b`, reshaped back, on this model's real tensors.

Input x (B, ..., F), kernel W (F, U), bias b (U,), output (B, ..., U). Keras contracts only the last
axis: the N = B·… leading positions are N rows of one (N, F) matrix, each multiplied by the same W.
A 2-D input (B, F) needs no reshape; a 4-D image input (B, H, W, C) becomes (B·H·W, C).
Mistakes: the kernel transposed in a hand-written matmul, or loaded transposed with set_weights.
"""
from __future__ import annotations

import math

import numpy as np

from ..shapes import Step
from ..spec import LayerSpec, ModelSpec
from .activations import activate, activation_name
from .base import LayerCall, Mistake, Text, XRay, check, grid, index_text, named, shape_text

MISTAKE_FLOATS = 4_000_000  # the transposed cases build an (F, U) kernel: skipped above this


def _weights(layer) -> tuple[np.ndarray, np.ndarray]:
    kernel = np.asarray(layer.kernel, dtype=np.float64)
    bias = np.asarray(layer.bias, dtype=np.float64) if getattr(layer, "use_bias", True) else np.zeros(kernel.shape[1])
    return kernel, bias


def dense_xray(call: LayerCall) -> XRay:
    """The layer recomputed as reshape → matmul → reshape back, and by tensordot; one number by hand."""
    x, y = call.x, call.y
    kernel, bias = _weights(call.layer)
    f, u = kernel.shape
    lead = x.shape[:-1]
    n = math.prod(lead)
    act = activation_name(call.layer)
    flat = x.reshape(-1, f).astype(np.float64)
    product = flat @ kernel + bias
    activated = activate(act, product)
    by_tensordot = activate(act, np.tensordot(x.astype(np.float64), kernel, axes=[[x.ndim - 1], [0]]) + bias)
    pick = call.picked()
    row = int(np.ravel_multi_index(pick[:-1], lead)) if lead else 0
    unit = pick[-1]
    by_hand = float(flat[row] @ kernel[:, unit] + bias[unit])
    by_hand_out = activate(act, np.array([by_hand]))
    in_axes, out_axes = call.in_axes, call.out_axes
    lead_named = "·".join(in_axes[:-1])
    checks = []
    if activated is not None:
        checks += [check("xray.dense.check_reshape", activated.reshape(y.shape), y),
                   check("xray.dense.check_tensordot", by_tensordot, y)]
        checks.append(check("xray.dense.check_one", np.array([float(by_hand_out[0])]), np.array([float(y[pick])]),
                            index=index_text(pick)))
    notes = [Text.of("xray.dense.follow", index=index_text(pick), row=row, unit=unit, F=f,
                     formula=_row_formula(pick[:-1], lead), by_hand=f"{by_hand:.6f}", out=f"{float(y[pick]):.6f}",
                     act=act)]
    if activated is None:
        notes.append(Text.of("xray.dense.activation_unknown", act=act))
    rank = "2d" if x.ndim == 2 else "nd"
    summary = Text.of(f"xray.dense.summary_{rank}", layer=call.step.name, shape=shape_text(x.shape),
                      named=named(in_axes), lead=lead_named, N=n, F=f, U=u, Fl=in_axes[-1], Ul=out_axes[-1],
                      out=shape_text(y.shape), out_named=named(out_axes))
    grids = (
        grid(Text.of("xray.dense.grid_flat", F=f, row=row), flat, row, 0, "row"),
        grid(Text.of("xray.dense.grid_kernel", unit=unit), kernel, 0, unit, "col"),
        grid(Text.of("xray.dense.grid_product", row=row, unit=unit), product, row, unit),
        grid(Text.of("xray.dense.grid_output", index=index_text(pick[:-1])), _output_slice(y, pick),
             pick[-2] if y.ndim > 2 else 0, unit),
    )
    return XRay(call.step.name, "Dense", summary, _code(x.shape, f, u, act, in_axes, out_axes), tuple(checks), grids,
                tuple(notes))


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
    n = math.prod(shape[:-1])
    lead = "·".join(in_axes[:-1])
    out_shape = shape[:-1] + (u,)
    lines = []
    if len(shape) == 2:
        lines.append(f"out = x @ W + b{' ' * 14}# x {shape_text(shape)} @ W ({f}, {u}) + b ({u},)  no reshape needed")
    else:
        lines += [f"flat = x.reshape(-1, {f})          # {named(in_axes)} {shape_text(shape)} → ({lead}, "
                  f"{in_axes[-1]}) = ({n}, {f})",
                  f"out = flat @ W + b                 # ({n}, {f}) @ W ({f}, {u}) + b ({u},) → ({n}, {u})"]
    if act != "linear":
        lines.append(f"out = {act}(out)")
    if len(shape) > 2:
        lines.append(f"out = out.reshape{shape_text(out_shape)}    # back to {named(out_axes)}")
    lines.append(f"same = np.tensordot(x, W, axes=[[{len(shape) - 1}], [0]]) + b")
    return "\n".join(lines)


# -- mistakes -------------------------------------------------------------------------------------
def dense_mistakes(model: ModelSpec, layer: LayerSpec, step: Step) -> tuple[Mistake, ...]:
    """Two ways to get the kernel's (F, U) orientation wrong, on small arrays with this layer's sizes."""
    f, u = step.input_shape[-1], step.output_shape[-1]
    if f is None or u is None or f * u > MISTAKE_FLOATS:
        return ()
    params = (("F", str(f)), ("U", str(u)), ("layer", layer.name))
    return (
        Mistake("transposed_matmul", layer.name, params, run=lambda: _transposed_matmul(f, u), source="numpy",
                code=f"flat = x.reshape(-1, {f})          # (N, {f})\nflat @ W.T  # W.T is ({u}, {f}), not ({f}, {u})"),
        Mistake("transposed_weights", layer.name, params, run=lambda: _transposed_weights(f, u), source="Keras",
                code=f"dense = layers.Dense({u})  # kernel ({f}, {u}) once built on F = {f}\n"
                     f"dense.set_weights([W.T, b])  # W.T is ({u}, {f})"),
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


XRAYS = {"Dense": dense_xray}
MISTAKES = {"Dense": dense_mistakes}
