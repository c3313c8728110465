"""MultiHeadAttention: every query position looks at every value position, in N heads. Attention (Luong)
and AdditiveAttention (Bahdanau): the same without projections or heads, at the end of the file.

Called as `mha(query, value)` (self-attention: `mha(x, x)`), or `mha(query, value, key)`.
Query (B, T, Fq), value (B, S, Fv) [, key (B, S, Fk)] → output (B, T, O), O = Fq unless
`output_shape` is given: the output has the query's positions, whatever the value's length.
Weights, in Keras's order (each projection is an EinsumDense):
  query/kernel (Fq, N, K), query/bias (N, K)      K = key_dim, N = num_heads
  key/kernel (Fk, N, K), key/bias (N, K)          Fk = Fv when no key is given
  value/kernel (Fv, N, Kv), value/bias (N, Kv)    Kv = value_dim (default K)
  attention_output/kernel (N, Kv, O), attention_output/bias (O,)
Parameters (Fq + 1)·N·K + (Fk + 1)·N·K + (Fv + 1)·N·Kv + N·Kv·O + O (no "+ 1" and no "+ O"
without bias). The last axis of every input must have a known size (it sizes a kernel).

In the registry's list style the layer receives [query, value(, key)]: `make` returns a subclass
that unpacks that list into Keras's own call, and seeds each of the four kernels differently (a
single seeded initializer is cloned by Keras for every projection, which would make the query and
key kernels of self-attention identical).
"""
from __future__ import annotations

import math

from ...description import shape_text
from ...spec import LayerSpec
from ..base import KERNEL_AND_BIAS_RULES, MAX_SIZE, ArgRule, Ctx, Example, Fix, Formula, LayerKind, Shape, WeightInfo
from ..reshaping.kinds import ShapeRuleError

ROLES = ("query", "value", "key")


def _list_call_class():
    """keras.layers.MultiHeadAttention, called on a list [query, value(, key)]."""
    import keras

    class MultiHeadAttention(keras.layers.MultiHeadAttention):
        def __call__(self, inputs, *args, **kwargs):
            if isinstance(inputs, (list, tuple)) and not args:
                if len(inputs) not in (2, 3):
                    raise ValueError("MultiHeadAttention takes a query, a value and optionally a key. "
                                     f"Received {len(inputs)} inputs.")
                kwargs.update(zip(ROLES[1:], inputs[1:]))
                return super().__call__(inputs[0], **kwargs)
            return super().__call__(inputs, *args, **kwargs)

        def _get_common_kwargs_for_sublayer(self):
            common = super()._get_common_kwargs_for_sublayer()
            config = common["kernel_initializer"].get_config()
            if config.get("seed") is not None:
                self._projections_seeded = getattr(self, "_projections_seeded", 0) + 1
                config["seed"] += self._projections_seeded
                common["kernel_initializer"] = common["kernel_initializer"].__class__.from_config(config)
            return common

    return MultiHeadAttention


