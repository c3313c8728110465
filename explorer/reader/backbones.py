"""A `keras.applications` backbone (MobileNetV2, ResNet50, VGG16...) as the explorer's specs: its real layers and
shapes, with nothing downloaded.

`read_backbone(name, args, taken)` takes the attribute name the code calls under keras.applications (or one of its
modules: keras.applications.mobilenet_v2.MobileNetV2) and the call's arguments, already plain Python values. Every
argument is checked against the architecture's allowlist (types, bounds, and Keras's rules for ImageNet weights);
the model's parameters are estimated from keras.io's table BEFORE anything is built, against the explorer's memory
budget. Then Keras's own function, looked up by OUR table's constant (never a name the user chose), builds the model
with weights=None in a thread of its own (fresh Keras name counters, so the layer names do not depend on what the
server built before); its get_config() is read as plain data by the Keras JSON reader (json_graph.py,
json_layers.py: every layer a kind of the registry, every argument checked), and the result is checked layer by
layer against the built model's own output shapes and parameter counts. The built model is dropped; only the specs
are cached.

weights="imagenet" gives the same shapes and counts as weights=None: the result says the weights are not loaded.
A weights file and input_tensor= are refused (the reader calls the backbone on a tensor itself).
"""
from __future__ import annotations

import functools
import json
import re
import threading
from dataclasses import dataclass, replace

from ..budget import BYTES_PER_FLOAT, INIT_TEMPORARY_COPIES, MEMORY_BUDGET_BYTES
from ..keras_session import install as keras_clears_per_thread
from ..layers.base import ACTIVATIONS
from ..spec import GroupSpec, InputSpec, LayerSpec, ModelSpec, Note, TensorRef
from .json_common import make_note, same, show
from .keras_json import _Reader
from .validate import check_value

MAX_SIDE = 1024  # an image side of input_shape (memory grows with it; Keras's own minimums are checked by Keras)
MAX_CHANNELS = 64
MAX_CLASSES = 100_000
MAX_BACKBONE_LAYERS = 1_000  # NASNetLarge has about 1,040 layers; every other architecture fewer
MAX_REASONS = 6  # the reader's refusals shown when an architecture does not convert (one per reason)
MODEL_NAME = re.compile(r"[A-Za-z0-9_.\-]{1,64}")

# -- the architectures keras.applications exports ---------------------------------------------------------------------
# The arguments every architecture takes, in Keras 3.15.1's order of each function (the positional ones).
_GENERIC = ("include_top", "weights", "input_tensor", "input_shape", "pooling", "classes", "classifier_activation",
            "name")


@dataclass(frozen=True)
class Architecture:
    """One function of keras.applications, as data.

    function: its name under keras.applications (the only name ever looked up there). modules: the modules of
    keras.applications that also export it (keras.applications.<module>.<function>). order: its arguments in
    Keras's order (positional ones are mapped by it). default_size: the image side with the top (and with
    ImageNet weights). imagenet_sides: the sides ImageNet weights with the top accept (default_size alone when
    empty). params_m: the parameters with the top (1,000 classes), in millions as keras.io's applications table
    gives them (MobileNetV3: measured here, keras.io's table has no row for it). head: what feeds the classifier:
    "pooled" (global pooling → Dense or a 1×1 conv on `features` numbers), "flatten" (VGG: Flatten → 2 × Dense(4096)
    → Dense(classes)). imagenet_alphas: the widths ImageNet weights exist for (MobileNets)."""

    function: str
    modules: tuple[str, ...]
    order: tuple[str, ...]
    default_size: int
    params_m: float
    features: int
    head: str = "pooled"
    imagenet_sides: tuple[int, ...] = ()
    imagenet_alphas: tuple[float, ...] = ()


def _generic(function: str, module: str, size: int, params_m: float, features: int, **more) -> Architecture:
    return Architecture(function, (module,), _GENERIC, size, params_m, features, **more)


