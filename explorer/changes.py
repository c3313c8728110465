"""What moved between two configurations: settings, named dimensions, and per layer its output
shape, weight shapes and parameter count.

Works on `LayerInfo` lists (see `explorer.describe`), so it needs no weights: `compare_configs`
uses Keras's weight-free shape inference and is cheap even for configurations over the budget.
"""
from __future__ import annotations

from dataclasses import dataclass

from .config import FIELD_NAMES, Config
from .describe import LayerInfo, describe_config
from .dims import DIM_ORDER, dim_values


@dataclass(frozen=True)
class SettingChange:
    field: str
    before: int | str
    after: int | str


@dataclass(frozen=True)
class DimChange:
    dim: str  # a letter of explorer.dims
    before: int
    after: int


@dataclass(frozen=True)
class WeightChange:
    label: str  # "kernel", "bias", "2 × kernel" (both LSTM directions), ...
    before: tuple[int, ...]
    after: tuple[int, ...]


@dataclass(frozen=True)
class LayerChange:
    layer: str
    output_dims: tuple[str, ...]
    before_shape: tuple[int | None, ...]
    after_shape: tuple[int | None, ...]
    before_params: int
    after_params: int
    weights: tuple[WeightChange, ...]

    @property
    def shape_changed(self) -> bool:
        return self.before_shape != self.after_shape

    @property
    def params_delta(self) -> int:
        return self.after_params - self.before_params


@dataclass(frozen=True)
class Changes:
    settings: tuple[SettingChange, ...]
    dims: tuple[DimChange, ...]
    layers: tuple[LayerChange, ...]  # only layers whose output shape, weights or parameters moved
    unchanged: tuple[str, ...]  # names of the layers that did not move
    before_total: int
    after_total: int

    @property
    def total_delta(self) -> int:
        return self.after_total - self.before_total

    @property
    def empty(self) -> bool:
        return not self.settings


def _weight_shapes(info: LayerInfo) -> dict[str, tuple[int, ...]]:
    """label -> shape; the forward and backward LSTM share one label ('2 × kernel') as they always match."""
    shapes: dict[str, tuple[int, ...]] = {}
    for w in info.weights:
        label = f"2 × {w.name}" if w.owner else w.name
        shapes.setdefault(label, w.shape)
    return shapes


def compare(before_cfg: Config, before: list[LayerInfo], after_cfg: Config, after: list[LayerInfo]) -> Changes:
    """Differences between two descriptions of the same five-step model (input included)."""
    old, new = before_cfg.as_dict(), after_cfg.as_dict()
    settings = tuple(SettingChange(f, old[f], new[f]) for f in FIELD_NAMES if old[f] != new[f])
    old_dims, new_dims = dim_values(before_cfg), dim_values(after_cfg)
    dims = tuple(DimChange(d, old_dims[d], new_dims[d])
                 for d in (*DIM_ORDER[:5], "4H", *DIM_ORDER[5:]) if old_dims[d] != new_dims[d])
    moved, unchanged = [], []
    for a, b in zip(before, after, strict=True):
        wa, wb = _weight_shapes(a), _weight_shapes(b)
        weights = tuple(WeightChange(k, wa[k], wb[k]) for k in wa if wa[k] != wb[k])
        change = LayerChange(a.name, b.output_dims, a.output_shape, b.output_shape, a.params, b.params, weights)
        if change.shape_changed or weights or change.params_delta:
            moved.append(change)
        else:
            unchanged.append(a.name)
    return Changes(settings, dims, tuple(moved), tuple(unchanged),
                   sum(i.params for i in before), sum(i.params for i in after))


def compare_configs(before: Config, after: Config) -> Changes:
    """What moves when the sidebar goes from `before` to `after` (no weights are allocated)."""
    return compare(before, describe_config(before), after, describe_config(after))