class MultiHeadAttention(LayerKind):
    class_name = "MultiHeadAttention"
    build_names = ("softmax", "dropout")
    positional = ("num_heads", "key_dim", "value_dim", "dropout", "use_bias", "output_shape")
    code_positional = 0
    takes_list = True
    call_roles = ROLES  # the code line calls it as mha(query, value), not on a list
    rules = (
        ArgRule("num_heads", "int", None, 1, 4096),
        ArgRule("key_dim", "int", None, 1, MAX_SIZE),
        ArgRule("value_dim", "int", None, 1, MAX_SIZE),
        ArgRule("dropout", "float", 0.0, 0.0, 1.0, neutral=True),
        ArgRule("use_bias", "bool", True),
        ArgRule("output_shape", "int", None, 1, MAX_SIZE),
        ArgRule("seed", "int", None, 0, 2**31 - 1, neutral=True),
    ) + KERNEL_AND_BIAS_RULES
    examples = (
        Example({"num_heads": 2, "key_dim": 8}, ((None, 5, 16), (None, 7, 12)), (None, 5, 16), 960),
        Example({"num_heads": 4, "key_dim": 16}, ((None, 50, 64), (None, 50, 64)), (None, 50, 64), 16_640),
        Example({"num_heads": 2, "key_dim": 8, "value_dim": 4, "output_shape": 10, "use_bias": False},
                ((None, 5, 16), (None, 7, 12)), (None, 5, 10), 624),
        Example({"num_heads": 2, "key_dim": 8}, ((None, 5, 16), (None, 7, 12), (None, 7, 10)), (None, 5, 16), 928),
        Example({"num_heads": 2, "key_dim": 8}, ((None, 4, 4, 6), (None, 3, 3, 6)), (None, 4, 4, 6), 438),
    )

    def initializers(self, spec: LayerSpec, seed: int) -> dict:
        import keras

        return {"kernel_initializer": keras.initializers.GlorotUniform(seed=seed)}

    def make(self, spec: LayerSpec, seed: int = 0, inner=None):
        args = self.keras_args(spec)
        for key, init in self.initializers(spec, seed).items():
            args.setdefault(key, init)
        return _list_call_class()(name=spec.name, **args)

    def output_shapes(self, spec: LayerSpec, in_shapes: tuple[Shape, ...], layer) -> tuple[Shape, ...]:
        if len(in_shapes) > 3:
            raise ShapeRuleError(f"MultiHeadAttention takes a query, a value and optionally a key, but "
                                 f"{len(in_shapes)} tensors flow in: {', '.join(map(shape_text, in_shapes))}.")
        for role, shape in zip(ROLES, in_shapes):
            if shape[-1] is None:
                raise ShapeRuleError(
                    f"MultiHeadAttention projects the last axis of its {role} with a kernel, but the {role} "
                    f"{shape_text(shape)} has no fixed size there (None). The shapes of weights must be fully defined.")
        return (tuple(layer.compute_output_shape(*in_shapes)),)

    # -- letters ------------------------------------------------------------------------------
    def _letters(self, ctx: Ctx) -> dict[str, str]:
        query, value = ctx.in_axes[0][-1], ctx.in_axes[1][-1]
        key = ctx.in_axes[2][-1] if len(ctx.in_axes) > 2 else value
        heads = ctx.new("N", ctx.arg("num_heads"), "num_heads", "axis.heads")
        key_dim = ctx.new("K", ctx.arg("key_dim"), "key_dim", "axis.key_dim")
        value_dim = ctx.new("K", ctx.arg("value_dim"), "value_dim", "axis.value_dim") \
            if ctx.arg("value_dim") is not None else key_dim
        out = ctx.new("U", ctx.arg("output_shape"), "output_shape", "axis.attention_output") \
            if ctx.arg("output_shape") is not None else query
        return {"q": query, "k": key, "v": value, "N": heads, "K": key_dim, "Kv": value_dim, "O": out}

    def _sizes(self, ctx: Ctx) -> dict[str, int]:
        query, value = ctx.in_shapes[0][-1], ctx.in_shapes[1][-1]
        key_dim = ctx.arg("key_dim")
        return {"q": query, "v": value, "k": ctx.in_shapes[2][-1] if len(ctx.in_shapes) > 2 else value,
                "N": ctx.arg("num_heads"), "K": key_dim, "Kv": ctx.arg("value_dim") or key_dim,
                "O": ctx.arg("output_shape") or query}

    def axes(self, ctx: Ctx) -> tuple[tuple[str, ...], ...]:
        return (ctx.axes[:-1] + (self._letters(ctx)["O"],),)

    def weights(self, ctx: Ctx) -> tuple[WeightInfo, ...]:
        s, l = self._sizes(ctx), self._letters(ctx)
        bias = ctx.arg("use_bias", True)
        out = []
        for name, source, width in (("query", "q", "K"), ("key", "k", "K"), ("value", "v", "Kv")):
            out.append(WeightInfo("", f"{name}/kernel", (s[source], s["N"], s[width]), (l[source], l["N"], l[width])))
            if bias:
                out.append(WeightInfo("", f"{name}/bias", (s["N"], s[width]), (l["N"], l[width])))
        out.append(WeightInfo("", "attention_output/kernel", (s["N"], s["Kv"], s["O"]), (l["N"], l["Kv"], l["O"])))
        if bias:
            out.append(WeightInfo("", "attention_output/bias", (s["O"],), (l["O"],)))
        return tuple(out)

    def formula(self, ctx: Ctx) -> Formula:
        s, l = self._sizes(ctx), self._letters(ctx)
        bias = ctx.arg("use_bias", True)
        terms: list[tuple[str, str]] = []  # (symbolic, numbers) of each projection, equal ones merged
        for source, width in (("q", "K"), ("k", "K"), ("v", "Kv")):
            if bias:
                terms.append((f"({l[source]} + 1) × {l['N']} × {l[width]}", f"({s[source]:,} + 1) × {s['N']:,} × "
                              f"{s[width]:,}"))
            else:
                terms.append((f"{l[source]} × {l['N']} × {l[width]}", f"{s[source]:,} × {s['N']:,} × {s[width]:,}"))
        merged: list[list] = []
        for term in terms:
            if merged and merged[-1][0] == term:
                merged[-1][1] += 1
            else:
                merged.append([term, 1])
        symbolic = [t[0] if n == 1 else f"{n} × {t[0]}" for t, n in merged]
        numbers = [t[1] if n == 1 else f"{n} × {t[1]}" for t, n in merged]
        symbolic.append(f"{l['N']} × {l['Kv']} × {l['O']}")
        numbers.append(f"{s['N']:,} × {s['Kv']:,} × {s['O']:,}")
        if bias:
            symbolic.append(l["O"])
            numbers.append(f"{s['O']:,}")
        return Formula(" + ".join(symbolic), " + ".join(numbers), sum(w.count for w in self.weights(ctx)))

    def flops(self, ctx: Ctx, params: int) -> int:
        """Projections, scores (T·S per head, K long) and the weighted sum of values (T·S·Kv)."""
        s = self._sizes(ctx)
        batch = ctx.shape[0] or 1
        queries = math.prod(d or 1 for d in ctx.in_shapes[0][1:-1])
        values = math.prod(d or 1 for d in ctx.in_shapes[1][1:-1])
        multiply_adds = (queries * s["q"] * s["N"] * s["K"] + values * s["k"] * s["N"] * s["K"]
                         + values * s["v"] * s["N"] * s["Kv"] + queries * s["N"] * s["Kv"] * s["O"]
                         + queries * values * s["N"] * (s["K"] + s["Kv"]))
        return 2 * batch * multiply_adds

    def explain(self, ctx: Ctx, producer: LayerSpec | None) -> Fix | None:
        for role, shape in zip(ROLES, ctx.in_shapes):
            if shape[-1] is None:
                return Fix("fix.attention_unknown_features", (("layer", ctx.spec.name), ("role", role),
                                                              ("shape", shape_text(shape))))
        if len(ctx.in_shapes) == 3 and ctx.in_shapes[1][1:-1] != ctx.in_shapes[2][1:-1]:
            return Fix("fix.attention_key_value", (("layer", ctx.spec.name), ("value", shape_text(ctx.in_shapes[1])),
                                                   ("key", shape_text(ctx.in_shapes[2]))))
        return None

    def xray(self, call):
        from .xray import attention_xray

        return attention_xray(call)



