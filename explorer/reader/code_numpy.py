"""The code reader's numpy (issue 19): arrays of known shapes (zeros, ones, empty, full, arange, eye,
random.rand / randn / random / uniform / normal / randint, array of nested literals, tf.constant) and what changes
their shapes (astype, reshape with -1, expand_dims, squeeze, transpose, stack, concatenate, vstack, hstack), on
shapes only. numpy's own refusals (a reshape that does not divide) are notes in numpy's words.
"""
from __future__ import annotations

import ast
import math
from dataclasses import replace

import numpy as np

from .code_arrays import (DTYPE_WORDS, DTYPES, MAX_RANK, NUMPY_FUNCTIONS, Arr, is_int_dtype, nested_shape,
                          numpy_shape, shape_text)
from .code_base import ReaderBase
from .code_names import Ref
from .code_values import Poison, Refusal, Seq, Val, source_text


class Numpy(ReaderBase):
    def args_of(self, node: ast.Call, names: tuple[str, ...], what: str, scope: list[dict]) -> dict[str, object]:
        """Argument values by name (positional ones in `names` order); the call's refusals as the reader's."""
        nodes = self.call_args(node, names, what)
        values = {name: self.evaluate(arg, scope) for name, arg in nodes.items()}
        if any(isinstance(v, Poison) for v in values.values()):
            raise Refusal(None, None)
        return values

    def plain(self, value: object, node: ast.AST, default: object = None) -> object:
        if value is None:
            return default
        return self.value_of(value, node).plain()


    # -- numpy ------------------------------------------------------------------------------------
    def numpy_call(self, name: str, node: ast.Call, scope: list[dict], tf: bool = False, dtype: str = "") -> object:
        source, line = source_text(node)[:120], node.lineno
        code = source_text(node.func)[:80]
        if name in ("random.rand", "random.randn"):
            if node.keywords:
                raise Refusal(node, "train.numpy_error", code=code, error="takes no keyword arguments")
            dims = tuple(self.size_value(self.evaluate(arg, scope), arg) for arg in node.args)
            if name == "random.rand":
                return Arr(dims, "float64", "floats", low=0.0, high=1.0, source=source, line=line)
            return Arr(dims, "float64", "floats", source=source, line=line)
        signature = NUMPY_FUNCTIONS[name]
        args = self.args_of(node, signature, code, scope)
        if name in ("zeros", "ones", "empty", "full"):
            shape = self.shape_arg(args.get("shape"), node)
            kind = self.dtype_arg(args.get("dtype"), node) or ("float64" if name != "full" else "")
            low = high = {"zeros": 0, "ones": 1}.get(name)
            if name == "full":
                fill = self.plain(args.get("fill_value"), node)
                if type(fill) not in (int, float, bool):
                    raise Refusal(node, "read.not_a_value", code=code)
                kind = kind or ("int64" if type(fill) is int else "float64" if type(fill) is float else "bool")
                low = high = fill
            holds = "floats" if not is_int_dtype(kind) else ""
            return Arr(shape, kind, holds, low=low, high=high, source=source, line=line)
        if name in ("zeros_like", "ones_like", "empty_like", "full_like"):
            base = self.array_arg(args.get("a"), node)
            kind = self.dtype_arg(args.get("dtype"), node) or base.dtype
            return Arr(base.shape, kind, source=source, line=line)
        if name in ("random.random", "random.random_sample", "random.uniform", "random.normal", "random.randint"):
            shape = self.shape_arg(args.get("size"), node, empty=())
            if name == "random.randint":
                low = self.plain(args.get("low"), node)
                high = self.plain(args.get("high"), node)
                if high is None:
                    low, high = 0, low
                if type(low) is not int or type(high) is not int or high <= low:
                    raise Refusal(node, "train.numpy_error", code=code, error="low >= high")
                kind = self.dtype_arg(args.get("dtype"), node) or "int64"
                return Arr(shape, kind, "class_ids" if low >= 0 else "", high if low >= 0 else None, low, high - 1,
                           source=source, line=line)
            if name == "random.uniform":
                low, high = self.plain(args.get("low"), node, 0.0), self.plain(args.get("high"), node, 1.0)
                return Arr(shape, "float64", "floats", low=low, high=high, source=source, line=line)
            if name == "random.normal":
                return Arr(shape, "float64", "floats", source=source, line=line)
            return Arr(shape, "float64", "floats", low=0.0, high=1.0, source=source, line=line)
        if name == "arange":
            numbers = [self.plain(args.get(k), node) for k in ("start", "stop", "step")]
            if any(v is not None and type(v) not in (int, float) for v in numbers):
                raise Refusal(node, "read.not_a_value", code=code)
            start, stop, step = numbers
            if stop is None:
                start, stop = 0, start
            step = 1 if step is None else step
            if start is None or step == 0:
                raise Refusal(node, "train.numpy_error", code=code, error="Maximum allowed size exceeded")
            count = max(0, math.ceil((stop - start) / step))
            ints = all(type(v) is int for v in (start, stop, step))
            kind = self.dtype_arg(args.get("dtype"), node) or ("int64" if ints else "float64")
            return Arr((count,), kind, source=source, line=line, low=start if count else None,
                       high=start + (count - 1) * step if count else None)
        if name in ("eye", "identity"):
            rows = self.size_value(args.get("N"), node)
            cols = self.size_value(args["M"], node) if args.get("M") not in (None,) and \
                self.plain(args.get("M"), node) is not None else rows
            kind = self.dtype_arg(args.get("dtype"), node) or "float64"
            return Arr((rows, cols), kind, "one_hot", cols, 0, 1, source=source, line=line, eye=True)
        if name in ("array", "asarray"):
            value = args.get("object")
            kind = dtype or self.dtype_arg(args.get("dtype"), node)
            if isinstance(value, Arr):
                return self.cast(value, kind) if kind else value
            return self.literal_array(value, node, kind, tf, source, line)
        if name == "expand_dims":
            return self.expand_dims(self.array_arg(args.get("a"), node), self.plain(args.get("axis"), node), node)
        if name == "squeeze":
            return self.squeeze(self.array_arg(args.get("a"), node), self.plain(args.get("axis"), node), node)
        if name == "reshape":
            new = args.get("newshape", args.get("shape"))
            return self.reshape(self.array_arg(args.get("a"), node), self.plain(new, node), node)
        if name == "transpose":
            return self.transpose(self.array_arg(args.get("a"), node), self.plain(args.get("axes"), node), node)
        if name in ("stack", "concatenate", "vstack", "hstack"):
            arrays = args.get("arrays")
            items = list(arrays.items) if isinstance(arrays, Seq) else None
            if not items or not all(isinstance(a, Arr) for a in items):
                raise Refusal(node, "train.not_arrays", code=code)
            axis = self.plain(args.get("axis"), node, 0)
            return self.join(name, items, axis, node)
        raise Refusal(node, "read.call_unknown", call=code)

    def size_value(self, value: object, node: ast.AST) -> int:
        size = self.plain(value, node)
        if type(size) is not int:
            raise Refusal(node, "train.numpy_error", code=source_text(node)[:80],
                          error="'float' object cannot be interpreted as an integer" if type(size) is float
                          else "an integer is required")
        if size < 0:
            raise Refusal(node, "train.numpy_error", code=source_text(node)[:80],
                          error="negative dimensions are not allowed")
        return size

    def shape_arg(self, value: object, node: ast.AST, empty: tuple | None = None) -> tuple:
        if value is None:
            if empty is not None:
                return empty
            raise Refusal(node, "train.numpy_error", code=source_text(node)[:80], error="missing shape")
        shape = self.plain(value, node)
        if type(shape) is int:
            shape = (shape,)
        if not isinstance(shape, tuple) or not all(type(d) is int for d in shape):
            raise Refusal(node, "train.numpy_error", code=source_text(node)[:80],
                          error="expected a sequence of integers or a single integer")
        if any(d < 0 for d in shape):
            raise Refusal(node, "train.numpy_error", code=source_text(node)[:80],
                          error="negative dimensions are not allowed")
        return self.rank_ok(shape, node)

    def rank_ok(self, shape: tuple, node: ast.AST) -> tuple:
        if len(shape) > MAX_RANK:
            raise Refusal(node, "train.rank_too_big", limit=MAX_RANK)
        return shape

    def dtype_arg(self, value: object, node: ast.AST) -> str:
        """A dtype given as "float32", np.float32, float, int: its numpy name ("" when not given)."""
        if value is None:
            return ""
        if isinstance(value, Ref):
            name = value.path[-1] if value.path[0] in ("numpy", "tensorflow", "builtins") else ""
        elif isinstance(value, Val) and isinstance(value.value, str):
            name = value.value
        else:
            name = getattr(value, "name", "")
        name = DTYPE_WORDS.get(name, name)
        if name not in DTYPES:
            raise Refusal(node, "train.dtype_unknown", code=source_text(node)[:80])
        return name

    def array_arg(self, value: object, node: ast.AST) -> Arr:
        if isinstance(value, Arr):
            return value
        if isinstance(value, Val):
            return self.literal_array(value, node, "", False, source_text(node)[:120], node.lineno)
        raise Refusal(node, "train.not_arrays", code=source_text(node)[:80])

    def literal_array(self, value: object, node: ast.AST, kind: str, tf: bool, source: str, line: int) -> Arr:
        """np.array of nested lists of numbers: its shape (numpy's), dtype and range."""
        if isinstance(value, Seq) and value.items and all(isinstance(i, Arr) for i in value.items):
            return self.join("stack", list(value.items), 0, node)
        if not isinstance(value, Val):
            raise Refusal(node, "train.not_arrays", code=source_text(node)[:80])
        shape, numbers = nested_shape(value.plain())
        if shape is None:
            raise Refusal(node, "train.numpy_error", code=source_text(node)[:80],
                          error="setting an array element with a sequence. The requested array has an "
                                "inhomogeneous shape")
        self.rank_ok(shape, node)
        kinds = {type(n) for n in numbers}
        if not kinds <= {int, float, bool}:
            raise Refusal(node, "train.not_arrays", code=source_text(node)[:80])
        default = "bool" if kinds == {bool} else "int64" if kinds <= {int, bool} else "float64"
        if tf:
            default = {"int64": "int32", "float64": "float32"}.get(default, default)
        kind = kind or default
        low = min(numbers) if numbers else None
        high = max(numbers) if numbers else None
        holds = "floats" if not is_int_dtype(kind) else ""
        return Arr(shape, kind, holds, low=low, high=high, source=source, line=line)

    # -- what changes shapes ----------------------------------------------------------------------
    def cast(self, arr: Arr, kind: str) -> Arr:
        if arr.shape is None:
            return replace(arr, dtype=kind)
        holds = arr.holds
        if holds == "pixels" and not is_int_dtype(kind):
            holds = "pixels"  # still 0..255, now as floats
        if holds == "" and not is_int_dtype(kind) and arr.dtype and not is_int_dtype(arr.dtype):
            holds = "floats"
        low, high = arr.low, arr.high
        if is_int_dtype(kind) and low is not None and high is not None:
            low, high = int(low), int(high)
        return replace(arr, dtype=kind, holds=holds, low=low, high=high, eye=False)

    def reshape(self, arr: Arr, new: object, node: ast.AST) -> Arr:
        if type(new) is int:
            new = (new,)
        if not isinstance(new, tuple) or not all(type(d) is int for d in new):
            raise Refusal(node, "train.numpy_error", code=source_text(node)[:80],
                          error="expected a sequence of integers or a single integer")
        self.rank_ok(new, node)
        code = source_text(node)[:80]
        unknowns = [i for i, d in enumerate(new) if d == -1]
        if len(unknowns) > 1:
            raise Refusal(node, "train.numpy_error", code=code, error="can only specify one unknown dimension")
        if any(d < -1 for d in new):
            raise Refusal(node, "train.numpy_error", code=code, error="negative dimensions not allowed")
        if arr.ragged:
            raise Refusal(node, "train.numpy_error", code=code, error="cannot reshape lists of different lengths "
                                                                      "(use pad_sequences first)")
        known = math.prod(d for d in new if d != -1)
        size = None if arr.shape is None or None in arr.shape else math.prod(arr.shape)
        if size is None:  # the size is not known: only a -1 in front keeps the rest known
            if arr.shape is not None and unknowns == [0] and None in arr.shape[:1] and None not in arr.shape[1:] \
                    and arr.shape[1:] and math.prod(arr.shape[1:]) % known:
                raise Refusal(node, "train.numpy_error", code=code,
                              error=f"cannot reshape array of rows of {math.prod(arr.shape[1:])} values into "
                                    f"rows of shape {shape_text(new[1:])}")
            shape = tuple(None if d == -1 else d for d in new) if unknowns in ([0], []) and new else None
            if shape is not None and not unknowns and arr.shape is not None:
                shape = None  # a fixed shape for data of unknown size: numpy checks it when it runs
            return replace(arr, shape=shape, eye=False)
        if unknowns:
            if known == 0 or size % known:
                raise Refusal(node, "train.numpy_error", code=code,
                              error=f"cannot reshape array of size {size} into shape {numpy_shape(new)}")
            new = tuple(size // known if d == -1 else d for d in new)
        elif known != size:
            raise Refusal(node, "train.numpy_error", code=code,
                          error=f"cannot reshape array of size {size} into shape {numpy_shape(new)}")
        return replace(arr, shape=new, eye=False)

    def expand_dims(self, arr: Arr, axis: object, node: ast.AST) -> Arr:
        if arr.shape is None:
            return arr
        axes = axis if isinstance(axis, tuple) else (axis,)
        if not all(type(a) is int for a in axes):
            raise Refusal(node, "train.numpy_error", code=source_text(node)[:80], error="axis must be an integer")
        rank = len(arr.shape) + len(axes)
        place = []
        for a in axes:
            if not -rank <= a < rank:
                raise Refusal(node, "train.numpy_error", code=source_text(node)[:80],
                              error=f"axis {a} is out of bounds for array of dimension {rank}")
            place.append(a % rank)
        if len(set(place)) != len(place):
            raise Refusal(node, "train.numpy_error", code=source_text(node)[:80], error="repeated axis")
        rest = iter(arr.shape)
        shape = tuple(1 if i in place else next(rest) for i in range(rank))
        return replace(arr, shape=self.rank_ok(shape, node), eye=False)

    def squeeze(self, arr: Arr, axis: object, node: ast.AST) -> Arr:
        if arr.shape is None:
            return arr
        rank = len(arr.shape)
        if axis is None:
            if None in arr.shape:
                return replace(arr, shape=None)
            return replace(arr, shape=tuple(d for d in arr.shape if d != 1), eye=False)
        axes = axis if isinstance(axis, tuple) else (axis,)
        place = set()
        for a in axes:
            if type(a) is not int or not -rank <= a < rank:
                raise Refusal(node, "train.numpy_error", code=source_text(node)[:80],
                              error=f"axis {a} is out of bounds for array of dimension {rank}")
            if arr.shape[a % rank] not in (1, None):
                raise Refusal(node, "train.numpy_error", code=source_text(node)[:80],
                              error="cannot select an axis to squeeze out which has size not equal to one")
            place.add(a % rank)
        return replace(arr, shape=tuple(d for i, d in enumerate(arr.shape) if i not in place), eye=False)

    def transpose(self, arr: Arr, axes: object, node: ast.AST) -> Arr:
        if arr.shape is None:
            return arr
        rank = len(arr.shape)
        if axes is None:
            return replace(arr, shape=arr.shape[::-1], eye=False)
        if not isinstance(axes, tuple) or sorted(a % rank if type(a) is int else -1 for a in axes) != \
                list(range(rank)) or len(axes) != rank:
            raise Refusal(node, "train.numpy_error", code=source_text(node)[:80], error="axes don't match array")
        return replace(arr, shape=tuple(arr.shape[a] for a in axes), eye=False)

    def join(self, how: str, items: list[Arr], axis: object, node: ast.AST) -> Arr:
        code = source_text(node)[:80]
        if any(a.shape is None for a in items):
            return replace(items[0], shape=None)
        shapes = [a.shape for a in items]
        if how == "vstack":
            shapes = [s if len(s) >= 2 else (1,) + s for s in shapes]
            how, axis = "concatenate", 0
        elif how == "hstack":
            how, axis = "concatenate", 0 if len(shapes[0]) == 1 else 1
        if type(axis) is not int:
            raise Refusal(node, "train.numpy_error", code=code, error="axis must be an integer")
        first = shapes[0]
        kinds = [a.dtype for a in items if a.dtype]
        kind = str(np.result_type(*[np.dtype(k) for k in kinds])) if kinds else ""
        base = replace(items[0], dtype=kind, eye=False)
        if how == "stack":
            if any(s != first for s in shapes):
                raise Refusal(node, "train.numpy_error", code=code, error="all input arrays must have the same shape")
            rank = len(first) + 1
            if not -rank <= axis < rank:
                raise Refusal(node, "train.numpy_error", code=code,
                              error=f"axis {axis} is out of bounds for array of dimension {rank}")
            axis %= rank
            return replace(base, shape=self.rank_ok(first[:axis] + (len(items),) + first[axis:], node))
        rank = len(first)
        if not rank or not -rank <= axis < rank:
            raise Refusal(node, "train.numpy_error", code=code,
                          error=f"axis {axis} is out of bounds for array of dimension {rank}")
        axis %= rank
        for s in shapes:
            if len(s) != rank or any(d != first[i] for i, d in enumerate(s) if i != axis):
                raise Refusal(node, "train.numpy_error", code=code,
                              error="all the input array dimensions except for the concatenation axis must match "
                                    "exactly")
        sizes = [s[axis] for s in shapes]
        total = None if None in sizes else sum(sizes)
        return replace(base, shape=first[:axis] + (total,) + first[axis + 1:])
