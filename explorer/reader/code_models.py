"""The code reader's models: `Sequential([...])` and `model.add(...)` (a layer that cannot be read
cuts the model there), `keras.Model(inputs, outputs)` over the graph of layer calls, the methods
called on a model (`add`, `build`, `fit`, `summary`... most of them ignored), and at the end the
ModelSpec of the last model the code makes, with the constants that feed it."""
from __future__ import annotations

import ast
from dataclasses import dataclass, replace

from ..shapes import layer_output_shapes
from ..spec import Constant, GroupSpec, InputSpec, LayerSpec, ModelSpec, Note, ReadResult, TensorRef
from .code_base import NAME_OK, ReaderBase
from .code_builtins import bounded
from .code_limits import MAX_NAME
from .code_classes import InstanceObj
from .code_tensors import LambdaObj
from .code_data import TRAINING_METHODS
from .backbones import Refused, read_backbone
from .code_inputs import typed_input
from .code_values import (Ignored, InputLayerObj, Known, Val, LayerObj, ModelObj, Poison, Refusal, Seq, Tensor, deps_of,
                          source_text)



@dataclass(frozen=True)
class FirstCall:
    """A model's first call as a layer of another: the tensors it was called on, its members' nodes, the tensors
    that left it, and its groups (its own last), which its later calls repeat with weights shared."""

    refs: tuple[TensorRef, ...]
    specs: tuple[LayerSpec, ...]
    outputs: tuple[TensorRef, ...]
    groups: tuple[GroupSpec, ...]


@dataclass(frozen=True)
class LayerHandle:
    """A layer of a model reached through the model (model.layers[i], model.get_layer("block_13")): its
    output can be taken, and setting its attributes (trainable) changes no shape."""

    name: str


