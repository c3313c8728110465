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

Attention and AdditiveAttention, called on [query, value(, key)]: no projections, one "head":
  scores (B, Tq, Tv) = query · keyᵀ (× scale)                          Attention, score_mode="dot"
                     = c · Σ_F tanh(scale · (query_t + key_s))         Attention, score_mode="concat"
                     = Σ_F scale · tanh(query_t + key_s)                AdditiveAttention (scale (F,))
  weights = softmax(scores) over Tv;  out = weights @ value             (B, Tq, Fv)
"""
from __future__ import annotations

import math

import numpy as np

from ...description import named, shape_text
from ...live import base as live_base
from ...live.base import (GRID_COLS, Grid, Heat, LayerCall, Line, Text, XRay, check, heat, index_text, samples_within,
                          window)
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
    letters = _letters(call)
    heats = (
        heat(Text.of("xray.attention.heat_head", b=b, head=head, t=t), attention[at, head], letters[0], letters[1],
             t, 0, "row"),
        heat(Text.of("xray.attention.heat_heads", b=b, t=t), attention[at, :, t, :], "N", letters[1], head, 0, "row"),
        _output_heat(call, pick),
    )
    return XRay(call.spec.name, "MultiHeadAttention", summary, code, checks, grids, notes, heats)


def _letters(call: LayerCall) -> tuple[str, str]:
    """The axis letters of the query's steps and of the value's steps (T and S by default)."""
    axes = call.step.input_axes
    query = axes[0][-2] if axes and len(axes[0]) > 2 else "T"
    value = axes[1][-2] if len(axes) > 1 and len(axes[1]) > 2 else "S"
    return query, value if value != query else value + "'"


def _output_heat(call: LayerCall, pick: tuple[int, ...]) -> Heat:
    """The output's last two axes at the followed sample (and any axes before them), out[pick] outlined."""
    y, axes = call.y, call.out_axes
    rows = axes[-2] if len(axes) > 1 else "B"
    plane = y[pick[:-2]] if y.ndim > 2 else y
    return heat(Text.of("xray.attention.heat_out", index=index_text(pick)), plane, rows, axes[-1] if axes else "F",
                pick[-2] if y.ndim > 1 else 0, pick[-1])


# -- Attention (Luong) and AdditiveAttention (Bahdanau) -----------------------------------------------
def _scalar(variable) -> float | None:
    return None if variable is None else float(np.asarray(variable))


def score_mode(layer, additive: bool) -> str:
    """"dot", "concat" (Attention) or "additive" (AdditiveAttention)."""
    return "additive" if additive else str(layer.score_mode)


def score_weights(layer, mode: str, query: np.ndarray, key: np.ndarray, value: np.ndarray):
    """(scores, weights, out) for query (b, Tq, F), key (b, Tv, F), value (b, Tv, Fv), in float64:
    scores (b, Tq, Tv) as the layer computes them, weights their softmax over Tv, out = weights @ value."""
    scale = None if getattr(layer, "scale", None) is None else _w(layer.scale)
    if mode == "dot":
        scores = np.einsum("btf,bsf->bts", query, key)
        if scale is not None:
            scores = scores * scale
    else:
        pairs = query[:, :, None, :] + key[:, None, :, :]  # (b, Tq, Tv, F)
        if mode == "concat":
            scores = np.tanh(pairs * scale if scale is not None else pairs).sum(axis=-1)
            scores = scores * _scalar(layer.concat_score_weight)
        else:
            scores = (np.tanh(pairs) * (scale if scale is not None else 1.0)).sum(axis=-1)
    weights = np.exp(scores - scores.max(axis=-1, keepdims=True))
    weights = weights / weights.sum(axis=-1, keepdims=True)
    return scores, weights, np.einsum("bts,bsf->btf", weights, value)


SCORE_CODE = {  # mode -> the scores line, with or without scale
    ("dot", False): "scores = query @ key.transpose(0, 2, 1)",
    ("dot", True): "scores = scale * (query @ key.transpose(0, 2, 1))",
    ("concat", False): "scores = c * np.tanh(query[:, :, None] + key[:, None]).sum(-1)",
    ("concat", True): "scores = c * np.tanh(scale * (query[:, :, None] + key[:, None])).sum(-1)",
    ("additive", False): "scores = np.tanh(query[:, :, None] + key[:, None]).sum(-1)",
    ("additive", True): "scores = (scale * np.tanh(query[:, :, None] + key[:, None])).sum(-1)",
}


SUMMARY_KEYS = {"dot": "xray.score_attention.summary_dot", "concat": "xray.score_attention.summary_concat",
                "additive": "xray.score_attention.summary_additive"}


