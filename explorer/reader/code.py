"""Read pasted Keras code into a ModelSpec without running any of it.

The code is parsed with `ast.parse` and its tree is walked by a small interpreter that knows
only what learners paste: Keras imports, top-level constants and whole-number arithmetic on
them, `Sequential([...])` / `model.add(...)`, the functional API (`keras.Input`, layer calls,
`keras.Model(inputs, outputs)`), and a `def` that builds and returns the model. Everything else
is refused with its line and column and a plain reason (a Note), and the rest is still read.
Layer classes are looked up only in the registry (`explorer.kinds`); arguments are checked by
`validate.check_args`. Layers are named as Keras 3 names them in a fresh session.

Limits (checked before any work; each refusal is an error Note where it happens):
"""
from __future__ import annotations

import ast
import builtins
import difflib
import re
from dataclasses import dataclass, replace

from ..kinds import REGISTRY, get_kind
from ..kinds.base import ArgRule, LayerKind
from ..spec import Constant, InputSpec, LayerSpec, ModelSpec, Note, ReadResult, TensorRef
from .code_names import IMPLICIT, MERGE_HELPERS, Ref, import_bindings, legacy_path, make_ref, meaning, snake_case
from .code_values import (MAX_INT, MAX_ITEMS, MAX_POW_EXPONENT, MAX_STR, FuncObj, Hint, Ignored, InputLayerObj,
                          LayerObj, ModelObj, Poison, Refusal, Seq, Tensor, Val, arithmetic, constant_literal,
                          deps_of, is_literal_code, literal, negate, set_constant, source_text)
from .validate import check_args, check_value

__all__ = ["read_code", "set_constant", "LIMITS"]

MAX_CHARS = 100_000
MAX_LINES = 3_000
MAX_NODES = 50_000  # syntax-tree nodes
MAX_DEPTH = 50  # nesting of syntax-tree nodes
MAX_LAYERS = 500
MAX_CALL_DEPTH = 4  # a def calling a def...
MAX_STEPS = 200_000  # expressions and statements worked through (defs called many times)
MAX_GUESSES = 20  # undefined names for which a close defined name is looked for
MAX_NAME = 64  # characters of a layer's name=
MAX_BATCH = 10**7
LIMITS = {"chars": MAX_CHARS, "lines": MAX_LINES, "nodes": MAX_NODES, "depth": MAX_DEPTH, "layers": MAX_LAYERS,
          "int": MAX_INT, "pow_exponent": MAX_POW_EXPONENT, "str": MAX_STR, "items": MAX_ITEMS, "steps": MAX_STEPS}
__doc__ = (__doc__ or "") + "".join(f"\n- {name}: {value:,}" for name, value in LIMITS.items())

DTYPES = ("float16", "bfloat16", "float32", "float64", "int8", "int16", "int32", "int64", "uint8", "bool")
_NAME_OK = re.compile(r"[A-Za-z0-9_]{1,%d}" % MAX_NAME)
_SHAPE_RULE = ArgRule("shape", "shape")
_IGNORED_METHODS = ("compile", "fit", "evaluate", "predict", "save", "save_weights", "load_weights", "summary",
                    "fit_generator", "train_on_batch", "test_on_batch", "predict_on_batch", "count_params",
                    "get_config", "to_json", "export")
# layers called on several tensors by name: mha(query, value, key) flows in as [query, value, key]
_CALL_ROLES = {"MultiHeadAttention": ("query", "value", "key")}
_BASE_ARGS = ("trainable", "dtype", "autocast")
_HINTS = ("input_shape", "batch_input_shape", "input_dim", "batch_size")  # Keras 2 input arguments on a layer


class _TooMuchWork(Exception):
    """The step budget is spent: reading stops where it is."""


class _Return(Exception):
    def __init__(self, value: object):
        super().__init__()
        self.value = value


def _code(node: ast.AST) -> str:
    """The code of an argument's value, short enough for a note."""
    return source_text(node.value if isinstance(node, ast.keyword) else node)[:80]


def _pos(node: ast.AST | None) -> tuple[int, int]:
    return (getattr(node, "lineno", 1) or 1, getattr(node, "col_offset", 0) or 0)


@dataclass
class _Const:
    name: str
    value: int | str
    line: int
    col: int
    end_col: int


