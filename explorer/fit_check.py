"""Before `fit` runs: real Keras meets the learner's data and loss on 2-row arrays (issue 19).

Given a model (ModelSpec and its Description) and one call of the training code (explorer.training.TrainingSpec),
`check_fit` builds a fresh model from the spec (never the page's cached one), compiles it with the learner's loss
and metrics, and makes the learner's own call (`fit` for one epoch with batch_size=2, `evaluate`, `predict`,
`train_on_batch`) on 2-row arrays of the data's shapes and dtypes, with values in their range (class ids below
`classes`, token ids below the vocabulary, pixels 0..255). Keras itself decides: its data adapter, the model's
input check (which adds or drops a last axis of size 1), and the compile-time loss wrapper that squeezes or expands
the labels' rank. The model runs eagerly (`run_eagerly=True`): the same train step as `fit`, without tracing a
graph (≈ 1 s instead of ≈ 6 s for the question's tagger); tests/test_fit_check.py compares each case with a plain
`model.fit` of the same Keras code.

The result says what Keras said, where, the shapes that meet with named axes (N: samples, B: the batch), the cause
in one sentence, the smallest fix (a FixEdit for a model change, the new text of a line for a change of the training
code), and when the call runs, what Keras did silently. Nothing bigger than the 2-row arrays and the model is
allocated, and nothing at all when the budget (explorer/budget.py) does not allow it.
"""
from __future__ import annotations

import ast
import dataclasses
import math
import re
import warnings
from dataclasses import dataclass

from .budget import MEMORY_BUDGET_BYTES, description_budget
from .description import Description, Fix, FixEdit, shape_text
from .layers import get_kind, layer_code, recurrent_layer, traits
from .losses import FROM_LOGITS, LOSS_CLASSES, loss_name
from .safe_ast import parse as safe_parse
from .spec import InputSpec, LayerSpec, ModelSpec
from .training import ArraySpec, LossSpec, TrainingSpec

ROWS = 2  # the rows of every array fed
SMALL = 4  # an axis the data leaves open (None) and the model does not fix either
MAX_MESSAGE = 1500
ARRAY_COPIES = 3  # numpy, the tensor Keras makes of it, the data adapter's slice

# losses compile accepts (explorer/losses.py) that the check does not run on made-up labels: their targets are
# not labels of a shape (ctc's sequences, the segmentation and metric-learning losses)
NOT_CHECKED = frozenset({"circle", "ctc", "dice", "tversky", "categorical_generalized_cross_entropy"})
ONE_HOT_LOSSES = ("categorical_crossentropy", "categorical_focal_crossentropy", "kl_divergence", "categorical_hinge")
SPARSE_LOSSES = ("sparse_categorical_crossentropy",)
BINARY_LOSSES = ("binary_crossentropy", "binary_focal_crossentropy", "hinge", "squared_hinge")
METRICS = ("accuracy", "acc", "binary_accuracy", "categorical_accuracy", "sparse_categorical_accuracy",
           "top_k_categorical_accuracy", "sparse_top_k_categorical_accuracy", "mse", "mae", "mape", "msle",
           "mean_squared_error", "mean_absolute_error", "mean_absolute_percentage_error",
           "root_mean_squared_error", "binary_crossentropy", "categorical_crossentropy",
           "sparse_categorical_crossentropy", "kl_divergence", "poisson", "cosine_similarity")


@dataclass(frozen=True)
class Meet:
    """One tensor where the data meets the model: role "x" (the data fed), "input" (the model input it enters),
    "output" (the model's output, y_pred), "y" (the labels the loss compares it with). shape with the samples
    axis (N) for data and the batch axis (B) for the model; axes: a letter or a number per axis."""

    role: str
    name: str
    shape: tuple[int | None, ...]
    axes: tuple[str, ...]


@dataclass(frozen=True)
class LineFix:
    """A change of the training code: lines first..last of the learner's code become `text` (one line or more)."""

    first: int
    last: int
    text: str


@dataclass(frozen=True)
class FitCheck:
    """What the call of the training code does with the model, measured with real Keras on 2-row arrays.

    status: "ok" (it runs), "failed" (Keras raised: message is its own text, without the server's traceback),
    "not_run" (nothing was fed to Keras: `reason` says why: the budget, the model fails to build, no data).
    call / line: where it happens (fit's line, or compile's when the loss cannot be made). meets: the shapes that
    meet. cause: one sentence (an i18n key of explorer/i18n/fit.py and its params). fix: the smallest fix, with
    code to paste and, for a model change, a FixEdit (explorer/reader/edit.py applies it); line_fix: the same for
    a change of the training code, as the new text of its line (when the learner's code was given). other and
    other_line_fix: a second fix (to_categorical where the first is the loss name). notes: what Keras did
    silently when it ran. fed: the shapes of the arrays fed."""

    status: str
    call: str = "fit"
    line: int = 0
    message: str = ""
    meets: tuple[Meet, ...] = ()
    cause: Fix | None = None
    fix: Fix | None = None
    line_fix: LineFix | None = None
    other: Fix | None = None
    other_line_fix: LineFix | None = None
    notes: tuple[Fix, ...] = ()
    reason: Fix | None = None
    fed: tuple[tuple[int, ...], ...] = ()

    @property
    def ok(self) -> bool:
        return self.status == "ok"


