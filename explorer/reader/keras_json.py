"""Read a Keras model config as plain data: pasted `model.to_json()` output (Keras 3 or tf.keras 2.x),
or the config.json of a .keras archive (keras_file.py).

Nothing in the config is imported, run or handed to a Keras loader. The text goes through
`json.loads` only, with bounds (size, nesting depth, numbers, string lengths); then every layer is
checked against the registry of kinds (`explorer.kinds`): its class name must be a kind we know,
its module Keras's own layers, its arguments the kind's rules (explorer/reader/validate.py). The
model is rebuilt by our own constructors from the validated values.

Arguments: Keras writes every argument with its default, plus bookkeeping (name, trainable, dtype
policy...). Bookkeeping is dropped silently; arguments our kind knows are mapped to our forms
(initializer objects to their snake-case names, lists to tuples) and kept unless they equal what
Keras writes by default; any other argument is dropped silently when it equals what Keras writes
for the layer our kind constructs, and refused otherwise. Every refusal is a Note, and a model
with a refused part has no spec (it could not be built as the learner's model).
"""
from __future__ import annotations

import functools
import json
import math
import re
from dataclasses import dataclass, replace

from ..kinds import get_kind
from ..kinds.base import MAX_RANK, MAX_SIZE, ArgRule, LayerKind
from ..spec import InputSpec, LayerSpec, ModelSpec, Note, ReadResult, TensorRef, Value
from .validate import check_args, check_value, required_args

MAX_TEXT_CHARS = 1_000_000  # pasted text
MAX_DEPTH = 64  # nesting of JSON arrays and objects
MAX_CONTAINERS = 50_000  # JSON objects and arrays (the 256-layer limit needs about 10,000)
MAX_INT = 10**12
MAX_STRING = 10_000
MAX_LAYERS = 256
MAX_NOTES = 200
MAX_WRAP_DEPTH = 2  # TimeDistributed(Bidirectional(LSTM)) at most
NAME = re.compile(r"[A-Za-z0-9_]{1,64}")
DTYPES = ("float16", "bfloat16", "float32", "float64", "int8", "int16", "int32", "int64", "uint8")

MODEL_CLASSES = ("Sequential", "Functional", "Model")
# what Keras itself writes as "module": Sequential "keras", Functional "keras.src.models.functional",
# layers "keras.layers", dtype policies "keras", initializers, regularizers and constraints their packages
MODEL_MODULES = (None, "keras", "keras.models", "keras.src.models.functional")
OBJECT_MODULES = MODEL_MODULES + ("keras.layers", "keras.initializers", "keras.regularizers", "keras.constraints")
FUNCTION_CLASSES = ("__lambda__", "function", "__function__")
TENSOR_CLASS = "__keras_tensor__"
SHARED_ID = "shared_object_id"
# the text itself cannot be read
LOAD_KEYS = ("json.input_type", "json.too_big", "json.too_many_objects", "json.syntax", "json.too_deep",
             "json.number_special", "json.number_big", "json.string_long")
NOT_READ = ("compile_config", "build_config")  # keys of the top-level object

# bookkeeping every layer config carries; none of it changes a shape
BOOKKEEPING = frozenset({"name", "trainable", "dtype", "autocast", "seed"})
# bookkeeping that changes the weights when set (LoRA adds weights, quantization changes them): a note
WEIGHT_BOOKKEEPING = frozenset({"lora_rank", "lora_alpha", "quantization_config"})
# Keras 2 settings Keras 3 layers no longer have: (value that is silently fine, or ANY for a note)
ANY = object()
KERAS2_ONLY = {"implementation": ANY, "time_major": False, "input_length": ANY, "sparse": False,
               "batch_input_shape": ANY, "batch_size": ANY, "input_dim": ANY}
# ignored arguments at the value Keras writes by default (Keras 2's implementation=2): no note
IGNORED_QUIET = {"implementation": 2, "use_cudnn": "auto"}
INPUT_KEYS = frozenset({"batch_shape", "batch_input_shape", "shape", "batch_size", "dtype", "sparse", "ragged",
                        "optional", "name"})
RNN_STATES = {"LSTM": 2, "GRU": 1, "SimpleRNN": 1}  # state tensors return_state=True adds
CALL_KWARGS = {"training": (True, False, None), "mask": (None,)}
_MISSING = object()


class _Refused(Exception):
    """A value json.loads must not produce (NaN, a huge number): the whole text is refused."""

    def __init__(self, key: str, **params: str):
        super().__init__(key)
        self.key = key
        self.params = params


def read_keras_json(text: str) -> ReadResult:
    """The model in pasted `model.to_json()` text, or None with notes saying why. Never raises."""
    return read_config(text, MAX_TEXT_CHARS)


def read_config(text: str, max_chars: int) -> ReadResult:
    """read_keras_json with a size limit of max_chars (a .keras file's config.json may be larger)."""
    try:
        return _read(text, max_chars)
    except Exception as error:  # a reader never raises: an unexpected failure is one more refusal
        return ReadResult(None, (), (_note("error", "json.internal", message=type(error).__name__),))