_PREPROCESSING = ("include_top", "include_preprocessing", "weights", "input_tensor", "input_shape", "pooling",
                  "classes", "classifier_activation", "name")  # ConvNeXt
_V2_ORDER = ("include_top", "weights", "input_tensor", "input_shape", "pooling", "classes", "classifier_activation",
             "include_preprocessing", "name")  # EfficientNetV2
_V3_ORDER = ("input_shape", "alpha", "minimalistic", "include_top", "weights", "input_tensor", "classes", "pooling",
             "dropout_rate", "classifier_activation", "include_preprocessing", "name")
_NASNET_ORDER = ("input_shape", "include_top", "weights", "input_tensor", "pooling", "classes",
                 "classifier_activation", "name")

ARCHITECTURES: dict[str, Architecture] = {a.function: a for a in (
    Architecture("ConvNeXtTiny", ("convnext",), _PREPROCESSING, 224, 28.6, 768),
    Architecture("ConvNeXtSmall", ("convnext",), _PREPROCESSING, 224, 50.2, 768),
    Architecture("ConvNeXtBase", ("convnext",), _PREPROCESSING, 224, 88.5, 1024),
    Architecture("ConvNeXtLarge", ("convnext",), _PREPROCESSING, 224, 197.7, 1536),
    Architecture("ConvNeXtXLarge", ("convnext",), _PREPROCESSING, 224, 350.1, 2048),
    _generic("DenseNet121", "densenet", 224, 8.1, 1024),
    _generic("DenseNet169", "densenet", 224, 14.3, 1664),
    _generic("DenseNet201", "densenet", 224, 20.2, 1920),
    _generic("EfficientNetB0", "efficientnet", 224, 5.3, 1280),
    _generic("EfficientNetB1", "efficientnet", 240, 7.9, 1280),
    _generic("EfficientNetB2", "efficientnet", 260, 9.2, 1408),
    _generic("EfficientNetB3", "efficientnet", 300, 12.3, 1536),
    _generic("EfficientNetB4", "efficientnet", 380, 19.5, 1792),
    _generic("EfficientNetB5", "efficientnet", 456, 30.6, 2048),
    _generic("EfficientNetB6", "efficientnet", 528, 43.3, 2304),
    _generic("EfficientNetB7", "efficientnet", 600, 66.7, 2560),
    Architecture("EfficientNetV2B0", ("efficientnet_v2",), _V2_ORDER, 224, 7.2, 1280),
    Architecture("EfficientNetV2B1", ("efficientnet_v2",), _V2_ORDER, 240, 8.2, 1280),
    Architecture("EfficientNetV2B2", ("efficientnet_v2",), _V2_ORDER, 260, 10.2, 1408),
    Architecture("EfficientNetV2B3", ("efficientnet_v2",), _V2_ORDER, 300, 14.5, 1536),
    Architecture("EfficientNetV2S", ("efficientnet_v2",), _V2_ORDER, 384, 21.6, 1280),
    Architecture("EfficientNetV2M", ("efficientnet_v2",), _V2_ORDER, 480, 54.4, 1280),
    Architecture("EfficientNetV2L", ("efficientnet_v2",), _V2_ORDER, 480, 119.0, 1280),
    _generic("InceptionResNetV2", "inception_resnet_v2", 299, 55.9, 1536),
    _generic("InceptionV3", "inception_v3", 299, 23.9, 2048),
    Architecture("MobileNet", ("mobilenet",),
                 ("input_shape", "alpha", "depth_multiplier", "dropout", "include_top", "weights", "input_tensor",
                  "pooling", "classes", "classifier_activation", "name"),
                 224, 4.3, 1024, imagenet_sides=(128, 160, 192, 224), imagenet_alphas=(0.25, 0.5, 0.75, 1.0)),
    Architecture("MobileNetV2", ("mobilenet_v2",),
                 ("input_shape", "alpha", "include_top", "weights", "input_tensor", "pooling", "classes",
                  "classifier_activation", "name"),
                 224, 3.5, 1280, imagenet_sides=(96, 128, 160, 192, 224),
                 imagenet_alphas=(0.35, 0.5, 0.75, 1.0, 1.3, 1.4)),
    # keras.applications.mobilenet_v3 exports no function (only preprocess_input and decode_predictions)
    Architecture("MobileNetV3Large", (), _V3_ORDER, 224, 5.5, 1280, imagenet_alphas=(0.75, 1.0)),
    Architecture("MobileNetV3Small", (), _V3_ORDER, 224, 2.6, 1024, imagenet_alphas=(0.75, 1.0)),
    Architecture("NASNetLarge", ("nasnet",), _NASNET_ORDER, 331, 88.9, 4032),
    Architecture("NASNetMobile", ("nasnet",), _NASNET_ORDER, 224, 5.3, 1056),
    Architecture("ResNet50", ("resnet", "resnet50"), _GENERIC, 224, 25.6, 2048),
    _generic("ResNet101", "resnet", 224, 44.7, 2048),
    _generic("ResNet152", "resnet", 224, 60.4, 2048),
    _generic("ResNet50V2", "resnet_v2", 224, 25.6, 2048),
    _generic("ResNet101V2", "resnet_v2", 224, 44.7, 2048),
    _generic("ResNet152V2", "resnet_v2", 224, 60.4, 2048),
    _generic("VGG16", "vgg16", 224, 138.4, 4096, head="flatten"),
    _generic("VGG19", "vgg19", 224, 143.7, 4096, head="flatten"),
    _generic("Xception", "xception", 299, 22.9, 2048),
)}

