"""The code reader's expressions: literals and whole-number arithmetic, names (with a guess for a
misspelt one, and the implicit `keras` / `layers` / `tf` a learner forgot to import), attributes of
imported modules, subscripts, and calls, each sent to what it calls: a Keras layer class, an
Input, a Sequential or Model, a layer object (code_layers.py), or a def (code.py)."""
from __future__ import annotations

import ast
import builtins
import difflib

from ..layers import REGISTRY, get_kind
from .code_base import IGNORED_LAYER_METHODS, ReaderBase, expression_word
from .code_limits import MAX_GUESSES, MAX_LAYERS
from .code_names import IMPLICIT, MERGE_HELPERS, Ref, legacy_path, make_ref, meaning
from .code_classes import BoundMethod, ClassObj, InstanceObj, SuperObj, UnreadClass
from .code_models import LayerHandle
from .code_builtins import BUILTINS, bounded, collect, value_method
from .code_flow import Flow
from .code_data import Arr, DataSet
from .code_tensors import LambdaObj
from .tensor_calls import BACKEND_DEFAULTS, SHAPE_READS, op_call
from .code_ops import arithmetic, check_items, compare, format_value, index_of, is_number, negate, take, truth
from .code_values import (MAX_ITEMS, Builtin, DictVal, FuncObj, Ignored, InputLayerObj, KerasObject, Known, LayerObj,
                          ModelObj, Partial, Poison, Refusal, Seq, Span, Tensor, Val, is_literal_code, literal,
                          source_text)


