"""What every layer kind provides, and the defaults most kinds keep.

A kind is everything the explorer knows about one Keras layer class: which arguments it accepts
(and their bounds), how to construct it ourselves (never from user-supplied class paths), its
output shapes (Keras's own `compute_output_shape`, weight-free), the letters of its axes, its
weights and their named shapes, its parameter formula, its code line, why it may refuse an input
and the smallest fix, and declarative examples that `tests/layers/test_examples.py` runs against real Keras.

Shapes here include the batch axis first, as Keras reports them: (B, T, F) is (None, 50, 75).
"""
from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, ClassVar
from collections.abc import Callable

from ..axes import CLASS_LETTERS, means_classes
from ..description import NO_PARAMS, Fix, FixEdit, Formula, Shape, WeightInfo  # noqa: F401 (FixEdit: for the families)
from ..spec import LayerSpec, Value

MAX_SIZE = 10**7  # any single size argument; the memory budget is the real limit
MAX_RANK = 8


@dataclass(frozen=True)
class ArgRule:
    """One accepted argument. type: int | float | bool | str | choice | shape | size_or_tuple |
    number_or_tuple | pads | axis | activation | initializer | ignored. number_or_tuple: a number or a tuple of
    them (a scale, a (lower, upper) factor, a per-channel mean); pads: an int, or a tuple of ints or of (before,
    after) pairs. `low`/`high` bound ints and floats (each number of a number_or_tuple or pads); `choices` for
    choice; `deprecated`: for an argument accepted (Keras 2 habit) and not passed to Keras, the key of the note
    that explains it ("" for any other); `neutral`: it cannot change any shape or count (activation,
    initializers, dropout rates)."""

    name: str
    type: str
    default: Value = None
    low: float | None = None
    high: float | None = None
    choices: tuple = ()
    deprecated: str = ""
    neutral: bool = False
    folds_case: bool = False  # Keras lower-cases the value itself (a convolution's padding="SAME" is "same")


ACTIVATIONS = ("linear", "relu", "sigmoid", "tanh", "softmax", "elu", "selu", "gelu", "swish", "silu",
               "softplus", "softsign", "exponential", "hard_sigmoid", "leaky_relu", "relu6", "mish",
               "log_softmax", "hard_silu", "hard_swish", None)
INITIALIZERS = ("glorot_uniform", "glorot_normal", "he_uniform", "he_normal", "lecun_uniform", "lecun_normal",
                "orthogonal", "zeros", "ones", "random_normal", "random_uniform", "truncated_normal",
                "identity", "variance_scaling", "uniform", "normal")


# what Dense, Conv and attention layers share: their initializers (seeded by the explorer unless set)
# and the regularizers and constraints that never change a shape (accepted, not built)
KERNEL_AND_BIAS_RULES = (
    ArgRule("kernel_initializer", "initializer", "glorot_uniform", choices=INITIALIZERS, neutral=True),
    ArgRule("bias_initializer", "initializer", "zeros", choices=INITIALIZERS, neutral=True),
    ArgRule("kernel_regularizer", "ignored", neutral=True),
    ArgRule("bias_regularizer", "ignored", neutral=True),
    ArgRule("activity_regularizer", "ignored", neutral=True),
    ArgRule("kernel_constraint", "ignored", neutral=True),
    ArgRule("bias_constraint", "ignored", neutral=True),
)


@dataclass(frozen=True)
class Example:
    """A declarative check run against real Keras: this layer on this input gives this output
    shape and this many parameters. input_shape has the batch axis (None or a number); a tuple of
    shapes for layers that take several inputs. inner: (kind, args) of a wrapped layer."""

    args: dict[str, Any]
    input_shape: Any
    output_shape: Any  # one shape, or a tuple of shapes for layers with several outputs
    params: int
    inner: tuple[str, dict[str, Any]] | None = None
    dtype: str = "float32"


