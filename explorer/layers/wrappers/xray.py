"""Bidirectional and TimeDistributed, live: what each wrapper adds around the layer it runs.

Bidirectional(rnn, merge_mode): input x (B, T, E). The forward RNN and the backward RNN (its own
weights, go_backwards flipped) are recomputed with the numpy RNN of the recurrent family's xray.py,
never by calling the Keras sub-layers. The backward RNN gives its steps in the order it ran (position 0 =
the last input step), so with return_sequences Keras flips it back in time before merging:
concat → (B, T, 2H), sum / ave / mul → (B, T, H), None → the two (B, T, H) tensors. return_state
appends the forward states, then the backward ones; initial_state gives the forward half first.
Each direction has an X-ray of its own too (direction_xray): the recurrent family's step-level X-ray
(x_t @ kernel, h @ recurrent_kernel, the gates) of that real sub-layer on the wrapper's input, checked
against the sub-layer called on its own, then against the wrapper's output (its half with concat or
None; with sum / ave / mul both directions recomputed and merged the same way).

TimeDistributed(inner): input (B, T, *rest); the inner Keras layer runs on each slice x[:, t]
(B, *rest) on its own, and the T results are stacked on axis 1: (B, T, *out). One set of weights
serves every step.

Mistake: merge_mode=None on a Bidirectional whose single output a later layer needs.
"""
from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

import numpy as np

from ...description import Step, named, shape_text
from ...live.base import Core, LayerCall, Line, Mistake, Text, XRay, check, grid, heat, index_text, samples_within
from ...spec import LayerSpec, ModelSpec
from ..recurrent.xray import (GATES, STATES, breaks, cell_of, floats_per_sample, return_sequences_mistake,
                              rnn_recompute, run, sample_states, with_args)

TD_MAX_STEPS = 64  # TimeDistributed: time slices run through the inner layer at most


def merge(forward: np.ndarray, backward: np.ndarray, mode: str | None):
    """Keras's merge of the two directions (both already in input time order): one array, or the
    pair for merge_mode=None."""
    if mode == "concat":
        return np.concatenate([forward, backward], axis=-1)
    if mode == "sum":
        return forward + backward
    if mode == "ave":
        return (forward + backward) / 2
    if mode == "mul":
        return forward * backward
    if mode is None:
        return forward, backward
    raise ValueError(f"unknown merge_mode {mode!r}")


def directions(call: LayerCall, rows: slice):
    """Both directions over samples `rows` of x: (forward, backward as it ran, backward in input order,
    forward final states, backward final states); the sequences are (n, T, H), or (n, H) without
    return_sequences (the last step each direction ran)."""
    bi = call.layer
    forward, backward = cell_of(bi.forward_layer), cell_of(bi.backward_layer)
    count = len(STATES[forward.kind])
    x = call.x[rows]
    seq_f, states_f = run(forward, x, sample_states(call.states, count, rows))
    seq_b, states_b = run(backward, x, sample_states(call.states[count:], count, rows))
    if bi.return_sequences:
        return seq_f, seq_b, seq_b[:, ::-1], states_f, states_b
    return seq_f[:, -1], seq_b[:, -1], seq_b[:, -1], states_f, states_b


