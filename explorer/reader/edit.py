"""Write one changed layer back into the learner's own code, without running any of it.

The code is parsed with `ast.parse` only. A layer's constructor call is found where the reader
saw it (LayerSpec.line / .col: the call `layers.LSTM(...)` itself, also inside
`layers.LSTM(...)(x)`, a Sequential list or `model.add(...)`), the new call is written by the
layer's kind (`LayerKind.code`) with the learner's own spelling of the class (`layers.`,
`keras.layers.`, `tf.keras.layers.`, a bare or aliased imported name), and it replaces exactly
that call's text. Everything else stays as the learner wrote it: the `(x)` after the call, other
lines, and the keyword arguments the kind does not write itself (`name=`, Keras 2's
`input_shape=`, regularizers...).

ast positions are (1-based line, UTF-8 byte column); they are turned into string indices here,
so lines with non-ASCII text (a Chinese comment, an accented name) are spliced correctly.
"""
from __future__ import annotations

import ast
import dataclasses
import difflib
import itertools
import re
from dataclasses import dataclass

from ..description import Fix, FixEdit
from ..layers import class_name_of, get_kind, layer_code, recurrent_layer, traits
from ..layers.base import literal_code
from ..spec import LayerSpec, ModelSpec
from ..safe_ast import parse as safe_parse

_LINE_BREAK = re.compile(r"\r\n|\r|\n")  # the line breaks ast counts (not \f or \v)


# -- positions -------------------------------------------------------------------------------------
def _line_starts(code: str) -> list[int]:
    """String index where each line starts; index 0 is line 1."""
    return [0] + [m.end() for m in _LINE_BREAK.finditer(code)]


def _index(code: str, starts: list[int], line: int, byte_col: int) -> int:
    """The string index of ast's (line, UTF-8 byte column)."""
    start = starts[line - 1]
    end = starts[line] if line < len(starts) else len(code)
    text = code[start:end]
    return start + len(text.encode("utf-8")[:byte_col].decode("utf-8", errors="ignore"))


def _span(code: str, starts: list[int], node: ast.AST) -> tuple[int, int]:
    return (_index(code, starts, node.lineno, node.col_offset),
            _index(code, starts, node.end_lineno, node.end_col_offset))


# -- finding the call ------------------------------------------------------------------------------
def _parse(code: str) -> ast.Module | None:
    try:
        return safe_parse(code)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def _constructor_at(tree: ast.Module, line: int, col: int) -> ast.Call | None:
    """The call that constructs a layer at (line, col): a Call whose callee is a name or an
    attribute (the outer call of `layers.Dense(3)(x)` starts at the same place but calls a call)."""
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and node.lineno == line and node.col_offset == col
                and isinstance(node.func, (ast.Name, ast.Attribute))):
            return node
    return None


def _aliases(tree: ast.Module) -> dict[str, str]:
    """Imported layer names: `from keras.layers import LSTM as L` -> {"L": "LSTM"}."""
    out: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            for alias in node.names:
                out[alias.asname or alias.name] = alias.name
    return out


def _callee(code: str, starts: list[int], call: ast.Call, class_name: str, aliases: dict[str, str]) -> str | None:
    """The learner's text for the class (`tf.keras.layers.LSTM`, `LSTM`, `L`), or None when the call
    is not that class (a merge helper such as `layers.concatenate([...])`, a variable holding a class)."""
    func = call.func
    if isinstance(func, ast.Attribute) and class_name_of(func.attr) != class_name:
        return None
    if isinstance(func, ast.Name) and class_name_of(aliases.get(func.id, func.id)) != class_name:
        return None
    begin, end = _span(code, starts, func)
    return code[begin:end]


def _inner_node(call: ast.Call) -> ast.expr | None:
    """A wrapper's inner layer: its first positional argument, or `layer=`."""
    if call.args and not isinstance(call.args[0], ast.Starred):
        return call.args[0]
    return next((k.value for k in call.keywords if k.arg == "layer"), None)


# -- writing the call ------------------------------------------------------------------------------
def _written_by_kind(kind, key: str) -> bool:
    rule = kind.rule(key)
    return rule is not None and not rule.deprecated and rule.type != "ignored"


def _fresh_sources(old: LayerSpec, new: LayerSpec) -> LayerSpec:
    """new without the learner's source text for arguments whose value changed: a changed value is
    written as the new literal, not as the name that gave the old one."""
    before = old.kwargs
    sources = tuple((k, v) for k, v in new.sources if k in before and before[k] == new.kwargs.get(k, object()))
    return dataclasses.replace(new, sources=sources)