# -- Attention (Luong) and AdditiveAttention (Bahdanau) -----------------------------------------------

def score_problem(shapes: tuple[Shape, ...], additive: bool):
    """What Keras's call would refuse (its shape inference lets it through), or None:
    ("count",) not 2 or 3 inputs; ("rank", j) input j has another number of axes, or fewer than 3;
    ("lead", j, position) input j's axis `position` (before the steps) differs from the query's;
    ("steps",) the key's steps differ from the value's; ("features",) the query's and the key's last
    axes differ (in additive scores, a size of 1 may stretch)."""
    if not 2 <= len(shapes) <= 3:
        return ("count",)
    query, value = shapes[0], shapes[1]
    key = shapes[2] if len(shapes) > 2 else value
    for j, shape in enumerate(shapes):
        if len(shape) != len(query) or len(shape) < 3:
            return ("rank", j)
    for j, shape in enumerate(shapes[1:], start=1):
        for position in range(len(query) - 2):
            a, b = query[position], shape[position]
            if a is not None and b is not None and a != b:
                return ("lead", j, position)
    if key[-2] is not None and value[-2] is not None and key[-2] != value[-2]:
        return ("steps",)
    a, b = query[-1], key[-1]
    if a is not None and b is not None and a != b and not (additive and 1 in (a, b)):
        return ("features",)
    return None


