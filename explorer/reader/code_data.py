"""The code reader's data (issue 19): the arrays the training code makes, worked out as shapes and never allocated
(np.zeros((10**9, 10**9)) is a shape), and what `compile` and `fit` get, made into an explorer.training.TrainingSpec.

Read: Keras's datasets (explorer/datasets.py, never downloaded); numpy arrays of known shapes (zeros, ones, empty,
full, arange, eye, random.rand / randn / random / uniform / normal / randint, array of nested literals); what
changes shapes (reshape with -1, [..., None], np.newaxis, expand_dims, squeeze, transpose and .T, slicing, astype,
arithmetic with numbers and arrays, to_categorical, pad_sequences, stack, concatenate, train_test_split); tf.data's
from_tensor_slices(...).batch(n) and image_dataset_from_directory. Anything else that makes data (pandas, np.load,
a file) is unknown, with a note at its line; what follows from it is unknown too, except a reshape that gives every
axis but the first. numpy's own refusals (a reshape that does not divide) are notes in numpy's words.
"""
from __future__ import annotations

import ast
import math
from dataclasses import dataclass, replace

import numpy as np

from ..datasets import ARGUMENTS, CALIFORNIA_SMALL, CIFAR100_COARSE, DATASETS, split
from ..losses import CLASS_LOSSES, FROM_LOGITS, METRIC_CLASSES, METRIC_NAMES, loss_name
from ..training import ArraySpec, LossSpec, TrainingSpec
from .code_base import ReaderBase
from .code_names import Ref, snake_case
from .code_values import DictVal, Ignored, ModelObj, Poison, Refusal, Seq, Val, source_text

MAX_RANK = 32  # numpy's own bound is 64
DTYPES = frozenset({"bool", "uint8", "uint16", "uint32", "uint64", "int8", "int16", "int32", "int64", "float16",
                    "float32", "float64", "object"})
_DTYPE_WORDS = {"float": "float64", "int": "int64", "bool": "bool", "double": "float64", "single": "float32",
                "half": "float16", "bool_": "bool", "int_": "int64", "float_": "float64"}
_UNKNOWN_MODULES = ("pandas", "sklearn", "cv2", "PIL", "scipy", "h5py", "pickle", "joblib", "torch", "datasets",
                    "tensorflow_datasets", "glob", "os", "csv", "json")
_NUMPY_LOADERS = ("load", "loadtxt", "genfromtxt", "fromfile", "frombuffer", "memmap")
_KEEP_DATASET = ("shuffle", "prefetch", "cache", "repeat", "with_options")
# modules outside Keras whose names `from ... import` binds, so the data they make is read (or said unknown)
DATA_MODULES = frozenset({("numpy",), ("numpy", "random"), ("sklearn", "model_selection"), ("pandas",)})
TRAINING_METHODS = ("fit", "evaluate", "predict", "train_on_batch", "test_on_batch")
_ARGS = {"fit": ("x", "y", "batch_size", "epochs", "verbose", "callbacks", "validation_split", "validation_data"),
         "evaluate": ("x", "y", "batch_size"), "predict": ("x", "batch_size"), "train_on_batch": ("x", "y"),
         "test_on_batch": ("x", "y")}


@dataclass(frozen=True)
class Arr:
    """An array of the training code, as far as the code says: shape None when not even its rank is known;
    dtype "" when not known; eye: rows of np.eye (indexing it with labels makes one-hot rows)."""

    shape: tuple | None
    dtype: str = ""
    holds: str = ""
    classes: int | None = None
    low: float | None = None
    high: float | None = None
    ragged: bool = False
    source: str = ""
    line: int = 0
    eye: bool = False

    def spec(self, batch: int | None = None) -> ArraySpec:
        return ArraySpec(tuple(self.shape), self.dtype or "float32", self.holds, self.classes, self.low, self.high,
                         self.ragged, batch, self.source, self.line)