# -- the reader ---------------------------------------------------------------------------------
class _Reader:
    def __init__(self) -> None:
        self.notes: list[Note] = []
        self.consts: list[_Const] = []
        self.globals: dict[str, object] = {}
        self.uid: dict[str, int] = {}
        self.taken: set[str] = set()
        self.objects: dict[str, LayerObj] = {}  # every named layer object
        self.nodes: dict[str, InputSpec | LayerSpec] = {}  # functional graph, in call order
        self.input_uses: dict[str, list] = {}
        self.layer_count = 0
        self.models: list[ModelObj] = []
        self.batch: list[tuple[int, int, Val]] = []  # (priority, order, value)
        self.funcs: list[FuncObj] = []
        self.call_depth = 0
        self.tf_noted = False
        self.implicit_noted: set[str] = set()
        self.poison_noted: set[str] = set()
        self.too_deep: set[int] = set()  # ids of statements refused for their nesting
        self.steps = 0
        self.guesses = 0
        self.model_calls = 0  # Sequential(...) / Model(...) calls met, read or refused

    # -- notes --------------------------------------------------------------------------------
    def note(self, where: ast.AST | tuple[int, int] | None, severity: str, key: str, **params: object) -> None:
        line, col = where if isinstance(where, tuple) else _pos(where)
        self.notes.append(Note(line, col, severity, key, tuple((k, str(v)) for k, v in params.items())))

    def refused(self, refusal: Refusal, fallback: ast.AST) -> None:
        if refusal.key is None:
            return
        line, col = _pos(refusal.node if refusal.node is not None else fallback)
        self.notes.append(Note(line, col, "error", refusal.key, refusal.params))

    def note_tf(self, where: ast.AST) -> None:
        if not self.tf_noted:
            self.tf_noted = True
            self.note(where, "warning", "keras2.tf_keras")

    # -- names ----------------------------------------------------------------------------------
    def auto_name(self, prefix: str) -> str:
        count = self.uid.get(prefix, 0)
        self.uid[prefix] = count + 1
        return prefix if count == 0 else f"{prefix}_{count}"

    def claim(self, given: Val | None, prefix: str, node: ast.AST) -> str:
        """The name of a new layer or input: name= if valid, else what Keras gives it."""
        name = None
        if given is not None:
            if isinstance(given.value, str) and _NAME_OK.fullmatch(given.value):
                name = given.value
            else:
                self.note(node, "error", "read.name_bad", limit=MAX_NAME)
        if name is None:
            name = self.auto_name(prefix)
        if name in self.taken:
            self.note(node, "error", "read.name_duplicate", name=name)
            k = 1
            while f"{name}_dup{k}" in self.taken:
                k += 1
            name = f"{name}_dup{k}"
        self.taken.add(name)
        return name

    # -- statements -------------------------------------------------------------------------------
    def run_block(self, stmts: list[ast.stmt], scope: list[dict], in_def: bool) -> None:
        for stmt in stmts:
            if id(stmt) in self.too_deep:
                self.poison_targets(stmt, scope)
                continue
            try:
                self.run_stmt(stmt, scope, in_def)
            except Refusal as refusal:
                self.refused(refusal, stmt)
                self.poison_targets(stmt, scope)
            except RecursionError:
                self.note(stmt, "error", "read.too_complex")
                self.poison_targets(stmt, scope)

    def poison_targets(self, stmt: ast.stmt, scope: list[dict]) -> None:
        targets: list[ast.AST] = []
        if isinstance(stmt, ast.Assign):
            targets = list(stmt.targets)
        elif isinstance(stmt, (ast.AnnAssign, ast.AugAssign)):
            targets = [stmt.target]
        elif isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            scope[0][stmt.name] = Poison(stmt.lineno)
        while targets:
            target = targets.pop()
            if isinstance(target, ast.Name):
                scope[0][target.id] = Poison(stmt.lineno)
            elif isinstance(target, (ast.Tuple, ast.List)):
                targets.extend(target.elts)
            elif isinstance(target, ast.Starred):
                targets.append(target.value)

    def run_stmt(self, stmt: ast.stmt, scope: list[dict], in_def: bool) -> None:
        self.step(stmt)
        top = not in_def
        if isinstance(stmt, (ast.Import, ast.ImportFrom)):
            self.run_import(stmt, scope)
        elif isinstance(stmt, ast.Assign):
            value = self.eval(stmt.value, scope)
            for target in stmt.targets:
                self.bind(target, value, scope, stmt, top)
        elif isinstance(stmt, ast.AnnAssign):
            if stmt.value is not None:
                self.bind(stmt.target, self.eval(stmt.value, scope), scope, stmt, top)
        elif isinstance(stmt, ast.AugAssign):
            if not isinstance(stmt.target, ast.Name):
                raise Refusal(stmt, "read.attr_write")
            current = self.value_of(self.lookup(stmt.target, scope), stmt.target)
            right = self.value_of(self.eval(stmt.value, scope), stmt.value)
            scope[0][stmt.target.id] = arithmetic(stmt.op, current, right, stmt).with_text(source_text(stmt.target))
        elif isinstance(stmt, ast.Expr):
            self.run_expr(stmt.value, scope)
        elif isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            self.define(stmt, scope)
        elif isinstance(stmt, ast.Return):
            if not in_def:
                raise Refusal(stmt, "read.statement", what="return")
            raise _Return(self.eval(stmt.value, scope) if stmt.value is not None else Val(None))
        elif isinstance(stmt, ast.If) and _is_main_guard(stmt.test) and not stmt.orelse:
            self.run_block(stmt.body, scope, in_def)
        elif isinstance(stmt, ast.Pass):
            return
        elif isinstance(stmt, (ast.For, ast.While, ast.AsyncFor)):
            raise Refusal(stmt, "read.loop")
        elif isinstance(stmt, ast.ClassDef):
            raise Refusal(stmt, "read.class_def", name=stmt.name)
        else:
            raise Refusal(stmt, "read.statement", what=_statement_word(stmt))

    def run_import(self, stmt: ast.Import | ast.ImportFrom, scope: list[dict]) -> None:
        bound, via_tf, foreign = import_bindings(stmt)
        if via_tf:
            self.note_tf(stmt)
        if foreign:
            self.note(stmt, "info", "read.import_ignored", module=", ".join(foreign)[:80])
        for name, ref in bound:
            scope[0][name] = ref

    def run_expr(self, node: ast.expr, scope: list[dict]) -> None:
        if isinstance(node, ast.Constant):  # a docstring or a stray literal
            return
        if isinstance(node, ast.Name):
            self.note(node, "info", "read.ignored_statement")
            return
        if not isinstance(node, ast.Call):
            raise Refusal(node, "read.statement", what=_expression_word(node))
        self.eval(node, scope)

    def bind(self, target: ast.AST, value: object, scope: list[dict], stmt: ast.stmt, top: bool) -> None:
        if isinstance(target, ast.Name):
            single = len(stmt.targets) == 1 if isinstance(stmt, ast.Assign) else isinstance(stmt, ast.AnnAssign)
            if top and single and isinstance(value, Val):
                value = self.maybe_constant(target.id, stmt, value)
            scope[0][target.id] = value
            return
        if isinstance(target, (ast.Tuple, ast.List)):
            names = target.elts
            if any(isinstance(n, ast.Starred) for n in names):
                raise Refusal(target, "read.unpack")
            if isinstance(value, Poison):
                raise Refusal(None, None)
            if isinstance(value, Tensor) and value.ref[1] is None:
                items = [Tensor((value.ref[0], i)) for i in range(len(names))]
            elif isinstance(value, Seq):
                items = list(value.items)
            elif isinstance(value, Val) and isinstance(value.value, tuple):
                items = list(value.value)
            else:
                raise Refusal(target, "read.unpack")
            if len(items) != len(names):
                raise Refusal(target, "read.unpack")
            for name, item in zip(names, items):
                self.bind(name, item, scope, stmt, False)
            return
        if isinstance(target, (ast.Attribute, ast.Subscript)):
            raise Refusal(target, "read.attr_write")
        raise Refusal(target, "read.unpack")

    def maybe_constant(self, name: str, stmt: ast.stmt, value: Val) -> Val:
        """A top-level `name = <int or str literal>`: a constant the sidebar can change."""
        node = stmt.value
        literal_value = constant_literal(node)
        if literal_value is None or (type(literal_value) is int and not -MAX_INT <= literal_value <= MAX_INT):
            return value
        self.consts.append(_Const(name, literal_value, node.lineno, node.col_offset, node.end_col_offset))
        return Val(value.value, frozenset({len(self.consts) - 1}))

    def define(self, stmt: ast.FunctionDef | ast.AsyncFunctionDef, scope: list[dict]) -> None:
        args = stmt.args
        if isinstance(stmt, ast.AsyncFunctionDef) or stmt.decorator_list or args.vararg or args.kwarg:
            raise Refusal(stmt, "read.def_form", name=stmt.name)
        defaults: dict[str, object] = {}
        positional = args.posonlyargs + args.args
        for arg, default in zip(positional[len(positional) - len(args.defaults):], args.defaults):
            defaults[arg.arg] = self.eval_quiet(default, scope)
        for arg, default in zip(args.kwonlyargs, args.kw_defaults):
            if default is not None:
                defaults[arg.arg] = self.eval_quiet(default, scope)
        func = FuncObj(stmt, defaults)
        self.funcs.append(func)
        scope[0][stmt.name] = func

    def eval_quiet(self, node: ast.expr, scope: list[dict]) -> object:
        try:
            return self.eval(node, scope)
        except Refusal as refusal:
            self.refused(refusal, node)
            return Poison(node.lineno)

    # -- expressions ------------------------------------------------------------------------------
    def step(self, node: ast.AST) -> None:
        self.steps += 1
        if self.steps > MAX_STEPS:
            self.note(node, "error", "read.too_much_work", limit=f"{MAX_STEPS:,}")
            raise _TooMuchWork()

    def eval(self, node: ast.AST, scope: list[dict]) -> object:
        self.step(node)
        if isinstance(node, ast.Constant):
            return literal(node)
        if isinstance(node, ast.Name):
            return self.lookup(node, scope)
        if isinstance(node, ast.Attribute):
            base = self.eval(node.value, scope)
            if isinstance(base, Ref):
                return self.child(base, node)
            if isinstance(base, Poison):
                raise Refusal(None, None)
            raise Refusal(node, "read.attribute", code=source_text(node)[:80])
        if isinstance(node, ast.BinOp):
            left = self.value_of(self.eval(node.left, scope), node.left)
            right = self.value_of(self.eval(node.right, scope), node.right)
            return arithmetic(node.op, left, right, node).with_text(source_text(node))
        if isinstance(node, ast.UnaryOp):
            if not isinstance(node.op, (ast.USub, ast.UAdd)):
                raise Refusal(node, "read.operator", op=type(node.op).__name__)
            operand = self.value_of(self.eval(node.operand, scope), node.operand)
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
        raise Refusal(node, "read.expression", what=_expression_word(node))

    def eval_items(self, node: ast.Tuple | ast.List, scope: list[dict]) -> object:
        if len(node.elts) > MAX_LAYERS:
            raise Refusal(node, "read.seq_too_long", limit=MAX_ITEMS)
        items = []
        for elt in node.elts:
            if isinstance(elt, ast.Starred):
                raise Refusal(elt, "read.unpack")
            items.append(self.eval(elt, scope))
        if all(isinstance(item, Val) for item in items):
            if len(items) > MAX_ITEMS:
                raise Refusal(node, "read.seq_too_long", limit=MAX_ITEMS)
            text = "" if is_literal_code(node) else source_text(node)
            return Val(tuple(items), frozenset(), text)
        return Seq(tuple(items))

    def value_of(self, value: object, node: ast.AST) -> Val:
        """A plain value, or a refusal saying this is not one."""
        if isinstance(value, Val):
            return value
        if isinstance(value, Poison):
            raise Refusal(None, None)
        raise Refusal(node, "read.not_a_value", code=source_text(node)[:80])

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
        if name in REGISTRY:
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
        base = self.eval(node.value, scope)
        if isinstance(base, Poison):
            raise Refusal(None, None)
        index_node = node.slice
        if not isinstance(base, (Tensor, Seq, Val)) or isinstance(index_node, (ast.Slice, ast.Tuple)):
            raise Refusal(node, "read.subscript")
        index = self.value_of(self.eval(index_node, scope), index_node).value
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
            owner = self.eval(func.value, scope)
            if isinstance(owner, ModelObj):
                return self.model_method(owner, func.attr, node, scope)
            if isinstance(owner, Poison):
                raise Refusal(None, None)
            if not isinstance(owner, Ref):
                raise Refusal(node, "read.method", code=source_text(func)[:80])
            callee: object = self.child(owner, func)
        elif isinstance(func, ast.Name):
            if not any(func.id in names for names in scope) and func.id not in IMPLICIT and func.id not in REGISTRY:
                raise Refusal(node, "read.call_unknown", call=func.id)
            callee = self.lookup(func, scope, guess=False)
        else:
            callee = self.eval(func, scope)
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
                    self.eval(arg, scope)
                except Refusal as refusal:
                    self.refused(refusal, arg)
                return Ignored(node.lineno)
        self.note(node, "info", "read.ignored_call", call="print")
        return Ignored(node.lineno)

    def call_args(self, node: ast.Call, names: tuple[str, ...], what: str) -> dict[str, ast.expr]:
        """Argument nodes by name: positional ones mapped in `names` order, then keywords."""
        out: dict[str, ast.expr] = {}
        for i, arg in enumerate(node.args):
            if isinstance(arg, ast.Starred):
                raise Refusal(arg, "read.star_args")
            if i >= len(names):
                raise Refusal(arg, "read.too_many_positional", call=what, count=len(names))
            out[names[i]] = arg
        for keyword in node.keywords:
            if keyword.arg is None:
                raise Refusal(keyword, "read.star_args")
            if keyword.arg in out:
                raise Refusal(keyword, "read.arg_twice", arg=keyword.arg)
            out[keyword.arg] = keyword.value
        return out

    # -- layers -----------------------------------------------------------------------------------
    def construct(self, kind: LayerKind, node: ast.Call, scope: list[dict]) -> LayerObj:
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
            inner = self.eval(inner_node, scope)
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
            places[name] = _pos(where)
            rule = kind.rule(name)
            if name == "name":
                given_name = self.value_of(self.eval(arg, scope), arg)
                continue
            if rule is None and name in _BASE_ARGS:  # shape-neutral arguments every Keras layer takes
                self.note(where, "info", "read.base_arg_ignored", arg=name, cls=kind.class_name)
                continue
            if rule is None and name in _HINTS:
                hints.append(Hint(name, self.value_of(self.eval(arg, scope), arg), where))
                continue
            if rule is not None and rule.type == "ignored":
                raw[name] = None  # never evaluated: regularizers, constraints...
                continue
            if rule is not None and rule.type in ("activation", "initializer"):
                value = self.eval_named_function(arg, scope, rule.type)
            else:
                value = self.value_of(self.eval(arg, scope), arg)
            values[name] = value
            raw[name] = value.plain()
        name = self.claim(given_name, snake_case(kind.class_name), node)
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
        value = self.eval(target, scope)
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
        roles = _CALL_ROLES.get(obj.kind.class_name, ("inputs",))
        arg_nodes = self.call_args(node, roles, obj.name)
        for name, arg in arg_nodes.items():
            if name == "training":
                self.note(arg, "info", "read.call_arg_ignored", arg=name)
            elif name not in roles:
                raise Refusal(arg, "read.call_arg", arg=name)
        if roles[0] not in arg_nodes:
            raise Refusal(node, "read.not_a_tensor", code=source_text(node)[:80])
        refs: tuple[TensorRef, ...] = ()
        for role in roles:
            if role in arg_nodes:
                refs += self.tensor_refs(self.eval(arg_nodes[role], scope), arg_nodes[role])
        if obj.used:
            raise Refusal(node, "read.layer_reused", name=obj.name)
        obj.used = True
        for hint in obj.all_hints():
            self.hint_dropped(hint)
        self.nodes[obj.name] = obj.to_spec(refs)
        return Tensor((obj.name, None))

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
        layer_call = ast.Call(func=node.func, args=[], keywords=[ast.keyword(arg=k, value=v, lineno=v.lineno,
                                                                            col_offset=v.col_offset)
                                                               for k, v in arg_nodes.items()],
                              lineno=node.lineno, col_offset=node.col_offset)
        refs = self.tensor_refs(self.eval(inputs, scope), inputs)
        obj = self.construct(kind, layer_call, scope)
        obj.used = True
        self.nodes[obj.name] = obj.to_spec(refs)
        return Tensor((obj.name, None))

    def hint_dropped(self, hint: Hint) -> None:
        key = "keras2.input_shape_ignored" if hint.arg in ("input_shape", "input_dim") else "keras2.batch_arg_refused"
        self.note(hint.node, "warning", key, arg=hint.arg)

    # -- inputs -----------------------------------------------------------------------------------
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
            batch = self.value_of(self.eval(arg_nodes["batch_size"], scope), arg_nodes["batch_size"])
        batch_size = self.batch_value(batch, node) if batch is not None and batch.value is not None else None
        dtype = "float32"
        if "dtype" in arg_nodes:
            dtype = self.dtype_value(arg_nodes["dtype"], scope)
        given = self.value_of(self.eval(arg_nodes["name"], scope), arg_nodes["name"]) if "name" in arg_nodes else None
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
        value = self.value_of(self.eval(node, scope), node)
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
        value = self.eval(node, scope)
        if isinstance(value, Ref) and len(value.path) == 2 and value.path[0] in ("tensorflow", "numpy"):
            value = Val(value.path[1])
        if isinstance(value, Val) and value.value in DTYPES:
            return value.value
        raise Refusal(node, "read.dtype_bad", choices=", ".join(DTYPES))

    # -- models -----------------------------------------------------------------------------------
    def make_sequential(self, node: ast.Call, scope: list[dict]) -> ModelObj:
        self.model_calls += 1
        arg_nodes = self.call_args(node, ("layers", "trainable", "name"), "Sequential")
        for name, arg in arg_nodes.items():
            if name not in ("layers", "name"):
                raise Refusal(arg, "read.model_arg", arg=name)
        name = self.model_name(arg_nodes.get("name"), "sequential", scope)
        model = ModelObj("sequential", name, node.lineno, node.col_offset)
        self.models.append(model)
        items = arg_nodes.get("layers")
        if isinstance(items, (ast.List, ast.Tuple)):
            for item in items.elts:
                self.seq_add(model, item, scope)
        elif items is not None and not (isinstance(items, ast.Constant) and items.value is None):
            value = self.eval(items, scope)
            if isinstance(value, Seq):
                for item in value.items:
                    self.seq_add_value(model, item, items)
            else:
                self.seq_add_value(model, value, items)
        return model

    def model_name(self, node: ast.expr | None, prefix: str, scope: list[dict]) -> str:
        if node is not None:
            value = self.value_of(self.eval(node, scope), node)
            if isinstance(value.value, str) and _NAME_OK.fullmatch(value.value):
                return value.value
            self.note(node, "error", "read.name_bad", limit=MAX_NAME)
        return self.auto_name(prefix)

    def seq_add(self, model: ModelObj, node: ast.expr, scope: list[dict]) -> None:
        """One entry of Sequential([...]) or model.add(...): a refusal cuts the model there."""
        if model.cut:
            return
        try:
            value = self.eval(node, scope)
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
            raise Refusal(node, "read.nested_model")
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

    def input_from_hints(self, model: ModelObj, layer: LayerObj, hints: list[Hint]) -> None:
        """Keras 2's input_shape= / input_dim= / batch_input_shape= on the first layer."""
        given = {hint.arg: hint for hint in hints}
        entries: tuple[Val, ...] | None = None
        batch: Val | None = None
        if "batch_input_shape" in given:
            hint = given["batch_input_shape"]
            if not isinstance(hint.value.value, tuple) or not hint.value.value:
                raise Refusal(hint.node, "read.shape_bad", code=_code(hint.node))
            batch, entries = hint.value.value[0], hint.value.value[1:]
        elif "input_shape" in given:
            hint = given["input_shape"]
            if not isinstance(hint.value.value, tuple):
                raise Refusal(hint.node, "read.shape_not_tuple", code=_code(hint.node))
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
            raise Refusal(hint.node, "read.shape_bad", code=_code(hint.node))
        batch_size = self.batch_value(batch, hint.node) if batch is not None and batch.value is not None else None
        for item in hints:
            key = "keras2." + item.arg
            self.note(item.node, "warning", key, arg=item.arg)
        name = self.auto_name("input_layer")
        self.taken.add(name)
        dtype = "int32" if layer.kind.class_name == "Embedding" else "float32"
        model.input = InputSpec(name, tuple(e.value for e in entries), dtype, batch_size, *_pos(hint.node),
                                tuple(e.text for e in entries))
        model.keras_knows_input = "input_shape" in given or "input_dim" in given
        self.input_uses[name] = [(dep, "Input", "shape") for e in entries for dep in deps_of(e)]
        if batch_size is not None:
            self.input_uses[name] += [(dep, "Model", "batch_size") for dep in deps_of(batch)]
            self.batch.append((0, len(self.batch), batch))

    def make_functional(self, node: ast.Call, scope: list[dict]) -> ModelObj:
        self.model_calls += 1
        arg_nodes = self.call_args(node, ("inputs", "outputs", "name"), "Model")
        for name, arg in arg_nodes.items():
            if name not in ("inputs", "outputs", "name"):
                raise Refusal(arg, "read.model_arg", arg=name)
        if "inputs" not in arg_nodes or "outputs" not in arg_nodes:
            raise Refusal(node, "read.model_io")
        inputs = self.tensor_refs(self.eval(arg_nodes["inputs"], scope), arg_nodes["inputs"])
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
                refs += self.tensor_refs(self.eval(item, scope), item)
            except Refusal as refusal:
                self.refused(refusal, item)
                self.note(item, "warning", "read.output_dropped", code=source_text(item)[:80])
        return tuple(refs)

    def model_method(self, model: ModelObj, method: str, node: ast.Call, scope: list[dict]) -> object:
        if method == "add" and model.style == "sequential":
            arg_nodes = self.call_args(node, ("layer",), "add")
            if "layer" not in arg_nodes or len(arg_nodes) != 1:
                raise Refusal(node, "read.not_a_layer", code=source_text(node)[:80])
            self.seq_add(model, arg_nodes["layer"], scope)
            return Ignored(node.lineno)
        if method == "build" and model.style == "sequential":
            arg_nodes = self.call_args(node, ("input_shape",), "build")
            if "input_shape" in arg_nodes and model.input is None:
                entries = self.shape_value(arg_nodes["input_shape"], scope, with_batch=True)
                name = self.auto_name("input_layer")
                self.taken.add(name)
                first = model.layers[0].kind.class_name if model.layers else ""
                batch = entries[0]
                batch_size = batch.value if type(batch.value) is int else None
                model.input = InputSpec(name, tuple(e.value for e in entries[1:]),
                                        "int32" if first == "Embedding" else "float32", batch_size, node.lineno,
                                        node.col_offset, tuple(e.text for e in entries[1:]))
                model.keras_knows_input = True
                self.input_uses[name] = [(dep, "Input", "shape") for e in entries[1:] for dep in deps_of(e)]
                if batch_size is not None:
                    self.input_uses[name] += [(dep, "Model", "batch_size") for dep in deps_of(batch)]
                    self.batch.append((0, len(self.batch), batch))
            self.note(node, "info", "read.ignored_call", call=source_text(node.func)[:80])
            return Ignored(node.lineno)
        if method == "summary" and not model.keras_knows_input:
            self.note(node, "info", "read.unbuilt_summary", model=source_text(node.func.value)[:80])
            return Ignored(node.lineno)
        if method == "fit":
            batch = next((k.value for k in node.keywords if k.arg == "batch_size"), None)
            if batch is not None:
                try:
                    value = self.value_of(self.eval(batch, scope), batch)
                    if value.value is not None:
                        self.batch_value(value, batch)
                        self.batch.append((1, len(self.batch), value))
                except Refusal as refusal:
                    self.refused(refusal, batch)
        if method in _IGNORED_METHODS:
            self.note(node, "info", "read.ignored_call", call=source_text(node.func)[:80])
            return Ignored(node.lineno)
        raise Refusal(node, "read.model_method", method=method)

    # -- defs -------------------------------------------------------------------------------------
    def def_call(self, func: FuncObj, node: ast.Call | None, scope: list[dict]) -> object:
        fdef = func.node
        if self.call_depth >= MAX_CALL_DEPTH:
            raise Refusal(node or fdef, "read.recursion", name=fdef.name)
        func.called = True
        args = fdef.args
        positional = [a.arg for a in args.posonlyargs + args.args]
        allowed = positional + [a.arg for a in args.kwonlyargs]
        bound: dict[str, object] = {}
        if node is not None:
            for i, arg in enumerate(node.args):
                if isinstance(arg, ast.Starred):
                    raise Refusal(arg, "read.star_args")
                if i >= len(positional):
                    raise Refusal(arg, "read.def_call_args", name=fdef.name)
                bound[positional[i]] = self.eval_quiet(arg, scope)
            for keyword in node.keywords:
                if keyword.arg is None:
                    raise Refusal(keyword, "read.star_args")
                if keyword.arg not in allowed or keyword.arg in bound:
                    raise Refusal(keyword, "read.def_call_args", name=fdef.name)
                bound[keyword.arg] = self.eval_quiet(keyword.value, scope)
        for name in allowed:
            if name not in bound:
                if name not in func.defaults:
                    raise Refusal(node or fdef, "read.def_call_missing", name=fdef.name, arg=name)
                bound[name] = func.defaults[name]
        for name, value in bound.items():
            if "batch" in name.lower() and isinstance(value, Val) and type(value.value) is int:
                if 1 <= value.value <= MAX_BATCH:
                    self.batch.append((2, len(self.batch), value))
        self.call_depth += 1
        try:
            self.run_block(fdef.body, [bound, self.globals], in_def=True)
        except _Return as result:
            return result.value
        finally:
            self.call_depth -= 1
        return Val(None)

    # -- the result -------------------------------------------------------------------------------
    def finish(self) -> ReadResult:
        if not self.models:
            self.call_forgotten_def()
        if not self.models:
            return self.without_model()
        model = self.models[-1]
        if len(self.models) > 1:
            self.note((model.line, model.col), "info", "read.several_models", model=model.name,
                      count=len(self.models))
        spec = self.sequential_spec(model) if model.style == "sequential" else self.functional_spec(model)
        return self.result(spec)

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
        layers: list[LayerSpec] = []
        previous = model.input.name
        for obj in model.layers:
            layers.append(obj.to_spec(((previous, None),)))
            previous = obj.name
        return ModelSpec((model.input,), tuple(layers), ((previous, None),), model.name, "sequential",
                         *self.batch_choice())

    def input_for_unbuilt(self, model: ModelObj) -> None:
        """No input in the code: an Embedding first takes token ids, of input_length if given."""
        first = model.layers[0] if model.layers else None
        if first is None or first.kind.class_name != "Embedding":
            if first is not None or model.cut:
                self.note((model.line, model.col), "error", "read.no_input", model=model.name)
            else:
                self.note((model.line, model.col), "error", "read.empty_model", model=model.name)
            return
        length = first.values.get("input_length")
        name = self.auto_name("input_layer")
        self.taken.add(name)
        if length is not None and type(length.value) is int and 1 <= length.value <= 10**7:
            line, col = first.places.get("input_length", (first.line, first.col))
            model.input = InputSpec(name, (length.value,), "int32", None, line, col, (length.text,))
            self.input_uses[name] = [(dep, "Input", "shape") for dep in deps_of(length)]
        else:
            self.note((first.line, first.col), "warning", "read.embedding_no_length", layer=first.name)
            model.input = InputSpec(name, (None,), "int32", None, first.line, first.col, ("",))

    def functional_spec(self, model: ModelObj) -> ModelSpec | None:
        needed: set[str] = set()
        stack = [ref[0] for ref in model.outputs]
        while stack:
            name = stack.pop()
            if name in needed:
                continue
            needed.add(name)
            spec = self.nodes[name]
            if isinstance(spec, LayerSpec):
                stack.extend(ref[0] for ref in spec.inputs)
        missing = [n for n in needed if isinstance(self.nodes[n], InputSpec) and n not in model.inputs]
        if missing:
            self.note((model.line, model.col), "error", "read.graph_disconnected", name=sorted(missing)[0])
            return None
        inputs = tuple(self.nodes[n] for n in model.inputs)
        layers = tuple(spec for n, spec in self.nodes.items() if n in needed and isinstance(spec, LayerSpec))
        return ModelSpec(inputs, layers, model.outputs, model.name, "functional", *self.batch_choice())

    def batch_choice(self) -> tuple[int | None, str]:
        if not self.batch:
            return None, ""
        _, _, value = min(self.batch, key=lambda b: (b[0], b[1]))
        deps = sorted(deps_of(value))
        source = self.consts[deps[0]].name if len(deps) == 1 else ""
        return value.value, source

    def result(self, spec: ModelSpec | None) -> ReadResult:
        if spec is None:
            return ReadResult(None, (), self.sorted_notes())
        uses: dict[int, set] = {}
        for name in spec.node_names():
            found = self.input_uses.get(name, []) + (self.objects[name].uses() if name in self.objects else [])
            for dep, cls, arg in found:
                uses.setdefault(dep, set()).add((cls, arg))
        if self.batch and spec.batch_size is not None:
            _, _, value = min(self.batch, key=lambda b: (b[0], b[1]))
            for dep in deps_of(value):
                uses.setdefault(dep, set()).add(("Model", "batch_size"))
        constants = tuple(Constant(c.name, c.value, c.line, c.col, c.end_col, tuple(sorted(uses[i])))
                          for i, c in enumerate(self.consts) if i in uses)
        return ReadResult(spec, constants, self.sorted_notes())

    def sorted_notes(self) -> tuple[Note, ...]:
        return tuple(sorted(dict.fromkeys(self.notes), key=lambda n: n.line))  # in the order found within a line


