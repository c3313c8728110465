"""SimpleRNN, LSTM, GRU: one cell read along the time axis, the same weights at every step.

Input (B, T, E): T steps of E features each → output (B, T, H) with return_sequences=True (every
step's state h), else (B, H) (the last step's h only). return_state=True appends the final states
as extra outputs: LSTM h and c, GRU and SimpleRNN h, each (B, H).

Weights, in Keras's order, with g the gate blocks side by side (LSTM 4: i f c o; GRU 3: z r h;
SimpleRNN 1): kernel (E, gH) reads the input, recurrent_kernel (H, gH) reads the previous h,
bias (gH,). GRU's default reset_after=True keeps two biases, one for each product: bias (2, 3H).
Parameters g·H·(E + H + 1); GRU with reset_after g·H·(E + H + 2); without a bias g·H·(E + H).

stateful=True is refused: a stateful layer carries its states from one call to the next, and the
explorer runs one shared model for every visitor, so what it showed would depend on who came
before (and Keras needs a fixed batch size for it). Dropout rates, go_backwards and unroll change
no shape and no count; use_cudnn and Keras 2's implementation are ignored (CPU here).
"""
from __future__ import annotations

import math
from typing import Any, ClassVar

from ...description import named, shape_text
from ...spec import LayerSpec
from ..base import (ACTIVATIONS, INITIALIZERS, MAX_SIZE, ArgRule, Ctx, Example, Fix, Formula, LayerKind, Shape,
                    WeightInfo, dim_text)

RECURRENT = ("LSTM", "GRU", "SimpleRNN")
# layers that leave one vector per example: what flows out of them has no time axis left
TIME_REMOVERS = ("Flatten", "GlobalAveragePooling1D", "GlobalMaxPooling1D")


def fix_params(**values: object) -> tuple[tuple[str, str], ...]:
    return tuple((key, str(value)) for key, value in values.items())


def returns_sequences(layer: LayerSpec | None) -> bool | None:
    """For an RNN (or a Bidirectional around one): does it keep the time axis? None if not an RNN."""
    if layer is None:
        return None
    if layer.kind == "Bidirectional" and layer.inner is not None:
        layer = layer.inner
    if layer.kind not in RECURRENT:
        return None
    return bool(layer.arg("return_sequences", False))


def _common_rules(gated: bool) -> tuple[ArgRule, ...]:
    rules = [
        ArgRule("units", "int", None, 1, MAX_SIZE),
        ArgRule("activation", "activation", "tanh", choices=ACTIVATIONS, neutral=True),
    ]
    if gated:
        rules.append(ArgRule("recurrent_activation", "activation", "sigmoid", choices=ACTIVATIONS, neutral=True))
    rules += [
        ArgRule("use_bias", "bool", True),
        ArgRule("kernel_initializer", "initializer", "glorot_uniform", choices=INITIALIZERS, neutral=True),
        ArgRule("recurrent_initializer", "initializer", "orthogonal", choices=INITIALIZERS, neutral=True),
        ArgRule("bias_initializer", "initializer", "zeros", choices=INITIALIZERS, neutral=True),
        ArgRule("dropout", "float", 0.0, 0.0, 1.0, neutral=True),
        ArgRule("recurrent_dropout", "float", 0.0, 0.0, 1.0, neutral=True),
        ArgRule("seed", "int", None, 0, 2**31 - 1, neutral=True),
        ArgRule("return_sequences", "bool", False),
        ArgRule("return_state", "bool", False),
        ArgRule("go_backwards", "bool", False, neutral=True),
        ArgRule("stateful", "choice", False, choices=(False,)),
        ArgRule("unroll", "bool", False, neutral=True),
        ArgRule("use_cudnn", "ignored", neutral=True),
        ArgRule("implementation", "ignored", neutral=True),
    ]
    rules += [ArgRule(f"{w}_{what}", "ignored", neutral=True)
              for what in ("regularizer", "constraint") for w in ("kernel", "recurrent", "bias")]
    rules.append(ArgRule("activity_regularizer", "ignored", neutral=True))
    return tuple(rules)


