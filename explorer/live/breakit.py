""""Break it" for any model: each layer kind's common mistakes, run live on this model.

A kind offers mistakes with one of its layers (`kind.mistakes`, from explorer/layers/<family>/xray.py). Here they
are gathered (`mistakes_for`) and run (`run_mistake`):
- a `broken` layer is put into the model in place of the learner's, on a tiny batch (2), and the
  model is described, then built within the memory budget: the first failure is Keras's own error,
  with explorer.diagnose's plain cause and smallest fix. If nothing fails, the outcome says so.
- a `run` function is called: the exception it raises (its type and cleaned message), or the float
  it returns (how far a silently wrong result is from the right one).
- a ModelMistake (explorer/live/model_mistake.py) changes the model around the layer (its `edits`: the
  input's shape, a layer removed or added), and the model is run as for `broken`; when Keras lets it
  through, the outcome holds the output shape Keras built against the learner's (a silent mistake).
A kind's mistakes are given `CORE` (describe, a layer's code line, the registry's kinds), so its
family imports neither the describer nor the registry.
`broken_source` writes the mistaken layer into the learner's own code (explorer/reader/edit.py), so
the page can load it into the code box.
"""
from __future__ import annotations

import dataclasses
import numbers
import re
from dataclasses import dataclass

from ..budget import description_budget
from ..description import Description, Failure, FixEdit, Shape
from ..layers import get_kind, layer_code
from ..layers.base import Fix
from ..shapes import construct, describe, describe_layer
from ..spec import LayerSpec, ModelSpec
from .base import Core, Mistake
from .model_mistake import ModelMistake

CORE = Core(describe, describe_layer, construct, layer_code, get_kind)  # what every kind's mistakes are given
MAX_MISTAKES = 8  # on one page
MAX_PER_KIND = 2  # a model of ten Dense layers does not list the same mistake ten times
TINY_BATCH = 2
MESSAGE_CHARS = 1200

# what happened when the mistake ran
FAILED = "failed"  # the mistaken model failed to describe or build: Keras's error, a cause, a fix
RAISED = "raised"  # the run function raised
SILENT = "silent"  # the run function returned how far its wrong result is: nothing warned
UNBROKEN = "unbroken"  # nothing failed: the mistake did not break this model
SILENT_SHAPE = "silent_shape"  # Keras built the mistaken model without a word, with another output shape
OVER_BUDGET = "over_budget"  # the mistaken model would not fit the memory budget: not built


@dataclass(frozen=True)
class BreakOutcome:
    """One mistake, run. code: the mistaken code; source: who raised (Keras, TensorFlow, numpy, or
    "explorer" for the explorer's own check); error_type ("" when not known or nothing was raised)
    and message: the error's cleaned text (for FAILED, the failure's message); failure and fix: from
    explorer.diagnose for a broken model (fix: see
    `mistake_fix`); silent_diff: for SILENT; broken: the mistaken layer; output and expected: for
    SILENT_SHAPE, the output shape Keras built with the mistake and the learner's model's."""

    key: str
    layer: str
    code: str | tuple  # the mistaken code: plain, or explorer.live.base.Line tuples with translated notes
    source: str
    error_type: str
    message: str
    failure: Failure | None = None
    fix: Fix | None = None
    silent_diff: float = 0.0
    status: str = UNBROKEN
    params: tuple[tuple[str, str], ...] = ()
    broken: LayerSpec | None = None
    title_key: str = ""  # the mistake's words (explorer.live.base.Mistake)
    why_key: str = ""
    output: Shape | None = None
    expected: Shape | None = None
    edits: tuple[FixEdit, ...] = ()  # a ModelMistake's change of the model


def changes_model(mistake: Mistake) -> bool:
    """The mistake is run by describing and building a changed model (not by a function of its own)."""
    return mistake.broken is not None or bool(getattr(mistake, "edits", ()))


