"""The shape table and the weight table of any described model (one row per step / per weight)."""
from __future__ import annotations

import pandas as pd

from .description import Axis, Description, named, shape_text

# weights last: a Bidirectional row lists six tensors, and counts and formulas should not need sideways scrolling
TABLE_COLUMNS = ("layer", "class", "input_shape", "output_shape", "named_output", "params", "formula", "weights")
WEIGHT_COLUMNS = ("layer", "weight", "shape", "named_shape", "count")


def axis_meaning(axis: Axis, lang: str, source_format=lambda source: source) -> str:
    """What a letter means ('units of lstm: lstm_units'); '' when unknown. source_format wraps the
    learner's name that gave the size (the page's legend puts it in escaped <code>)."""
    from .i18n import t

    params = dict(axis.meaning_params)
    source = params.pop("source", "")
    try:
        meaning = t(lang, axis.meaning_key, **params) if axis.meaning_key else ""
    except (KeyError, IndexError, ValueError):
        meaning = ""
    if source:
        shown = source_format(source)
        return t(lang, "legend.source", meaning=meaning, source=shown) if meaning else shown
    return meaning


def layer_table(desc: Description) -> pd.DataFrame:
    """One row per step (inputs included); several tensors in or out are joined with ' + '."""
    rows = []
    for step in desc.steps:
        rows.append({
            "layer": step.name,
            "class": step.cls,
            "input_shape": " + ".join(shape_text(s) for s in step.input_shapes),
            "output_shape": " + ".join(shape_text(s) for s in step.output_shapes),
            "named_output": " + ".join(named(a) for a in step.output_axes),
            "weights": "; ".join(f"{w.label} {shape_text(w.shape)}" for w in step.weights),
            "params": step.params,
            "formula": "" if step.cls == "InputLayer" else step.formula.text(),
        })
    return pd.DataFrame(rows, columns=list(TABLE_COLUMNS))


def weight_table(desc: Description) -> pd.DataFrame:
    """One row per weight tensor: its layer, name, concrete and named shape, and element count."""
    rows = [{"layer": step.name, "weight": w.label, "shape": shape_text(w.shape), "named_shape": named(w.dims),
             "count": w.count} for step in desc.steps for w in step.weights]
    return pd.DataFrame(rows, columns=list(WEIGHT_COLUMNS))
