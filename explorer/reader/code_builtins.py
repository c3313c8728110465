"""The pure builtins the code reader works out on values it knows, and the methods of plain values
(`"conv_{}".format(i)`, `d.items()`). Nothing here runs user code: each builtin is our own function
over the reader's values, bounded like every value (code_ops.py). A name not in BUILTINS is refused
by the reader, so `open`, `eval`, `getattr` and `__import__` stay unknown calls.
"""
from __future__ import annotations

import ast
from collections.abc import Callable, Iterator

from .code_limits import MAX_LAYERS
from .code_ops import check_float, check_items, checked, compare, is_number, str_format, truth
from .code_values import DictVal, Refusal, Seq, Span, Val, check_int

Step = Callable[[ast.AST], None]


def iterate(value: object, node: ast.AST) -> Iterator[object]:
    """The items a `for` walks over a known value: a range (never expanded), a tuple or list, a string,
    a list of tensors or layers, a dict's keys."""
    if isinstance(value, Span):
        for i in value.as_range():
            yield Val(i)
    elif isinstance(value, Val) and isinstance(value.value, tuple):
        yield from value.value
    elif isinstance(value, Val) and type(value.value) is str:
        for ch in value.value:
            yield Val(ch, value.deps)
    elif isinstance(value, Seq):
        yield from value.items
    elif isinstance(value, DictVal):
        for key, _ in value.items:
            yield Val(key)
    else:
        raise Refusal(node, "read.not_iterable")


def collect(items: list[object], node: ast.AST) -> object:
    """A list the reader made (a comprehension, list(...)): a Val when every item is plain, else a Seq."""
    if all(isinstance(item, Val) for item in items):
        return Val(check_items(tuple(items), node))
    return Seq(check_items(tuple(items), node, MAX_LAYERS))


def bounded(value: object, node: ast.AST, step: Step) -> list[object]:
    """Every item of a known iterable, each a step, at most MAX_LAYERS of them."""
    out = []
    for item in iterate(value, node):
        step(node)
        out.append(item)
        if len(out) > MAX_LAYERS:
            raise Refusal(node, "read.seq_too_long", limit=MAX_LAYERS)
    return out


def _plain(value: object, node: ast.AST) -> Val:
    if not isinstance(value, Val):
        raise Refusal(node, "read.builtin_arg")
    return value


def _deps(values) -> frozenset:
    out: set = set()
    for value in values:
        if isinstance(value, Val):
            out |= value.deps
    return frozenset(out)


def _one(args: list, kwargs: dict, node: ast.AST, name: str) -> object:
    if len(args) != 1 or kwargs:
        raise Refusal(node, "read.builtin_args", name=name)
    return args[0]


def _len(args, kwargs, node, step):
    value = _one(args, kwargs, node, "len")
    if isinstance(value, Span):
        return Val(len(value.as_range()))
    if isinstance(value, Val) and type(value.value) in (str, tuple):
        return Val(len(value.value), value.deps)
    if isinstance(value, (Seq, DictVal)):
        return Val(len(value.items))
    raise Refusal(node, "read.builtin_arg")


def _int(args, kwargs, node, step):
    value = _plain(_one(args, kwargs, node, "int"), node)
    plain = value.value
    if type(plain) is str:
        text = plain.strip().replace("_", "")
        if not (text.lstrip("+-").isdigit() and len(text) <= 13):
            raise Refusal(node, "read.builtin_arg")
        plain = int(text)
    if type(plain) is bool:
        plain = int(plain)
    if not is_number(plain):
        raise Refusal(node, "read.builtin_arg")
    return Val(check_int(int(plain), node), value.deps)


def _float(args, kwargs, node, step):
    value = _plain(_one(args, kwargs, node, "float"), node)
    if not is_number(value.value):
        raise Refusal(node, "read.builtin_arg")
    return Val(check_float(float(value.value), node), value.deps)