def _p(**values) -> tuple[tuple[str, str], ...]:
    return tuple((k, str(v)) for k, v in values.items())


def _shape(arr: ArraySpec) -> tuple[int | None, ...]:
    """The array's shape as fit sees it, its samples axis first (a batched dataset's shape is one element's: N is
    open); an unbatched dataset's element as it is: fit takes each element for a batch."""
    return ((None,) if arr.batch else ()) + tuple(arr.shape)


def _fed(arr: ArraySpec) -> tuple[int | None, ...]:
    """The shape of the rows the check makes for this array (an unbatched dataset's elements, stacked)."""
    return ((None,) if arr.batch or arr.dataset else ()) + tuple(arr.shape)


def _unbatched(training: TrainingSpec) -> bool:
    return any(a.dataset and not a.batch for a in training.x)


# -- the arrays fed --------------------------------------------------------------------------------------------------
def _ids_below(spec: ModelSpec, inp: InputSpec) -> int | None:
    """The vocabulary of the first layer reading this input's integer ids (an Embedding's input_dim), if any."""
    for layer in spec.layers:
        if any(node == inp.name for node, _ in layer.inputs):
            kind = traits(layer.kind)
            if kind.ids_below:
                value = layer.arg(kind.ids_below)
                return value if isinstance(value, int) else None
    return None


def _concrete(shape: tuple, model_shape: tuple | None, rows: int = ROWS) -> tuple[int, ...]:
    """The data's shape with `rows` samples; an open size takes the model's size at that axis, else SMALL."""
    out = [rows]
    for i, d in enumerate(shape[1:], start=1):
        if d is None:
            known = model_shape[i] if model_shape is not None and len(model_shape) == len(shape) else None
            d = known if isinstance(known, int) else SMALL
        out.append(d)
    return tuple(out)


def _range(arr: ArraySpec, ids_below: int | None, integer: bool) -> tuple[float, float]:
    """The lowest and highest value the array holds, as the code says (both are fed)."""
    top = arr.classes - 1 if arr.classes else None
    if arr.holds == "pixels":
        low, high = 0.0, 255.0
    elif arr.holds in ("class_ids", "tokens") or (integer and arr.holds == ""):
        low, high = 0.0, float(top if top is not None else (ids_below - 1 if ids_below else 1))
    else:
        low, high = 0.0, 1.0
    return (arr.low if arr.low is not None else low), (arr.high if arr.high is not None else high)