def _is_main_guard(test: ast.expr) -> bool:
    return (isinstance(test, ast.Compare) and isinstance(test.left, ast.Name) and test.left.id == "__name__"
            and len(test.comparators) == 1 and isinstance(test.comparators[0], ast.Constant)
            and test.comparators[0].value == "__main__")


def _statement_word(stmt: ast.AST) -> str:
    return {"If": "if", "With": "with", "Try": "try", "Global": "global", "Nonlocal": "nonlocal", "Delete": "del",
            "Raise": "raise", "Assert": "assert", "Match": "match", "AsyncWith": "async with"}.get(
        type(stmt).__name__, type(stmt).__name__)


def _expression_word(node: ast.AST) -> str:
    return type(node).__name__


# -- bounds before any work ---------------------------------------------------------------------------
def _check_text(source: object) -> Note | None:
    if not isinstance(source, str):
        return Note(1, 0, "error", "read.not_text")
    if len(source) > MAX_CHARS:
        line = source.count("\n", 0, MAX_CHARS) + 1
        return Note(line, 0, "error", "read.too_long", (("limit", f"{MAX_CHARS:,}"),))
    lines = max(source.count("\n"), source.count("\r")) + 1  # "\r\n", "\r" and "\n" all end a line
    if lines > MAX_LINES:
        return Note(MAX_LINES + 1, 0, "error", "read.too_many_lines", (("limit", f"{MAX_LINES:,}"),))
    if not source.strip():
        return Note(1, 0, "error", "read.empty")
    return None