class _ScoreAttention(LayerKind):
    """What Attention and AdditiveAttention share: a list [query, value] or [query, value, key]; scores of
    every query step against every key step, softmax over the key steps, the weighted sum of value steps.
    query (B, Tq, F), value (B, Tv, Fv), key (B, Tv, F) → (B, Tq, Fv)."""

    takes_list = True
    call_options = ("return_attention_scores",)
    additive = False  # scores from tanh(query + key), which stretches a size of 1

    def _scores_flag(self, layer_class, spec: LayerSpec):
        """layer_class, called with return_attention_scores as the learner's call gave it."""
        flag = bool(spec.arg("return_attention_scores", False))

        class Layer(layer_class):
            def __call__(self, *args, **kwargs):
                kwargs.setdefault("return_attention_scores", flag)
                return super().__call__(*args, **kwargs)

        Layer.__name__ = Layer.__qualname__ = layer_class.__name__
        return Layer

    def make(self, spec: LayerSpec, seed: int = 0, inner=None):
        import keras

        return self._scores_flag(getattr(keras.layers, self.class_name), spec)(name=spec.name,
                                                                             **self.keras_args(spec))

    def output_shapes(self, spec: LayerSpec, in_shapes: tuple[Shape, ...], layer) -> tuple[Shape, ...]:
        problem = score_problem(in_shapes, self.additive or spec.arg("score_mode", "dot") == "concat")
        shapes = ", ".join(map(shape_text, in_shapes))
        name = self.class_name
        if problem is None:
            out = super().output_shapes(spec, in_shapes, layer)
            if spec.arg("return_attention_scores", False):  # (B, Tq, Tv): one weight per query and key step
                return out + (in_shapes[0][:-1] + in_shapes[-1][-2:-1],)
            return out
        if problem[0] == "count":
            raise ShapeRuleError(f"{name} layer accepts inputs list of length 2 or 3, namely [query, value] or "
                                 f"[query, value, key]. Received length: {len(in_shapes)}.")
        roles = ("query", "value", "key")
        if problem[0] == "rank":
            raise ShapeRuleError(f"{name} needs a query, a value (and a key) of shape (batch, steps, features), all "
                                 f"with the same number of axes; the {roles[problem[1]]} has "
                                 f"{len(in_shapes[problem[1]])}. Received shapes {shapes}.")
        if problem[0] == "lead":
            _, j, position = problem
            raise ShapeRuleError(f"{name} pairs sample by sample: axis {position} of the query and the "
                                 f"{roles[j]} must match. Received shapes {shapes}.")
        if problem[0] == "steps":
            raise ShapeRuleError(f"{name} weighs each value step by the score of the key step at the same place, "
                                 f"so the key and the value need the same number of steps. Received shapes {shapes}.")
        source = "key" if len(in_shapes) > 2 else "value"
        raise ShapeRuleError(f"{name} compares each query step with each {source} step feature by feature, so the "
                             f"query and the {source} need the same last axis: {in_shapes[0][-1]} != "
                             f"{in_shapes[-1][-1]}. Received shapes {shapes}.")

    def axes(self, ctx: Ctx) -> tuple[tuple[str, ...], ...]:
        out = (ctx.in_axes[0][:-1] + (ctx.in_axes[1][-1],),)
        if ctx.arg("return_attention_scores", False):
            out += (ctx.in_axes[0][:-1] + (ctx.in_axes[1][-2],),)
        return out

    def flops(self, ctx: Ctx, params: int) -> int:
        """Scores (Tq·Tv, F long each) and the weighted sum (Tq·Tv·Fv)."""
        query, value = ctx.in_shapes[0], ctx.in_shapes[1]
        pairs = math.prod(d or 1 for d in query[:-1]) * (value[-2] or 1)
        return 2 * pairs * ((query[-1] or 1) + (value[-1] or 1))

    def explain(self, ctx: Ctx, producer: LayerSpec | None) -> Fix | None:
        problem = score_problem(ctx.in_shapes, self.additive or ctx.arg("score_mode", "dot") == "concat")
        if problem is None:
            return None
        base = (("layer", ctx.spec.name), ("shapes", ", ".join(map(shape_text, ctx.in_shapes))))
        names = tuple(name for name, _ in ctx.spec.inputs) if len(ctx.spec.inputs) == len(ctx.in_shapes) else ()
        if problem[0] == "count":
            return Fix("fix.score_attention_count", base + (("count", str(len(ctx.in_shapes))),))
        if problem[0] in ("rank", "lead"):
            return Fix("fix.score_attention_rank", base)
        if problem[0] == "steps":
            return Fix("fix.score_attention_steps", base)
        query = ctx.in_shapes[0][-1]
        source = ctx.in_shapes[-1][-1]
        role = "key" if len(ctx.in_shapes) > 2 else "value"
        code = f"layers.Dense({query})({names[-1]})" if names else f"layers.Dense({query})"
        return Fix("fix.score_attention_features", base + (("role", role), ("size", str(query)),
                                                           ("other_size", str(source))), code)