# every dotted path under keras.applications that names an architecture: "MobileNetV2", "mobilenet_v2.MobileNetV2"
PATHS: dict[str, str] = {path: a.function for a in ARCHITECTURES.values()
                         for path in (a.function, *(f"{m}.{a.function}" for m in a.modules))}


def architecture(path: str) -> Architecture | None:
    """The architecture a path under keras.applications names ("ResNet50", "resnet50.ResNet50"), or None."""
    function = PATHS.get(path) if isinstance(path, str) else None
    return ARCHITECTURES[function] if function is not None else None


# -- results ----------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Backbone:
    """The backbone as the explorer's specs: its input(s), its layers in call order, its output tensors, the group
    Keras counts as ONE layer (what="backbone", label = the architecture, name = Keras's model name, members =
    every layer), Keras's own parameter count and notes (line 0: the reader gives the call's line)."""

    inputs: tuple[InputSpec, ...]
    layers: tuple[LayerSpec, ...]
    outputs: tuple[TensorRef, ...]
    group: GroupSpec
    notes: tuple[Note, ...] = ()
    params: int = 0


@dataclass(frozen=True)
class Refused:
    """Why the backbone cannot be shown: one note or more (line 0: the reader gives the call's line)."""

    notes: tuple[Note, ...]


# -- arguments --------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Rule:
    type: str  # "bool", "int", "float", "choice", "name", "shape"
    choices: tuple = ()
    low: float = 0
    high: float = 0


_RULES: dict[str, _Rule] = {
    "include_top": _Rule("bool"),
    "include_preprocessing": _Rule("bool"),
    "minimalistic": _Rule("bool"),
    "weights": _Rule("choice", (None, "imagenet")),
    "input_tensor": _Rule("choice", (None,)),
    "input_shape": _Rule("shape"),
    "pooling": _Rule("choice", (None, "avg", "max")),
    "classes": _Rule("int", low=1, high=MAX_CLASSES),
    "classifier_activation": _Rule("choice", (None, *ACTIVATIONS)),
    "name": _Rule("name"),
    "alpha": _Rule("float", low=0.1, high=2.0),  # ≈ alpha² times the parameters
    "depth_multiplier": _Rule("int", low=1, high=4),
    "dropout": _Rule("float", low=0.0, high=0.99),
    "dropout_rate": _Rule("float", low=0.0, high=0.99),
}