# -- gathering ---------------------------------------------------------------------------------------
def mistakes_for(spec: ModelSpec, desc: Description) -> tuple[Mistake, ...]:
    """At most MAX_MISTAKES mistakes, at most MAX_PER_KIND per layer class and each key once (on the
    first layer it fits): those that break this model's wiring (broken=, Keras's real error on this
    model) first, then the run= ones, each in the model's order. None for a model that already
    fails (its own failure comes first)."""
    if desc.failure is not None:
        return ()
    described = {step.name: step for step in desc.steps}
    names = {layer.name for layer in spec.layers}
    found: list[Mistake] = []
    per_kind: dict[str, int] = {}
    for layer in spec.layers:
        kind, step = get_kind(layer.kind), described.get(layer.name)
        if kind is None or step is None or per_kind.get(layer.kind, 0) >= MAX_PER_KIND:
            continue
        try:
            offered = kind.mistakes(spec, layer, step, CORE)
        except Exception:  # one kind's cases must never take the page down
            continue
        for mistake in offered:
            if changes_model(mistake) and mistake.layer not in names:
                continue
            if per_kind.get(layer.kind, 0) >= MAX_PER_KIND:
                break
            if any(m.key == mistake.key for m in found):  # the same mistake again on a later layer
                continue
            per_kind[layer.kind] = per_kind.get(layer.kind, 0) + 1
            found.append(mistake)
    found.sort(key=lambda m: not changes_model(m))  # stable: model order within each group
    return tuple(found[:MAX_MISTAKES])


# -- running -----------------------------------------------------------------------------------------
def tiny(spec: ModelSpec) -> ModelSpec:
    """The model on a batch of at most TINY_BATCH where it names a batch size; other shapes kept."""
    def small(batch: int | None) -> int | None:
        return None if batch is None else min(batch, TINY_BATCH)

    inputs = tuple(dataclasses.replace(i, batch_size=small(i.batch_size)) for i in spec.inputs)
    return dataclasses.replace(spec, inputs=inputs, batch_size=small(spec.batch_size))


def with_layer(spec: ModelSpec, name: str, layer: LayerSpec) -> ModelSpec:
    """The model with layer `name` replaced (same name, place and inputs as the learner's)."""
    original = spec.layer(name)
    layer = dataclasses.replace(layer, name=original.name, inputs=original.inputs, states=original.states)
    return dataclasses.replace(spec, layers=tuple(layer if l.name == name else l for l in spec.layers))


def clean_message(text: str) -> str:
    """The error's words and shapes, without terminal colours or tensor values, cut at MESSAGE_CHARS."""
    text = re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", text)
    text = re.sub(r"numpy=\s*array\(.*?\)(?=>)", "numpy=…", text, flags=re.DOTALL)
    text = re.sub(r"value=\s*\[.*?\]\]?>", "value=…>", text, flags=re.DOTALL)
    text = re.sub(r"tf\.Tensor\(\s*\[.*?\],\s*shape=", "tf.Tensor(…, shape=", text, flags=re.DOTALL)
    text = text.strip()
    return text if len(text) <= MESSAGE_CHARS else text[:MESSAGE_CHARS] + " …"


def mistake_fix(spec: ModelSpec, mistake: Mistake, failure: Failure) -> Fix:
    """The fix of a broken= mistake: explorer.diagnose's when it changes the mistaken layer itself;
    else (diagnose's advice is about a later layer, such as using Dense without TimeDistributed when
    an RNN upstream dropped the time axis) the learner's own layer as it was, which described."""
    fix = failure.fix
    if fix is not None and (dict(fix.params).get("layer") == mistake.layer or isinstance(mistake, ModelMistake)):
        return fix  # a model mistake's failure is where the change made it: diagnose's fix is the page's
    return Fix("breakany.fix_undo", (("layer", mistake.layer),), layer_code(spec.layer(mistake.layer)))


def _failed(spec: ModelSpec, mistake: Mistake, base: BreakOutcome, failure: Failure) -> BreakOutcome:
    source = "Keras" if failure.origin == "keras" else "explorer"
    return dataclasses.replace(base, source=source, message=failure.message, failure=failure,
                               fix=mistake_fix(spec, mistake, failure), status=FAILED)


