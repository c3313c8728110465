"""Read pasted Keras code into a ModelSpec without running any of it.

The code is parsed with `ast.parse` and its tree is walked by a small interpreter that knows
only what learners paste: Keras imports, top-level constants and whole-number arithmetic on
them, `Sequential([...])` / `model.add(...)`, the functional API (`keras.Input`, layer calls,
`keras.Model(inputs, outputs)`), and a `def` that builds and returns the model. Everything else
is refused with its line and column and a plain reason (a Note), and the rest is still read.
Layer classes are looked up only in the registry (`explorer.layers`); arguments are checked by
`validate.check_args`. Layers are named as Keras 3 names them in a fresh session.

This module: the entry point, the bounds checked before any work, and the statement walk
(assignments, imports, defs and their calls). The reader's other parts: code_exprs.py
(expressions and calls), code_layers.py, code_inputs.py (inputs, Keras 2 input habits, batch
size), code_models.py (Sequential, functional models, the resulting spec); code_base.py holds
what they share, code_values.py and code_names.py what values and imported names are.

Limits (checked before any work; each refusal is an error Note where it happens):
"""
from __future__ import annotations

import ast

from ..spec import Note, ReadResult
from .code_base import Const, TooMuchWork, expression_word, position
from .code_classes import Classes, InstanceObj
from .code_data import DATA_MODULES, Data
from .code_exprs import Expressions
from .code_inputs import HINTS as _HINTS  # noqa: F401  (re-exported: the Keras 2 input arguments on a layer)
from .code_inputs import ASSUMED_INPUT, Inputs
from .code_layers import Layers
from .code_limits import LIMITS, MAX_CALL_DEPTH, MAX_STEPS, MAX_CHARS, MAX_DEPTH, MAX_LAYERS, MAX_LINES, MAX_NODES
from .code_models import LayerHandle, Models
from .code_tensors import TensorOps
from .code_names import import_bindings
from ..safe_ast import parse as safe_parse
from .code_builtins import collect
from .code_flow import Break, Continue
from .code_names import Ref
from .code_values import (MAX_INT, DictVal, FuncObj, InputLayerObj, LayerObj, ModelObj, Poison, Refusal, Seq, Tensor,
                          Val, constant_literal, set_constant, source_text)

__all__ = ["LIMITS", "MAX_CHARS", "MAX_DEPTH", "MAX_LAYERS", "MAX_LINES", "read_code", "set_constant"]
__doc__ = (__doc__ or "") + "".join(f"\n- {name}: {value:,}" for name, value in LIMITS.items())


class _Return(Exception):
    def __init__(self, value: object):
        super().__init__()
        self.value = value