class AxisNamer:
    """Hands out axis letters: B and T where they mean batch and time, one letter per new size,
    the same letter wherever the same size flows, a subscript when two different sizes would share
    a letter. `meanings` keeps what each letter is, for the legend."""

    SUBSCRIPTS = "₀₁₂₃₄₅₆₇₈₉"

    def __init__(self, hint: Callable[[str], str | None] | None = None):
        self.sizes: dict[str, int | None] = {}
        self.meanings: dict[str, tuple[str, tuple[tuple[str, str], ...]]] = {}
        self._hint = hint or (lambda _text: None)
        self._classes: set[str] = set()  # the letters given to classes (CLASS_LETTERS)

    def new(self, default: str, size: int | None, source: str = "",
            meaning: tuple[str, tuple[tuple[str, str], ...]] = ("", ())) -> str:
        """A letter for a new axis of this size. source: the code that gave the size ("lstm_units").
        Classes (a source that names them) take their own letter, never another axis's letter with a
        subscript, and their legend says they are classes."""
        base = (self._hint(source) if source else None) or default
        if source and means_classes(source):
            base = next((c for c in CLASS_LETTERS if c not in self.sizes or c in self._classes), CLASS_LETTERS[-1])
            where = dict(meaning[1])
            if where.get("arg") == "units":  # a Dense head: 'classes (the units of dense_1)'
                meaning = ("axis.classes", meaning[1])
            elif not meaning[0]:  # no meaning of its own (vocabulary, filters...): 'classes (the size ... gives)'
                meaning = ("axis.classes_of", meaning[1] if "layer" in where else meaning[1] + (("layer", ""),))
        k = 1
        while True:
            letter = base if k == 1 else base + "".join(self.SUBSCRIPTS[int(d)] for d in str(k))
            if letter not in self.sizes:
                self.sizes[letter] = size
                if base in CLASS_LETTERS and source and means_classes(source):
                    self._classes.add(base)
                key, params = meaning if meaning[0] else ("axis.source", ())
                self.meanings[letter] = (key, params + ((("source", source),) if source else ()))
                return letter
            if self.sizes[letter] == size and size is not None:  # two unknown sizes need not be equal
                return letter
            k += 1


@dataclass
class Ctx:
    """One layer being described: its spec, what flows in, what comes out (filled in as the
    description proceeds) and the namer for new axes."""

    spec: LayerSpec
    in_shapes: tuple[Shape, ...]
    in_axes: tuple[tuple[str, ...], ...]
    namer: AxisNamer
    out_shapes: tuple[Shape, ...] = ()
    out_axes: tuple[tuple[str, ...], ...] = ()
    inner: Ctx | None = None  # wrappers describe their inner layer with a Ctx of its own
    inside: str = ""  # the wrapper's name, for a wrapped layer: the legend names the row the table shows

    @property
    def shape(self) -> Shape:
        """The (first) input shape."""
        return self.in_shapes[0]

    @property
    def axes(self) -> tuple[str, ...]:
        """The (first) input's axis letters."""
        return self.in_axes[0]

    def arg(self, name: str, default: Value = None) -> Value:
        return self.spec.arg(name, default)

    def new(self, default: str, size: int | None, arg: str = "", meaning_key: str = "") -> str:
        """A letter for a new axis whose size came from argument `arg` of this layer."""
        where = (("layer", self.spec.name), ("arg", arg))
        if self.inside:  # 'units of the Dense inside time_distributed' (explorer.tables.axis_meaning)
            where += (("inside", self.inside), ("cls", self.spec.kind))
        meaning = (meaning_key, where) if meaning_key else ("", ())
        return self.namer.new(default, size, self.spec.source(arg) if arg else "", meaning)


def dim_text(letter: str, factor: int = 1) -> str:
    """'H', 4 -> '4H'; used for derived weight axes."""
    return letter if factor == 1 else f"{factor}{letter}"


