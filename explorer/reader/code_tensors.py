"""Operations on tensors in learners' code, read as rows of the graph, never run.

`inputs / 127.5 - 1`, `x * 0.5`, `x[:, -1]`, `keras.ops.reshape(x, (-1, 8))`, `tf.exp(z)` inside a custom
layer, `positions = keras.ops.arange(0, maxlen)`: Keras 3 records each as an operation (model.summary()
lists `true_divide (TrueDivide)`); here each becomes a node whose kind is one of the operation kinds
(explorer/layers/operations, "ops.<function>"), named as Keras names it, and its shapes come from the
kind as for any layer. Which calls are operations is data (tensor_calls.py).

Keras 3 refuses TensorFlow functions on the symbolic tensors of functional code (`tf.exp(x)` between
layers); inside a layer's `call` they run on real tensors. The reader says the same.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass, replace
from collections.abc import Callable
from typing import Any

from ..description import shape_text
from ..layers import get_kind, given_kind
from ..layers.base import MAX_RANK
from ..spec import GroupSpec, LayerSpec
from .code_base import ReaderBase, position
from .code_limits import MAX_LAYERS
from .code_names import Ref
from .code_values import FuncObj, Known, Poison, Refusal, Seq, Tensor, Val, source_text
from .validate import check_value
from .tensor_calls import CAFFE_MEAN, PREPROCESS_MODES, TORCH_MEAN, TORCH_STD, OpCall, activation_op

_SCALAR_OPS = {ast.Add: "add", ast.Sub: "subtract", ast.Mult: "multiply", ast.Div: "true_divide",
               ast.Pow: "power"}


def _where(node: ast.AST) -> dict[str, int]:
    return {"lineno": getattr(node, "lineno", 1), "col_offset": getattr(node, "col_offset", 0)}


def _number(value: object) -> bool:
    return isinstance(value, Val) and type(value.value) in (int, float)


def _lambda_function(node: ast.Lambda, scope: list[dict]) -> FuncObj | None:
    """`lambda x: x[:, -1]` as a function of the code the reader can call; None with default arguments."""
    if node.args.defaults or node.args.kw_defaults:
        return None
    body = ast.Return(value=node.body, **_where(node.body))
    fdef = ast.FunctionDef(name="lambda", args=node.args, body=[body], decorator_list=[], returns=None,
                           type_params=[], **_where(node))
    return FuncObj(fdef, {}, outer=list(scope))


@dataclass
class LambdaObj:
    """layers.Lambda(lambda x: x[:, -1]): a layer whose call is the function; read when it is called."""

    func: FuncObj | None  # None: a function the reader cannot read (tf.nn.l2_normalize), usable with output_shape=
    name: str
    line: int
    col: int
    used: bool = False
    output_shape: ast.expr | None = None  # output_shape=: what Keras builds the model with, never checking it
    refusal: Refusal | None = None  # why the function itself cannot be read (func None)


def _last_index(index: int) -> Val:
    """x[..., index] as an operation's key."""
    return Val((Val((Val("ellipsis"),)), Val((Val("index"), Val(index)))))


def _numbers(values: tuple[float, ...], sign: int) -> Val:
    return Val(tuple(Val(sign * v) for v in values))


def _dynamic_batch(shape: Val) -> Val:
    """Inside a layer's call `ops.shape(x)[0]` is the batch size of the real tensor, which the reader knows
    only as None: a reshape to (batch, n, d) there is the reshape to (-1, n, d)."""
    items = shape.value if isinstance(shape.value, tuple) else ()
    sizes = [item.value if isinstance(item, Val) else item for item in items]
    if sizes.count(None) == 1 and -1 not in sizes:
        return Val(tuple(Val(-1) if size is None else item for size, item in zip(sizes, items)), shape.deps, shape.text)
    return shape