class Models(ReaderBase):
    # -- Sequential -------------------------------------------------------------------------------
    def make_sequential(self, node: ast.Call, scope: list[dict]) -> ModelObj:
        self.model_calls += 1
        arg_nodes = self.call_args(node, ("layers", "trainable", "name"), "Sequential")
        for name, arg in arg_nodes.items():
            if name not in ("layers", "name"):
                raise Refusal(arg, "read.model_arg", arg=name)
        name = self.model_name(arg_nodes.get("name"), "sequential", scope)
        model = ModelObj("sequential", name, node.lineno, node.col_offset, owned=self.methods_open > 0)
        self.models.append(model)
        items = arg_nodes.get("layers")
        if isinstance(items, (ast.List, ast.Tuple)):
            for item in items.elts:
                if isinstance(item, ast.Starred):  # Sequential([*blocks, head])
                    self.seq_add_many(model, item, scope)
                else:
                    self.seq_add(model, item, scope)
        elif items is not None and not (isinstance(items, ast.Constant) and items.value is None):
            value = self.evaluate(items, scope)
            if isinstance(value, Seq):
                for item in value.items:
                    self.seq_add_value(model, item, items)
            else:
                self.seq_add_value(model, value, items)
        return model

    def model_name(self, node: ast.expr | None, prefix: str, scope: list[dict]) -> str:
        if node is not None:
            value = self.value_of(self.evaluate(node, scope), node)
            if isinstance(value.value, str) and NAME_OK.fullmatch(value.value):
                return value.value
            self.note(node, "error", "read.name_bad", limit=MAX_NAME)
        return self.auto_name(prefix)

    def seq_add_many(self, model: ModelObj, node: ast.Starred, scope: list[dict]) -> None:
        try:
            value = self.evaluate(node.value, scope)
            items = bounded(value, node, self.step) if not isinstance(value, Poison) else [value]
        except Refusal as refusal:
            self.refused(refusal, node)
            items = [Poison(node.lineno)]
        for item in items:
            self.seq_add_value(model, item, node)

    def seq_add(self, model: ModelObj, node: ast.expr, scope: list[dict]) -> None:
        """One entry of Sequential([...]) or model.add(...): a refusal cuts the model there."""
        if model.cut:
            return
        try:
            value = self.evaluate(node, scope)
        except Refusal as refusal:
            self.refused(refusal, node)
            value = Poison(node.lineno)
        self.seq_add_value(model, value, node)

    def seq_add_value(self, model: ModelObj, value: object, node: ast.AST) -> None:
        if model.cut:
            return
        try:
            self.seq_accept(model, value, node)
        except Refusal as refusal:
            self.refused(refusal, node)
            value = Poison(node.lineno)
        if isinstance(value, Poison):
            model.cut = True
            self.note(node, "warning", "read.model_cut", model=model.name)

    def seq_accept(self, model: ModelObj, value: object, node: ast.AST) -> None:
        if isinstance(value, Poison):
            return
        first = not model.layers and model.input is None
        if isinstance(value, (Tensor, InputLayerObj)):
            spec = self.nodes.get(value.ref[0]) if isinstance(value, Tensor) else value.spec
            if not first or not isinstance(spec, InputSpec):
                raise Refusal(node, "read.seq_input_position")
            model.input, model.keras_knows_input = spec, True
            return
        if isinstance(value, ModelObj):
            self.claim_nested(value, model, node)
            inner_input = value.input if value.style == "sequential" else (
                self.nodes[value.inputs[0]] if len(value.inputs) == 1 else None)
            if first and inner_input is not None:  # the outer model gets an input of its own, of that shape
                name = self.auto_name("input_layer")
                self.taken.add(name)
                model.input = replace(inner_input, name=name)
                model.keras_knows_input = value.keras_knows_input
            model.layers.append(value)
            return
        if isinstance(value, (InstanceObj, LambdaObj)):  # a custom or Lambda layer: its call runs at build time
            if getattr(value, "called", False) or getattr(value, "used", False) or value in model.layers:
                raise Refusal(node, "read.nested_model_twice", model=value.name)
            model.layers.append(value)
            return
        if not isinstance(value, LayerObj):
            raise Refusal(node, "read.not_a_layer", code=source_text(node)[:80])
        if value.used:
            raise Refusal(node, "read.layer_reused", name=value.name)
        value.used = True
        hints = value.all_hints()
        if first and hints:
            self.input_from_hints(model, value, hints)
        else:
            for hint in hints:
                self.hint_dropped(hint)
        model.layers.append(value)

    # -- a model used as a layer -----------------------------------------------------------------
    def claim_nested(self, inner: ModelObj, outer: ModelObj | None, node: ast.AST) -> None:
        """A model becomes a layer of another: once (called twice, it would share its layers)."""
        if inner is outer or inner.nested:
            raise Refusal(node, "read.nested_model_twice", model=inner.name)
        if inner.cut:
            raise Refusal(node, "read.nested_model_cut", model=inner.name)
        inner.nested = True

    def model_call(self, model: ModelObj, node: ast.Call, scope: list[dict]) -> Tensor | Seq:
        """data_augmentation(inputs), encoder(x): the model's layers run on these tensors, as one group."""
        arg_nodes = self.call_args(node, ("inputs", "training", "mask"), model.name)
        if "inputs" not in arg_nodes:
            raise Refusal(node, "read.not_a_tensor", code=source_text(node)[:80])
        for name in arg_nodes:
            if name != "inputs":
                self.note(arg_nodes[name], "info", "read.call_arg_ignored", arg=name)
        refs = self.tensor_refs(self.evaluate(arg_nodes["inputs"], scope), arg_nodes["inputs"])
        if isinstance(model.first_call, FirstCall):  # called again: its layers are called again (shared weights)
            specs, outputs = self.call_again(model, model.first_call, refs, node)
        else:
            self.claim_nested(model, None, node)
            groups_before = {g.name for g in self.groups}
            specs, outputs = self.expand_model(model, refs, node)
            members = {spec.name for spec in specs}
            groups = tuple(g for g in self.groups if g.name not in groups_before or set(g.members) <= members)
            model.first_call = FirstCall(refs, tuple(specs), outputs, groups)
        for spec in specs:
            self.nodes.pop(spec.name, None)
            self.nodes[spec.name] = spec
        if len(outputs) == 1:
            return Tensor(outputs[0])
        return Seq(tuple(Tensor(ref) for ref in outputs))

    def call_again(self, model: ModelObj, first: FirstCall, refs: tuple[TensorRef, ...], node: ast.AST
                   ) -> tuple[list[LayerSpec], tuple[TensorRef, ...]]:
        """A later call of a model used as a layer (a Siamese network's tower): Keras calls the same layers again,
        on these tensors. Each member of the first call gets a node of this call (`dense[1]`) that shares its
        weights, and each group of the first call a group of this call that says so."""
        if len(refs) != len(first.refs) or len(set(first.refs)) != len(first.refs):
            raise Refusal(node, "read.nested_model_inputs", model=model.name, count=len(first.refs))
        feed = dict(zip(first.refs, refs))
        names = {}
        for spec in first.specs:
            names[spec.name] = self.later_call(spec.name)
            self.nodes[names[spec.name]] = spec  # holds the name while the others are chosen
        for group in first.groups:
            names[group.name] = self.later_call(group.name)
            self.groups.append(replace(group, name=names[group.name]))

        def swap(refs: tuple[TensorRef, ...]) -> tuple[TensorRef, ...]:
            return tuple((names[n], i) if n in names else feed[(n, i)] for n, i in refs)

        try:
            specs = [replace(spec, name=names[spec.name], inputs=swap(spec.inputs), states=swap(spec.states),
                             shares=spec.shares or spec.name, line=node.lineno, col=node.col_offset)
                     for spec in first.specs]
        except KeyError:  # a member reads a tensor that is neither the model's input nor a member's
            raise Refusal(node, "read.nested_model_twice", model=model.name) from None
        finally:
            for spec in first.specs:
                self.nodes.pop(names[spec.name], None)
            self.groups = [g for g in self.groups if g.name not in names.values()]
        for group in first.groups:
            self.groups.append(replace(group, name=names[group.name], members=tuple(names[m] for m in group.members),
                                       outputs=swap(group.outputs), parent=names.get(group.parent, ""),
                                       shares=group.shares or group.name, line=node.lineno, col=node.col_offset))
        return specs, swap(first.outputs)

    def expand_model(self, model: ModelObj, refs: tuple[TensorRef, ...], node: ast.AST
                     ) -> tuple[list[LayerSpec], tuple[TensorRef, ...]]:
        """The model's layers as members of the flat graph, fed by `refs`, and the tensors that leave it;
        its group is recorded (inner groups first)."""
        if model.style == "sequential":
            if len(refs) != 1:
                raise Refusal(node, "read.nested_model_inputs", model=model.name, count=1)
            specs, outputs = self.chain(model.layers, refs[0], node, model.name)
        else:
            if len(refs) != len(model.inputs):
                raise Refusal(node, "read.nested_model_inputs", model=model.name, count=len(model.inputs))
            specs, outputs = self.rewire(model, dict(zip(model.inputs, refs)))
        members = tuple(spec.name for spec in specs)
        for group in self.groups:
            if not group.parent and set(group.members) <= set(members):
                self.groups[self.groups.index(group)] = replace(group, parent=model.name)
        self.groups.append(GroupSpec(model.name, model.label, model.what, members, outputs, model.line, model.col))
        return specs, outputs

    def chain(self, entries: list, ref: TensorRef, node: ast.AST, model_name: str = ""
              ) -> tuple[list[LayerSpec], tuple[TensorRef, ...]]:
        """A Sequential's entries one after the other from `ref`: layers, and models expanded in place."""
        specs: list[LayerSpec] = []
        previous = ref
        for entry in entries:
            if isinstance(entry, ModelObj):
                inner, outputs = self.expand_model(entry, (previous,), node)
                specs += inner
                previous = outputs[0] if len(outputs) == 1 else (outputs[0][0], None)
            elif isinstance(entry, (InstanceObj, LambdaObj)):
                line, col = entry.line, entry.col  # where the layer was made: its notes point there
                call = ast.Call(func=ast.Name(id=entry.name, lineno=line, col_offset=col),
                                args=[Known(Tensor(previous), ast.Name(id="", lineno=line, col_offset=col))],
                                keywords=[], lineno=line, col_offset=col)
                before = set(self.nodes)
                try:
                    if isinstance(entry, LambdaObj):
                        result = self.lambda_call(entry, call, [self.globals])
                    else:
                        result = self.instance_call(entry, call, [self.globals])
                except Refusal as refusal:  # its call could not be read: the model is shown up to it, with the note
                    where = ast.Name(id="", lineno=entry.line, col_offset=entry.col)
                    self.refused(refusal, where)
                    self.note(where, "warning", "read.model_cut", model=model_name)
                    break
                specs += [self.nodes[name] for name in self.members_since(before)]  # its group's, or a given box
                refs = self.tensor_refs(result, call)
                previous = refs[0] if len(refs) == 1 else (refs[0][0], None)
            else:
                specs.append(entry.to_spec((previous,)))
                self.pending[entry.name] = specs[-1]  # a shape read in a later custom layer's call needs it
                previous = (entry.name, None)
        return specs, (previous,)

    def rewire(self, model: ModelObj, feed: dict[str, TensorRef]) -> tuple[list[LayerSpec], tuple[TensorRef, ...]]:
        """A functional model's layers with its own inputs replaced by the tensors it is called on."""
        needed = self.needed_nodes(model.outputs)
        specs = []
        for name, spec in list(self.nodes.items()):
            if name in needed and isinstance(spec, LayerSpec):
                swap = lambda refs: tuple(feed.get(n, (n, i)) for n, i in refs)
                specs.append(replace(spec, inputs=swap(spec.inputs), states=swap(spec.states)))
        outputs = tuple(feed.get(n, (n, i)) if n in feed else (n, i) for n, i in model.outputs)
        return specs, outputs

    def needed_nodes(self, outputs: tuple[TensorRef, ...]) -> set[str]:
        needed: set[str] = set()
        stack = [ref[0] for ref in outputs]
        while stack:
            name = stack.pop()
            if name in needed:
                continue
            needed.add(name)
            spec = self.nodes[name] if name in self.nodes else self.pending[name]
            if isinstance(spec, LayerSpec):
                stack.extend(ref[0] for ref in spec.inputs + spec.states)
                if spec.shares:  # a later call needs the layer its first call built (and that call's shapes)
                    stack.append(spec.shares)
        return needed

    # -- keras.applications backbones and what a model gives back -------------------------------
    def make_backbone(self, function: str, node: ast.Call, scope: list[dict]) -> ModelObj:
        """MobileNetV2(input_shape=..., include_top=False, weights="imagenet"): Keras's own architecture, built
        with weights=None by explorer.reader.backbones, as a functional model of the flat graph."""
        positional, keywords = [], {}
        feed: Tensor | None = None
        for arg in node.args:
            positional.append(self.value_of(self.evaluate(arg, scope), arg).plain())
        for keyword in node.keywords:
            value = self.evaluate(keyword.value, scope)
            if keyword.arg == "input_tensor" and isinstance(value, Tensor):  # the backbone starts at this tensor
                feed = value
                continue
            keywords[keyword.arg] = self.value_of(value, keyword.value).plain()
        if feed is not None and "input_shape" not in keywords:
            keywords["input_shape"] = self.shape_of(feed, node).plain()[1:]
        built = read_backbone(function, keywords, frozenset(self.taken), tuple(positional))
        for note in built.notes:
            self.notes.append(replace(note, line=node.lineno, col=node.col_offset))
        if isinstance(built, Refused):
            raise Refusal(None, None)
        renames = {}
        if feed is not None:  # input_tensor=: Keras's model runs from the inputs that tensor comes from
            upstream = self.needed_nodes((feed.ref,))
            sources = tuple(n for n, spec in self.nodes.items() if n in upstream and isinstance(spec, InputSpec))
            swap = lambda refs: tuple(feed.ref if n == built.inputs[0].name else (n, i) for n, i in refs)
        else:
            for spec in built.inputs:  # Keras names the backbone's input from its own counter
                renames[spec.name] = self.auto_name("input_layer")
                self.taken.add(renames[spec.name])
            swap = lambda refs: tuple((renames.get(n, n), i) for n, i in refs)
            sources = tuple(renames[s.name] for s in built.inputs)
            for spec in built.inputs:
                self.nodes[renames[spec.name]] = replace(spec, name=renames[spec.name], line=node.lineno,
                                                         col=node.col_offset)
        for spec in built.layers:
            self.taken.add(spec.name)
            self.nodes[spec.name] = replace(spec, inputs=swap(spec.inputs), line=node.lineno, col=node.col_offset)
        self.taken.add(built.group.name)
        self.model_calls += 1
        model = ModelObj("functional", built.group.name, node.lineno, node.col_offset,
                         inputs=sources, outputs=swap(built.outputs),
                         keras_knows_input=True, label=built.group.label, what="backbone")
        self.models.append(model)
        return model

    def model_attribute(self, owner: object, node: ast.Attribute) -> object:
        """model.output, model.input, model.layers, layer.output (after get_layer or model.layers[i])."""
        attr = node.attr
        if isinstance(owner, LayerHandle):
            if attr == "output":
                return Tensor((owner.name, None))
            raise Refusal(node, "read.attribute", code=source_text(node)[:80])
        if owner.style == "sequential" and attr == "layers":  # data_augmentation.layers[0].adapt(x_train)
            return Seq(tuple(owner.layers))
        if owner.style != "functional" or not owner.inputs:
            raise Refusal(node, "read.attribute", code=source_text(node)[:80])
        if attr in ("input", "inputs", "output", "outputs"):
            refs = tuple((n, None) for n in owner.inputs) if attr.startswith("input") else owner.outputs
            if attr in ("input", "output") and len(refs) == 1:
                return Tensor(refs[0])
            return Seq(tuple(Tensor(r) for r in refs))
        if attr == "layers":
            needed = self.needed_nodes(owner.outputs)
            return Seq(tuple(LayerHandle(n) for n in self.nodes if n in needed))
        raise Refusal(node, "read.attribute", code=source_text(node)[:80])

    # -- static shape reads: x.shape[-1], K.int_shape(x), keras.ops.shape(x) ----------------------
    def shape_of(self, tensor: Tensor, node: ast.AST) -> Val:
        """The tensor's shape as Keras knows it while the model is built (None where it is not known),
        worked out weight-free from the layers read so far."""
        name, index = tensor.ref
        outs = self.node_shapes(name, node)
        if index is None and len(outs) != 1:
            raise Refusal(node, "read.subscript")
        shape = outs[index or 0]
        self.last_shape_read = (name, index)
        return Val(tuple(Val(d) for d in shape))

    def output_count(self, tensor: Tensor) -> int | None:
        """How many tensors a node gives (an LSTM with return_state: 3), None where its shapes are not known."""
        try:
            return len(self.node_shapes(tensor.ref[0], None))
        except Refusal:
            return None

    def node_shapes(self, name: str, node: ast.AST | None) -> tuple:
        """A node's output shapes, worked out weight-free from the layers read so far (memoised), each node
        after the nodes it reads (a Sequential's layers may wait in `pending` while a custom layer's call is read)."""
        stack = [(name, False)]
        while stack:
            current, ready = stack.pop()
            spec = self.nodes[current] if current in self.nodes else self.pending[current]
            if self.shape_memo.get(current, (None,))[0] is spec:
                continue
            parents = [] if isinstance(spec, InputSpec) else [ref[0] for ref in spec.inputs]
            if not ready:
                stack.append((current, True))
                stack += [(parent, False) for parent in parents]
                continue
            self.step(node)
            if isinstance(spec, InputSpec):
                shapes = ((spec.batch_size,) + tuple(spec.shape),)
            else:
                in_shapes = []
                for parent, i in spec.inputs:
                    outs = self.shape_memo[parent][1]
                    in_shapes += list(outs) if i is None else [outs[i]]
                try:
                    shapes = layer_output_shapes(spec, tuple(in_shapes))
                except Exception as error:  # the layer itself fails: the shape read cannot be known
                    raise Refusal(node, "read.shape_unknown", layer=current, error=str(error)[:120]) from None
            self.shape_memo[current] = (spec, shapes)
        return self.shape_memo[name][1]

    # -- the functional API -----------------------------------------------------------------------
    def make_functional(self, node: ast.Call, scope: list[dict]) -> ModelObj:
        self.model_calls += 1
        arg_nodes = self.call_args(node, ("inputs", "outputs", "name"), "Model")
        for name, arg in arg_nodes.items():
            if name not in ("inputs", "outputs", "name"):
                raise Refusal(arg, "read.model_arg", arg=name)
        if "inputs" not in arg_nodes or "outputs" not in arg_nodes:
            raise Refusal(node, "read.model_io")
        inputs = self.tensor_refs(self.evaluate(arg_nodes["inputs"], scope), arg_nodes["inputs"])
        for ref in inputs:
            if not isinstance(self.nodes.get(ref[0]), InputSpec):
                raise Refusal(arg_nodes["inputs"], "read.model_inputs", name=ref[0])
        outputs = self.outputs_of(arg_nodes["outputs"], scope)
        if not outputs:  # show the model up to the last layer that could be read
            last = next((n for n in reversed(self.nodes.values()) if isinstance(n, LayerSpec)), None)
            if last is None:
                raise Refusal(None, None)
            self.note(node, "warning", "read.model_fallback", layer=last.name)
            outputs = ((last.name, None),)
        name = self.model_name(arg_nodes.get("name"), "functional", scope)
        model = ModelObj("functional", name, node.lineno, node.col_offset,
                         inputs=tuple(dict.fromkeys(r[0] for r in inputs)), outputs=outputs, keras_knows_input=True)
        self.models.append(model)
        return model

    def outputs_of(self, node: ast.expr, scope: list[dict]) -> tuple[TensorRef, ...]:
        """The outputs of Model(...); those that could not be read are left out (with a note)."""
        nodes = node.elts if isinstance(node, (ast.List, ast.Tuple)) else [node]
        refs: list[TensorRef] = []
        for item in nodes:
            try:
                refs += self.tensor_refs(self.evaluate(item, scope), item)
            except Refusal as refusal:
                self.refused(refusal, item)
                self.note(item, "warning", "read.output_dropped", code=source_text(item)[:80])
        return tuple(refs)

    # -- methods called on a model ----------------------------------------------------------------
    def model_method(self, model: ModelObj, method: str, node: ast.Call, scope: list[dict]) -> object:
        if method == "add" and model.style == "sequential":
            arg_nodes = self.call_args(node, ("layer",), "add")
            if "layer" not in arg_nodes or len(arg_nodes) != 1:
                raise Refusal(node, "read.not_a_layer", code=source_text(node)[:80])
            self.seq_add(model, arg_nodes["layer"], scope)
            return Ignored(node.lineno)
        if method == "get_layer" and model.style == "functional":
            arg_nodes = self.call_args(node, ("name", "index"), "get_layer")
            if "name" in arg_nodes:
                name = self.value_of(self.evaluate(arg_nodes["name"], scope), arg_nodes["name"]).value
                if name in self.needed_nodes(model.outputs):
                    return LayerHandle(name)
            raise Refusal(node, "read.get_layer", model=model.name)
        if method == "build" and model.style == "sequential":
            arg_nodes = self.call_args(node, ("input_shape",), "build")
            if "input_shape" in arg_nodes and model.input is None:
                self.input_from_build(model, arg_nodes["input_shape"], node, scope)
            self.note(node, "info", "read.ignored_call", call=source_text(node.func)[:80])
            return Ignored(node.lineno)
        if method == "summary" and not model.keras_knows_input:
            self.note(node, "info", "read.unbuilt_summary", model=source_text(node.func.value)[:80])
            return Ignored(node.lineno)
        if method == "compile" or method in TRAINING_METHODS:  # read: the panel "Your data and your loss" shows it
            if method == "compile":
                self.compile_call(model, node, scope)
            else:
                self.training_call(model, method, node, scope)
            if method == "fit":
                self.batch_from_fit(node, scope)
            return Ignored(node.lineno)
        ignored = self.ignored_method(method, node, scope)
        if ignored is not None:
            return ignored
        raise Refusal(node, "read.model_method", method=method)

    # -- the result: the last model's spec --------------------------------------------------------
    def finish(self) -> ReadResult:
        if not self.models:
            self.call_forgotten_def()
        if not self.models:
            return self.without_model()
        standalone = [m for m in self.models if not m.nested and not m.owned]  # a part is not "the model"
        if not standalone and all(m.owned for m in self.models):  # only a class's block: the model was not read
            return self.without_model()
        model = standalone[-1] if standalone else self.models[-1]
        if len(standalone) > 1:
            self.note((model.line, model.col), "info", "read.several_models", model=model.name,
                      count=len(standalone))
        if model.what == "subclassed_model":
            if not model.inputs:
                self.subclassed_input(model)
            if not model.inputs:
                self.note((model.line, model.col), "error", "read.subclassed_no_input", model=model.name)
                return self.result(None)
            self.groups = [g for g in self.groups if g.name != model.name]  # its layers are the model's layers
        spec = self.sequential_spec(model) if model.style == "sequential" else self.functional_spec(model)
        result = self.result(spec)
        if result.spec is None:
            return result
        inputs = tuple(i.name for i in result.spec.inputs)
        outputs = tuple(dict.fromkeys(ref[0] for ref in result.spec.outputs))
        mark = len(self.notes)
        training = self.training_spec(model, inputs, outputs)
        if training is None:
            return result
        notes = tuple(sorted(result.notes + tuple(self.notes[mark:]), key=lambda n: n.line))
        return replace(result, training=training, notes=notes)

    def subclassed_input(self, model: ModelObj) -> None:
        """A subclassed model the code never builds: the input shape the learner typed, if any."""
        shapes = typed_input()
        instance = model.instance
        if shapes is None or instance is None or instance.called:
            return
        names = []
        for shape in shapes:  # several: the call gets them as one tuple, as model((x_a, x_b)) passes them
            name = self.auto_name("input_layer")
            self.taken.add(name)
            self.nodes[name] = InputSpec(name, shape, "float32", None, model.line, model.col, ("",) * len(shape),
                                         assumed=True)
            names.append(name)
        where = ast.Name(id=model.name, lineno=model.line, col_offset=model.col)
        tensors = [Tensor((name, None)) for name in names]
        arg = tensors[0] if len(tensors) == 1 else Seq(tuple(tensors))
        call = ast.Call(func=where, args=[Known(arg, where)], keywords=[], lineno=model.line, col_offset=model.col)
        try:
            self.instance_call(instance, call, [self.globals])
        except Refusal as refusal:
            self.refused(refusal, where)
            return
        model.inputs = tuple(names)
        texts = [", ".join(str(size) for size in shape) for shape in shapes]
        shown = [f"({text},)" if len(shape) == 1 else f"({text})" for text, shape in zip(texts, shapes)]
        built = [f"(None, {text})" for text in texts]
        self.note((model.line, model.col), "warning", "read.assumed_input", model=model.name,
                  shape=" + ".join(shown), build=built[0] if len(built) == 1 else f"[{', '.join(built)}]",
                  dtype="float32")

    def call_forgotten_def(self) -> None:
        uncalled = [f for f in self.funcs if not f.called]
        if not uncalled:
            return
        func = uncalled[-1]
        args = func.node.args
        names = [a.arg for a in args.posonlyargs + args.args + args.kwonlyargs]
        if any(n not in func.defaults for n in names):
            self.note(func.node, "error", "read.def_not_called", name=func.node.name)
            return
        self.note(func.node, "info", "read.def_called", name=func.node.name)
        try:
            self.def_call(func, None, [self.globals])
        except Refusal as refusal:
            self.refused(refusal, func.node)

    def without_model(self) -> ReadResult:
        layer_nodes = [name for name, n in self.nodes.items() if isinstance(n, LayerSpec)]
        if layer_nodes:  # the functional API without keras.Model(...): take the last layer as the output
            last = self.nodes[layer_nodes[-1]]
            key = "read.model_fallback" if self.model_calls else "read.no_model_call"
            self.note((last.line, last.col), "warning", key, layer=last.name)
            inputs = tuple(n for n, spec in self.nodes.items() if isinstance(spec, InputSpec))
            model = ModelObj("functional", self.auto_name("functional"), last.line, last.col, inputs=inputs,
                             outputs=((last.name, None),))
            return self.result(self.functional_spec(model))
        if not any(n.severity == "error" for n in self.notes):
            self.note((1, 0), "error", "read.no_model")
        return ReadResult(None, (), self.sorted_notes())

    def sequential_spec(self, model: ModelObj) -> ModelSpec | None:
        if model.input is None:
            self.input_for_unbuilt(model)
        if model.input is None:
            return None
        self.pending[model.input.name] = model.input
        layers, outputs = self.chain(model.layers, (model.input.name, None), (model.line, model.col), model.name)
        return ModelSpec((model.input,), tuple(layers), outputs, model.name, "sequential", *self.batch_choice(),
                         groups=tuple(self.groups))

    def functional_spec(self, model: ModelObj) -> ModelSpec | None:
        needed = self.needed_nodes(model.outputs)
        missing = [n for n in needed if isinstance(self.nodes[n], InputSpec) and n not in model.inputs]
        if missing:
            self.note((model.line, model.col), "error", "read.graph_disconnected", name=sorted(missing)[0])
            return None
        inputs = tuple(self.nodes[n] for n in model.inputs)
        layers = tuple(spec for n, spec in self.nodes.items() if n in needed and isinstance(spec, LayerSpec))
        groups = tuple(g for g in self.groups if set(g.members) <= needed)
        return ModelSpec(inputs, layers, model.outputs, model.name, "functional", *self.batch_choice(), groups=groups)

    def result(self, spec: ModelSpec | None) -> ReadResult:
        if spec is None:
            return ReadResult(None, (), self.sorted_notes())
        uses: dict[int, set] = {}
        for name in spec.node_names():
            found = self.input_uses.get(name, []) + (self.objects[name].uses() if name in self.objects else [])
            for dep, cls, arg in found:
                uses.setdefault(dep, set()).add((cls, arg))
        if self.batch and spec.batch_size is not None:
            for dep in deps_of(self.chosen_batch()):
                uses.setdefault(dep, set()).add(("Model", "batch_size"))
        for dep in self.flow_uses:  # a switch: True or False chooses which lines run (one-hot labels or not)
            if type(self.consts[dep].value) is bool:
                uses.setdefault(dep, set()).add(("if", "test"))
        constants = tuple(Constant(c.name, c.value, c.line, c.col, c.end_col, tuple(sorted(uses[i])))
                          for i, c in enumerate(self.consts) if i in uses)
        notes = outside_model(spec, self.sorted_notes())
        gaps = tuple(sorted({(n.line, n.key) for n in notes if n.key in GAP_KEYS}))
        return ReadResult(replace(spec, gaps=gaps) if gaps else spec, constants, notes)