def score_attention_xray(call: LayerCall, additive: bool = False) -> XRay:
    """The followed output number out[b, …, t, f]: query step t's scores over the value steps, their softmax
    weights, and the weighted sum of value[b, …, :, f]; every output and weight checked against Keras."""
    layer, y = call.layer, call.y
    cls = call.spec.kind
    query, value = call.inputs[0], call.inputs[1]
    key = call.inputs[2] if len(call.inputs) > 2 else value
    mode = score_mode(layer, additive)
    scaled = getattr(layer, "scale", None) is not None
    t_count, s_count, features = query.shape[-2], value.shape[-2], query.shape[-1]
    lead = query.shape[:-2]  # the batch and any axes before the steps: attended over one by one

    def flat(a):
        return a.reshape((-1,) + a.shape[-2:]).astype(np.float64)

    rows = math.prod(lead)
    per = t_count * s_count * (4 + (features if mode != "dot" else 0)) + 2 * t_count * y.shape[-1]
    pick = call.picked()
    row = int(np.ravel_multi_index(pick[:-2], lead))
    n = max(1, min(rows, live_base.XRAY_BYTES // max(1, 8 * per)))  # rows of (Tq, Tv) recomputed
    chosen = list(range(n)) if row < n else list(range(n - 1)) + [row]
    notes: tuple[Text, ...] = ()
    if n < rows:
        notes += (Text.of("xray.score_attention.bounded", n=n, rows=rows),)
    q, k, v = flat(query)[chosen], flat(key)[chosen], flat(value)[chosen]
    scores, weights, out = score_weights(layer, mode, q, k, v)
    parts = [query, value] + ([key] if len(call.inputs) > 2 else [])
    _, theirs = layer(parts, return_attention_scores=True, training=False)
    theirs = np.asarray(theirs).reshape((-1, t_count, s_count))[chosen]
    checks = (
        check("xray.score_attention.check", out, y.reshape((-1,) + y.shape[-2:])[chosen], n=len(chosen)),
        check("xray.score_attention.check_weights", weights, theirs, n=len(chosen)),
    )
    if len(call.outputs) > 1:  # called with return_attention_scores=True: its second output, the same weights
        returned = np.asarray(call.outputs[1]).reshape((-1, t_count, s_count))[chosen]
        checks += (check("xray.score_attention.check_returned", weights, returned, n=len(chosen)),)
    at = chosen.index(row)
    t, f = pick[-2], pick[-1]
    terms = weights[at, t] * v[at, :, f]
    total = float(terms.sum())
    checks += (check("xray.score_attention.check_pick", np.array([total]), np.array([y[pick]]),
                     out=index_text(pick)),)
    top = int(np.argmax(weights[at, t]))
    where = ", ".join(str(i) for i in pick[:-2])
    vector = f"value[{where}, :, {f}]"
    notes += (Text.of("xray.score_attention.where", out=index_text(pick), t=t, S=s_count, top=top,
                      weight=f"{weights[at, t, top]:.3g}", uniform=f"{1 / s_count:.3g}", value=vector,
                      total=f"{total:.4g}"),)
    if len(call.inputs) == 2:
        notes += (Text.of("xray.score_attention.key_is_value"),)
    if float(getattr(layer, "dropout", 0.0) or 0.0):
        notes += (Text.of("xray.score_attention.dropout", rate=f"{float(layer.dropout):g}"),)
    if scaled:
        kept = _w(layer.scale)
        shown = f"{float(kept):.4g}" if kept.ndim == 0 else shape_text(kept.shape)
        notes += (Text.of("xray.score_attention.scale", scale=shown),)
    if mode == "concat":
        notes += (Text.of("xray.score_attention.concat", c=f"{_scalar(layer.concat_score_weight):.4g}"),)
    if len(lead) > 1:
        notes += (Text.of("xray.score_attention.lead", axes=shape_text(lead)),)
    shapes = [shape_text(a.shape) for a in (query, key, value)]
    code = (Line(SCORE_CODE[(mode, scaled)], f"{shapes[0]}, {shapes[1]} -> ({', '.join(map(str, lead))}, "
                 f"{t_count}, {s_count})"),
            Line("weights = softmax(scores, axis=-1)", Text.of("xray.score_attention.code.softmax")),
            Line("out = weights @ value", f"{shapes[2]} -> {shape_text(y.shape)}"))
    summary = Text.of(SUMMARY_KEYS[mode], cls=cls, T=t_count, S=s_count,
                      query=shape_text(query.shape), value=shape_text(value.shape), out=shape_text(y.shape),
                      axes=named(call.out_axes))
    steps = np.stack([scores[at, t], weights[at, t], v[at, :, f], terms])
    cols = window(top, GRID_COLS, s_count)
    table = Grid(Text.of("xray.score_attention.grid_steps", t=t, value=vector, S=s_count),
                 steps[:, cols.start:cols.stop], ("s", "a", "v", "a × v"), tuple(str(c) for c in cols),
                 tuple((1, c - cols.start) for c in cols if c == top), (4, s_count))
    grids = (table, grid_at("xray.score_attention.grid_out", y, pick, "out"))
    letters = _letters(call)
    feature = call.step.input_axes[1][-1] if len(call.step.input_axes) > 1 and call.step.input_axes[1] else "F"
    heats = (heat(Text.of("xray.score_attention.heat_weights", where=where, t=t), weights[at], letters[0], letters[1],
                  t, 0, "row"),
             heat(Text.of("xray.score_attention.heat_value", where=where, f=f), v[at], letters[1], feature, 0, f,
                  "col"),
             _output_heat(call, pick))
    return XRay(call.spec.name, cls, summary, code, checks, grids, notes, heats)
