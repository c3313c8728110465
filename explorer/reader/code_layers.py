"""The code reader's layers: a layer class called with its arguments (each evaluated, then checked
by `validate.check_args`; a wrapper's inner layer read first), a layer object called on tensors,
and the merge helpers (`layers.concatenate([a, b])`). Keras 2's input arguments on a layer
(input_shape=...) are kept as hints for code_inputs.py."""
from __future__ import annotations

import ast
from dataclasses import replace

from ..layers import REGISTRY, get_kind
from ..layers.base import LayerKind
from ..spec import TensorRef, call_name
from .code_base import ReaderBase, position
from .code_inputs import HINTS
from .code_limits import MAX_LAYERS
from .code_names import MERGE_HELPERS, Ref, meaning, snake_case
from .code_values import Hint, KerasObject, LayerObj, ModelObj, Poison, Refusal, Seq, Tensor, Val, source_text
from .validate import check_args, check_value

_BASE_ARGS = ("trainable", "dtype", "autocast")


class Layers(ReaderBase):
    def construct(self, kind: LayerKind, node: ast.Call, scope: list[dict], prefix: str = "") -> LayerObj:
        """A layer (or an operation) from its call's arguments; prefix: the name Keras gives it when it is not
        the class's (an operation on tensors is named after its function: `true_divide`)."""
        if self.layer_count >= MAX_LAYERS:
            raise Refusal(node, "read.too_many_layers", limit=MAX_LAYERS)
        self.layer_count += 1
        positional = tuple(p for p in kind.positional if p != "layer")
        inner_node = None
        args = list(node.args)
        if kind.wraps:
            keyword = next((k for k in node.keywords if k.arg == "layer"), None)
            if args and not isinstance(args[0], ast.Starred):
                inner_node = args.pop(0)
            elif keyword is not None:
                inner_node = keyword.value
            else:
                raise Refusal(node, "read.wrapper_inner", cls=kind.class_name)
        shadow = ast.Call(func=node.func, args=args, keywords=[k for k in node.keywords if k.arg != "layer"])
        arg_nodes = self.call_args(shadow, positional, kind.class_name)
        inner = None
        if inner_node is not None:
            inner = self.evaluate(inner_node, scope)
            if isinstance(inner, Poison):
                raise Refusal(None, None)
            if not isinstance(inner, LayerObj):
                raise Refusal(inner_node, "read.wrapper_inner", cls=kind.class_name)
            if inner.used:
                raise Refusal(inner_node, "read.layer_reused", name=inner.name)
            inner.used = True
        given_name = None
        values: dict[str, Val] = {}
        raw: dict[str, object] = {}
        places: dict[str, tuple[int, int]] = {}
        hints: list[Hint] = []
        keywords = {k.arg: k for k in node.keywords if k.arg}
        for name, arg in arg_nodes.items():
            where = keywords.get(name, arg)  # a note points at `units=...`, or at a positional value
            places[name] = position(where)
            rule = kind.rule(name)
            if name == "name":
                given_name = self.value_of(self.evaluate(arg, scope), arg)
                continue
            if rule is None and name in _BASE_ARGS:  # shape-neutral arguments every Keras layer takes
                self.note(where, "info", "read.base_arg_ignored", arg=name, cls=kind.class_name)
                continue
            if rule is None and name in HINTS:
                hints.append(Hint(name, self.value_of(self.evaluate(arg, scope), arg), where))
                continue
            if rule is not None and rule.type == "ignored":
                raw[name] = None  # never evaluated: regularizers, constraints...
                continue
            if rule is not None and rule.type in ("activation", "initializer"):
                value = self.eval_named_function(arg, scope, rule.type)
            else:
                value = self.value_of(self.evaluate(arg, scope), arg)
            values[name] = value
            raw[name] = value.plain()
        name = self.claim(given_name, prefix or snake_case(kind.class_name), node)
        checked, notes = check_args(kind, raw, node.lineno, node.col_offset, name)
        for note in notes:
            where = places.get(note.param("arg"))
            self.notes.append(replace(note, line=where[0], col=where[1]) if where else note)
        if checked is None:
            raise Refusal(None, None)
        kept = dict(checked)
        values = {k: v for k, v in values.items() if k in kept}
        sources = tuple(sorted((k, v.text) for k, v in values.items() if v.text))
        obj = LayerObj(kind, name, checked, sources, inner, node.lineno, node.col_offset, values, places, hints)
        self.objects[name] = obj
        return obj

    def eval_named_function(self, node: ast.expr, scope: list[dict], what: str) -> Val:
        """activation=tf.nn.relu / keras.activations.relu -> "relu"; kernel_initializer=
        keras.initializers.HeNormal() -> "he_normal"; strings and names of strings as they are."""
        target = node.func if isinstance(node, ast.Call) and what == "initializer" else node
        if isinstance(node, ast.Call) and what == "activation":
            raise Refusal(node, "read.activation_call")
        value = self.evaluate(target, scope)
        if isinstance(value, KerasObject) and value.what == what:
            return Val(value.name)
        if isinstance(value, Ref):
            kind, detail = meaning(value)
            if kind == what:
                if isinstance(node, ast.Call) and (node.args or node.keywords):
                    self.note(node, "info", "read.initializer_args", name=detail)
                return Val(detail)
            raise Refusal(node, "read.function_value", code=source_text(node)[:80])
        if isinstance(node, ast.Call):
            raise Refusal(node, "read.function_value", code=source_text(node)[:80])
        return self.value_of(value, node)

    def tensor_refs(self, value: object, node: ast.AST) -> tuple[TensorRef, ...]:
        self.step(node)
        if isinstance(value, Poison):
            raise Refusal(None, None)
        if isinstance(value, Tensor):
            return (value.ref,)
        if isinstance(value, Seq) and value.items:
            refs: list[TensorRef] = []
            for item in value.items:
                refs += self.tensor_refs(item, node)
            return tuple(refs)
        if isinstance(value, (ModelObj, LayerObj)):
            raise Refusal(node, "read.nested_model")
        raise Refusal(node, "read.not_a_tensor", code=source_text(node)[:80])

    def layer_call(self, obj: LayerObj, node: ast.Call, scope: list[dict]) -> Tensor:
        # several tensors by name: mha(query, value, key) flows in as [query, value, key]
        roles = obj.kind.call_roles
        arg_nodes = self.call_args(node, roles, obj.name)
        states: tuple[TensorRef, ...] = ()
        options: dict[str, object] = {}
        for name, arg in arg_nodes.items():
            if name == "training":
                self.note(arg, "info", "read.call_arg_ignored", arg=name)
            elif name == "initial_state" and obj.kind.takes_initial_state:
                states = self.tensor_refs(self.evaluate(arg, scope), arg)
            elif name in obj.kind.call_options:
                options[name] = self.call_option(obj, name, arg, scope)
            elif name not in roles:
                raise Refusal(arg, "read.call_arg", arg=name)
        if roles[0] not in arg_nodes:
            raise Refusal(node, "read.not_a_tensor", code=source_text(node)[:80])
        refs: tuple[TensorRef, ...] = ()
        for role in roles:
            if role in arg_nodes:
                refs += self.tensor_refs(self.evaluate(arg_nodes[role], scope), arg_nodes[role])
        spec = obj.to_spec(refs)
        args = tuple(sorted({**dict(spec.args), **options}.items()))
        if obj.used:  # called again: a node of its own that uses the first call's weights (Keras's shared layer)
            if not obj.calls:  # its first use was in a Sequential or a wrapper, which the explorer does not share
                raise Refusal(node, "read.layer_reused", name=obj.name)
            obj.calls += 1
            name = self.later_call(obj.name)
            self.nodes[name] = replace(spec, name=name, states=states, args=args, shares=obj.name,
                                       line=node.lineno, col=node.col_offset)
            return Tensor((name, None))
        obj.used = True
        obj.calls = 1
        for prefix in obj.kind.build_names:  # the layers Keras makes when it builds this one take names too
            self.taken.add(self.auto_name(prefix))
        for hint in obj.all_hints():
            self.hint_dropped(hint)
        self.nodes[obj.name] = replace(spec, states=states, args=args)
        return Tensor((obj.name, None))

    def later_call(self, name: str) -> str:
        """The node name of a later call of a layer or a group (`dense[1]`, `dense[2]`...), not yet taken."""
        groups = {g.name for g in self.groups}
        k = 1
        while call_name(name, k) in self.nodes or call_name(name, k) in self.pending or call_name(name, k) in groups:
            k += 1
        return call_name(name, k)

    def call_option(self, obj: LayerObj, name: str, node: ast.expr, scope: list[dict]) -> object:
        """A call keyword the kind keeps among its arguments (`return_attention_scores=True`), checked by its rule."""
        value = self.value_of(self.evaluate(node, scope), node).plain()
        ok, normal = check_value(obj.kind.rule(name), value)
        if not ok:
            raise Refusal(node, "read.call_arg", arg=name)
        return normal

    def merge_helper(self, helper: str, cls: str, node: ast.Call, scope: list[dict]) -> Tensor:
        """layers.concatenate([a, b], axis=1) is Concatenate(axis=1)([a, b])."""
        kind = get_kind(cls)
        if kind is None:
            raise Refusal(node, "read.unknown_layer", cls=cls, supported=", ".join(sorted(REGISTRY)))
        extra = MERGE_HELPERS[helper][1]
        arg_nodes = self.call_args(node, ("inputs",) + extra, helper)
        if "inputs" not in arg_nodes:
            raise Refusal(node, "read.not_a_tensor", code=helper)
        inputs = arg_nodes.pop("inputs")
        for key, value in kind.helper_defaults:  # layers.dot([a, b]) is Dot(axes=-1)([a, b])
            arg_nodes.setdefault(key, ast.Constant(value, lineno=node.lineno, col_offset=node.col_offset))
        layer_call = ast.Call(func=node.func, args=[], keywords=[ast.keyword(arg=k, value=v, lineno=v.lineno,
                                                                            col_offset=v.col_offset)
                                                               for k, v in arg_nodes.items()],
                              lineno=node.lineno, col_offset=node.col_offset)
        refs = self.tensor_refs(self.evaluate(inputs, scope), inputs)
        obj = self.construct(kind, layer_call, scope)
        obj.used = True
        self.nodes[obj.name] = obj.to_spec(refs)
        return Tensor((obj.name, None))