def _call_text(code: str, starts: list[int], call: ast.Call, callee: str, old: LayerSpec, new: LayerSpec,
               inner_text: str) -> str:
    """The new constructor call: the kind's code with the learner's class spelling, then the
    learner's own keywords the kind does not write (name=, input_shape=, regularizers...)."""
    kind = get_kind(new.kind)
    text = kind.code(_fresh_sources(old, new), inner_text, prefix="")
    text = callee + text[len(kind.class_name):]
    kept = []
    for keyword in call.keywords:
        if keyword.arg is None or keyword.arg == "layer" or _written_by_kind(kind, keyword.arg):
            continue
        begin, end = _span(code, starts, keyword)
        kept.append(code[begin:end])
    if kept:
        text = text[:-1] + (", " if not text.endswith("()") else "") + ", ".join(kept) + ")"
    return text


def _edits(code: str, starts: list[int], tree: ast.Module, aliases: dict[str, str], old: LayerSpec,
           new: LayerSpec) -> list[tuple[int, int, str]] | None:
    """(begin, end, text) replacements that turn `old` into `new`; only calls that change are
    rewritten (an unchanged inner layer is kept as the learner wrote it). None if a call is missing."""
    if old == new:
        return []
    call = _constructor_at(tree, old.line, old.col)
    if call is None or old.kind != new.kind:
        return None
    callee = _callee(code, starts, call, old.kind, aliases)
    if callee is None:
        return None
    same_outer = dataclasses.replace(old, inner=None) == dataclasses.replace(new, inner=None)
    if (old.inner is None) != (new.inner is None):
        return None
    if old.inner is None:
        begin, end = _span(code, starts, call)
        return [(begin, end, _call_text(code, starts, call, callee, old, new, ""))]
    inner_node = _inner_node(call)
    if inner_node is None:
        return None
    inline = isinstance(inner_node, ast.Call) and (inner_node.lineno, inner_node.col_offset) == (
        old.inner.line, old.inner.col)
    if same_outer or not inline:  # the inner layer's own call (inline or on its own line) is edited
        inner_edits = _edits(code, starts, tree, aliases, old.inner, new.inner)
        if inner_edits is None or same_outer:
            return inner_edits
        begin, end = _span(code, starts, inner_node)
        outer = _call_text(code, starts, call, callee, old, new, code[begin:end])
        outer_begin, outer_end = _span(code, starts, call)
        return [(outer_begin, outer_end, outer)] + inner_edits
    inner_edits = _edits(code, starts, tree, aliases, old.inner, new.inner)
    if inner_edits is None:
        return None
    begin, end = _span(code, starts, inner_node)
    inner_text = _apply(code[begin:end], [(b - begin, e - begin, t) for b, e, t in inner_edits])
    outer_begin, outer_end = _span(code, starts, call)
    return [(outer_begin, outer_end, _call_text(code, starts, call, callee, old, new, inner_text))]


def _apply(code: str, edits: list[tuple[int, int, str]]) -> str:
    for begin, end, text in sorted(edits, reverse=True):
        code = code[:begin] + text + code[end:]
    return code


def replace_layer(code: str, layer: LayerSpec, new_layer: LayerSpec) -> str | None:
    """The code with `layer`'s constructor call rewritten as `new_layer` (same kind, other
    arguments; a wrapper's inner layer too). None when the call cannot be found where the reader
    saw it, or is not a plain call of the layer's class."""
    tree = _parse(code)
    if tree is None or not layer.line:
        return None
    starts = _line_starts(code)
    edits = _edits(code, starts, tree, _aliases(tree), layer, new_layer)
    if edits is None:
        return None
    overlapping = any(b2 < e1 for (_, e1, _), (b2, _, _) in zip(sorted(edits), sorted(edits)[1:]))
    return None if overlapping else _apply(code, edits)


def shared_call(spec: ModelSpec, layer: LayerSpec) -> bool:
    """True when another layer of the model comes from the same line of code (a def called twice):
    editing that call would change both."""
    return any(other.name != layer.name and (other.line, other.col) == (layer.line, layer.col)
               for other in spec.layers)


# -- the learner's spelling of layer classes -------------------------------------------------------
_LAYERS_MODULES = ("keras.layers", "tensorflow.keras.layers", "tf.keras.layers")