class TensorOps(ReaderBase):
    """Mixed into the reader: makes operation nodes. Uses the reader's construct, evaluate, tensor_refs
    and shape_of (code_layers.py, code_exprs.py, code_models.py)."""

    layer_calls_open = 0  # > 0 while a layer's (or a subclassed model's) own `call` is being read
    last_shape_read: tuple | None = None  # the tensor whose shape was read last: constants take its batch
    open_call_tensors: tuple = ()  # the first tensor of each layer call being read, innermost last

    # -- making one node ---------------------------------------------------------------------------
    def op_node(self, op: str, refs: tuple, args: dict[str, Val], node: ast.AST) -> Tensor:
        kind = get_kind("ops." + op)
        if kind is None:
            raise Refusal(node, "read.op_unsupported", call=source_text(node)[:80])
        call = ast.Call(func=ast.Name(id=op, **_where(node)), args=[],
                        keywords=[ast.keyword(arg=k, value=Known(v, node), **_where(node)) for k, v in args.items()],
                        **_where(node))
        obj = self.construct(kind, call, [self.globals], prefix=op)
        obj.used = True
        self.nodes[obj.name] = obj.to_spec(tuple(refs))
        return Tensor((obj.name, None))

    # -- operators -----------------------------------------------------------------------------------
    def scalar_operator(self, op: ast.operator, left: object, right: object, node: ast.AST) -> Tensor:
        """x * 0.5, 2 - x, x / 127.5: one tensor and one number."""
        name = _SCALAR_OPS.get(type(op))
        if name is None:
            raise Refusal(node, "read.tensor_operator", code=source_text(node)[:80])
        tensor, number = (left, right) if isinstance(left, Tensor) else (right, left)
        args = {"scalar": number, "scalar_first": Val(isinstance(right, Tensor))}
        return self.op_node(name, (tensor.ref,), args, node)

    def broadcast_operator(self, op: ast.operator, left: Tensor, right: Tensor, node: ast.AST) -> Tensor:
        """x + positions where the shapes differ: numpy's broadcasting, as keras.ops does it."""
        name = _SCALAR_OPS.get(type(op))
        if name is None:
            raise Refusal(node, "read.tensor_operator", code=source_text(node)[:80])
        return self.op_node(name, (left.ref, right.ref), {}, node)

    def negative(self, operand: Tensor, node: ast.AST) -> Tensor:
        return self.op_node("negative", (operand.ref,), {}, node)

    def same_shapes(self, left: Tensor, right: Tensor, node: ast.AST) -> bool:
        return self.shape_of(left, node).plain() == self.shape_of(right, node).plain()

    # -- x[:, -1] ------------------------------------------------------------------------------------
    def tensor_item(self, base: Tensor, index_node: ast.expr, scope: list[dict], node: ast.AST) -> Tensor:
        entries = index_node.elts if isinstance(index_node, ast.Tuple) else [index_node]
        key: list[tuple] = []
        for entry in entries:
            if isinstance(entry, ast.Slice):
                parts = []
                for part in (entry.lower, entry.upper, entry.step):
                    value = None if part is None else self.value_of(self.evaluate(part, scope), part).value
                    if value is not None and type(value) is not int:
                        raise Refusal(entry, "read.subscript")
                    parts.append(value)
                key.append(("slice", *parts))
                continue
            if isinstance(entry, ast.Constant) and entry.value is Ellipsis:
                key.append(("ellipsis",))
                continue
            value = self.evaluate(entry, scope)
            if isinstance(value, Poison):
                raise Refusal(None, None)
            if isinstance(value, Val) and value.value is None:
                key.append(("newaxis",))
            elif isinstance(value, Val) and type(value.value) is int:
                key.append(("index", value.value))
            else:
                raise Refusal(entry, "read.subscript")
        held = Val(tuple(Val(tuple(Val(part) for part in entry)) for entry in key))
        return self.op_node("get_item", (base.ref,), {"key": held}, node)

    # -- calls -----------------------------------------------------------------------------------------
    def op_call(self, call: OpCall, ref: Ref, node: ast.Call, scope: list[dict]) -> object:
        """keras.ops.X(...), tf.X(...), K.X(...), keras.activations.X(x): an operation node."""
        names = tuple(p.lstrip("*-").split(">")[0] for p in call.params)
        arg_nodes = self.call_args(node, names, ref.dotted[:80])
        tensors: list = []
        args: dict[str, Val] = {key: Val(value) for key, value in call.defaults}
        for param in call.params:
            source = param.lstrip("*-").split(">")[0]
            target = param.lstrip("*-").split(">")[-1]
            arg = arg_nodes.pop(source, None)
            if arg is None:
                continue
            value = self.evaluate(arg, scope)
            if isinstance(value, Poison):
                raise Refusal(None, None)
            if param.startswith("-"):
                continue
            if param.startswith("**"):
                tensors += self.tensor_refs(value, arg)
            elif param.startswith("*"):
                if isinstance(value, Tensor):
                    tensors.append(value.ref)
                elif _number(value) and len([p for p in call.params if p.startswith("*")]) == 2:
                    args["scalar"] = value
                    args["scalar_first"] = Val(not tensors)
                else:
                    raise Refusal(arg, "read.not_a_tensor", code=source_text(arg)[:80])
            else:
                args[target] = self.op_value(value, arg)
        if call.op == "reshape" and self.layer_calls_open and "newshape" in args:
            args["newshape"] = _dynamic_batch(args["newshape"])
        if arg_nodes:
            raise Refusal(next(iter(arg_nodes.values())), "read.call_arg", arg=next(iter(arg_nodes)))
        if ref.path[0] == "tensorflow" and tensors and not self.layer_calls_open:
            raise Refusal(node, "read.tf_on_keras_tensor", call=ref.dotted[:80], op=call.op)
        if not tensors:  # a constant made inside a call: it takes that call's batch from a tensor there
            anchor = self.last_shape_read or self.open_call_tensor()
            if anchor is None:
                raise Refusal(node, "read.op_constant", call=ref.dotted[:80])
            tensors.append(anchor)
        return self.op_node(call.op, tuple(tensors), args, node)

    def op_value(self, value: object, node: ast.AST) -> Val:
        """An argument of an operation: a plain value, or a list/tuple of them (a shape)."""
        if isinstance(value, Seq) and all(isinstance(item, Val) for item in value.items):
            return Val(tuple(value.items))
        return self.value_of(value, node)

    # -- a layer's own call (a custom layer's `call`, a Lambda's function) -----------------------------
    def inside_layer_call(self, first: object, run: Callable[[], object]) -> object:
        """Run a layer's own call: TensorFlow functions run on real tensors there, and a constant made there takes
        its batch from the tensor whose shape was read last, else from the call's first tensor."""
        items = first.items if isinstance(first, Seq) else (first,)
        opened = next((item.ref for item in items if isinstance(item, Tensor)), None)
        saved = self.last_shape_read, self.open_call_tensors
        self.layer_calls_open += 1
        self.open_call_tensors = saved[1] + ((opened,) if opened else ())
        self.last_shape_read = None
        try:
            return run()
        finally:
            self.layer_calls_open -= 1
            self.last_shape_read, self.open_call_tensors = saved

    def members_since(self, before: set[str]) -> tuple[str, ...]:
        """The layers (and operations) a call made: the nodes that were not there before it."""
        return tuple(n for n, spec in self.nodes.items() if n not in before and isinstance(spec, LayerSpec))

    def close_group(self, group: GroupSpec, groups_before: int) -> None:
        """The call's layers as one group (Keras's one layer), holding the groups made inside it."""
        for index in range(groups_before, len(self.groups)):
            if not self.groups[index].parent:
                self.groups[index] = replace(self.groups[index], parent=group.name)
        self.groups.append(group)

    def open_call_tensor(self) -> tuple | None:
        return self.open_call_tensors[-1] if self.open_call_tensors else None

    def activation_call(self, name: str, node: ast.Call, scope: list[dict]) -> Any:
        """An activation function held as a value and called on a tensor: `self.activation(x)`."""
        call = activation_op(name)
        if call is None:
            raise Refusal(node, "read.op_unsupported", call=name)
        return self.op_call(call, Ref(("keras", "activations", name)), node, scope)


    def preprocess_call(self, ref: Ref, node: ast.Call, scope: list[dict]) -> object | None:
        """keras.applications.mobilenet_v2.preprocess_input(x) on a tensor: the operations Keras 3 records
        (x / 127.5 - 1), or x itself; None when it is not called on a tensor (data arrays: an ignored call)."""
        if len(node.args) != 1 or node.keywords or not isinstance(node.args[0], (ast.Name, ast.Attribute)):
            return None  # (read once: a call inside would be read again as the ignored call's argument)
        value = self.evaluate(node.args[0], scope)
        if not isinstance(value, Tensor):
            return None
        mode = PREPROCESS_MODES.get(ref.path[2] if len(ref.path) == 4 else "")
        if mode == "none":
            return value
        if mode == "tf":  # to [-1, 1]
            scaled = self.scalar_operator(ast.Div(), value, Val(127.5), node)
            return self.scalar_operator(ast.Sub(), scaled, Val(1.0), node)
        if mode == "caffe":  # RGB to BGR (three slices stacked), then minus each channel's ImageNet mean
            channels = [self.op_node("get_item", (value.ref,), {"key": _last_index(i)}, node) for i in (2, 1, 0)]
            bgr = self.op_node("stack", tuple(c.ref for c in channels), {"axis": Val(-1)}, node)
            return self.op_node("add", (bgr.ref,), {"constant": _numbers(CAFFE_MEAN, -1)}, node)
        if mode == "torch":  # to [0, 1], then minus each channel's mean, over its deviation
            scaled = self.scalar_operator(ast.Div(), value, Val(255.0), node)
            centred = self.op_node("add", (scaled.ref,), {"constant": _numbers(TORCH_MEAN, -1)}, node)
            return self.op_node("true_divide", (centred.ref,), {"constant": _numbers(TORCH_STD, 1)}, node)
        raise Refusal(node, "read.preprocess_mode", call=ref.dotted[:80])

    # -- layers.Lambda -------------------------------------------------------------------------------
    def make_lambda(self, node: ast.Call, scope: list[dict]) -> LambdaObj:
        """Lambda(function, output_shape=None, mask=None, arguments=None, name=...): the function is a lambda
        or a def of the code; it is read as the layer's call, on the tensors the layer is called on. With
        output_shape=, a function the reader cannot read becomes a box of that shape (lambda_call)."""
        arg_nodes = self.call_args(node, ("function", "output_shape", "mask", "arguments"), "Lambda")
        for key, arg in arg_nodes.items():
            if key not in ("function", "output_shape", "name"):
                raise Refusal(arg, "read.call_arg", arg=key)
        function = arg_nodes.get("function")
        given = arg_nodes.get("output_shape")
        func, refusal = None, None
        if isinstance(function, ast.Lambda):
            func = _lambda_function(function, scope)
            refusal = Refusal(function, "read.lambda") if func is None else None
        else:
            value = self.evaluate(function, scope) if function is not None else None
            if isinstance(value, Poison):
                raise Refusal(None, None)
            if isinstance(value, FuncObj):
                func = value
            else:
                refusal = Refusal(function or node, "read.lambda")
        if func is None and given is None:
            self.note(node, "info", "read.lambda_add_shape", name="Lambda")
            raise refusal
        name_node = arg_nodes.get("name")
        name_value = self.value_of(self.evaluate(name_node, scope), name_node) if name_node is not None else None
        return LambdaObj(func, self.claim(name_value, "lambda", node), node.lineno, node.col_offset, False, given,
                         refusal)

    def lambda_call(self, obj: LambdaObj, node: ast.Call, scope: list[dict]) -> Tensor:
        if obj.used:
            raise Refusal(node, "read.layer_reused", name=obj.name)
        if len(node.args) != 1 or node.keywords:
            raise Refusal(node, "read.not_a_tensor", code=source_text(node)[:80])
        obj.used = True
        first = self.evaluate(node.args[0], scope)
        if isinstance(first, Poison):
            raise Refusal(None, None)
        refs = self.tensor_refs(first, node.args[0])  # refuses what is not a tensor, with its note
        if obj.func is None:  # Lambda(tf.nn.l2_normalize, output_shape=...): only the given shape is known
            return self.given_box(obj, refs, node, scope, obj.refusal, None)
        saved = self.save_state()
        before, groups_before, noted = set(self.nodes), len(self.groups), len(self.notes)
        call = ast.Call(func=node.func, args=[Known(first, node.args[0])], keywords=[], **_where(node))
        try:
            result = self.inside_layer_call(first, lambda: self.def_call(obj.func, call, scope))
        except Refusal as refusal:
            if obj.output_shape is None:
                self.note(node, "info", "read.lambda_add_shape", name=obj.name)
                raise
            self.restore_state(saved)
            return self.given_box(obj, refs, node, scope, refusal, None)
        errors = [n for n in self.notes[noted:] if n.severity == "error"]  # its return line was refused
        if isinstance(result, Poison) or (errors and not isinstance(result, (Tensor, Seq))):
            if obj.output_shape is None:
                self.note(node, "info", "read.lambda_add_shape", name=obj.name)
                raise Refusal(None, None)
            self.restore_state(saved)
            return self.given_box(obj, refs, node, scope, errors[0] if errors else None, None)
        outputs = self.tensor_refs(result, node)
        members = self.members_since(before)
        if obj.output_shape is not None and len(outputs) == 1:  # Keras builds with output_shape, unchecked
            computed = self.node_shapes(outputs[0][0], node)[outputs[0][1] or 0]
            box = self.given_shape(obj, refs, node, scope)
            if tuple(box[1:]) != tuple(computed[1:]):
                self.restore_state(saved)
                return self.given_box(obj, refs, node, scope, None, computed)
        if not members:  # lambda x: x changes nothing: Keras still shows the row; the page shows the tensor
            raise Refusal(node, "read.lambda_identity", name=obj.name)
        self.close_group(GroupSpec(obj.name, "Lambda", "custom_layer", members, outputs, obj.line, obj.col),
                         groups_before)
        return Tensor(outputs[0]) if len(outputs) == 1 else Seq(tuple(Tensor(ref) for ref in outputs))

    # -- a shape given, not checked ----------------------------------------------------------------------
    def save_state(self) -> tuple:
        """What reading a function may change, to put back when its reading is dropped for a given shape."""
        return (len(self.notes), dict(self.nodes), len(self.groups), dict(self.uid), set(self.taken),
                self.layer_count, dict(self.objects), len(self.models))

    def restore_state(self, saved: tuple) -> None:
        notes, nodes, groups, uid, taken, count, objects, models = saved
        del self.notes[notes:]
        del self.groups[groups:]
        del self.models[models:]
        self.nodes.clear()
        self.nodes.update(nodes)
        self.uid, self.taken, self.layer_count, self.objects = uid, taken, count, objects
        self.shape_memo = {k: v for k, v in self.shape_memo.items() if k in nodes}

    def given_shape(self, obj: LambdaObj, refs: tuple, node: ast.AST, scope: list[dict]) -> tuple:
        """The output shape Keras builds the Lambda with: (B,) + output_shape, or what a function of the code
        given as output_shape returns for the input shape (Keras calls it on the shape, batch included)."""
        given = obj.output_shape
        in_shape = self.node_shapes(refs[0][0], node)[refs[0][1] or 0]
        value = _lambda_function(given, scope) if isinstance(given, ast.Lambda) else self.evaluate(given, scope)
        if value is None:
            raise Refusal(given, "read.lambda")
        if isinstance(value, Poison):
            raise Refusal(None, None)
        if isinstance(value, FuncObj):
            call = ast.Call(func=given, args=[Known(Val(tuple(Val(d) for d in in_shape)), given)], keywords=[],
                            **_where(given))
            return self.checked_shape(self.def_call(value, call, scope), in_shape, given, with_batch=True)
        return self.checked_shape(value, in_shape, given, with_batch=False)

    def checked_shape(self, value: object, in_shape: tuple, where: ast.AST, with_batch: bool) -> tuple:
        """A shape the code gives, checked: a tuple of sizes (from 1, or None), below the rank limit; with_batch:
        it starts with the batch axis (a function's result), else Keras adds the input's batch size in front."""
        shape = self.value_of(value, where).plain() if isinstance(value, Val) else None
        if isinstance(where, ast.List) or not isinstance(shape, tuple) or (with_batch and not shape):
            # Keras adds the batch axis with `(batch,) + output_shape`: a list or a number fails there
            raise Refusal(where, "read.lambda_output_shape", code=source_text(where)[:80])
        shape = shape[1:] if with_batch else shape
        ok, _ = check_value(given_kind().rule("output_shape"), shape)
        if not ok or len(shape) >= MAX_RANK:
            raise Refusal(where, "read.shape_bad", code=source_text(where)[:80])
        return (in_shape[0],) + tuple(shape)

    def given_node(self, name: str, label: str, origin: str, shape: tuple, refs: tuple, line: int, col: int,
                   node: ast.AST, weights: tuple = ()) -> Tensor:
        """A box of a shape the code gave (explorer/layers/given), as Keras builds the layer: its function unrun;
        weights: (name, shape) of each weight its build makes with add_weight."""
        if self.layer_count >= MAX_LAYERS:
            raise Refusal(node, "read.too_many_layers", limit=MAX_LAYERS)
        self.layer_count += 1
        args = (("label", label), ("origin", origin), ("output_shape", tuple(shape[1:])))
        if weights:
            args += (("weights", tuple(weights)),)
        self.nodes[name] = LayerSpec(name, given_kind().class_name, args, tuple(refs), line=line, col=col)
        return Tensor((name, None))

    @staticmethod
    def unread_place(why: object, line: int) -> tuple[int, str]:
        """Where reading a function stopped and the code there: a Refusal, or the note a line of its body left."""
        if isinstance(why, Refusal) and why.node is not None:
            return position(why.node)[0], source_text(why.node)[:60]
        if why is not None and not isinstance(why, Refusal):
            return why.line, next((v for k, v in why.params if k in ("call", "code")), "")
        return line, ""

    def given_box(self, obj: LambdaObj, refs: tuple, node: ast.AST, scope: list[dict], why: object,
                  computed: tuple | None) -> Tensor:
        """The Lambda as one box of its given shape, with a note that says why the page takes it unchecked:
        the function's call it cannot read (why: a Refusal or its note), or the shape the function gives
        (computed), which is not the one Keras builds the model with."""
        shape = self.given_shape(obj, refs, node, scope)
        tensor = self.given_node(obj.name, "Lambda", "output_shape", shape, refs, obj.line, obj.col, node)
        given = source_text(obj.output_shape)[:80]
        if computed is not None:
            self.note(node, "warning", "read.lambda_shape_differs", name=obj.name, given=given,
                      keras=shape_text(shape), computed=shape_text(computed))
        else:
            line, code = self.unread_place(why, obj.line)
            self.note(node, "warning", "read.lambda_given", name=obj.name, given=given, shape=shape_text(shape),
                      line=line, code=code or "…")
        return tensor


__all__ = ["LambdaObj", "TensorOps"]
