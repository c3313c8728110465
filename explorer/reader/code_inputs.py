"""The code reader's inputs and batch size.

Inputs: `keras.Input(...)` / `layers.InputLayer(...)` (shape, batch size, dtype, name), and the
Keras 2 habits that give a Sequential its input elsewhere: input_shape= / input_dim= /
batch_input_shape= / batch_size= on the first layer (hints, each with a note; on any other layer
they are dropped with a note), `model.build(shape)`, and an Embedding first with input_length=.

A Sequential with no input at all (`Sequential([Conv2D(32, 3), Flatten(), Dense(10)])`): Keras 3 learns its
shapes only when data first flows. The learner may type the input's shape in the sidebar; the reader is given
it (ASSUMED_INPUT, set by `read_code(source, assumed_input)`) and marks the input as assumed, with a
warning at the model's line. Without it the model is refused, and the words say where to type a shape, with
one suggested from what the first layer reads (its kind's traits and the ranks its examples take).

Batch size: the first one found, by priority: an Input's (or the first layer's) batch size, then
`model.fit(batch_size=...)`, then a def's parameter whose name says "batch".
"""
from __future__ import annotations

import ast
from contextvars import ContextVar

from ..layers.base import MAX_RANK, MAX_SIZE, ArgRule
from ..spec import InputSpec
from .code_base import ReaderBase, code_of, position
from .code_limits import MAX_BATCH, MAX_INPUTS
from .code_names import Ref
from .code_values import Hint, LayerObj, ModelObj, Refusal, Tensor, Val, deps_of, source_text
from .validate import check_value

DTYPES = ("float16", "bfloat16", "float32", "float64", "int8", "int16", "int32", "int64", "uint8", "bool")
HINTS = {  # Keras 2 input arguments on a layer -> the note that explains each
    "input_shape": "keras2.input_shape",
    "batch_input_shape": "keras2.batch_input_shape",
    "input_dim": "keras2.input_dim",
    "batch_size": "keras2.batch_size",
}
_SHAPE_RULE = ArgRule("shape", "shape")
# the input shape (without the batch axis) the learner typed for a model whose code gives none; None: not given
ASSUMED_INPUT: ContextVar[tuple[int, ...] | None] = ContextVar("assumed_input", default=None)
# what a first layer reads -> the note suggesting an input shape for it, and an example of one
_SUGGESTIONS = {
    "tokens": ("read.input_hint_tokens", "50"),
    "features": ("read.input_hint_features", "16"),
    "steps": ("read.input_hint_steps", "100, 8"),
    "time": ("read.input_hint_time", "20, 8"),
    "image": ("read.input_hint_image", "28, 28, 1"),
    "volume": ("read.input_hint_volume", "16, 32, 32, 1"),
    "frames": ("read.input_hint_frames", "10, 32, 32, 3"),
    "grid": ("read.input_hint_grid", "28, 28"),
}


