"""Bidirectional and TimeDistributed: layers that run another layer (spec.inner) their own way.

Bidirectional(rnn, merge_mode): the RNN reads the sequence twice, forward and backward, with two
separate sets of weights of the same shapes (Keras lists the forward ones first). Input (B, T, E);
each direction gives (B, T, H) (or (B, H) without return_sequences); merge_mode joins them:
concat → (B, T, 2H), sum / ave / mul → (B, T, H), None → the two tensors as two outputs. The
merged last axis is named F. return_state=True appends the forward states, then the backward
ones. Parameters 2 × the RNN's. backward_layer is refused: we make the backward copy ourselves
(go_backwards flipped, its own seed, so the two directions do not start from equal weights).

TimeDistributed(layer): input (B, T, *rest); the layer sees one step at a time, (B, *rest),
and its output (B, *out) gets T put back: (B, T, *out). The same weights at every step, so the
weights, the formula and the count are the inner layer's own. The inner layer must give one
tensor (no return_state, no merge_mode=None).
"""
from __future__ import annotations

import math
from dataclasses import replace
from typing import Any

from ...description import named, shape_text
from ...spec import LayerSpec
from ..base import (ArgRule, Ctx, Example, Fix, FixEdit, Formula, LayerKind, Shape, WeightInfo, code_line,
                    keras_input_check)
from ..recurrent.kinds import RECURRENT, fix_params, returns_sequences

MERGE_MODES = ("concat", "sum", "ave", "mul", None)


def _with_arg(spec: LayerSpec, name: str, value) -> LayerSpec:
    args = dict(spec.args)
    args[name] = value
    return replace(spec, args=tuple(sorted(args.items())))


def _several_outputs(spec: LayerSpec | None) -> bool:
    """Does this layer give more than one tensor (return_state, merge_mode=None)?"""
    if spec is None:
        return False
    if spec.kind == "Bidirectional":
        return spec.arg("merge_mode", "concat") is None or _several_outputs(spec.inner)
    return spec.kind in RECURRENT and bool(spec.arg("return_state", False))


def direction_names(inner: LayerSpec) -> tuple[str, str]:
    """The names of the two copies of `inner` in a built Bidirectional: Keras names the forward one
    (keras/src/layers/rnn/bidirectional.py), `Bidirectional.make` the backward one the same way."""
    return f"forward_{inner.name.removeprefix('forward_')}", f"backward_{inner.name.removeprefix('backward_')}"


class Wrapper(LayerKind):
    """A layer that runs another layer (spec.inner): it asks the registry it was given for that layer's kind.

    Its inner layers have X-rays of their own when the inner kind has one: `inner_xrays` names them
    (known from the spec, before anything is built), `inner_call` gives one of them as a LayerCall
    on the wrapper's real tensors, `inner_xray` its X-ray. `name` is what the page calls it
    ("bidirectional/forward_lstm")."""

    def _kind(self, spec: LayerSpec) -> LayerKind | None:
        return self.registry.get(spec.kind)

    def _inner_has_xray(self, spec: LayerSpec) -> bool:
        kind = self._kind(spec.inner) if spec.inner is not None else None
        return kind is not None and kind.has_xray

    def inner_xrays(self, spec: LayerSpec) -> tuple[str, ...]:
        return (spec.inner.name,) if self._inner_has_xray(spec) else ()

    def inner_call(self, call: Any, inner: str, name: str) -> Any:
        """The wrapped layer on the wrapper's input and output, every step at once: as they are, (B, T, *rest)
        → (B, T, *out), for a layer that contracts the last axis of any rank (Dense); else with the time
        axis folded into the batch, (B·T, *rest) → (B·T, *out), the shapes the inner layer reads."""
        from ...live.base import LayerCall

        step = replace(call.step, name=name, cls=call.spec.inner.kind, inner_cls="")
        inputs, outputs, pick = call.inputs, call.outputs, call.pick
        if not self._kind(call.spec.inner).contracts_last_axis:
            def fold(shape: tuple) -> tuple:
                return (shape[0] * shape[1] if shape[0] is not None and shape[1] is not None else None,) + shape[2:]

            inputs = tuple(a.reshape(fold(a.shape)) for a in inputs)
            outputs = tuple(a.reshape(fold(a.shape)) for a in outputs)
            picked = call.picked()
            pick = (picked[0] * call.y.shape[1] + picked[1],) + picked[2:]
            step = replace(step, input_shapes=tuple(fold(s) for s in step.input_shapes),
                           output_shapes=tuple(fold(s) for s in step.output_shapes),
                           input_axes=tuple((f"{a[0]}·{a[1]}",) + a[2:] for a in step.input_axes),
                           output_axes=tuple((f"{a[0]}·{a[1]}",) + a[2:] for a in step.output_axes))
        return LayerCall(step, call.spec.inner, call.layer.layer, inputs, outputs, (), pick)

    def inner_xray(self, call: Any, inner: str, name: str) -> Any:
        sub = self.inner_call(call, inner, name)
        return self._kind(sub.spec).xray(sub)


