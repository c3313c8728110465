"""X-ray of MultiHeadAttention, called as [query, value(, key)] (key = value when not given).

query (B, T, Fq), value (B, S, Fv), key (B, S, Fk) (more middle axes are flattened into T and S:
Keras's default attention_axes attend over all of them at once). N heads, K = key_dim, Kv = value_dim:
  Q = query @ Wq + bq       (B, T, N, K)      Wq (Fq, N, K)
  Kt = key @ Wk + bk        (B, S, N, K)      Wk (Fk, N, K)
  V = value @ Wv + bv       (B, S, N, Kv)     Wv (Fv, N, Kv)
  A = softmax(Q·Kᵀ / √K)    (B, N, T, S)      over S: each query's weights sum to 1
  out = (A @ V) @ Wo + bo   (B, T, O)         Wo (N, Kv, O)
Checked against the layer's output and against the weights Keras itself returns
(return_attention_scores=True, training=False).
"""
from __future__ import annotations

import math

import numpy as np

from ...description import named, shape_text
from ...live.base import LayerCall, Text, XRay, check, index_text, samples_within
from ..reshaping.xray import grid_at


def _w(variable) -> np.ndarray | None:
    return None if variable is None else np.asarray(variable, dtype=np.float64)


def projections(layer) -> dict[str, tuple[np.ndarray, np.ndarray | None]]:
    """(kernel, bias or None) of the four EinsumDense projections."""
    parts = {"query": layer.query_dense, "key": layer.key_dense, "value": layer.value_dense,
             "output": layer.output_dense}
    return {name: (_w(dense.kernel), _w(getattr(dense, "bias", None))) for name, dense in parts.items()}


def attend(weights: dict, query: np.ndarray, key: np.ndarray, value: np.ndarray, key_dim: int):
    """(out (b, T, O), attention (b, N, T, S)) for query (b, T, Fq), key (b, S, Fk), value (b, S, Fv)."""
    def project(x, name, equation):
        kernel, bias = weights[name]
        y = np.einsum(equation, x, kernel)
        return y + bias if bias is not None else y

    q = project(query, "query", "btf,fnk->btnk")
    k = project(key, "key", "bsf,fnk->bsnk")
    v = project(value, "value", "bsf,fnk->bsnk")
    scores = np.einsum("btnk,bsnk->bnts", q, k) / math.sqrt(key_dim)
    scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
    attention = scores / scores.sum(axis=-1, keepdims=True)
    mixed = np.einsum("bnts,bsnk->btnk", attention, v)
    out = project(mixed, "output", "btnk,nko->bto")
    return out, attention


