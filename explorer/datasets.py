"""Keras's built-in datasets as data: what `keras.datasets.<name>.load_data(...)` gives, never downloaded.

Taken from Keras 3's documentation, https://keras.io/api/datasets/ (one page each: mnist, fashion_mnist, cifar10,
cifar100, imdb, reuters, boston_housing, california_housing), and from how `load_data` splits the samples (Keras
3.15's source: `int(len(x) * (1 - test_split))` samples for training). The pages say:
- mnist, fashion_mnist: uint8 images (60000, 28, 28) and (10000, 28, 28), pixels 0..255; uint8 labels (N,), 0..9.
- cifar10, cifar100: uint8 images (50000, 32, 32, 3) and (10000, 32, 32, 3), pixels 0..255; uint8 labels (N, 1),
  0..9 (cifar100: 0..99 with label_mode="fine", 20 coarse classes with label_mode="coarse").
- imdb: 25,000 reviews for training and 25,000 for testing, lists of word indexes (below num_words when it is
  given; 1 marks the start, 2 a word out of the vocabulary); labels 0 or 1. `maxlen` drops longer reviews, so the
  count is then unknown.
- reuters: 11,228 newswires over 46 topics, lists of word indexes like imdb; test_split (0.2) sets the split.
- boston_housing: 506 samples of 13 attributes, targets are prices in k$ (floats, about 10..50); test_split 0.2.
- california_housing: 20,640 samples ("large") or 600 ("small") of 8 features, targets are house values (floats).
The float datasets' dtypes are not on the pages: float64 here (numpy's), which the fit check treats like any float.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Dataset:
    """One dataset: its samples (train, test) or its total and the default test_split, the shape of one sample
    (() for a ragged list of word ids), dtypes, and what x and y hold."""

    name: str
    train: int
    test: int
    sample: tuple[int, ...]
    x_dtype: str
    x_holds: str  # "pixels", "tokens" (ragged lists of word ids) or "floats"
    y_shape: tuple[int, ...]  # after N: () for (N,), (1,) for cifar's (N, 1)
    y_dtype: str
    y_holds: str  # "class_ids" or "floats"
    classes: int | None  # labels 0..classes-1
    total: int = 0  # datasets split by test_split: all their samples
    test_split: float = 0.0  # the default test_split
    page: str = ""


_PAGE = "https://keras.io/api/datasets/"
DATASETS: dict[str, Dataset] = {
    "mnist": Dataset("mnist", 60000, 10000, (28, 28), "uint8", "pixels", (), "uint8", "class_ids", 10,
                     page=_PAGE + "mnist/"),
    "fashion_mnist": Dataset("fashion_mnist", 60000, 10000, (28, 28), "uint8", "pixels", (), "uint8", "class_ids",
                             10, page=_PAGE + "fashion_mnist/"),
    "cifar10": Dataset("cifar10", 50000, 10000, (32, 32, 3), "uint8", "pixels", (1,), "uint8", "class_ids", 10,
                       page=_PAGE + "cifar10/"),
    "cifar100": Dataset("cifar100", 50000, 10000, (32, 32, 3), "uint8", "pixels", (1,), "uint8", "class_ids", 100,
                        page=_PAGE + "cifar100/"),
    "imdb": Dataset("imdb", 25000, 25000, (), "object", "tokens", (), "int64", "class_ids", 2,
                    page=_PAGE + "imdb/"),
    "reuters": Dataset("reuters", 8982, 2246, (), "object", "tokens", (), "int64", "class_ids", 46, total=11228,
                       test_split=0.2, page=_PAGE + "reuters/"),
    "boston_housing": Dataset("boston_housing", 404, 102, (13,), "float64", "floats", (), "float64", "floats", None,
                              total=506, test_split=0.2, page=_PAGE + "boston_housing/"),
    "california_housing": Dataset("california_housing", 16512, 4128, (8,), "float64", "floats", (), "float64",
                                  "floats", None, total=20640, test_split=0.2, page=_PAGE + "california_housing/"),
}
CIFAR100_COARSE = 20
CALIFORNIA_SMALL = 600
# each dataset's load_data keywords (the others are refused by Keras itself)
ARGUMENTS: dict[str, tuple[str, ...]] = {
    "mnist": ("path",), "fashion_mnist": (), "cifar10": (), "cifar100": ("label_mode",),
    "imdb": ("path", "num_words", "skip_top", "maxlen", "seed", "start_char", "oov_char", "index_from"),
    "reuters": ("path", "num_words", "skip_top", "maxlen", "test_split", "seed", "start_char", "oov_char",
                "index_from"),
    "boston_housing": ("path", "test_split", "seed"),
    "california_housing": ("version", "path", "test_split", "seed"),
}


def split(total: int, test_split: float) -> tuple[int, int]:
    """How load_data splits `total` samples: int(total * (1 - test_split)) for training, the rest for testing."""
    train = int(total * (1 - test_split))
    return train, total - train
