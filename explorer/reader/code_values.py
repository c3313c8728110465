"""Values in pasted code, worked out without running it: literals and whole-number arithmetic,
and what else a name can hold while the code is read (a tensor, a layer, a model, a def).

A value remembers where it came from: the top-level constants it was computed from (so the
sidebar knows which constant feeds which layer argument) and its source text where that was a
name or an expression ("count_classes + 1"; "" for a literal). Every integer stays within
MAX_INT at every step, so no step can take long or print a huge number.
"""
from __future__ import annotations

import ast
import functools
import math
import re
from dataclasses import dataclass, field

from ..layers.base import LayerKind
from ..spec import InputSpec, LayerSpec, TensorRef
from ..safe_ast import parse as safe_parse

MAX_INT = 10**12  # |v| of any integer, literal or computed
MAX_POW_EXPONENT = 64
MAX_STR = 200  # characters of a string literal
MAX_ITEMS = 64  # entries of a tuple or list of values
MAX_TREE = 1024  # entries of nested tuples and lists, counted as if written out (shared parts once per use)


class Refusal(Exception):
    """Something the reader does not accept, at `node`: an i18n key and its (string) params.
    key None means "already explained elsewhere" (a value that could not be read earlier)."""

    def __init__(self, node: ast.AST | None, key: str | None, **params: object):
        super().__init__(key)
        self.node = node
        self.key = key
        self.params = tuple((k, str(v)) for k, v in params.items())


@dataclass(frozen=True)
class Val:
    """A plain value: int, float, str, bool, None, or a tuple of Val."""

    value: object
    deps: frozenset = frozenset()  # ids of the top-level constants it was computed from
    text: str = ""  # source text where it came from a name or an expression

    def plain(self) -> object:
        if isinstance(self.value, tuple):
            return tuple(item.plain() for item in self.value)
        return self.value

    def with_text(self, text: str) -> Val:
        return Val(self.value, self.deps, text)

    def with_deps(self, deps: frozenset) -> Val:
        return Val(self.value, self.deps | deps, self.text)


def deps_of(val: Val) -> frozenset:
    """Every constant a value (and each entry of a tuple value) was computed from."""
    deps = set(val.deps)
    if isinstance(val.value, tuple):
        for item in val.value:
            deps |= deps_of(item)
    return frozenset(deps)


# -- what names hold while the code is read ----------------------------------------------------
@dataclass(frozen=True)
class Poison:
    """A value that could not be read; its refusal is already a note, so using it says nothing."""

    line: int


@dataclass(frozen=True)
class Tensor:
    """The output of an input or a layer call: (node, index); index None is every output."""

    ref: TensorRef


@dataclass(frozen=True)
class Seq:
    """A list or tuple holding tensors, layers or models (plain data is a Val)."""

    items: tuple


@dataclass
class Hint:
    """A Keras 2 input argument on a layer (input_shape=...): the model's input if it comes first."""

    arg: str
    value: Val
    node: ast.AST


@dataclass
class LayerObj:
    """A constructed layer, named as Keras names it when it is constructed."""

    kind: LayerKind
    name: str
    args: tuple
    sources: tuple
    inner: LayerObj | None
    line: int
    col: int
    values: dict  # argument -> Val, for constants and input_length
    places: dict  # argument -> (line, col) of its keyword
    hints: list
    used: bool = False
    calls: int = 0  # how many times functional code called it (a later call shares the first's weights)

    def to_spec(self, inputs: tuple[TensorRef, ...] = ()) -> LayerSpec:
        inner = self.inner.to_spec() if self.inner is not None else None
        return LayerSpec(self.name, self.kind.class_name, self.args, inputs, inner, self.line, self.col, self.sources)

    def all_hints(self) -> list:
        return self.hints + (self.inner.all_hints() if self.inner is not None else [])

    def uses(self) -> list[tuple[int, str, str]]:
        out = [(dep, self.kind.class_name, arg) for arg, val in self.values.items() for dep in deps_of(val)]
        return out + (self.inner.uses() if self.inner is not None else [])