class LayerKind:
    """Base of every kind. Subclasses set the class variables and override what differs."""

    class_name: ClassVar[str] = ""
    aliases: ClassVar[tuple[str, ...]] = ()  # other names keras.layers gives the same class (MaxPool2D)
    positional: ClassVar[tuple[str, ...]] = ()  # Keras's positional argument order
    rules: ClassVar[tuple[ArgRule, ...]] = ()
    takes_list: ClassVar[bool] = False  # Concatenate, Add...: called on a list of tensors
    wraps: ClassVar[bool] = False  # Bidirectional, TimeDistributed: an inner layer
    code_positional: ClassVar[int] = 1  # how many leading arguments the code line writes by position
    examples: ClassVar[tuple[Example, ...]] = ()

    # -- traits: what generic modules ask the kind instead of naming Keras classes -------------------
    recurrent: ClassVar[bool] = False  # an RNN: one cell read along the time axis, step after step
    states: ClassVar[int] = 0  # state tensors return_state adds and initial_state takes (LSTM: 2)
    state_names: ClassVar[tuple[str, ...]] = ()  # those states' letters: LSTM ("h", "c")
    gates: ClassVar[int] = 0  # blocks of H side by side in an RNN's kernels (LSTM: 4)
    gate_names: ClassVar[tuple[str, ...]] = ()  # those blocks in Keras's order: LSTM ("i", "f", "c", "o")
    time_axis: ClassVar[int | None] = None  # the axis a recurrent or per-step layer walks along (1)
    directions: ClassVar[int] = 1  # 2: runs its inner layer forward and backward, merge_mode joins them
    per_step: ClassVar[bool] = False  # runs its inner layer on each step of the time axis on its own
    working_copies: ClassVar[int] = 0  # copies of its input it holds while it runs, beyond its output
    call_roles: ClassVar[tuple[str, ...]] = ("inputs",)  # the tensors a call takes, by position
    # keywords of its call kept among its arguments (Attention's return_attention_scores; each one True adds an
    # output): the readers read them from the call, the constructor and its code line leave them out, the code
    # export writes them in the call
    call_options: ClassVar[tuple[str, ...]] = ()
    takes_initial_state: ClassVar[bool] = False  # a call may pass initial_state=[...] (its RNN's states)
    keeps_rank: ClassVar[bool] = False  # the output keeps every input axis: a time axis lost above stays lost
    flattens: ClassVar[bool] = False  # folds every axis after the batch into one: their sizes must be known
    contracts_last_axis: ClassVar[bool] = False  # one matrix on the last axis at every position (the X-ray's lesson)
    integer_input: ClassVar[bool] = False  # reads integer ids: a model input it reads first is int32
    ids_below: ClassVar[str] = ""  # the argument its integer ids stay below ("input_dim")
    joins: ClassVar[str] = ""  # how it joins a list of tensors: "concat" (along an axis) or "elementwise"
    helper: ClassVar[str] = ""  # the keras.layers function that builds it and calls it at once ("add")
    # automatic names its first call takes from Keras's counters, for the layers its build makes
    # (MultiHeadAttention: a softmax and a dropout), so a Dropout made after it is "dropout_1"
    build_names: ClassVar[tuple[str, ...]] = ()
    helper_defaults: ClassVar[tuple[tuple[str, Any], ...]] = ()  # what the helper gives where the class has none
    operation: ClassVar[bool] = False  # a keras.ops call on tensors (x / 127.5, ops.reshape), not a layer
    # an operation that makes a tensor in a layer's call and reads only the batch size (or nothing) of the
    # tensor it is attached to (arange, random normal): functional code cannot write it on its own
    anchored: ClassVar[bool] = False
    # how many tensors a call may take, where that is not the default (1, or 2 and more with takes_list):
    # a binary operation takes one tensor and a number, or two tensors: (1, 2)
    tensor_counts: ClassVar[tuple[int, ...]] = ()
    # a box whose output shape the learner gave (Lambda(output_shape=...)): the page cannot compute or check it,
    # and the live numbers after it come from a stand-in tensor (explorer/layers/given)
    given_shape: ClassVar[bool] = False
    # why its X-ray draws no heatmap of its own, as a words key ("" when it draws them): a wrapper whose inner
    # layer's X-ray draws them
    no_heat: ClassVar[str] = ""

    # every registered kind by class name, given to each kind by the registry (explorer.layers) when
    # it registers it: a wrapper finds its inner layer's kind here, without importing the registry
    registry: Mapping[str, LayerKind] = MappingProxyType({})

    def shown_class(self, args: tuple) -> str:
        """The class the page shows for a layer of this kind with these arguments: its Keras class name."""
        return self.class_name

    @property
    def separate_tensors(self) -> bool:
        """Called with one argument per tensor (`mha(query, value)`), not with a list."""
        return len(self.call_roles) > 1

    # -- arguments ---------------------------------------------------------------------------
    def rule(self, name: str) -> ArgRule | None:
        return next((r for r in self.rules if r.name == name), None)

    def keras_args(self, spec: LayerSpec) -> dict[str, Value]:
        """The arguments passed to the Keras constructor: validated, deprecated ones dropped."""
        out = {}
        for key, value in spec.args:
            rule = self.rule(key)
            if rule is not None and not rule.deprecated and rule.type != "ignored" and key not in self.call_options:
                out[key] = list(value) if rule.type == "shape" and isinstance(value, tuple) else value
        return out

    def initializers(self, spec: LayerSpec, seed: int) -> dict[str, Any]:
        """Seeded initializers for the weights the learner did not set, so the same model always
        has the same weights (a global seed would not be thread-safe). Default: none."""
        return {}

    # -- construction ------------------------------------------------------------------------
    def make(self, spec: LayerSpec, seed: int = 0, inner: Any = None) -> Any:
        """Our own constructor: the Keras class by its registered name, validated arguments."""
        import keras

        cls = getattr(keras.layers, self.class_name)
        args = self.keras_args(spec)
        for key, init in self.initializers(spec, seed).items():
            args.setdefault(key, init)
        if self.wraps:
            return cls(inner, name=spec.name, **args)
        return cls(name=spec.name, **args)

    # -- shapes ------------------------------------------------------------------------------
    def output_shapes(self, spec: LayerSpec, in_shapes: tuple[Shape, ...], layer: Any) -> tuple[Shape, ...]:
        """Keras's weight-free shape inference on the unbuilt layer; one shape per output."""
        arg = list(in_shapes) if self.takes_list else in_shapes[0]
        out = layer.compute_output_shape(arg)
        if isinstance(out, list) or (isinstance(out, tuple) and out and isinstance(out[0], (tuple, list))):
            return tuple(tuple(s) for s in out)
        return (tuple(out),)

    def axes(self, ctx: Ctx) -> tuple[tuple[str, ...], ...]:
        """Letters of each output's axes. Default: the output has the input's axes (same shape)."""
        return (ctx.axes,)

    # -- weights -----------------------------------------------------------------------------
    def weights(self, ctx: Ctx) -> tuple[WeightInfo, ...]:
        """Every weight in the order Keras's `layer.weights` lists them. Default: none."""
        return ()

    def formula(self, ctx: Ctx) -> Formula:
        return NO_PARAMS

    def flops(self, ctx: Ctx, params: int) -> int:
        """Multiply-adds × 2 of one forward pass: each parameter used once per output position."""
        out = ctx.out_shapes[0] if ctx.out_shapes else ctx.shape
        positions = math.prod(d or 1 for d in out[:-1])
        return 2 * params * positions

    # -- teaching ----------------------------------------------------------------------------
    def explain(self, ctx: Ctx, producer: LayerSpec | None) -> Fix | None:
        """Why this layer cannot take what flows in, and the smallest fix; None if not known.
        producer: the layer whose output this one received (None for a model input)."""
        return None

    # -- live numbers (a family's xray.py; its kinds override these) ----------------------------
    def xray(self, call: Any) -> Any:
        """This layer recomputed with numpy from the real weights (an explorer.live.base.XRay), or
        None when the kind has no X-ray. call: an explorer.live.base.LayerCall."""
        return None

    @property
    def has_xray(self) -> bool:
        """Whether the kind has an X-ray (overrides `xray`), known without running it."""
        return type(self).xray is not LayerKind.xray

    def mistakes(self, model: Any, layer: LayerSpec, step: Any, core: Any) -> tuple:
        """Common mistakes with this layer of this model (explorer.live.base.Mistake), to run live.
        core: what they may ask of the describer and the registry (an explorer.live.base.Core)."""
        return ()

    def code(self, spec: LayerSpec, inner_code: str = "", prefix: str = "layers.") -> str:
        """The layer as Keras 3 code, with the learner's names for values that came from names
        (`layers.Dense(count_classes + 1)`): the first `code_positional` arguments by position."""
        parts = [inner_code] if inner_code else []
        given = dict(spec.args)
        shown = set()
        for name in self.positional[: self.code_positional]:
            if name not in given:
                break
            parts.append(value_code(spec, name, given[name]))
            shown.add(name)
        for key, value in spec.args:
            rule = self.rule(key)
            if key in shown or rule is None or rule.deprecated or rule.type == "ignored" or key in self.call_options:
                continue
            parts.append(f"{key}={value_code(spec, key, value)}")
        return f"{prefix}{self.class_name}({', '.join(parts)})"