def bidirectional_xray(call: LayerCall) -> XRay:
    """Forward and backward RNNs in numpy, the backward one flipped back in time, merged; checked
    against every output. What forgetting the flip would cost is shown in a note."""
    bi = call.layer
    rnn = bi.forward_layer
    kind = type(rnn).__name__
    mode = bi.merge_mode
    x = call.x
    batch, steps, features = x.shape
    units = rnn.cell.units
    n = samples_within(call, 3 * floats_per_sample(steps, features, units, len(GATES[kind])))  # two directions, merged
    sequences = bool(bi.return_sequences)
    notes: list[Text] = []
    unknown = cell_of(rnn).unknown_activations()
    if unknown:
        notes.append(Text.of("xray.bidirectional.note.activation", act=", ".join(unknown)))
        return XRay(call.step.name, "Bidirectional", _summary(call, kind, units, mode), _code(call, kind, mode),
                    (), (), tuple(notes))
    fwd, raw_b, bwd, states_f, states_b = directions(call, slice(0, n))
    merged = merge(fwd, bwd, mode)
    count = 1 if mode is not None else 2
    ours = (merged,) if mode is not None else merged
    keys = ("xray.bidirectional.check.output",) if mode is not None else (
        "xray.bidirectional.check.forward", "xray.bidirectional.check.backward")  # merged, or each direction
    checks = [check(key, mine, theirs[:n], n=n, B=batch, mode=str(mode), shape=shape_text(theirs.shape))
              for mine, theirs, key in zip(ours, call.outputs[:count], keys)]
    names = STATES[kind]
    forward, backward = call.outputs[count:count + len(names)], call.outputs[count + len(names):]
    for key, finals, theirs in (("xray.bidirectional.check.state.forward", states_f, forward),
                                ("xray.bidirectional.check.state.backward", states_b, backward)):
        checks += [check(key, mine, their[:n], state=state, n=n)
                   for state, mine, their in zip(names, finals, theirs)]
    if sequences and steps > 1:
        unflipped = merge(fwd, raw_b, mode)
        wrong = unflipped[1] if mode is None else unflipped
        theirs = call.outputs[1] if mode is None else call.y
        notes.append(Text.of("xray.bidirectional.note.unflipped", diff=float(np.max(np.abs(wrong - theirs[:n]))),
                             T=steps, last=steps - 1))
    elif not sequences:
        notes.append(Text.of("xray.bidirectional.note.last_step", last=steps - 1))
    if n < batch:
        notes.append(Text.of("xray.bidirectional.note.samples", n=n, B=batch))
    if bi.forward_layer.go_backwards:
        notes.append(Text.of("xray.bidirectional.note.inner_backwards"))
    if call.states:
        notes.append(Text.of("xray.bidirectional.note.initial", count=len(call.states), half=len(call.states) // 2))
    grids, heats = _bi_grids(call, units, mode, sequences, n, fwd, raw_b, bwd)
    return XRay(call.step.name, "Bidirectional", _summary(call, kind, units, mode), _code(call, kind, mode),
                tuple(checks), grids, tuple(notes), heats)


def _bi_grids(call: LayerCall, units: int, mode, sequences: bool, n: int, fwd, raw_b, bwd) -> tuple[tuple, tuple]:
    """The forward and backward halves at the picked position (and, with return_sequences, where the
    backward value sat before the flip), and the merged output around the picked number; and their heatmaps
    (with return_sequences: each half over time, then the output; without: the output)."""
    pick = call.picked()
    b, f = pick[0], pick[-1]
    unit = f - units if mode == "concat" and f >= units else f
    if b >= n:  # the picked sample is past the recomputed ones: run the two directions on it alone
        fwd, raw_b, bwd, _, _ = directions(call, slice(b, b + 1))
        b_local = 0
    else:
        b_local = b
    out_title = Text.of("xray.bidirectional.grid.output", b=b, index=index_text(pick))
    letter = call.out_axes[-1] if call.out_axes else "H"
    if sequences:
        t = pick[1]
        steps = call.x.shape[1]
        time = call.in_axes[1] if len(call.in_axes) > 2 else "T"
        forward = Text.of("xray.bidirectional.grid.forward", b=b, t=t, unit=unit)
        backward = Text.of("xray.bidirectional.grid.backward", b=b, t=t, unit=unit)
        grids = (
            grid(forward, fwd[b_local], t, unit),
            grid(backward, bwd[b_local], t, unit),
            grid(Text.of("xray.bidirectional.grid.backward_raw", b=b, t=t, raw=steps - 1 - t, unit=unit),
                 raw_b[b_local], steps - 1 - t, unit),
            grid(out_title, call.y[b], t, f),
        )
        return grids, (heat(forward, fwd[b_local], time, "H", t, unit),
                       heat(backward, bwd[b_local], time, "H", t, unit),
                       heat(out_title, call.y[b], time, letter, t, f))
    grids = (
        grid(Text.of("xray.bidirectional.grid.forward_last", b=b, unit=unit), fwd[b_local], 0, unit),
        grid(Text.of("xray.bidirectional.grid.backward_last", b=b, unit=unit), bwd[b_local], 0, unit),
        grid(out_title, call.y, b, f),
    )
    return grids, (heat(out_title, call.y, call.out_axes[0] if call.out_axes else "B", letter, b, f),)


def _summary(call: LayerCall, kind: str, units: int, mode) -> Text:
    x = call.x
    key = "xray.bidirectional.summary.none" if mode is None else "xray.bidirectional.summary.merged"
    return Text.of(key, layer=call.step.name,
                   rnn=kind, inp=shape_text(x.shape), inp_named=named(call.in_axes), T=x.shape[1], H=units,
                   mode=str(mode), out=shape_text(call.y.shape), out_named=named(call.out_axes),
                   hx=_units_letter(call))


def _units_letter(call: LayerCall) -> str:
    """The letter of the units as the table writes them (H, H₂ for a second LSTM of another size): the
    rows of a direction's recurrent_kernel (H, 4H)."""
    rows = [w.dims[-2] for w in call.step.weights if w.name == "recurrent_kernel" and len(w.dims) >= 2]
    return rows[0] if rows else "H"


def _code(call: LayerCall, kind: str, mode) -> tuple[Line, ...]:
    batch, steps, features = call.x.shape
    units = call.layer.forward_layer.cell.units
    sequences = bool(call.layer.return_sequences)
    size = f"({batch}, {steps}, {units})" if sequences else f"({batch}, {units})"
    reads = {False: "x", True: "x[:, ::-1]"}
    fwd_reads, bwd_reads = (reads[bool(call.layer.forward_layer.go_backwards)],
                            reads[bool(call.layer.backward_layer.go_backwards)])
    lines = [Line(f"fwd = numpy_{kind.lower()}({fwd_reads}, forward_layer.cell)",
                  f"x ({batch}, {steps}, {features}) → {size}"),
             Line(f"bwd = numpy_{kind.lower()}({bwd_reads}, backward_layer.cell)", f"→ {size}")]
    if sequences:
        lines.append(Line("bwd = bwd[:, ::-1]", Text.of("xray.bidirectional.code.flip")))
    if mode is None:
        lines.append(Line("out = fwd, bwd", Text.of("xray.bidirectional.code.two")))
    else:
        merged = {"concat": "np.concatenate([fwd, bwd], axis=-1)", "sum": "fwd + bwd", "ave": "(fwd + bwd) / 2",
                  "mul": "fwd * bwd"}[mode]
        lines.append(Line(f"out = {merged}"))
    return tuple(lines)


# -- one direction, step by step -------------------------------------------------------------------
DIRECTION_KEYS = (  # forward, backward: each key written out
    {"note": "xray.bidirectional.direction.note.forward",
     "code": "xray.bidirectional.direction.code.forward",
     "half": "xray.bidirectional.direction.check.half",
     "merged": "xray.bidirectional.direction.check.merged",
     "state": "xray.bidirectional.direction.check.state"},
    {"note": "xray.bidirectional.direction.note.backward",
     "code": "xray.bidirectional.direction.code.backward",
     "half": "xray.bidirectional.direction.check.half_backward",
     "merged": "xray.bidirectional.direction.check.merged",
     "state": "xray.bidirectional.direction.check.state"},
)
SIDES = ("fwd", "bwd")  # the two directions in the shown code


def _direction(bi, which: int):
    return (bi.forward_layer, bi.backward_layer)[which]


def _position(call: LayerCall, which: int) -> tuple[int, ...]:
    """The followed number of the wrapper's output as an index into direction `which`'s own output:
    the concat half's unit, and for the backward copy with return_sequences the step that ran at
    that position (T − 1 − t: Keras flips it back)."""
    bi = call.layer
    units = bi.forward_layer.cell.units
    pick = call.picked()
    b, f = pick[0], pick[-1]
    unit = min(f - units if bi.merge_mode == "concat" and f >= units else f, units - 1)
    if not bi.return_sequences:
        return b, unit
    t = pick[1]
    return b, (call.x.shape[1] - 1 - t if which else t), unit


def direction_call(call: LayerCall, which: int, name: str) -> LayerCall:
    """Direction `which` (0 forward, 1 backward) of the Bidirectional `call` as a LayerCall of its
    own: the real Keras sub-layer, the wrapper's input x (B, T, E) and its half of the initial states,
    and what that sub-layer returns when called on them (its steps in the order they ran, (B, T, H) or
    (B, H), then its final states). The step keeps the wrapper's axis letters, H for the last one."""
    import keras

    bi, step = call.layer, call.step
    rnn = _direction(bi, which)
    count = len(STATES[type(rnn).__name__])
    states = call.states[count * which:count * (which + 1)]
    out = rnn(call.x, initial_state=list(states), training=False) if states else rnn(call.x, training=False)
    outputs = tuple(np.asarray(keras.ops.convert_to_numpy(o)) for o in (out if isinstance(out, list | tuple)
                                                                         else [out]))
    h = next((w.dims[0] for w in step.weights if w.name == "recurrent_kernel"), "H")
    merged = 1 if bi.merge_mode is not None else 2
    axes = (step.output_axes[0][:-1] + (h,),) + tuple(step.output_axes[merged:merged + count])
    owner = ("forward", "backward")[which]
    sub = replace(step, name=name, cls=type(rnn).__name__, inner_cls="", output_shapes=tuple(o.shape for o in outputs),
                  output_axes=axes, weights=tuple(w for w in step.weights if w.owner == owner))
    return LayerCall(sub, call.spec.inner, rnn, call.inputs, outputs, tuple(states), _position(call, which))


def direction_xray(call: LayerCall, which: int, name: str) -> XRay:
    """The recurrent family's X-ray of direction `which` (its steps, x_t @ kernel, h @ recurrent_kernel
    and the gates), checked against that Keras sub-layer, then against the wrapper's own output."""
    bi = call.layer
    mode, sequences = bi.merge_mode, bool(bi.return_sequences)
    sub = direction_call(call, which, name)
    merges = mode in ("sum", "ave", "mul")
    done = rnn_recompute(sub, share=2 if merges else 1)  # with sum/ave/mul the other direction is kept too
    words, side = DIRECTION_KEYS[which], SIDES[which]
    units, n, batch = done.cell.units, done.n, call.x.shape[0]
    checks = list(done.xray.checks)
    if done.sequence is not None:
        mine = _in_input_order(done.sequence, which, sequences)
        if merges:
            other = _direction(bi, 1 - which)
            count = len(STATES[type(other).__name__])
            theirs_states = sample_states(call.states[count * (1 - which):count * (2 - which)], count, slice(0, n))
            other_seq, _ = run(cell_of(other), call.x[:n], theirs_states)
            yours = _in_input_order(other_seq, 1 - which, sequences)
            fwd, bwd = (yours, mine) if which else (mine, yours)
            checks.append(check(words["merged"], merge(fwd, bwd, mode), call.y[:n], mode=mode, other=other.name,
                                layer=call.step.name, n=n, B=batch, shape=shape_text(call.y.shape)))
        else:
            theirs, where = _half(call, which, units)
            checks.append(check(words["half"], mine, theirs[:n], where=where, layer=call.step.name, n=n, B=batch))
        first = (1 if mode is not None else 2) + which * len(done.finals)
        for state, ours, theirs in zip(STATES[done.cell.kind], done.finals, call.outputs[first:] if bi.return_state
                                       else ()):
            checks.append(check(words["state"], ours, theirs[:n], state=state, n=n, layer=call.step.name))
    steps = call.x.shape[1]
    t = call.picked()[1] if sequences else steps - 1
    note = Text.of(words["note"], layer=call.step.name, rnn=_direction(bi, which).name, kind=done.cell.kind,
                   other=_direction(bi, 1 - which).name, mode=str(mode), T=steps, t=t, run=steps - 1 - t,
                   H=units)
    code = done.xray.code + _direction_code(call, which, side, units)
    return replace(done.xray, checks=tuple(checks), notes=(note,) + done.xray.notes, code=code)


def _in_input_order(sequence: np.ndarray, which: int, sequences: bool) -> np.ndarray:
    """A direction's steps (n, T, H) as the wrapper merges them: the backward copy flipped back in
    time; without return_sequences the last step each ran (n, H)."""
    if not sequences:
        return sequence[:, -1]
    return sequence[:, ::-1] if which else sequence


def _half(call: LayerCall, which: int, units: int) -> tuple[np.ndarray, str]:
    """This direction's part of the wrapper's output (concat or merge_mode=None), and where it sits."""
    if call.layer.merge_mode is None:
        return call.outputs[which], f"outputs[{which}]"
    part = slice(which * units, (which + 1) * units)
    return call.y[..., part], f"out[..., {part.start}:{part.stop}]"


def _direction_code(call: LayerCall, which: int, side: str, units: int) -> tuple[Line, ...]:
    """After the recurrent code: the wrapper's flip of the backward copy, and its merge."""
    bi = call.layer
    sequences, mode = bool(bi.return_sequences), bi.merge_mode
    lines = [Line(f"{side} = out[:, ::-1]", Text.of("xray.bidirectional.code.flip")) if which and sequences
             else Line(f"{side} = out")]
    other = _direction(bi, 1 - which).name
    if mode is None:
        lines.append(Line(f"outputs[{which}] = {side}",
                          Text.of(DIRECTION_KEYS[which]["code"], other=other, shape=shape_text(call.y.shape))))
    else:
        merged = {"concat": "np.concatenate([fwd, bwd], axis=-1)", "sum": "fwd + bwd", "ave": "(fwd + bwd) / 2",
                  "mul": "fwd * bwd"}[mode]
        lines.append(Line(f"y = {merged}", Text.of(DIRECTION_KEYS[which]["code"], other=other,
                                                   shape=shape_text(call.y.shape))))
    return tuple(lines)


# -- TimeDistributed ------------------------------------------------------------------------------
def timedistributed_xray(call: LayerCall, kinds: Mapping[str, Any]) -> XRay:
    """The inner Keras layer on each time slice x[:, t] separately, stacked on axis 1; and the
    wrapper's weights are the inner layer's own (one set for every step). kinds: the registry (to
    say whether the inner layer has an X-ray of its own)."""

    wrapper, inner = call.layer, call.layer.layer
    x, y = call.x, call.y
    batch, steps = x.shape[:2]
    run_steps = min(steps, TD_MAX_STEPS)
    per_step = math.prod(x.shape[2:]) + 2 * math.prod(y.shape[2:])
    n = samples_within(call, run_steps * per_step)
    slices = [np.asarray(inner(x[:n, t], training=False)) for t in range(run_steps)]
    stacked = np.stack(slices, axis=1)
    inner_kind = call.spec.inner.kind
    tx = call.in_axes[1] if len(call.in_axes) > 1 else "T"  # the time letter in the table (T₂ after RepeatVector)
    own = {id(v) for v in inner.weights}
    shared = sum(id(v) in own for v in wrapper.weights)
    checks = [
        check("xray.timedistributed.check.steps", stacked, y[:n, :run_steps], n=n, B=batch, steps=run_steps,
              T=steps, inner=inner_kind, tx=tx),
        check("xray.timedistributed.check.weights",
              np.array([len(inner.weights), inner.count_params(), len(inner.weights)]),
              np.array([len(wrapper.weights), wrapper.count_params(), shared]), inner=inner_kind),
    ]
    pick = call.picked()
    b, t = pick[0], pick[1]
    notes = []
    if inner.count_params():
        notes.append(Text.of("xray.timedistributed.note.shared", count=len(inner.weights), params=inner.count_params(),
                             T=steps, would=steps * inner.count_params(), inner=inner_kind, tx=tx))
    if run_steps < steps:
        notes.append(Text.of("xray.timedistributed.note.steps", steps=run_steps, T=steps, tx=tx))
    if n < batch:
        notes.append(Text.of("xray.timedistributed.note.samples", n=n, B=batch))
    if _has_xray(kinds.get(inner_kind)):
        notes.append(Text.of("xray.timedistributed.note.inner_xray", inner=inner_kind))
    grids = (
        grid(Text.of("xray.timedistributed.grid.input", b=b, t=t), *_as_2d(x[b, t], ())),
        grid(Text.of("xray.timedistributed.grid.output", b=b, t=t, index=index_text(pick)), *_as_2d(y[b, t], pick[2:])),
    )
    step_in, step_out = (batch,) + x.shape[2:], (batch,) + y.shape[2:]
    summary = Text.of("xray.timedistributed.summary", layer=call.step.name, inner=inner_kind,
                      inp=shape_text(x.shape), inp_named=named(call.in_axes), T=steps, tx=tx,
                      step_in=shape_text(step_in),
                      step_out=shape_text(step_out), out=shape_text(y.shape), out_named=named(call.out_axes))
    code = (Line("inner = layer.layer", Text.of("xray.timedistributed.code.inner", inner=inner_kind)),
            Line(f"steps = [inner(x[:, t]) for t in range({steps})]",
                 Text.of("xray.timedistributed.code.each", step_in=shape_text(step_in), step_out=shape_text(step_out))),
            Line("out = np.stack(steps, axis=1)", shape_text(y.shape)))
    return XRay(call.step.name, "TimeDistributed", summary, code, tuple(checks), grids, tuple(notes))


def _has_xray(kind) -> bool:
    return kind is not None and kind.has_xray


def _as_2d(a: np.ndarray, index: tuple[int, ...]) -> tuple[np.ndarray, int, int, str]:
    """One time slice (any rank) as a 2-D window source and the cell to mark: a vector is one row,
    a matrix itself, higher ranks the last-two-axes matrix holding `index`."""
    if a.ndim == 0:
        return a.reshape(1, 1), 0, 0, "cell"
    if a.ndim == 1:
        return a, 0, index[0] if index else 0, "cell" if index else ""
    lead = tuple(index[:-2]) if index else (0,) * (a.ndim - 2)
    row, col = (index[-2], index[-1]) if index else (0, 0)
    return a[lead], row, col, "cell" if index else ""


# -- mistakes -------------------------------------------------------------------------------------
def bidirectional_mistakes(model: ModelSpec, layer: LayerSpec, step: Step, core: Core) -> tuple[Mistake, ...]:
    """return_sequences=False on the RNN inside; merge_mode=None when a later layer needs one tensor.
    Each offered only when the model described with it fails."""
    out = list(return_sequences_mistake(model, layer, step, core))
    mode = layer.arg("merge_mode", "concat")
    if mode is None or layer.inner is None:
        return tuple(out)
    broken = with_args(layer, merge_mode=None)
    failure = breaks(model, layer, broken, core)
    if failure is not None:
        units = layer.inner.arg("units")
        shape, axes = step.output_shapes[0], step.output_axes[0]
        half = shape[:-1] + (units,)
        params = dict(layer=layer.name, rnn=layer.inner.kind, mode=str(mode), merged=shape_text(shape),
                      merged_named=named(axes), half=shape_text(half), consumer=failure.layer,
                      consumer_cls=failure.cls)
        out.append(Mistake("merge_none", layer.name, tuple(params.items()), broken=broken,
                           code=f"{core.layer_code(broken)}  # → {params['half']}, {params['half']}",
                           title_key="mistake.merge_none.title", why_key="mistake.merge_none.why"))
    return tuple(out)