class _Spelling:
    """How the learner's code names a layer class, read from the call of one of their layers: the
    prefix they use (`layers.`, `keras.layers.`, `tf.keras.layers.`), or bare names imported from a
    layers module (`from tensorflow.keras.layers import Dense, LSTM`), to which a class the fix needs
    is added on that same import line (`..., LSTM, Reshape`). `ok` is False when neither is known."""

    def __init__(self, code: str, starts: list[int], tree: ast.Module, call: ast.Call):
        self.prefix: str | None = None
        self.bare: dict[str, str] = {}  # class name -> the learner's local name for it
        self.star = False
        self.import_end: int | None = None  # where `, Name` goes on the learner's import line
        self.added: list[str] = []
        func = call.func
        if isinstance(func, ast.Attribute):
            begin, end = _span(code, starts, func.value)
            self.prefix = code[begin:end] + "."
            return
        for node in ast.walk(tree):
            if not isinstance(node, ast.ImportFrom) or node.module not in _LAYERS_MODULES or node.level:
                continue
            for alias in node.names:
                if alias.name == "*":
                    self.star = True
                    continue
                cls = class_name_of(alias.name)
                if cls is not None:
                    self.bare.setdefault(cls, alias.asname or alias.name)
                if isinstance(func, ast.Name) and (alias.asname or alias.name) == func.id:
                    self.import_end = _span(code, starts, node.names[-1])[1]

    @property
    def ok(self) -> bool:
        return self.prefix is not None or self.star or self.import_end is not None

    def __call__(self, class_name: str) -> str:
        if self.prefix is not None:
            return self.prefix + class_name
        if class_name in self.bare:
            return self.bare[class_name]
        if not self.star and class_name not in self.added:
            self.added.append(class_name)
        return class_name

    def import_edits(self) -> list[tuple[int, int, str]]:
        if not self.added or self.import_end is None:
            return []
        return [(self.import_end, self.import_end, "".join(", " + name for name in self.added))]


def _written(layer: LayerSpec, spell: _Spelling) -> str:
    """A layer's Keras 3 code (its wrapped layer inside) with the learner's spelling of each class."""
    kind = get_kind(layer.kind)
    inner = _written(layer.inner, spell) if layer.inner is not None else ""
    text = kind.code(layer, inner, prefix="")
    return spell(kind.class_name) + text[len(kind.class_name):]


def _respelled(fix_code: str, spell: _Spelling) -> str | None:
    """The fix's own code (`layers.Reshape((64, 1))`, written by the explorer) with the learner's
    spelling of every `layers.X`; None when it is not one expression or names something else."""
    try:
        tree = safe_parse(fix_code, mode="eval")
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    starts = _line_starts(fix_code)
    edits = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "layers":
            cls = class_name_of(node.attr)
            if cls is None:
                return None
            begin, end = _span(fix_code, starts, node)
            edits.append((begin, end, spell(cls)))
    return _apply(fix_code, edits) if edits and isinstance(tree.body, ast.Call) else None


# -- where a layer sits in the code ----------------------------------------------------------------
def _parents(tree: ast.Module) -> dict[int, ast.AST]:
    return {id(child): node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}


def _line_indent(code: str, starts: list[int], line: int) -> str:
    text = code[starts[line - 1]:]
    return text[: len(text) - len(text.lstrip(" \t"))]


def _alone_on_line(code: str, starts: list[int], begin: int) -> bool:
    line_start = code.rfind("\n", 0, begin) + 1
    return code[line_start:begin].strip() == ""


def _place(code: str, starts: list[int], tree: ast.Module, call: ast.Call):
    """Where the layer's call sits: ("list", list node) as an element of a Sequential's list, ("add",
    statement) in `model.add(...)`, ("called", outer call) in `layers.X(...)(x)`; None elsewhere (a
    layer kept in a variable and called later)."""
    parents = _parents(tree)
    parent = parents.get(id(call))
    if isinstance(parent, (ast.List, ast.Tuple)) and any(e is call for e in parent.elts):
        return "list", parent
    if (isinstance(parent, ast.Call) and isinstance(parent.func, ast.Attribute) and parent.func.attr == "add"
            and parent.args and parent.args[0] is call and len(parent.args) == 1):
        statement = parents.get(id(parent))
        if isinstance(statement, ast.Expr) and statement.value is parent:
            return "add", statement
        return None
    if (isinstance(parent, ast.Call) and parent.func is call and len(parent.args) == 1 and not parent.keywords
            and not isinstance(parent.args[0], (ast.List, ast.Tuple, ast.Starred))):
        return "called", parent
    return None