def _array(arr: ArraySpec, shape: tuple[int, ...], ids_below: int | None = None):
    """A deterministic array of this shape: its values cover the range, the highest one last."""
    import numpy as np

    dtype = np.dtype(arr.dtype if arr.dtype else "float32")
    size = math.prod(shape)
    integer = dtype.kind in "iub"
    if arr.holds == "one_hot" and len(shape) >= 2:
        width = shape[-1]
        index = np.arange(size // width) % width
        index[-1:] = width - 1
        return np.eye(width, dtype=dtype)[index].reshape(shape)
    low, high = _range(arr, ids_below, integer)
    if integer:
        flat = low + np.arange(size) % (high - low + 1)
    else:
        flat = np.linspace(low, high, size) if size > 1 else np.full(size, high)
    if size:
        flat[-1] = high
    return flat.astype(dtype).reshape(shape)


def _ragged(arr: ArraySpec, ids_below: int | None):
    """Two lists of different lengths, as imdb's reviews are before pad_sequences."""
    import numpy as np

    low, high = _range(arr, ids_below, True)
    out = np.empty(ROWS, dtype=object)
    out[0], out[1] = [int(low), int(high), int(low)], [int(high), int(low)]
    return out


def _nbytes(shape: tuple[int, ...], dtype: str) -> int:
    import numpy as np

    try:
        size = np.dtype(dtype or "float32").itemsize
    except TypeError:
        size = 8
    return math.prod(shape) * size


# -- the model, fresh --------------------------------------------------------------------------------------------------
def _fresh_spec(spec: ModelSpec, xs: tuple[ArraySpec, ...]) -> ModelSpec:
    """The spec without fixed batch sizes (fit's last batch may be smaller), and an input the code does not
    give (a Sequential without one: Keras builds it on the first data) taking the data's shape."""
    inputs = []
    for i, inp in enumerate(spec.inputs):
        shape = inp.shape
        if inp.assumed and i < len(xs) and not xs[i].ragged:
            shape = _fed(xs[i])[1:]
        inputs.append(dataclasses.replace(inp, batch_size=None, shape=shape))
    return dataclasses.replace(spec, inputs=tuple(inputs), batch_size=None)


def _output_layer(spec: ModelSpec, index: int = 0) -> LayerSpec | None:
    names = {layer.name: layer for layer in spec.layers}
    if index >= len(spec.outputs):
        return None
    return names.get(spec.outputs[index][0])


def _producer(spec: ModelSpec, layer: LayerSpec) -> LayerSpec | None:
    names = {item.name: item for item in spec.layers}
    return names.get(layer.inputs[0][0]) if layer.inputs else None


def _owner_of(layer: LayerSpec, arg: str) -> LayerSpec | None:
    """The layer that takes `arg` (itself, or the layer a wrapper runs)."""
    if get_kind(layer.kind) is not None and get_kind(layer.kind).rule(arg) is not None:
        return layer
    if layer.inner is not None and get_kind(layer.inner.kind) is not None \
            and get_kind(layer.inner.kind).rule(arg) is not None:
        return layer.inner
    return None


def _with(layer: LayerSpec, **changes) -> LayerSpec:
    """`layer` with these arguments set, in itself or in the layer it wraps (whichever takes them)."""
    def changed(spec: LayerSpec, items: dict) -> LayerSpec:
        args = {**spec.kwargs, **items}
        sources = tuple((k, v) for k, v in spec.sources if k not in items)
        return dataclasses.replace(spec, args=tuple(sorted(args.items())), sources=sources)

    own = {k: v for k, v in changes.items() if _owner_of(layer, k) is layer}
    inner = {k: v for k, v in changes.items() if k not in own}
    out = changed(layer, own) if own else layer
    if inner and layer.inner is not None:
        out = dataclasses.replace(out, inner=changed(layer.inner, inner))
    return out


def _units_layer(spec: ModelSpec, index: int = 0) -> LayerSpec | None:
    """The layer that sets the output's width: the output layer, or the last layer above it with `units`
    (through layers that keep the shape, such as an activation)."""
    node = _output_layer(spec, index)
    while node is not None and _owner_of(node, "units") is None:
        node = _producer(spec, node) if traits(node.kind).keeps_rank else None
    return node


def _activation(spec: ModelSpec, index: int = 0) -> str:
    """The output's activation as its layers say it ("softmax", "sigmoid", "" for none said)."""
    node = _output_layer(spec, index)
    while node is not None:
        owner = _owner_of(node, "activation")
        value = owner.arg("activation") if owner is not None else None
        if isinstance(value, str) and value not in ("linear", ""):
            return value
        if owner is not None or not traits(node.kind).keeps_rank:
            return ""
        node = _producer(spec, node)
    return ""


def _rnn_with_sequences(spec: ModelSpec, index: int = 0) -> LayerSpec | None:
    """The RNN above the output that keeps every step (return_sequences=True), through per-position layers."""
    node = _output_layer(spec, index)
    while node is not None:
        rnn = recurrent_layer(node)
        if rnn is not None:
            return node if rnn.arg("return_sequences", False) else None
        kind = traits(node.kind)
        if not (kind.keeps_rank or kind.per_step or kind.contracts_last_axis):
            return None
        node = _producer(spec, node)
    return None


def _fix_works(spec: ModelSpec, layer: LayerSpec, fixed: LayerSpec) -> bool:
    from .shapes import describe

    layers = tuple(fixed if item.name == layer.name else item for item in spec.layers)
    return describe(dataclasses.replace(spec, layers=layers)).ok


def _model_fix(key: str, params, spec: ModelSpec, layer: LayerSpec | None, **changes) -> Fix | None:
    """A fix that changes arguments of one layer, when the model still describes without an error after it."""
    if layer is None:
        return None
    fixed = _with(layer, **changes)
    if fixed == layer or not _fix_works(spec, layer, fixed):
        return None
    return Fix(key, params, layer_code(fixed), FixEdit("replace", layer.name, fixed))


# -- the learner's code: the new text of a line ------------------------------------------------------------------------
def _call_at(code: str, line: int, method: str) -> tuple[list[str], ast.Call] | None:
    """The lines of the code and the call `something.method(...)` that starts on `line`."""
    if not code or line <= 0:
        return None
    try:
        tree = safe_parse(code)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == method
                and node.lineno == line):
            return code.splitlines(), node
    return None


def _replace_in_lines(lines: list[str], node: ast.AST, first: int, last: int, new: str) -> LineFix:
    """Lines first..last with the text of `node` replaced by `new` (ast columns are UTF-8 bytes)."""
    def at(line: int, col: int) -> int:
        text = lines[line - 1]
        return len(text.encode("utf-8")[:col].decode("utf-8", errors="ignore"))

    block = lines[first - 1:last]
    start_line, end_line = node.lineno - first, node.end_lineno - first
    head = block[start_line][:at(node.lineno, node.col_offset)]
    tail = block[end_line][at(node.end_lineno, node.end_col_offset):]
    out = block[:start_line] + [head + new + tail] + block[end_line + 1:]
    return LineFix(first, last, "\n".join(out))


def _data_arg(code: str, training: TrainingSpec, which: str) -> tuple[str, object]:
    """The text of the call's x or y argument ("x_train"; "x" / "y" without the code), and locate: locate(new)
    gives the LineFix of the call's line(s) with that argument replaced by `new` (None without the code)."""
    found = _call_at(code, training.line, training.call)
    if found is None:
        return which, None
    lines, call = found
    position = 0 if which == "x" else 1
    node = call.args[position] if len(call.args) > position else next(
        (k.value for k in call.keywords if k.arg == which), None)
    if node is None:
        return which, None
    text = ast.get_source_segment(code, node) or which

    def locate(new: str) -> LineFix:
        return _replace_in_lines(lines, node, call.lineno, call.end_lineno, new)

    return text, locate


def _loss_line_fix(code: str, training: TrainingSpec, new: str) -> LineFix | None:
    """compile's line with its loss replaced by `new`."""
    found = _call_at(code, training.compile_line, "compile")
    if found is None:
        return None
    lines, call = found
    node = next((k.value for k in call.keywords if k.arg == "loss"), call.args[1] if len(call.args) > 1 else None)
    if node is None:
        return None
    return _replace_in_lines(lines, node, call.lineno, call.end_lineno, new)


