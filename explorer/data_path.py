"""The training code's data on its way to the loss, in words and shapes, read from the code (never run): the rows of
the page's path under the shape table and the data the diagram draws at the model's ends (issue 19). The check
itself, real Keras on 2-row arrays, is explorer/fit_check.py; the panel that shows both is explorer/ui/fit_panel.py.
"""
from __future__ import annotations

from dataclasses import replace

import pandas as pd

from .description import Description, named, shape_text
from .diagram import DataEnd
from .fit_check import data_path
from .i18n import t
from .losses import labels_needed
from .spec import ModelSpec
from .training import ArraySpec, LossSpec, TrainingSpec

ROLES = {"x": "fitpanel.role.x", "input": "fitpanel.role.input", "output": "fitpanel.role.output",
         "y": "fitpanel.role.y"}


def has_training(training: object) -> bool:
    """The code gives the model data or a loss: there is something for fit to meet."""
    return isinstance(training, TrainingSpec) and bool(training.loss or training.x or training.y)


def _range(arr: ArraySpec) -> tuple[str, str] | None:
    low = arr.low if arr.low is not None else (0 if arr.classes else None)
    high = arr.high if arr.high is not None else (arr.classes - 1 if arr.classes else None)
    if low is None or high is None:
        return None
    return f"{low:g}", f"{high:g}"


def holds_text(arr: ArraySpec, lang: str) -> str:
    """What the array holds, in words: "class ids 0..9", "one-hot rows of width 10", "pixels 0..255"."""
    if arr.ragged:
        return t(lang, "fitpanel.holds.ragged")
    span = _range(arr)
    if arr.holds == "class_ids":
        return t(lang, "fitpanel.holds.class_ids", low=span[0], high=span[1]) if span \
            else t(lang, "fitpanel.holds.class_ids_open")
    if arr.holds == "tokens":
        return t(lang, "fitpanel.holds.tokens", low=span[0], high=span[1]) if span \
            else t(lang, "fitpanel.holds.tokens_open")
    if arr.holds == "one_hot":
        return t(lang, "fitpanel.holds.one_hot", classes=arr.classes) if arr.classes \
            else t(lang, "fitpanel.holds.one_hot_open")
    if arr.holds == "floats":
        return t(lang, "fitpanel.holds.floats")
    if arr.holds == "pixels":
        return t(lang, "fitpanel.holds.pixels")
    return t(lang, "fitpanel.holds.unknown")


def as_input(arr: ArraySpec) -> ArraySpec:
    """x as the model sees it: integer ids fed to a model are token ids (an Embedding's vocabulary), not classes."""
    return replace(arr, holds="tokens") if arr.holds == "class_ids" else arr


# -- the path under the shape table: x enters, the output meets y in the loss (no Keras run) ----------------------
PATH_ROLES = {"x": "fitpanel.path.role.x", "input": "fitpanel.path.role.input", "output": "fitpanel.path.role.output",
              "y": "fitpanel.path.role.y", "loss": "fitpanel.path.role.loss"}  # short: the table sits beside the code
LINE_ROLES = {"x": "fitpanel.path.role.x_line", "y": "fitpanel.path.role.y_line"}  # data made at a line of the code
FORM_KEYS = {"one_hot": "fitpanel.needs.one_hot", "class_ids": "fitpanel.needs.class_ids",
             "zero_one": "fitpanel.needs.zero_one", "values": "fitpanel.needs.values"}


def _needs_row(meet, loss: LossSpec | None, y: ArraySpec | None, training: TrainingSpec, lang: str) -> dict | None:
    """What the loss compares this output with: its form, and its shape with y's samples axis."""
    needed = labels_needed(loss.name, meet.shape) if loss is not None else None
    if needed is None:
        return None
    form, rest = needed
    samples = y.shape[0] if y is not None and y.shape and y.shape[0] is not None else "N"
    return {"role": t(lang, PATH_ROLES["loss"], line=loss.line or training.compile_line),
            "shape": shape_text((samples,) + rest), "axes": named(("N",) + tuple(meet.axes[1:len(rest) + 1])),
            "holds": t(lang, "fitpanel.path.wants", loss=loss.name,
                       form=t(lang, FORM_KEYS[form], classes=meet.shape[-1]))}


def path_frame(desc: Description, spec: ModelSpec, training: TrainingSpec, lang: str) -> pd.DataFrame:
    """One row per tensor on the way from the data to the loss: x (N, ...), the input it enters (B, ...), the
    model's output, y, and what the loss compares the output with (its form and shape, from explorer/losses.py)."""
    rows, outputs, pending = [], 0, None  # pending: the loss's row of the last output, drawn after its y
    xs, ys = iter(training.x), iter(training.y)
    for meet in data_path(desc, spec, training):
        if pending is not None and meet.role != "y":
            rows.append(pending)
            pending = None
        holds, key, params = "", PATH_ROLES[meet.role], {"name": meet.name}
        if meet.role in ("x", "y"):
            arr = as_input(next(xs)) if meet.role == "x" else next(ys)
            holds = holds_text(arr, lang)
            key, params = (LINE_ROLES[meet.role], {"line": arr.line}) if arr.line else (key, params)
        role = t(lang, key, **params)
        rows.append({"role": role, "shape": shape_text(meet.shape), "axes": named(meet.axes), "holds": holds})
        if meet.role == "output":
            y = training.y[outputs] if outputs < len(training.y) else None
            pending = _needs_row(meet, _loss_of(training, outputs), y, training, lang)
            outputs += 1
    rows += [pending] if pending is not None else []
    return pd.DataFrame(rows, columns=["role", "shape", "axes", "holds"])


def _loss_of(training: TrainingSpec, index: int) -> LossSpec | None:
    return training.loss[min(index, len(training.loss) - 1)] if training.loss else None


def diagram_ends(desc: Description, spec: ModelSpec, training: object, lang: str) -> tuple[DataEnd, ...]:
    """The training code's data for the diagram: x over the input it enters, y under the output its loss
    compares it with; () for code without data."""
    if not has_training(training) or not desc.ok or not training.x:
        return ()
    ends, outputs = [], 0
    for meet in data_path(desc, spec, training):
        if meet.role == "x":
            ends.append(DataEnd("x", meet.name, meet.shape, meet.axes, t(lang, "fitpanel.diagram.x"), training.call))
        elif meet.role == "y":
            loss = _loss_of(training, outputs - 1)
            ends.append(DataEnd("y", meet.name, meet.shape, meet.axes, t(lang, "fitpanel.diagram.y"),
                                loss.name if loss is not None else t(lang, "fitpanel.diagram.no_loss")))
        outputs += meet.role == "output"
    return tuple(ends)