@dataclass(frozen=True)
class DataSet:
    """A tf.data dataset: the arrays of its elements (samples axis first), the labels if it yields them, and
    the batch size of .batch(n); known False after a .map() the reader does not run."""

    x: tuple
    y: tuple | None
    batch: int | None = None
    known: bool = True
    source: str = ""
    line: int = 0


@dataclass(frozen=True)
class LossObj:
    """keras.losses.SomeLoss(from_logits=True), or keras.losses.some_loss: a loss compile can take."""

    name: str
    from_logits: bool
    source: str


@dataclass(frozen=True)
class MetricObj:
    name: str


@dataclass
class _Call:
    """One training call of a model, as read."""

    call: str
    line: int
    x: object
    y: object
    batch_size: int | None
    validation_split: float | None
    validation: object


def _unknown(source: str = "", line: int = 0) -> Arr:
    return Arr(None, source=source, line=line)


def _is_int_dtype(dtype: str) -> bool:
    return dtype.startswith(("int", "uint")) or dtype == "bool"


class Data(ReaderBase):
    # -- where data comes from --------------------------------------------------------------------
    def data_call(self, ref: Ref, node: ast.Call, scope: list[dict]) -> object | None:
        """A call that makes or changes data; None when it is none of those (the caller goes on as before)."""
        path = ref.path
        if path[:2] == ("keras", "datasets") and len(path) == 4 and path[3] == "load_data" and path[2] in DATASETS:
            return self.load_dataset(path[2], node, scope)
        if path[:2] in (("keras", "losses"), ("keras", "metrics")) and len(path) == 3 and \
                (path[2] in CLASS_LOSSES or path[2] in METRIC_CLASSES):  # still a call that changes no shape
            self.note(node, "info", "read.ignored_call", call=source_text(node.func)[:80])
            if path[1] == "losses":
                return self.loss_object(path[2], node, scope)
            return MetricObj(snake_case(path[2]))
        last = path[-1]
        if path in (("keras", "utils", "to_categorical"), ("keras", "utils", "np_utils", "to_categorical")):
            return self.to_categorical(node, scope)
        if last == "pad_sequences" and path[0] == "keras":
            return self.pad_sequences(node, scope)
        if last in ("image_dataset_from_directory",) and path[0] == "keras":
            return self.image_dataset(node, scope)
        if path == ("tensorflow", "data", "Dataset", "from_tensor_slices"):
            return self.from_tensor_slices(node, scope)
        if path == ("tensorflow", "one_hot"):
            return self.one_hot(node, scope)
        if path in (("tensorflow", "convert_to_tensor"), ("tensorflow", "constant")):
            return self.numpy_call("array", node, scope, tf=True)
        if path[0] == "numpy" and len(path) >= 2:
            if len(path) == 2 and path[1] in _NUMPY_LOADERS:
                return self.unknown_data(node)
            name = ".".join(path[1:])
            if name in _NUMPY_FUNCTIONS:
                return self.numpy_call(name, node, scope)
            if len(path) == 2 and path[1] in DTYPES:  # np.float32(x)
                return self.numpy_call("asarray", node, scope, dtype=path[1])
            return None
        if path == ("sklearn", "model_selection", "train_test_split"):
            return self.train_test_split(node, scope)
        if path[0] in _UNKNOWN_MODULES:
            return self.unknown_data(node)
        return None

    def unknown_data(self, node: ast.Call) -> Arr:
        self.note(node, "info", "train.data_unknown", code=source_text(node.func)[:80])
        return _unknown(source_text(node)[:120], node.lineno)

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

    def load_dataset(self, name: str, node: ast.Call, scope: list[dict]) -> Seq:
        info = DATASETS[name]
        allowed = ARGUMENTS[name]
        args = self.args_of(node, allowed, f"{name}.load_data", scope)
        for key in args:
            if key not in allowed:
                raise Refusal(node, "train.dataset_arg", dataset=name, arg=key)
        options = {key: self.plain(value, node) for key, value in args.items()}
        self.note(node, "info", "read.ignored_call", call=source_text(node.func)[:80])
        source, line = source_text(node)[:120], node.lineno
        train, test = info.train, info.test
        classes = info.classes
        if name == "cifar100" and options.get("label_mode", "fine") == "coarse":
            classes = CIFAR100_COARSE
        if info.total:
            total = CALIFORNIA_SMALL if name == "california_housing" and options.get("version") == "small" \
                else info.total
            test_split = options.get("test_split", info.test_split)
            if not isinstance(test_split, (int, float)) or not 0 <= test_split < 1:
                raise Refusal(node, "train.numpy_error", code=source_text(node.func)[:80],
                              error=f"Invalid `test_split` argument: {test_split}.")
            train, test = split(total, test_split)
        x_args: dict = {"dtype": info.x_dtype, "holds": info.x_holds, "source": source, "line": line}
        if info.x_holds == "pixels":
            x_args.update(low=0, high=255)
        if info.x_holds == "tokens":
            words = options.get("num_words")
            words = words if type(words) is int and words > 0 else None
            x_args.update(ragged=True, classes=words, low=0, high=words - 1 if words else None)
            if options.get("maxlen"):  # longer reviews are dropped: how many are left is not known
                train = test = None
        y_args: dict = {"dtype": info.y_dtype, "holds": info.y_holds, "classes": classes, "source": source,
                        "line": line}
        if classes:
            y_args.update(low=0, high=classes - 1)
        parts = []
        for count in (train, test):
            x = Arr((count,) + info.sample, **x_args)
            y = Arr((count,) + info.y_shape, **y_args)
            parts.append(Seq((x, y)))
        return Seq(tuple(parts))

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
        signature = _NUMPY_FUNCTIONS[name]
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
            holds = "floats" if not _is_int_dtype(kind) else ""
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
        name = _DTYPE_WORDS.get(name, name)
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
        shape, numbers = _nested_shape(value.plain())
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
        holds = "floats" if not _is_int_dtype(kind) else ""
        return Arr(shape, kind, holds, low=low, high=high, source=source, line=line)

    # -- what changes shapes ----------------------------------------------------------------------
    def cast(self, arr: Arr, kind: str) -> Arr:
        if arr.shape is None:
            return replace(arr, dtype=kind)
        holds = arr.holds
        if holds == "pixels" and not _is_int_dtype(kind):
            holds = "pixels"  # still 0..255, now as floats
        if holds == "" and not _is_int_dtype(kind) and arr.dtype and not _is_int_dtype(arr.dtype):
            holds = "floats"
        low, high = arr.low, arr.high
        if _is_int_dtype(kind) and low is not None and high is not None:
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
                                    f"rows of shape {_text(new[1:])}")
            shape = tuple(None if d == -1 else d for d in new) if unknowns in ([0], []) and new else None
            if shape is not None and not unknowns and arr.shape is not None:
                shape = None  # a fixed shape for data of unknown size: numpy checks it when it runs
            return replace(arr, shape=shape, eye=False)
        if unknowns:
            if known == 0 or size % known:
                raise Refusal(node, "train.numpy_error", code=code,
                              error=f"cannot reshape array of size {size} into shape {_numpy_shape(new)}")
            new = tuple(size // known if d == -1 else d for d in new)
        elif known != size:
            raise Refusal(node, "train.numpy_error", code=code,
                          error=f"cannot reshape array of size {size} into shape {_numpy_shape(new)}")
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

    def to_categorical(self, node: ast.Call, scope: list[dict]) -> Arr:
        args = self.args_of(node, ("x", "num_classes"), "to_categorical", scope)
        labels = self.array_arg(args.get("x"), node)
        count = self.plain(args.get("num_classes"), node)
        if count is None:
            count = labels.high + 1 if type(labels.high) is int else labels.classes
        elif type(count) is not int or count < 1:
            raise Refusal(node, "train.numpy_error", code="to_categorical", error="num_classes must be a positive int")
        if count is not None and type(labels.high) is int and labels.high >= count:
            raise Refusal(node, "train.numpy_error", code="to_categorical",
                          error=f"index {labels.high} is out of bounds for axis 1 with size {count}")
        shape = labels.shape
        if shape is not None:
            if len(shape) > 1 and shape[-1] == 1:
                shape = shape[:-1]
            shape = self.rank_ok(shape + (count,), node)
        return Arr(shape, "float64", "one_hot", count, 0, 1, source=labels.source, line=labels.line)

    def one_hot(self, node: ast.Call, scope: list[dict]) -> Arr:
        args = self.args_of(node, ("indices", "depth"), "tf.one_hot", scope)
        labels = self.array_arg(args.get("indices"), node)
        depth = self.size_value(args.get("depth"), node)
        shape = None if labels.shape is None else self.rank_ok(labels.shape + (depth,), node)
        return Arr(shape, "float32", "one_hot", depth, 0, 1, source=labels.source, line=labels.line)

    def pad_sequences(self, node: ast.Call, scope: list[dict]) -> Arr:
        args = self.args_of(node, ("sequences", "maxlen", "dtype", "padding", "truncating", "value"),
                            "pad_sequences", scope)
        seqs = args.get("sequences")
        seqs = seqs if isinstance(seqs, Arr) else self.array_arg(seqs, node)
        maxlen = self.plain(args.get("maxlen"), node)
        kind = self.dtype_arg(args.get("dtype"), node) or "int32"
        if maxlen is not None and (type(maxlen) is not int or maxlen < 0):
            raise Refusal(node, "train.numpy_error", code="pad_sequences", error="maxlen must be a whole number")
        count = seqs.shape[0] if seqs.shape else None
        if seqs.ragged or seqs.shape is None:
            length = maxlen
        else:
            length = maxlen if maxlen is not None else (seqs.shape[1] if len(seqs.shape) > 1 else None)
        holds = seqs.holds if seqs.holds in ("tokens", "class_ids") else ""
        return replace(seqs, shape=(count, length), dtype=kind, holds=holds, ragged=False, eye=False)

    def train_test_split(self, node: ast.Call, scope: list[dict]) -> Seq:
        arrays = [self.array_arg(self.evaluate(arg, scope), arg) for arg in node.args]
        options = {k.arg: self.plain(self.evaluate(k.value, scope), k.value) for k in node.keywords}
        if not arrays:
            raise Refusal(node, "train.numpy_error", code="train_test_split", error="At least one array required")
        count = arrays[0].shape[0] if arrays[0].shape else None
        test, train_size = options.get("test_size"), options.get("train_size")
        n_train = n_test = None
        if count is not None:
            if test is None and train_size is None:
                test = 0.25
            if isinstance(test, float):
                n_test = math.ceil(test * count)
            elif type(test) is int:
                n_test = test
            if isinstance(train_size, float):
                n_train = math.floor(train_size * count)
            elif type(train_size) is int:
                n_train = train_size
            n_train = count - n_test if n_train is None else n_train
            n_test = count - n_train if n_test is None else n_test
        out = []
        for arr in arrays:
            for rows in (n_train, n_test):
                out.append(replace(arr, shape=None if arr.shape is None else (rows,) + arr.shape[1:]))
        return Seq(tuple(out))

    # -- tf.data ----------------------------------------------------------------------------------
    def from_tensor_slices(self, node: ast.Call, scope: list[dict]) -> DataSet:
        args = self.args_of(node, ("tensors", "name"), "from_tensor_slices", scope)
        value = args.get("tensors")
        source, line = source_text(node)[:120], node.lineno
        if isinstance(value, Seq) and value.items:  # (x, y), ((x1, x2), y), (x, y, weights)
            x = self.dataset_part(value.items[0], node)
            y = self.dataset_part(value.items[1], node) if len(value.items) > 1 else None
        else:
            x, y = self.dataset_part(value, node), None
        return DataSet(x, y, source=source, line=line)

    def dataset_part(self, value: object, node: ast.AST) -> tuple:
        items = value.items if isinstance(value, Seq) else (value,)
        if isinstance(value, DictVal):
            self.note(node, "info", "train.dataset_dict")
            return (_unknown(),)
        return tuple(self.array_arg(item, node) for item in items)

    def image_dataset(self, node: ast.Call, scope: list[dict]) -> DataSet:
        names = ("directory", "labels", "label_mode", "class_names", "color_mode", "batch_size", "image_size",
                 "shuffle", "seed", "validation_split", "subset", "interpolation", "follow_links",
                 "crop_to_aspect_ratio", "pad_to_aspect_ratio", "data_format", "verbose")
        args = self.args_of(node, names, "image_dataset_from_directory", scope)
        options = {k: self.plain(v, node) for k, v in args.items() if isinstance(v, Val)}
        source, line = source_text(node)[:120], node.lineno
        size = options.get("image_size", (256, 256))
        if not (isinstance(size, tuple) and len(size) == 2 and all(type(d) is int and d > 0 for d in size)):
            raise Refusal(node, "train.numpy_error", code="image_dataset_from_directory",
                          error="image_size must be a tuple of two positive integers")
        channels = {"rgb": 3, "grayscale": 1, "rgba": 4}.get(options.get("color_mode", "rgb"))
        if channels is None:
            raise Refusal(node, "train.numpy_error", code="image_dataset_from_directory",
                          error='`color_mode` must be one of {"rgb", "rgba", "grayscale"}')
        batch = options.get("batch_size", 32)
        x = Arr((None,) + size + (channels,), "float32", "pixels", low=0, high=255, source=source, line=line)
        names_given = options.get("class_names")
        classes = len(names_given) if isinstance(names_given, tuple) else None
        mode = options.get("label_mode", "int")
        if options.get("labels", "inferred") is None:
            mode = None
        if mode == "int":
            y = (Arr((None,), "int32", "class_ids", classes, 0, classes - 1 if classes else None, source=source,
                     line=line),)
        elif mode == "categorical":
            y = (Arr((None, classes), "float32", "one_hot", classes, 0, 1, source=source, line=line),)
        elif mode == "binary":
            y = (Arr((None, 1), "float32", "class_ids", 2, 0, 1, source=source, line=line),)
        else:
            y = None
        return DataSet((x,), y, batch if type(batch) is int else None, source=source, line=line)

    def dataset_method(self, data: DataSet, method: str, node: ast.Call, scope: list[dict]) -> DataSet:
        if method == "batch":
            args = self.args_of(node, ("batch_size", "drop_remainder"), "batch", scope)
            size = self.size_value(args.get("batch_size"), node)
            if data.batch is not None:
                self.note(node, "info", "train.dataset_twice_batched")
                return replace(data, known=False)
            return replace(data, batch=size)
        if method in _KEEP_DATASET:
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
            return _unknown()
        attr = node.attr
        if attr in ("values", "to_numpy") and base.shape is None:
            return base
        if base.shape is None:
            if attr in ("shape", "ndim", "size", "dtype"):
                raise Refusal(node, "train.shape_unknown", code=source_text(node)[:80], line=base.line)
            return _unknown(base.source, base.line)
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
            kind = str(_RESULT[symbol](*operands).dtype)
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
                ends = [_apply(symbol, a, b) for a, b in pairs]
                if None not in ends:
                    low, high = min(ends), max(ends)
            if kind and not _is_int_dtype(kind):
                holds = "floats"
            elif first.holds in ("class_ids", "tokens") and symbol in "+-":
                holds = first.holds
        elif kind and not _is_int_dtype(kind):
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
                                    " ".join(_text(s) for s in shapes))
            else:
                out.append(sizes.pop() if sizes else 1)
        return tuple(out)

    # -- compile and the training calls -----------------------------------------------------------
    def loss_object(self, cls: str, node: ast.Call, scope: list[dict]) -> LossObj:
        logits = False
        for keyword in node.keywords:
            if keyword.arg == "from_logits":
                logits = bool(self.value_of(self.evaluate(keyword.value, scope), keyword.value).value)
        return LossObj(CLASS_LOSSES[cls], logits, source_text(node)[:120])

    def compile_call(self, model: ModelObj, node: ast.Call, scope: list[dict]) -> None:
        """model.compile(optimizer, loss, loss_weights, metrics): the loss (one, or one per output) and metrics."""
        try:
            nodes = self.call_args(node, ("optimizer", "loss", "loss_weights", "metrics"), "compile")
        except Refusal:
            return
        losses: list = []
        loss_node = nodes.get("loss")
        if loss_node is not None:
            losses = self.losses_of(loss_node, scope)
        metrics: list[str] = []
        metric_node = nodes.get("metrics")
        if metric_node is not None:
            metrics = self.metrics_of(metric_node, scope)
        self.compiled[id(model)] = (losses, tuple(metrics), node.lineno)

    def losses_of(self, node: ast.expr, scope: list[dict]) -> list:
        """A loss, or a list / dict of them (dict entries as (key, LossSpec)); [] when one is not known."""
        if isinstance(node, (ast.List, ast.Tuple)):
            out = [self.one_loss(item, scope) for item in node.elts]
            return out if None not in out else []
        if isinstance(node, ast.Dict):
            out = []
            for key_node, value_node in zip(node.keys, node.values):
                key = self.quiet(key_node, scope)
                loss = self.one_loss(value_node, scope)
                if loss is None or not isinstance(key, Val) or not isinstance(key.value, str):
                    return []
                out.append((key.value, loss))
            return out
        loss = self.one_loss(node, scope)
        return [loss] if loss is not None else []

    def one_loss(self, node: ast.expr, scope: list[dict]) -> LossSpec | None:
        value = self.quiet(node, scope)
        where = {"line": node.lineno, "col": node.col_offset}
        name, logits = None, False
        if isinstance(value, Val) and isinstance(value.value, str):
            name = loss_name(value.value)
        elif isinstance(value, LossObj):
            name, logits = value.name, value.from_logits
        elif isinstance(value, Ref) and value.path[:2] == ("keras", "losses") and len(value.path) == 3:
            name = loss_name(value.path[2])
        if name is None:
            self.note(node, "warning", "train.loss_unknown", code=source_text(node)[:80])
            return None
        return LossSpec(name, logits and name in FROM_LOGITS, source_text(node)[:120], **where)

    def metrics_of(self, node: ast.expr, scope: list[dict]) -> list[str]:
        items = node.elts if isinstance(node, (ast.List, ast.Tuple)) else [node]
        if isinstance(node, ast.Dict):
            items = [v for v in node.values]
        out = []
        for item in items:
            if isinstance(item, (ast.List, ast.Tuple)):
                out += self.metrics_of(item, scope)
                continue
            value = self.quiet(item, scope)
            if isinstance(value, Val) and value.value in METRIC_NAMES:
                out.append(value.value)
            elif isinstance(value, MetricObj):
                out.append(value.name)
            elif isinstance(value, Ref) and value.path[:2] == ("keras", "metrics") and value.path[-1] in METRIC_NAMES:
                out.append(value.path[-1])
            elif isinstance(value, LossObj):
                out.append(value.name)
            else:
                self.note(item, "warning", "train.metric_unknown", code=source_text(item)[:80])
        return out

    def quiet(self, node: ast.expr, scope: list[dict]) -> object:
        """The value of an argument of a training call, or None: the reader's own refusals stay unsaid there
        (`model.fit(x, y)` with x never defined says nothing more than before); the data's own notes stay."""
        mark = len(self.notes)
        try:
            return self.evaluate(node, scope)
        except Refusal as refusal:
            if refusal.key and refusal.key.startswith("train."):
                self.refused(refusal, node)
            return None
        finally:
            self.notes[mark:] = [n for n in self.notes[mark:] if n.key.startswith("train.")]

    def training_call(self, model: ModelObj, method: str, node: ast.Call, scope: list[dict]) -> None:
        try:
            nodes = self.call_args(node, _ARGS[method], method)
        except Refusal:
            return
        values = {name: self.quiet(arg, scope) for name, arg in nodes.items()
                  if name in ("x", "y", "batch_size", "validation_split", "validation_data")}

        def number(name: str, kind: tuple) -> object:
            value = values.get(name)
            return value.value if isinstance(value, Val) and type(value.value) in kind else None

        self.trained.append((id(model), _Call(method, node.lineno, values.get("x"), values.get("y"),
                                              number("batch_size", (int,)), number("validation_split", (int, float)),
                                              values.get("validation_data"))))

    def training_spec(self, model: ModelObj, inputs: tuple[str, ...], outputs: tuple[str, ...]
                      ) -> TrainingSpec | None:
        """The model's first fit (else its first other training call), with what compile gave it."""
        calls = [c for key, c in self.trained if key == id(model)]
        compiled = self.compiled.get(id(model))
        if not calls and compiled is None:
            return None
        order = {name: i for i, name in enumerate(TRAINING_METHODS)}
        call = min(calls, key=lambda c: order[c.call]) if calls else None
        losses, metrics, compile_line = compiled if compiled is not None else ([], (), 0)
        loss = self.order_losses(losses, outputs, compile_line)
        if call is None:
            return TrainingSpec("fit", compile_line, loss=loss, metrics=metrics, compile_line=compile_line)
        x, y, batch = self.arrays_of(call.x, inputs), self.arrays_of(call.y, outputs), call.batch_size
        if isinstance(call.x, DataSet):
            x, y, batch = self.dataset_arrays(call.x, call.line)
        validation = None
        if isinstance(call.validation, DataSet):
            vx, vy, _ = self.dataset_arrays(call.validation, call.line)
            validation = (vx, vy) if vx else None
        elif isinstance(call.validation, Seq) and len(call.validation.items) in (2, 3):
            vx = self.arrays_of(call.validation.items[0], inputs)
            vy = self.arrays_of(call.validation.items[1], outputs)
            validation = (vx, vy) if vx and vy else None
        if isinstance(call.x, DataSet) and call.batch_size is not None:
            self.note((call.line, 0), "info", "train.batch_size_with_dataset")
        if isinstance(call.x, DataSet) and call.y is not None:
            self.note((call.line, 0), "warning", "train.y_with_dataset")
        return TrainingSpec(call.call, call.line, x, y if call.call != "predict" else (), batch,
                            call.validation_split, validation, loss, metrics, compile_line)

    def dataset_arrays(self, data: DataSet, line: int) -> tuple[tuple, tuple, int | None]:
        if not data.known or any(a.shape is None for a in data.x + (data.y or ())):
            return (), (), data.batch
        if data.batch is None:
            self.note((line, 0), "warning", "train.dataset_unbatched")
        x = tuple(a.spec(data.batch) for a in data.x)
        y = tuple(a.spec(data.batch) for a in data.y) if data.y else ()
        return x, y, data.batch

    def arrays_of(self, value: object, names: tuple[str, ...]) -> tuple[ArraySpec, ...]:
        """One ArraySpec per model input / output: an array, a list of them, or a dict by name; () when any of them
        is not known."""
        if isinstance(value, Arr):
            items = [value]
        elif isinstance(value, Seq):
            items = list(value.items)
        elif isinstance(value, DictVal):
            found = dict(value.items)
            if set(found) != set(names):
                return ()
            items = [found[name] for name in names]
        else:
            return ()
        if not all(isinstance(a, Arr) and a.shape is not None for a in items):
            return ()
        return tuple(a.spec() for a in items)

    def order_losses(self, losses: list, outputs: tuple[str, ...], line: int) -> tuple[LossSpec, ...]:
        if not losses or not isinstance(losses[0], tuple):
            return tuple(losses)
        found = dict(losses)
        if set(found) != set(outputs):
            self.note((line, 0), "warning", "train.loss_keys", keys=", ".join(sorted(found))[:80],
                      outputs=", ".join(outputs)[:80])
            return ()
        return tuple(found[name] for name in outputs)