class Bidirectional(Wrapper):
    class_name = "Bidirectional"
    positional = ("layer", "merge_mode")
    wraps = True
    directions, time_axis, takes_initial_state = 2, 1, True
    code_positional = 0
    rules = (ArgRule("merge_mode", "choice", "concat", choices=MERGE_MODES),)
    examples = (
        Example({"merge_mode": "ave"}, (None, 50, 64), (None, 50, 75), 84_000,
                inner=("LSTM", {"units": 75, "return_sequences": True})),
        Example({}, (30, 50, 64), (30, 50, 150), 84_000, inner=("LSTM", {"units": 75, "return_sequences": True})),
        Example({"merge_mode": "sum"}, (None, 10, 3), (None, 8), 624, inner=("GRU", {"units": 8})),
        Example({"merge_mode": "mul"}, (None, 10, 3), (None, 10, 8), 192,
                inner=("SimpleRNN", {"units": 8, "return_sequences": True})),
        Example({"merge_mode": None}, (None, 10, 3), ((None, 10, 8), (None, 10, 8)), 768,
                inner=("LSTM", {"units": 8, "return_sequences": True})),
        Example({"merge_mode": "concat"}, (None, 10, 3), ((None, 16), (None, 8), (None, 8), (None, 8), (None, 8)),
                768, inner=("LSTM", {"units": 8, "return_state": True})),
        Example({"merge_mode": None}, (None, 10, 3), ((None, 10, 8), (None, 10, 8), (None, 8), (None, 8)), 576,
                inner=("GRU", {"units": 8, "return_sequences": True, "return_state": True, "reset_after": False})),
    )

    def make(self, spec: LayerSpec, seed: int = 0, inner: Any = None) -> Any:
        import keras

        if spec.inner is None or spec.inner.kind not in RECURRENT:
            got = spec.inner.kind if spec.inner is not None else "nothing"
            raise ValueError(f"`Bidirectional` wraps a recurrent layer (LSTM, GRU or SimpleRNN). Received: {got}")
        kind = self._kind(spec.inner)
        forward = inner if inner is not None else kind.make(spec.inner, seed + 1)
        backward_spec = _with_arg(spec.inner, "go_backwards", not spec.inner.arg("go_backwards", False))
        backward = kind.make(replace(backward_spec, name=direction_names(spec.inner)[1]), seed + 3)
        return keras.layers.Bidirectional(forward, backward_layer=backward, name=spec.name, **self.keras_args(spec))

    def output_shapes(self, spec: LayerSpec, in_shapes: tuple[Shape, ...], layer: Any) -> tuple[Shape, ...]:
        self._kind(spec.inner).output_shapes(spec.inner, in_shapes, layer.forward_layer)  # the RNN's own checks
        return super().output_shapes(spec, in_shapes, layer)

    def inner_ctx(self, ctx: Ctx) -> Ctx:
        """One direction described as a layer of its own (its H, its weights, its formula)."""
        if ctx.inner is None:
            kind = self._kind(ctx.spec.inner)
            inner = Ctx(ctx.spec.inner, ctx.in_shapes, ctx.in_axes, ctx.namer, inside=ctx.spec.name)
            inner.out_shapes = kind.output_shapes(ctx.spec.inner, ctx.in_shapes, kind.make(ctx.spec.inner))
            inner.out_axes = kind.axes(inner)
            ctx.inner = inner
        return ctx.inner

    def axes(self, ctx: Ctx) -> tuple[tuple[str, ...], ...]:
        inner = self.inner_ctx(ctx)
        states = inner.out_axes[1:]
        if ctx.arg("merge_mode", "concat") is None:
            return (inner.out_axes[0], inner.out_axes[0]) + states + states
        merged = ctx.new("F", ctx.out_shapes[0][-1], meaning_key="axis.bidirectional")
        return (inner.out_axes[0][:-1] + (merged,),) + states + states

    def weights(self, ctx: Ctx) -> tuple[WeightInfo, ...]:
        one = self._kind(ctx.spec.inner).weights(self.inner_ctx(ctx))
        return tuple(replace(w, owner=owner) for owner in ("forward", "backward") for w in one)

    def formula(self, ctx: Ctx) -> Formula:
        one = self._kind(ctx.spec.inner).formula(self.inner_ctx(ctx))
        return Formula(f"2 × {one.symbolic}", f"2 × {one.numbers}", 2 * one.value)

    def flops(self, ctx: Ctx, params: int) -> int:
        return 2 * params * math.prod(d or 1 for d in ctx.shape[:-1])

    def explain(self, ctx: Ctx, producer: LayerSpec | None) -> Fix | None:
        if len(ctx.in_shapes) != 1:
            return None
        inner = ctx.spec.inner
        if inner is None or inner.kind not in RECURRENT:
            units = inner.arg("units") if inner is not None else None
            code = f"layers.Bidirectional(layers.LSTM({units if isinstance(units, int) else 64}))"
            return Fix("fix.bidirectional_rnn",
                       fix_params(layer=ctx.spec.name, inner=inner.kind if inner is not None else "-"), code)
        # the RNN inside is what cannot read the input: its advice, under the wrapper's name
        as_inner = Ctx(replace(inner, name=ctx.spec.name), ctx.in_shapes, ctx.in_axes, ctx.namer)
        return self._kind(inner).explain(as_inner, producer)

    def xray(self, call):
        from .xray import bidirectional_xray

        return bidirectional_xray(call)

    def inner_xrays(self, spec: LayerSpec) -> tuple[str, ...]:
        """The forward and the backward copy of the RNN, each with its step and gates."""
        return direction_names(spec.inner) if self._inner_has_xray(spec) else ()

    def inner_call(self, call: Any, inner: str, name: str) -> Any:
        from .xray import direction_call

        return direction_call(call, self.inner_xrays(call.spec).index(inner), name)

    def inner_xray(self, call: Any, inner: str, name: str) -> Any:
        from .xray import direction_xray

        return direction_xray(call, self.inner_xrays(call.spec).index(inner), name)

    def mistakes(self, model, layer, step, core) -> tuple:
        from .xray import bidirectional_mistakes

        return tuple(bidirectional_mistakes(model, layer, step, core))