@dataclass
class InputLayerObj:
    """`layers.InputLayer(shape=...)`, the first entry of a Sequential."""

    spec: InputSpec
    used: bool = False


@dataclass
class ModelObj:
    style: str  # "sequential" | "functional"
    name: str
    line: int
    col: int
    layers: list = field(default_factory=list)  # sequential: LayerObj in order
    input: InputSpec | None = None  # sequential: its input once known
    keras_knows_input: bool = False  # Keras 3 itself knows the input shape (summary shows shapes)
    cut: bool = False  # a layer could not be read: the layers after it are not shown
    inputs: tuple = ()  # functional: input names
    outputs: tuple = ()  # functional: TensorRefs
    nested: bool = False  # used as a layer of another model (once)
    owned: bool = False  # made inside a class's method (self.block = keras.Sequential(...)): a part, not "the model"
    label: str = ""  # its class as Keras names it in a summary ("Sequential", "Functional")
    what: str = "model"  # what its group is when it is used as a layer (explorer.spec.GroupSpec.what)
    instance: object = None  # a subclassed model: its instance (code_classes.InstanceObj)
    # its first call as a layer of another model (code_models.FirstCall): a later call shares its layers
    first_call: object = None

    def __post_init__(self) -> None:
        self.label = self.label or ("Sequential" if self.style == "sequential" else "Functional")


@dataclass
class FuncObj:
    node: ast.FunctionDef
    defaults: dict
    called: bool = False
    outer: list = field(default_factory=list)  # the scopes it was defined in (a def inside a def sees its names)


@dataclass(frozen=True)
class Span:
    """range(start, stop, step): known, never expanded (a loop walks it step by step)."""

    start: int
    stop: int
    step: int

    def as_range(self) -> range:
        return range(self.start, self.stop, self.step)


@dataclass(frozen=True)
class DictVal:
    """A dict with plain keys (str, int...) whose values are anything the reader knows."""

    items: tuple  # ((key, value), ...), in insertion order

    def get(self, key: object) -> object | None:
        return next((v for k, v in self.items if k == key), None)


@dataclass(frozen=True)
class Builtin:
    """One of the pure builtins the reader works out (len, int, range...): code_builtins.py."""

    name: str


@dataclass(frozen=True)
class Partial:
    """functools.partial(callee, *args, **keywords): values bound ahead of the call."""

    callee: object
    args: tuple
    keywords: tuple  # ((name, value), ...)


@dataclass(frozen=True)
class KerasObject:
    """An initializer, regularizer or constraint object (keras.initializers.HeNormal()): what it is
    (what: "initializer", name: "he_normal"); it cannot change a shape."""

    what: str
    name: str


class Known(ast.expr):
    """A value the reader already knows, standing where an argument's syntax would be (the entries of
    *args and **kwargs, the arguments a partial binds): evaluating it gives the value back."""

    _fields = ()

    def __init__(self, held: object, like: ast.AST):
        super().__init__()
        self.held = held
        for attr in ("lineno", "col_offset", "end_lineno", "end_col_offset"):
            setattr(self, attr, getattr(like, attr, 1 if attr.endswith("lineno") else 0))


class Ignored(Poison):
    """The result of a call that is ignored (model.fit(...)): using it says nothing more."""


def tree_size(items: tuple, limit: int = MAX_TREE) -> int:
    """How many entries nested tuples and lists hold, written out; counting stops past `limit`, so a
    list that holds itself twice at every level ([s, s] a hundred times) costs no more than that."""
    count = 0
    stack = list(items)
    while stack and count <= limit:
        count += 1
        value = stack.pop()
        if isinstance(value, Val) and isinstance(value.value, tuple):
            stack.extend(value.value)
        elif isinstance(value, Seq):
            stack.extend(value.items)
    return count