def _nested_shape(value: object) -> tuple[tuple | None, list]:
    """The shape numpy gives nested tuples of numbers (None when they are ragged), and the numbers."""
    if not isinstance(value, tuple):
        return (), [value]
    shapes, numbers = [], []
    for item in value:
        shape, found = _nested_shape(item)
        if shape is None:
            return None, []
        shapes.append(shape)
        numbers += found
    if shapes and any(s != shapes[0] for s in shapes):
        return None, []
    return (len(value),) + (shapes[0] if shapes else ()), numbers


def _text(shape: tuple) -> str:
    return "(" + ", ".join(str(d) for d in shape) + ("," if len(shape) == 1 else "") + ")"


def _numpy_shape(shape: tuple) -> str:
    """A new shape as numpy's reshape error writes it: (3001,), (28,28) for (-1, 28, 28), (2,newaxis,7)."""
    if -1 not in shape:
        return "(" + ",".join(str(d) for d in shape) + ("," if len(shape) == 1 else "") + ")"
    parts = ["newaxis" if d == -1 else str(d) for d in shape]
    return "(" + ",".join(parts[1:] if shape[0] == -1 else parts) + ")"


def _apply(symbol: str, a: float, b: float) -> float | None:
    try:
        return {"+": a + b, "-": a - b, "*": a * b}[symbol] if symbol != "/" else (a / b if b else None)
    except (OverflowError, ZeroDivisionError):
        return None