# -- the check ---------------------------------------------------------------------------------------------------------
def _clean(error: BaseException) -> str:
    """Keras's own words, without the server's traceback, tensor dumps or terminal colours."""
    text = str(error).strip() or type(error).__name__
    text = re.sub(r"\x1b\[[0-9;]*m", "", text)
    if "Detected at node" in text or "Graph execution error" in text:
        kept = [line for line in text.splitlines() if line.strip()
                and not line.strip().startswith(("File ", "Detected")) and "Graph execution" not in line]
        text = kept[-2] if len(kept) >= 2 and kept[-1].strip().startswith("[[") else (kept[-1] if kept else text)
    if "{{function_node" in text:  # an op's own error, inside a layer's call: the op's words
        text = re.split(r"\{\{function_node [^}]*\}\}\s*", text)[-1]
    text = re.sub(r"\s*\[Op:[^\]]*\]( name:.*)?$", "", text)
    text = re.sub(r" for '\{\{node [^']*'", "", text)  # the graph's node names (numbered per process)
    if "Arguments received by" in text:  # a layer's call: keep what it says, not the tensors it was given
        text = text.split("Arguments received by")[0].strip()
    # the tensor fed (graph mode names it, eager mode prints its values): just "input"
    text = re.sub(r"for input .*? with name '[^']*' and path '[^']*'", "for input", text, flags=re.S)
    text = re.sub(r"\n{2,}", "\n", text)
    return text if len(text) <= MAX_MESSAGE else text[:MAX_MESSAGE] + "…"


def _loss_object(loss: LossSpec):
    import keras

    if loss.from_logits and loss.name in FROM_LOGITS:
        return getattr(keras.losses, LOSS_CLASSES[loss.name])(from_logits=True)  # a class of the allowlist
    return loss.name


def _axes_like(shape: tuple, model_shape: tuple | None, model_axes: tuple[str, ...] | None, first: str) -> tuple:
    """Letters for a data shape: its first axis `first`, then the model's letter where the size is the model's at
    that axis, else the number."""
    out = [first]
    for i, d in enumerate(shape[1:], start=1):
        letter = None
        known = model_shape is not None and model_axes is not None and i < min(len(model_shape), len(model_axes))
        if known and (model_shape[i] == d or d is None):
            letter = model_axes[i]
        out.append(letter or ("?" if d is None else str(d)))
    return tuple(out)


def _meets(desc: Description, spec: ModelSpec, training: TrainingSpec) -> tuple[Meet, ...]:
    steps = {s.name: s for s in desc.steps}
    out: list[Meet] = []
    for inp, arr in zip(spec.inputs, training.x):
        step = steps.get(inp.name)
        shape, axes = (step.output_shape, step.output_dims) if step else (None, None)
        out.append(Meet("x", inp.name, _shape(arr), _axes_like(_shape(arr), shape, axes, "N")))
        if step:
            out.append(Meet("input", inp.name, shape, axes))
    names = [name for name, _ in spec.outputs]
    for i, name in enumerate(names):
        step = steps.get(name)
        if step is None:
            continue
        index = spec.outputs[i][1] or 0
        shape, axes = step.output_shapes[index], step.output_axes[index]
        out.append(Meet("output", name, shape, axes))
        if i < len(training.y):
            y = training.y[i]
            out.append(Meet("y", name, _shape(y), _axes_like(_shape(y), shape, axes, "N")))
    return tuple(out)


def _not_run(key: str, training: TrainingSpec, meets=(), **params) -> FitCheck:
    return FitCheck("not_run", training.call, training.line, meets=meets, reason=Fix(key, _p(**params)))


def _loss_of(training: TrainingSpec, index: int) -> LossSpec | None:
    if not training.loss:
        return None
    return training.loss[index] if index < len(training.loss) else training.loss[0]


