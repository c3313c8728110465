"""ModelSpec: a learner's model as plain data, read from code, a Keras JSON config or a preset.

Nothing in a spec is executable. Every layer is a Keras class name from the registry
(`explorer.layers`) with validated literal arguments; the graph is named tensors flowing between
named nodes. A spec is frozen and hashable, so caches key on it by value.

Shapes in specs never include the batch axis (as `keras.Input(shape=...)`); descriptions add it.
"""
from __future__ import annotations

from dataclasses import dataclass, field

# An argument value: what a literal in user code or JSON can be after validation.
Value = int | float | str | bool | None | tuple
# A tensor flowing into a layer: (producing node's name, output index). Index None means "every
# output of that node", which is what Sequential passes on (so a merge_mode=None Bidirectional
# followed by Dense fails there exactly as in Keras).
TensorRef = tuple[str, int | None]


@dataclass(frozen=True)
class InputSpec:
    """`keras.Input(shape=shape, batch_size=batch_size, dtype=dtype, name=name)`."""

    name: str
    shape: tuple[int | None, ...]
    dtype: str = "float32"
    batch_size: int | None = None
    line: int = 0
    col: int = 0
    # source text of each shape entry where it was a name or an expression ("seq_len"); "" for literals
    sources: tuple[str, ...] = ()
    # the code does not say this input's shape (a Sequential without an input, a subclassed model): the learner
    # gave it in the sidebar, and the page marks it as theirs
    assumed: bool = False


def call_name(name: str, call: int) -> str:
    """The node of a layer's (or a group's) later call, named as Keras's model.summary() names that call in its
    "Connected to" column: the second call of `dense` is `dense[1]`. No name in code can hold a bracket."""
    return f"{name}[{call}]"


@dataclass(frozen=True)
class LayerSpec:
    """One layer and where its input comes from. `args` are keyword arguments in the kind's
    canonical names (positional arguments are mapped by the reader), sorted by name."""

    name: str
    kind: str
    args: tuple[tuple[str, Value], ...] = ()
    inputs: tuple[TensorRef, ...] = ()
    inner: LayerSpec | None = None  # the wrapped layer of Bidirectional / TimeDistributed
    line: int = 0
    col: int = 0
    # argument name -> the source text that gave its value, where that was a name or an expression
    # ("units" -> "count_classes + 1"); used for axis letters and for code written back out
    sources: tuple[tuple[str, str], ...] = ()
    # the tensors passed as initial_state= when an RNN (or a Bidirectional) is called (seq2seq decoders)
    states: tuple[TensorRef, ...] = ()
    # a later call of a layer called before (shared weights: a Siamese network's tower, one Embedding on two
    # inputs): the node of its first call, whose Keras layer (and weights) this call uses again; "" for a first
    # call. Its name is Keras's for that call, `dense[1]` as model.summary() writes "Connected to"
    shares: str = ""

    @property
    def keras_name(self) -> str:
        """The name of the Keras layer this node calls (the first call's for a shared one)."""
        return self.shares or self.name

    @property
    def kwargs(self) -> dict[str, Value]:
        return dict(self.args)

    def arg(self, name: str, default: Value = None) -> Value:
        for key, value in self.args:
            if key == name:
                return value
        return default

    def source(self, name: str) -> str:
        for key, text in self.sources:
            if key == name:
                return text
        return ""


@dataclass(frozen=True)
class GroupSpec:
    """Layers that Keras holds as ONE layer of the model: a model called as a layer (an augmentation
    Sequential), a `keras.applications` backbone, a custom layer built from known layers, a subclassed
    model. Its members are ordinary layers of the flat graph (ModelSpec.layers), so every panel works on
    them as on any layer; the group says which ones Keras counts together, under which name.

    what: "model" | "backbone" | "custom_layer" | "subclassed_model". label: its class as the code names it
    ("Sequential", "MobileNetV2", "TransformerBlock"). members: its layers' names in call order (those of
    groups inside it too). outputs: the member tensors that leave it. parent: the group it sits in (""). shares:
    for a later call of a model called more than once (a Siamese tower), the group of its first call, whose
    members' weights the members of this call use again (each says which with its own `shares`)."""

    name: str
    label: str
    what: str
    members: tuple[str, ...]
    outputs: tuple[TensorRef, ...]
    line: int = 0
    col: int = 0
    parent: str = ""
    shares: str = ""


@dataclass(frozen=True)
class ModelSpec:
    """The whole model: inputs, layers in the order they are called, and the outputs."""

    inputs: tuple[InputSpec, ...]
    layers: tuple[LayerSpec, ...]
    outputs: tuple[TensorRef, ...]
    name: str = "model"
    style: str = "functional"  # "sequential" or "functional": how the code export writes it
    # the batch size the live numbers use, and the constant it came from ("" if none)
    batch_size: int | None = None
    batch_source: str = ""
    groups: tuple[GroupSpec, ...] = ()  # inner groups before the groups that hold them
    # where the code holds more of the model than could be read: (line, the note's key) of each refusal that
    # cut it; a model with gaps is shown as incomplete (its total is not the whole model's)
    gaps: tuple[tuple[int, str], ...] = ()

    def node_names(self) -> tuple[str, ...]:
        return tuple(i.name for i in self.inputs) + tuple(layer.name for layer in self.layers)

    def layer(self, name: str) -> LayerSpec:
        return next(layer for layer in self.layers if layer.name == name)

    def group_of(self, name: str) -> GroupSpec | None:
        """The innermost group a layer belongs to, or None."""
        return next((g for g in self.groups if name in g.members), None)


@dataclass(frozen=True)
class Constant:
    """A top-level `name = <int, bool or str literal>` of the code: a sidebar control.

    line/col/end_col locate the literal (1-based line, 0-based columns, as `ast` gives them), so
    the sidebar can rewrite exactly that literal. `uses` lists (layer kind, argument) pairs that
    read it, which set its bounds (units >= 1, a merge mode from its choices...).
    """

    name: str
    value: int | str | bool
    line: int
    col: int
    end_col: int
    uses: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Note:
    """Something the reader says about a line: refused, ignored, a Keras 2 habit, a guess.

    severity: "info" (ignored, harmless), "warning" (a guess or a Keras 2 habit we fixed),
    "error" (refused; the model may still be shown without it). key is an i18n key;
    params fill its placeholders (all strings, already safe to format).
    """

    line: int
    col: int
    severity: str
    key: str
    params: tuple[tuple[str, str], ...] = ()

    def param(self, name: str) -> str:
        return dict(self.params).get(name, "")


@dataclass(frozen=True)
class ReadResult:
    """What a reader found: the model (None if nothing could be shown), its constants and notes, and what its
    training code gives the model (explorer.training.TrainingSpec: the arrays fit sees, the loss), if any."""

    spec: ModelSpec | None
    constants: tuple[Constant, ...] = ()
    notes: tuple[Note, ...] = field(default_factory=tuple)
    training: object | None = None
