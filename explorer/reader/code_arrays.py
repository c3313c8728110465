"""The code reader's data, as values (issue 19): an array worked out as a shape and never allocated
(np.zeros((10**9, 10**9)) is a shape), a tf.data dataset, a loss or metric object, a training call as read; and
the numpy facts the data's parts share (dtypes, numpy's result dtypes, its words for shapes).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..training import ArraySpec

MAX_RANK = 32  # numpy's own bound is 64
DTYPES = frozenset({"bool", "uint8", "uint16", "uint32", "uint64", "int8", "int16", "int32", "int64", "float16",
                    "float32", "float64", "object"})
DTYPE_WORDS = {"float": "float64", "int": "int64", "bool": "bool", "double": "float64", "single": "float32",
               "half": "float16", "bool_": "bool", "int_": "int64", "float_": "float64"}
UNKNOWN_MODULES = ("pandas", "sklearn", "cv2", "PIL", "scipy", "h5py", "pickle", "joblib", "torch", "datasets",
                   "tensorflow_datasets", "glob", "os", "csv", "json")
NUMPY_LOADERS = ("load", "loadtxt", "genfromtxt", "fromfile", "frombuffer", "memmap")
KEEP_DATASET = ("shuffle", "prefetch", "cache", "repeat", "with_options")


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

    def spec(self, batch: int | None = None, dataset: bool = False) -> ArraySpec:
        """As fit sees it; a dataset's element (dataset=True) without the samples axis the slices were cut from."""
        shape = tuple(self.shape[1:]) if dataset else tuple(self.shape)
        return ArraySpec(shape, self.dtype or "float32", self.holds, self.classes, self.low, self.high,
                         self.ragged, batch, self.source, self.line, dataset)


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
class TrainCall:
    """One training call of a model, as read."""

    call: str
    line: int
    x: object
    y: object
    batch_size: int | None
    validation_split: float | None
    validation: object


def unknown_array(source: str = "", line: int = 0) -> Arr:
    return Arr(None, source=source, line=line)


def is_int_dtype(dtype: str) -> bool:
    return dtype.startswith(("int", "uint")) or dtype == "bool"


def nested_shape(value: object) -> tuple[tuple | None, list]:
    """The shape numpy gives nested tuples of numbers (None when they are ragged), and the numbers."""
    if not isinstance(value, tuple):
        return (), [value]
    shapes, numbers = [], []
    for item in value:
        shape, found = nested_shape(item)
        if shape is None:
            return None, []
        shapes.append(shape)
        numbers += found
    if shapes and any(s != shapes[0] for s in shapes):
        return None, []
    return (len(value),) + (shapes[0] if shapes else ()), numbers


def shape_text(shape: tuple) -> str:
    return "(" + ", ".join(str(d) for d in shape) + ("," if len(shape) == 1 else "") + ")"


def numpy_shape(shape: tuple) -> str:
    """A new shape as numpy's reshape error writes it: (3001,), (28,28) for (-1, 28, 28), (2,newaxis,7)."""
    if -1 not in shape:
        return "(" + ",".join(str(d) for d in shape) + ("," if len(shape) == 1 else "") + ")"
    parts = ["newaxis" if d == -1 else str(d) for d in shape]
    return "(" + ",".join(parts[1:] if shape[0] == -1 else parts) + ")"


def apply_number(symbol: str, a: float, b: float) -> float | None:
    try:
        return {"+": a + b, "-": a - b, "*": a * b}[symbol] if symbol != "/" else (a / b if b else None)
    except (OverflowError, ZeroDivisionError):
        return None


# numpy's result dtype for an operator, computed on empty arrays (numpy's own rules: Python numbers are weak)
RESULT = {"+": np.add, "-": np.subtract, "*": np.multiply, "/": np.true_divide, "//": np.floor_divide,
           "%": np.remainder, "**": np.power}
# numpy functions read, with their positional arguments in numpy's order
NUMPY_FUNCTIONS: dict[str, tuple[str, ...]] = {
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