def _insert(code: str, starts: list[int], tree: ast.Module, call: ast.Call, new_text: str,
            after: bool) -> list[tuple[int, int, str]] | None:
    place = _place(code, starts, tree, call)
    if place is None:
        return None
    how, node = place
    begin, end = _span(code, starts, call)
    if how == "list":
        if _alone_on_line(code, starts, begin):
            indent = _line_indent(code, starts, call.lineno)
            return [(end, end, f",\n{indent}{new_text}")] if after else [(begin, begin, f"{new_text},\n{indent}")]
        return [(end, end, f", {new_text}")] if after else [(begin, begin, f"{new_text}, ")]
    if how == "add":
        s_begin, s_end = _span(code, starts, node)
        receiver_begin, receiver_end = _span(code, starts, node.value.func)
        line = code[receiver_begin:receiver_end] + f"({new_text})"
        if not _alone_on_line(code, starts, s_begin):
            return None
        indent = _line_indent(code, starts, node.lineno)
        return [(s_end, s_end, f"\n{indent}{line}")] if after else [(s_begin, s_begin, f"{line}\n{indent}")]
    if after:  # the outer call's result goes through the new layer
        o_begin, o_end = _span(code, starts, node)
        return [(o_begin, o_begin, f"{new_text}("), (o_end, o_end, ")")]
    a_begin, a_end = _span(code, starts, node.args[0])
    return [(a_begin, a_begin, f"{new_text}("), (a_end, a_end, ")")]


def _remove(code: str, starts: list[int], tree: ast.Module, call: ast.Call) -> list[tuple[int, int, str]] | None:
    place = _place(code, starts, tree, call)
    if place is None:
        return None
    how, node = place
    begin, end = _span(code, starts, call)
    if how == "list":
        elts = node.elts
        at = next(i for i, e in enumerate(elts) if e is call)
        if at + 1 < len(elts):
            return [(begin, _span(code, starts, elts[at + 1])[0], "")]
        if at > 0:
            return [(_span(code, starts, elts[at - 1])[1], end, "")]
        return [(begin, end, "")]
    if how == "add":
        s_begin, s_end = _span(code, starts, node)
        if not _alone_on_line(code, starts, s_begin):
            return None
        line_start = code.rfind("\n", 0, s_begin) + 1
        line_end = code.find("\n", s_end)
        return [(line_start, len(code) if line_end < 0 else line_end + 1, "")]
    o_begin, o_end = _span(code, starts, node)
    a_begin, a_end = _span(code, starts, node.args[0])
    return [(o_begin, o_end, code[a_begin:a_end])]


_INPUT_KEYWORDS = ("input_shape", "batch_input_shape")


def _input_keywords(code: str, starts: list[int], call: ast.Call) -> tuple[list[tuple[int, int, str]], list[str]]:
    """The call's Keras 2 input keywords (`input_shape=(28, 28)`): the edits that take them out of it
    (with the comma before or after them), and their text, for the layer that now comes first."""
    parts = sorted(list(call.args) + list(call.keywords), key=lambda n: (n.lineno, n.col_offset))
    edits, texts = [], []
    for i, node in enumerate(parts):
        if not (isinstance(node, ast.keyword) and node.arg in _INPUT_KEYWORDS):
            continue
        begin, end = _span(code, starts, node)
        texts.append(code[begin:end])
        if i > 0:
            begin = _span(code, starts, parts[i - 1])[1]
        elif i + 1 < len(parts):
            end = _span(code, starts, parts[i + 1])[0]
        edits.append((begin, end, ""))
    return edits, texts


def _replace_other_kind(code: str, starts: list[int], call: ast.Call, new: LayerSpec,
                        spell: _Spelling) -> list[tuple[int, int, str]]:
    """The call written afresh as another kind (Conv2D -> Conv1D, TimeDistributed(Dense) -> Dense),
    keeping the learner's `name=` and the keywords the new kind accepts and does not write itself."""
    kind = get_kind(new.kind)
    text = _written(new, spell)
    kept = []
    for keyword in call.keywords:
        if keyword.arg is None or keyword.arg == "layer":
            continue
        if keyword.arg == "name" or (kind.rule(keyword.arg) is not None and not _written_by_kind(kind, keyword.arg)):
            begin, end = _span(code, starts, keyword)
            kept.append(code[begin:end])
    if kept:
        text = text[:-1] + (", " if not text.endswith("()") else "") + ", ".join(kept) + ")"
    begin, end = _span(code, starts, call)
    return [(begin, end, text)]