def _value_ok(rule: _Rule, value: object) -> bool:
    if rule.type == "bool":
        return type(value) is bool
    if rule.type == "int":
        return type(value) is int and rule.low <= value <= rule.high
    if rule.type == "float":
        return type(value) in (int, float) and rule.low <= value <= rule.high
    if rule.type == "choice":
        return any(type(value) is type(c) and value == c for c in rule.choices)
    if rule.type == "name":
        return isinstance(value, str) and MODEL_NAME.fullmatch(value) is not None
    if value is None:  # input_shape
        return True
    return (isinstance(value, (tuple, list)) and len(value) == 3
            and all(d is None or (type(d) is int and 1 <= d <= MAX_SIDE) for d in value[:2])
            and type(value[2]) is int and 1 <= value[2] <= MAX_CHANNELS)


def _note(key: str, **params: str) -> Note:
    return make_note("error", key, **params)


def keyword_args(arch: Architecture, positional: tuple, keywords: dict) -> dict | Refused:
    """The call's arguments by name: positional ones mapped in Keras's order."""
    if len(positional) > len(arch.order):
        return Refused((_note("backbone.too_many_positional", cls=arch.function, count=str(len(positional)),
                              limit=str(len(arch.order))),))
    args = dict(zip(arch.order, positional))
    twice = sorted(set(args) & set(keywords))
    if twice:
        return Refused((_note("backbone.arg_twice", cls=arch.function, arg=twice[0]),))
    return {**args, **keywords}


def check_backbone_args(arch: Architecture, args: dict) -> tuple | Refused:
    """The arguments as a sorted, hashable tuple with weights=None, or every reason they are refused."""
    notes: list[Note] = []
    where = dict(cls=arch.function)
    for key, value in args.items():
        if not isinstance(key, str) or key not in arch.order:
            notes.append(_note("backbone.arg_unknown", **where, arg=show(key), known=", ".join(arch.order)))
        elif key == "weights" and isinstance(value, str) and value != "imagenet":
            notes.append(_note("backbone.weights_file", **where, value=show(value)))
        elif key == "input_tensor" and value is not None:
            notes.append(_note("backbone.input_tensor", **where))
        elif not _value_ok(_RULES[key], value):
            notes.append(_note("backbone.arg_bad", **where, arg=key, value=show(value),
                               expected=_expected(_RULES[key])))
    if notes:
        return Refused(tuple(notes))
    notes = _imagenet_rules(arch, args)
    if notes:
        return Refused(tuple(notes))
    shape = args.get("input_shape")
    clean = {k: v for k, v in args.items() if k not in ("weights", "input_tensor")}
    if shape is not None:
        clean["input_shape"] = tuple(shape)
    if "alpha" in clean:
        clean["alpha"] = float(clean["alpha"])
    return tuple(sorted(clean.items()))


def _expected(rule: _Rule) -> str:
    if rule.type == "bool":
        return "True / False"
    if rule.type in ("int", "float"):
        return f"{rule.low:g} … {rule.high:g}"
    if rule.type == "choice":
        return " / ".join(repr(c) for c in rule.choices)
    if rule.type == "name":
        return "A-Z a-z 0-9 _ . -"
    return f"(height, width, channels): 1 … {MAX_SIDE} (or None without the top), channels 1 … {MAX_CHANNELS}"


