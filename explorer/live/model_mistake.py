"""A mistake that changes the model around a layer, not only the layer: the input written without its
channel axis, Flatten left out, one pooling too many. Run by explorer/live/breakit.py like any mistake.

edits: the change, as the fix loop writes changes (explorer.description.FixEdit: "input_shape", "remove",
"insert_after", "replace"), applied in order to the model (the runner) and to the learner's code ("Try it",
explorer/reader/edit.py). fix: the mistake's own fix, for a mistake Keras lets through (the model builds with
a wrong shape, so explorer.diagnose has nothing to say); a mistake Keras refuses takes diagnose's fix, the one
the page shows for the same error in pasted code.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..description import Fix, FixEdit
from .base import Mistake


@dataclass(frozen=True)
class ModelMistake(Mistake):
    edits: tuple[FixEdit, ...] = ()
    fix: Fix | None = None