class Inputs(ReaderBase):
    # -- Input(...) and InputLayer(...) -----------------------------------------------------------
    def input_spec(self, node: ast.Call, scope: list[dict], layer: bool = False) -> InputSpec:
        names = ("shape", "batch_size", "dtype", "sparse", "batch_shape", "name")
        if layer:
            names = ("shape", "batch_size", "dtype", "sparse", "ragged", "batch_shape", "input_tensor", "optional",
                     "name")
        arg_nodes = self.call_args(node, names, "InputLayer" if layer else "Input")
        if layer:
            for old, new in (("input_shape", "shape"), ("batch_input_shape", "batch_shape")):
                if old in arg_nodes:
                    self.note(arg_nodes[old], "warning", "keras2.input_layer_arg", arg=old, new=new)
                    arg_nodes[new] = arg_nodes.pop(old)
        for name, arg in arg_nodes.items():
            if name not in ("shape", "batch_size", "dtype", "batch_shape", "name"):
                raise Refusal(arg, "read.input_arg", arg=name)
        if ("shape" in arg_nodes) == ("batch_shape" in arg_nodes):
            raise Refusal(node, "read.input_shape_missing")
        batch: Val | None = None
        if "batch_shape" in arg_nodes:
            full = self.shape_value(arg_nodes["batch_shape"], scope, with_batch=True)
            batch, entries = full[0], full[1:]
        else:
            entries = self.shape_value(arg_nodes["shape"], scope)
        if "batch_size" in arg_nodes:
            batch = self.value_of(self.evaluate(arg_nodes["batch_size"], scope), arg_nodes["batch_size"])
        batch_size = self.batch_value(batch, node) if batch is not None and batch.value is not None else None
        dtype = "float32"
        if "dtype" in arg_nodes:
            dtype = self.dtype_value(arg_nodes["dtype"], scope)
        given = None
        if "name" in arg_nodes:
            given = self.value_of(self.evaluate(arg_nodes["name"], scope), arg_nodes["name"])
        name = self.claim(given, "input_layer", node)
        self.input_uses[name] = [(dep, "Input", "shape") for entry in entries for dep in deps_of(entry)]
        if batch_size is not None:
            self.input_uses[name] += [(dep, use[0], use[1]) for dep in deps_of(batch)
                                      for use in (("Input", "batch_size"), ("Model", "batch_size"))]
            self.batch.append((0, len(self.batch), batch))
        shape = tuple(entry.value for entry in entries)
        return InputSpec(name, shape, dtype, batch_size, node.lineno, node.col_offset,
                         tuple(entry.text for entry in entries))

    def make_input(self, node: ast.Call, scope: list[dict]) -> Tensor:
        spec = self.input_spec(node, scope)
        self.nodes[spec.name] = spec
        return Tensor((spec.name, None))

    def shape_value(self, node: ast.expr, scope: list[dict], with_batch: bool = False) -> tuple[Val, ...]:
        """The entries of a shape tuple, each checked (whole numbers from 1, or None)."""
        value = self.value_of(self.evaluate(node, scope), node)
        if not isinstance(value.value, tuple):
            raise Refusal(node, "read.shape_not_tuple", code=source_text(node)[:40])
        entries = value.value
        if with_batch:
            if not entries:
                raise Refusal(node, "read.shape_bad", code=source_text(node)[:80])
            if entries[0].value is not None:
                self.batch_value(entries[0], node)
            rest = entries[1:]
        else:
            rest = entries
        ok, _ = check_value(_SHAPE_RULE, tuple(e.value for e in rest))
        if not ok:
            raise Refusal(node, "read.shape_bad", code=source_text(node)[:80])
        return entries

    def batch_value(self, value: Val, node: ast.AST) -> int:
        if type(value.value) is not int or not 1 <= value.value <= MAX_BATCH:
            raise Refusal(node, "read.batch_bad", limit=f"{MAX_BATCH:,}")
        return value.value

    def dtype_value(self, node: ast.expr, scope: list[dict]) -> str:
        value = self.evaluate(node, scope)
        if isinstance(value, Ref) and len(value.path) == 2 and value.path[0] in ("tensorflow", "numpy"):
            value = Val(value.path[1])
        if isinstance(value, Val) and value.value in DTYPES:
            return value.value
        raise Refusal(node, "read.dtype_bad", choices=", ".join(DTYPES))

    # -- a Sequential's input given elsewhere (Keras 2 habits) ------------------------------------
    def hint_dropped(self, hint: Hint) -> None:
        key = "keras2.input_shape_ignored" if hint.arg in ("input_shape", "input_dim") else "keras2.batch_arg_refused"
        self.note(hint.node, "warning", key, arg=hint.arg)

    def input_from_hints(self, model: ModelObj, layer: LayerObj, hints: list[Hint]) -> None:
        """Keras 2's input_shape= / input_dim= / batch_input_shape= on the first layer."""
        given = {hint.arg: hint for hint in hints}
        entries: tuple[Val, ...] | None = None
        batch: Val | None = None
        if "batch_input_shape" in given:
            hint = given["batch_input_shape"]
            if not isinstance(hint.value.value, tuple) or not hint.value.value:
                raise Refusal(hint.node, "read.shape_bad", code=code_of(hint.node))
            batch, entries = hint.value.value[0], hint.value.value[1:]
        elif "input_shape" in given:
            hint = given["input_shape"]
            if not isinstance(hint.value.value, tuple):
                raise Refusal(hint.node, "read.shape_not_tuple", code=code_of(hint.node))
            entries = hint.value.value
        elif "input_dim" in given:
            hint = given["input_dim"]
            entries = (hint.value,)
        else:
            hint = given["batch_size"]
            self.hint_dropped(hint)
            return
        if "batch_size" in given and batch is None:
            batch = given["batch_size"].value
        ok, _ = check_value(_SHAPE_RULE, tuple(e.value for e in entries))
        if not ok:
            raise Refusal(hint.node, "read.shape_bad", code=code_of(hint.node))
        batch_size = self.batch_value(batch, hint.node) if batch is not None and batch.value is not None else None
        for item in hints:
            self.note(item.node, "warning", HINTS[item.arg], arg=item.arg)
        self.set_model_input(model, layer, entries, batch, batch_size, position(hint.node),
                             "input_shape" in given or "input_dim" in given)

    def input_from_build(self, model: ModelObj, shape: ast.expr, node: ast.Call, scope: list[dict]) -> None:
        """model.build((batch, ...)) on a Sequential without an input."""
        entries = self.shape_value(shape, scope, with_batch=True)
        batch = entries[0]
        batch_size = batch.value if type(batch.value) is int else None
        first = model.layers[0] if model.layers else None
        self.set_model_input(model, first, entries[1:], batch, batch_size, position(node), True)

    def set_model_input(self, model: ModelObj, first: LayerObj | None, entries: tuple[Val, ...], batch: Val | None,
                        batch_size: int | None, where: tuple[int, int], keras_knows: bool) -> None:
        name = self.auto_name("input_layer")
        self.taken.add(name)
        dtype = "int32" if first is not None and first.kind.integer_input else "float32"
        model.input = InputSpec(name, tuple(e.value for e in entries), dtype, batch_size, *where,
                                tuple(e.text for e in entries))
        model.keras_knows_input = keras_knows
        self.input_uses[name] = [(dep, "Input", "shape") for e in entries for dep in deps_of(e)]
        if batch_size is not None:
            self.input_uses[name] += [(dep, "Model", "batch_size") for dep in deps_of(batch)]
            self.batch.append((0, len(self.batch), batch))

    def input_for_unbuilt(self, model: ModelObj) -> None:
        """No input in the code: an Embedding first with input_length= takes token ids of that length; else the
        shape the learner typed (assumed); else an Embedding first takes token ids of any length; else refused."""
        first = model.layers[0] if model.layers else None
        if first is None:
            if model.cut:
                self.note((model.line, model.col), "error", "read.no_input", model=model.name, example="")
            else:
                self.note((model.line, model.col), "error", "read.empty_model", model=model.name)
            return
        if first.kind.integer_input:
            length = first.values.get("input_length")
            if length is not None and type(length.value) is int and 1 <= length.value <= 10**7:
                name = self.auto_name("input_layer")
                self.taken.add(name)
                line, col = first.places.get("input_length", (first.line, first.col))
                model.input = InputSpec(name, (length.value,), "int32", None, line, col, (length.text,))
                self.input_uses[name] = [(dep, "Input", "shape") for dep in deps_of(length)]
                return
        typed = typed_input()
        if typed is not None and len(typed) > 1:  # a Sequential has one input
            self.note((model.line, model.col), "error", "read.assumed_inputs_sequential", model=model.name,
                      count=len(typed))
            return
        if typed is not None:
            self.input_assumed(model, first, typed[0])
            return
        key, example = _SUGGESTIONS.get(input_form(first) or "", ("", ""))
        if first.kind.integer_input:
            self.note((first.line, first.col), "warning", "read.embedding_no_length", layer=first.name,
                      example=example)
            name = self.auto_name("input_layer")
            self.taken.add(name)
            model.input = InputSpec(name, (None,), "int32", None, first.line, first.col, ("",))
            return
        self.note((model.line, model.col), "error", "read.no_input", model=model.name, example=example)
        if key:
            self.note((first.line, first.col), "info", key, layer=first.kind.class_name, example=example)

    def input_assumed(self, model: ModelObj, first: LayerObj, shape: tuple[int, ...]) -> None:
        """The shape the learner typed, as keras.Input(shape=...) before the first layer, marked as theirs."""
        name = self.auto_name("input_layer")
        self.taken.add(name)
        dtype = "int32" if first.kind.integer_input else "float32"
        model.input = InputSpec(name, shape, dtype, None, model.line, model.col, ("",) * len(shape), assumed=True)
        text = ", ".join(str(size) for size in shape)
        self.note((model.line, model.col), "warning", "read.assumed_input", model=model.name,
                  shape=f"({text},)" if len(shape) == 1 else f"({text})", build=f"(None, {text})", dtype=dtype)

    # -- the batch size ---------------------------------------------------------------------------
    def batch_from_fit(self, node: ast.Call, scope: list[dict]) -> None:
        batch = next((k.value for k in node.keywords if k.arg == "batch_size"), None)
        if batch is not None:
            try:
                value = self.value_of(self.evaluate(batch, scope), batch)
                if value.value is not None:
                    self.batch_value(value, batch)
                    self.batch.append((1, len(self.batch), value))
            except Refusal as refusal:
                self.refused(refusal, batch)

    def batch_from_params(self, bound: dict[str, object]) -> None:
        """A def called with a parameter named like a batch size."""
        for name, value in bound.items():
            if ("batch" in name.lower() and isinstance(value, Val) and type(value.value) is int
                    and 1 <= value.value <= MAX_BATCH):
                self.batch.append((2, len(self.batch), value))

    def chosen_batch(self) -> Val | None:
        if not self.batch:
            return None
        return min(self.batch, key=lambda b: (b[0], b[1]))[2]

    def batch_choice(self) -> tuple[int | None, str]:
        """The batch size and the constant it came from ("" when none, or several)."""
        value = self.chosen_batch()
        if value is None:
            return None, ""
        deps = sorted(deps_of(value))
        source = self.consts[deps[0]].name if len(deps) == 1 else ""
        return value.value, source