def _rewired(spec: ModelSpec, old: str, new_ref) -> ModelSpec:
    """Every layer (and output) that read node `old` reads `new_ref` instead."""
    def rewire(refs):
        return tuple(new_ref if node == old else (node, index) for node, index in refs)

    layers = tuple(dataclasses.replace(l, inputs=rewire(l.inputs), states=rewire(l.states)) for l in spec.layers)
    return dataclasses.replace(spec, layers=layers, outputs=rewire(spec.outputs))


def edited_spec(spec: ModelSpec, edits: tuple[FixEdit, ...]) -> ModelSpec | None:
    """The model with the edits made in order (what explorer.reader.edit writes into the code, done to the
    model itself), or None when one does not apply (a name that is not there, an unknown action)."""
    for edit in edits:
        names = spec.node_names()
        if edit.at not in names:
            return None
        if edit.action == "input_shape":
            spec = dataclasses.replace(spec, inputs=tuple(
                dataclasses.replace(i, shape=tuple(edit.shape), sources=()) if i.name == edit.at else i
                for i in spec.inputs))
        elif edit.action == "replace" and isinstance(edit.layer, LayerSpec):
            spec = with_layer(spec, edit.at, edit.layer)
        elif edit.action == "remove" and edit.at not in {i.name for i in spec.inputs}:
            layer = spec.layer(edit.at)
            if len(layer.inputs) != 1:
                return None
            spec = _rewired(dataclasses.replace(spec, layers=tuple(l for l in spec.layers if l.name != edit.at)),
                            edit.at, layer.inputs[0])
        elif edit.action == "insert_after" and isinstance(edit.layer, LayerSpec) and edit.layer.name not in names:
            new = dataclasses.replace(edit.layer, inputs=((edit.at, None),), states=())
            spec = _rewired(spec, edit.at, (new.name, None))
            at = next((i for i, l in enumerate(spec.layers) if l.name == edit.at), -1)  # -1: after an input
            spec = dataclasses.replace(spec, layers=spec.layers[:at + 1] + (new,) + spec.layers[at + 1:])
        else:
            return None
    return spec


def _output_shape(desc: Description, spec: ModelSpec) -> Shape | None:
    if not spec.outputs:
        return None
    name, index = spec.outputs[0]
    step = next((s for s in desc.steps if s.name == name), None)
    return None if step is None else step.output_shapes[index or 0]


def _run_model(spec: ModelSpec, mistake: Mistake, base: BreakOutcome, broken: ModelSpec) -> BreakOutcome:
    """The mistaken model described, then built by Keras within the memory budget."""
    from ..build import OverBudget, build

    broken = tiny(broken)
    desc = describe(broken)
    if desc.failure is not None:
        return _failed(spec, mistake, base, desc.failure)
    budget = description_budget(desc)
    if not budget.fits_memory:
        return dataclasses.replace(base, status=OVER_BUDGET, message=f"needs {budget.total_bytes:,} bytes, "
                                   f"budget {budget.limit_bytes:,}")
    try:
        built = build(broken, desc)
    except OverBudget as refused:
        return dataclasses.replace(base, status=OVER_BUDGET, message=str(refused))
    if built.failure is not None:
        return _failed(spec, mistake, base, built.failure)
    if isinstance(mistake, ModelMistake) and built.model is not None and built.model.outputs:
        output = tuple(built.model.outputs[0].shape)  # Keras's own shape, not ours
        expected = _output_shape(describe(tiny(spec)), tiny(spec))
        if expected is not None and output != tuple(expected):
            return dataclasses.replace(base, status=SILENT_SHAPE, output=output, expected=tuple(expected),
                                       fix=mistake.fix)
    return base


def _run_broken(spec: ModelSpec, mistake: Mistake, base: BreakOutcome) -> BreakOutcome:
    return _run_model(spec, mistake, base, with_layer(spec, mistake.layer, mistake.broken))


