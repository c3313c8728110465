"""What changed between two models: the previous run's and this one's, whether the learner moved a
sidebar number or edited the code.

Works on two `Description`s (explorer/shapes.py), so it needs no weights and works for models over
the budget or that fail. Layers are matched by name (the reader names them as Keras does, or by
their `name=`); where names do not match, by class in the same place, so a layer inserted in the
middle is "added" and the layers after it are not all "changed". Keras's automatic names shift
when a layer of the same class is inserted before another (`dense` becomes `dense_1`); an alignment
on classes and arguments is tried too, and the one that says less differs wins.

Shapes include the batch axis, e.g. (30, 50, 75) → (30, 50, 128) for the tagger's bidirectional
layer when `lstm_units` goes 75 → 128.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass

import pandas as pd

from .description import named, shape_text
from .layers import shown_class
from .layers.base import Shape
from .reader.code_names import snake_case
from .shapes import Description, Step
from .spec import LayerSpec, ModelSpec, Value


class _Unset:
    """An argument a layer does not set (Keras uses its default)."""

    def __repr__(self) -> str:
        return "—"


UNSET = _Unset()


@dataclass(frozen=True)
class ArgChange:
    name: str  # "units"; "layer.units" for the layer a Bidirectional / TimeDistributed wraps
    before: Value | _Unset
    after: Value | _Unset


@dataclass(frozen=True)
class WeightChange:
    label: str  # "kernel", "forward recurrent_kernel", ...
    before: Shape | None  # None: the weight does not exist on that side (use_bias=False...)
    after: Shape | None


@dataclass(frozen=True)
class LayerChange:
    """One layer present in both models whose name, class, output, weights or arguments moved."""

    name_before: str
    name_after: str
    cls_before: str  # "Bidirectional(LSTM)" for a wrapper
    cls_after: str
    shapes_before: tuple[Shape, ...]  # every output tensor, batch axis first
    shapes_after: tuple[Shape, ...]
    axes_before: tuple[tuple[str, ...], ...]  # the outputs' axis letters, e.g. (('B', 'T', 'F'),)
    axes_after: tuple[tuple[str, ...], ...]
    params_before: int
    params_after: int
    weights: tuple[WeightChange, ...] = ()
    args: tuple[ArgChange, ...] = ()

    @property
    def name(self) -> str:
        return self.name_after

    @property
    def renamed(self) -> bool:
        return self.name_before != self.name_after

    @property
    def shape_moved(self) -> bool:
        return self.shapes_before != self.shapes_after

    @property
    def axes_moved(self) -> bool:
        return self.axes_before != self.axes_after

    @property
    def params_delta(self) -> int:
        return self.params_after - self.params_before

    @property
    def content_moved(self) -> bool:
        """Anything but the name (which Keras's automatic naming shifts on its own)."""
        return bool(self.cls_before != self.cls_after or self.shape_moved or self.axes_moved
                    or self.params_delta or self.weights or self.args)


@dataclass(frozen=True)
class LayerRef:
    """A layer on one side only: added, removed, or (when a model fails) not reached."""

    name: str
    cls: str
    shapes: tuple[Shape, ...]
    params: int


@dataclass(frozen=True)
class AxisChange:
    letter: str
    before: int | None  # None: any size (a batch axis left open)
    after: int | None


@dataclass(frozen=True)
class Changes:
    layers: tuple[LayerChange, ...]  # matched layers that moved (or that the learner renamed), in order
    unchanged: tuple[str, ...]  # matched layers that did not move (current names; Keras may have renumbered)
    added: tuple[LayerRef, ...]
    removed: tuple[LayerRef, ...]
    unreached: tuple[LayerRef, ...]  # described before; the current model now fails before them
    reached: tuple[LayerRef, ...]  # the previous model failed before them; now described
    axes_moved: tuple[AxisChange, ...]
    axes_appeared: tuple[AxisChange, ...]  # before is None: read `after`
    axes_vanished: tuple[AxisChange, ...]  # after is None: read `before`
    params_before: int  # of the described layers (up to the failure, if any)
    params_after: int
    batch_before: int | None
    batch_after: int | None
    failure_before: str | None  # the first failing layer's name
    failure_after: str | None
    new_model: bool = False  # not a version of the same model (`same_model`): nothing above is paired

    @property
    def params_delta(self) -> int:
        return self.params_after - self.params_before

    @property
    def batch_moved(self) -> bool:
        return self.batch_before != self.batch_after

    @property
    def failure_moved(self) -> bool:
        return self.failure_before != self.failure_after

    @property
    def empty(self) -> bool:
        return not self.new_model and not (self.layers or self.added or self.removed or self.unreached or self.reached
                    or self.axes_moved or self.axes_appeared or self.axes_vanished
                    or self.params_delta or self.batch_moved or self.failure_moved)


# -- matching ---------------------------------------------------------------------------------------
Pairs = list[tuple[int, int]]  # (index in before.steps, index in after.steps), in order


def _cls(step: Step) -> str:
    shown = shown_class(step.cls, step.args)
    return f"{shown}({step.inner_cls})" if step.inner_cls else shown


def _blocks(a: list, b: list) -> Pairs:
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return [(block.a + k, block.b + k) for block in matcher.get_matching_blocks() for k in range(block.size)]


def _align(before: list, after: list, before_names: list[str], after_names: list[str],
           coarse_before: list, coarse_after: list) -> Pairs:
    """Equal keys first; inside each stretch between them, equal coarse keys (classes) in order;
    then equal names that moved place (names are unique in a model)."""
    pairs: Pairs = []
    for tag, a0, a1, b0, b1 in difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if tag == "equal":
            pairs += [(a0 + k, b0 + k) for k in range(a1 - a0)]
        elif tag == "replace":
            pairs += [(a0 + i, b0 + j) for i, j in _blocks(coarse_before[a0:a1], coarse_after[b0:b1])]
    used_a, used_b = {i for i, _ in pairs}, {j for _, j in pairs}
    where_b = {name: j for j, name in enumerate(after_names) if j not in used_b}
    pairs += [(i, where_b[name]) for i, name in enumerate(before_names) if i not in used_a and name in where_b]
    return sorted(pairs, key=lambda p: p[1])


# -- one matched layer ------------------------------------------------------------------------------
def _spec_layers(spec: ModelSpec | None) -> dict[str, LayerSpec]:
    return {layer.name: layer for layer in spec.layers} if spec is not None else {}


def _all_args(step: Step, layer: LayerSpec | None) -> dict[str, Value]:
    """The step's arguments, and (from the spec) those of the layers it wraps as 'layer.<arg>'."""
    args = dict(step.args)
    prefix, inner = "layer.", layer.inner if layer is not None else None
    while inner is not None:
        args.update({prefix + k: v for k, v in inner.args})
        prefix, inner = prefix + "layer.", inner.inner
    return args


def _arg_changes(a: dict[str, Value], b: dict[str, Value]) -> tuple[ArgChange, ...]:
    keys = sorted(set(a) | set(b))
    return tuple(ArgChange(k, a.get(k, UNSET), b.get(k, UNSET)) for k in keys
                 if k not in a or k not in b or a[k] != b[k] or type(a[k]) is not type(b[k]))


def _weight_changes(a: Step, b: Step) -> tuple[WeightChange, ...]:
    wa = {w.label: tuple(w.shape) for w in a.weights}
    wb = {w.label: tuple(w.shape) for w in b.weights}
    labels = list(wa) + [k for k in wb if k not in wa]
    return tuple(WeightChange(k, wa.get(k), wb.get(k)) for k in labels if wa.get(k) != wb.get(k))


def _layer_change(a: Step, b: Step, spec_a: dict, spec_b: dict) -> LayerChange:
    args = _arg_changes(_all_args(a, spec_a.get(a.name)), _all_args(b, spec_b.get(b.name)))
    return LayerChange(a.name, b.name, _cls(a), _cls(b), a.output_shapes, b.output_shapes, a.output_axes,
                       b.output_axes, a.params, b.params, _weight_changes(a, b), args)


def _ref(step: Step) -> LayerRef:
    return LayerRef(step.name, _cls(step), step.output_shapes, step.params)


def _auto_name(name: str, cls: str) -> bool:
    """Is this the name Keras gives a layer of this class on its own ('dense', 'dense_3')?"""
    base = snake_case(cls.partition("(")[0])
    return name == base or (name.startswith(base + "_") and name[len(base) + 1:].isdigit())


def _own_rename(c: LayerChange) -> bool:
    """A rename other than Keras's own renumbering (`dense` → `dense_1` when a Dense is inserted before)."""
    return c.renamed and not (_auto_name(c.name_before, c.cls_before) and _auto_name(c.name_after, c.cls_after))


def _cost(changes: list[LayerChange], unmatched: int) -> int:
    """How much an alignment says differs: each one-sided layer, each matched layer that moved, its
    arguments (a layer with other arguments is more likely another layer), and each own rename."""
    return unmatched + sum(c.content_moved + bool(c.args) + _own_rename(c) for c in changes)


def _match(sa: tuple[Step, ...], sb: tuple[Step, ...], spec_a: dict, spec_b: dict) -> tuple[Pairs, list[LayerChange]]:
    """The alignment that says the least differs: by name (then class), or by class and arguments
    (then class) for when Keras's numbering shifted; a tie keeps the alignment by name."""
    names_a, names_b = [s.name for s in sa], [s.name for s in sb]
    cls_a, cls_b = [_cls(s) for s in sa], [_cls(s) for s in sb]
    args_a = [(_cls(s), tuple(sorted(_all_args(s, spec_a.get(s.name)).items()))) for s in sa]
    args_b = [(_cls(s), tuple(sorted(_all_args(s, spec_b.get(s.name)).items()))) for s in sb]
    best: tuple[int, Pairs, list[LayerChange]] | None = None
    for pairs in (_align(names_a, names_b, names_a, names_b, cls_a, cls_b),
                  _align(args_a, args_b, names_a, names_b, cls_a, cls_b)):
        moved = [_layer_change(sa[i], sb[j], spec_a, spec_b) for i, j in pairs]
        cost = _cost(moved, len(sa) + len(sb) - 2 * len(pairs))
        if best is None or cost < best[0]:
            best = (cost, pairs, moved)
    return best[1], best[2]


# -- the same model? --------------------------------------------------------------------------------
SAME_MODEL_SHARE = 0.6  # at least this share of the layers match by kind, in order: a version of the same model


def _kinds(desc: Description, spec: ModelSpec | None) -> list[str]:
    """The model's layer kinds in order ('Bidirectional(LSTM)'): from the spec, which lists every layer
    even when the model fails part way, else from the described steps."""
    if spec is None:
        return [_cls(s) for s in desc.steps]
    return [f"{layer.kind}({layer.inner.kind})" if layer.inner is not None else layer.kind for layer in spec.layers]


def shared_share(before: Description, after: Description, before_spec: ModelSpec | None = None,
                 after_spec: ModelSpec | None = None) -> float:
    """The share of both models' layers that match by kind and order (2·matches / all layers), 0 to 1:
    1 when a sidebar number moved, 0.67 when one layer of three is swapped, 0.18 from the tagger to a
    small image CNN."""
    a, b = _kinds(before, before_spec), _kinds(after, after_spec)
    if not a and not b:
        return 1.0
    matches = sum(block.size for block in difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks())
    return 2 * matches / (len(a) + len(b))


def same_model(before: Description, after: Description, before_spec: ModelSpec | None = None,
               after_spec: ModelSpec | None = None) -> bool:
    """Is `after` a version of `before` (an edit, a moved number), not a new paste? Only then are their
    layers and named axes paired."""
    return shared_share(before, after, before_spec, after_spec) >= SAME_MODEL_SHARE


# -- the comparison ---------------------------------------------------------------------------------
def compare(before: Description, after: Description, before_spec: ModelSpec | None = None,
            after_spec: ModelSpec | None = None) -> Changes:
    """What differs from `before` to `after`. The specs (optional) add the arguments of wrapped
    layers (Bidirectional's LSTM units) and tell a removed layer from one the model no longer reaches.
    Two models that are not versions of one another (`same_model`) are not paired: the changes say only
    `new_model`."""
    failure_before = before.failure.layer if before.failure is not None else None
    failure_after = after.failure.layer if after.failure is not None else None
    if not same_model(before, after, before_spec, after_spec):
        return Changes((), (), (), (), (), (), (), (), (), before.total_params, after.total_params,
                       before.batch_size, after.batch_size, failure_before, failure_after, new_model=True)
    sa, sb = before.steps, after.steps
    spec_a, spec_b = _spec_layers(before_spec), _spec_layers(after_spec)
    pairs, moved = _match(sa, sb, spec_a, spec_b)
    matched_a, matched_b = {i for i, _ in pairs}, {j for _, j in pairs}
    only_a = [i for i in range(len(sa)) if i not in matched_a]
    only_b = [j for j in range(len(sb)) if j not in matched_b]
    last_a = max((i for i, _ in pairs), default=-1)
    last_b = max((j for _, j in pairs), default=-1)

    def cut_short(step: Step, index: int, last: int, failed: Description, other: dict | None) -> bool:
        """Is this one-sided layer missing only because the other model fails before it? The other
        spec says whether it still has the layer; without it, a layer past the last match is."""
        if failed.failure is None:
            return False
        return step.name in other if other is not None else index > last

    unreached = {i for i in only_a if cut_short(sa[i], i, last_a, after, spec_b if after_spec else None)}
    reached = {j for j in only_b if cut_short(sb[j], j, last_b, before, spec_a if before_spec else None)}
    axes_a = {axis.letter: axis.size for axis in before.axes}
    axes_b = {axis.letter: axis.size for axis in after.axes}
    return Changes(
        layers=tuple(c for c in moved if c.content_moved or _own_rename(c)),
        unchanged=tuple(c.name for c in moved if not (c.content_moved or _own_rename(c))),
        added=tuple(_ref(sb[j]) for j in only_b if j not in reached),
        removed=tuple(_ref(sa[i]) for i in only_a if i not in unreached),
        unreached=tuple(_ref(sa[i]) for i in only_a if i in unreached),
        reached=tuple(_ref(sb[j]) for j in only_b if j in reached),
        axes_moved=tuple(AxisChange(k, axes_a[k], axes_b[k]) for k in axes_b if k in axes_a and axes_a[k] != axes_b[k]),
        axes_appeared=tuple(AxisChange(k, None, axes_b[k]) for k in axes_b if k not in axes_a),
        axes_vanished=tuple(AxisChange(k, axes_a[k], None) for k in axes_a if k not in axes_b),
        params_before=before.total_params, params_after=after.total_params,
        batch_before=before.batch_size, batch_after=after.batch_size,
        failure_before=failure_before, failure_after=failure_after,
    )


# -- as text (language-neutral: names, shapes, letters and numbers) ---------------------------------
TABLE_COLUMNS = ("layer", "class", "output", "axes", "params", "delta", "weights", "args")


def value_text(value: object) -> str:
    return repr(value) if isinstance(value, (str, _Unset)) else str(value)


def shapes_text(shapes: tuple[Shape, ...]) -> str:
    return " + ".join(shape_text(s) for s in shapes)


def axes_text(axes: tuple[tuple[str, ...], ...]) -> str:
    return " + ".join(named(a) for a in axes)


def size_text(size: int | None) -> str:
    return "None" if size is None else f"{size:,}"


def _moved(before: str, after: str) -> str:
    return before if before == after else f"{before} → {after}"


def weights_text(weights: tuple[WeightChange, ...]) -> str:
    """'2 × kernel (64, 300) → (64, 512); …': a Bidirectional's two directions, when they moved
    alike (they always do), are written once."""
    by_label = {w.label: w for w in weights}
    text = lambda shape: "—" if shape is None else shape_text(shape)
    parts: list[str] = []
    for w in weights:
        owner, _, name = w.label.partition(" ")
        other = {"forward": "backward", "backward": "forward"}.get(owner)
        twin = by_label.get(f"{other} {name}") if other else None
        alike = twin is not None and (twin.before, twin.after) == (w.before, w.after)
        if alike and owner == "backward":
            continue
        parts.append(f"{f'2 × {name}' if alike else w.label} {text(w.before)} → {text(w.after)}")
    return "; ".join(parts)


def args_text(args: tuple[ArgChange, ...]) -> str:
    return "; ".join(f"{a.name} {value_text(a.before)} → {value_text(a.after)}" for a in args)


def changes_table(changes: Changes) -> pd.DataFrame:
    """One row per matched layer that moved; columns TABLE_COLUMNS, all text."""
    rows = [{
        "layer": _moved(c.name_before, c.name_after),
        "class": _moved(c.cls_before, c.cls_after),
        "output": _moved(shapes_text(c.shapes_before), shapes_text(c.shapes_after)),
        "axes": _moved(axes_text(c.axes_before), axes_text(c.axes_after)),
        "params": _moved(f"{c.params_before:,}", f"{c.params_after:,}"),
        "delta": f"{c.params_delta:+,}" if c.params_delta else "0",
        "weights": weights_text(c.weights),
        "args": args_text(c.args),
    } for c in changes.layers]
    return pd.DataFrame(rows, columns=list(TABLE_COLUMNS))
