"""The code reader's expressions: literals and whole-number arithmetic, names (with a guess for a
misspelt one, and the implicit `keras` / `layers` / `tf` a learner forgot to import), attributes of
imported modules, subscripts, and calls, each sent to what it calls: a Keras layer class, an
Input, a Sequential or Model, a layer object (code_layers.py), or a def (code.py)."""
from __future__ import annotations

import ast
import builtins
import difflib

from ..layers import REGISTRY, get_kind
from .code_base import ReaderBase, expression_word
from .code_limits import MAX_GUESSES, MAX_LAYERS
from .code_names import IMPLICIT, Ref, legacy_path, make_ref, meaning
from .code_values import (MAX_ITEMS, FuncObj, Ignored, InputLayerObj, LayerObj, ModelObj, Poison, Refusal, Seq,
                          Tensor, Val, arithmetic, is_literal_code, literal, literal_division, negate,
                          source_text)


class Expressions(ReaderBase):
    def evaluate(self, node: ast.AST, scope: list[dict]) -> object:
        self.step(node)
        if isinstance(node, ast.Constant):
            return literal(node)
        if isinstance(node, ast.Name):
            return self.lookup(node, scope)
        if isinstance(node, ast.Attribute):
            base = self.evaluate(node.value, scope)
            if isinstance(base, Ref):
                return self.child(base, node)
            if isinstance(base, Poison):
                raise Refusal(None, None)
            raise Refusal(node, "read.attribute", code=source_text(node)[:80])
        if isinstance(node, ast.BinOp):
            left = self.value_of(self.evaluate(node.left, scope), node.left)
            right = self.value_of(self.evaluate(node.right, scope), node.right)
            if isinstance(node.op, ast.Div) and is_literal_code(node.left) and is_literal_code(node.right):
                return literal_division(left, right, node).with_text(source_text(node))  # Rescaling(1./255)
            return arithmetic(node.op, left, right, node).with_text(source_text(node))
        if isinstance(node, ast.UnaryOp):
            if not isinstance(node.op, (ast.USub, ast.UAdd)):
                raise Refusal(node, "read.operator", op=type(node.op).__name__)
            operand = self.value_of(self.evaluate(node.operand, scope), node.operand)
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
            raise Refusal(node, "read.comprehension")
        raise Refusal(node, "read.expression", what=expression_word(node))

    def eval_items(self, node: ast.Tuple | ast.List, scope: list[dict]) -> object:
        if len(node.elts) > MAX_LAYERS:
            raise Refusal(node, "read.seq_too_long", limit=MAX_ITEMS)
        items = []
        for elt in node.elts:
            if isinstance(elt, ast.Starred):
                raise Refusal(elt, "read.unpack")
            items.append(self.evaluate(elt, scope))
        if all(isinstance(item, Val) for item in items):
            if len(items) > MAX_ITEMS:
                raise Refusal(node, "read.seq_too_long", limit=MAX_ITEMS)
            text = "" if is_literal_code(node) else source_text(node)
            return Val(tuple(items), frozenset(), text)
        return Seq(tuple(items))

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
        if name in IMPLICIT:
            return self.implicit(node, IMPLICIT[name])
        if get_kind(name) is not None:
            return self.implicit(node, ("keras", "layers", name))
        if guess and not hasattr(builtins, name) and self.guesses < MAX_GUESSES:
            self.guesses += 1
            known = [n for names in scope for n in names if not n.startswith("__")]
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
        if not isinstance(base, (Tensor, Seq, Val)) or isinstance(index_node, (ast.Slice, ast.Tuple)):
            raise Refusal(node, "read.subscript")
        index = self.value_of(self.evaluate(index_node, scope), index_node).value
        if type(index) is not int:
            raise Refusal(node, "read.subscript")
        if isinstance(base, Tensor):
            if base.ref[1] is not None or index < 0:
                raise Refusal(node, "read.subscript")
            return Tensor((base.ref[0], index))
        items = base.items if isinstance(base, Seq) else base.value
        if not isinstance(items, tuple) or not -len(items) <= index < len(items):
            raise Refusal(node, "read.subscript")
        item = items[index]
        return item.with_text(source_text(node)) if isinstance(item, Val) else item

    # -- calls ------------------------------------------------------------------------------------
    def call(self, node: ast.Call, scope: list[dict]) -> object:
        func = node.func
        if isinstance(func, ast.Name) and func.id == "print":
            return self.ignored_print(node, scope)
        if isinstance(func, ast.Attribute):
            owner = self.evaluate(func.value, scope)
            if isinstance(owner, ModelObj):
                return self.model_method(owner, func.attr, node, scope)
            if isinstance(owner, Poison):
                raise Refusal(None, None)
            if not isinstance(owner, Ref):
                raise Refusal(node, "read.method", code=source_text(func)[:80])
            callee: object = self.child(owner, func)
        elif isinstance(func, ast.Name):
            if not any(func.id in names for names in scope) and func.id not in IMPLICIT and get_kind(func.id) is None:
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
        if isinstance(callee, ModelObj):
            raise Refusal(node, "read.nested_model")
        if isinstance(callee, Ref):
            return self.keras_call(callee, node, scope)
        raise Refusal(node, "read.call_unknown", call=source_text(func)[:80])

    def keras_call(self, ref: Ref, node: ast.Call, scope: list[dict]) -> object:
        what, detail = meaning(ref)
        if legacy_path(ref) and what in ("layer", "merge", "input", "input_layer"):
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
        if what == "unknown_layer":
            if detail == "Lambda":
                raise Refusal(node, "read.lambda")
            raise Refusal(node, "read.unknown_layer", cls=detail, supported=", ".join(sorted(REGISTRY)))
        raise Refusal(node, "read.call_unknown", call=ref.dotted[:80])

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