class Attention(_ScoreAttention):
    """Luong's dot-product attention: scores = query · keyᵀ (× scale), or with score_mode="concat"
    c · Σ tanh(scale · (query + key)) over the features. Weights: scale () if use_scale, then
    concat_score_weight () if score_mode="concat" (both start at 1)."""

    class_name = "Attention"
    positional = ("use_scale", "score_mode", "dropout", "seed")
    code_positional = 0
    rules = (
        ArgRule("use_scale", "bool", False),
        ArgRule("score_mode", "choice", "dot", choices=("dot", "concat")),
        ArgRule("dropout", "float", 0.0, 0.0, 1.0, neutral=True),
        ArgRule("seed", "int", None, 0, 2**31 - 1, neutral=True),
        ArgRule("return_attention_scores", "bool", False),
    )
    examples = (
        Example({}, ((None, 5, 16), (None, 7, 16)), (None, 5, 16), 0),
        Example({"use_scale": True}, ((None, 50, 64), (None, 50, 64)), (None, 50, 64), 1),
        Example({"score_mode": "concat", "dropout": 0.1}, ((None, 5, 16), (None, 7, 8), (None, 7, 16)),
                (None, 5, 8), 1),
        Example({"use_scale": True, "score_mode": "concat"}, ((None, 4, 6), (None, 9, 6)), (None, 4, 6), 2),
        Example({"return_attention_scores": True}, ((None, 5, 16), (None, 7, 8), (None, 7, 16)),
                ((None, 5, 8), (None, 5, 7)), 0),
    )

    def weights(self, ctx: Ctx) -> tuple[WeightInfo, ...]:
        out = []
        if ctx.arg("use_scale", False):
            out.append(WeightInfo("", "scale", (), ()))
        if ctx.arg("score_mode", "dot") == "concat":
            out.append(WeightInfo("", "concat_score_weight", (), ()))
        return tuple(out)

    def formula(self, ctx: Ctx) -> Formula:
        count = len(self.weights(ctx))
        if not count:
            return super().formula(ctx)
        text = " + ".join(["1"] * count)
        return Formula(text, text, count)

    def xray(self, call):
        from .xray import score_attention_xray

        return score_attention_xray(call)