# -- the reader: the statement walk here, the rest from its parts ---------------------------------
class _Reader(Expressions, Layers, Inputs, Models, Classes, TensorOps, Data):
    # -- statements -------------------------------------------------------------------------------
    def run_block(self, stmts: list[ast.stmt], scope: list[dict], in_def: bool) -> None:
        for stmt in stmts:
            if id(stmt) in self.too_deep:
                self.poison_targets(stmt, scope)
                continue
            try:
                self.run_stmt(stmt, scope, in_def)
            except TooMuchWork:
                if in_def or self.loop_depth or not self.use_reserve(stmt):
                    raise
                self.poison_targets(stmt, scope)
            except Refusal as refusal:
                self.refused(refusal, stmt)
                self.poison_targets(stmt, scope)
            except RecursionError:
                self.note(stmt, "error", "read.too_complex")
                self.poison_targets(stmt, scope)
            except (Break, Continue):
                if not self.loop_depth:
                    self.note(stmt, "error", "read.statement", what=_statement_word(stmt))
                    continue
                raise

    def poison_targets(self, stmt: ast.stmt, scope: list[dict]) -> None:
        targets: list[ast.AST] = []
        if isinstance(stmt, ast.Assign):
            targets = list(stmt.targets)
        elif isinstance(stmt, (ast.AnnAssign, ast.AugAssign)):
            targets = [stmt.target]
        elif isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            scope[0][stmt.name] = Poison(stmt.lineno)
        elif isinstance(stmt, (ast.For, ast.While, ast.If, ast.With, ast.Try)):  # every name set inside
            targets = [n for n in ast.walk(stmt) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)]
            for model in self.models_named(stmt, scope):
                if model.style == "sequential" and not model.cut:
                    model.cut = True
                    self.note(stmt, "warning", "read.model_cut_statement", model=model.name)
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
            value = self.evaluate(stmt.value, scope)
            for target in stmt.targets:
                self.bind(target, value, scope, stmt, top)
        elif isinstance(stmt, ast.AnnAssign):
            if stmt.value is not None:
                self.bind(stmt.target, self.evaluate(stmt.value, scope), scope, stmt, top)
        elif isinstance(stmt, ast.AugAssign):
            if not isinstance(stmt.target, ast.Name):
                raise Refusal(stmt, "read.attr_write")
            value = self.binop(stmt.op, self.lookup(stmt.target, scope), self.evaluate(stmt.value, scope), stmt)
            scope[0][stmt.target.id] = value.with_text(source_text(stmt.target)) if isinstance(value, Val) else value
        elif isinstance(stmt, ast.Expr):
            self.run_expr(stmt.value, scope)
        elif isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            self.define(stmt, scope)
        elif isinstance(stmt, ast.Return):
            if not in_def:
                raise Refusal(stmt, "read.statement", what="return")
            raise _Return(self.evaluate(stmt.value, scope) if stmt.value is not None else Val(None))
        elif isinstance(stmt, ast.If) and _is_main_guard(stmt.test) and not stmt.orelse:
            self.run_block(stmt.body, scope, in_def)
        elif isinstance(stmt, ast.Pass):
            return
        elif isinstance(stmt, (ast.For, ast.While)):
            self.loop_depth += 1
            try:
                self.run_for(stmt, scope, in_def) if isinstance(stmt, ast.For) else self.run_while(stmt, scope, in_def)
            finally:
                self.loop_depth -= 1
        elif isinstance(stmt, ast.If):
            self.run_if(stmt, scope, in_def)
        elif isinstance(stmt, ast.Break):
            raise Break()
        elif isinstance(stmt, ast.Continue):
            raise Continue()
        elif isinstance(stmt, ast.Assert):
            self.run_assert(stmt, scope)
        elif isinstance(stmt, ast.With):
            self.run_with(stmt, scope, in_def)
        elif isinstance(stmt, ast.AsyncFor):
            raise Refusal(stmt, "read.statement", what="async for")
        elif isinstance(stmt, ast.ClassDef):
            self.define_class(stmt, scope)
        else:
            raise Refusal(stmt, "read.statement", what=_statement_word(stmt))

    def run_import(self, stmt: ast.Import | ast.ImportFrom, scope: list[dict]) -> None:
        bound, via_tf, foreign = import_bindings(stmt)
        if via_tf:
            self.note_tf(stmt)
        module = bound[0][1].path[:-1] if isinstance(stmt, ast.ImportFrom) and bound else ()
        if module[:2] == ("keras", "layers") and len(module) > 2:  # from keras.layers.core import Dense
            self.note(stmt, "warning", "keras2.module_path", path=".".join(module)[:80], new="keras.layers")
            self.legacy_noted.add(module)
        if foreign:
            self.note(stmt, "info", "read.import_ignored", module=", ".join(foreign)[:80])
        for name, ref in bound:
            scope[0][name] = ref
        if isinstance(stmt, ast.ImportFrom) and not stmt.level and stmt.module:  # from numpy import zeros: data
            path = tuple(stmt.module.split("."))
            if path in DATA_MODULES:
                for alias in stmt.names:
                    if alias.name != "*":
                        scope[0][alias.asname or alias.name] = Ref(path + (alias.name,))

    def run_expr(self, node: ast.expr, scope: list[dict]) -> None:
        if isinstance(node, ast.Constant):  # a docstring or a stray literal
            return
        if isinstance(node, ast.Name):
            self.note(node, "info", "read.ignored_statement")
            return
        if not isinstance(node, ast.Call):
            raise Refusal(node, "read.statement", what=expression_word(node))
        self.evaluate(node, scope)

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
                count = self.output_count(value)
                if count is not None and count != len(names):  # Python stops here: too many or too few values
                    key = "read.unpack_tensor" if count == 1 else "read.unpack_count"
                    raise Refusal(target, key, code=source_text(target)[:60], count=len(names), outputs=count,
                                  words="too many values to unpack" if count > len(names) else
                                  "not enough values to unpack")
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
            self.bind_item(target, value, scope)
            return
        raise Refusal(target, "read.unpack")

    def bind_item(self, target: ast.Attribute | ast.Subscript, value: object, scope: list[dict]) -> None:
        """`base.trainable = False`, `os.environ["X"] = "1"`: an attribute or item of a layer, a model or a
        module cannot change a shape (a note says it is ignored); `config["units"] = 8` and `sizes[0] = 8`
        on a name holding a dict or a list bind the name to the changed copy; any other write is refused."""
        owner = self.evaluate(target.value, scope)
        if isinstance(owner, InstanceObj) and isinstance(target, ast.Attribute):  # self.dense = layers.Dense(8)
            owner.attrs[target.attr] = value
            return
        if isinstance(owner, (LayerObj, ModelObj, Tensor, Ref, InputLayerObj, Poison, LayerHandle)):
            self.note(target, "info", "read.attr_write_ignored", code=source_text(target)[:80])
            return
        if not (isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name)
                and isinstance(owner, (DictVal, Val))):
            raise Refusal(target, "read.attr_write")
        if isinstance(owner, DictVal):
            key = self.value_of(self.evaluate(target.slice, scope), target.slice)
            if isinstance(key.value, tuple):
                raise Refusal(target, "read.dict_key")
            changed: object = DictVal(tuple((k, v) for k, v in owner.items if k != key.value) + ((key.value, value),))
        elif isinstance(owner.value, tuple) and not isinstance(target.slice, ast.Slice):
            items = list(owner.value)
            index = self.value_of(self.evaluate(target.slice, scope), target.slice).value
            if type(index) is not int or not -len(items) <= index < len(items) or not isinstance(value, Val):
                raise Refusal(target, "read.attr_write")
            items[index] = value
            changed = Val(tuple(items), owner.deps)
        else:
            raise Refusal(target, "read.attr_write")
        for names in scope:
            if target.value.id in names:
                names[target.value.id] = changed
                break

    def maybe_constant(self, name: str, stmt: ast.stmt, value: Val) -> Val:
        """A top-level `name = <int or str literal>`: a constant the sidebar can change."""
        return self.default_constant(name, stmt.value, value, redefines=True)

    def default_constant(self, name: str, node: ast.expr, value: Val, redefines: bool = False) -> Val:
        """An int or one-line str literal given to a name (`units = 64`, or a def's default `units=64`, unless a
        constant of that name exists): a constant the sidebar can change, which the value remembers."""
        if not redefines and any(c.name == name for c in self.consts):
            return value
        literal_value = constant_literal(node)
        if literal_value is None or (type(literal_value) is int and not -MAX_INT <= literal_value <= MAX_INT):
            return value
        self.consts.append(Const(name, literal_value, node.lineno, node.col_offset, node.end_col_offset))
        return Val(value.value, frozenset({len(self.consts) - 1}))

    def define(self, stmt: ast.FunctionDef | ast.AsyncFunctionDef, scope: list[dict]) -> None:
        if isinstance(stmt, ast.AsyncFunctionDef) or stmt.decorator_list:
            raise Refusal(stmt, "read.def_form", name=stmt.name)
        defaults = self.defaults_of(stmt, scope)
        func = FuncObj(stmt, defaults, outer=scope if len(scope) > 1 else [self.globals])
        self.funcs.append(func)
        scope[0][stmt.name] = func

    def eval_quiet(self, node: ast.expr, scope: list[dict]) -> object:
        try:
            return self.evaluate(node, scope)
        except Refusal as refusal:
            self.refused(refusal, node)
            return Poison(node.lineno)

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
        extra: list[object] = []
        extra_named: list[tuple[str, object]] = []
        if node is not None:
            for i, arg in enumerate(node.args):
                if isinstance(arg, ast.Starred):
                    raise Refusal(arg, "read.star_args")
                if i >= len(positional) and args.vararg is None:
                    raise Refusal(arg, "read.def_call_args", name=fdef.name)
                if i >= len(positional):
                    extra.append(self.eval_quiet(arg, scope))
                else:
                    bound[positional[i]] = self.eval_quiet(arg, scope)
            for keyword in node.keywords:
                if keyword.arg is None:
                    raise Refusal(keyword, "read.star_args")
                if keyword.arg in bound or (keyword.arg not in allowed and args.kwarg is None):
                    raise Refusal(keyword, "read.def_call_args", name=fdef.name)
                if keyword.arg in allowed:
                    bound[keyword.arg] = self.eval_quiet(keyword.value, scope)
                else:
                    extra_named.append((keyword.arg, self.eval_quiet(keyword.value, scope)))
        if args.vararg is not None:
            bound[args.vararg.arg] = collect(extra, fdef)
        if args.kwarg is not None:
            bound[args.kwarg.arg] = DictVal(tuple(extra_named))
        for name in allowed:
            if name not in bound:
                if name not in func.defaults:
                    raise Refusal(node or fdef, "read.def_call_missing", name=fdef.name, arg=name)
                bound[name] = func.defaults[name]
        self.batch_from_params(bound)
        self.call_depth += 1
        loops, self.loop_depth = self.loop_depth, 0  # a break in the def's body cannot leave the caller's loop
        try:
            self.run_block(fdef.body, [bound] + func.outer, in_def=True)
        except _Return as result:
            return result.value
        finally:
            self.call_depth -= 1
            self.loop_depth = loops
        return Val(None)