def _imagenet_rules(arch: Architecture, args: dict) -> list[Note]:
    """What Keras refuses only when it would load ImageNet weights (checked here: the build uses weights=None)."""
    if args.get("weights", "imagenet") != "imagenet":
        return []
    where = dict(cls=arch.function)
    notes = []
    top = args.get("include_top", True)
    shape = args.get("input_shape")
    if shape is not None and shape[2] != 3:
        notes.append(_note("backbone.imagenet_channels", **where, value=show(tuple(shape))))
    if top and args.get("classes", 1000) != 1000:
        notes.append(_note("backbone.imagenet_classes", **where, value=str(args["classes"])))
    if top and args.get("classifier_activation", "softmax") not in (None, "softmax"):
        notes.append(_note("backbone.imagenet_activation", **where, value=show(args["classifier_activation"])))
    sides = arch.imagenet_sides or (arch.default_size,)
    if top and shape is not None and shape[2] == 3 and not (shape[0] == shape[1] and shape[0] in sides):
        notes.append(_note("backbone.imagenet_size", **where, value=show(tuple(shape)),
                           sizes=", ".join(f"({s}, {s}, 3)" for s in sides)))
    alpha = args.get("alpha", 1.0)
    alphas = (1.0,) if args.get("minimalistic") else arch.imagenet_alphas  # MobileNetV3's minimalistic: 1.0 only
    if alphas and not any(alpha == a for a in alphas):
        notes.append(_note("backbone.imagenet_alpha", **where, value=show(alpha),
                           alphas=", ".join(f"{a:g}" for a in alphas)))
    if args.get("depth_multiplier", 1) != 1:
        notes.append(_note("backbone.imagenet_depth", **where, value=str(args["depth_multiplier"])))
    return notes


# -- memory, before building ------------------------------------------------------------------------------------------
def estimated_params(arch: Architecture, args: dict) -> tuple[int, int]:
    """(parameters, the largest weight's entries) of this call, from keras.io's count with the top: the top of
    1,000 classes taken off, this call's top put back, wider by alpha² when alpha > 1 (an upper bound)."""
    total = round(arch.params_m * 1e6)
    if arch.head == "flatten":
        flat = 7 * 7 * 512
        body = total - (flat * 4096 + 4096) - (4096 * 4096 + 4096) - (4096 * 1000 + 1000)
    else:
        body = total - (arch.features * 1000 + 1000)
    alpha = max(1.0, args.get("alpha", 1.0)) ** 2 * max(1, args.get("depth_multiplier", 1))
    body = round(body * alpha)
    if not args.get("include_top", True):
        return body, 0
    classes = args.get("classes", 1000)
    features = round(arch.features * max(1.0, args.get("alpha", 1.0)))
    if arch.head == "flatten":
        shape = args.get("input_shape") or (arch.default_size, arch.default_size, 3)
        flat = (shape[0] or arch.default_size) // 32 * ((shape[1] or arch.default_size) // 32) * 512
        head = (flat * 4096 + 4096) + (4096 * 4096 + 4096) + (4096 * classes + classes)
        return body + head, max(flat, 4096) * 4096
    return body + features * classes + classes, features * classes


def estimated_bytes(arch: Architecture, args: dict) -> int:
    """What building takes at its peak, by budget.py's rules: every weight in float32, and the initializer's
    temporary copies of the largest known one (the classifier's kernel)."""
    params, largest = estimated_params(arch, args)
    return (params + INIT_TEMPORARY_COPIES * largest) * BYTES_PER_FLOAT