_SHAPE_KEYWORDS = {"shape": 0, "input_shape": 0, "batch_shape": 1, "batch_input_shape": 1}
_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)


class _NotWritten(Exception):
    """Why an input's shape cannot be written where the learner wrote it: `key` (its words:
    explorer/i18n/breakit_any.py) and the name involved."""

    def __init__(self, key: str, name: str = "", line: int = 0):
        super().__init__(key)
        self.key, self.name, self.line = key, name, line


def _shape_node(tree: ast.Module, line: int, col: int) -> tuple[ast.expr, int]:
    """The expression that gives an input its shape, and how many batch entries it starts with: the shape
    argument of `keras.Input(...)` / `InputLayer(...)` at (line, col), or a Keras 2 keyword's value there
    (`Conv2D(32, 3, input_shape=(28, 28, 1))`: the reader points at the keyword)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.keyword) and node.arg in (*_SHAPE_KEYWORDS, "input_dim") and (line, col) in (
                (node.lineno, node.col_offset), (node.value.lineno, node.value.col_offset)):
            return node.value, _SHAPE_KEYWORDS.get(node.arg, 0)
    call = _constructor_at(tree, line, col)
    if call is None:
        raise _NotWritten("edit.why.not_found")
    for keyword in call.keywords:
        if keyword.arg in _SHAPE_KEYWORDS:
            return keyword.value, _SHAPE_KEYWORDS[keyword.arg]
    callee = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")
    if call.args and callee == "Input" and not isinstance(call.args[0], ast.Starred):
        return call.args[0], 0
    raise _NotWritten("edit.why.not_found")


def _scope_of(parents: dict[int, ast.AST], node: ast.AST) -> ast.AST:
    """The function (or the module) whose names `node` reads."""
    while id(node) in parents:
        node = parents[id(node)]
        if isinstance(node, _SCOPES):
            return node
    return node


def _in_scope(scope: ast.AST):
    """The nodes of a scope, without those of the functions and classes defined in it."""
    todo = list(ast.iter_child_nodes(scope))
    while todo:
        node = todo.pop()
        yield node
        if not isinstance(node, _SCOPES):
            todo.extend(ast.iter_child_nodes(node))


def _bindings(parents: dict[int, ast.AST], scope: ast.AST, name: str) -> list[tuple[str, ast.AST]]:
    """Where a scope gives `name` a value: ("value", expr) for `name = expr`, ("loop", iterable) for
    `for name in ...`, ("other", node) for any other store (an unpacking, `+=`, `with ... as name`)."""
    found: list[tuple[str, ast.AST]] = []
    for node in _in_scope(scope):
        if isinstance(node, (ast.Global, ast.Nonlocal)) and name in node.names:
            found.append(("other", node))
        if not (isinstance(node, ast.Name) and node.id == name and isinstance(node.ctx, ast.Store)):
            continue
        parent = parents.get(id(node))
        plain = isinstance(parent, ast.Assign) and parent.targets == [node]
        if plain or (isinstance(parent, ast.AnnAssign) and parent.target is node and parent.value is not None):
            found.append(("value", parent.value))
        elif isinstance(parent, (ast.For, ast.AsyncFor)) and parent.target is node:
            found.append(("loop", parent.iter))
        else:
            found.append(("other", node))
    return found


def _parameter(scope: ast.AST, name: str) -> tuple[int, ast.expr | None] | None:
    """(position, default) of `name` among a def's parameters, or None when it is not one."""
    if not isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return None
    args = scope.args
    positional = args.posonlyargs + args.args
    defaults = [None] * (len(positional) - len(args.defaults)) + list(args.defaults)
    for i, arg in enumerate(positional):
        if arg.arg == name:
            return i, defaults[i]
    for arg, default in zip(args.kwonlyargs, args.kw_defaults):
        if arg.arg == name:
            return -1, default
    if (args.vararg and args.vararg.arg == name) or (args.kwarg and args.kwarg.arg == name):
        raise _NotWritten("edit.why.packed_parameter", name, scope.lineno)
    return None


