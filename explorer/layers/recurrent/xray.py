"""SimpleRNN, LSTM and GRU, live: the whole layer recomputed with numpy, one step in detail.

Input x (B, T, E); kernel (E, gH) reads x_t, recurrent_kernel (H, gH) reads h_(t−1), bias (gH,)
(GRU with reset_after: (2, 3H), an input row and a recurrent row). g column blocks of H, in Keras's
order (checked in keras/src/layers/rnn/*.py): LSTM i, f, c, o; GRU z, r, h; SimpleRNN one block.
  SimpleRNN  h_t = act(x_t K + h R + b)
  LSTM       z = x_t K + h R + b → i, f, c, o;  c_t = σ(f)·c + σ(i)·act(c);  h_t = σ(o)·act(c_t)
  GRU        z = σ(x K_z + h R_z + b), r = σ(x K_r + h R_r + b);  h_t = z·h + (1 − z)·act(ĥ) with
             ĥ = x K_h + r·(h R_h + b_rh) (reset_after) or x K_h + (r·h) R_h + b (reset_after=False)
(σ: the recurrent_activation, act: the activation the layer really uses.) go_backwards reads the
steps last to first and returns them in the order they ran; return_sequences=False keeps the last
step's h (B, H); return_state appends the final h (and c); initial_state starts from given states.
ConvLSTM1D / ConvLSTM2D: LSTM's step with x_t ∗ kernel (the layer's strides, padding, dilation) and
h ∗ recurrent_kernel (stride 1, "same") in place of the products, ∗ the Conv X-ray's convolution
(explorer/layers/conv/xray.py), the followed position's gates i, f, c, o, c and h at every step.
Mistakes: return_sequences=False on an RNN whose time axis a later layer needs; on a ConvLSTM also
return_sequences=True left on before a layer that takes one frame.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np

from ...description import Step, named, shape_text
from ...live.activations import FUNCTIONS
from ...live.base import (Core, Heat, LayerCall, Line, Mistake, Text, XRay, check, grid, heat, heat_at, index_text,
                          samples_within)
from ...spec import LayerSpec, ModelSpec
from ..conv.xray import Geometry, conv_numpy, geometry, one_window, tap_labels

GATES = {"SimpleRNN": ("h",), "LSTM": ("i", "f", "c", "o"), "GRU": ("z", "r", "h")}  # Keras's column blocks
STATES = {"SimpleRNN": ("h",), "LSTM": ("h", "c"), "GRU": ("h",)}  # what return_state / initial_state carry
XRAY_KEYS = {  # the X-ray's words of each RNN, each key written out
    "SimpleRNN": {
        "summary": "xray.simplernn.summary",
        "check.output": "xray.simplernn.check.output",
        "check.state": "xray.simplernn.check.state",
        "check.step": "xray.simplernn.check.step",
        "grid.x": "xray.simplernn.grid.x",
        "grid.gates": "xray.simplernn.grid.gates",
        "grid.states": "xray.simplernn.grid.states",
        "grid.kernel": "xray.simplernn.grid.kernel",
        "note.activation": "xray.simplernn.note.activation",
        "note.samples": "xray.simplernn.note.samples",
        "note.last_step": "xray.simplernn.note.last_step",
        "note.backwards": "xray.simplernn.note.backwards",
        "note.states": "xray.simplernn.note.states",
        "note.initial": "xray.simplernn.note.initial",
        "note.no_bias": "xray.simplernn.note.no_bias",
        "code.each": "xray.simplernn.code.each",
        "code.last_step": "xray.simplernn.code.last_step",
    },
    "LSTM": {
        "summary": "xray.lstm.summary",
        "check.output": "xray.lstm.check.output",
        "check.state": "xray.lstm.check.state",
        "check.step": "xray.lstm.check.step",
        "grid.x": "xray.lstm.grid.x",
        "grid.gates": "xray.lstm.grid.gates",
        "grid.states": "xray.lstm.grid.states",
        "grid.kernel": "xray.lstm.grid.kernel",
        "note.activation": "xray.lstm.note.activation",
        "note.samples": "xray.lstm.note.samples",
        "note.last_step": "xray.lstm.note.last_step",
        "note.backwards": "xray.lstm.note.backwards",
        "note.states": "xray.lstm.note.states",
        "note.initial": "xray.lstm.note.initial",
        "note.no_bias": "xray.lstm.note.no_bias",
        "code.each": "xray.lstm.code.each",
        "code.last_step": "xray.lstm.code.last_step",
        "code.order": "xray.lstm.code.order",
    },
    "GRU": {
        "summary": "xray.gru.summary",
        "check.output": "xray.gru.check.output",
        "check.state": "xray.gru.check.state",
        "check.step": "xray.gru.check.step",
        "grid.x": "xray.gru.grid.x",
        "grid.gates": "xray.gru.grid.gates",
        "grid.states": "xray.gru.grid.states",
        "grid.kernel": "xray.gru.grid.kernel",
        "note.activation": "xray.gru.note.activation",
        "note.samples": "xray.gru.note.samples",
        "note.last_step": "xray.gru.note.last_step",
        "note.backwards": "xray.gru.note.backwards",
        "note.states": "xray.gru.note.states",
        "note.initial": "xray.gru.note.initial",
        "note.no_bias": "xray.gru.note.no_bias",
        "code.each": "xray.gru.code.each",
        "code.last_step": "xray.gru.code.last_step",
        "code.order": "xray.gru.code.order",
        "code.bias_rows": "xray.gru.code.bias_rows",
        "note.reset_after": "xray.gru.note.reset_after",
        "note.reset_before": "xray.gru.note.reset_before",
    },
}


@dataclass(frozen=True, eq=False)
class Cell:
    """One RNN's weights as float64. kernel (E, gH), recurrent (H, gH), bias (gH,) (zeros without
    one), recurrent_bias (gH,) for GRU's reset_after (else None). order: the names of the g column
    blocks, left to right (Keras's GATES; a test permutes it to show a wrong order is caught)."""

    kind: str
    kernel: np.ndarray
    recurrent: np.ndarray
    bias: np.ndarray
    recurrent_bias: np.ndarray | None
    activation: str
    recurrent_activation: str
    go_backwards: bool
    reset_after: bool
    use_bias: bool
    order: tuple[str, ...]

    @property
    def units(self) -> int:
        return self.recurrent.shape[0]

    def unknown_activations(self) -> tuple[str, ...]:
        used = (self.activation,) if self.kind == "SimpleRNN" else (self.activation, self.recurrent_activation)
        return tuple(a for a in used if a not in FUNCTIONS)


def _name(fn) -> str:
    return getattr(fn, "__name__", "linear") if fn is not None else "linear"


def cell_of(rnn, order: tuple[str, ...] | None = None) -> Cell:
    """The Cell of a built Keras SimpleRNN / LSTM / GRU layer (its variables are only read)."""
    kind = type(rnn).__name__
    cell = rnn.cell
    kernel = np.asarray(cell.kernel, dtype=np.float64)
    recurrent = np.asarray(cell.recurrent_kernel, dtype=np.float64)
    reset_after = bool(getattr(cell, "reset_after", False))
    bias = np.asarray(cell.bias, dtype=np.float64) if cell.bias is not None else None
    recurrent_bias = None
    if reset_after:
        recurrent_bias = bias[1] if bias is not None else np.zeros(kernel.shape[1])
        bias = bias[0] if bias is not None else None
    return Cell(kind, kernel, recurrent, bias if bias is not None else np.zeros(kernel.shape[1]), recurrent_bias,
                _name(cell.activation), _name(getattr(cell, "recurrent_activation", None)),
                bool(rnn.go_backwards), reset_after, bool(cell.use_bias), order or GATES[kind])


def _blocks(cell: Cell, z: np.ndarray) -> dict[str, np.ndarray]:
    """(n, gH) → {gate: (n, H)}, the column blocks named in cell.order."""
    return dict(zip(cell.order, np.split(z, len(cell.order), axis=-1)))


def cell_step(cell: Cell, x_t: np.ndarray, states: tuple[np.ndarray, ...]
              ) -> tuple[dict[str, np.ndarray], tuple[np.ndarray, ...]]:
    """One step: x_t (n, E), states ((n, H) h[, c]) → the gates' pre-activations {gate: (n, H)}
    (what the activations are applied to) and the new states."""
    act, rec = FUNCTIONS[cell.activation], FUNCTIONS.get(cell.recurrent_activation)
    h = states[0]
    if cell.kind == "SimpleRNN":
        pre = x_t @ cell.kernel + cell.bias + h @ cell.recurrent
        return {"h": pre}, (act(pre),)
    if cell.kind == "LSTM":
        pre = _blocks(cell, x_t @ cell.kernel + h @ cell.recurrent + cell.bias)
        c = rec(pre["f"]) * states[1] + rec(pre["i"]) * act(pre["c"])
        return pre, (rec(pre["o"]) * act(c), c)
    x_part = _blocks(cell, x_t @ cell.kernel + cell.bias)
    if cell.reset_after:
        h_part = _blocks(cell, h @ cell.recurrent + cell.recurrent_bias)
        pre = {"z": x_part["z"] + h_part["z"], "r": x_part["r"] + h_part["r"]}
        pre["h"] = x_part["h"] + rec(pre["r"]) * h_part["h"]
    else:
        weights = dict(zip(cell.order, np.split(cell.recurrent, 3, axis=1)))
        pre = {"z": x_part["z"] + h @ weights["z"], "r": x_part["r"] + h @ weights["r"]}
        pre["h"] = x_part["h"] + (rec(pre["r"]) * h) @ weights["h"]
    z = rec(pre["z"])
    return pre, (z * h + (1.0 - z) * act(pre["h"]),)


def zero_states(cell: Cell, n: int) -> tuple[np.ndarray, ...]:
    return tuple(np.zeros((n, cell.units)) for _ in STATES[cell.kind])


def run(cell: Cell, x: np.ndarray, initial: tuple[np.ndarray, ...] | None = None
        ) -> tuple[np.ndarray, tuple[np.ndarray, ...]]:
    """The RNN over x (n, T, E) → (every step's h (n, T, H) in the order the steps ran, the final
    states). go_backwards reads x[:, T−1] first, as Keras does."""
    n, steps = x.shape[0], x.shape[1]
    states = tuple(np.asarray(s, dtype=np.float64) for s in initial) if initial else zero_states(cell, n)
    out = np.empty((n, steps, cell.units))
    for t in range(steps):
        read = steps - 1 - t if cell.go_backwards else t
        _, states = cell_step(cell, x[:, read].astype(np.float64), states)
        out[:, t] = states[0]
    return out, states


@dataclass(frozen=True, eq=False)
class StepDetail:
    """Step t of one sequence: read = the input step it reads (T−1−t with go_backwards); x_t (E,);
    before / after: the states ((H,) h[, c]); pre: each gate's pre-activation (H,)."""

    t: int
    read: int
    x_t: np.ndarray
    before: tuple[np.ndarray, ...]
    pre: dict[str, np.ndarray]
    after: tuple[np.ndarray, ...]


def step_detail(cell: Cell, sequence: np.ndarray, t: int, initial: tuple[np.ndarray, ...] | None = None
                ) -> StepDetail:
    """The recurrence of one sequence (T, E) replayed up to step t, keeping that step's parts."""
    steps = sequence.shape[0]
    states = tuple(np.asarray(s, dtype=np.float64)[None] for s in initial) if initial else zero_states(cell, 1)
    for s in range(t + 1):
        read = steps - 1 - s if cell.go_backwards else s
        before = states
        pre, states = cell_step(cell, sequence[read][None].astype(np.float64), states)
    return StepDetail(t, read, sequence[read], tuple(b[0] for b in before), {k: v[0] for k, v in pre.items()},
                      tuple(a[0] for a in states))


def sample_states(states: tuple[np.ndarray, ...], count: int, rows: slice) -> tuple[np.ndarray, ...] | None:
    """The first `count` initial-state arrays, rows `rows` of each; None when there are none."""
    return tuple(np.asarray(s[rows], dtype=np.float64) for s in states[:count]) or None


def floats_per_sample(steps: int, features: int, units: int, gates: int) -> int:
    """float64 numbers a whole-layer recomputation keeps per sample: x_t, every h, the gates, the comparison."""
    return steps * (features + 4 * units) + 4 * gates * units


# -- the X-ray ------------------------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class Recomputed:
    """What rnn_recompute gives: the X-ray, the cell it ran, n (samples recomputed whole) and, unless
    an activation is not recomputed, every step's h (n, T, H) in the order the steps ran and the final
    states (n, H) each (else None)."""

    xray: XRay
    cell: Cell
    n: int
    sequence: np.ndarray | None
    finals: tuple[np.ndarray, ...] | None


def rnn_xray(call: LayerCall) -> XRay:
    """The whole layer in numpy (every sample within the memory bound), and step t of the picked sample."""
    return rnn_recompute(call).xray


def _letters(call: LayerCall) -> dict[str, str]:
    """The letters the table gives x's time and feature axes and the units (tx, fx, hx): the summary names
    the model's own axes (F where the input's last axis is F, not the Embedding's E)."""
    _b, tx, fx = call.in_axes if len(call.in_axes) == 3 else ("B", "T", "F")
    return dict(tx=tx, fx=fx, hx=call.out_axes[-1] if call.out_axes else "H")


def _channel_axis(call: LayerCall) -> int:
    """Where a ConvLSTM's output holds its filters: last, or after the batch (and the time axis) first."""
    if call.spec.arg("data_format") != "channels_first":
        return -1
    return 2 if call.spec.arg("return_sequences") else 1


def rnn_recompute(call: LayerCall, share: int = 1) -> Recomputed:
    """rnn_xray of any built SimpleRNN / LSTM / GRU layer `call.layer` on the input `call.x` its caller
    gives (a plain layer of the model, or one direction of a Bidirectional with the wrapper's input),
    checked against `call.outputs` (what that Keras layer returned for it). share: how many such
    recomputations the caller keeps at once (the memory bound is split between them)."""
    layer, kind = call.layer, type(call.layer).__name__
    words = XRAY_KEYS[kind]
    cell = cell_of(layer)
    x = call.x
    batch, steps, features = x.shape
    units, gates = cell.units, GATES[kind]
    n = samples_within(call, share * floats_per_sample(steps, features, units, len(gates)))
    state_names = STATES[kind]
    sequences, keeps = bool(layer.return_sequences), bool(layer.return_state)
    pick = call.picked()
    b, unit = pick[0], pick[-1]
    t = pick[1] if sequences else steps - 1
    unknown = cell.unknown_activations()
    notes: list[Text] = []
    checks, grids, heats = [], [], ()
    seq = finals = None
    if unknown:
        notes.append(Text.of(words["note.activation"], act=", ".join(unknown)))
    else:
        seq, finals = run(cell, x[:n], sample_states(call.states, len(state_names), slice(0, n)))
        checks.append(check(words["check.output"], seq if sequences else seq[:, -1], call.y[:n], n=n, B=batch,
                            shape=shape_text(call.y.shape)))
        if keeps:
            for state, ours, theirs in zip(state_names, finals, call.outputs[1:]):
                checks.append(check(words["check.state"], ours, theirs[:n], state=state, n=n))
        detail = step_detail(cell, x[b], t, tuple(s[b] for s in call.states[:len(state_names)]))
        at_t = call.y[b, t] if sequences else call.y[b]
        checks.append(check(words["check.step"], detail.after[0], at_t, b=b, t=t,
                            index=index_text((b, t) if sequences else (b,))))
        grids = _grids(words, cell, x, detail, b, unit)
        heats = _heats(cell, x[b], t, unit, b, tuple(s[b] for s in call.states[:len(state_names)]), call)
    notes += _notes(words, call, cell, n, batch, steps, t, sequences, keeps)
    summary = Text.of(words["summary"], layer=call.step.name, inp=shape_text(x.shape),
                      inp_named=named(call.in_axes), out=shape_text(call.y.shape), out_named=named(call.out_axes),
                      T=steps, E=features, H=units, G=len(gates) * units, act=cell.activation,
                      ract=cell.recurrent_activation, **_letters(call))
    xray = XRay(call.step.name, kind, summary, rnn_code(cell, x.shape, sequences, bool(call.states)), tuple(checks),
                tuple(grids), tuple(notes), heats)
    return Recomputed(xray, cell, n, seq, finals)


def history(cell: Cell, sequence: np.ndarray, initial: tuple[np.ndarray, ...] | None = None
            ) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """One sequence (T, E) run step by step: each gate after its activation ({gate: (T, H)}) and h (T, H), in
    the order the steps ran (go_backwards reads x[T−1] first)."""
    act, rec = FUNCTIONS[cell.activation], FUNCTIONS.get(cell.recurrent_activation)
    steps = sequence.shape[0]
    states = tuple(np.asarray(s, dtype=np.float64)[None] for s in initial) if initial else zero_states(cell, 1)
    gates = {g: np.empty((steps, cell.units)) for g in cell.order}
    h = np.empty((steps, cell.units))
    candidate = {"SimpleRNN": "h", "LSTM": "c", "GRU": "h"}[cell.kind]  # the block the activation (tanh) shapes
    for s in range(steps):
        read = steps - 1 - s if cell.go_backwards else s
        pre, states = cell_step(cell, sequence[read][None].astype(np.float64), states)
        for g in cell.order:
            gates[g][s] = (act if g == candidate else rec)(pre[g][0])
        h[s] = states[0][0]
    return gates, h


def _heats(cell: Cell, sequence: np.ndarray, t: int, unit: int, b: int, initial: tuple[np.ndarray, ...],
           call: LayerCall) -> tuple[Heat, ...]:
    """The followed sample's input sequence (step t's row outlined), its gates over time for the followed unit
    (an RNN without gates: none) and h over time, h[t, unit] outlined: the followed number."""
    gates, h = history(cell, sequence, initial or None)
    steps = sequence.shape[0]
    read = steps - 1 - t if cell.go_backwards else t
    in_axes, out_axes = call.in_axes, call.out_axes
    time = in_axes[1] if len(in_axes) > 2 else "T"
    feature = in_axes[-1] if in_axes else "E"
    out = [heat(Text.of("xray.rnn.heat_x", b=b, t=t, read=read), sequence, time, feature, read, 0, "row")]
    if cell.kind != "SimpleRNN":
        plane = np.stack([gates[g][:, unit] for g in cell.order])
        out.append(heat(Text.of("xray.rnn.heat_gates", b=b, unit=unit, t=t), plane, Text.of("xray.rnn.heat_gate_axis"),
                        time, 0, t, "col", labels=cell.order))
    units = out_axes[-1] if out_axes else "H"
    out.append(heat(Text.of("xray.rnn.heat_h", b=b, t=t, unit=unit), h, time, units, t, unit))
    return tuple(out)


def _grids(words: dict[str, str], cell: Cell, x: np.ndarray, d: StepDetail, b: int, unit: int) -> list:
    """x at the step read, the gates' pre-activations, the states before/after, the unit's kernel columns."""
    names = STATES[cell.kind]
    gates = cell.order
    units = cell.units
    state_rows = [f"{s}[t-1]" for s in names] + [f"{s}[t]" for s in names]
    states = np.stack(list(d.before) + list(d.after))
    columns = cell.kernel[:, [j * units + unit for j in range(len(gates))]]
    out = [
        grid(Text.of(words["grid.x"], t=d.t, read=d.read, b=b), x[:, d.read], b, 0, "row"),
        _labelled(grid(Text.of(words["grid.gates"], t=d.t, b=b, unit=unit, act=cell.activation),
                       np.stack([d.pre[g] for g in gates]), 0, unit, "col"), rows=gates),
        _labelled(grid(Text.of(words["grid.states"], t=d.t, b=b, unit=unit), states, len(names), unit),
                  rows=state_rows),
        _labelled(grid(Text.of(words["grid.kernel"], unit=unit, H=units), columns, 0, 0, ""), cols=gates),
    ]
    return out


def _labelled(g, rows: tuple | list | None = None, cols: tuple | list | None = None):
    """A grid whose rows or columns are named (gate letters, h[t-1]...) rather than numbered."""
    return replace(g, rows=tuple(rows[int(i)] for i in g.rows) if rows is not None else g.rows,
                   cols=tuple(cols[int(j)] for j in g.cols) if cols is not None else g.cols)


def _notes(words: dict[str, str], call: LayerCall, cell: Cell, n: int, batch: int, steps: int, t: int,
           sequences: bool, keeps: bool) -> list[Text]:
    notes = []
    if n < batch:
        notes.append(Text.of(words["note.samples"], n=n, B=batch))
    if not sequences:
        notes.append(Text.of(words["note.last_step"], last=steps - 1, H=cell.units))
    if cell.go_backwards:
        notes.append(Text.of(words["note.backwards"], T=steps, t=t, read=steps - 1 - t))
    if keeps:
        notes.append(Text.of(words["note.states"], states=", ".join(STATES[cell.kind])))
    if call.states:
        notes.append(Text.of(words["note.initial"], states=", ".join(STATES[cell.kind])))
    if not cell.use_bias:
        notes.append(Text.of(words["note.no_bias"]))
    if cell.kind == "GRU":
        notes.append(Text.of(words["note.reset_after"] if cell.reset_after else words["note.reset_before"]))
    return notes


def rnn_code(cell: Cell, shape: tuple[int, ...], sequences: bool, initial: bool) -> tuple[Line, ...]:
    """The recomputation as numpy lines, with this layer's sizes (worded comments: Text notes)."""
    batch, steps, features = shape
    h, g = cell.units, len(cell.order)
    act, rec = cell.activation, cell.recurrent_activation
    names = STATES[cell.kind]
    words = XRAY_KEYS[cell.kind]
    lines = [Line("K, R = cell.kernel, cell.recurrent_kernel", f"({features}, {g * h}), ({h}, {g * h})")]
    if not cell.use_bias:
        bias = "b_in = b_rec" if cell.reset_after else "b"
        lines.append(Line(f"{bias} = np.zeros({g * h})", "use_bias=False"))
    elif cell.reset_after:
        lines.append(Line("b_in, b_rec = cell.bias",
                          Text.of(words["code.bias_rows"], shape=shape_text((2, g * h)))))
    else:
        lines.append(Line("b = cell.bias", f"({g * h},)"))
    start = ", ".join(names)
    lines.append(Line(f"{start} = initial_state", Text.of(words["code.each"], shape=shape_text((batch, h))))
                 if initial
                 else Line(f"{start} = " + ", ".join(f"np.zeros(({batch}, {h}))" for _ in names)))
    lines.append(Line(f"out = np.empty(({batch}, {steps}, {h}))"))
    lines.append(Line(f"for t in range({steps}):"))
    read = f"x[:, {steps - 1} - t]" if cell.go_backwards else "x[:, t]"
    lines.append(Line(f"    x_t = {read}", f"({batch}, {features})"))
    lines.append(Line("    xk = x_t @ K", f"({batch}, {features}) @ ({features}, {g * h}) → ({batch}, {g * h})"))
    recurrent = f"({batch}, {h}) @ ({h}, {g * h})"
    if cell.kind == "SimpleRNN":
        lines.append(Line(f"    h = {act}(xk + b + h @ R)", f"+ ({h},) + {recurrent} → ({batch}, {h})"))
    elif cell.kind == "LSTM":
        lines += [Line("    z = xk + h @ R + b", f"+ {recurrent} + ({g * h},) → ({batch}, {g * h})"),
                  Line("    i, f, g, o = np.split(z, 4, axis=-1)", Text.of(words["code.order"])),
                  Line(f"    c = {rec}(f) * c + {rec}(i) * {act}(g)", f"({batch}, {h})"),
                  Line(f"    h = {rec}(o) * {act}(c)", f"({batch}, {h})")]
    elif cell.reset_after:
        lines += [Line("    xz, xr, xh = np.split(xk + b_in, 3, axis=-1)", Text.of(words["code.order"])),
                  Line("    hz, hr, hh = np.split(h @ R + b_rec, 3, axis=-1)",
                       f"{recurrent} + ({g * h},) → ({batch}, {g * h})"),
                  Line(f"    z, r = {rec}(xz + hz), {rec}(xr + hr)"),
                  Line(f"    h = z * h + (1 - z) * {act}(xh + r * hh)", f"({batch}, {h})")]
    else:
        lines += [Line("    xz, xr, xh = np.split(xk + b, 3, axis=-1)", Text.of(words["code.order"])),
                  Line("    Rz, Rr, Rh = np.split(R, 3, axis=1)", f"3 × ({h}, {h})"),
                  Line(f"    z, r = {rec}(xz + h @ Rz), {rec}(xr + h @ Rr)"),
                  Line(f"    h = z * h + (1 - z) * {act}(xh + (r * h) @ Rh)", f"({batch}, {h})")]
    lines.append(Line("    out[:, t] = h"))
    if not sequences:
        lines.append(Line("out = out[:, -1]", Text.of(words["code.last_step"], shape=shape_text((batch, h)))))
    return tuple(lines)


# -- mistakes -------------------------------------------------------------------------------------
def with_args(layer: LayerSpec, **changes) -> LayerSpec:
    """The layer with these arguments set to literal values (their old source names dropped)."""
    args = dict(layer.args)
    args.update(changes)
    sources = tuple((k, v) for k, v in layer.sources if k not in changes)
    return replace(layer, args=tuple(sorted(args.items())), sources=sources)


def breaks(model: ModelSpec, layer: LayerSpec, broken: LayerSpec, core: Core):
    """The failure of the model with `layer` written as `broken`, when that is a new failure
    (the model as written does not already fail the same way); else None."""
    swapped = replace(model, layers=tuple(broken if l.name == layer.name else l for l in model.layers))
    failure = core.describe(swapped).failure
    if failure is None:
        return None
    before = core.describe(model).failure
    if before is not None and (before.layer, before.message) == (failure.layer, failure.message):
        return None
    return failure


def return_sequences_mistake(model: ModelSpec, layer: LayerSpec, step: Step, core: Core) -> tuple[Mistake, ...]:
    """return_sequences=False on an RNN (or the RNN inside a Bidirectional) that keeps its time
    axis, offered only when a later layer then fails."""
    rnn = layer.inner if layer.kind == "Bidirectional" and layer.inner is not None else layer
    if rnn.kind not in GATES or not rnn.arg("return_sequences", False):
        return ()
    broken_rnn = with_args(rnn, return_sequences=False)
    broken = replace(layer, inner=broken_rnn) if rnn is not layer else broken_rnn
    failure = breaks(model, layer, broken, core)
    if failure is None:
        return ()
    shape, axes = step.output_shapes[0], step.output_axes[0]
    params = dict(layer=layer.name, rnn=rnn.kind, seq=shape_text(shape), seq_named=named(axes),
                  last=shape_text((shape[0], shape[-1])), last_named=named((axes[0], axes[-1])), time=axes[1],
                  consumer=failure.layer, consumer_cls=failure.cls)
    return (Mistake("return_sequences", layer.name, tuple(params.items()), broken=broken,
                    code=f"{core.layer_code(broken)}  # → {params['last']} {params['last_named']}",
                    title_key="mistake.return_sequences.title", why_key="mistake.return_sequences.why"),)


# -- ConvLSTM1D / ConvLSTM2D: LSTM's recurrence with convolutions in place of the matrix products ---------
CONVLSTM_GATES = ("i", "f", "c", "o")  # Keras's blocks of F along the kernels' last axis
CONVLSTM_KEYS = {  # the words of the ConvLSTM X-ray (both ranks), each key written out
    "summary": "xray.convlstm.summary",
    "check.output": "xray.convlstm.check.output",
    "check.state": "xray.convlstm.check.state",
    "check.followed": "xray.convlstm.check.followed",
    "grid.gates": "xray.convlstm.grid.gates",
    "grid.parts": "xray.convlstm.grid.parts",
    "grid.x": "xray.convlstm.grid.x",
    "grid.h": "xray.convlstm.grid.h",
    "note.padding": "xray.convlstm.note.padding",
    "note.activation": "xray.convlstm.note.activation",
    "note.samples": "xray.convlstm.note.samples",
    "note.last_step": "xray.convlstm.note.last_step",
    "note.backwards": "xray.convlstm.note.backwards",
    "note.states": "xray.convlstm.note.states",
    "note.no_bias": "xray.convlstm.note.no_bias",
    "code.conv": "xray.convlstm.code.conv",
    "code.order": "xray.convlstm.code.order",
    "code.last_step": "xray.convlstm.code.last_step",
}


@dataclass(frozen=True, eq=False)
class ConvCell:
    """One ConvLSTM's weights as float64: kernel (*k, C, 4F), recurrent (*k, F, 4F), bias (4F,) (zeros
    without one); geo: how the kernel tiles x_t (the layer's strides, padding, dilation_rate); rgeo: how the
    recurrent kernel tiles h (stride 1, padding "same": h keeps the output frame's size)."""

    kernel: np.ndarray
    recurrent: np.ndarray
    bias: np.ndarray
    activation: str
    recurrent_activation: str
    go_backwards: bool
    use_bias: bool
    padding: str
    geo: Geometry
    rgeo: Geometry

    @property
    def filters(self) -> int:
        return self.recurrent.shape[-2]

    def unknown_activations(self) -> tuple[str, ...]:
        return tuple(a for a in (self.activation, self.recurrent_activation) if a not in FUNCTIONS)


def conv_cell_of(layer, frame: tuple[int, ...]) -> ConvCell:
    """The ConvCell of a built Keras ConvLSTM1D / ConvLSTM2D reading frames of spatial sizes `frame`."""
    cell = layer.cell
    kernel = np.asarray(cell.kernel, dtype=np.float64)
    filters = kernel.shape[-1] // 4
    bias = np.asarray(cell.bias, dtype=np.float64) if cell.bias is not None else np.zeros(4 * filters)
    rank = len(frame)
    geo = geometry(frame, cell.kernel_size, cell.strides, cell.dilation_rate, cell.padding)
    rgeo = geometry(geo.outs, cell.kernel_size, (1,) * rank, (1,) * rank, "same")
    return ConvCell(kernel, np.asarray(cell.recurrent_kernel, dtype=np.float64), bias, _name(cell.activation),
                    _name(cell.recurrent_activation), bool(layer.go_backwards), bool(cell.use_bias), cell.padding,
                    geo, rgeo)


def conv_cell_step(cell: ConvCell, x_t: np.ndarray, h: np.ndarray, c: np.ndarray):
    """One step: x_t (n, *S, C), h and c (n, *S', F) → (x_t ∗ kernel (n, *S', 4F), h ∗ recurrent_kernel
    (n, *S', 4F), the new h, the new c); ∗ the convolution of the Conv X-ray (windows @ kernel)."""
    act, rec = FUNCTIONS[cell.activation], FUNCTIONS[cell.recurrent_activation]
    zx = conv_numpy(x_t, cell.kernel, np.zeros(cell.kernel.shape[-1]), cell.geo, 1)
    zh = conv_numpy(h, cell.recurrent, np.zeros(cell.recurrent.shape[-1]), cell.rgeo, 1)
    i, f, g, o = np.split(zx + zh + cell.bias, 4, axis=-1)
    c = rec(f) * c + rec(i) * act(g)
    return zx, zh, rec(o) * act(c), c


@dataclass(frozen=True, eq=False)
class Followed:
    """One position of one sample over every step: parts[t] (4, 3): for gates i, f, c, o, the kernel's part,
    the recurrent kernel's part and the bias; gates (4, T) after their activations; c and h (T,); the x_t and
    h_(t−1) windows that feed the position at the followed step (flattened to (taps, C) and (taps, F))."""

    parts: np.ndarray
    gates: np.ndarray
    c: np.ndarray
    h: np.ndarray
    x_window: np.ndarray
    h_window: np.ndarray
    read: int


def conv_run(cell: ConvCell, x: np.ndarray, follow: tuple | None = None, at: int = 0):
    """The ConvLSTM over x (n, T, *S, C) → (every step's h (n, T, *S', F) in the order the steps ran, (h, c)
    final, Followed or None). follow: (sample, position, filter) to keep over time; at: the step whose
    windows Followed keeps."""
    n, steps = x.shape[0], x.shape[1]
    frame = cell.geo.outs + (cell.filters,)
    h, c = np.zeros((n,) + frame), np.zeros((n,) + frame)
    out = np.empty((n, steps) + frame)
    parts, gates, cs, hs = np.empty((steps, 4, 3)), np.empty((4, steps)), np.empty(steps), np.empty(steps)
    windows_at = None
    act, rec = FUNCTIONS[cell.activation], FUNCTIONS[cell.recurrent_activation]
    for t in range(steps):
        read = steps - 1 - t if cell.go_backwards else t
        x_t = x[:, read].astype(np.float64)
        if follow is not None and t == at:
            b, position, _ = follow
            windows_at = (one_window(x_t[b], cell.geo, position), one_window(h[b], cell.rgeo, position), read)
        zx, zh, h, c = conv_cell_step(cell, x_t, h, c)
        out[:, t] = h
        if follow is not None:
            b, position, f = follow
            cols = [j * cell.filters + f for j in range(4)]
            parts[t] = np.stack([zx[(b,) + position][cols], zh[(b,) + position][cols], cell.bias[cols]], axis=1)
            z = parts[t].sum(axis=1)
            gates[:, t] = [rec(z[0]), rec(z[1]), act(z[2]), rec(z[3])]
            cs[t], hs[t] = c[(b,) + position + (f,)], h[(b,) + position + (f,)]
    followed = None
    if follow is not None:
        xw, hw, read = windows_at
        followed = Followed(parts, gates, cs, hs, xw.reshape(-1, xw.shape[-1]), hw.reshape(-1, hw.shape[-1]), read)
    return out, (h, c), followed


def convlstm_xray(call: LayerCall) -> XRay:
    """The whole layer in numpy on the first samples (and the followed sample, when it is not among them): the
    followed position's gates i, f, c, o, c and h at every step, and the windows that feed it at the followed
    step."""
    layer, x, y = call.layer, call.x, call.y
    words = CONVLSTM_KEYS
    cell = conv_cell_of(layer, tuple(x.shape[2:-1]))
    batch, steps = x.shape[0], x.shape[1]
    sequences, keeps = bool(layer.return_sequences), bool(layer.return_state)
    frame_out = cell.geo.outs + (cell.filters,)
    per_frame_out, per_frame_in = math.prod(frame_out), math.prod(x.shape[2:])
    padded = math.prod(s + a + b for s, (a, b) in zip(cell.geo.sizes, cell.geo.pads)) * x.shape[-1]
    n = samples_within(call, steps * (per_frame_in + 2 * per_frame_out) + 24 * per_frame_out + padded)
    pick = call.picked()
    b, f = pick[0], pick[-1]
    t = pick[1] if sequences else steps - 1
    position = tuple(pick[2:-1] if sequences else pick[1:-1])
    unknown = cell.unknown_activations()
    checks, grids, notes, heats = [], [], [], ()
    if unknown:
        notes.append(Text.of(words["note.activation"], act=", ".join(unknown)))
    else:
        inside = b < n  # the followed sample is among those recomputed whole: followed in the same run
        seq, finals, one = conv_run(cell, x[:n], (b, position, f) if inside else None, t)
        checks.append(check(words["check.output"], seq if sequences else seq[:, -1], y[:n], n=n, B=batch,
                            shape=shape_text(y.shape)))
        if keeps:
            for state, ours, theirs in zip(("h", "c"), finals, call.outputs[1:]):
                checks.append(check(words["check.state"], ours, theirs[:n], state=state, n=n))
        if not inside:
            one = conv_run(cell, x[b:b + 1], (0, position, f), t)[2]
        where = dict(b=b, t=t, f=f, position=index_text(position), index=index_text(pick))
        checks.append(check(words["check.followed"], np.array([one.h[t]]), np.array([y[pick]]), **where))
        grids = _convlstm_grids(words, cell, one, where, t, position)
        heats = _convlstm_heats(call, cell, one, where, t, position)
    notes += _convlstm_notes(words, call, cell, n, batch, steps, t, sequences, keeps)
    geo = cell.geo
    summary = Text.of(words["summary"], layer=call.step.name, cls=call.spec.kind, inp=shape_text(x.shape),
                      inp_named=named(call.in_axes), out=shape_text(y.shape), out_named=named(call.out_axes),
                      T=steps, frame=shape_text(tuple(x.shape[2:])), state=shape_text(frame_out),
                      kernel=shape_text(cell.kernel.shape), rkernel=shape_text(cell.recurrent.shape),
                      G=cell.kernel.shape[-1], F=cell.filters, act=cell.activation, ract=cell.recurrent_activation,
                      padding=cell.padding, strides=shape_text(geo.strides), dilation=shape_text(geo.dilation),
                      tx=call.in_axes[1] if len(call.in_axes) > 2 else "T",
                      kx=call.out_axes[_channel_axis(call)])
    return XRay(call.step.name, call.spec.kind, summary, convlstm_code(cell, x.shape, sequences), tuple(checks),
                tuple(grids), tuple(notes), heats)


def _convlstm_heats(call: LayerCall, cell: ConvCell, one: Followed, where: dict, t: int,
                    position: tuple[int, ...]) -> tuple[Heat, ...]:
    """The frame step t reads (channel 0 of an image, every channel of a 1-D frame; a volume at the window's first
    depth), the real part of the followed position's window outlined; the followed position's gates, c and h over
    time, step t outlined; the output through the followed number."""
    x, b = call.x, where["b"]
    time = call.in_axes[1] if len(call.in_axes) > 2 else "T"
    heats = []
    if _channel_axis(call) == -1:  # channels last: the frame's planes are the x heat's
        taps = [cell.geo.taps(a, p) for a, p in enumerate(position)]
        real = [tap[(tap >= 0) & (tap < size)] for tap, size in zip(taps, cell.geo.sizes)]
        first = tuple(int(r[0]) if len(r) else 0 for r in real)
        extent = [int(r[-1] - r[0]) + 1 if len(r) else 0 for r in real]
        mark = (extent[0], x.shape[-1]) if len(position) == 1 else tuple(extent[-2:])
        axes = (2, 3) if len(position) <= 2 else (x.ndim - 3, x.ndim - 2)
        heats.append(heat_at("xray.convlstm.heat_x", x, (b, one.read) + first + (0,), "x", call.in_axes,
                             mark if all(extent) else None, axes, t=t, read=one.read, out=where["index"]))
    over_time = np.vstack([one.gates, one.c[None], one.h[None]])
    heats.append(heat(Text.of("xray.convlstm.heat_gates", **where), over_time, Text.of("xray.rnn.heat_gate_axis"),
                      time, 0, t, "col", labels=CONVLSTM_GATES + ("c[t]", "h[t]")))
    heats.append(heat_at("live.xray.heat_out", call.y, call.picked(), "out", call.out_axes))
    return tuple(heats)


def _convlstm_grids(words: dict[str, str], cell: ConvCell, one: Followed, where: dict, t: int,
                    position: tuple[int, ...]) -> list:
    """The followed position over time (the gates, c and h: the output's number is h at step t), the parts of
    the gates' pre-activations at step t, and the x_t and h_(t−1) windows that feed it."""
    over_time = np.vstack([one.gates, one.c[None], one.h[None]])
    rows = CONVLSTM_GATES + ("c[t]", "h[t]")
    parts = np.concatenate([one.parts[t], one.parts[t].sum(axis=1, keepdims=True)], axis=1)
    x_taps, h_taps = tap_labels(cell.geo, position), tap_labels(cell.rgeo, position)
    return [
        _labelled(grid(Text.of(words["grid.gates"], **where, act=cell.activation, ract=cell.recurrent_activation),
                       over_time, len(rows) - 1, t), rows=rows),
        _labelled(grid(Text.of(words["grid.parts"], **where), parts, 0, 3, "col"),
                  rows=CONVLSTM_GATES, cols=("x∗K", "h∗R", "b", "z")),
        _labelled(grid(Text.of(words["grid.x"], **where, read=one.read), one.x_window, 0, 0,
                       ""), rows=x_taps),
        _labelled(grid(Text.of(words["grid.h"], **where), one.h_window, 0, where["f"], "col"), rows=h_taps),
    ]


def _convlstm_notes(words: dict[str, str], call: LayerCall, cell: ConvCell, n: int, batch: int, steps: int,
                    t: int, sequences: bool, keeps: bool) -> list[Text]:
    geo = cell.geo
    notes = [Text.of(words["note.padding"], padding=cell.padding, pads=", ".join(f"({a}, {b})" for a, b in geo.pads),
                     frame=shape_text(geo.sizes), out=shape_text(geo.outs),
                     rpads=", ".join(f"({a}, {b})" for a, b in cell.rgeo.pads))]
    if n < batch:
        notes.append(Text.of(words["note.samples"], n=n, B=batch))
    if not sequences:
        notes.append(Text.of(words["note.last_step"], last=steps - 1,
                             frame=shape_text(geo.outs + (cell.filters,))))
    if cell.go_backwards:
        notes.append(Text.of(words["note.backwards"], T=steps, t=t, read=steps - 1 - t))
    if keeps:
        notes.append(Text.of(words["note.states"]))
    if not cell.use_bias:
        notes.append(Text.of(words["note.no_bias"]))
    return notes


def convlstm_code(cell: ConvCell, shape: tuple[int, ...], sequences: bool) -> tuple[Line, ...]:
    """The recomputation as numpy lines, with this layer's sizes; conv(...) is the Conv X-ray's windows @ kernel."""
    words = CONVLSTM_KEYS
    batch, steps = shape[0], shape[1]
    geo, f = cell.geo, cell.filters
    frame = (batch,) + geo.outs + (f,)
    act, rec = cell.activation, cell.recurrent_activation
    bias = "b = cell.bias" if cell.use_bias else f"b = np.zeros({4 * f})"
    read = f"x[:, {steps - 1} - t]" if cell.go_backwards else "x[:, t]"
    dilation = f", dilation={geo.dilation}" if max(geo.dilation) > 1 else ""
    lines = [
        Line("", Text.of(words["code.conv"])),
        Line("K, R = cell.kernel, cell.recurrent_kernel",
             f"{shape_text(cell.kernel.shape)}, {shape_text(cell.recurrent.shape)}"),
        Line(bias, f"({4 * f},)"),
        Line(f"h = c = np.zeros({shape_text(frame)})"),
        Line(f"out = np.empty({shape_text((batch, steps) + frame[1:])})"),
        Line(f"for t in range({steps}):"),
        Line(f"    x_t = {read}", shape_text((batch,) + tuple(shape[2:]))),
        Line(f'    zx = conv(x_t, K, strides={geo.strides}, padding="{cell.padding}"{dilation})',
             f"→ {shape_text(frame[:-1] + (4 * f,))}"),
        Line('    zh = conv(h, R, strides=1, padding="same")',
             f"{shape_text(frame)} → {shape_text(frame[:-1] + (4 * f,))}"),
        Line("    i, f, g, o = np.split(zx + zh + b, 4, axis=-1)", Text.of(words["code.order"])),
        Line(f"    c = {rec}(f) * c + {rec}(i) * {act}(g)", shape_text(frame)),
        Line(f"    h = {rec}(o) * {act}(c)", shape_text(frame)),
        Line("    out[:, t] = h"),
    ]
    if not sequences:
        lines.append(Line("out = out[:, -1]", Text.of(words["code.last_step"], shape=shape_text(frame))))
    return tuple(lines)


def convlstm_sequences_mistake(model: ModelSpec, layer: LayerSpec, step: Step, core: Core) -> tuple[Mistake, ...]:
    """return_sequences flipped on a ConvLSTM, offered only when a later layer then fails: switched off where a
    later layer reads every frame (another ConvLSTM), or left on where a later layer takes one frame (Conv2D,
    pooling)."""
    keeps = bool(layer.arg("return_sequences", False))
    broken = with_args(layer, return_sequences=not keeps)
    failure = breaks(model, layer, broken, core)
    if failure is None:
        return ()
    shape, axes = step.output_shapes[0], step.output_axes[0]
    if keeps:
        seq, seq_named, last, last_named = shape, axes, shape[:1] + shape[2:], axes[:1] + axes[2:]
        key, title, why = ("convlstm_sequences_off", "mistake.convlstm_sequences_off.title",
                           "mistake.convlstm_sequences_off.why")
    else:
        time = step.input_axes[0][1] if step.input_axes else "T"
        steps = step.input_shapes[0][1] if step.input_shapes else None
        seq, seq_named, last, last_named = shape[:1] + (steps,) + shape[1:], axes[:1] + (time,) + axes[1:], shape, axes
        key, title, why = ("convlstm_sequences_on", "mistake.convlstm_sequences_on.title",
                           "mistake.convlstm_sequences_on.why")
    params = dict(layer=layer.name, cls=layer.kind, seq=shape_text(seq), seq_named=named(seq_named),
                  last=shape_text(last), last_named=named(last_named), time=seq_named[1], consumer=failure.layer,
                  consumer_cls=failure.cls)
    shown = params["last"] if keeps else params["seq"]
    shown_named = params["last_named"] if keeps else params["seq_named"]
    return (Mistake(key, layer.name, tuple(params.items()), broken=broken,
                    code=f"{core.layer_code(broken)}  # → {shown} {shown_named}", title_key=title, why_key=why),)