def _parse(source: str) -> tuple[ast.Module | None, Note | None]:
    try:
        return ast.parse(source), None
    except SyntaxError as error:
        line = error.lineno or 1
        col = max((error.offset or 1) - 1, 0)
        reason = str(error.msg or "invalid syntax")[:200]
        return None, Note(line, col, "error", "read.syntax", (("reason", reason),))
    except ValueError as error:  # e.g. null bytes on some Python versions
        text = str(error)[:200]
        index = source.find("\0")
        line = source.count("\n", 0, index) + 1 if index >= 0 else 1
        return None, Note(line, 0, "error", "read.syntax", (("reason", text),))
    except (RecursionError, MemoryError):
        return None, Note(1, 0, "error", "read.too_complex")


def _check_tree(tree: ast.Module) -> tuple[Note | None, list[Note], set[int]]:
    """Node count (over the limit: nothing is read) and nesting depth (statements nested too
    deeply are refused, the others read), with an explicit stack."""
    count = 0
    for node in ast.walk(tree):
        count += 1
        if count > MAX_NODES:
            line, col = _pos(node)
            return Note(line, col, "error", "read.too_many_nodes", (("limit", f"{MAX_NODES:,}"),)), [], set()
    notes: list[Note] = []
    refused: set[int] = set()
    statements = [(stmt, 1) for stmt in tree.body]
    while statements:
        stmt, depth = statements.pop()
        stack = [(stmt, depth)]
        while stack:
            node, d = stack.pop()
            if d > MAX_DEPTH:
                line, col = _pos(node)
                notes.append(Note(line, col, "error", "read.too_deep", (("limit", str(MAX_DEPTH)),)))
                refused.add(id(stmt))
                break
            for child in ast.iter_child_nodes(node):
                stack.append((child, d + 1))
    return None, notes, refused


def read_code(source: str) -> ReadResult:
    """The model in pasted Keras code, its constants and notes. Never raises, never runs code."""
    try:
        return _read(source)
    except Exception as error:  # a reader bug must not break the page: say so, show nothing
        return ReadResult(None, (), (Note(1, 0, "error", "read.internal", (("error", type(error).__name__),)),))


def _read(source: str) -> ReadResult:
    problem = _check_text(source)
    if problem is not None:
        return ReadResult(None, (), (problem,))
    tree, problem = _parse(source)
    if problem is not None:
        return ReadResult(None, (), (problem,))
    problem, deep_notes, refused = _check_tree(tree)
    if problem is not None:
        return ReadResult(None, (), (problem,))
    reader = _Reader()
    reader.notes.extend(deep_notes)
    reader.too_deep = refused
    try:
        reader.run_block(tree.body, [reader.globals], in_def=False)
        return reader.finish()
    except _TooMuchWork:
        return ReadResult(None, (), reader.sorted_notes())