def _read(text: object, max_chars: int) -> ReadResult:
    data, notes = load(text, max_chars)
    if notes and notes[0].key in LOAD_KEYS:
        return ReadResult(None, (), tuple(notes))
    reader = _Reader()
    reader.notes.extend(notes[:MAX_NOTES])  # foreign modules, custom registrations, functions
    spec = reader.model(data)
    notes = reader.notes
    if any(n.severity == "error" for n in notes):
        spec = None
    elif spec is None:  # never expected (every refusal says why); a learner still gets a message
        notes.append(_note("error", "json.internal", message="no model"))
    return ReadResult(spec, (), tuple(notes[:MAX_NOTES]))


# -- text to data ---------------------------------------------------------------------------------
class _Big:
    """An integer beyond MAX_INT as json.loads met it: allowed only as Keras's shared_object_id (a
    Python id(), dropped after loading); anywhere else it refuses the text."""

    def __init__(self, text: str):
        self.text = text


def _parse_int(text: str) -> int | _Big:
    if len(text.lstrip("-")) > 20:  # never converted: 5,000 digits would cost time for nothing
        raise _Refused("json.number_big", value=text[:20], limit=f"{MAX_INT:,}")
    value = int(text)
    return value if abs(value) <= MAX_INT else _Big(text)


def _parse_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _Refused("json.number_big", value=text[:20], limit=f"{MAX_INT:,}")
    return value


def _parse_constant(text: str) -> float:
    raise _Refused("json.number_special")


def load(text: object, max_chars: int) -> tuple[object | None, list[Note]]:
    """json.loads within bounds: (data, notes about objects naming foreign code), or (None, [the
    note saying why the text cannot be read at all])."""
    if not isinstance(text, str):
        return None, [_note("error", "json.input_type")]
    if len(text) > max_chars:
        return None, [_note("error", "json.too_big", size=f"{len(text):,}", limit=f"{max_chars:,}")]
    text = text.lstrip("\ufeff")
    # every object and list costs memory and garbage-collector time: bounded before any is made
    # (brackets inside strings count too; a real config holds a few thousand)
    if text.count("{") + text.count("[") > MAX_CONTAINERS:
        return None, [_note("error", "json.too_many_objects", limit=f"{MAX_CONTAINERS:,}")]
    try:
        data = json.loads(text, parse_int=_parse_int, parse_float=_parse_float, parse_constant=_parse_constant)
    except _Refused as refused:
        line, col = _position(text, refused.key)
        return None, [Note(line, col, "error", refused.key, tuple(refused.params.items()))]
    except json.JSONDecodeError as error:
        return None, [Note(error.lineno, error.colno - 1, "error", "json.syntax",
                           (("message", error.msg), ("line", str(error.lineno)), ("col", str(error.colno))))]
    except RecursionError:
        return None, [_note("error", "json.too_deep", limit=str(MAX_DEPTH))]
    problem, foreign = _walk(data, text)
    if problem is not None:
        return None, [problem]
    return data, foreign


def _position(text: str, key: str) -> tuple[int, int]:
    """Where the refused number is, as best a search finds it (0, 0 if not found)."""
    pattern = r"NaN|-?Infinity" if key == "json.number_special" else r"-?\d{14,}|-?\d[\d.]*[eE][+-]?\d{3,}"
    return _find(text, pattern)


def _find(text: str, pattern: str) -> tuple[int, int]:
    found = re.search(pattern, text)
    if found is None:
        return 0, 0
    line = text.count("\n", 0, found.start()) + 1
    return line, found.start() - (text.rfind("\n", 0, found.start()) + 1)


def _walk(data: object, text: str, places: bool = False) -> tuple[Note | None, list[Note]]:
    """One pass over the loaded data, without recursion: the bounds (depth, string lengths, numbers;
    a problem refuses the whole text), Keras's shared_object_id bookkeeping (Python ids of objects
    serialized twice) removed, and every object naming code that is not Keras's own: a foreign
    module, a custom registered name, a function. The training settings (compile_config) are
    never read, so what they name is not refused. The places of those objects (for the notes) are
    only tracked in a second pass, when the first found one."""
    foreign: list[Note] = []
    steps: list[tuple[int, object]] = [(-1, "")]  # (parent step, key), to name a place in a note
    stack: list[tuple[object, int, int, bool]] = [(data, 0, 1, True)]
    long_string = _note("error", "json.string_long", limit=f"{MAX_STRING:,}")
    if type(data) not in (dict, list):  # a lone value: checked like an item of a list
        stack = [([data], 0, 1, False)]
    while stack:
        value, at, depth, scanned = stack.pop()
        if depth > MAX_DEPTH:
            return _note("error", "json.too_deep", limit=str(MAX_DEPTH)), []
        if type(value) is dict:
            if type(value.get(SHARED_ID)) in (int, _Big):
                del value[SHARED_ID]
            if scanned and len(foreign) < MAX_NOTES:
                found = _foreign(value, steps, at if places else -1)
                if found and not places:
                    return _walk(data, text, places=True)
                foreign.extend(found)
            items = value.items()
        else:
            items = enumerate(value)
        for key, item in items:
            if type(key) is str and len(key) > MAX_STRING:
                return long_string, []
            kind = type(item)
            if kind is dict or kind is list:
                if places:
                    steps.append((at, key))
                stack.append((item, len(steps) - 1, depth + 1, scanned and not (depth == 1 and key in NOT_READ)))
            elif kind is str:
                if len(item) > MAX_STRING:
                    return long_string, []
            elif kind is _Big:
                line, col = _find(text, r"(?<![\d.])" + re.escape(item.text) + r"(?!\d)")
                return Note(line, col, "error", "json.number_big", (("value", item.text[:20]),
                                                                   ("limit", f"{MAX_INT:,}"))), []
    return None, foreign