def _argument(tree: ast.Module, scope: ast.FunctionDef, position: int, name: str,
              default: ast.expr | None) -> ast.expr:
    """The value a def's parameter gets: the argument its one call passes, or its default when no call
    passes one. Several calls (or a call and the default) give it several values: not one literal."""
    passed, calls = [], 0
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        callee = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)
        if callee != scope.name:
            continue
        calls += 1
        if any(isinstance(a, ast.Starred) for a in node.args) or any(k.arg is None for k in node.keywords):
            raise _NotWritten("edit.why.def_calls", name, scope.lineno)
        given = next((k.value for k in node.keywords if k.arg == name), None)
        if given is None and 0 <= position < len(node.args):
            given = node.args[position]
        if given is not None:
            passed.append(given)
    if len(passed) == 1 and calls == 1:
        return passed[0]
    if not passed and default is not None:
        return default
    raise _NotWritten("edit.why.def_calls", name, scope.lineno)


def _literal(tree: ast.Module, parents: dict[int, ast.AST], node: ast.expr, depth: int = 0) -> ast.expr:
    """The tuple or list the learner wrote for a shape, followed through names: a constant
    (`input_shape = (28, 28, 1)`), a def's default or the argument of its one call, a loop over one value."""
    if isinstance(node, (ast.Tuple, ast.List)) or (isinstance(node, ast.Constant) and type(node.value) is int):
        return node
    if not isinstance(node, ast.Name) or depth > 4:
        raise _NotWritten("edit.why.expression")
    name = node.id
    scope = _scope_of(parents, node)
    found = _bindings(parents, scope, name)
    parameter = _parameter(scope, name) if not found else None
    if parameter is not None:
        value = _argument(tree, scope, parameter[0], name, parameter[1])
        return _literal(tree, parents, value, depth + 1)
    if not found and not isinstance(scope, ast.Module):
        scope = tree
        found = _bindings(parents, tree, name)
    if len(found) != 1:
        raise _NotWritten("edit.why.assigned_often" if found else "edit.why.unknown_name", name)
    how, value = found[0]
    if how == "loop":
        if isinstance(value, (ast.List, ast.Tuple)) and len(value.elts) == 1:
            return _literal(tree, parents, value.elts[0], depth + 1)
        raise _NotWritten("edit.why.loop", name, getattr(value, "lineno", 0))
    if how != "value":
        raise _NotWritten("edit.why.assigned_often", name)
    return _literal(tree, parents, value, depth + 1)


def _literal_edit(code: str, starts: list[int], node: ast.expr, batch: int, old: tuple,
                  shape: tuple) -> list[tuple[int, int, str]]:
    """The tuple or list `node` (the old shape, after `batch` batch entries) written as `shape`: the learner's
    own text kept for each entry that does not change (`(rows, cols, 1)` -> `(rows, cols)`)."""
    begin, end = _span(code, starts, node)
    if isinstance(node, ast.Constant):  # input_dim=100, or shape=100
        if batch or len(shape) != 1 or old != (node.value,):
            raise _NotWritten("edit.why.expression")
        return [(begin, end, str(shape[0]))]
    elts = node.elts
    if any(isinstance(e, ast.Starred) for e in elts) or len(elts) != batch + len(old):
        raise _NotWritten("edit.why.expression")
    for element, value in zip(elts[batch:], old):
        if isinstance(element, ast.Constant) and element.value != value:
            raise _NotWritten("edit.why.expression")  # the reader read another value than this literal
    texts = [code[slice(*_span(code, starts, e))] for e in elts[:batch]]
    for i, value in enumerate(shape):
        same = i < len(old) and old[i] == value
        texts.append(code[slice(*_span(code, starts, elts[batch + i]))] if same else literal_code(value))
    if isinstance(node, ast.List):
        return [(begin, end, "[" + ", ".join(texts) + "]")]
    return [(begin, end, "(" + ", ".join(texts) + ("," if len(texts) == 1 else "") + ")")]


def _input_shape(code: str, starts: list[int], tree: ast.Module, spec: ModelSpec, name: str,
                 shape: tuple) -> list[tuple[int, int, str]]:
    """The input `name`'s shape written as `shape` where the learner wrote it: `keras.Input(shape=...)`'s
    (or its first argument), a first layer's Keras 2 `input_shape=` / `batch_input_shape=` / `input_dim=`, or
    the literal a name there holds (a constant, a def's default, a loop over one value). Raises _NotWritten."""
    found = next((i for i in spec.inputs if i.name == name), None)
    if found is None or not found.line or not shape:
        raise _NotWritten("edit.why.not_found")
    node, batch = _shape_node(tree, found.line, found.col)
    literal = _literal(tree, _parents(tree), node)
    return _literal_edit(code, starts, literal, batch, tuple(found.shape), tuple(shape))