class TimeDistributed(Wrapper):
    class_name = "TimeDistributed"
    positional = ("layer",)
    wraps = True
    per_step, time_axis = True, 1
    working_copies = 2  # the input folded into the batch axis, and the output unfolded back
    no_heat = "xray.timedistributed.no_heat"  # its inner layer's X-ray draws them
    code_positional = 0
    rules = ()
    examples = (
        Example({}, (None, 50, 200), (None, 50, 6), 1_206, inner=("Dense", {"units": 6})),
        Example({}, (30, 50, 200), (30, 50, 6), 1_200, inner=("Dense", {"units": 6, "use_bias": False})),
        Example({}, (None, 5, 7, 3), (None, 5, 7, 4), 16, inner=("Dense", {"units": 4})),
        Example({}, (None, 8, 10, 3), (None, 8, 4), 128, inner=("LSTM", {"units": 4})),
        Example({}, (None, None, 10, 3), (None, None, 10, 4), 96,
                inner=("GRU", {"units": 4, "return_sequences": True, "reset_after": False})),
    )

    def make(self, spec: LayerSpec, seed: int = 0, inner: Any = None) -> Any:
        if spec.inner is None:
            raise ValueError("`TimeDistributed` needs a layer to apply at every step. Received: nothing")
        if self._kind(spec.inner).takes_list:
            raise ValueError(f"`TimeDistributed` applies a layer to one tensor per step; "
                             f"`{spec.inner.kind}` takes a list of tensors.")
        if inner is None:
            inner = self._kind(spec.inner).make(spec.inner, seed + 1)
        return super().make(spec, seed, inner)

    def output_shapes(self, spec: LayerSpec, in_shapes: tuple[Shape, ...], layer: Any) -> tuple[Shape, ...]:
        shape = in_shapes[0]
        if len(shape) < 3:
            return super().output_shapes(spec, in_shapes, layer)  # Keras: "at least 3 dimensions"
        step = (shape[0],) + tuple(shape[2:])
        keras_input_check(layer.layer, (step,))  # what the inner layer checks when called on one step
        out = self._kind(spec.inner).output_shapes(spec.inner, (step,), layer.layer)
        if len(out) != 1:
            raise ValueError(f"`TimeDistributed` puts the time axis back into one tensor per step, but "
                             f"`{spec.inner.name}` returns {len(out)} tensors.")
        return ((out[0][0], shape[1]) + tuple(out[0][1:]),)

    def inner_ctx(self, ctx: Ctx) -> Ctx:
        """The inner layer on one step: (B, *rest) in, (B, *out) out."""
        if ctx.inner is None:
            inner = Ctx(ctx.spec.inner, ((ctx.shape[0],) + tuple(ctx.shape[2:]),),
                        ((ctx.axes[0],) + tuple(ctx.axes[2:]),), ctx.namer, inside=ctx.spec.name)
            out = ctx.out_shapes[0]
            inner.out_shapes = ((out[0],) + tuple(out[2:]),)
            inner.out_axes = self._kind(ctx.spec.inner).axes(inner)
            ctx.inner = inner
        return ctx.inner

    def axes(self, ctx: Ctx) -> tuple[tuple[str, ...], ...]:
        step_out = self.inner_ctx(ctx).out_axes[0]
        return ((ctx.axes[0], ctx.axes[1]) + tuple(step_out[1:]),)

    def weights(self, ctx: Ctx) -> tuple[WeightInfo, ...]:
        return self._kind(ctx.spec.inner).weights(self.inner_ctx(ctx))

    def formula(self, ctx: Ctx) -> Formula:
        return self._kind(ctx.spec.inner).formula(self.inner_ctx(ctx))

    def flops(self, ctx: Ctx, params: int) -> int:
        return self._kind(ctx.spec.inner).flops(self.inner_ctx(ctx), params) * (ctx.shape[1] or 1)

    def explain(self, ctx: Ctx, producer: LayerSpec | None) -> Fix | None:
        inner = ctx.spec.inner
        if len(ctx.in_shapes) != 1 or inner is None:
            return None
        shape = ctx.shape
        where = dict(layer=ctx.spec.name, inner=inner.kind, shape=shape_text(shape), named=named(ctx.axes))
        if len(shape) < 3:
            if returns_sequences(producer) is False:
                rnn = producer.inner if producer.kind == "Bidirectional" else producer
                return Fix("fix.return_sequences", fix_params(layer=producer.name, rnn=rnn.name),
                           "return_sequences=True")
            return Fix("fix.td_needs_time", fix_params(**where), code_line(inner, self.registry),
                       FixEdit("replace", ctx.spec.name, replace(inner, name=ctx.spec.name)))
        if _several_outputs(inner):
            merged_none = inner.kind == "Bidirectional" and inner.arg("merge_mode", "concat") is None
            code = 'merge_mode="concat"' if merged_none else "return_state=False"
            return Fix("fix.td_one_output", fix_params(**where), code)
        step = (shape[0],) + tuple(shape[2:])
        step_axes = (ctx.axes[0],) + tuple(ctx.axes[2:])
        return Fix("fix.td_step_shape", fix_params(**where, step=shape_text(step), step_named=named(step_axes),
                                                time=ctx.axes[1]))

    def xray(self, call):
        from .xray import timedistributed_xray

        return timedistributed_xray(call, self.registry)


KINDS = (Bidirectional(), TimeDistributed())