def check_fit(spec: ModelSpec, desc: Description, training: TrainingSpec, code: str = "") -> FitCheck:
    """Real Keras on 2-row arrays: the learner's call of the training code on a fresh model built from the spec.
    code: the learner's code (optional), for fixes written as the new text of a line. Never raises."""
    meets = _meets(desc, spec, training) if desc.ok else ()
    if not desc.ok:
        return _not_run("fit.not_run.model_fails", training, layer=desc.failure.layer)
    if not training.x:
        return _not_run("fit.not_run.no_data", training, meets)
    if len(training.x) != len(spec.inputs):
        return _not_run("fit.not_run.inputs", training, meets, given=len(training.x), inputs=len(spec.inputs))
    needs_loss = training.call in ("fit", "evaluate", "train_on_batch", "test_on_batch")
    if needs_loss and training.compile_line and not training.loss:
        return _not_run("fit.not_run.no_loss", training, meets)
    unknown = next((loss.name for loss in training.loss if loss_name(loss.name) in (None, *NOT_CHECKED)), None)
    if unknown is not None:
        return _not_run("fit.not_run.unknown_loss", training, meets, loss=unknown)
    if needs_loss and training.loss and not training.y:
        return _not_run("fit.not_run.no_labels", training, meets)
    open_width = next((a for a in training.y if a.holds == "one_hot" and _fed(a)[1:] and _fed(a)[-1] is None), None)
    assumed: tuple[Fix, ...] = ()
    if needs_loss and open_width is not None:  # one-hot rows of a width the code does not say (a folder's classes)
        if _output_width(desc, spec, training.y.index(open_width)) != 1:
            return _not_run("fit.not_run.classes_unknown", training, meets, source=open_width.source[:80])
        # one unit against one-hot rows: with 2 classes, the fewest a classification has, as with any more
        training = dataclasses.replace(training, y=tuple(
            dataclasses.replace(a, shape=a.shape[:-1] + (2,), classes=2) if a is open_width else a
            for a in training.y))
        assumed = (Fix("fit.assumed.two_classes", _p(source=open_width.source[:80])),)

    fresh = _fresh_spec(spec, training.x)
    from .shapes import describe

    fresh_desc = describe(fresh)
    if not fresh_desc.ok:
        return _not_run("fit.not_run.model_fails", training, meets, layer=fresh_desc.failure.layer)
    model_in = {s.name: s.output_shape for s in fresh_desc.steps}
    out_shapes = []
    for name, index in fresh.outputs:
        step = next((s for s in fresh_desc.steps if s.name == name), None)
        out_shapes.append(step.output_shapes[index or 0] if step else None)
    rows_y = ROWS + 1 if _cardinality_differs(training) else ROWS
    x_shapes = [_concrete(_fed(a), model_in.get(i.name)) for a, i in zip(training.x, fresh.inputs)]
    y_shapes = [_concrete(_fed(a), out_shapes[k] if k < len(out_shapes) else None, rows_y)
                for k, a in enumerate(training.y)]
    # the budget, from shapes alone: the model with the data's sizes, its gradients, and the arrays
    arrays = sum(_nbytes(s, a.dtype) for s, a in zip(x_shapes + y_shapes, training.x + training.y))
    budget = description_budget(_budget_desc(fresh, x_shapes, training.x) or fresh_desc)
    total = budget.total_bytes + budget.weight_bytes + ARRAY_COPIES * arrays
    if total > MEMORY_BUDGET_BYTES or not budget.fits_compute:
        return _not_run("fit.not_run.budget", training, meets, needed=f"{total / 2**20:,.0f}",
                        budget=f"{MEMORY_BUDGET_BYTES / 2**20:,.0f}")

    xs, ys = [], []
    for arr, shape, inp in zip(training.x, x_shapes, fresh.inputs):
        below = _ids_below(fresh, inp)
        xs.append(_ragged(arr, below) if arr.ragged else _array(arr, shape, below))
    for arr, shape in zip(training.y, y_shapes):
        ys.append(_ragged(arr, None) if arr.ragged else _array(arr, shape))
    fed = tuple(tuple(getattr(a, "shape", ())) for a in xs + ys)
    result = _run(fresh, fresh_desc, training, xs, ys)
    if isinstance(result, FitCheck):
        return result
    error, y_pred, caught = result
    if error is not None:
        message = _clean(error)
        cause, fix, line_fix, other = _explain(message, spec, training, code, out_shapes, model_in)
        other, other_line_fix = other if isinstance(other, tuple) else (other, None)
        return FitCheck("failed", training.call, training.line, message, meets, cause, fix, line_fix, other,
                        other_line_fix, notes=assumed, fed=fed)
    notes = assumed + _silent(spec, training, x_shapes, model_in, out_shapes, y_pred, caught)
    return FitCheck("ok", training.call, training.line, "", meets, notes=notes, fed=fed)


def _output_width(desc: Description, spec: ModelSpec, index: int) -> int | None:
    """The last axis of the model's output `index` (its units), None when unknown."""
    if index >= len(spec.outputs):
        return None
    name, at = spec.outputs[index]
    step = next((s for s in desc.steps if s.name == name), None)
    shape = step.output_shapes[at or 0] if step is not None else ()
    return shape[-1] if shape else None


def _cardinality_differs(training: TrainingSpec) -> bool:
    ns = {a.shape[0] for a in training.x + training.y if a.shape and a.shape[0] is not None and not a.batch
          and not a.dataset}
    return len(ns) > 1


def _budget_desc(fresh: ModelSpec, x_shapes, xs) -> Description | None:
    """The model described with the data's own sizes where its input leaves them open (a length of 500 fed to
    Input(shape=(None,))), so the activations are counted at the size they will have."""
    from .shapes import describe

    inputs = []
    for inp, shape, arr in zip(fresh.inputs, x_shapes, xs):
        same = len(shape) - 1 == len(inp.shape) and all(d is None or d == s for d, s in zip(inp.shape, shape[1:]))
        if same and not arr.ragged:
            inp = dataclasses.replace(inp, shape=tuple(shape[1:]))
        inputs.append(inp)
    desc = describe(dataclasses.replace(fresh, inputs=tuple(inputs), batch_size=ROWS))
    return desc if desc.ok else None


def _call(model, training: TrainingSpec, x, y, batch_size: int) -> None:
    """The learner's call, for one epoch on the rows given."""
    if _unbatched(training):
        batch_size = None
    if training.call == "fit":
        model.fit(x, y, epochs=1, batch_size=batch_size, verbose=0, shuffle=False)
    elif training.call == "evaluate":
        model.evaluate(x, y, batch_size=batch_size, verbose=0)
    elif training.call == "predict":
        model.predict(x, batch_size=batch_size, verbose=0)
    elif training.call == "train_on_batch":
        model.train_on_batch(x, y)
    else:
        model.test_on_batch(x, y)