# -- the entry point --------------------------------------------------------------------------------------------------
def read_backbone(name: str, args: dict, taken: set[str] | frozenset[str] = frozenset(),
                  positional: tuple = ()) -> Backbone | Refused:
    """The backbone `keras.applications.<name>(*positional, **args)` builds, as specs whose names avoid `taken`
    (a clashing layer is renamed "<model name>/<layer>" in every reference), or why not. Never raises."""
    arch = architecture(name)
    if arch is None:
        return Refused((_note("backbone.unknown", cls=show(name), known=", ".join(ARCHITECTURES)),))
    if not isinstance(args, dict) or not isinstance(positional, (tuple, list)):
        return Refused((_note("backbone.keras_refused", cls=arch.function, message="arguments"),))
    args = keyword_args(arch, tuple(positional), dict(args))
    if isinstance(args, Refused):
        return args
    checked = check_backbone_args(arch, args)
    if isinstance(checked, Refused):
        return checked
    needed = estimated_bytes(arch, dict(checked))
    if needed > MEMORY_BUDGET_BYTES:
        return Refused((_note("backbone.over_budget", cls=arch.function,
                              params=f"{estimated_params(arch, dict(checked))[0]:,}",
                              size=f"{needed / 2**20:,.0f}", limit=f"{MEMORY_BUDGET_BYTES / 2**20:,.0f}"),))
    try:
        built = _convert(arch.function, checked)
    except Exception as error:  # never expected: the conversion says why it refuses
        return Refused((_note("backbone.keras_refused", cls=arch.function, message=_short(error)),))
    if isinstance(built, Refused):
        return built
    notes = built.notes
    if args.get("weights", "imagenet") == "imagenet":
        notes += (make_note("info", "backbone.weights_not_loaded", cls=arch.function),)
    return replace(_renamed(built, set(taken)), notes=notes)


# -- building and converting (cached: 0.1 to 10 s a build) ---------------------------------------------------------
_BUILD_LOCK = threading.Lock()  # one build at a time: two at once would hold two models' weights


@functools.lru_cache(maxsize=16)
def _convert(function: str, args: tuple) -> Backbone | Refused:
    with _BUILD_LOCK:
        result: list = []
        worker = threading.Thread(target=lambda: result.append(_build_and_read(function, dict(args))))
        worker.start()
        worker.join()
        return result[0] if result else Refused((_note("backbone.keras_refused", cls=function, message="no result"),))


def _build_and_read(function: str, args: dict) -> Backbone | Refused:
    """Build (in this fresh thread: Keras's name counters start anew), read the config, compare with Keras."""
    try:
        import keras

        keras_clears_per_thread()  # another thread's clear_session must not restart this one's name counters
        constructor = getattr(keras.applications, ARCHITECTURES[function].function)  # our table's constant
        model = constructor(weights=None, **args)
    except Exception as error:  # Keras's own refusal of these values (an image smaller than its minimum...)
        return Refused((_note("backbone.keras_refused", cls=function, message=_short(error)),))
    try:
        if len(model.layers) > MAX_BACKBONE_LAYERS:
            return Refused((_note("backbone.too_many_layers", cls=function, count=f"{len(model.layers):,}",
                                  limit=f"{MAX_BACKBONE_LAYERS:,}"),))
        config = json.loads(json.dumps({"class_name": "Functional", "config": model.get_config()}))
        spec, notes = _read_config(config)
        if spec is None:
            return Refused((_note("backbone.not_converted", cls=function, count=str(len(notes))),
                            *_distinct(notes)[:MAX_REASONS]))
        mismatch = _compare(spec, model)
        if mismatch is not None:
            return Refused((_note("backbone.mismatch", cls=function, **mismatch),))
        members = tuple(layer.name for layer in spec.layers)
        group = GroupSpec(model.name, function, "backbone", members, spec.outputs)
        return Backbone(spec.inputs, spec.layers, spec.outputs, group, (), model.count_params())
    finally:
        del model


class _BackboneReader(_Reader):
    """The Keras JSON reader, keeping every argument whose removal would change the layer: the reader drops an
    argument equal to what Keras writes for the bare layer, but MaxPooling2D(3, strides=2) written without its
    strides=(2, 2) is a layer with strides 3 (its default follows pool_size)."""

    def without_defaults(self, kind, args, name, inner):
        from .json_layers import _probe, _probe_spec

        kept = super().without_defaults(kind, args, name, inner)
        if kept == args:
            return kept
        probe = _probe(_probe_spec(LayerSpec(name, kind.class_name, kept, inner=inner)))
        if isinstance(probe, str):
            return args
        config, chosen = probe[0], dict(kept)
        for key, value in args:
            if key in chosen:
                continue
            ok, written = self.convert_quiet(kind.rule(key), config[key]) if key in config else (False, None)
            accepted, normal = check_value(kind.rule(key), written) if ok else (False, None)
            if not (accepted and same(normal, value)):
                chosen[key] = value
        return tuple(sorted(chosen.items()))


