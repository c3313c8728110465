"""What each layer does to shapes: input/output shapes, weight shapes, parameter counts and formulas.

Two sources give the same `LayerInfo` list: `describe_model` reads a built Keras model, and
`describe_config` asks unbuilt layers for `compute_output_shape` (no weights are allocated), so
shapes can be shown even for a configuration over the memory budget. Tests check both agree.
"""
from __future__ import annotations

from dataclasses import dataclass

import keras
import pandas as pd

from .budget import weight_counts
from .config import Config
from .dims import dim_values, named, shape_text
from .model import BILSTM, DENSE, EMBEDDING, HEAD, INPUT, make_layers


@dataclass(frozen=True)
class WeightInfo:
    owner: str  # "forward"/"backward" inside Bidirectional, else ""
    name: str  # kernel, recurrent_kernel, bias, embeddings
    shape: tuple[int, ...]
    dims: tuple[str, ...]

    @property
    def label(self) -> str:
        return f"{self.owner} {self.name}".strip()


@dataclass(frozen=True)
class LayerInfo:
    name: str
    cls: str
    input_shape: tuple[int | None, ...] | None
    output_shape: tuple[int | None, ...]
    input_dims: tuple[str, ...] | None
    output_dims: tuple[str, ...]
    weights: tuple[WeightInfo, ...]
    params: int


_LSTM_WEIGHTS = (("kernel", ("E", "4H")), ("recurrent_kernel", ("H", "4H")), ("bias", ("4H",)))
# name: (class, input dims, output dims, ((owner, weight, dims), ...))
STRUCTURE: dict[str, tuple[str, tuple | None, tuple, tuple]] = {
    INPUT: ("InputLayer", None, ("B", "T"), ()),
    EMBEDDING: ("Embedding", ("B", "T"), ("B", "T", "E"), (("", "embeddings", ("V", "E")),)),
    BILSTM: (
        "Bidirectional",
        ("B", "T", "E"),
        ("B", "T", "F"),
        tuple((d, w, dims) for d in ("forward", "backward") for w, dims in _LSTM_WEIGHTS),
    ),
    DENSE: ("Dense", ("B", "T", "F"), ("B", "T", "U"), (("", "kernel", ("F", "U")), ("", "bias", ("U",)))),
    HEAD: ("TimeDistributed", ("B", "T", "U"), ("B", "T", "C"), (("", "kernel", ("U", "C")), ("", "bias", ("C",)))),
}


def _owner_and_name(path: str) -> tuple[str, str]:
    """'bidirectional/forward_lstm/lstm_cell/kernel' -> ('forward', 'kernel')."""
    parts = path.split("/")
    owner = next((d for d in ("forward", "backward") if any(p.startswith(d + "_") for p in parts)), "")
    return owner, parts[-1]


def _dims_of(layer: str, owner: str, weight: str) -> tuple[str, ...]:
    return next(dims for o, w, dims in STRUCTURE[layer][3] if (o, w) == (owner, weight))


def describe_model(model: keras.Model) -> list[LayerInfo]:
    """One LayerInfo per layer of a built model, read from its real tensors and weights."""
    infos = []
    for layer in model.layers:
        cls, in_dims, out_dims, _ = STRUCTURE[layer.name]
        weights = []
        for w in layer.weights:
            owner, name = _owner_and_name(w.path)
            weights.append(WeightInfo(owner, name, tuple(w.shape), _dims_of(layer.name, owner, name)))
        in_shape = None if in_dims is None else tuple(layer.input.shape)
        infos.append(
            LayerInfo(layer.name, type(layer).__name__, in_shape, tuple(layer.output.shape),
                      in_dims, out_dims, tuple(weights), int(layer.count_params()))
        )
    return infos


def describe_config(cfg: Config) -> list[LayerInfo]:
    """The same description without building: Keras's compute_output_shape and the weight formulas."""
    sizes = dim_values(cfg)
    counts = weight_counts(cfg)
    shape: tuple[int | None, ...] = (cfg.batch_size, cfg.seq_len)
    infos = [LayerInfo(INPUT, "InputLayer", None, shape, None, ("B", "T"), (), 0)]
    for layer in make_layers(cfg):
        cls, in_dims, out_dims, weight_dims = STRUCTURE[layer.name]
        out = tuple(layer.compute_output_shape(shape))
        weights = tuple(WeightInfo(o, w, tuple(sizes[d] for d in dims), dims) for o, w, dims in weight_dims)
        infos.append(LayerInfo(layer.name, type(layer).__name__, shape, out, in_dims, out_dims, weights,
                               counts[layer.name]))
        shape = out
    return infos


def param_formula(layer: str, cfg: Config) -> tuple[str, str, int]:
    """(symbolic, with numbers, value) for the layer's parameter count; value equals count_params()."""
    v, e, h, f, u, c = (cfg.vocab_size, cfg.embed_dim, cfg.lstm_units, cfg.features,
                        cfg.dense_units, cfg.head_units)
    if layer == EMBEDDING:
        return "V × E", f"{v:,} × {e:,}", v * e
    if layer == BILSTM:
        return "2 × 4 × H × (E + H + 1)", f"2 × 4 × {h:,} × ({e:,} + {h:,} + 1)", 2 * 4 * h * (e + h + 1)
    if layer == DENSE:
        return "F × U + U", f"{f:,} × {u:,} + {u:,}", f * u + u
    if layer == HEAD:
        return "U × C + C", f"{u:,} × {c:,} + {c:,}", u * c + c
    return "0", "0", 0


# weights last: the BiLSTM row lists six tensors, and the counts and formulas should not need sideways scrolling
TABLE_COLUMNS = ("layer", "class", "input_shape", "output_shape", "named_output", "params", "formula", "weights")


def layer_table(infos: list[LayerInfo], cfg: Config) -> pd.DataFrame:
    """One row per tensor-producing step (input included); columns TABLE_COLUMNS."""
    rows = []
    for info in infos:
        symbolic, numbers, value = param_formula(info.name, cfg)
        rows.append({
            "layer": info.name,
            "class": info.cls,
            "input_shape": "" if info.input_shape is None else shape_text(info.input_shape),
            "output_shape": shape_text(info.output_shape),
            "named_output": named(info.output_dims),
            "weights": "; ".join(f"{w.label} {shape_text(w.shape)}" for w in info.weights),
            "params": info.params,
            "formula": "" if info.name == INPUT else f"{symbolic} = {numbers} = {value:,}",
        })
    return pd.DataFrame(rows, columns=list(TABLE_COLUMNS))


WEIGHT_COLUMNS = ("layer", "weight", "shape", "named_shape", "count")


def weight_table(infos: list[LayerInfo]) -> pd.DataFrame:
    """One row per weight tensor: its layer, name, concrete and named shape, and element count."""
    rows = []
    for info in infos:
        for w in info.weights:
            count = 1
            for d in w.shape:
                count *= d
            rows.append({"layer": info.name, "weight": w.label, "shape": shape_text(w.shape),
                         "named_shape": named(w.dims), "count": count})
    return pd.DataFrame(rows, columns=list(WEIGHT_COLUMNS))