class Recurrent(LayerKind):
    """What SimpleRNN, LSTM and GRU share; subclasses set the gate count and the cell's name."""

    gates: ClassVar[int] = 1
    cell: ClassVar[str] = ""
    states: ClassVar[int] = 1  # state tensors return_state adds
    recurrent, time_axis, takes_initial_state = True, 1, True

    def initializers(self, spec: LayerSpec, seed: int) -> dict[str, Any]:
        import keras

        return {"kernel_initializer": keras.initializers.GlorotUniform(seed=seed),
                "recurrent_initializer": keras.initializers.Orthogonal(seed=seed + 1)}

    def output_shapes(self, spec: LayerSpec, in_shapes: tuple[Shape, ...], layer: Any) -> tuple[Shape, ...]:
        shape = in_shapes[0]
        if shape[-1] is None:  # Keras's words when it builds the kernel; shape inference alone passes
            raise ValueError("Shapes used to initialize variables must be fully-defined (no `None` dimensions). "
                             f"Received: shape=(None, {self.gates * spec.arg('units')}) for variable "
                             f"path='{spec.name}/{self.cell}/kernel'")
        return super().output_shapes(spec, in_shapes, layer)

    def axes(self, ctx: Ctx) -> tuple[tuple[str, ...], ...]:
        h = ctx.new("H", ctx.arg("units"), "units", "axis.units")
        batch = ctx.axes[0]
        main = ctx.axes[:-1] + (h,) if ctx.arg("return_sequences", False) else (batch, h)
        if not ctx.arg("return_state", False):
            return (main,)
        return (main,) + ((batch, h),) * self.states

    def _bias_rows(self, ctx: Ctx) -> int:
        """How many bias vectors of gH each: 0 without a bias, 2 for GRU's reset_after."""
        return 1 if ctx.arg("use_bias", True) else 0

    def weights(self, ctx: Ctx) -> tuple[WeightInfo, ...]:
        e, h, g = ctx.shape[-1], ctx.arg("units"), self.gates
        e_dim, h_dim = ctx.axes[-1], ctx.out_axes[0][-1]
        gh = dim_text(h_dim, g)
        out = (WeightInfo("", "kernel", (e, g * h), (e_dim, gh)),
               WeightInfo("", "recurrent_kernel", (h, g * h), (h_dim, gh)))
        rows = self._bias_rows(ctx)
        if rows == 1:
            out += (WeightInfo("", "bias", (g * h,), (gh,)),)
        elif rows == 2:
            out += (WeightInfo("", "bias", (2, g * h), ("2", gh)),)
        return out

    def formula(self, ctx: Ctx) -> Formula:
        e, h, g = ctx.shape[-1], ctx.arg("units"), self.gates
        e_dim, h_dim = ctx.axes[-1], ctx.out_axes[0][-1]
        rows = self._bias_rows(ctx)
        gate = f"{g} × " if g > 1 else ""
        tail_sym = f" + {rows}" if rows else ""
        return Formula(f"{gate}{h_dim} × ({e_dim} + {h_dim}{tail_sym})",
                       f"{gate}{h:,} × ({e:,} + {h:,}{tail_sym})",
                       g * h * (e + h + rows))

    def flops(self, ctx: Ctx, params: int) -> int:
        """Every weight is used once per step of every sequence: B·T positions."""
        return 2 * params * math.prod(d or 1 for d in ctx.shape[:-1])

    def explain(self, ctx: Ctx, producer: LayerSpec | None) -> Fix | None:
        if len(ctx.in_shapes) != 1:
            return None  # several tensors in: the generic rules say which output to pick
        shape, rank = ctx.shape, len(ctx.shape)
        where = dict(layer=ctx.spec.name, cls=ctx.spec.kind, shape=shape_text(shape), named=named(ctx.axes))
        if rank == 2:
            if returns_sequences(producer) is False:
                return None  # the generic fix: return_sequences=True on that RNN
            if producer is None:
                return Fix("fix.rnn_needs_steps", fix_params(**where, steps=shape[1]),
                           f"layers.Reshape(({shape[1]}, 1))")
            if producer.kind in TIME_REMOVERS:
                return Fix("fix.rnn_time_removed", fix_params(**where, producer=producer.name, pcls=producer.kind))
            return None
        if rank >= 4:
            if rank == 4 and None not in shape[1:]:
                code = f"layers.Reshape(({shape[1]}, {math.prod(shape[2:])}))"
            else:
                code = "layers.TimeDistributed(layers.Flatten())"
            return Fix("fix.rnn_image", fix_params(**where, rank=rank), code)
        if rank == 3 and shape[-1] is None:
            return Fix("fix.rnn_unknown_features", fix_params(**where))
        return None

    def xray(self, call):
        from .xray import rnn_xray

        return rnn_xray(call)

    def mistakes(self, model, layer, step, core) -> tuple:
        from .xray import return_sequences_mistake

        return tuple(return_sequences_mistake(model, layer, step, core))