def _as_written(model, spec: ModelSpec):
    """A Sequential model stays a Sequential (its input error has its own words: "Exception encountered when
    calling Sequential.call()"), made of the layers just built; any other model as built."""
    import keras

    if spec.style != "sequential" or len(spec.inputs) != 1 or len(spec.outputs) != 1:
        return model
    previous = [spec.inputs[0].name] + [layer.name for layer in spec.layers]
    chain = all(len(layer.inputs) == 1 and layer.inputs[0][0] == before and not layer.states
                for layer, before in zip(spec.layers, previous))
    if not chain:
        return model
    inp = spec.inputs[0]
    return keras.Sequential([keras.Input(shape=inp.shape, dtype=inp.dtype, name=inp.name)]
                            + [model.get_layer(layer.name) for layer in spec.layers], name=spec.name)


def _run(fresh: ModelSpec, fresh_desc: Description, training: TrainingSpec, xs, ys):
    """Build, compile and call. (error or None, the model's output on x after the call, Keras's warnings).

    First eagerly (≈ 1 s for the question's tagger, where a traced step takes ≈ 6 s): when that runs, fit runs.
    When it fails, once more as fit runs by default, in a traced step with a last partial batch (3 rows asked of
    2), so Keras's words are those the learner's fit prints: the batch axis as None, the graph's own messages."""
    from .build import OverBudget, build

    try:
        built = build(fresh, fresh_desc)
    except OverBudget:
        return _not_run("fit.not_run.budget", training, (), needed="?", budget=f"{MEMORY_BUDGET_BYTES / 2**20:,.0f}")
    if built.model is None:
        return _not_run("fit.not_run.model_fails", training, (), layer=built.failure.layer)
    model = _as_written(built.model, fresh)
    x = xs[0] if len(xs) == 1 else tuple(xs) if _unbatched(training) else list(xs)
    y = (ys[0] if len(ys) == 1 else tuple(ys) if _unbatched(training) else list(ys)) if ys else None
    if _unbatched(training):  # a tf.data dataset never batched: each element is a whole batch to fit
        import tensorflow as tf

        x, y = tf.data.Dataset.from_tensor_slices((x, y) if y is not None else x), None
    losses = [_loss_object(loss) for loss in training.loss]
    loss = (losses[0] if len(losses) == 1 else losses) if losses else None
    metrics = [m for m in training.metrics if m in METRICS]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for eager in (True, False):
            try:
                if loss is not None:
                    model.compile(optimizer="sgd", loss=loss, metrics=metrics or None, run_eagerly=eager)
                elif not eager:
                    model.compile(run_eagerly=False)
            except Exception as error:
                return FitCheck("failed", "compile", training.compile_line, _clean(error))
            try:
                _call(model, training, x, y, ROWS if eager else ROWS + 1)
                break
            except Exception as error:  # Keras's own error: the point of the check
                if not eager:
                    return error, None, tuple(caught)
        try:
            y_pred = model(x, training=False)
        except Exception:  # already ran once: keep the result without the values
            y_pred = None
    outs = y_pred if isinstance(y_pred, (list, tuple)) else [y_pred]
    import numpy as np

    return None, [None if o is None else np.asarray(o) for o in outs], tuple(str(w.message) for w in caught)


# -- why, and the smallest fix ----------------------------------------------------------------------------------------
_RECEIVED = re.compile(r"target\.shape=\(([^)]*)\), output\.shape=\(([^)]*)\)")
_LABEL = re.compile(r"Received a label value of (-?\d+) which is outside the valid range of \[0, (\d+)\)")
_INDEX = re.compile(r"indices\[[^\]]*\] = (-?\d+) is not in \[0, (\d+)\)")
_INPUT = re.compile(r"Expected shape \(([^)]*)\), but input has incompatible shape \(([^)]*)\)")
_DIMS = re.compile(r"Dimensions must be equal, but are (\d+) and (\d+)|Incompatible shapes: \[[^\]]*\] vs\. \[")


def _shape_of(text: str) -> tuple:
    return tuple(None if p.strip() == "None" else int(p) for p in text.split(",") if p.strip())