def attention_xray(call: LayerCall) -> XRay:
    query, value = call.inputs[0], call.inputs[1]
    key = call.inputs[2] if len(call.inputs) > 2 else value
    y, layer = call.y, call.layer
    heads, key_dim = int(layer.num_heads), int(layer.key_dim)
    value_dim = int(layer.value_dim or key_dim)
    batch, t_count, s_count = query.shape[0], math.prod(query.shape[1:-1]), math.prod(value.shape[1:-1])
    same = len(set(call.spec.inputs)) == 1 and len(call.spec.inputs) == len(call.inputs)
    summary = Text.of("xray.attention.summary_self" if same else "xray.attention.summary", N=heads, K=key_dim,
                      Kv=value_dim, T=t_count, S=s_count, query=shape_text(query.shape), value=shape_text(value.shape),
                      out=shape_text(y.shape), axes=named(call.out_axes))
    pick = call.picked()
    b = pick[0]
    t = int(np.ravel_multi_index(pick[1:-1], query.shape[1:-1])) if query.ndim > 2 else 0
    axes = tuple(layer._attention_axes) if getattr(layer, "_attention_axes", None) is not None else ()
    notes: tuple[Text, ...] = (Text.of("xray.attention.no_mask"),)
    if axes and axes != tuple(range(1, query.ndim - 1)):
        return XRay(call.spec.name, "MultiHeadAttention", summary, "", (), (),
                    notes + (Text.of("xray.attention.unchecked_axes", axes=shape_text(axes)),))
    per = (4 * t_count * s_count * heads + 2 * (t_count + s_count) * heads * (key_dim + value_dim)
           + 2 * t_count * y.shape[-1])  # float64 numbers held per sample
    n = samples_within(call, per)
    samples = list(range(n)) if b < n else list(range(n - 1)) + [b]
    if n < batch:
        notes += (Text.of("xray.attention.bounded", n=n, batch=batch, b=b),)
    flat = lambda a: a[samples].reshape(len(samples), -1, a.shape[-1]).astype(np.float64)
    weights = projections(layer)
    out, attention = attend(weights, flat(query), flat(key), flat(value), key_dim)
    _, theirs = layer(query[samples], value=value[samples], key=key[samples] if len(call.inputs) > 2 else None,
                      return_attention_scores=True, training=False)
    theirs = np.asarray(theirs).reshape(attention.shape)
    at = samples.index(b)
    checks = (
        check("xray.attention.check", out.reshape((len(samples),) + y.shape[1:]), y[samples], n=len(samples)),
        check("xray.attention.check_weights", attention, theirs, n=len(samples)),
        check("xray.attention.check_sums", np.ones(theirs.shape[:-1]), theirs.sum(axis=-1, dtype=np.float64)),
    )
    head = 0
    row = attention[at, head, t]
    top = int(np.argmax(row))
    notes += (Text.of("xray.attention.where", out=index_text(pick), t=t, head=head, top=top,
                      weight=f"{row[top]:.3g}", S=s_count, uniform=f"{1 / s_count:.3g}"),)
    if getattr(layer, "_dropout", 0.0):
        notes += (Text.of("xray.attention.dropout", rate=f"{float(layer._dropout):g}"),)
    if query.ndim > 3:
        notes += (Text.of("xray.attention.flattened", query=shape_text(query.shape), T=t_count, S=s_count),)
    bias = weights["query"][1] is not None
    plus = (lambda name: f" + b{name}") if bias else (lambda name: "")
    fq, fk, fv, o = query.shape[-1], key.shape[-1], value.shape[-1], y.shape[-1]
    code = (f"Q = np.einsum('btf,fnk->btnk', query, Wq){plus('q')}  # ({batch}, {t_count}, {fq}) -> "
            f"({batch}, {t_count}, {heads}, {key_dim})\n"
            f"K = np.einsum('bsf,fnk->bsnk', key, Wk){plus('k')}  # ({batch}, {s_count}, {fk}) -> "
            f"({batch}, {s_count}, {heads}, {key_dim})\n"
            f"V = np.einsum('bsf,fnk->bsnk', value, Wv){plus('v')}  # ({batch}, {s_count}, {fv}) -> "
            f"({batch}, {s_count}, {heads}, {value_dim})\n"
            f"A = softmax(np.einsum('btnk,bsnk->bnts', Q, K) / np.sqrt({key_dim}), axis=-1)  # "
            f"({batch}, {heads}, {t_count}, {s_count})\n"
            f"out = np.einsum('bnts,bsnk,nko->bto', A, V, Wo){plus('o')}  # ({batch}, {t_count}, {o})")
    sample = f"[{b}]"
    grids = (
        grid_at("xray.attention.grid_head", attention[at, head], (t, top), f"A{sample}[{head}]", mark="row",
                head=head, t=t),
        grid_at("xray.attention.grid_heads", attention[at, :, t, :], (head, top), f"A{sample}[:, {t}]", mark="col",
                t=t, top=top),
        grid_at("xray.attention.grid_out", y, pick, "out"),
    )
    return XRay(call.spec.name, "MultiHeadAttention", summary, code, checks, grids, notes)