def _read_config(config: dict) -> tuple[ModelSpec | None, tuple[Note, ...]]:
    """The functional config as a ModelSpec, by the JSON reader's own parts (without its bound of 256 layers,
    which is for pasted text: this config is Keras's own), or None and the reader's refusals."""
    reader = _BackboneReader()
    built = reader.functional(config["config"])
    errors = tuple(n for n in reader.notes if n.severity == "error")
    if built is None or errors:
        return None, errors
    inputs, layers, outputs = built
    if not reader.unique_names(inputs, layers):
        return None, tuple(reader.notes)
    return ModelSpec(tuple(inputs), tuple(layers), tuple(outputs), "backbone"), ()


def _compare(spec: ModelSpec, model) -> dict | None:
    """The first layer whose described output shape or parameter count differs from the built model's, or None."""
    from ..shapes import describe

    desc = describe(spec)
    if desc.failure is not None:
        return dict(layer=desc.failure.layer, keras="—", ours=_short(desc.failure.message))
    steps = {step.name: step for step in desc.steps}
    for layer in model.layers:
        step = steps.get(layer.name)
        output = layer.output
        keras_shape = tuple(output.shape) if not isinstance(output, (list, tuple)) else None
        if step is None or keras_shape != step.output_shape or layer.count_params() != step.params:
            ours = f"{step.output_shape}, {step.params:,}" if step is not None else "—"
            return dict(layer=layer.name, keras=f"{keras_shape}, {layer.count_params():,}", ours=ours)
    if desc.total_params != model.count_params():
        return dict(layer="—", keras=f"{model.count_params():,}", ours=f"{desc.total_params:,}")
    return None


def _distinct(notes: tuple[Note, ...]) -> tuple[Note, ...]:
    """One note per reason (a kind, an argument, a module), in order: nine Dropout layers refusing noise_shape
    are one reason."""
    seen: dict[tuple, Note] = {}
    for note in notes:
        seen.setdefault((note.key, note.param("cls"), note.param("arg"), note.param("module")), note)
    return tuple(seen.values())


def _short(error: object) -> str:
    text = str(error).strip() or type(error).__name__
    return text if len(text) <= 300 else text[:299] + "…"


# -- names ------------------------------------------------------------------------------------------------------------
def _renamed(backbone: Backbone, taken: set[str]) -> Backbone:
    """Every node whose name the learner's model already uses, as "<model name>/<name>" in every reference."""
    nodes = [i.name for i in backbone.inputs] + [layer.name for layer in backbone.layers]
    mapping: dict[str, str] = {}
    used = set(taken) | set(nodes)
    for node in nodes:
        if node in taken:
            new, count = f"{backbone.group.name}/{node}", 1
            while new in used:
                count += 1
                new = f"{backbone.group.name}/{node}_{count}"
            mapping[node] = new
            used.add(new)
    if not mapping:
        return backbone

    def ref(r: TensorRef) -> TensorRef:
        return (mapping.get(r[0], r[0]), r[1])

    inputs = tuple(replace(i, name=mapping.get(i.name, i.name)) for i in backbone.inputs)
    layers = tuple(replace(layer, name=mapping.get(layer.name, layer.name), inputs=tuple(map(ref, layer.inputs)),
                           states=tuple(map(ref, layer.states))) for layer in backbone.layers)
    outputs = tuple(map(ref, backbone.outputs))
    group = replace(backbone.group, members=tuple(mapping.get(m, m) for m in backbone.group.members),
                    outputs=tuple(map(ref, backbone.group.outputs)))
    return replace(backbone, inputs=inputs, layers=layers, outputs=outputs, group=group)
