"""SimpleRNN, LSTM, GRU, ConvLSTM1D/2D/3D: one cell read along the time axis, the same weights at
every step (ConvLSTM: frames in and out, convolutions in place of the matrix products; see ConvLSTM).

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
from dataclasses import replace
from typing import Any, ClassVar

from ...description import named, shape_text
from ...spec import LayerSpec
from ..base import (ACTIVATIONS, INITIALIZERS, MAX_SIZE, ArgRule, Ctx, Example, Fix, FixEdit, Formula, LayerKind, Shape,
                    WeightInfo, dim_text)
from ..conv.kinds import DATA_FORMATS, as_tuple, spatial_letters

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
                           f"layers.Reshape(({shape[1]}, 1))", FixEdit("insert_before", ctx.spec.name))
            if producer.kind in TIME_REMOVERS:
                return Fix("fix.rnn_time_removed", fix_params(**where, producer=producer.name, pcls=producer.kind))
            return None
        if rank >= 4:
            if rank == 4 and None not in shape[1:]:
                code = f"layers.Reshape(({shape[1]}, {math.prod(shape[2:])}))"
            else:
                code = "layers.TimeDistributed(layers.Flatten())"
            return Fix("fix.rnn_image", fix_params(**where, rank=rank), code, FixEdit("insert_before", ctx.spec.name))
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



# -- ConvLSTM1D / ConvLSTM2D: an LSTM whose matrix products are convolutions ---------------------------------
CHANNELS_AT_MOST = 4  # a last axis this small reads as channels (gray, RGB, RGBA); a larger one as a frame's width


def _conv_lstm_rules() -> tuple[ArgRule, ...]:
    """LSTM's arguments, units replaced by the convolution's (no unroll, cudnn or implementation)."""
    lstm = {r.name: r for r in _common_rules(gated=True)}
    conv = (
        ArgRule("filters", "int", None, 1, MAX_SIZE),
        ArgRule("kernel_size", "size_or_tuple", None, 1, MAX_SIZE),
        ArgRule("strides", "size_or_tuple", 1, 1, MAX_SIZE),
        ArgRule("padding", "choice", "valid", choices=("valid", "same"), folds_case=True),
        ArgRule("data_format", "choice", None, choices=DATA_FORMATS),
        ArgRule("dilation_rate", "size_or_tuple", 1, 1, MAX_SIZE),
        ArgRule("unit_forget_bias", "bool", True, neutral=True),
    )
    dropped = ("units", "unroll", "use_cudnn", "implementation")
    return conv + tuple(r for name, r in lstm.items() if name not in dropped)


class ConvLSTM(Recurrent):
    """ConvLSTM1D / ConvLSTM2D / ConvLSTM3D: input (B, T, *S, C), S the rank spatial axes; every step's x_t (B, *S, C)
    is convolved with the kernel (*k, C, 4F) (the layer's strides, padding, dilation_rate) and h_(t−1)
    (B, *S', F) with the recurrent_kernel (*k, F, 4F) (stride 1, padding "same", so h keeps the size S'),
    plus the bias (4F,): four blocks of F in LSTM's order i, f, c, o, then LSTM's c and h. Output (B, *S', F),
    (B, T, *S', F) with return_sequences; return_state appends h and c, each (B, *S', F).
    Parameters 4·F·(k·C + k·F + 1), k the kernel's positions.
    Keras checks only when it builds that the spatial and channel sizes are known; so do we, with its words.
    initial_state= is not read: its states (B, *S', F) would need a check of their own (shapes.check_states
    knows (B, H) states only)."""

    rank: ClassVar[int] = 2
    gates, cell, states = 4, "conv_lstm_cell", 2
    gate_names, state_names = ("i", "f", "c", "o"), ("h", "c")
    takes_initial_state = False
    positional = ("filters", "kernel_size", "strides", "padding", "data_format", "dilation_rate", "activation",
                  "recurrent_activation", "use_bias", "kernel_initializer", "recurrent_initializer",
                  "bias_initializer", "unit_forget_bias")
    code_positional = 2
    rules = _conv_lstm_rules()
    spatial_defaults: ClassVar[tuple[str, ...]] = ("H", "W")
    spatial_meanings: ClassVar[tuple[str, ...]] = ("axis.convlstm_height", "axis.convlstm_width")

    # -- the convolution's numbers -------------------------------------------------------------
    def kernel_size(self, spec: LayerSpec) -> tuple[int, ...]:
        return as_tuple(spec.arg("kernel_size"), self.rank)

    def strides(self, spec: LayerSpec) -> tuple[int, ...]:
        return as_tuple(spec.arg("strides", 1), self.rank)

    def dilation(self, spec: LayerSpec) -> tuple[int, ...]:
        return as_tuple(spec.arg("dilation_rate", 1), self.rank)

    # -- shapes ----------------------------------------------------------------------------------
    def output_shapes(self, spec: LayerSpec, in_shapes: tuple[Shape, ...], layer: Any) -> tuple[Shape, ...]:
        shape = in_shapes[0]
        if len(shape) == self.rank + 3:  # Keras's words when it builds; its shape inference alone passes
            if None in shape[2:-1]:
                raise ValueError("ConvLSTM layers only support static input shapes for the spatial dimension. "
                                 f"Received invalid input shape: input_shape={tuple(shape[1:])}")
            if shape[-1] is None:
                raise ValueError("The channel dimension of the inputs (last axis) should be defined. Found None. "
                                 f"Full input shape received: input_shape={tuple(shape[1:])}")
        return LayerKind.output_shapes(self, spec, in_shapes, layer)

    def axes(self, ctx: Ctx) -> tuple[tuple[str, ...], ...]:
        out = ctx.out_shapes[0]
        frame_out = out[2:] if ctx.arg("return_sequences", False) else out[1:]
        step = Ctx(ctx.spec, ((ctx.shape[0],) + ctx.shape[2:],), ((ctx.axes[0],) + ctx.axes[2:],), ctx.namer,
                   ((out[0],) + frame_out,))  # one frame in, one frame out: the conv family's letters
        unchanged = tuple(a == b for a, b in zip(ctx.shape[2:-1], frame_out[:-1]))
        spatial = spatial_letters(step, unchanged, self.spatial_defaults, self.spatial_meanings)
        filters = ctx.new("F", ctx.arg("filters"), "filters", "axis.convlstm_filters")
        frame = (ctx.axes[0],) + spatial + (filters,)
        main = frame[:1] + (ctx.axes[1],) + frame[1:] if ctx.arg("return_sequences", False) else frame
        return (main,) + ((frame,) * self.states if ctx.arg("return_state", False) else ())

    # -- weights ---------------------------------------------------------------------------------
    def weights(self, ctx: Ctx) -> tuple[WeightInfo, ...]:
        ks = self.kernel_size(ctx.spec)
        c, f = ctx.shape[-1], ctx.arg("filters")
        c_dim, f_dim = ctx.axes[-1], ctx.out_axes[0][-1]
        gf, sizes = dim_text(f_dim, 4), tuple(str(n) for n in ks)
        out = (WeightInfo("", "kernel", ks + (c, 4 * f), sizes + (c_dim, gf)),
               WeightInfo("", "recurrent_kernel", ks + (f, 4 * f), sizes + (f_dim, gf)))
        if ctx.arg("use_bias", True):
            out += (WeightInfo("", "bias", (4 * f,), (gf,)),)
        return out

    def formula(self, ctx: Ctx) -> Formula:
        ks = self.kernel_size(ctx.spec)
        c, f = ctx.shape[-1], ctx.arg("filters")
        c_dim, f_dim = ctx.axes[-1], ctx.out_axes[0][-1]
        taps = math.prod(ks)
        sizes = " × ".join(str(n) for n in ks)
        bias = 1 if ctx.arg("use_bias", True) else 0
        tail = " + 1" if bias else ""
        return Formula(f"4 × {f_dim} × ({sizes} × {c_dim} + {sizes} × {f_dim}{tail})",
                       f"4 × {f:,} × ({sizes} × {c:,} + {sizes} × {f:,}{tail})",
                       4 * f * (taps * c + taps * f + bias))

    def flops(self, ctx: Ctx, params: int) -> int:
        """Each step: the kernel at every output position of the frame, the recurrent kernel likewise."""
        out = ctx.out_shapes[0]
        frame = out[2:-1] if ctx.arg("return_sequences", False) else out[1:-1]
        steps = ctx.shape[0] or 1, ctx.shape[1] or 1
        return 2 * params * math.prod(steps) * math.prod(d or 1 for d in frame)

    # -- teaching --------------------------------------------------------------------------------
    def explain(self, ctx: Ctx, producer: LayerSpec | None) -> Fix | None:
        if len(ctx.in_shapes) != 1 or ctx.arg("kernel_size") is None:
            return None
        shape, rank = ctx.shape, self.rank
        where = dict(layer=ctx.spec.name, cls=ctx.spec.kind, shape=shape_text(shape), named=named(ctx.axes))
        strides, dilation = self.strides(ctx.spec), self.dilation(ctx.spec)
        if max(strides) > 1 and max(dilation) > 1:  # Keras refuses this when the layer is constructed
            return Fix("fix.conv_stride_dilation", fix_params(layer=ctx.spec.name, shape=shape_text(shape)),
                       self.code(_with_args(ctx.spec, strides=1)))
        if len(shape) == rank + 2:  # one axis short: frames without channels, or one frame without time
            sizes = shape[1:]
            if sum(d is None for d in sizes) > 1:
                return None
            known = tuple(-1 if d is None else d for d in sizes)
            if sizes[-1] is not None and sizes[-1] > CHANNELS_AT_MOST:  # (T, H, W): a grayscale clip
                return Fix("fix.convlstm_no_channels", fix_params(**where, steps=sizes[0], frame=shape_text(sizes[1:])),
                           f"layers.Reshape({known + (1,)!r})")
            return Fix("fix.convlstm_no_time", fix_params(**where, frame=shape_text(sizes)),
                       f"layers.Reshape({(1,) + known!r})")
        if len(shape) != rank + 3:
            return None
        if None in shape[2:]:
            return Fix("fix.convlstm_unknown_size", fix_params(**where))
        if ctx.arg("padding", "valid") == "valid":
            for i, (k, d) in enumerate(zip(self.kernel_size(ctx.spec), dilation)):
                span, size = d * (k - 1) + 1, shape[2 + i]
                if size < span:
                    return Fix("fix.conv_too_short",
                               fix_params(layer=ctx.spec.name, shape=shape_text(shape), axis=ctx.axes[2 + i],
                                          size=size, span=span), self.code(_with_args(ctx.spec, padding="same")))
        return None

    def xray(self, call):
        from .xray import convlstm_xray

        return convlstm_xray(call)

    def mistakes(self, model, layer, step, core) -> tuple:
        from .xray import convlstm_sequences_mistake

        return tuple(convlstm_sequences_mistake(model, layer, step, core))


def _with_args(spec: LayerSpec, **changes: object) -> LayerSpec:
    """The layer with these arguments set to literal values."""
    args = {**dict(spec.args), **changes}
    sources = tuple((k, v) for k, v in spec.sources if k not in changes)
    return replace(spec, args=tuple(sorted(args.items())), sources=sources)


class ConvLSTM2D(ConvLSTM):
    """ConvLSTM2D: frames (B, T, H, W, C) → (B, H', W', F) or (B, T, H', W', F)."""

    class_name = "ConvLSTM2D"
    rank = 2
    spatial_defaults = ("H", "W")
    spatial_meanings = ("axis.convlstm_height", "axis.convlstm_width")
    examples = (
        Example({"filters": 4, "kernel_size": 3}, (None, 5, 10, 12, 3), (None, 8, 10, 4), 16 * (27 + 36 + 1)),
        Example({"filters": 8, "kernel_size": (3, 3), "padding": "same", "return_sequences": True},
                (None, 10, 16, 16, 1), (None, 10, 16, 16, 8), 32 * (9 + 72 + 1)),
        Example({"filters": 4, "kernel_size": 3, "return_sequences": True, "return_state": True}, (2, 5, 10, 12, 3),
                ((2, 5, 8, 10, 4), (2, 8, 10, 4), (2, 8, 10, 4)), 16 * (27 + 36 + 1)),
        Example({"filters": 6, "kernel_size": (3, 2), "strides": 2, "padding": "same", "use_bias": False},
                (None, None, 9, 8, 2), (None, 5, 4, 6), 24 * (12 + 36)),
        Example({"filters": 2, "kernel_size": 3, "dilation_rate": 2, "go_backwards": True, "return_state": True},
                (None, 4, 9, 9, 1), ((None, 5, 5, 2), (None, 5, 5, 2), (None, 5, 5, 2)), 8 * (9 + 18 + 1)),
    )


class ConvLSTM1D(ConvLSTM):
    """ConvLSTM1D: sequences of signals (B, T, L, C) → (B, L', F) or (B, T, L', F)."""

    class_name = "ConvLSTM1D"
    rank = 1
    spatial_defaults = ("L",)
    spatial_meanings = ("axis.convlstm_length",)
    examples = (
        Example({"filters": 4, "kernel_size": 3}, (None, 6, 20, 2), (None, 18, 4), 16 * (6 + 12 + 1)),
        Example({"filters": 5, "kernel_size": 4, "strides": 2, "padding": "same", "return_sequences": True},
                (None, 7, 21, 3), (None, 7, 11, 5), 20 * (12 + 20 + 1)),
        Example({"filters": 3, "kernel_size": 2, "dilation_rate": 3, "return_state": True, "use_bias": False},
                (4, None, 10, 1), ((4, 7, 3), (4, 7, 3), (4, 7, 3)), 12 * (2 + 6)),
    )



class ConvLSTM3D(ConvLSTM):
    """ConvLSTM3D: sequences of volumes (B, T, D, H, W, C) → (B, D', H', W', F) or (B, T, D', H', W', F)."""

    class_name = "ConvLSTM3D"
    rank = 3
    spatial_defaults = ("D", "H", "W")
    spatial_meanings = ("axis.convlstm_depth", "axis.convlstm_height", "axis.convlstm_width")
    examples = (
        Example({"filters": 2, "kernel_size": 3}, (None, 4, 6, 7, 8, 1), (None, 4, 5, 6, 2), 8 * (27 + 54 + 1)),
        Example({"filters": 3, "kernel_size": (2, 3, 3), "strides": (1, 2, 2), "padding": "same",
                 "return_sequences": True}, (None, 3, 5, 5, 5, 2), (None, 3, 5, 3, 3, 3), 12 * (36 + 54 + 1)),
    )


KINDS = (LSTM(), GRU(), SimpleRNN(), ConvLSTM2D(), ConvLSTM1D(), ConvLSTM3D())