def value_code(spec: LayerSpec, name: str, value: Value) -> str:
    """The source text that gave the value where it was a name or an expression, else its literal
    (strings in double quotes, as Keras's documentation writes them)."""
    return spec.source(name) or literal_code(value)


def literal_code(value: Value) -> str:
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, tuple):
        inner = ", ".join(literal_code(v) for v in value)
        return f"({inner},)" if len(value) == 1 else f"({inner})"
    return repr(value)


def code_line(layer: LayerSpec, kinds: Mapping[str, LayerKind]) -> str:
    """The layer's Keras 3 code line, wrapped layers inside their wrapper. kinds: the registry
    (explorer.layers.layer_code passes it; a wrapper kind passes its `registry`)."""
    inner = code_line(layer.inner, kinds) if layer.inner is not None else ""
    return kinds.get(layer.kind).code(layer, inner)


def keras_input_check(layer: Any, shapes: tuple[Shape, ...]) -> None:
    """Keras's own check of what a layer accepts (rank, last axis...), without building it."""
    import keras
    from keras.src.layers.input_spec import assert_input_compatibility

    if layer.input_spec is None:
        return
    tensors = [keras.KerasTensor(shape) for shape in shapes]
    assert_input_compatibility(layer.input_spec, tensors if len(tensors) > 1 else tensors[0], layer.name)


class ShapeRefusal(ValueError):
    """A kind's own check of an input Keras would refuse only when building (or with a less clear
    error): the description stops there and says the words are the explorer's, not Keras's."""