@functools.lru_cache(maxsize=4096)  # a loop evaluates the same expression many times
def source_text(node: ast.AST) -> str:
    """The code of an expression, in one normal form: `count_classes+1` -> 'count_classes + 1'."""
    if isinstance(node, Known):
        return node.held.text if isinstance(node.held, Val) else ""
    if any(isinstance(n, Known) for n in ast.walk(node)):
        return ""
    return re.sub(r"\s+", " ", ast.unparse(node)).strip()


def is_int(value: object) -> bool:
    return type(value) is int


def check_int(value: int, node: ast.AST) -> int:
    if not -MAX_INT <= value <= MAX_INT:
        raise Refusal(node, "read.int_too_big", limit=f"{MAX_INT:,}")
    return value


def literal(node: ast.Constant) -> Val:
    """A literal within the bounds: ints, floats, short strings, True/False/None."""
    value = node.value
    if value is None or type(value) is bool:
        return Val(value)
    if type(value) is int:
        return Val(check_int(value, node))
    if type(value) is float:
        if not math.isfinite(value):
            raise Refusal(node, "read.float_bad")
        return Val(value)
    if type(value) is str:
        if len(value) > MAX_STR:
            raise Refusal(node, "read.str_too_long", limit=MAX_STR)
        return Val(value)
    if value is Ellipsis:  # a book's `x = ...`: the place left for a tensor
        raise Refusal(node, "read.ellipsis")
    raise Refusal(node, "read.literal_kind", kind=type(value).__name__)


def is_literal_code(node: ast.AST) -> bool:
    """True where the code is a plain literal (5, -5, "ave", (50, 8)): no source text to keep."""
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        return isinstance(node.operand, ast.Constant)
    if isinstance(node, (ast.Tuple, ast.List)):
        return all(is_literal_code(item) for item in node.elts)
    return False


def constant_literal(node: ast.AST) -> int | str | bool | None:
    """The value of `name = <this>` when it makes a sidebar constant: an int literal (negative
    too), True or False, or a one-line string literal; None otherwise (floats, expressions)."""
    if getattr(node, "lineno", 0) != getattr(node, "end_lineno", -1):
        return None
    if isinstance(node, ast.Constant) and type(node.value) in (int, str, bool):
        return node.value
    if (isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub) and isinstance(node.operand, ast.Constant)
            and type(node.operand.value) is int):
        return -node.operand.value
    return None


# -- writing a constant back ------------------------------------------------------------------------
def set_constant(source: str, constant, value: int | str | bool) -> str:
    """The source with exactly this constant's literal replaced by `value` (an int written in
    decimal, True or False, a string quoted as the original was). Raises ValueError if the value is out of
    bounds or the source no longer has that literal there."""
    if type(value) is not type(constant.value):
        raise ValueError("a constant keeps its type")
    if type(value) is bool:
        text = "True" if value else "False"
    elif type(value) is int:
        if not -MAX_INT <= value <= MAX_INT:
            raise ValueError("integer out of bounds")
        text = str(value)
    elif isinstance(value, str):
        if len(value) > MAX_STR:
            raise ValueError("string too long")
        text = None
    else:
        raise ValueError("a constant is an int, a bool or a str")
    lines = re.findall(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$", source)  # line ends as Python's tokenizer sees them
    if not 1 <= constant.line <= len(lines):
        raise ValueError("the constant's line is not in the source")
    raw = lines[constant.line - 1].encode("utf-8")  # ast columns count UTF-8 bytes
    old = raw[constant.col:constant.end_col].decode("utf-8", errors="strict")
    try:
        old_value = constant_literal(safe_parse(old, mode="eval").body)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        old_value = None
    if old_value is None or type(old_value) is not type(constant.value):
        raise ValueError("the source no longer has this constant's literal there")
    if text is None:
        quote = '"' if old.lstrip("rbuRBU")[:1] == '"' else "'"
        text = repr(value)
        if quote == '"' and "'" not in value and '"' not in value:
            text = '"' + text[1:-1] + '"'
    new = raw[:constant.col] + text.encode("utf-8") + raw[constant.end_col:]
    lines[constant.line - 1] = new.decode("utf-8")
    return "".join(lines)