_RNN_ARGS = ("use_bias", "kernel_initializer", "recurrent_initializer", "bias_initializer")


class LSTM(Recurrent):
    class_name = "LSTM"
    gates, cell, states = 4, "lstm_cell", 2
    gate_names, state_names = ("i", "f", "c", "o"), ("h", "c")
    positional = ("units", "activation", "recurrent_activation") + _RNN_ARGS + ("unit_forget_bias",)
    rules = _common_rules(gated=True) + (ArgRule("unit_forget_bias", "bool", True, neutral=True),)
    examples = (
        Example({"units": 75, "return_sequences": True}, (None, 50, 64), (None, 50, 75), 42_000),
        Example({"units": 8}, (None, 10, 3), (None, 8), 384),
        Example({"units": 8, "return_state": True}, (None, 10, 3), ((None, 8), (None, 8), (None, 8)), 384),
        Example({"units": 8, "return_sequences": True, "return_state": True}, (30, 10, 3),
                ((30, 10, 8), (30, 8), (30, 8)), 384),
        Example({"units": 8, "use_bias": False, "go_backwards": True}, (None, None, 3), (None, 8), 352),
        Example({"units": 5, "dropout": 0.2, "recurrent_dropout": 0.1, "unroll": True}, (2, 4, 5), (2, 5), 220),
    )


class GRU(Recurrent):
    class_name = "GRU"
    gates, cell, states = 3, "gru_cell", 1
    gate_names, state_names = ("z", "r", "h"), ("h",)
    positional = ("units", "activation", "recurrent_activation") + _RNN_ARGS
    rules = _common_rules(gated=True) + (ArgRule("reset_after", "bool", True),)
    examples = (
        Example({"units": 8}, (None, 10, 3), (None, 8), 312),
        Example({"units": 8, "reset_after": False}, (None, 10, 3), (None, 8), 288),
        Example({"units": 8, "return_sequences": True, "return_state": True}, (None, 10, 3),
                ((None, 10, 8), (None, 8)), 312),
        Example({"units": 8, "return_state": True}, (None, 10, 3), ((None, 8), (None, 8)), 312),
        Example({"units": 8, "use_bias": False}, (None, 10, 3), (None, 8), 264),
        Example({"units": 16, "return_sequences": True, "reset_after": False}, (4, 7, 6), (4, 7, 16), 1_104),
    )

    def _bias_rows(self, ctx: Ctx) -> int:
        if not ctx.arg("use_bias", True):
            return 0
        return 2 if ctx.arg("reset_after", True) else 1


class SimpleRNN(Recurrent):
    class_name = "SimpleRNN"
    gates, cell, states = 1, "simple_rnn_cell", 1
    gate_names, state_names = ("h",), ("h",)
    positional = ("units", "activation") + _RNN_ARGS
    rules = _common_rules(gated=False)
    examples = (
        Example({"units": 8}, (None, 10, 3), (None, 8), 96),
        Example({"units": 8, "return_sequences": True}, (None, 10, 3), (None, 10, 8), 96),
        Example({"units": 8, "return_state": True}, (None, 10, 3), ((None, 8), (None, 8)), 96),
        Example({"units": 8, "use_bias": False, "activation": "relu"}, (None, 10, 3), (None, 8), 88),
    )


KINDS = (LSTM(), GRU(), SimpleRNN())
