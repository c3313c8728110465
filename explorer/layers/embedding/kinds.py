"""Embedding: a lookup table that turns each token id into a learned vector.

Input (B, T) integer ids in [0, V) → output (B, T, E): one row of the table per id. Any input rank
works the same way: (B,) → (B, E), (B, T₁, T₂) → (B, T₁, T₂, E).
Weight embeddings (V, E) = (input_dim, output_dim); parameters V·E. V is a size of the weight only:
no tensor flowing through the model has a V axis.
Keras 2's `input_length` is accepted and dropped: Keras 3 warns "Argument `input_length` is
deprecated. Just remove it." and the sequence length comes from the input's shape instead.
Initializer: Keras's default RandomUniform(-0.05, 0.05), seeded.
"""
from __future__ import annotations

from ...spec import LayerSpec
from ..base import INITIALIZERS, MAX_SIZE, ArgRule, Ctx, Example, Formula, LayerKind, WeightInfo


class Embedding(LayerKind):
    class_name = "Embedding"
    integer_input, ids_below = True, "input_dim"
    positional = ("input_dim", "output_dim", "embeddings_initializer", "embeddings_regularizer",
                  "embeddings_constraint", "mask_zero")
    code_positional = 2
    rules = (
        ArgRule("input_dim", "int", None, 1, MAX_SIZE),
        ArgRule("output_dim", "int", None, 1, MAX_SIZE),
        ArgRule("embeddings_initializer", "initializer", "uniform", choices=INITIALIZERS, neutral=True),
        ArgRule("mask_zero", "bool", False, neutral=True),
        ArgRule("input_length", "int", None, 1, MAX_SIZE, deprecated="keras2.input_length"),
        ArgRule("embeddings_regularizer", "ignored", neutral=True),
        ArgRule("activity_regularizer", "ignored", neutral=True),
        ArgRule("embeddings_constraint", "ignored", neutral=True),
        ArgRule("weights", "ignored", neutral=True),  # pretrained vectors: the explorer never reads them
    )
    examples = (
        # the question's layer: Embedding(10000, 64) on (30, 50) token ids
        Example({"input_dim": 10_000, "output_dim": 64}, (30, 50), (30, 50, 64), 640_000, dtype="int32"),
        Example({"input_dim": 100, "output_dim": 8, "mask_zero": True}, (None, None), (None, None, 8), 800,
                dtype="int32"),
        Example({"input_dim": 1_000, "output_dim": 16, "input_length": 20}, (None, 20), (None, 20, 16), 16_000,
                dtype="int32"),
        Example({"input_dim": 50, "output_dim": 4}, (None,), (None, 4), 200, dtype="int32"),
        Example({"input_dim": 30, "output_dim": 5}, (None, 3, 7), (None, 3, 7, 5), 150, dtype="int32"),
    )

    def initializers(self, spec: LayerSpec, seed: int) -> dict:
        import keras

        return {"embeddings_initializer": keras.initializers.RandomUniform(-0.05, 0.05, seed=seed)}

    def _letters(self, ctx: Ctx) -> tuple[str, str]:
        vocab = ctx.new("V", ctx.arg("input_dim"), "input_dim", "axis.vocab")
        width = ctx.new("E", ctx.arg("output_dim"), "output_dim", "axis.embedding")
        return vocab, width

    def axes(self, ctx: Ctx) -> tuple[tuple[str, ...], ...]:
        _vocab, width = self._letters(ctx)
        return (ctx.axes + (width,),)

    def weights(self, ctx: Ctx) -> tuple[WeightInfo, ...]:
        vocab, width = self._letters(ctx)
        return (WeightInfo("", "embeddings", (ctx.arg("input_dim"), ctx.arg("output_dim")), (vocab, width)),)

    def formula(self, ctx: Ctx) -> Formula:
        vocab, width = self._letters(ctx)
        v, e = ctx.arg("input_dim"), ctx.arg("output_dim")
        return Formula(f"{vocab} × {width}", f"{v:,} × {e:,}", v * e)

    def flops(self, ctx: Ctx, params: int) -> int:
        return 0  # a lookup copies rows; it multiplies nothing

    def xray(self, call):
        from .xray import embedding_xray

        return embedding_xray(call)

    def mistakes(self, model, layer, step, core) -> tuple:
        from .xray import embedding_mistakes

        return tuple(embedding_mistakes(model, layer, step, core))


KINDS = (Embedding(),)