def _explain(message: str, spec: ModelSpec, training: TrainingSpec, code: str, out_shapes, model_in):
    """(cause, fix, line_fix, other) for Keras's error; other may be (other, its line fix)."""
    loss = _loss_of(training, 0)
    name = loss.name if loss else ""
    y = training.y[0] if training.y else None
    x = training.x[0]
    y_text, y_locate = _data_arg(code, training, "y")
    x_text, x_locate = _data_arg(code, training, "x")
    out = out_shapes[0] if out_shapes else None
    m = _RECEIVED.search(message)
    target = _shape_of(m.group(1)) if m else None
    output = _shape_of(m.group(2)) if m else None
    ids = y is not None and (y.holds == "class_ids" or (y.holds == "" and y.dtype.startswith(("int", "uint"))))
    one_hot = y is not None and y.holds == "one_hot"

    def loss_fix(new: str, key: str, **params):
        line_fix = _loss_line_fix(code, training, repr(new)) if loss is not None else None
        return Fix(key, _p(loss=new, **params), f"loss={new!r}"), line_fix

    def to_categorical(classes):
        text = f"keras.utils.to_categorical({y_text}, {classes})"
        return Fix("fit.fix.to_categorical", _p(y=y_text, classes=classes), text), (y_locate(text) if y_locate
                                                                                      else None)

    if "Invalid dtype: object" in message or "Unrecognized data type" in message:
        length = next((d for d in reversed(model_in.get(spec.inputs[0].name, ())[1:]) if isinstance(d, int)), 200)
        text = f"keras.utils.pad_sequences({x_text}, maxlen={length})"
        return (Fix("fit.cause.ragged", _p(x=x_text)), Fix("fit.fix.pad_sequences", _p(x=x_text, maxlen=length), text),
                x_locate(text) if x_locate else None, None)
    if "cardinality" in message:
        ns = ", ".join(str(_shape(a)[0]) for a in training.x + training.y)
        return Fix("fit.cause.cardinality", _p(counts=ns)), None, None, None
    m_label = _LABEL.search(message)
    if m_label:
        high, units = int(m_label.group(1)), int(m_label.group(2))
        layer = _units_layer(spec)
        fix = _model_fix("fit.fix.units", _p(layer=layer.name if layer else "", units=high + 1), spec, layer,
                         units=high + 1)
        return Fix("fit.cause.label_range", _p(label=high, units=units)), fix, None, None
    m_index = _INDEX.search(message)
    if m_index:
        high, vocab = int(m_index.group(1)), int(m_index.group(2))
        layer = next((item for item in spec.layers if traits(item.kind).ids_below), None)
        fix = None
        if layer is not None:
            arg = traits(layer.kind).ids_below
            fix = _model_fix("fit.fix.vocabulary", _p(layer=layer.name, arg=arg, size=high + 1), spec, layer,
                             **{arg: high + 1})
        return Fix("fit.cause.token_range", _p(token=high, size=vocab)), fix, None, None
    m_input = _INPUT.search(message)
    if m_input and _unbatched(training):  # each element of a dataset never batched arrives as a whole batch
        text = f"{x_text}.batch(32)"
        return (Fix("fit.cause.unbatched", _p(x=x_text, element=shape_text(_shape(x)))),
                Fix("fit.fix.batch", _p(x=x_text), text), x_locate(text) if x_locate else None, None)
    if m_input:
        expected, given = _shape_of(m_input.group(1)), _shape_of(m_input.group(2))
        cause = Fix("fit.cause.input_shape", _p(data=shape_text(_shape(x)), expected=shape_text(expected)))
        inp = spec.inputs[0]
        data_tail = _shape(x)[1:]
        fix = other = None
        line_fix = None
        fits_input = _input_fix_works(spec, inp, data_tail)
        if fits_input:
            fix = Fix("fit.fix.input_shape", _p(shape=shape_text(data_tail)), f"keras.Input(shape={data_tail!r})",
                      FixEdit("input_shape", inp.name, shape=data_tail))
        known = all(isinstance(d, int) for d in expected[1:]) and all(isinstance(d, int) for d in given[1:])
        if known and math.prod(expected[1:]) == math.prod(given[1:]):
            text = f"{x_text}.reshape(-1, {', '.join(str(d) for d in expected[1:])})"
            reshape = Fix("fit.fix.reshape", _p(x=x_text, shape=shape_text((-1,) + tuple(expected[1:]))), text)
            if fix is None:
                fix, line_fix = reshape, (x_locate(text) if x_locate else None)
            else:
                other = reshape
        return cause, fix, line_fix, other
    rnn = _rnn_with_sequences(spec)
    if "target.ndim - 1" in message and target is not None and output is not None:
        if len(output) == len(target) + 2 and rnn is not None:
            return _sequences_fix(spec, rnn, target, output)
        if len(output) == len(target) and (one_hot or target[-1] == output[-1]):
            fix, line_fix = loss_fix("categorical_crossentropy", "fit.fix.loss_categorical")
            return Fix("fit.cause.one_hot_for_sparse", _p(y=shape_text(target), output=shape_text(output))), fix, \
                line_fix, None
    if ("same rank" in message or "same shape" in message) and target is not None and output is not None:
        if len(output) == len(target) + 1 and rnn is not None and target[-1] == output[-1]:
            return _sequences_fix(spec, rnn, target, output)
        if len(output) == len(target) + 2 and rnn is not None and output[-1] == 1:  # (N,) against (B, T, 1)
            return _sequences_fix(spec, rnn, target, output)
        if name in BINARY_LOSSES and (len(output) == len(target) + 1 or target[-1] == 1) and output[-1] != 1:
            layer = _units_layer(spec)
            fix = _model_fix("fit.fix.binary_head", _p(layer=layer.name if layer else ""), spec, layer, units=1,
                             activation="sigmoid")
            cause = Fix("fit.cause.binary_two_units", _p(y=shape_text(target), output=shape_text(output), loss=name))
            return cause, fix, None, None
        if name in ONE_HOT_LOSSES and ids and (len(output) == len(target) + 1 or target[-1] == 1):
            fix, line_fix = loss_fix("sparse_categorical_crossentropy", "fit.fix.loss_sparse")
            other = to_categorical(output[-1])  # with its line fix
            cause = Fix("fit.cause.ids_for_one_hot", _p(y=shape_text(target), output=shape_text(output), loss=name,
                                                      classes=output[-1]))
            return cause, fix, line_fix, other
        if len(output) == len(target) and target[-1] != output[-1]:
            return _width_fix(spec, target, output)
    m_dims = _DIMS.search(message)
    if m_dims and y is not None and out is not None:
        target, output = _shape(y), tuple(out)
        if len(target) == len(output) and target[-1] != output[-1]:
            return _width_fix(spec, target, output)
        if len(target) == len(output) - 1:
            layer = _units_layer(spec)
            fix = _model_fix("fit.fix.units", _p(layer=layer.name if layer else "", units=1), spec, layer, units=1)
            return Fix("fit.cause.width", _p(y=shape_text(target), output=shape_text(output), width=1,
                                             units=output[-1])), fix, None, None
    return Fix("fit.cause.generic", _p(call=training.call)), None, None, None