class Expressions(Flow, ReaderBase):  # with Classes (code_classes.py) mixed in by the reader
    def evaluate(self, node: ast.AST, scope: list[dict]) -> object:
        self.step(node)
        if isinstance(node, Known):
            return node.held
        if isinstance(node, ast.Constant):
            return literal(node)
        if isinstance(node, ast.Name):
            return self.lookup(node, scope)
        if isinstance(node, ast.Attribute):
            base = self.evaluate(node.value, scope)
            if isinstance(base, Ref):
                return self.child(base, node)
            if isinstance(base, InstanceObj):
                return self.instance_attribute(base, node)
            if isinstance(base, (ModelObj, LayerHandle)):
                return self.model_attribute(base, node)
            if isinstance(base, Tensor) and node.attr == "shape":
                return self.shape_of(base, node)
            if isinstance(base, (Arr, DataSet)):
                return self.data_attribute(base, node)
            if isinstance(base, Poison):
                raise Refusal(None, None)
            raise Refusal(node, "read.attribute", code=source_text(node)[:80])
        if isinstance(node, ast.BinOp):
            return self.binop(node.op, self.evaluate(node.left, scope), self.evaluate(node.right, scope), node)
        if isinstance(node, ast.UnaryOp):
            if isinstance(node.op, ast.Not):
                return Val(not truth(self.evaluate(node.operand, scope), node.operand))
            if not isinstance(node.op, (ast.USub, ast.UAdd)):
                raise Refusal(node, "read.operator", op=type(node.op).__name__)
            operand = self.evaluate(node.operand, scope)
            if isinstance(operand, Tensor):
                if isinstance(node.op, ast.UAdd):
                    return operand
                return self.negative(operand, node)
            operand = self.value_of(operand, node.operand)
            result = negate(operand, node) if isinstance(node.op, ast.USub) else operand
            return result.with_text("" if is_literal_code(node) else source_text(node))
        if isinstance(node, (ast.Tuple, ast.List)):
            return self.eval_items(node, scope)
        if isinstance(node, ast.Call):
            return self.call(node, scope)
        if isinstance(node, ast.Subscript):
            return self.subscript(node, scope)
        if isinstance(node, ast.Lambda):
            raise Refusal(node, "read.lambda")
        if isinstance(node, (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
            return self.comprehension(node, scope)
        if isinstance(node, ast.BoolOp):
            return self.bool_op(node, scope)
        if isinstance(node, ast.Compare):
            return self.comparison(node, scope)
        if isinstance(node, ast.IfExp):
            return self.if_value(node, scope)
        if isinstance(node, ast.JoinedStr):
            return self.fstring(node, scope)
        if isinstance(node, ast.Dict):
            return self.dict_value(node, scope)
        raise Refusal(node, "read.expression", what=expression_word(node))

    def binop(self, op: ast.operator, left: object, right: object, node: ast.AST) -> object:
        """Arithmetic on values; + joins lists of tensors or layers; on tensors, an operation (code_tensors.py)."""
        if isinstance(left, Poison) or isinstance(right, Poison):
            raise Refusal(None, None)
        if isinstance(left, Arr) or isinstance(right, Arr):
            return self.data_binop(op, left, right, node)
        if isinstance(left, Tensor) and isinstance(right, Tensor):
            if type(op) in _TENSOR_OPERATORS and self.same_shapes(left, right, node):
                return self.tensor_operator(_TENSOR_OPERATORS[type(op)], (left.ref, right.ref), node)
            return self.broadcast_operator(op, left, right, node)
        if isinstance(left, Tensor) or isinstance(right, Tensor):
            number = right if isinstance(left, Tensor) else left
            if isinstance(number, Val) and type(number.value) in (int, float):
                return self.scalar_operator(op, left, right, node)
            raise Refusal(node, "read.tensor_operator", code=source_text(node)[:80])
        if isinstance(op, ast.Add) and (isinstance(left, Seq) or isinstance(right, Seq)):
            items = []
            for side, side_node in ((left, node), (right, node)):
                if isinstance(side, Seq):
                    items += side.items
                elif isinstance(side, Val) and isinstance(side.value, tuple):
                    items += side.value
                else:
                    raise Refusal(side_node, "read.arith_not_number", op="+")
            return Seq(check_items(tuple(items), node, MAX_LAYERS))
        left, right = self.value_of(left, node), self.value_of(right, node)
        return arithmetic(op, left, right, node).with_text(source_text(node))

    def tensor_operator(self, helper: str, refs: tuple, node: ast.AST) -> Tensor:
        """x + y, x - y, x * y between two tensors: Keras 3 records the operation under the name of its
        class ("add", "subtract", "multiply"), which is the merge layer's: the same row, the same numbers."""
        kind = get_kind(MERGE_HELPERS[helper][0])
        call = ast.Call(func=ast.Name(id=helper), args=[], keywords=[], **_where(node))
        obj = self.construct(kind, call, [self.globals])
        obj.used = True
        self.nodes[obj.name] = obj.to_spec(refs)
        return Tensor((obj.name, None))

    def comparison(self, node: ast.Compare, scope: list[dict]) -> Val:
        left = self.evaluate(node.left, scope)
        for op, right_node in zip(node.ops, node.comparators):
            right = self.evaluate(right_node, scope)
            if isinstance(left, Poison) or isinstance(right, Poison):
                raise Refusal(None, None)
            if not compare(op, left, right, node):
                return Val(False)
            left = right
        return Val(True)

    def fstring(self, node: ast.JoinedStr, scope: list[dict]) -> Val:
        parts: list[str] = []
        deps: frozenset = frozenset()
        for part in node.values:
            if isinstance(part, ast.Constant):
                parts.append(str(part.value))
                continue
            value = self.value_of(self.evaluate(part.value, scope), part.value)
            spec = self.fstring(part.format_spec, scope).value if part.format_spec is not None else ""
            parts.append(format_value(value, spec, part.conversion, part))
            deps |= value.deps
        return literal(ast.Constant("".join(parts), lineno=node.lineno, col_offset=node.col_offset)).with_deps(deps)

    def dict_value(self, node: ast.Dict, scope: list[dict]) -> DictVal:
        items: list[tuple] = []
        for key_node, value_node in zip(node.keys, node.values):
            value = self.evaluate(value_node, scope)
            if key_node is None:  # {**other}
                if not isinstance(value, DictVal):
                    raise Refusal(value_node, "read.dict_key")
                items += value.items
                continue
            key = self.value_of(self.evaluate(key_node, scope), key_node)
            if isinstance(key.value, tuple):
                raise Refusal(key_node, "read.dict_key")
            items = [(k, v) for k, v in items if k != key.value] + [(key.value, value)]
        if len(items) > MAX_ITEMS:
            raise Refusal(node, "read.seq_too_long", limit=MAX_ITEMS)
        return DictVal(tuple(items))

    def eval_items(self, node: ast.Tuple | ast.List, scope: list[dict]) -> object:
        if len(node.elts) > MAX_LAYERS:
            raise Refusal(node, "read.seq_too_long", limit=MAX_ITEMS)
        items = []
        for elt in node.elts:
            if isinstance(elt, ast.Starred):  # [*blocks, head]
                value = self.evaluate(elt.value, scope)
                if isinstance(value, Poison):
                    raise Refusal(None, None)
                items += bounded(value, elt, self.step)
                if len(items) > MAX_LAYERS:
                    raise Refusal(node, "read.seq_too_long", limit=MAX_LAYERS)
                continue
            items.append(self.evaluate(elt, scope))
        if all(isinstance(item, Val) for item in items):
            text = "" if is_literal_code(node) else source_text(node)
            return Val(check_items(tuple(items), node), frozenset(), text)
        return Seq(check_items(tuple(items), node, MAX_LAYERS))

    # -- names ------------------------------------------------------------------------------------
    def lookup(self, node: ast.Name, scope: list[dict], guess: bool = True) -> object:
        name = node.id
        for names in scope:
            if name in names:
                value = names[name]
                if type(value) is Poison and name not in self.poison_noted:  # say once why this line is skipped
                    self.poison_noted.add(name)
                    self.note(node, "warning", "read.name_unreadable", name=name, line=value.line)
                return value.with_text(name) if isinstance(value, Val) else value
        if name in BUILTINS:
            return Builtin(name)
        if name in IMPLICIT:
            return self.implicit(node, IMPLICIT[name])
        if get_kind(name) is not None:
            return self.implicit(node, ("keras", "layers", name))
        if guess and not hasattr(builtins, name) and self.guesses < MAX_GUESSES:
            self.guesses += 1
            known = [n for names in scope for n in names  # a close name is about as long (rnn_units, lstm_units)
                     if not n.startswith("__") and abs(len(n) - len(name)) <= max(2, len(name) // 3)]
            close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
            if close:
                self.note(node, "warning", "read.undefined_name_guess", name=name, guess=close[0])
                return self.lookup(ast.Name(id=close[0], lineno=node.lineno, col_offset=node.col_offset), scope, False)
        raise Refusal(node, "read.undefined_name", name=name)

    def implicit(self, node: ast.Name, path: tuple[str, ...]) -> Ref:
        if node.id not in self.implicit_noted:
            self.implicit_noted.add(node.id)
            self.note(node, "warning", "read.implicit_import", name=node.id, path=".".join(path))
        return make_ref(path)

    def child(self, base: Ref, node: ast.Attribute) -> Ref:
        ref = base.child(node.attr)
        if ref.via_tf:
            self.note_tf(node)
        return ref

    def subscript(self, node: ast.Subscript, scope: list[dict]) -> object:
        base = self.evaluate(node.value, scope)
        if isinstance(base, Poison):
            raise Refusal(None, None)
        index_node = node.slice
        if isinstance(base, Arr):
            return self.data_item(base, index_node, scope, node)
        if isinstance(base, DictVal):
            key = self.value_of(self.evaluate(index_node, scope), index_node)
            found = base.get(key.plain())
            if found is None or isinstance(key.value, tuple):
                raise Refusal(node, "read.dict_key")
            return found
        if isinstance(base, Tensor):
            if base.ref[1] is None and (self.output_count(base) or 1) > 1:  # outputs, states = lstm(x): one
                index = self.index_value(index_node, scope)
                if not isinstance(index, int) or index < 0:
                    raise Refusal(node, "read.subscript")
                return Tensor((base.ref[0], index))
            return self.tensor_item(base, index_node, scope, node)
        if not isinstance(base, (Seq, Val, Span)) or isinstance(index_node, ast.Tuple):
            raise Refusal(node, "read.subscript")
        index = self.index_value(index_node, scope)
        if isinstance(base, Span):
            found = take(base.as_range(), index, node)
            return Span(found.start, found.stop, found.step) if isinstance(found, range) else Val(found)
        items = base.items if isinstance(base, Seq) else base.value
        if not isinstance(items, (tuple, str)):
            raise Refusal(node, "read.subscript")
        item = take(items, index, node)
        if isinstance(base, Seq):
            return Seq(item) if isinstance(index, slice) else item
        if isinstance(index, slice) or type(items) is str:
            return Val(item, base.deps)
        return item.with_text(source_text(node)) if isinstance(item, Val) else item

    def index_value(self, node: ast.expr, scope: list[dict]) -> int | slice:
        """A whole-number index, or a slice of known whole numbers (None where left out)."""
        if not isinstance(node, ast.Slice):
            return index_of(self.value_of(self.evaluate(node, scope), node), node)
        parts = []
        for part in (node.lower, node.upper, node.step):
            value = None if part is None else self.value_of(self.evaluate(part, scope), part).value
            if value is not None and type(value) is not int:
                raise Refusal(node, "read.subscript")
            parts.append(value)
        return slice(*parts)

    # -- calls ------------------------------------------------------------------------------------
    def call(self, node: ast.Call, scope: list[dict]) -> object:
        node = self.expand_stars(node, scope)
        func = node.func
        if isinstance(func, ast.Name) and func.id == "print":
            return self.ignored_print(node, scope)
        if isinstance(func, ast.Name) and func.id == "super" and not any("super" in names for names in scope):
            return SuperObj(next((names["self"] for names in scope if "self" in names), None))
        if isinstance(func, ast.Attribute):
            owner = self.evaluate(func.value, scope)
            if isinstance(owner, ModelObj):
                return self.model_method(owner, func.attr, node, scope)
            if isinstance(owner, InstanceObj) and not _callable_attribute(owner.find(func.attr)):
                return self.instance_method(owner, func.attr, node, scope)
            if isinstance(owner, SuperObj):  # super().__init__(**kwargs), super().build(shape): nothing to show
                return Val(None)
            if isinstance(owner, Poison):
                raise Refusal(None, None)
            if isinstance(owner, (Arr, DataSet)):
                return self.data_method(owner, func.attr, node, scope)
            if isinstance(owner, (Val, Seq, DictVal)):
                if func.attr in _LIST_METHODS and isinstance(func.value, ast.Name):
                    return self.list_method(func.value.id, owner, func.attr, node, scope)
                holder = self.evaluate(func.value.value, scope) if isinstance(func.value, ast.Attribute) else None
                if func.attr in _LIST_METHODS and isinstance(holder, InstanceObj):  # self.blocks.append(...)
                    return self.list_method(func.value.attr, owner, func.attr, node, scope, [holder.attrs])
                return value_method(owner, func.attr, *self.call_values(node, scope), node)
            if isinstance(owner, (LayerObj, LayerHandle)) and func.attr in IGNORED_LAYER_METHODS:
                self.note(node, "info", "read.ignored_call", call=source_text(node.func)[:80])
                return Ignored(node.lineno)
            if isinstance(owner, InstanceObj):  # self.dense(x): a layer (or model) the instance holds
                callee: object = owner.find(func.attr)
            elif not isinstance(owner, Ref):
                raise Refusal(node, "read.method", code=source_text(func)[:80])
            else:
                callee = self.child(owner, func)
        elif isinstance(func, ast.Name):
            if (not any(func.id in names for names in scope) and func.id not in IMPLICIT and func.id not in BUILTINS
                    and get_kind(func.id) is None):
                raise Refusal(node, "read.call_unknown", call=func.id)
            callee = self.lookup(func, scope, guess=False)
        else:
            callee = self.evaluate(func, scope)
        if isinstance(callee, Poison):
            raise Refusal(None, None)
        if isinstance(callee, LayerObj):
            return self.layer_call(callee, node, scope)
        if isinstance(callee, FuncObj):
            return self.def_call(callee, node, scope)
        if isinstance(callee, Builtin):
            if callee.name == "len" and len(node.args) == 1 and not node.keywords:
                value = self.evaluate(node.args[0], scope)
                if isinstance(value, Arr):
                    return self.data_length(value, node)
                node = ast.Call(func=node.func, args=[Known(value, node.args[0])], keywords=[], **_where(node))
            return BUILTINS[callee.name](*self.call_values(node, scope), node, self.step)
        if isinstance(callee, Partial):
            return self.call(self.partial_call(callee, node), scope)
        if isinstance(callee, ModelObj):
            return self.model_call(callee, node, scope)
        if isinstance(callee, ClassObj):
            return self.instantiate(callee, node, scope)
        if isinstance(callee, LambdaObj):
            return self.lambda_call(callee, node, scope)
        if isinstance(callee, UnreadClass):
            raise Refusal(node, "read.class_base", name=callee.name, base=callee.base)
        if isinstance(callee, InstanceObj):
            return self.instance_call(callee, node, scope)
        if isinstance(callee, BoundMethod):
            return self.method_call(callee.instance, callee.func, node, scope)
        if isinstance(callee, Ref):
            return self.keras_call(callee, node, scope)
        raise Refusal(node, "read.call_unknown", call=source_text(func)[:80])

    def expand_stars(self, node: ast.Call, scope: list[dict]) -> ast.Call:
        """f(*items, **options) with known items and options: the same call with each value in place."""
        if not any(isinstance(a, ast.Starred) for a in node.args) and all(k.arg for k in node.keywords):
            return node
        args: list[ast.expr] = []
        for arg in node.args:
            if not isinstance(arg, ast.Starred):
                args.append(arg)
                continue
            value = self.evaluate(arg.value, scope)
            if isinstance(value, Poison):
                raise Refusal(None, None)
            args += [Known(item, arg) for item in bounded(value, arg, self.step)]
        keywords: list[ast.keyword] = []
        for keyword in node.keywords:
            if keyword.arg is not None:
                keywords.append(keyword)
                continue
            value = self.evaluate(keyword.value, scope)
            if isinstance(value, Poison):
                raise Refusal(None, None)
            if not isinstance(value, DictVal) or not all(type(k) is str and k.isidentifier() for k, _ in value.items):
                raise Refusal(keyword, "read.star_args")
            keywords += [_keyword(key, Known(item, keyword.value)) for key, item in value.items]
        return ast.Call(func=node.func, args=args, keywords=keywords, **_where(node))

    def call_values(self, node: ast.Call, scope: list[dict]) -> tuple[list, dict]:
        """The values of a call's arguments, for the builtins and the methods of plain values."""
        args = [self.evaluate(arg, scope) for arg in node.args]
        kwargs = {k.arg: self.evaluate(k.value, scope) for k in node.keywords}
        if any(isinstance(v, Poison) for v in args + list(kwargs.values())):
            raise Refusal(None, None)
        return args, kwargs

    def partial_call(self, partial: Partial, node: ast.Call) -> ast.Call:
        """Calling partial(Conv2D, kernel_size=3)(64) is calling Conv2D(64, kernel_size=3)."""
        given = {k.arg for k in node.keywords}
        keywords = [_keyword(name, Known(value, node)) for name, value in partial.keywords if name not in given]
        return ast.Call(func=Known(partial.callee, node), args=[Known(v, node) for v in partial.args] + node.args,
                        keywords=keywords + node.keywords, **_where(node))

    def make_partial(self, node: ast.Call, scope: list[dict]) -> Partial:
        if not node.args:
            raise Refusal(node, "read.partial")
        callee = self.evaluate(node.args[0], scope)
        if isinstance(callee, Poison):
            raise Refusal(None, None)
        if not isinstance(callee, (Ref, FuncObj, Partial)):
            raise Refusal(node, "read.partial")
        args, kwargs = self.call_values(ast.Call(func=node.func, args=node.args[1:], keywords=node.keywords), scope)
        return Partial(callee, tuple(args), tuple(kwargs.items()))

    def list_method(self, name: str, owner: object, method: str, node: ast.Call, scope: list[dict],
                    store: list[dict] | None = None) -> object:
        """skips.append(x), blocks.extend([...]), names.pop(): the list's name is bound to the new list."""
        if not (isinstance(owner, Seq) or (isinstance(owner, Val) and isinstance(owner.value, tuple))):
            raise Refusal(node, "read.method", code=f"{name}.{method}")
        items = list(owner.items if isinstance(owner, Seq) else owner.value)
        try:
            args, kwargs = self.call_values(node, scope)
        except Refusal:
            for names in store or scope:  # what the list would hold is not known: so is the list
                if name in names:
                    names[name] = Poison(node.lineno)
                    break
            raise
        result: object = Val(None)
        if kwargs:
            raise Refusal(node, "read.method", code=f"{name}.{method}")
        if method == "append" and len(args) == 1:
            items.append(args[0])
        elif method == "extend" and len(args) == 1:
            items += bounded(args[0], node, self.step)
        elif method == "insert" and len(args) == 2 and isinstance(args[0], Val) and type(args[0].value) is int:
            items.insert(args[0].value, args[1])
        elif method in ("reverse", "clear") and not args:
            items = items[::-1] if method == "reverse" else []
        elif method == "sort" and not args and all(isinstance(i, Val) and is_number(i.value) for i in items):
            items.sort(key=lambda item: item.value)
        elif method == "remove" and len(args) == 1 and isinstance(args[0], Val) and args[0] in items:
            items.remove(args[0])
        elif method == "pop" and len(args) <= 1 and items:
            index = index_of(args[0], node) if args else -1
            result = take(tuple(items), index, node)
            del items[index]
        else:
            raise Refusal(node, "read.method", code=f"{name}.{method}")
        self.step(node)
        new = collect(items, node)
        for names in store or scope:
            if name in names:
                names[name] = new
                break
        return result

    def keras_call(self, ref: Ref, node: ast.Call, scope: list[dict]) -> object:
        if ref.path[0] == "tensorflow" and not self.layer_calls_open and self.names_a_tensor(node, scope):
            raise Refusal(node, "read.tf_on_keras_tensor", call=ref.dotted[:80], op=ref.path[-1])
        if ref.path in SHAPE_READS:
            return self.shape_read(ref, node, scope)
        if ref.path in BACKEND_DEFAULTS and not node.args and not node.keywords:
            value = BACKEND_DEFAULTS[ref.path]
            self.note(node, "info", "read.backend_default", call=source_text(node)[:60], value=repr(value))
            return Val(value)
        if ref.path[:2] == ("keras", "applications") and ref.path[-1] == "preprocess_input":
            preprocessed = self.preprocess_call(ref, node, scope)
            if preprocessed is not None:
                return preprocessed
        operation = op_call(ref.path)
        if operation is not None:
            return self.op_call(operation, ref, node, scope)
        data = self.data_call(ref, node, scope)
        if data is not None:
            return data
        what, detail = meaning(ref)
        if what == "activation" and (node.args or node.keywords):  # self.activation = tf.nn.relu; then on x
            return self.activation_call(detail, node, scope)
        if legacy_path(ref) and what in ("layer", "merge", "input", "input_layer") and \
                ref.path[:-1] not in self.legacy_noted:
            self.note(node, "warning", "keras2.module_path", path=ref.dotted[:80], new=f"keras.layers.{ref.path[-1]}")
        if what == "layer":
            return self.construct(get_kind(detail), node, scope)
        if what == "merge":
            return self.merge_helper(ref.path[-1], detail, node, scope)
        if what == "input":
            return self.make_input(node, scope)
        if what == "input_layer":
            return InputLayerObj(self.input_spec(node, scope, layer=True))
        if what == "sequential":
            return self.make_sequential(node, scope)
        if what == "model":
            return self.make_functional(node, scope)
        if what == "ignored":
            self.note(node, "info", "read.ignored_call", call=source_text(node.func)[:80])
            return Ignored(node.lineno)
        if what == "partial":
            return self.make_partial(node, scope)
        if what == "backbone":
            return self.make_backbone(detail, node, scope)
        if what in ("initializer", "regularizer", "constraint"):
            return KerasObject(what, detail)
        if what == "unknown_layer":
            if detail == "Lambda":
                return self.make_lambda(node, scope)
            raise Refusal(node, "read.unknown_layer", cls=detail, supported=", ".join(sorted(REGISTRY)))
        raise Refusal(node, "read.call_unknown", call=ref.dotted[:80])

    def names_a_tensor(self, node: ast.Call, scope: list[dict]) -> bool:
        """Whether a call's argument is a name that holds a tensor (looked up, never evaluated twice)."""
        for arg in list(node.args) + [k.value for k in node.keywords]:
            held = next((names[arg.id] for names in scope if arg.id in names), None) \
                if isinstance(arg, ast.Name) else None
            if isinstance(held, Tensor):
                return True
        return False

    def shape_read(self, ref: Ref, node: ast.Call, scope: list[dict]) -> Val:
        """K.int_shape(x), keras.ops.shape(x), tf.shape(x): the static shape, None where it is not known."""
        if ref.path[-1] == "int_shape":
            self.note(node, "warning", "keras2.int_shape")
        args, kwargs = self.call_values(node, scope)
        if len(args) != 1 or kwargs or not isinstance(args[0], Tensor):
            raise Refusal(node, "read.not_a_tensor", code=source_text(node)[:80])
        if ref.path[0] == "tensorflow" and not self.layer_calls_open:
            raise Refusal(node, "read.tf_on_keras_tensor", call=ref.dotted[:80], op="shape")
        return self.shape_of(args[0], node)

    def ignored_print(self, node: ast.Call, scope: list[dict]) -> object:
        for arg in node.args:  # print(model.summary()) is a summary
            if isinstance(arg, ast.Call) and isinstance(arg.func, ast.Attribute) and arg.func.attr == "summary":
                try:
                    self.evaluate(arg, scope)
                except Refusal as refusal:
                    self.refused(refusal, arg)
                return Ignored(node.lineno)
        self.note(node, "info", "read.ignored_call", call="print")
        return Ignored(node.lineno)


_TENSOR_OPERATORS = {ast.Add: "add", ast.Sub: "subtract", ast.Mult: "multiply"}  # merge helpers by operator
_LIST_METHODS = ("append", "extend", "insert", "pop", "reverse", "sort", "remove", "clear")


def _callable_attribute(value: object) -> bool:
    """An attribute of an instance that is called like a layer (self.dense(x)), not a method of the class."""
    return isinstance(value, (LayerObj, ModelObj, InstanceObj, FuncObj, Partial, Ref))  # Ref: self.act = tf.nn.relu


def _where(node: ast.AST) -> dict:
    return {attr: getattr(node, attr, 0) for attr in ("lineno", "col_offset", "end_lineno", "end_col_offset")}


def _keyword(name: str, value: ast.expr) -> ast.keyword:
    return ast.keyword(arg=name, value=value, **_where(value))
