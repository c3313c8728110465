"""Embedding, live: out[b, t] = E[ids[b, t]], a row lookup; and the same as one_hot(ids) @ E.

ids (B, T) integers in [0, V) (any rank: (B,) or (B, T₁, T₂) alike), E = embeddings (V, E),
out (B, T, E). The table is read from the real variable a block of vocabulary rows at a time
(`E.value[v0:v1]`), never copied whole: at V = 1,000,000 a float32 copy alone would be 4·V·E bytes.
The one-hot product is done only for the first ONEHOT_IDS ids of sample 0, as (n, rows) one-hot
blocks times (rows, E) blocks of E, so it holds a few MB where a whole-batch one-hot (B·T·V floats)
would take gigabytes. Mistake: an id equal to V, which has no row (TensorFlow's gather refuses it).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, replace
from collections.abc import Callable

import numpy as np

from ...description import Step, named, shape_text
from ...live.base import (GRID_ROWS, HEAT_ROWS, XRAY_BYTES, Core, Heat, LayerCall, Line, Mistake, Text, XRay, check,
                          grid, heat, index_text, samples_within, window)
from ...spec import LayerSpec, ModelSpec
from ..conv.xray import relabel

ONEHOT_IDS = 16  # ids of sample 0 multiplied by the one-hot matrix
BLOCK_BYTES = 4 * 1024 * 1024  # one one-hot block plus the rows of E it meets
SMALL_ARRAYS = 16 * 1024  # masks and index arrays of a block (ids ≤ 16): a bound for the plan's peak
FLOAT = 4  # bytes of a float32

ReadRows = Callable[[int, int], np.ndarray]  # (v0, v1) → E[v0:v1] as float32 (v1 − v0, E)


@dataclass(frozen=True)
class OneHotPlan:
    """How one_hot(ids) (n, V) @ E (V, E) is computed in blocks of `rows` vocabulary rows.

    peak_bytes: what the computation holds at once (one one-hot block, one block of E, the (n, E)
    product and sum, small index arrays); full_bytes: a float32 one-hot of `full_ids` ids (the batch)."""

    ids: int
    vocab: int
    embed: int
    rows: int
    blocks: int
    peak_bytes: int
    full_bytes: int


def onehot_plan(ids: int, vocab: int, embed: int, full_ids: int, block_bytes: int = BLOCK_BYTES) -> OneHotPlan:
    rows = max(1, min(vocab, block_bytes // (FLOAT * (ids + embed))))
    peak = FLOAT * rows * (ids + embed) + 2 * FLOAT * ids * embed + SMALL_ARRAYS
    return OneHotPlan(ids, vocab, embed, rows, -(-vocab // rows), peak, FLOAT * full_ids * vocab)


def onehot_matmul(read_rows: ReadRows, ids: np.ndarray, plan: OneHotPlan) -> np.ndarray:
    """one_hot(ids) (n, V) @ E (V, E) → (n, E) float32, one block of vocabulary rows at a time.

    The (n, rows) one-hot block is reused for every block; each block of E is dropped before the next
    is read, so at most plan.peak_bytes are held whatever V is."""
    ids = np.asarray(ids, dtype=np.int64).reshape(-1)
    out = np.zeros((ids.size, plan.embed), dtype=np.float32)
    block = np.zeros((ids.size, plan.rows), dtype=np.float32)
    for v0 in range(0, plan.vocab, plan.rows):
        v1 = min(v0 + plan.rows, plan.vocab)
        onehot = block[:, :v1 - v0]
        onehot.fill(0.0)
        inside = np.nonzero((ids >= v0) & (ids < v1))[0]
        onehot[inside, ids[inside] - v0] = 1.0
        rows = read_rows(v0, v1)
        out += onehot @ rows
        del rows
    return out


def lookup(read_rows: ReadRows, ids: np.ndarray, vocab: int, embed: int, rows: int) -> np.ndarray:
    """E[ids] (ids.shape + (E,)) float32 by np.take on the blocks of E that hold some id (others are
    not read). An id outside [0, V) gets no row: it stays 0, and the check against the layer shows it."""
    flat = np.asarray(ids, dtype=np.int64).reshape(-1)
    out = np.zeros((flat.size, embed), dtype=np.float32)
    for v0 in range(0, vocab, rows):
        v1 = min(v0 + rows, vocab)
        inside = np.nonzero((flat >= v0) & (flat < v1))[0]
        if inside.size:
            block = read_rows(v0, v1)
            out[inside] = np.take(block, flat[inside] - v0, axis=0)
            del block
    return out.reshape(np.shape(ids) + (embed,))


def variable_rows(variable) -> ReadRows:
    """Blocks of a Keras variable (V, E), read without copying the whole matrix."""
    import keras

    value = variable.value
    return lambda v0, v1: np.asarray(keras.ops.convert_to_numpy(value[v0:v1]), dtype=np.float32)


def size_text(nbytes: int) -> str:
    """Bytes as '3.1 MB' (powers of 1024)."""
    value, unit = float(nbytes), "B"
    for unit in ("B", "KB", "MB", "GB", "TB", "PB"):
        if value < 1024 or unit == "PB":
            break
        value /= 1024
    return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"


def token_ids(x: np.ndarray) -> np.ndarray:
    """The ids as Keras reads them: integers kept, anything else cast to int32 (truncated)."""
    return x if np.issubdtype(x.dtype, np.integer) else x.astype(np.int32)


def embedding_xray(call: LayerCall) -> XRay:
    """E[ids] on the first samples, and one_hot(first ids of sample 0) @ E by blocks, against the layer."""
    variable = call.layer.embeddings
    vocab, embed = (int(d) for d in variable.shape)
    read = variable_rows(variable)
    ids, y = token_ids(call.x), call.y
    batch = ids.shape[0]
    per_sample = max(1, ids[0].size) * embed
    n = samples_within(call, 6 * per_sample)
    rows = max(1, min(vocab, BLOCK_BYTES // (FLOAT * embed)))
    looked_up = lookup(read, ids[:n], vocab, embed, rows)
    first = ids[0].reshape(-1)[:ONEHOT_IDS]
    plan = onehot_plan(first.size, vocab, embed, ids.size)
    product = onehot_matmul(read, first, plan)
    checks = (check("xray.embedding.check_lookup", looked_up, y[:n], n=n, B=batch),
              check("xray.embedding.check_onehot", product, y[0].reshape(-1, embed)[:first.size], n=first.size))

    pick = call.picked()
    lead, token_pos, unit = pick[:-2], pick[-2], pick[-1]
    token = int(ids[pick[:-1]])
    near = window(min(max(token, 0), vocab - 1), GRID_ROWS, vocab)
    e_rows = read(near.start, near.stop)
    labels = [str(v) for v in near]
    where = dict(index=index_text(pick[:-1]), token=token, unit=unit)
    grids = (
        relabel(grid(Text.of("xray.embedding.grid_ids", **where), ids[lead], 0, token_pos), [index_text(lead)]),
        relabel(grid(Text.of("xray.embedding.grid_row", **where), e_rows, token - near.start, unit, "row"), labels),
        grid(Text.of("xray.embedding.grid_output", **where), y[lead], token_pos, unit),
    )
    notes = [Text.of("xray.embedding.onehot_memory", n=first.size, V=vocab, E=embed, rows=plan.rows,
                     blocks=plan.blocks, peak=size_text(plan.peak_bytes), count=ids.size,
                     full=size_text(plan.full_bytes), table=size_text(FLOAT * vocab * embed)),
             Text.of("xray.embedding.follow", index=index_text(pick[:-1]), token=token, unit=unit,
                     value=f"{float(e_rows[token - near.start, unit]):.6f}" if 0 <= token < vocab else "?",
                     layer_value=f"{float(y[pick]):.6f}")]
    if n < batch:
        notes.append(Text.of("xray.embedding.samples", n=n, B=batch))
    in_axes, out_axes = call.in_axes, call.out_axes
    summary = Text.of("xray.embedding.summary", layer=call.step.name, V=vocab, E=embed, named=named(in_axes),
                      shape=shape_text(ids.shape), out_named=named(out_axes), out=shape_text(y.shape))
    heats = _heats(read, grids, y[lead], token, token_pos, unit, vocab, embed, call)
    return XRay(call.step.name, "Embedding", summary, _code(ids.shape, vocab, embed, first.size, plan.rows),
                checks, grids, tuple(notes), heats)


def _heats(read: ReadRows, grids: tuple, out: np.ndarray, token: int, position: int, unit: int, vocab: int,
           embed: int, call: LayerCall) -> tuple[Heat, ...]:
    """E around the row the followed id selects (only those rows are read), and the output around the followed
    number (titles: the grids')."""
    letters = call.out_axes
    near = window(min(max(token, 0), vocab - 1), HEAT_ROWS, vocab)
    rows = heat(grids[1].title, read(near.start, near.stop), "V", letters[-1] if letters else "E",
                token - near.start, unit, "row" if 0 <= token < vocab else None)  # an id with no row: none marked
    rows = replace(rows, start=(rows.start[0] + near.start, rows.start[1]), size=(vocab, embed))
    position_letter = letters[-2] if len(letters) > 1 else "T"
    return rows, heat(grids[2].title, out, position_letter, letters[-1] if letters else "E", position, unit)


def _code(shape: tuple[int, ...], vocab: int, embed: int, n: int, rows: int) -> tuple[Line, ...]:
    return (
        Line("out = np.take(E, ids, axis=0)",
             f"ids {shape_text(shape)}, E ({vocab}, {embed}) → {shape_text(shape + (embed,))}"),
        Line(f"first = ids[0].reshape(-1)[:{n}]", Text.of("xray.embedding.code.onehot", n=str(n), rows=str(rows))),
        Line(f"acc = np.zeros(({n}, {embed}), np.float32)"),
        Line(f"for v0 in range(0, {vocab}, {rows}):"),
        Line(f"    block = E[v0:v0 + {rows}]", Text.of("xray.embedding.code.block", E=str(embed))),
        Line("    one_hot = (first[:, None] == np.arange(v0, v0 + len(block))).astype(np.float32)",
             Text.of("xray.embedding.code.onehot_block", n=str(n))),
        Line("    acc += one_hot @ block", f"({n}, {embed})"),
    )


# -- mistakes --------------------------------------------------------------------------------------
def embedding_mistakes(model: ModelSpec, layer: LayerSpec, step: Step, core: Core) -> tuple[Mistake, ...]:
    """An id equal to V: run on a tiny Embedding(V, 1) (V floats), offered while that fits the X-ray budget."""
    vocab = layer.arg("input_dim")
    if not isinstance(vocab, int) or FLOAT * vocab > XRAY_BYTES:
        return ()
    params = (("layer", layer.name), ("V", f"{vocab:,}"), ("last", f"{vocab - 1:,}"))
    code = (Line(f"emb = {core.kind('Embedding').code(layer)}",
                 Text.of("mistake.token_out_of_range.code.rows", last=str(vocab - 1))),
            Line(f"emb(np.array([[0, {vocab}]]))", Text.of("mistake.token_out_of_range.code.no_row", V=str(vocab))))
    return (Mistake("token_out_of_range", layer.name, params, run=lambda: _out_of_range(vocab), code=code,
                    source="TensorFlow", title_key="mistake.token_out_of_range.title",
                    why_key="mistake.token_out_of_range.why"),)


def _out_of_range(vocab: int) -> float:
    """Embedding(V, 1) on ids [[0, V]]: TensorFlow's gather raises on CPU. A device that returns a row of
    zeros instead (GPUs do) raises nothing: then the size of that made-up row is returned."""
    import keras

    emb = keras.layers.Embedding(vocab, 1, name="embedding_out_of_range")
    out = emb(np.array([[0, vocab]], dtype=np.int32))
    return float(math.fsum(abs(float(v)) for v in np.asarray(out).reshape(-1)[1:]))
