"""The core's data types: what the describer (explorer/shapes.py) gives and the diagnoser
(explorer/diagnose.py), the layer kinds, the X-rays and the panels read.

A Description is a model's steps (one per input or layer call: shapes, named axes, weights,
formula, code line), its named axes and its first failure. Shapes include the batch axis first, as
Keras reports them: (B, T, F) is (None, 50, 75). Nothing here imports the rest of the explorer.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

Shape = tuple[int | None, ...]


@dataclass(frozen=True)
class WeightInfo:
    """One weight tensor. owner: "forward"/"backward" inside Bidirectional, else "". dims: one
    name per axis, letters of the description ("E", "4H") or a plain number as text ("3")."""

    owner: str
    name: str
    shape: tuple[int, ...]
    dims: tuple[str, ...]

    @property
    def label(self) -> str:
        return f"{self.owner} {self.name}".strip()

    @property
    def count(self) -> int:
        return math.prod(self.shape)


@dataclass(frozen=True)
class Formula:
    """A parameter count three ways: 'F × U + U', '75 × 200 + 200', 15200 (== count_params())."""

    symbolic: str
    numbers: str
    value: int

    def text(self) -> str:
        if self.symbolic == self.numbers == f"{self.value:,}":
            return self.symbolic
        if self.symbolic == self.numbers:
            return f"{self.symbolic} = {self.value:,}"
        return f"{self.symbolic} = {self.numbers} = {self.value:,}"


NO_PARAMS = Formula("0", "0", 0)


@dataclass(frozen=True)
class FixEdit:
    """What a fix changes in the model, for the one-click fix (explorer/reader/edit.py writes it into the
    learner's code). action:
    - "replace": the layer named `at` becomes `layer` (a LayerSpec: the same kind with other arguments, or
      another kind: Conv2D -> Conv1D, TimeDistributed(Dense) -> Dense);
    - "insert_before" / "insert_after": a new layer goes between `at` and its input / what it feeds: `layer`
      (a LayerSpec), or when None the fix's own code (`layers.Reshape((64, 1))`);
    - "remove": the layer `at` is dropped, its input flows on;
    - "input_shape": the model input `at` takes `shape` (without the batch axis)."""

    action: str
    at: str
    layer: object = None  # a LayerSpec (explorer.spec); typed loosely: this module imports nothing of the explorer
    shape: tuple = ()


@dataclass(frozen=True)
class Fix:
    """The smallest change that makes the model build. key: an i18n key (placeholders in params);
    code: the corrected line(s) of code to show, in Keras 3 style; edit: the same change, machine-readable
    (None when the fix is advice the learner has to carry out)."""

    key: str
    params: tuple[tuple[str, str], ...] = ()
    code: str = ""
    edit: FixEdit | None = None


def shape_text(shape: tuple) -> str:
    """A shape as Keras prints it: (2, 50, 75) -> '(2, 50, 75)'; None (any size) stays 'None';
    a 1-tuple keeps Python's comma: (5,) -> '(5,)'."""
    return "(" + ", ".join("None" if d is None else str(d) for d in shape) + ("," if len(shape) == 1 else "") + ")"


def named(axes: tuple[str, ...]) -> str:
    """Axis letters as a shape: ('B', 'T', 'F') -> '(B, T, F)'; one letter keeps the comma: '(B,)'."""
    return "(" + ", ".join(axes) + ("," if len(axes) == 1 else "") + ")"


@dataclass(frozen=True)
class Step:
    """One node of the model: an input or a layer call, with what flows in and out."""

    name: str
    cls: str  # Keras class name; "InputLayer" for inputs
    inner_cls: str  # the wrapped layer's class ("LSTM" in Bidirectional(LSTM)), else ""
    parents: tuple[str, ...]  # nodes whose outputs flow in, in order
    input_shapes: tuple[Shape, ...]
    output_shapes: tuple[Shape, ...]
    input_axes: tuple[tuple[str, ...], ...]
    output_axes: tuple[tuple[str, ...], ...]
    weights: tuple[WeightInfo, ...] = ()
    formula: Formula = NO_PARAMS
    flops: int = 0
    line: int = 0
    code: str = ""
    args: tuple = ()  # the layer's validated arguments, as in its LayerSpec
    # a later call of a layer called before: the step of its first call, whose weights it uses again (so it
    # has no weights and no parameters of its own); "" for a first call
    shares: str = ""

    def arg(self, name: str, default=None):
        return dict(self.args).get(name, default)

    @property
    def params(self) -> int:
        return self.formula.value

    @property
    def input_shape(self) -> Shape | None:
        return self.input_shapes[0] if self.input_shapes else None

    @property
    def output_shape(self) -> Shape:
        return self.output_shapes[0]

    @property
    def input_dims(self) -> tuple[str, ...] | None:
        return self.input_axes[0] if self.input_axes else None

    @property
    def output_dims(self) -> tuple[str, ...]:
        return self.output_axes[0]


@dataclass(frozen=True)
class Failure:
    """The first layer that cannot take its input. message: the error's own text; origin:
    "keras" when Keras raised it (shape inference or a build), "explorer" for our own check of a
    rule Keras enforces only when it builds. cause and fix: plain-language keys for the page."""

    layer: str
    cls: str
    line: int
    col: int
    message: str
    origin: str
    input_shapes: tuple[Shape, ...]
    input_axes: tuple[tuple[str, ...], ...]
    parents: tuple[str, ...] = ()
    cause: Fix | None = None
    fix: Fix | None = None


@dataclass(frozen=True)
class Axis:
    letter: str
    size: int | None
    meaning_key: str
    meaning_params: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Group:
    """A GroupSpec described: Keras's one row for its members (their parameters summed, its outputs'
    shapes). complete: every member was described (False when the model fails inside the group)."""

    name: str
    label: str
    what: str
    members: tuple[str, ...]
    output_shapes: tuple[Shape, ...]
    params: int
    complete: bool
    line: int = 0
    parent: str = ""
    shares: str = ""  # a later call of a model called more than once: its first call's group (0 new parameters)


@dataclass(frozen=True)
class Description:
    steps: tuple[Step, ...]
    failure: Failure | None
    axes: tuple[Axis, ...]
    batch_size: int | None
    outputs: tuple[str, ...]
    groups: tuple[Group, ...] = ()

    def group_of(self, name: str) -> Group | None:
        """The innermost group a step belongs to, or None."""
        return next((g for g in self.groups if name in g.members), None)

    @property
    def total_params(self) -> int:
        """Every weight once, as Keras's count_params(): a shared layer's later calls add none."""
        return sum(s.params for s in self.steps)

    @property
    def ok(self) -> bool:
        return self.failure is None

    def step(self, name: str) -> Step:
        return next(s for s in self.steps if s.name == name)
