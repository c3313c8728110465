"""The code reader's arrays as values (issue 19): their attributes (.shape, .ndim, .T, len), their methods
(.reshape, .astype, .flatten, a tf.data dataset's .batch / .shuffle / .map), indexing (x[:1000], x[..., None],
np.eye(n)[y]) and arithmetic (x / 255.0, a - b) with numpy's broadcasting and dtypes, all on shapes.
"""
from __future__ import annotations

import ast
import math
from dataclasses import replace

import numpy as np

from .code_arrays import (KEEP_DATASET, RESULT, Arr, DataSet, apply_number, is_int_dtype, shape_text,
                          unknown_array)
from .code_base import ReaderBase
from .code_names import Ref
from .code_values import Refusal, Val, source_text


class ArrayValues(ReaderBase):
    def dataset_method(self, data: DataSet, method: str, node: ast.Call, scope: list[dict]) -> DataSet:
        if method == "batch":
            args = self.args_of(node, ("batch_size", "drop_remainder"), "batch", scope)
            size = self.size_value(args.get("batch_size"), node)
            if data.batch is not None:
                self.note(node, "info", "train.dataset_twice_batched")
                return replace(data, known=False)
            return replace(data, batch=size)
        if method in KEEP_DATASET:
            self.call_values(node, scope)
            return data
        if method in ("take", "skip"):
            count = self.plain(self.call_values(node, scope)[0][0], node) if node.args else None
            if type(count) is not int:
                return replace(data, known=False)
            return data
        if method == "map":
            self.note(node, "info", "train.dataset_map")
            return replace(data, known=False)
        if method == "unbatch":
            return replace(data, batch=None)
        self.note(node, "info", "train.dataset_method", method=method)
        return replace(data, known=False)

    # -- arrays as values: attributes, methods, items, arithmetic ---------------------------------
    def data_length(self, arr: Arr, node: ast.AST) -> Val:
        if not arr.shape or arr.shape[0] is None:
            raise Refusal(node, "train.shape_unknown", code=source_text(node)[:80], line=arr.line)
        return Val(arr.shape[0])

    def data_attribute(self, base: object, node: ast.Attribute) -> object:
        if isinstance(base, DataSet):
            return unknown_array()
        attr = node.attr
        if attr in ("values", "to_numpy") and base.shape is None:
            return base
        if base.shape is None:
            if attr in ("shape", "ndim", "size", "dtype"):
                raise Refusal(node, "train.shape_unknown", code=source_text(node)[:80], line=base.line)
            return unknown_array(base.source, base.line)
        if attr == "shape":
            return Val(tuple(Val(d) for d in base.shape))
        if attr == "ndim":
            return Val(len(base.shape))
        if attr == "size" and None not in base.shape:
            return Val(math.prod(base.shape))
        if attr == "T":
            return self.transpose(base, None, node)
        if attr == "dtype" and base.dtype:
            return Val(base.dtype)
        if attr == "values":
            return base
        raise Refusal(node, "read.attribute", code=source_text(node)[:80])

    def data_method(self, owner: object, method: str, node: ast.Call, scope: list[dict]) -> object:
        if isinstance(owner, DataSet):
            return self.dataset_method(owner, method, node, scope)
        arr: Arr = owner
        if method == "reshape":
            args, kwargs = self.call_values(node, scope)
            if kwargs or not args:
                raise Refusal(node, "read.method", code=source_text(node.func)[:80])
            new = self.plain(args[0], node) if len(args) == 1 else tuple(self.plain(a, node) for a in args)
            return self.reshape(arr, new, node)
        if method in _REDUCTIONS and arr.shape is not None:
            args = self.args_of(node, _REDUCTIONS[method], method, scope)
            return self.reduce(arr, method, self.plain(args.get("axis"), node), bool(self.plain(args.get("keepdims"),
                                                                                                node)), node)
        if method == "astype":
            args = self.args_of(node, ("dtype",), "astype", scope)
            return self.cast(arr, self.dtype_arg(args.get("dtype"), node))
        if method in ("copy", "to_numpy", "numpy"):
            return arr
        if method in ("flatten", "ravel"):
            return self.reshape(arr, (-1,), node) if arr.shape is not None else arr
        if method == "squeeze":
            args = self.args_of(node, ("axis",), "squeeze", scope)
            return self.squeeze(arr, self.plain(args.get("axis"), node), node)
        if method == "transpose":
            args, _ = self.call_values(node, scope)
            axes = tuple(self.plain(a, node) for a in args) if len(args) > 1 else \
                (self.plain(args[0], node) if args else None)
            return self.transpose(arr, axes, node)
        if arr.shape is None:  # a method of data the reader cannot see (df.drop(...), df.iloc...): unknown too
            return arr
        raise Refusal(node, "read.method", code=source_text(node.func)[:80])

    def reduce(self, arr: Arr, method: str, axis: object, keep: bool, node: ast.AST) -> Arr:
        """x.mean(axis=0), x.std(axis=0), x.max(): the axes reduced away (kept as 1 with keepdims), numpy's dtype."""
        rank = len(arr.shape)
        axes = tuple(range(rank)) if axis is None else axis if isinstance(axis, tuple) else (axis,)
        if not all(type(a) is int and -rank <= a < rank for a in axes):
            raise Refusal(node, "train.numpy_error", code=source_text(node)[:80],
                          error=f"axis {axis} is out of bounds for array of dimension {rank}")
        place = {a % rank for a in axes}
        shape = tuple(1 if i in place else d for i, d in enumerate(arr.shape) if keep or i not in place)
        kind = ""
        if arr.dtype:
            kind = str(getattr(np.ones((1,) * rank, np.dtype(arr.dtype)), method)(axis=tuple(place)).dtype)
        keeps_range = method in ("mean", "min", "max")
        return replace(arr, shape=shape, dtype=kind, holds="floats" if kind and not is_int_dtype(kind) else "",
                       classes=None, low=arr.low if keeps_range else None, high=arr.high if keeps_range else None,
                       eye=False)

    def data_item(self, base: Arr, index: ast.expr, scope: list[dict], node: ast.AST) -> Arr:
        """x[:1000], x[..., None], x[:, :, np.newaxis], x[0], eye[y]: numpy's indexing, on shapes."""
        if base.shape is None:
            return base
        parts = index.elts if isinstance(index, ast.Tuple) else [index]
        keys: list[object] = []
        for part in parts:
            if isinstance(part, ast.Constant) and part.value is Ellipsis:
                keys.append(Ellipsis)
            elif isinstance(part, ast.Constant) and part.value is None:
                keys.append(None)
            elif isinstance(part, ast.Slice):
                keys.append(self.index_value(part, scope))
            else:
                value = self.evaluate(part, scope)
                if isinstance(value, Ref) and value.path in (("numpy", "newaxis"), ("tensorflow", "newaxis")):
                    keys.append(None)
                elif isinstance(value, Arr):
                    keys.append(value)
                else:
                    keys.append(self.value_of(value, part).value)
        return self.index_shape(base, keys, node)

    def index_shape(self, base: Arr, keys: list, node: ast.AST) -> Arr:
        code = source_text(node)[:80]
        shape = list(base.shape)
        used = sum(1 for k in keys if k is not None and k is not Ellipsis)
        if sum(1 for k in keys if k is Ellipsis) > 1:
            raise Refusal(node, "train.numpy_error", code=code, error="an index can only have a single ellipsis")
        if used > len(shape):
            raise Refusal(node, "train.numpy_error", code=code,
                          error=f"too many indices for array: array is {len(shape)}-dimensional, but {used} "
                                "were indexed")
        if Ellipsis in keys:
            at = keys.index(Ellipsis)
            keys = keys[:at] + [slice(None)] * (len(shape) - used) + keys[at + 1:]
        else:
            keys = keys + [slice(None)] * (len(shape) - used)
        out: list = []
        axis = 0
        result = base
        for key in keys:
            if key is None:
                out.append(1)
                continue
            size = shape[axis]
            if isinstance(key, slice):
                out.append(None if size is None else len(range(*key.indices(size))))
            elif type(key) is int:
                if size is not None and not -size <= key < size:
                    raise Refusal(node, "train.numpy_error", code=code,
                                  error=f"index {key} is out of bounds for axis {axis} with size {size}")
            elif isinstance(key, Arr):
                if key.shape is None:
                    return replace(base, shape=None)
                if key.dtype == "bool":
                    out.append(None)
                else:
                    out += list(key.shape)
                    if base.eye and axis == 0:  # np.eye(n)[labels]: one-hot rows
                        result = replace(base, source=key.source, line=key.line, eye=False)
            else:
                raise Refusal(node, "read.subscript")
            axis += 1
        return replace(result, shape=self.rank_ok(tuple(out), node), ragged=base.ragged and out[:1] != [],
                       eye=False)

    def data_binop(self, op: ast.operator, left: object, right: object, node: ast.AST) -> Arr:
        """x / 255.0, x - mean, x * 2, a + b: numpy's broadcasting and its dtypes (Python numbers are weak)."""
        arrays = [v for v in (left, right) if isinstance(v, Arr)]
        if any(a.shape is None for a in arrays):
            return replace(arrays[0], shape=None)
        if not all(isinstance(v, Arr) or (isinstance(v, Val) and type(v.value) in (int, float, bool))
                   for v in (left, right)):
            raise Refusal(node, "read.tensor_operator", code=source_text(node)[:80])
        if any(a.ragged for a in arrays):
            raise Refusal(node, "train.numpy_error", code=source_text(node)[:80],
                          error="lists of different lengths cannot take part in arithmetic")
        symbol = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.FloorDiv: "//", ast.Mod: "%",
                  ast.Pow: "**"}.get(type(op))
        if symbol is None:
            raise Refusal(node, "read.operator", op=type(op).__name__)
        shape = self.broadcast([a.shape for a in arrays], node)
        operands = [np.empty((0,), np.dtype(v.dtype or "float64")) if isinstance(v, Arr) else v.value
                    for v in (left, right)]
        try:
            kind = str(RESULT[symbol](*operands).dtype)
        except (OverflowError, TypeError, ValueError) as error:  # numpy's own refusal (uint8 + 300)
            raise Refusal(node, "train.numpy_error", code=source_text(node)[:80], error=str(error)[:160]) from None
        if any(not a.dtype for a in arrays):
            kind = ""
        first = arrays[0]
        holds, low, high = "", None, None
        if len(arrays) == 1:
            number = (right if isinstance(left, Arr) else left).value
            if first.low is not None and first.high is not None and symbol in "+-*/":
                pairs = [(end, number) if isinstance(left, Arr) else (number, end) for end in (first.low, first.high)]
                ends = [apply_number(symbol, a, b) for a, b in pairs]
                if None not in ends:
                    low, high = min(ends), max(ends)
            if kind and not is_int_dtype(kind):
                holds = "floats"
            elif first.holds in ("class_ids", "tokens") and symbol in "+-":
                holds = first.holds
        elif kind and not is_int_dtype(kind):
            holds = "floats"
        return replace(first, shape=shape, dtype=kind, holds=holds, classes=None if holds != first.holds else
                       first.classes, low=low, high=high, eye=False)

    def broadcast(self, shapes: list[tuple], node: ast.AST) -> tuple:
        rank = max(len(s) for s in shapes)
        out = []
        for i in range(rank):
            sizes = {s[len(s) - rank + i] for s in shapes if len(s) - rank + i >= 0}
            sizes.discard(1)
            if None in sizes:
                out.append(None)
            elif len(sizes) > 1:
                raise Refusal(node, "train.numpy_error", code=source_text(node)[:80],
                              error="operands could not be broadcast together with shapes " +
                                    " ".join(shape_text(s) for s in shapes))
            else:
                out.append(sizes.pop() if sizes else 1)
        return tuple(out)


# numpy's reductions as array methods, with their arguments in numpy's order
_REDUCTIONS: dict[str, tuple[str, ...]] = {
    "mean": ("axis", "dtype", "out", "keepdims"), "std": ("axis", "dtype", "out", "ddof", "keepdims"),
    "var": ("axis", "dtype", "out", "ddof", "keepdims"), "sum": ("axis", "dtype", "out", "keepdims"),
    "min": ("axis", "out", "keepdims"), "max": ("axis", "out", "keepdims"),
}