def _foreign(value: dict, steps: list[tuple[int, object]], at: int) -> list[Note]:
    """Notes for one object that names a module, a registration or a function Keras did not write."""
    notes = []
    cls = value.get("class_name")
    if "module" in value and value["module"] not in OBJECT_MODULES:
        notes.append(_note("error", "json.module_refused", where=_path(steps, at), module=_plain(value["module"])))
    registered = value.get("registered_name")
    if registered is not None and registered != cls:
        notes.append(_note("error", "json.registered_refused", where=_path(steps, at), value=_plain(registered)))
    if cls in FUNCTION_CLASSES:
        notes.append(_note("error", "json.function_refused", where=_path(steps, at), cls=_plain(cls)))
    return notes


# -- small helpers --------------------------------------------------------------------------------
def _note(severity: str, key: str, **params: str) -> Note:
    return Note(0, 0, severity, key, tuple(params.items()))


def _plain(value: object, limit: int = 60) -> str:
    """A name or module for a message: the text itself, shortened (other values as JSON)."""
    if isinstance(value, str):
        return value if len(value) <= limit else value[: limit - 1] + "…"
    return _show(value, limit)


def _show(value: object, limit: int = 60) -> str:
    """A value as the learner wrote it (JSON), shortened; only the shown part is ever rendered."""
    if isinstance(value, str) and len(value) <= limit and NAME.fullmatch(value):
        return value
    parts, size = [], 0
    for token in _tokens(value):
        parts.append(token)
        size += len(token)
        if size > limit:
            break
    text = "".join(parts)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _tokens(value: object):
    """JSON text of a value, piece by piece (depth is bounded by MAX_DEPTH)."""
    if isinstance(value, dict):
        yield "{"
        for i, (key, item) in enumerate(value.items()):
            yield (", " if i else "") + json.dumps(key, ensure_ascii=False) + ": "
            yield from _tokens(item)
        yield "}"
    elif isinstance(value, (list, tuple)):
        yield "["
        for i, item in enumerate(value):
            if i:
                yield ", "
            yield from _tokens(item)
        yield "]"
    else:
        try:
            yield json.dumps(value, ensure_ascii=False)
        except (TypeError, ValueError):
            yield repr(value)


