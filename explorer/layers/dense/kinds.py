"""Dense: `x @ kernel + bias` on the last axis, for inputs of any rank.

Input (B, ..., F) → output (B, ..., U). kernel (F, U) = (input_dim, units), bias (U,).
Parameters F·U + U. On (B, T, F) Keras contracts only the last axis: every one of the B·T
positions is multiplied by the same kernel, which is `x.reshape(-1, F) @ W + b` reshaped back.
"""
from __future__ import annotations

from ...spec import LayerSpec
from ..base import (ACTIVATIONS, KERNEL_AND_BIAS_RULES, MAX_SIZE, ArgRule, Ctx, Example, Fix, Formula, LayerKind,
                    ShapeRefusal, WeightInfo)


class Dense(LayerKind):
    class_name = "Dense"
    keeps_rank = contracts_last_axis = True
    positional = ("units", "activation", "use_bias", "kernel_initializer", "bias_initializer")
    rules = (
        ArgRule("units", "int", None, 1, MAX_SIZE),
        ArgRule("activation", "activation", None, choices=ACTIVATIONS, neutral=True),
        ArgRule("use_bias", "bool", True),
    ) + KERNEL_AND_BIAS_RULES
    examples = (
        Example({"units": 200}, (None, 50, 75), (None, 50, 200), 15_200),
        Example({"units": 6}, (None, 200), (None, 6), 1_206),
        Example({"units": 4, "use_bias": False}, (None, 3), (None, 4), 12),
        Example({"units": 8, "activation": "relu"}, (None, 5, 6, 7), (None, 5, 6, 8), 64),
    )

    def initializers(self, spec: LayerSpec, seed: int) -> dict:
        import keras

        return {"kernel_initializer": keras.initializers.GlorotUniform(seed=seed)}

    def output_shapes(self, spec: LayerSpec, in_shapes, layer):
        if in_shapes[0] and in_shapes[0][-1] is None:  # Keras's shape inference lets it pass; its build does not
            raise ShapeRefusal(
                "Shapes used to initialize variables must be fully-defined (no `None` dimensions). "
                f"Received: shape=(None, {spec.arg('units')}) for variable path='{spec.name}/kernel'")
        return super().output_shapes(spec, in_shapes, layer)

    def axes(self, ctx: Ctx) -> tuple[tuple[str, ...], ...]:
        units = ctx.out_shapes[0][-1]
        return (ctx.axes[:-1] + (ctx.new("U", units, "units", "axis.units"),),)

    def weights(self, ctx: Ctx) -> tuple[WeightInfo, ...]:
        f, u = ctx.shape[-1], ctx.out_shapes[0][-1]
        f_dim, u_dim = ctx.axes[-1], ctx.out_axes[0][-1]
        kernel = WeightInfo("", "kernel", (f, u), (f_dim, u_dim))
        if not ctx.arg("use_bias", True):
            return (kernel,)
        return kernel, WeightInfo("", "bias", (u,), (u_dim,))

    def formula(self, ctx: Ctx) -> Formula:
        f, u = ctx.shape[-1], ctx.out_shapes[0][-1]
        f_dim, u_dim = ctx.axes[-1], ctx.out_axes[0][-1]
        if not ctx.arg("use_bias", True):
            return Formula(f"{f_dim} × {u_dim}", f"{f:,} × {u:,}", f * u)
        return Formula(f"{f_dim} × {u_dim} + {u_dim}", f"{f:,} × {u:,} + {u:,}", f * u + u)

    def explain(self, ctx: Ctx, producer: LayerSpec | None) -> Fix | None:
        if ctx.in_shapes and ctx.shape[-1] is None:
            return Fix("fix.dense_unknown_features", (("layer", ctx.spec.name),))
        return None

    def xray(self, call):
        from .xray import dense_xray

        return dense_xray(call)

    def mistakes(self, model, layer, step, core) -> tuple:
        from .xray import dense_mistakes

        return tuple(dense_mistakes(model, layer, step))


KINDS = (Dense(),)
