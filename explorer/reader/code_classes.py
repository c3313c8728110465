"""The code reader's classes, read as data: a subclassed `keras.Model` and a custom `keras.layers.Layer`
built only from known layers.

`class TransformerBlock(layers.Layer)` is recorded with its methods (never run by Python): making an
instance runs `__init__` in the reader with `self` an object whose attributes are what `__init__` sets
(layers, lists of layers, numbers); calling the instance runs `call(self, inputs, ...)`, whose layer calls
become layers of the flat graph, grouped under the instance's name as Keras counts them (GroupSpec). A
subclassed model gets its input from `model.build(shape)`, from a call on a `keras.Input`, or not at all
(a note says where the shape is missing). A class that makes its own weights (`self.add_weight`) or whose
base is not a Keras Layer or Model is refused with its line and reason.
"""
from __future__ import annotations

import ast
import builtins
import math
from dataclasses import dataclass, field

from ..description import shape_text
from ..spec import GroupSpec, InputSpec
from .code_base import ReaderBase
from .code_names import Ref, snake_case
from .code_tensors import LambdaObj
from .code_values import (FuncObj, Ignored, Known, LayerObj, ModelObj, Poison, Refusal, Seq, Tensor, Val,
                          source_text)

_DECORATORS = ("register_keras_serializable",)  # decorators that only register a class for saving


@dataclass
class ClassObj:
    """A class of the code whose base is a Keras Layer or Model (or such a class of the code)."""

    node: ast.ClassDef
    base: str  # "layer" | "model"
    methods: dict[str, FuncObj]
    attrs: dict = field(default_factory=dict)


@dataclass
class InstanceObj:
    """An instance of a class of the code: the attributes its __init__ set."""

    cls: ClassObj
    name: str
    line: int
    col: int
    attrs: dict = field(default_factory=dict)
    model: ModelObj | None = None  # a subclassed model: what the reader's finish step reads
    called: bool = False
    weights: list | None = None  # while its build is read for a box of a given shape: (name, shape) per add_weight

    def find(self, name: str) -> object | None:
        if name in self.attrs:
            return self.attrs[name]
        if name in self.cls.attrs:
            return self.cls.attrs[name]
        if name in self.cls.methods:
            return BoundMethod(self, self.cls.methods[name])
        return None


@dataclass(frozen=True)
class BoundMethod:
    instance: InstanceObj
    func: FuncObj


@dataclass(frozen=True)
class UnreadClass:
    """A class whose base is not a Keras Layer or Model: creating one is refused where it happens."""

    line: int
    name: str
    base: str


@dataclass(frozen=True)
class SuperObj:
    """super() inside a method: its __init__, build and get_config change nothing the reader shows."""

    instance: object