def _round(args, kwargs, node, step):
    if not 1 <= len(args) <= 2 or kwargs:
        raise Refusal(node, "read.builtin_args", name="round")
    value = _plain(args[0], node)
    digits = _plain(args[1], node).value if len(args) == 2 else None
    if not is_number(value.value) or (digits is not None and (type(digits) is not int or not -20 <= digits <= 20)):
        raise Refusal(node, "read.builtin_arg")
    return checked(round(value.value, digits) if digits is not None else round(value.value), _deps(args), node)


def _abs(args, kwargs, node, step):
    value = _plain(_one(args, kwargs, node, "abs"), node)
    if not is_number(value.value):
        raise Refusal(node, "read.builtin_arg")
    return checked(abs(value.value), value.deps, node)


def _numbers_of(args, node, step, name) -> list[Val]:
    items = bounded(args[0], node, step) if len(args) == 1 else list(args)
    if not items:
        raise Refusal(node, "read.builtin_args", name=name)
    values = [_plain(item, node) for item in items]
    kinds = {type(v.value) for v in values}
    if not (kinds <= {int, float} or kinds == {str}):
        raise Refusal(node, "read.builtin_arg")
    return values


def _min(args, kwargs, node, step, pick=min, name="min"):
    if kwargs or not args:
        raise Refusal(node, "read.builtin_args", name=name)
    values = _numbers_of(args, node, step, name)
    return Val(pick(v.value for v in values), _deps(values))


def _max(args, kwargs, node, step):
    return _min(args, kwargs, node, step, max, "max")


def _sum(args, kwargs, node, step):
    if not 1 <= len(args) <= 2 or kwargs:
        raise Refusal(node, "read.builtin_args", name="sum")
    total = _plain(args[1], node) if len(args) == 2 else Val(0)
    if not is_number(total.value):
        raise Refusal(node, "read.builtin_arg")
    values = [_plain(item, node) for item in bounded(args[0], node, step)]
    result = total.value
    for value in values:
        if not is_number(value.value):
            raise Refusal(node, "read.builtin_arg")
        result = checked(result + value.value, frozenset(), node).value
    return Val(result, _deps(values) | total.deps)


def _range(args, kwargs, node, step):
    if not 1 <= len(args) <= 3 or kwargs:
        raise Refusal(node, "read.builtin_args", name="range")
    ints = [_plain(a, node).value for a in args]
    if any(type(i) is not int for i in ints):
        raise Refusal(node, "read.builtin_arg")
    start, stop, stride = (0, ints[0], 1) if len(ints) == 1 else (ints[0], ints[1], ints[2] if len(ints) == 3 else 1)
    if stride == 0:
        raise Refusal(node, "read.builtin_arg")
    return Span(start, stop, stride)


def _list(args, kwargs, node, step):
    if kwargs or len(args) > 1:
        raise Refusal(node, "read.builtin_args", name="list")
    return collect(bounded(args[0], node, step) if args else [], node)


def _zip(args, kwargs, node, step):
    if kwargs:
        raise Refusal(node, "read.builtin_args", name="zip")
    iterators = [iterate(a, node) for a in args]
    rows: list[object] = []
    while iterators:
        row = []
        for it in iterators:
            step(node)
            item = next(it, _END)
            if item is _END:
                return collect(rows, node)
            row.append(item)
        rows.append(collect(row, node))
        if len(rows) > MAX_LAYERS:
            raise Refusal(node, "read.seq_too_long", limit=MAX_LAYERS)
    return collect(rows, node)


_END = object()


def _enumerate(args, kwargs, node, step):
    start = kwargs.pop("start", args[1] if len(args) == 2 else Val(0))
    if not 1 <= len(args) <= 2 or kwargs or type(_plain(start, node).value) is not int:
        raise Refusal(node, "read.builtin_args", name="enumerate")
    items = bounded(args[0], node, step)
    return collect([collect([Val(start.value + i), item], node) for i, item in enumerate(items)], node)


def _reversed(args, kwargs, node, step):
    return collect(list(reversed(bounded(_one(args, kwargs, node, "reversed"), node, step))), node)


def _sorted(args, kwargs, node, step):
    reverse = kwargs.pop("reverse", Val(False))
    values = _numbers_of([_one(args, kwargs, node, "sorted")], node, step, "sorted")
    return collect(sorted(values, key=lambda v: v.value, reverse=truth(reverse, node)), node)