def not_written(code: str, spec: ModelSpec, edit: FixEdit) -> tuple[str, dict[str, str]] | None:
    """Why an input shape edit cannot be written into the code: (an i18n key, its params), or None when it can
    (or the edit is another kind of change)."""
    tree = _parse(code)
    if edit.action != "input_shape" or tree is None:
        return None
    try:
        _input_shape(code, _line_starts(code), tree, spec, edit.at, edit.shape)
    except _NotWritten as why:
        return why.key, {"name": why.name, "line": str(why.line)}
    return None


# -- the one-click fix -----------------------------------------------------------------------------
def _with(layer: LayerSpec, name: str, value) -> LayerSpec:
    return dataclasses.replace(layer, args=tuple(sorted({**layer.kwargs, name: value}.items())),
                               sources=tuple((k, v) for k, v in layer.sources if k != name))


def _legacy_edit(spec: ModelSpec, fix: Fix) -> FixEdit | None:
    """The edit of a fix a kind gives without one: `fix.return_sequences` (return_sequences=True on the
    producing RNN, or on the RNN its Bidirectional wraps) and `fix.merge_mode` (merge_mode="concat"), when
    the fix's code (the whole layer, or the argument alone) is part of what it writes: the button does
    exactly what the page shows."""
    edit = _read_edit(spec, fix)
    return edit if edit is not None and fix.code in layer_code(edit.layer) else None


def _read_edit(spec: ModelSpec, fix: Fix) -> FixEdit | None:
    name = dict(fix.params).get("layer", "")
    layer = next((layer for layer in spec.layers if layer.name == name), None)
    if layer is None:
        return None
    if fix.key == "fix.return_sequences":
        rnn = recurrent_layer(layer)
        if rnn is None:
            return None
        new = _with(layer, "return_sequences", True) if rnn is layer else dataclasses.replace(
            layer, inner=_with(rnn, "return_sequences", True))
        return FixEdit("replace", layer.name, new)
    if fix.key == "fix.merge_mode" and traits(layer.kind).directions > 1:
        return FixEdit("replace", layer.name, _with(layer, "merge_mode", "concat"))
    return None


def fix_edit(spec: ModelSpec, failure) -> FixEdit | None:
    """The failure's fix as an edit of the model: the fix's own, or one read from its key; None for advice."""
    fix = getattr(failure, "fix", None)
    if fix is None:
        return None
    return fix.edit if fix.edit is not None else _legacy_edit(spec, fix)


def fixed_layer(spec: ModelSpec, failure) -> tuple[LayerSpec, LayerSpec] | None:
    """(the layer as it is, the layer as the fix writes it) for a fix that replaces one layer; else None."""
    edit = fix_edit(spec, failure)
    if edit is None or edit.action != "replace" or not isinstance(edit.layer, LayerSpec):
        return None
    layer = next((layer for layer in spec.layers if layer.name == edit.at), None)
    return (layer, edit.layer) if layer is not None else None


def apply_edit(code: str, spec: ModelSpec, edit: FixEdit, fix_code: str = "") -> str | None:
    """The learner's code with the edit written in their own import style, or None when it cannot be
    written exactly (the call is not found where the reader saw it, one line makes several layers, the
    layer is kept in a variable and called elsewhere, the class spelling is unknown). Pure text and ast:
    nothing is run."""
    tree = _parse(code)
    if tree is None:
        return None
    starts = _line_starts(code)
    if edit.action == "input_shape":
        try:
            edited = _apply(code, _input_shape(code, starts, tree, spec, edit.at, edit.shape))
        except _NotWritten:
            return None
        return edited if edited != code else None
    layer = next((layer for layer in spec.layers if layer.name == edit.at), None)
    if layer is None or not layer.line or shared_call(spec, layer):
        return None
    call = _constructor_at(tree, layer.line, layer.col)
    if call is None or _callee(code, starts, call, layer.kind, _aliases(tree)) is None:
        return None
    spell = _Spelling(code, starts, tree, call)
    new = edit.layer if isinstance(edit.layer, LayerSpec) else None
    if edit.action == "replace":
        if new is None:
            return None
        if new.kind == layer.kind:
            edited = replace_layer(code, layer, dataclasses.replace(new, line=layer.line, col=layer.col))
            return edited if edited != code else None
        if get_kind(new.kind) is None or not spell.ok:
            return None
        edits = _replace_other_kind(code, starts, call, new, spell)
    elif edit.action in ("insert_before", "insert_after"):
        if not spell.ok:
            return None
        if new is not None and get_kind(new.kind) is not None:
            text = _written(new, spell)
        else:
            text = _respelled(fix_code, spell)
        if not text:
            return None
        moved: list[tuple[int, int, str]] = []
        if edit.action == "insert_before":  # Keras 2's input_shape= belongs to the model's first layer
            moved, given = _input_keywords(code, starts, call)
            if given:
                text = text[:-1] + (", " if not text.endswith("()") else "") + ", ".join(given) + ")"
        edits = _insert(code, starts, tree, call, text, edit.action == "insert_after")
        edits = None if edits is None else edits + moved
    elif edit.action == "remove":
        edits = _remove(code, starts, tree, call)
    else:
        return None
    if edits is None:
        return None
    edits = edits + spell.import_edits()
    if any(b2 < e1 for (_, e1, _), (b2, _, _) in itertools.pairwise(sorted(edits))):
        return None
    edited = _apply(code, edits)
    return edited if edited != code else None