def _run_edited(spec: ModelSpec, mistake: ModelMistake, base: BreakOutcome) -> BreakOutcome:
    broken = edited_spec(spec, mistake.edits)
    if broken is None:
        return base
    return _run_model(spec, mistake, base, broken)


def _run_function(mistake: Mistake, base: BreakOutcome) -> BreakOutcome:
    try:
        result = mistake.run()
    except Exception as error:  # the point of a mistake is its exception: anything raised is shown
        return dataclasses.replace(base, status=RAISED, error_type=type(error).__name__,
                                   message=clean_message(str(error) or type(error).__name__))
    if isinstance(result, numbers.Real) and not isinstance(result, bool):
        return dataclasses.replace(base, status=SILENT, silent_diff=float(result))
    return base


def run_mistake(spec: ModelSpec, mistake: Mistake) -> BreakOutcome:
    """What the mistake does to this model (a BreakOutcome; see the status constants)."""
    code = mistake.code or (layer_code(mistake.broken) if mistake.broken is not None else "")
    base = BreakOutcome(mistake.key, mistake.layer, code, mistake.source, "", "", params=mistake.params,
                        broken=mistake.broken, title_key=mistake.title_key, why_key=mistake.why_key)
    if isinstance(mistake, ModelMistake) and mistake.edits:
        return _run_edited(spec, mistake, dataclasses.replace(base, edits=mistake.edits))
    if mistake.broken is not None:
        return _run_broken(spec, mistake, base)
    if mistake.run is not None:
        return _run_function(mistake, base)
    return base


def outcomes_for(spec: ModelSpec) -> tuple[BreakOutcome, ...]:
    """Every mistake of this model, run (what the page caches by spec)."""
    desc = describe(spec)
    return tuple(run_mistake(spec, mistake) for mistake in mistakes_for(spec, desc))


# -- into the learner's code -------------------------------------------------------------------------
def broken_source(code: str, spec: ModelSpec, mistake: Mistake | BreakOutcome) -> str | None:
    """The learner's code with the mistake written in place of theirs, or None (a run= mistake, a layer
    the code does not construct in one plain call, one call shared by layers). A model mistake's edits
    are written one after the other, the code read again between them (nothing of it is run)."""
    from ..reader.code import read_code
    from ..reader.edit import apply_edit, replace_layer, shared_call

    edits = getattr(mistake, "edits", ())
    if edits:
        edited, current = code, spec
        for edit in edits:
            if current is None:
                return None
            edit = _named_as_read(edit, spec, current)
            edited = apply_edit(edited, current, edit) if edit is not None else None
            if edited is None:
                return None
            current = read_code(edited).spec
        return edited if edited != code else None
    if mistake.broken is None:
        return None
    original = next((layer for layer in spec.layers if layer.name == mistake.layer), None)
    if original is None or shared_call(spec, original):
        return None
    new = dataclasses.replace(mistake.broken, name=original.name, line=original.line, col=original.col)
    edited = replace_layer(code, original, new)
    return edited if edited is not None and edited != code else None


def _named_as_read(edit: FixEdit, spec: ModelSpec, current: ModelSpec) -> FixEdit | None:
    """The edit on the code as read again: a node named in the learner's model is found by its line and
    column (the reader may name it afresh after a layer was added or removed above it)."""
    if edit.at in current.node_names() and edit.at in spec.node_names() and \
            _where(spec, edit.at) == _where(current, edit.at):
        return edit
    place = _where(spec, edit.at)
    if place is None:
        return None
    same = [n for n in current.node_names() if _where(current, n) == place]
    return dataclasses.replace(edit, at=same[0]) if len(same) == 1 else None


def _where(spec: ModelSpec, name: str) -> tuple[int, int] | None:
    node = next((n for n in spec.inputs + spec.layers if n.name == name), None)
    return None if node is None or not node.line else (node.line, node.col)