def _set(args, kwargs, node, step):
    """set(x) of known values, as their distinct items in first-seen order: Python's own order follows the hashes,
    so code that needs one sorts it (`sorted(set(text))`), and len() is the same either way."""
    if kwargs or len(args) > 1:
        raise Refusal(node, "read.builtin_args", name="set")
    seen, out = set(), []
    for item in bounded(args[0], node, step) if args else []:
        key = _plain(item, node).plain()
        if key not in seen:
            seen.add(key)
            out.append(item)
    return collect(out, node)


def _str(args, kwargs, node, step):
    value = _plain(_one(args, kwargs, node, "str"), node)
    return checked(str(value.plain()), value.deps, node)


def _bool(args, kwargs, node, step):
    return Val(truth(_one(args, kwargs, node, "bool"), node))


def _tuple(args, kwargs, node, step):
    return _list(args, kwargs, node, step)


def _dict(args, kwargs, node, step):
    """dict(a=1), dict(zip(keys, values)) or dict of (key, value) pairs, with known keys."""
    if len(args) > 1:
        raise Refusal(node, "read.builtin_args", name="dict")
    items: dict = {}
    for pair in bounded(args[0], node, step) if args else []:
        parts = bounded(pair, node, step)
        key = _plain(parts[0], node).plain() if len(parts) == 2 else None
        if key is None or isinstance(key, (list, tuple)):
            raise Refusal(node, "read.builtin_arg")
        items[key] = parts[1]
    items.update(kwargs)
    return DictVal(tuple(items.items()))


BUILTINS: dict[str, Callable] = {
    "len": _len, "int": _int, "float": _float, "round": _round, "abs": _abs, "min": _min, "max": _max, "sum": _sum,
    "range": _range, "list": _list, "tuple": _tuple, "zip": _zip, "enumerate": _enumerate, "reversed": _reversed,
    "sorted": _sorted, "str": _str, "bool": _bool, "dict": _dict, "set": _set,
}


# -- methods of plain values ------------------------------------------------------------------------
def value_method(owner: object, method: str, args: list, kwargs: dict, node: ast.AST) -> object:
    """A method of a str or a dict the reader knows; list methods that change a list are the reader's
    (they rebind the list's name)."""
    if isinstance(owner, Val) and type(owner.value) is str:
        text = owner.value
        if method == "format":
            plain = [_plain(a, node) for a in args]
            named = {k: _plain(v, node) for k, v in kwargs.items()}
            return Val(str_format(text, plain, named, node), owner.deps | _deps(plain) | _deps(named.values()))
        if method in ("lower", "upper", "strip", "title", "capitalize") and not args and not kwargs:
            return Val(getattr(str, method)(text), owner.deps)
        if method == "replace" and len(args) == 2 and not kwargs:
            old, new = (_plain(a, node).value for a in args)
            if type(old) is str and type(new) is str and old:
                return checked(text.replace(old, new), owner.deps, node)
    if isinstance(owner, DictVal):
        if method == "get" and 1 <= len(args) <= 2 and not kwargs:
            key = _plain(args[0], node).plain()
            found = owner.get(key)
            return found if found is not None else (args[1] if len(args) == 2 else Val(None))
        if method in ("items", "keys", "values") and not args and not kwargs:
            if method == "keys":
                return collect([Val(k) for k, _ in owner.items], node)
            if method == "values":
                return collect([v for _, v in owner.items], node)
            return collect([collect([Val(k), v], node) for k, v in owner.items], node)
    if isinstance(owner, Val) and isinstance(owner.value, tuple) and method == "as_list" and not args and not kwargs:
        return owner  # a TensorShape's as_list(): the same entries
    if isinstance(owner, Val) and isinstance(owner.value, tuple) and method in ("index", "count") and len(args) == 1:
        item = _plain(args[0], node)
        plain = owner.plain()
        if method == "count":
            return Val(plain.count(item.plain()))
        if item.plain() in plain:
            return Val(plain.index(item.plain()))
    raise Refusal(node, "read.method", code=method)


__all__ = ["BUILTINS", "bounded", "collect", "compare", "iterate", "value_method"]