# numpy's result dtype for an operator, computed on empty arrays (numpy's own rules: Python numbers are weak)
_RESULT = {"+": np.add, "-": np.subtract, "*": np.multiply, "/": np.true_divide, "//": np.floor_divide,
           "%": np.remainder, "**": np.power}
# numpy functions read, with their positional arguments in numpy's order
_NUMPY_FUNCTIONS: dict[str, tuple[str, ...]] = {
    "zeros": ("shape", "dtype"), "ones": ("shape", "dtype"), "empty": ("shape", "dtype"),
    "full": ("shape", "fill_value", "dtype"), "zeros_like": ("a", "dtype"), "ones_like": ("a", "dtype"),
    "empty_like": ("a", "dtype"), "full_like": ("a", "fill_value", "dtype"),
    "random.rand": (), "random.randn": (), "random.random": ("size",), "random.random_sample": ("size",),
    "random.uniform": ("low", "high", "size"), "random.normal": ("loc", "scale", "size"),
    "random.randint": ("low", "high", "size", "dtype"), "arange": ("start", "stop", "step", "dtype"),
    "eye": ("N", "M", "k", "dtype"), "identity": ("N", "dtype"), "array": ("object", "dtype"),
    "asarray": ("object", "dtype"), "expand_dims": ("a", "axis"), "squeeze": ("a", "axis"),
    "reshape": ("a", "newshape"), "transpose": ("a", "axes"), "stack": ("arrays", "axis"),
    "concatenate": ("arrays", "axis"), "vstack": ("arrays",), "hstack": ("arrays",),
}
_ = Ignored  # the result of the training calls themselves stays the ignored call's