def _input_fix_works(spec: ModelSpec, inp: InputSpec, shape: tuple) -> bool:
    from .shapes import describe

    if any(d is None for d in shape) or inp.shape == shape:
        return False
    inputs = tuple(dataclasses.replace(i, shape=shape) if i.name == inp.name else i for i in spec.inputs)
    return describe(dataclasses.replace(spec, inputs=inputs)).ok


def _sequences_fix(spec: ModelSpec, rnn_node: LayerSpec, target, output):
    rnn = recurrent_layer(rnn_node)
    fix = _model_fix("fit.fix.return_sequences", _p(layer=rnn_node.name), spec, rnn_node, return_sequences=False)
    cause = Fix("fit.cause.sequences", _p(y=shape_text(target), output=shape_text(output), rnn=rnn.name))
    return cause, fix, None, None


def _width_fix(spec: ModelSpec, target, output):
    layer = _units_layer(spec)
    fix = _model_fix("fit.fix.units", _p(layer=layer.name if layer else "", units=target[-1]), spec, layer,
                     units=target[-1])
    cause = Fix("fit.cause.width", _p(y=shape_text(target), output=shape_text(output), width=target[-1],
                                      units=output[-1]))
    return cause, fix, None, None


# -- what Keras did without a word -----------------------------------------------------------------------------------
def _silent(spec: ModelSpec, training: TrainingSpec, x_shapes, model_in, out_shapes, y_pred, caught) -> tuple:
    notes: list[Fix] = []
    for inp, arr in zip(spec.inputs, training.x):
        want = model_in.get(inp.name)
        if want is None or arr.ragged:
            continue
        data = _shape(arr)
        if len(data) + 1 == len(want) and want[-1] == 1:
            notes.append(Fix("fit.silent.axis_added", _p(data=shape_text(data), input=shape_text(want))))
        elif len(data) == len(want) + 1 and data[-1] == 1:
            notes.append(Fix("fit.silent.axis_dropped", _p(data=shape_text(data), input=shape_text(want))))
    for k, arr in enumerate(training.y):
        out = out_shapes[k] if k < len(out_shapes) else None
        loss = _loss_of(training, k)
        if out is None or loss is None:
            continue
        data = _shape(arr)
        if loss.name in SPARSE_LOSSES:
            if len(data) == len(out) and data[-1] == 1:
                notes.append(Fix("fit.silent.labels_squeezed", _p(y=shape_text(data), output=shape_text(out))))
        elif len(data) + 1 == len(out) and out[-1] == 1:
            notes.append(Fix("fit.silent.labels_expanded", _p(y=shape_text(data), output=shape_text(out))))
        elif len(data) == len(out) and any(d == 1 and o not in (1, None) for d, o in zip(data[1:], out[1:])):
            notes.append(Fix("fit.silent.broadcast", _p(y=shape_text(data), output=shape_text(out), loss=loss.name)))
        values = y_pred[k] if y_pred and k < len(y_pred) else None
        probabilities = _probabilities(spec, k, values)
        if out[-1] == 1 and probabilities == "softmax":
            notes.append(Fix("fit.silent.softmax_one", _p(output=shape_text(out))))
        if loss.name in FROM_LOGITS:
            if loss.from_logits and probabilities:
                notes.append(Fix("fit.silent.logits_on_probabilities", _p(loss=loss.name, activation=probabilities)))
            elif not loss.from_logits and not probabilities:
                notes.append(Fix("fit.silent.probabilities_expected", _p(loss=loss.name)))
    return tuple(dict.fromkeys(notes))


def _probabilities(spec: ModelSpec, index: int, values) -> str:
    """"softmax" or "sigmoid" when the output holds probabilities (its activation says so, or its rows are
    non-negative and sum to 1), else ""."""
    said = _activation(spec, index)
    if said in ("softmax", "sigmoid"):
        return said
    if values is not None and values.size and values.ndim >= 2:
        import numpy as np

        if float(values.min()) >= 0 and np.allclose(values.sum(axis=-1), 1.0, atol=1e-5):
            return "softmax"
    return ""


def data_path(desc: Description, spec: ModelSpec, training: TrainingSpec) -> tuple[Meet, ...]:
    """The shapes that will meet in fit, read from the code without running Keras: x and the input it enters, the
    output and y (the page's path under the shape table; the check itself runs when its panel is opened)."""
    return _meets(desc, spec, training) if desc.ok else ()