class Classes(ReaderBase):
    def define_class(self, stmt: ast.ClassDef, scope: list[dict]) -> None:
        for decorator in stmt.decorator_list:
            target = decorator.func if isinstance(decorator, ast.Call) else decorator
            if not (isinstance(target, (ast.Attribute, ast.Name))
                    and (getattr(target, "attr", None) or getattr(target, "id", "")) in _DECORATORS):
                raise Refusal(stmt, "read.class_form", name=stmt.name)
        if stmt.keywords or len(stmt.bases) != 1:
            raise Refusal(stmt, "read.class_form", name=stmt.name)
        base_node = stmt.bases[0]
        if isinstance(base_node, ast.Name) and hasattr(builtins, base_node.id) and not any(
                base_node.id in names for names in scope):  # class A(object), class A(dict)...
            raise Refusal(base_node, "read.class_base", name=stmt.name, base=base_node.id)
        base = self.evaluate(base_node, scope)
        if isinstance(base, Poison):
            raise Refusal(None, None)
        methods: dict[str, FuncObj] = {}
        attrs: dict = {}
        if isinstance(base, ClassObj):
            kind, methods, attrs = base.base, dict(base.methods), dict(base.attrs)
        elif isinstance(base, Ref) and base.path[-1] == "Layer" and base.path[:2] == ("keras", "layers"):
            kind = "layer"
        elif isinstance(base, Ref) and base.path[-1] in ("Model", "Functional") and base.path[0] == "keras":
            kind = "model"
        else:  # a Regularizer, a Callback...: refused where it is used, so an unused one costs nothing
            base_text = source_text(stmt.bases[0])[:80]
            self.note(stmt, "info", "read.class_not_read", name=stmt.name, base=base_text)
            scope[0][stmt.name] = UnreadClass(stmt.lineno, stmt.name, base_text)
            return
        for item in stmt.body:
            self.step(item)
            if isinstance(item, ast.FunctionDef) and not item.decorator_list:
                methods[item.name] = FuncObj(item, self.defaults_of(item, scope), outer=[self.globals])
            elif isinstance(item, ast.Assign) and all(isinstance(t, ast.Name) for t in item.targets):
                value = self.eval_quiet(item.value, scope)
                attrs.update({t.id: value for t in item.targets})
            elif isinstance(item, ast.Pass) or (isinstance(item, ast.Expr) and isinstance(item.value, ast.Constant)):
                continue
            else:
                self.note(item, "info", "read.class_item_ignored", name=stmt.name)
        scope[0][stmt.name] = ClassObj(stmt, kind, methods, attrs)

    # -- instances --------------------------------------------------------------------------------------
    def instantiate(self, cls: ClassObj, node: ast.Call, scope: list[dict]) -> InstanceObj:
        given = next((k.value for k in node.keywords if k.arg == "name"), None)
        name_value = self.value_of(self.evaluate(given, scope), given) if given is not None else None
        name = self.claim(name_value, snake_case(cls.node.name), node)
        instance = InstanceObj(cls, name, node.lineno, node.col_offset)
        if cls.base == "model":
            instance.model = ModelObj("functional", name, node.lineno, node.col_offset, label=cls.node.name,
                                      what="subclassed_model", instance=instance)
            self.models.append(instance.model)
            self.model_calls += 1
        init = cls.methods.get("__init__")
        if init is not None:
            self.method_call(instance, init, node, scope)
        elif node.args or any(k.arg != "name" for k in node.keywords):
            raise Refusal(node, "read.def_call_args", name=cls.node.name)
        return instance

    methods_open = 0  # > 0 while a method of a class of the code is read (what it makes belongs to the class)

    def method_call(self, instance: InstanceObj, func: FuncObj, node: ast.Call, scope: list[dict]) -> object:
        """A method run with `self` bound to the instance."""
        call = ast.Call(func=node.func, args=[Known(instance, node)] + list(node.args), keywords=node.keywords,
                        lineno=node.lineno, col_offset=node.col_offset)
        self.methods_open += 1
        try:
            return self.def_call(func, call, scope)
        finally:
            self.methods_open -= 1

    def instance_call(self, instance: InstanceObj, node: ast.Call, scope: list[dict]) -> object:
        """block(x) / model(inputs): its `call` runs on these tensors; its layers become one group."""
        if instance.called:
            raise Refusal(node, "read.nested_model_twice", model=instance.name)
        call = instance.cls.methods.get("call")
        if call is None:
            raise Refusal(node, "read.class_no_call", name=instance.cls.node.name)
        instance.called = True
        first = self.evaluate(node.args[0], scope) if node.args else None  # once: model(keras.Input(...))
        if isinstance(first, Poison):  # its input could not be read (a note says so): nor can its call
            raise Refusal(None, None)
        if node.args:
            node = ast.Call(func=node.func, args=[Known(first, node.args[0])] + list(node.args[1:]),
                            keywords=node.keywords, lineno=node.lineno, col_offset=node.col_offset)
        self.check_compute_mask(instance, node, first, scope)
        before = set(self.nodes)
        groups_before = len(self.groups)
        shape_method = instance.cls.methods.get("compute_output_shape") if instance.model is None else None
        saved, noted = self.save_state(), len(self.notes)
        try:
            result = self.inside_layer_call(first, lambda: self.method_call(instance, call, node, scope))
        except Refusal as refusal:
            if shape_method is None or not _no_sublayers(instance):
                self.add_shape_hint(instance, shape_method, node)
                raise
            self.restore_state(saved)
            return self.custom_given(instance, shape_method, first, node, scope, refusal)
        why = next((n for n in self.notes[noted:] if n.severity == "error"), None)  # a line of call was refused
        if isinstance(result, Poison) or (why is not None and not isinstance(result, (Tensor, Seq))):
            if shape_method is None or not _no_sublayers(instance):
                self.add_shape_hint(instance, shape_method, node)
                raise Refusal(None, None)
            self.restore_state(saved)
            return self.custom_given(instance, shape_method, first, node, scope, why)
        outputs = self.tensor_refs(result, node)
        what = "subclassed_model" if instance.model is not None else "custom_layer"
        self.close_group(GroupSpec(instance.name, instance.cls.node.name, what, self.members_since(before), outputs,
                                   instance.line, instance.col), groups_before)
        if instance.model is not None:
            inputs = self.tensor_refs(first, node) if first is not None else ()
            if inputs and all(isinstance(self.nodes.get(ref[0]), InputSpec) for ref in inputs):
                instance.model.inputs = tuple(dict.fromkeys(ref[0] for ref in inputs))
                instance.model.outputs = outputs
                instance.model.keras_knows_input = True
        return result if not isinstance(result, Seq) else Seq(tuple(Tensor(ref) for ref in outputs))

    def check_compute_mask(self, instance: InstanceObj, node: ast.Call, first: object, scope: list[dict]) -> None:
        """Keras 3 runs a layer's compute_mask on the symbolic tensors of the model it builds, outside the layer's
        call: a TensorFlow function there stops Keras at this layer (\"A KerasTensor cannot be used as input to a
        TensorFlow function\"). Read it as Keras runs it; what it makes is a mask, not a layer: dropped."""
        method = instance.cls.methods.get("compute_mask")
        if method is None or instance.model is not None or not isinstance(first, Tensor):
            return
        saved = self.save_state()
        try:
            self.method_call(instance, method, node, scope)
            refusal = next((n for n in self.notes[saved[0]:] if n.key == "read.tf_on_keras_tensor"), None)
        except Refusal as error:
            refusal = error if error.key == "read.tf_on_keras_tensor" else None
        self.restore_state(saved)
        if refusal is not None:
            line, _code = self.unread_place(refusal, node.lineno)
            raise Refusal(node, "read.compute_mask_tf", name=instance.name, cls=instance.cls.node.name, line=line,
                          call=dict(refusal.params).get("call", ""))

    def add_shape_hint(self, instance: InstanceObj, shape_method: FuncObj | None, node: ast.Call) -> None:
        """What would let the page show the rest of the model: a compute_output_shape method, for a custom layer
        without weights (one with weights cannot be a box: what they hold depends on the call)."""
        if instance.model is None and shape_method is None and _no_sublayers(instance):
            self.note(node, "info", "read.custom_add_shape", name=instance.name, cls=instance.cls.node.name)

    def custom_given(self, instance: InstanceObj, method: FuncObj, first: object, node: ast.Call, scope: list[dict],
                     why: object) -> Tensor:
        """A custom layer without weights whose call the reader cannot read, and whose compute_output_shape it can:
        Keras builds the model with that method's shape, without running call; the page shows the same box."""
        refs = self.tensor_refs(first, node)
        in_shape = self.node_shapes(refs[0][0], node)[refs[0][1] or 0]
        shape_call = ast.Call(func=node.func, args=[Known(Val(tuple(Val(d) for d in in_shape)), node)], keywords=[],
                              lineno=node.lineno, col_offset=node.col_offset)
        value = self.method_call(instance, method, shape_call, scope)
        shape = self.checked_shape(value, in_shape, method.node, with_batch=True)
        weights = self.build_weights(instance, shape_call, scope)
        tensor = self.given_node(instance.name, instance.cls.node.name, "compute_output_shape", shape, refs,
                                 instance.line, instance.col, node, weights)
        line, code = self.unread_place(why, node.lineno)
        self.note(node, "warning", "read.custom_given", name=instance.name, cls=instance.cls.node.name,
                  shape=shape_text(shape), line=line, code=code or "…",
                  params=f"{sum(math.prod(w) for _, w in weights):,}")
        return tensor

    def build_weights(self, instance: InstanceObj, shape_call: ast.Call, scope: list[dict]) -> tuple:
        """The weights a custom layer's build makes (`self.W = self.add_weight(shape=(input_shape[-1], 1))`), read
        on the input shape as Keras calls build: (name, shape) in the order Keras lists them. A build the reader
        cannot read leaves the weights unknown: refused, since a box must count them."""
        build = instance.cls.methods.get("build")
        if build is None:
            return ()
        instance.weights, noted = [], len(self.notes)
        try:
            self.method_call(instance, build, shape_call, scope)
            weights = tuple(instance.weights)
        finally:
            instance.weights = None
        if len(self.notes) > noted:  # a line of build was not read: a weight may be missing or unknown
            line = self.notes[noted].line
            del self.notes[noted:]
            raise Refusal(shape_call, "read.custom_build", name=instance.name, cls=instance.cls.node.name, line=line)
        return weights

    def add_weight(self, instance: InstanceObj, node: ast.Call, scope: list[dict]) -> object:
        """self.add_weight(name=..., shape=...) while build is read for a box: its shape, known or refused."""
        arg_nodes = self.call_args(node, ("shape", "initializer", "dtype", "trainable", "autocast",
                                          "regularizer", "constraint", "aggregation", "overwrite_with_gradient",
                                          "name"), "add_weight")
        shape_node = arg_nodes.get("shape")
        if shape_node is None:  # Keras's default shape is () : a scalar
            shape: tuple = ()
        else:
            entries = self.shape_value(shape_node, scope)
            shape = tuple(e.value for e in entries)
            if any(type(size) is not int for size in shape):
                raise Refusal(shape_node, "read.shape_bad", code=source_text(shape_node)[:80])
        name_node = arg_nodes.get("name")
        name = self.value_of(self.evaluate(name_node, scope), name_node).value if name_node is not None else None
        instance.weights.append((name if isinstance(name, str) else f"variable_{len(instance.weights)}", shape))
        return Ignored(node.lineno)

    def instance_attribute(self, instance: InstanceObj, node: ast.Attribute) -> object:
        found = instance.find(node.attr)
        if found is None:
            if node.attr in ("add_weight", "add_variable"):
                raise Refusal(node, "read.custom_weights", name=instance.cls.node.name)
            raise Refusal(node, "read.attribute", code=source_text(node)[:80])
        return found

    def instance_method(self, instance: InstanceObj, method: str, node: ast.Call, scope: list[dict]) -> object:
        """model.build(shape), model.summary(), self.helper(x)..."""
        found = instance.find(method)
        if isinstance(found, BoundMethod):
            return self.method_call(instance, found.func, node, scope)
        if method == "build" and instance.model is not None:
            shape = node.args[0] if node.args else next((k.value for k in node.keywords if k.arg == "input_shape"),
                                                         None)
            if shape is None:
                raise Refusal(node, "read.input_shape_missing")
            entries = self.shape_value(shape, scope, with_batch=True)
            spec = InputSpec(self.auto_name("input_layer"), tuple(e.value for e in entries[1:]), "float32",
                             entries[0].value if type(entries[0].value) is int else None, node.lineno,
                             node.col_offset, tuple(e.text for e in entries[1:]))
            self.taken.add(spec.name)
            self.nodes[spec.name] = spec
            fake = ast.Call(func=node.func, args=[Known(Tensor((spec.name, None)), node)], keywords=[],
                            lineno=node.lineno, col_offset=node.col_offset)
            self.instance_call(instance, fake, scope)
            instance.model.inputs = (spec.name,)
            return Ignored(node.lineno)
        if method in ("add_weight", "add_variable"):
            if instance.weights is not None:  # its build, read for a box of a given shape
                return self.add_weight(instance, node, scope)
            raise Refusal(node, "read.custom_weights", name=instance.cls.node.name)
        ignored = self.ignored_method(method, node, scope)
        if ignored is not None:
            return ignored
        raise Refusal(node, "read.model_method", method=method)

    def defaults_of(self, stmt: ast.FunctionDef, scope: list[dict]) -> dict[str, object]:
        args = stmt.args
        defaults: dict[str, object] = {}
        positional = args.posonlyargs + args.args
        pairs = list(zip(positional[len(positional) - len(args.defaults):], args.defaults))
        pairs += [(arg, default) for arg, default in zip(args.kwonlyargs, args.kw_defaults) if default is not None]
        for arg, default in pairs:
            value = self.eval_quiet(default, scope)
            if isinstance(value, Val) and len(scope) == 1:  # def build(vocab_size=10000): a sidebar control too
                value = self.default_constant(arg.arg, default, value)
            defaults[arg.arg] = value
        return defaults


def _no_sublayers(instance: InstanceObj) -> bool:
    """Whether an instance of a custom layer holds no layer or model among what its __init__ set (in lists, tuples
    and dicts too): its weights are then only those its build makes with add_weight, which the reader can read."""
    stack = list(instance.attrs.values())
    while stack:
        value = stack.pop()
        if isinstance(value, (LayerObj, ModelObj, InstanceObj, LambdaObj)):
            return False
        if isinstance(value, Seq):
            stack.extend(value.items)
        elif isinstance(value, Val) and isinstance(value.value, (tuple, list)):
            stack.extend(value.value)
        elif isinstance(value, Val) and isinstance(value.value, dict):
            stack.extend(value.value.values())
    return True


__all__ = ["BoundMethod", "ClassObj", "Classes", "InstanceObj", "SuperObj", "UnreadClass"]
