"""X-rays of the layers that move numbers without arithmetic: Flatten, Reshape, Permute, RepeatVector.

Each is an index map: output element [b, o₁, o₂, …] is one input element, found by hand here and
checked against the layer's output. Flatten and Reshape keep the row-major order of one sample
(flat offset = Σ index·stride, the stride of an axis being the product of the sizes after it);
Permute moves axes; RepeatVector copies x[b] (F,) to every row of out[b] (n, F).
Mistakes: a Reshape target that does not multiply out, a Flatten left out where a later layer
then fails. The helpers at the top (bounding, grids around an index) are shared by the other
modules of this family (merging, elementwise, attention).
"""
from __future__ import annotations

import dataclasses
import math

import numpy as np

from ...axes import letter_hint
from ...description import named, shape_text
from ...live.base import (Check, Core, Grid, LayerCall, Line, Mistake, Text, XRay, check, grid, index_text,
                          samples_within)
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
    return XRay(call.spec.name, "Flatten", summary, code, checks, grids, notes)


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
    return XRay(call.spec.name, "Reshape", summary, code, checks, grids, notes)


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
    return XRay(call.spec.name, "Permute", summary, code, checks, grids, notes)


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
    return XRay(call.spec.name, "RepeatVector", summary, code, checks, grids, notes)


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
    if failure is None or describe(model).failure is not None:
        return ()
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
