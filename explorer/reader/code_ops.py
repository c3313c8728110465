"""Operations on plain values in pasted code, worked out without running it: arithmetic on whole
numbers and floats, strings and tuples joined or repeated, comparisons, truth, f-strings and
str.format, indexing and slicing. Each result stays within the reader's bounds (MAX_INT, finite
floats, MAX_STR characters, MAX_ITEMS entries), so no operation can take long or grow large.

Values here are the reader's `Val` (int, float, str, bool, None, or a tuple of Val), `Span` (a
range, never expanded) and `DictVal`; anything else is refused by the caller.
"""
from __future__ import annotations

import ast
import math
import re
import string

from .code_values import (MAX_INT, MAX_ITEMS, MAX_POW_EXPONENT, MAX_STR, MAX_TREE, DictVal, Refusal, Span, Tensor, Val,
                          check_int, tree_size)

MAX_FLOAT = 1e18  # |x| of any float worked out

_OPS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.FloorDiv: "//", ast.Mod: "%", ast.Pow: "**",
        ast.Div: "/"}
_COMPARE = {ast.Eq: "==", ast.NotEq: "!=", ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.In: "in",
            ast.NotIn: "not in", ast.Is: "is", ast.IsNot: "is not"}
# a format spec a learner writes in a name ("03d", ".2f", ">4"): short widths only, so no huge string is made
_SPEC = re.compile(r"(?:.?[<>^=])?[+\- ]?#?0?\d{0,2}[,_]?(?:\.\d{1,2})?[bdeEfFgGnosxX%]?")
_PERCENT = re.compile(r"%%|%[-+ #0]?\d{0,2}(?:\.\d{1,2})?[sdifr]")


def is_number(value: object) -> bool:
    return type(value) in (int, float)


def check_float(value: float, node: ast.AST) -> float:
    if not math.isfinite(value) or abs(value) > MAX_FLOAT:
        raise Refusal(node, "read.float_bad")
    return value


def number(value: object, node: ast.AST) -> int | float:
    return check_int(value, node) if type(value) is int else check_float(value, node)


def checked(value: object, deps: frozenset, node: ast.AST) -> Val:
    """A Python result as a Val, within the bounds."""
    if type(value) in (int, float):
        return Val(number(value, node), deps)
    if type(value) is str:
        if len(value) > MAX_STR:
            raise Refusal(node, "read.str_too_long", limit=MAX_STR)
        return Val(value, deps)
    if type(value) is bool or value is None:
        return Val(value, deps)
    raise Refusal(node, "read.not_a_value", code="")


def negate(value: Val, node: ast.AST) -> Val:
    if is_number(value.value):
        return Val(number(-value.value, node), value.deps)
    raise Refusal(node, "read.arith_not_number", op="-")


def arithmetic(op: ast.operator, left: Val, right: Val, node: ast.AST) -> Val:
    """left op right on numbers (whole numbers stay whole, '/' gives a float), strings and tuples
    joined with + or repeated with *, and '%' formatting of a string; bounded."""
    symbol = _OPS.get(type(op))
    if symbol is None:
        raise Refusal(node, "read.operator", op=type(op).__name__)
    a, b = left.value, right.value
    deps = left.deps | right.deps
    if is_number(a) and is_number(b):
        return Val(_numbers(symbol, a, b, node), deps)
    if symbol == "+" and type(a) is type(b) and type(a) in (str, tuple):
        return _sized(a + b, deps, node)
    if symbol == "*" and (type(a) is int or type(b) is int) and (type(a) in (str, tuple) or type(b) in (str, tuple)):
        seq, times = (a, b) if type(b) is int else (b, a)
        if type(seq) not in (str, tuple):
            raise Refusal(node, "read.arith_not_number", op=symbol)
        limit = MAX_STR if type(seq) is str else MAX_ITEMS
        if times > 0 and len(seq) * times > limit:
            raise Refusal(node, "read.str_too_long" if type(seq) is str else "read.seq_too_long", limit=limit)
        return _sized(seq * max(times, 0), deps, node)
    if symbol == "%" and type(a) is str:
        return Val(percent_format(a, right, node), deps)
    raise Refusal(node, "read.arith_not_number", op=symbol)