def typed_input() -> tuple[tuple[int, ...], ...] | None:
    """The learner's input shapes for this read (one per input), if they are shapes: each 1 to MAX_RANK whole
    numbers from 1 to MAX_SIZE, at most MAX_INPUTS of them. One shape may be given as it is: (28, 28, 1)."""
    value = ASSUMED_INPUT.get()
    if not isinstance(value, tuple) or not value:
        return None
    shapes = value if all(isinstance(item, tuple) for item in value) else (value,)
    if len(shapes) <= MAX_INPUTS and all(
            0 < len(shape) <= MAX_RANK and all(type(size) is int and 1 <= size <= MAX_SIZE for size in shape)
            for shape in shapes):
        return shapes
    return None


def input_form(layer: LayerObj) -> str | None:
    """What a first layer reads, to suggest an input shape for it (a key of _SUGGESTIONS), or None. Asked of the
    kind: its traits, and the ranks of the inputs its examples take (checked against Keras by its tests)."""
    kind = layer.kind
    if kind.integer_input:
        return "tokens"
    if kind.flattens:
        return "grid"
    if kind.wraps:
        inner = input_form(layer.inner) if layer.inner is not None else None
        if kind.per_step:  # its inner layer on each step of a time axis
            return {"features": "time", "image": "frames"}.get(inner or "")
        return inner
    if kind.takes_list:
        return None
    ranks = {len(e.input_shape) for e in kind.examples
             if isinstance(e.input_shape, tuple) and not any(isinstance(d, (tuple, list)) for d in e.input_shape)}
    if len(ranks) != 1:  # a layer of any rank (Dense, Dropout): the simplest input it takes
        return "features" if kind.keeps_rank and 2 in ranks else None
    rank = ranks.pop()
    if kind.recurrent:
        return {3: "time", 5: "frames"}.get(rank)
    return {2: "features", 3: "steps", 4: "image", 5: "volume"}.get(rank)