def _is_main_guard(test: ast.expr) -> bool:
    return (isinstance(test, ast.Compare) and isinstance(test.left, ast.Name) and test.left.id == "__name__"
            and len(test.comparators) == 1 and isinstance(test.comparators[0], ast.Constant)
            and test.comparators[0].value == "__main__")


def _statement_word(stmt: ast.AST) -> str:
    return {"If": "if", "With": "with", "Try": "try", "Global": "global", "Nonlocal": "nonlocal", "Delete": "del",
            "Raise": "raise", "Assert": "assert", "Match": "match", "AsyncWith": "async with"}.get(
        type(stmt).__name__, type(stmt).__name__)


# -- bounds before any work -----------------------------------------------------------------------
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
        return safe_parse(source), None
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
    for count, node in enumerate(ast.walk(tree), 1):
        if count > MAX_NODES:
            line, col = position(node)
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
                line, col = position(node)
                notes.append(Note(line, col, "error", "read.too_deep", (("limit", str(MAX_DEPTH)),)))
                refused.add(id(stmt))
                break
            for child in ast.iter_child_nodes(node):
                stack.append((child, d + 1))
    return None, notes, refused


def read_code(source: str, assumed_input: tuple | None = None) -> ReadResult:
    """The model in pasted Keras code, its constants and notes. assumed_input: the input shape (without the
    batch axis) the learner typed for a model whose code gives none, or one per input ((5,), (6,)). Never
    raises, never runs code."""
    token = ASSUMED_INPUT.set(tuple(assumed_input) if assumed_input is not None else None)
    try:
        return _read(source)
    except Exception as error:  # a reader bug must not break the page: say so, show nothing
        return ReadResult(None, (), (Note(1, 0, "error", "read.internal", (("error", type(error).__name__),)),))
    finally:
        ASSUMED_INPUT.reset(token)


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
    except TooMuchWork:
        if not any(n.key == "read.too_much_work" for n in reader.notes):
            reader.note((1, 0), "error", "read.too_much_work", limit=f"{MAX_STEPS:,}")
        return ReadResult(None, (), reader.sorted_notes())