def _sized(value: str | tuple, deps: frozenset, node: ast.AST) -> Val:
    if type(value) is tuple:
        return Val(check_items(value, node), deps)
    if len(value) > MAX_STR:
        raise Refusal(node, "read.str_too_long", limit=MAX_STR)
    return Val(value, deps)


def _numbers(symbol: str, a: int | float, b: int | float, node: ast.AST) -> int | float:
    if symbol in ("/", "//", "%") and b == 0:
        raise Refusal(node, "read.zero_division")
    if symbol == "**":
        if not -MAX_POW_EXPONENT <= b <= MAX_POW_EXPONENT:
            raise Refusal(node, "read.pow_too_big", limit=MAX_POW_EXPONENT)
        if a == 0 and b < 0:
            raise Refusal(node, "read.zero_division")
        if type(a) is int and type(b) is int and b >= 0:
            return check_int(a**b, node)  # |a| <= 10**12 and b <= 64: at most ~800 digits, then bounded
        try:
            result = float(a) ** float(b)
        except OverflowError:
            raise Refusal(node, "read.float_bad") from None
        if isinstance(result, complex):
            raise Refusal(node, "read.float_bad")
        return check_float(result, node)
    result = {"+": lambda: a + b, "-": lambda: a - b, "*": lambda: a * b, "/": lambda: a / b,
              "//": lambda: a // b, "%": lambda: a % b}[symbol]()
    return number(result, node)


def compare(op: ast.cmpop, left: object, right: object, node: ast.AST) -> bool:
    """left op right for plain values; `is` / `is not` also between None and any other value."""
    symbol = _COMPARE[type(op)]
    if symbol in ("is", "is not"):
        none_left = isinstance(left, Val) and left.value is None
        none_right = isinstance(right, Val) and right.value is None
        if not (none_left or none_right or (isinstance(left, Val) and isinstance(right, Val)
                                            and type(left.value) is bool and type(right.value) is bool)):
            raise Refusal(node, "read.compare", op=symbol)
        same = none_left and none_right if (none_left or none_right) else left.value is right.value
        return same if symbol == "is" else not same
    if symbol in ("in", "not in"):
        found = contains(right, left, node)
        return found if symbol == "in" else not found
    if not isinstance(left, Val) or not isinstance(right, Val):
        raise Refusal(node, "read.compare", op=symbol)
    a, b = left.plain(), right.plain()
    if symbol == "==":
        return a == b
    if symbol == "!=":
        return a != b
    if not ((is_number(a) and is_number(b)) or (type(a) is type(b) and type(a) in (str, tuple))):
        raise Refusal(node, "read.compare", op=symbol)
    try:
        return {"<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b}[symbol]
    except TypeError:
        raise Refusal(node, "read.compare", op=symbol) from None


def contains(container: object, item: object, node: ast.AST) -> bool:
    if not isinstance(item, Val):
        raise Refusal(node, "read.compare", op="in")
    if isinstance(container, Span):
        value = item.value
        return type(value) is int and value in container.as_range()
    if isinstance(container, DictVal):
        return any(k == item.plain() for k, _ in container.items)
    if isinstance(container, Val) and type(container.value) is str and type(item.value) is str:
        return item.value in container.value
    if isinstance(container, Val) and isinstance(container.value, tuple):
        return item.plain() in container.plain()
    raise Refusal(node, "read.compare", op="in")


def truth(value: object, node: ast.AST) -> bool:
    """Python's truth of a value the reader knows; tensors, layers and models are objects: true."""
    if isinstance(value, Val):
        return bool(value.plain())
    if isinstance(value, Span):
        return len(value.as_range()) > 0
    if isinstance(value, DictVal):
        return bool(value.items)
    if isinstance(value, Tensor):  # a symbolic tensor has no truth until the model runs
        raise Refusal(node, "read.condition_unknown")
    items = getattr(value, "items", None)
    if isinstance(items, tuple):  # a Seq of tensors or layers
        return bool(items)
    return True


def index_of(value: Val, node: ast.AST) -> int:
    if type(value.value) is not int:
        raise Refusal(node, "read.subscript")
    return value.value


def take(items: tuple | str | range, index: object, node: ast.AST) -> object:
    """items[index] where index is a whole number (negative from the end) or a slice (a, b, c)."""
    if isinstance(index, slice):
        if index.step == 0:
            raise Refusal(node, "read.subscript")
        return items[index]
    if not -len(items) <= index < len(items):
        raise Refusal(node, "read.index_range", index=index, size=len(items))
    return items[index]


# -- strings ----------------------------------------------------------------------------------------
def format_value(value: Val, spec: str, conversion: int, node: ast.AST) -> str:
    """One field of an f-string or str.format: a plain value with a short format spec."""
    plain = value.plain()
    if isinstance(plain, tuple) and conversion == -1 and not spec:
        conversion = ord("s")
    if conversion in (ord("r"), ord("a")):
        plain = repr(plain)
    elif conversion == ord("s"):
        plain = str(plain)
    if len(spec) > 12 or not _SPEC.fullmatch(spec):
        raise Refusal(node, "read.format_spec", spec=spec[:20])
    try:
        text = format(plain, spec)
    except (ValueError, TypeError):
        raise Refusal(node, "read.format_spec", spec=spec[:20]) from None
    if len(text) > MAX_STR:
        raise Refusal(node, "read.str_too_long", limit=MAX_STR)
    return text


def str_format(template: str, args: list[Val], kwargs: dict[str, Val], node: ast.AST) -> str:
    """'conv_{}_{name}'.format(...) with plain values: fields by position or name, no attribute or index
    lookups inside a field."""
    out: list[str] = []
    auto = 0
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError:
        raise Refusal(node, "read.format_spec", spec=template[:20]) from None
    for literal_text, field, spec, conversion in parsed:
        out.append(literal_text)
        if field is None:
            continue
        if field == "":
            key: int | str = auto
            auto += 1
        elif field.isdigit():
            key = int(field)
        elif field.isidentifier():
            key = field
        else:
            raise Refusal(node, "read.format_spec", spec=field[:20])
        value = args[key] if isinstance(key, int) and key < len(args) else kwargs.get(key) if isinstance(key, str) \
            else None
        if value is None or (spec and "{" in spec):
            raise Refusal(node, "read.format_spec", spec=str(field)[:20])
        out.append(format_value(value, spec or "", ord(conversion) if conversion else -1, node))
    text = "".join(out)
    if len(text) > MAX_STR:
        raise Refusal(node, "read.str_too_long", limit=MAX_STR)
    return text


def percent_format(template: str, values: object, node: ast.AST) -> str:
    """'conv%d' % i and '%s_%d' % (a, b): plain values, short fields, no %(name)s."""
    consumed = sum(m.group().count("%") for m in _PERCENT.finditer(template))
    if consumed != template.count("%") or not isinstance(values, Val):
        raise Refusal(node, "read.format_spec", spec=template[:20])
    try:
        text = template % values.plain()
    except (TypeError, ValueError, OverflowError):
        raise Refusal(node, "read.format_spec", spec=template[:20]) from None
    if len(text) > MAX_STR:
        raise Refusal(node, "read.str_too_long", limit=MAX_STR)
    return text


def check_items(items: tuple, node: ast.AST, limit: int = MAX_ITEMS) -> tuple:
    """The entries of a new tuple or list: at most `limit`, and nested ones at most MAX_TREE written out."""
    if len(items) > limit:
        raise Refusal(node, "read.seq_too_long", limit=limit)
    if tree_size(items) > MAX_TREE:
        raise Refusal(node, "read.seq_too_long", limit=MAX_TREE)
    return items


__all__ = ["MAX_INT", "arithmetic", "compare", "negate", "truth"]