# the notes that say the code holds more of the model than could be read: the model shown has a gap there
GAP_KEYS = frozenset({"read.model_cut", "read.model_cut_statement", "read.model_fallback", "read.output_dropped",
                      "read.nested_model_cut"})


# refusals that stop a statement part of the way through (a loop cut at the step bound): what it changed before
# stopping stays, and the model may read it, so they stay errors wherever they are
PARTIAL_RUN_KEYS = frozenset({"read.too_much_work"})


def outside_model(spec: ModelSpec, notes: tuple[Note, ...]) -> tuple[Note, ...]:
    """Code refused above or below the model's own lines (loading data, numpy, a def that makes pairs of images)
    is not an error of the model: its notes become info notes, unless something inside the model's lines could not
    be read, a refused statement cut the model, or the refusal left a statement half run (PARTIAL_RUN_KEYS). A
    refused statement binds nothing, so a value the model needed from it would have stopped the model there."""
    lines = [n.line for n in spec.inputs + spec.layers if n.line and not getattr(n, "assumed", False)]
    if not lines:
        return notes
    first, last = min(lines), max(lines)
    inside = [n for n in notes if first <= n.line <= last and n.severity != "info"]
    if any(n.key == "read.name_unreadable" for n in inside) or \
            any(n.key in GAP_KEYS for n in notes):
        return notes  # the model itself is missing something: every refusal may matter
    out = []
    for n in notes:
        if not first <= n.line <= last and n.key == "read.call_unknown":
            n = Note(n.line, n.col, "info", "read.call_outside_model", n.params)
        elif not first <= n.line <= last and n.severity == "error" and n.key not in PARTIAL_RUN_KEYS and \
                not any(m.severity == "error" for m in inside):
            n = Note(n.line, n.col, "info", n.key, n.params)
        out.append(n)
    return tuple(out)