def _same(a: object, b: object) -> bool:
    """JSON equality: 1 == 1.0, lists equal tuples, but True is not 1."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    return type(a) is type(b) and a == b


def _tuples(value: object) -> object:
    """JSON lists as tuples (a spec is hashable), recursively."""
    if isinstance(value, list):
        return tuple(_tuples(v) for v in value)
    return value


def _initializer_name(value: dict) -> str | None:
    """{"class_name": "GlorotUniform", ...} -> "glorot_uniform" (Keras 3 and Keras 2 forms)."""
    cls = value.get("class_name")
    if not isinstance(cls, str) or value.get("module", "keras.initializers") not in ("keras.initializers", None):
        return None
    if value.get("registered_name") not in (None, cls):
        return None
    cls = cls.removesuffix("Initializer") or cls
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", cls).lower()


def _json_form(value: object) -> object:
    """A Keras get_config() value in the form JSON gives (tuples as lists)."""
    if isinstance(value, (list, tuple)):
        return [_json_form(v) for v in value]
    if isinstance(value, dict):
        return {k: _json_form(v) for k, v in value.items()}
    return value


@functools.lru_cache(maxsize=1024)
def _probe(spec: LayerSpec) -> tuple[dict, ...] | str:
    """get_config() of the layer our kind constructs for this spec, then of each layer it wraps as
    the wrapper holds it (Bidirectional sets its LSTM's zero_output_for_mask), or Keras's message
    when Keras refuses the arguments. Cached: specs are values."""
    from ..shapes import construct

    try:
        layer = construct(spec)
        configs = [_json_form(layer.get_config())]
        while spec.inner is not None:
            spec = spec.inner
            layer = getattr(layer, "forward_layer", None) or getattr(layer, "layer", None)
            configs.append(_json_form(layer.get_config()) if layer is not None else {})
        return tuple(configs)
    except Exception as error:  # Keras's own refusal of these (validated) values
        text = str(error).strip() or type(error).__name__
        return text if len(text) <= 300 else text[:299] + "…"


def _probe_spec(spec: LayerSpec) -> LayerSpec:
    """The spec with fixed names, so probes are shared between layers that differ only by name."""
    inner = _probe_spec(spec.inner) if spec.inner is not None else None
    return LayerSpec("probe" if inner is None else "probe_wrapper", spec.kind, spec.args, inner=inner)


_WRAPPER_BASE: dict[tuple[str, str], tuple[dict, ...]] = {}


@dataclass
class _Parsed:
    """One layer read from its config: the spec, arguments still to compare with Keras's defaults."""

    spec: LayerSpec
    unknown: dict
    inner: _Parsed | None
    label: str


# -- data to a model ------------------------------------------------------------------------------
class _Reader:
    def __init__(self):
        self.notes: list[Note] = []

    def note(self, severity: str, key: str, **params: str) -> None:
        if len(self.notes) < MAX_NOTES:
            self.notes.append(_note(severity, key, **params))

    # the whole model ------------------------------------------------------------------------------
    def model(self, data: object) -> ModelSpec | None:
        if not isinstance(data, dict) or not isinstance(data.get("class_name"), str):
            self.note("error", "json.not_model")
            return None
        cls = data["class_name"]
        if cls not in MODEL_CLASSES:
            if cls in ("Lambda",) or get_kind(cls) is not None:
                self.note("error", "json.not_model")
            else:
                self.note("error", "json.model_class", cls=_plain(cls))
            return None
        config = data.get("config")
        if isinstance(config, list):  # early Keras 2 Sequential: the config is the list of layers
            config = {"layers": config}
        if not isinstance(config, dict) or not isinstance(config.get("layers"), list) or not config["layers"]:
            self.note("error", "json.no_layers")
            return None
        if len(config["layers"]) > MAX_LAYERS:
            self.note("error", "json.too_many_layers", count=f"{len(config['layers']):,}", limit=str(MAX_LAYERS))
            return None
        name = config.get("name", "model")
        if not isinstance(name, str) or not NAME.fullmatch(name):
            self.note("warning", "json.model_name", name=_plain(name))
            name = "model"
        functional = cls != "Sequential" or "input_layers" in config or "output_layers" in config
        built = self.functional(config) if functional else self.sequential(config)
        if built is None:
            return None
        inputs, layers, outputs = built
        if not self.unique_names(inputs, layers):
            return None
        batches = [i.batch_size for i in inputs if i.batch_size is not None]
        if len(set(batches)) > 1:
            self.note("warning", "json.batch_mismatch", value=str(batches[0]))
        return ModelSpec(tuple(inputs), tuple(layers), tuple(outputs), name,
                         "functional" if functional else "sequential", batches[0] if batches else None)

    def unique_names(self, inputs: list[InputSpec], layers: list[LayerSpec]) -> bool:
        seen: set[str] = set()
        ok = True
        for name in [i.name for i in inputs] + [layer.name for layer in layers]:
            if name in seen:
                self.note("error", "json.name_duplicate", name=name)
                ok = False
            seen.add(name)
        return ok

    # Sequential -----------------------------------------------------------------------------------
    def sequential(self, config: dict):
        entries = config["layers"]
        inputs: list[InputSpec] = []
        if _class_of(entries[0]) == "InputLayer":
            inp = self.input_layer(entries[0], "input_layer")
            if inp is None:
                return None
            inputs.append(inp)
            entries = entries[1:]
        layers: list[LayerSpec] = []
        ok = True
        for index, entry in enumerate(entries):
            label = self.label(entry, index + len(inputs))
            if _class_of(entry) == "InputLayer":
                self.note("error", "json.input_misplaced", layer=label)
                ok = False
                continue
            if index == 0:
                entry = self.first_layer_input(entry, inputs)
            parsed = self.layer(entry, label)
            if parsed is None:
                ok = False
                continue
            source = layers[-1].name if layers else (inputs[0].name if inputs else "")
            layers.append(replace(parsed.spec, inputs=((source, None),)))
        if not inputs:  # a Sequential built with model.build(shape) and no Input
            shape = config.get("build_input_shape")
            if not isinstance(shape, list):
                self.note("error", "json.no_input")
                return None
            dtype = "int32" if entries and _class_of(entries[0]) == "Embedding" else "float32"
            inp = self.make_input("input_layer", shape, dtype)
            if inp is None:
                return None
            inputs.append(inp)
            if ok and layers:
                layers[0] = replace(layers[0], inputs=((inp.name, None),))
        if not ok or not layers:
            if ok:
                self.note("error", "json.no_layers")
            return None
        return inputs, layers, [(layers[-1].name, None)]

    def first_layer_input(self, entry: object, inputs: list[InputSpec]) -> object:
        """Keras 2 writes the input shape on the first layer (batch_input_shape): the model's input
        when there is no InputLayer, a repeat of it (dropped) when there is one."""
        config = entry.get("config") if isinstance(entry, dict) else None
        if not isinstance(config, dict):
            return entry
        key = next((k for k in ("batch_input_shape", "batch_shape") if k in config), None)
        if key is None:
            return entry
        if inputs:
            if not _same(config[key], [inputs[0].batch_size, *inputs[0].shape]):
                return entry  # a different shape: compared (and refused) like any unknown argument
            return {**entry, "config": {k: v for k, v in config.items() if k != key}}
        base = config.get("name")
        name = f"{base}_input" if isinstance(base, str) and NAME.fullmatch(f"{base}_input") else "input_layer"
        dtype = "int32" if entry.get("class_name") == "Embedding" else "float32"
        inp = self.make_input(name, config[key], dtype)
        if inp is not None:
            inputs.append(inp)
        rest = {k: v for k, v in config.items() if k not in ("batch_input_shape", "batch_shape", "batch_size")}
        return {**entry, "config": rest}

    # Functional -----------------------------------------------------------------------------------
    def functional(self, config: dict):
        inputs: dict[str, InputSpec] = {}
        layers: list[LayerSpec] = []
        known: set[str] = set()  # every node read so far, refused ones included (no cascade of notes)
        ok = True
        for index, entry in enumerate(config["layers"]):
            label = self.label(entry, index)
            if _class_of(entry) == "InputLayer":
                inp = self.input_layer(entry, label)
                if inp is not None and (inp.name in inputs or inp.name in known):
                    self.note("error", "json.name_duplicate", name=inp.name)
                    inp = None
                ok = ok and inp is not None
                if inp is not None:
                    inputs[inp.name] = inp
                known.add(_entry_name(entry) or label)
                continue
            parsed = self.layer(entry, label)
            name = parsed.spec.name if parsed is not None else (_entry_name(entry) or label)
            if parsed is not None and isinstance(entry.get("name"), str) and entry["name"] != name:
                self.note("error", "json.node_bad", layer=label)
                parsed = None
            refs = self.call(entry, label, known, inputs, {layer.name for layer in layers})
            if refs is False:  # never called: harmless, left out (a layer using it is refused)
                continue
            known.add(name)
            if parsed is None or refs is None:
                ok = False
                continue
            layers.append(replace(parsed.spec, inputs=tuple(refs)))
        if not ok:
            return None
        nodes = set(inputs) | {layer.name for layer in layers}
        listed = self.io_list(config.get("input_layers"), "input_layers", set(inputs))
        outputs = self.io_list(config.get("output_layers"), "output_layers", nodes)
        if listed is None or outputs is None or not self.indexes_exist(inputs, layers, outputs):
            return None
        order = [inputs[name] for name, _ in dict.fromkeys(listed)]
        for name, inp in inputs.items():
            if name not in {n for n, _ in listed}:
                self.note("warning", "json.input_unlisted", name=name)
                order.append(inp)
        if not order:
            self.note("error", "json.no_input")
            return None
        if not layers:
            self.note("error", "json.no_layers")
            return None
        return order, layers, outputs

    def indexes_exist(self, inputs: dict, layers: list[LayerSpec], outputs: list[TensorRef]) -> bool:
        """Every tensor index names an output the producer has (LSTM(return_state=True) has three)."""
        counts = {name: 1 for name in inputs} | {layer.name: _output_count(layer) for layer in layers}
        ok = True
        for user, refs in [(layer.name, layer.inputs) for layer in layers] + [("output_layers", outputs)]:
            for name, index in refs:
                if index is not None and index >= counts[name]:
                    self.note("error", "json.ref_index", layer=user, ref=name, index=str(index),
                              count=str(counts[name]))
                    ok = False
        return ok

    def call(self, entry: dict, label: str, known: set[str], inputs: dict, layers: set[str]):
        """The tensors a functional layer is called on: a list of (node, index), None when refused,
        False when the layer is never called."""
        nodes = entry.get("inbound_nodes") if isinstance(entry, dict) else None
        if nodes == []:
            self.note("warning", "json.not_called", layer=label)
            return False
        if not isinstance(nodes, list):
            self.note("error", "json.node_bad", layer=label)
            return None
        if len(nodes) > 1:
            self.note("error", "json.shared_layer", layer=label, count=str(len(nodes)))
            return None
        node = nodes[0]
        if isinstance(node, dict):  # Keras 3: {"args": [tensor or [tensors]], "kwargs": {...}}
            history = self.keras3_call(node, label)
        else:  # Keras 2: [[name, node_index, tensor_index, kwargs], ...]
            history = self.keras2_call(node, label)
        if history is None:
            return None
        refs: list[TensorRef] = []
        for name, node_index, index in history:
            if name not in known:
                self.note("error", "json.ref_unknown", layer=label, ref=_plain(name))
                return None
            if name not in inputs and name not in layers:
                return None  # its producer was refused; that note is enough
            if node_index != 0:
                self.note("error", "json.shared_layer", layer=_plain(name), count=str(node_index + 1))
                return None
            refs.append((name, index))
        return refs

    def keras3_call(self, node: dict, label: str):
        args, kwargs = node.get("args"), node.get("kwargs", {})
        if not isinstance(args, list) or len(args) != 1 or not isinstance(kwargs, dict):
            self.note("error", "json.node_bad", layer=label)
            return None
        for key, value in kwargs.items():
            allowed = CALL_KWARGS.get(key)
            if allowed is None or not any(_same(value, a) for a in allowed):
                self.note("error", "json.call_kwarg", layer=label, arg=_plain(key))
                return None
        tensors = args[0] if isinstance(args[0], list) else [args[0]]
        history = []
        for tensor in tensors:
            is_tensor = isinstance(tensor, dict) and tensor.get("class_name") == TENSOR_CLASS
            config = tensor.get("config") if is_tensor else None
            checked = _history(config.get("keras_history") if isinstance(config, dict) else None)
            if checked is None:
                self.note("error", "json.node_bad", layer=label)
                return None
            history.append(checked)
        return history if history else self.bad_node(label)

    def keras2_call(self, node: object, label: str):
        if not isinstance(node, list) or not node:
            return self.bad_node(label)
        history = []
        for item in node:
            if not isinstance(item, list) or len(item) not in (3, 4):
                return self.bad_node(label)
            kwargs = item[3] if len(item) == 4 else {}
            if not isinstance(kwargs, dict):
                return self.bad_node(label)
            for key, value in kwargs.items():
                allowed = CALL_KWARGS.get(key)
                if allowed is None or not any(_same(value, a) for a in allowed):
                    self.note("error", "json.call_kwarg", layer=label, arg=_plain(key))
                    return None
            checked = _history(item[:3])
            if checked is None:
                return self.bad_node(label)
            history.append(checked)
        return history

    def bad_node(self, label: str) -> None:
        self.note("error", "json.node_bad", layer=label)
        return None

    def io_list(self, value: object, field: str, nodes: set[str]) -> list[TensorRef] | None:
        """input_layers / output_layers: [name, 0, index] (one) or a list of them."""
        if isinstance(value, list) and value and isinstance(value[0], str):
            value = [value]
        if not isinstance(value, list) or not value:
            self.note("error", "json.io_bad", field=field)
            return None
        refs: list[TensorRef] = []
        for item in value:
            checked = _history(item)
            if checked is None or checked[1] != 0:
                self.note("error", "json.io_bad", field=field)
                return None
            if checked[0] not in nodes:
                self.note("error", "json.io_unknown", field=field, ref=_plain(checked[0]))
                return None
            refs.append((checked[0], checked[2]))
        return refs

    # inputs ---------------------------------------------------------------------------------------
    def input_layer(self, entry: dict, label: str) -> InputSpec | None:
        config = entry.get("config")
        if not isinstance(config, dict):
            self.note("error", "json.layer_not_object", layer=label)
            return None
        if not self.layer_module_ok(entry, label):
            return None
        name = config.get("name", entry.get("name"))
        if not isinstance(name, str) or not NAME.fullmatch(name):
            self.note("error", "json.name_bad", layer=label, name=_plain(name))
            return None
        ok = True
        for key, value in config.items():
            if key not in INPUT_KEYS:
                self.note("error", "json.arg_unknown", layer=name, cls="InputLayer", arg=_plain(key),
                          value=_show(value), default="—")
                ok = False
            elif key in ("sparse", "ragged", "optional") and value is True:
                self.note("info", "json.input_flag", name=name, arg=key)
        shape = config.get("batch_shape", config.get("batch_input_shape"))
        if shape is None and isinstance(config.get("shape"), list):
            shape = [config.get("batch_size")] + config["shape"]
        dtype = config.get("dtype", "float32")
        if isinstance(dtype, dict) and isinstance(dtype.get("config"), dict):
            dtype = dtype["config"].get("name")
        if dtype not in DTYPES:
            self.note("error", "json.input_dtype", name=name, value=_show(dtype))
            return None
        inp = self.make_input(name, shape, dtype)
        return inp if ok else None

    def make_input(self, name: str, batch_shape: object, dtype: str) -> InputSpec | None:
        def size_ok(d: object) -> bool:
            return d is None or (type(d) is int and 1 <= d <= MAX_SIZE)

        if (not isinstance(batch_shape, list) or not 2 <= len(batch_shape) <= MAX_RANK + 1
                or not all(size_ok(d) for d in batch_shape)):
            self.note("error", "json.input_bad", name=name, value=_show(batch_shape), rank=str(MAX_RANK),
                      limit=f"{MAX_SIZE:,}")
            return None
        return InputSpec(name, tuple(batch_shape[1:]), dtype, batch_shape[0])

    # one layer ------------------------------------------------------------------------------------
    def label(self, entry: object, index: int) -> str:
        name = _entry_name(entry)
        return name if name is not None else f"#{index + 1}"

    def layer_module_ok(self, entry: dict, label: str) -> bool:
        module = entry.get("module")
        if module not in (None, "keras.layers"):
            self.note("error", "json.module_refused", where=label, module=_plain(module))
            return False
        registered = entry.get("registered_name")
        if registered is not None and registered != entry.get("class_name"):
            self.note("error", "json.registered_refused", where=label, value=_plain(registered))
            return False
        return True

    def layer(self, entry: object, label: str, depth: int = 0) -> _Parsed | None:
        """One layer (wrapped layers inside), checked and compared with Keras's defaults."""
        parsed = self.read_layer(entry, label, depth)
        if parsed is None or not self.finish(parsed):
            return None
        return parsed

    def read_layer(self, entry: object, label: str, depth: int) -> _Parsed | None:
        cls = entry.get("class_name") if isinstance(entry, dict) else None
        config = entry.get("config") if isinstance(entry, dict) else None
        if not isinstance(cls, str) or not isinstance(config, dict):
            self.note("error", "json.layer_not_object", layer=label)
            return None
        if not self.layer_module_ok(entry, label):
            return None
        name = config.get("name")
        if not isinstance(name, str) or not NAME.fullmatch(name):
            self.note("error", "json.name_bad", layer=label, name=_plain(name))
            return None
        if cls == "Lambda":
            self.note("error", "json.lambda_refused", layer=name)
            return None
        kind = get_kind(cls)
        if kind is None:
            self.note("error", "json.layer_unsupported", layer=name, cls=_plain(cls))
            return None
        inner = None
        if kind.wraps:
            if depth >= MAX_WRAP_DEPTH:
                self.note("error", "json.wrapper_nested", layer=name, cls=cls)
                return None
            if not isinstance(config.get("layer"), dict):
                self.note("error", "json.wrapper_no_layer", layer=name, cls=cls)
                return None
            inner = self.read_layer(config["layer"], f"{name}.layer", depth + 1)
            if inner is None:
                return None
            if config.get("backward_layer") is not None and not _mirrors(config["layer"], config["backward_layer"]):
                self.note("error", "json.backward_layer", layer=name)
                return None
        result = self.arguments(kind, config, name, inner.spec if inner is not None else None)
        if result is None:
            return None
        args, unknown = result
        spec = LayerSpec(name, cls, args, inner=inner.spec if inner is not None else None)
        return _Parsed(spec, unknown, inner, name)

    def arguments(self, kind: LayerKind, config: dict, name: str, inner: LayerSpec | None):
        """(validated args, unknown args to compare with Keras's defaults) or None when refused."""
        known: dict[str, Value] = {}
        unknown: dict[str, object] = {}
        ok = True
        where = dict(layer=name, cls=kind.class_name)
        for key, value in config.items():
            if kind.wraps and key in ("layer", "backward_layer"):
                continue
            rule = kind.rule(key)
            if rule is None:
                if key in BOOKKEEPING:
                    continue
                if key in WEIGHT_BOOKKEEPING:
                    if value is not None:
                        self.note("info", "json.arg_ignored", **where, arg=key, value=_show(value))
                    continue
                unknown[key] = value
            elif rule.type == "ignored":
                if value is None or _same(value, IGNORED_QUIET.get(key, _MISSING)):
                    continue
                dropped = "json.regularizer_dropped" if key.endswith(("_regularizer", "_constraint")) \
                    else "json.arg_ignored"
                shown = value.get("class_name", value) if isinstance(value, dict) else value
                self.note("info", dropped, **where, arg=key, value=_show(shown))
            elif rule.deprecated:
                if value is not None:
                    known[key] = _tuples(value) if not isinstance(value, dict) else None
            elif value is None and rule.default is None:
                continue  # Keras's "not set" (seed=None), which is also our default
            else:
                status, converted = self.convert(rule, value, where)
                if status == "ok":
                    known[key] = converted
                ok = ok and status != "bad"
        if not ok:
            return None
        args, notes = check_args(kind, known, 0, 0, name)
        for note in notes:
            if len(self.notes) < MAX_NOTES:
                self.notes.append(note)
        if args is None:
            return None
        return self.without_defaults(kind, args, name, inner), unknown

    def convert(self, rule: ArgRule, value: object, where: dict) -> tuple[str, Value]:
        """A config value in our form: ("ok", value), ("drop", None) with a note, or ("bad", None)."""
        if rule.type == "initializer" and isinstance(value, dict):
            snake = _initializer_name(value)
            if snake in rule.choices:
                return "ok", snake
            self.note("info", "json.initializer_dropped", **where, arg=rule.name,
                      value=_show(value.get("class_name", value)))
            return "drop", None
        if isinstance(value, dict):
            inner = value.get("config")
            if (value.get("class_name") == "__tuple__" and isinstance(inner, dict)
                    and isinstance(inner.get("value"), list)):
                return "ok", _tuples(inner["value"])
            self.note("error", "json.arg_object", **where, arg=rule.name, value=_show(value))
            return "bad", None
        return "ok", _tuples(value)

    def without_defaults(self, kind: LayerKind, args: tuple, name: str, inner: LayerSpec | None) -> tuple:
        """Drop the arguments whose value is what Keras writes anyway for a layer built without them,
        so the spec says what the learner chose (as if read from their code)."""
        required = set(required_args(kind))
        bare = LayerSpec(name, kind.class_name, tuple(a for a in args if a[0] in required), inner=inner)
        if inner is not None:  # a wrapper's own defaults (merge_mode) do not depend on what it wraps
            base = _WRAPPER_BASE.get((kind.class_name, inner.kind)) or _probe(_probe_spec(bare))
            if not isinstance(base, str):
                _WRAPPER_BASE[(kind.class_name, inner.kind)] = base
        else:
            base = _probe(_probe_spec(bare))
        if isinstance(base, str):
            return args  # Keras refuses the bare layer; the full one is checked in finish()
        config = base[0]
        kept = []
        for key, value in args:
            rule = kind.rule(key)
            if key not in required and not rule.deprecated and key in config:
                status, written = self.convert_quiet(rule, config[key])
                if status and check_value(rule, written)[0] and _same(check_value(rule, written)[1], value):
                    continue
            kept.append((key, value))
        return tuple(kept)

    @staticmethod
    def convert_quiet(rule: ArgRule, value: object) -> tuple[bool, Value]:
        if rule.type == "initializer" and isinstance(value, dict):
            return True, _initializer_name(value)
        if isinstance(value, dict):
            return False, None
        return True, _tuples(value)

    def finish(self, parsed: _Parsed) -> bool:
        """Build our own layer from the validated arguments (Keras checks their combination) and
        compare every argument we do not know with what Keras writes for it."""
        probe = _probe(_probe_spec(parsed.spec))
        if isinstance(probe, str):
            self.note("error", "json.layer_rejected", layer=parsed.label, cls=parsed.spec.kind, message=probe)
            return False
        ok = True
        for level, config in zip(_chain(parsed), probe):
            ok = self.compare(level, config) and ok
        return ok

    def compare(self, parsed: _Parsed, config: dict) -> bool:
        ok = True
        where = dict(layer=parsed.label, cls=parsed.spec.kind)
        for key, value in parsed.unknown.items():
            if key in config and _same(value, config[key]):
                continue
            fine = KERAS2_ONLY.get(key, _MISSING)
            if fine is not _MISSING and key not in config:
                if fine is ANY or _same(value, fine):
                    if fine is ANY and value is not None:
                        self.note("info", "json.keras2_dropped", **where, arg=key, value=_show(value))
                    continue
            self.note("error", "json.arg_unknown", **where, arg=_plain(key), value=_show(value),
                      default=_show(config[key]) if key in config else "—")
            ok = False
        return ok


def _chain(parsed: _Parsed) -> list[_Parsed]:
    """A layer and the layers it wraps, outermost first."""
    chain = [parsed]
    while chain[-1].inner is not None:
        chain.append(chain[-1].inner)
    return chain


def _path(steps: list[tuple[int, object]], at: int) -> str:
    """'model.config.layers[1].config.kernel_initializer' for a step of the scan."""
    if at < 0:
        return ""
    keys = []
    while at > 0:
        at, key = steps[at]
        keys.append(f"[{key}]" if isinstance(key, int) else f".{_plain(key, 40)}")
    return "model" + "".join(reversed(keys))


def _output_count(spec: LayerSpec) -> int:
    """How many tensors a layer gives: an RNN with return_state adds its states (LSTM h and c),
    Bidirectional doubles them and gives two sequences when merge_mode is None. Any other kind gives
    one (a reference to a further output is refused, never passed on)."""
    def states(rnn: LayerSpec | None) -> int:
        if rnn is None or not rnn.arg("return_state", False):
            return 0
        return RNN_STATES.get(rnn.kind, 0)

    if spec.kind == "Bidirectional":
        return (2 if spec.arg("merge_mode", "concat") is None else 1) + 2 * states(spec.inner)
    return 1 + states(spec)


def _class_of(entry: object) -> object:
    return entry.get("class_name") if isinstance(entry, dict) else None


def _entry_name(entry: object) -> str | None:
    """The layer's name if it is a valid one (for notes)."""
    if not isinstance(entry, dict):
        return None
    config = entry.get("config")
    name = config.get("name") if isinstance(config, dict) else entry.get("name")
    return name if isinstance(name, str) and NAME.fullmatch(name) else None


def _history(ref: object) -> tuple[str, int, int] | None:
    """[layer name, node index, tensor index] as Keras writes a tensor's origin."""
    if (isinstance(ref, list) and len(ref) == 3 and isinstance(ref[0], str) and NAME.fullmatch(ref[0])
            and type(ref[1]) is int and type(ref[2]) is int and 0 <= ref[1] <= MAX_LAYERS
            and 0 <= ref[2] <= 2 * MAX_RANK):
        return ref[0], ref[1], ref[2]
    return None


def _mirrors(forward: dict, backward: object) -> bool:
    """Keras 3 writes Bidirectional's backward layer even when it made it itself: the forward layer's
    config with go_backwards=True (and its own name). Anything else is a custom backward layer."""
    if not isinstance(backward, dict) or not isinstance(forward, dict):
        return False
    if backward.get("class_name") != forward.get("class_name") or backward.get("module") != forward.get("module"):
        return False
    fwd, bwd = forward.get("config"), backward.get("config")
    if not isinstance(fwd, dict) or not isinstance(bwd, dict):
        return False
    if bwd.get("go_backwards") is not True and bwd.get("go_backwards") != (not fwd.get("go_backwards", False)):
        return False
    keys = (set(fwd) | set(bwd)) - {"name", "go_backwards"}
    return all(_same(fwd.get(k, _MISSING), bwd.get(k, _MISSING)) for k in keys)
