"""The code reader's data sources (issue 19): Keras's datasets (explorer/datasets.py, never downloaded),
keras.utils.to_categorical, tf.one_hot, pad_sequences, sklearn's train_test_split, tf.data's
from_tensor_slices(...) and image_dataset_from_directory, and where a call that makes data is sent (numpy's in
code_numpy.py). Anything else that makes data (pandas, np.load, a file) is unknown, with a note at its line; what
follows from it is unknown too, except a reshape that gives every axis but the first.
"""
from __future__ import annotations

import ast
import math
from dataclasses import replace

from ..datasets import ARGUMENTS, CALIFORNIA_SMALL, CIFAR100_COARSE, DATASETS, split
from ..losses import CLASS_LOSSES, METRIC_CLASSES
from .code_arrays import (DTYPES, NUMPY_FUNCTIONS, NUMPY_LOADERS, UNKNOWN_MODULES, Arr, DataSet, MetricObj,
                          unknown_array)
from .code_base import ReaderBase
from .code_names import Ref, snake_case
from .code_values import DictVal, Refusal, Seq, Val, source_text

# modules outside Keras whose names `from ... import` binds, so the data they make is read (or said unknown)
DATA_MODULES = frozenset({("numpy",), ("numpy", "random"), ("sklearn", "model_selection"), ("pandas",)})


class Datasets(ReaderBase):
    # -- where data comes from --------------------------------------------------------------------
    def data_call(self, ref: Ref, node: ast.Call, scope: list[dict]) -> object | None:
        """A call that makes or changes data; None when it is none of those (the caller goes on as before)."""
        path = ref.path
        if path[:2] == ("keras", "datasets") and len(path) == 4 and path[3] == "load_data" and path[2] in DATASETS:
            return self.load_dataset(path[2], node, scope)
        if path[:2] in (("keras", "losses"), ("keras", "metrics")) and len(path) == 3 and \
                (path[2] in CLASS_LOSSES or path[2] in METRIC_CLASSES):  # read: the loss and metrics fit meets
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
            if len(path) == 2 and path[1] in NUMPY_LOADERS:
                return self.unknown_data(node)
            name = ".".join(path[1:])
            if name in NUMPY_FUNCTIONS:
                return self.numpy_call(name, node, scope)
            if len(path) == 2 and path[1] in DTYPES:  # np.float32(x)
                return self.numpy_call("asarray", node, scope, dtype=path[1])
            return None
        if path == ("sklearn", "model_selection", "train_test_split"):
            return self.train_test_split(node, scope)
        if path[0] in UNKNOWN_MODULES:
            return self.unknown_data(node)
        return None

    def unknown_data(self, node: ast.Call) -> Arr:
        self.note(node, "info", "train.data_unknown", code=source_text(node.func)[:80])
        return unknown_array(source_text(node)[:120], node.lineno)

    def load_dataset(self, name: str, node: ast.Call, scope: list[dict]) -> Seq:
        info = DATASETS[name]
        allowed = ARGUMENTS[name]
        args = self.args_of(node, allowed, f"{name}.load_data", scope)
        for key in args:
            if key not in allowed:
                raise Refusal(node, "train.dataset_arg", dataset=name, arg=key)
        options = {key: self.plain(value, node) for key, value in args.items()}  # read: the data's shapes
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
            return (unknown_array(),)
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