def apply_fix(code: str, spec: ModelSpec, failure) -> str | None:
    """The learner's code with the failure's fix written in (see apply_edit), or None: no button then."""
    edit = fix_edit(spec, failure)
    if edit is None:
        return None
    return apply_edit(code, spec, edit, failure.fix.code)



def apply_line_fix(code: str, first: int, last: int, text: str) -> str | None:
    """The learner's code with lines first..last (1-based, as ast counts them) replaced by `text` (a fix of the
    training code: explorer.fit_check.LineFix), in the code's own line breaks; None when those lines are not in
    the code or nothing changes. Pure text: nothing is run."""
    starts = _line_starts(code)
    if not 1 <= first <= last <= len(starts):
        return None
    begin = starts[first - 1]
    end = starts[last] if last < len(starts) else len(code)
    block = code[begin:end]
    breaks = _LINE_BREAK.findall(block)
    newline = breaks[0] if breaks else "\n"
    last_break = re.search(r"(\r\n|\r|\n)\Z", block)
    ending = last_break.group(0) if last_break else ""
    edited = code[:begin] + newline.join(text.split("\n")) + ending + code[end:]
    return edited if edited != code else None


# -- what changed ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Change:
    """One change between two versions of the code, for the page's note. what: "added" (text added to
    line `line`), "removed" (text removed from it), "changed" (the line `before` is now `text`),
    "line_added" (a new line `line`), "line_removed" (old line `line`, `text`, is gone)."""

    line: int
    what: str
    text: str
    before: str = ""


MAX_CHANGES = 6
_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")
_TRIM = " ,\t"


def _within_line(line: int, old: str, new: str) -> Change:
    """One line's change, said by its words: one piece added (`return_sequences=True`), one removed, or the
    line as it was and as it is."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    ops = [op for op in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes() if op[0] != "equal"]
    if len(ops) == 1 and ops[0][0] in ("insert", "delete"):
        op, i1, i2, j1, j2 = ops[0]
        piece = "".join(b[j1:j2] if op == "insert" else a[i1:i2]).strip(_TRIM)
        if re.search(r"\w", piece):
            return Change(line, "added" if op == "insert" else "removed", piece)
    return Change(line, "changed", new.strip(), old.strip())


def changes(old: str, new: str) -> tuple[Change, ...]:
    """What differs between two versions of the code, line by line (at most MAX_CHANGES; numbers are
    lines of the new code, and of the old one for a removed line)."""
    a, b = old.splitlines(), new.splitlines()
    out: list[Change] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        out += _block(a, b, i1, i2, j1, j2)
    return tuple(out[:MAX_CHANGES])


def _alike(old: str, new: str) -> bool:
    return difflib.SequenceMatcher(None, old.strip(), new.strip(), autojunk=False).ratio() >= 0.6


def _block(a: list[str], b: list[str], i1: int, i2: int, j1: int, j2: int) -> list[Change]:
    """Old lines a[i1:i2] replaced by new lines b[j1:j2]: a line and the alike line that took its place are
    one changed line; the others were removed or added."""
    out: list[Change] = []
    i = i1
    for j in range(j1, j2):
        match = next((k for k in range(i, i2) if _alike(a[k], b[j])), None)
        if match is None:
            out.append(Change(j + 1, "line_added", b[j].strip()))
            continue
        out += [Change(k + 1, "line_removed", a[k].strip()) for k in range(i, match)]
        out.append(_within_line(j + 1, a[match], b[j]))
        i = match + 1
    return out + [Change(k + 1, "line_removed", a[k].strip()) for k in range(i, i2)]
