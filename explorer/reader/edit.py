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
import re

from ..layers import class_name_of, get_kind, recurrent_layer, traits
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


# -- the one-click fix -----------------------------------------------------------------------------
def _with(layer: LayerSpec, name: str, value) -> LayerSpec:
    return dataclasses.replace(layer, args=tuple(sorted({**layer.kwargs, name: value}.items())),
                               sources=tuple((k, v) for k, v in layer.sources if k != name))


def fixed_layer(spec: ModelSpec, failure) -> tuple[LayerSpec, LayerSpec] | None:
    """(the layer as it is, the layer as the failure's fix writes it), for the fixes that change one
    argument of one layer: `fix.return_sequences` (return_sequences=True on the producing RNN, or on
    the RNN its Bidirectional wraps) and `fix.merge_mode` (merge_mode="concat"). Else None."""
    fix = getattr(failure, "fix", None)
    if fix is None:
        return None
    name = dict(fix.params).get("layer", "")
    layer = next((layer for layer in spec.layers if layer.name == name), None)
    if layer is None:
        return None
    if fix.key == "fix.return_sequences":
        rnn = recurrent_layer(layer)
        if rnn is None:
            return None
        if rnn is layer:
            new = _with(layer, "return_sequences", True)
        else:
            new = dataclasses.replace(layer, inner=_with(rnn, "return_sequences", True))
    elif fix.key == "fix.merge_mode" and traits(layer.kind).directions > 1:
        new = _with(layer, "merge_mode", "concat")
    else:
        return None
    return layer, new


def apply_fix(code: str, spec: ModelSpec, failure) -> str | None:
    """The learner's code with the failure's fix written in, or None when the fix is not one
    argument of one layer (no button then), the call cannot be found, or the fix's own code (the
    whole layer, or the argument alone: `return_sequences=True`) is not part of what this change
    writes (so the button does exactly what the page shows)."""
    from ..shapes import layer_code

    found = fixed_layer(spec, failure)
    if found is None or shared_call(spec, found[0]):
        return None
    old, new = found
    if failure.fix.code not in layer_code(new):
        return None
    edited = replace_layer(code, old, new)
    return edited if edited is not None and edited != code else None