class AdditiveAttention(_ScoreAttention):
    """Bahdanau's additive attention: scores = Σ scale · tanh(query + key) over the features.
    Weight: scale (F,), F = the query's last axis, if use_scale (the default)."""

    class_name = "AdditiveAttention"
    positional = ("use_scale", "dropout")
    code_positional = 0
    additive = True
    rules = (
        ArgRule("use_scale", "bool", True),
        ArgRule("dropout", "float", 0.0, 0.0, 1.0, neutral=True),
        ArgRule("return_attention_scores", "bool", False),
    )
    examples = (
        Example({}, ((None, 5, 16), (None, 7, 16)), (None, 5, 16), 16),
        Example({"use_scale": False}, ((None, 50, 64), (None, 50, 64)), (None, 50, 64), 0),
        Example({"dropout": 0.2}, ((None, 5, 16), (None, 7, 8), (None, 7, 16)), (None, 5, 8), 16),
        Example({"return_attention_scores": True}, ((None, 5, 16), (None, 9, 16)), ((None, 5, 16), (None, 5, 9)), 16),
    )

    def make(self, spec: LayerSpec, seed: int = 0, inner=None):
        """Keras draws scale with an unseeded glorot_uniform: ours starts from a seeded draw instead, so
        the same model always has the same weights."""
        import keras

        class AdditiveAttention(self._scores_flag(keras.layers.AdditiveAttention, spec)):
            def build(self, input_shape):
                super().build(input_shape)
                if self.scale is not None:
                    self.scale.assign(keras.initializers.GlorotUniform(seed=seed)(tuple(self.scale.shape)))

        return AdditiveAttention(name=spec.name, **self.keras_args(spec))

    def output_shapes(self, spec: LayerSpec, in_shapes: tuple[Shape, ...], layer) -> tuple[Shape, ...]:
        if spec.arg("use_scale", True) and in_shapes and in_shapes[0][-1] is None:
            raise ShapeRuleError(f"AdditiveAttention's scale has one number per feature of the query, but the query "
                                 f"{shape_text(in_shapes[0])} has no fixed size there (None). The shapes of weights "
                                 f"must be fully defined.")
        return super().output_shapes(spec, in_shapes, layer)

    def weights(self, ctx: Ctx) -> tuple[WeightInfo, ...]:
        if not ctx.arg("use_scale", True):
            return ()
        return (WeightInfo("", "scale", (ctx.in_shapes[0][-1],), (ctx.in_axes[0][-1],)),)

    def formula(self, ctx: Ctx) -> Formula:
        if not ctx.arg("use_scale", True):
            return super().formula(ctx)
        size = ctx.in_shapes[0][-1]
        return Formula(ctx.in_axes[0][-1], f"{size:,}", size)

    def explain(self, ctx: Ctx, producer: LayerSpec | None) -> Fix | None:
        if ctx.arg("use_scale", True) and ctx.in_shapes[0][-1] is None:
            return Fix("fix.attention_unknown_features", (("layer", ctx.spec.name), ("role", "query"),
                                                          ("shape", shape_text(ctx.in_shapes[0]))))
        return super().explain(ctx, producer)

    def xray(self, call):
        from .xray import score_attention_xray

        return score_attention_xray(call, additive=True)


KINDS = (MultiHeadAttention(), Attention(), AdditiveAttention())
