"""One layer of a Keras JSON config, checked: its class a kind we know, its module Keras's own
layers, its arguments the kind's rules (validate.py), a wrapper's inner layer read the same way.

Keras writes every argument with its default, plus bookkeeping (name, trainable, dtype policy...).
Bookkeeping is dropped silently; arguments our kind knows are mapped to our forms (initializer
objects to their snake-case names, lists to tuples) and kept unless Keras writes the same value for
the layer built without them (a default that follows another argument, as pooling strides follow
pool_size, is a default only there); any other argument is dropped silently when it equals what
Keras writes for the layer our kind constructs (a probe: the layer built from the validated values,
its get_config()), and refused otherwise. An int argument Keras writes as a one-element list
(MultiHeadAttention's output_shape=10 as [10]) is read as its number when the probe writes it so.
Keras 2 settings Keras 3 no longer has are dropped with a note.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..layers import get_kind
from ..layers.base import ArgRule, LayerKind
from ..spec import LayerSpec, Value
from .json_common import MAX_NOTES, MAX_WRAP_DEPTH, MISSING, NAME, JsonReaderBase, plain, same, show, tuples
from .validate import check_args, check_value, describe_rule, required_args

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
    listed: dict  # int arguments the config writes as a one-element list: kept only if Keras writes them so


class Layers(JsonReaderBase):
    def layer_module_ok(self, entry: dict, label: str) -> bool:
        module = entry.get("module")
        if module not in (None, "keras.layers"):
            self.note("error", "json.module_refused", where=label, module=plain(module))
            return False
        registered = entry.get("registered_name")
        if registered is not None and registered != entry.get("class_name"):
            self.note("error", "json.registered_refused", where=label, value=plain(registered))
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
            self.note("error", "json.name_bad", layer=label, name=plain(name))
            return None
        if cls == "Lambda":
            self.note("error", "json.lambda_refused", layer=name)
            return None
        kind = get_kind(cls) if cls.isidentifier() else None  # ops.add, shape.given: only the code reader makes them
        if kind is None:
            self.note("error", "json.layer_unsupported", layer=name, cls=plain(cls))
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
        args, unknown, listed = result
        spec = LayerSpec(name, cls, args, inner=inner.spec if inner is not None else None)
        return _Parsed(spec, unknown, inner, name, listed)

    def arguments(self, kind: LayerKind, config: dict, name: str, inner: LayerSpec | None):
        """(validated args, unknown args to compare with Keras's defaults, int args written as a one-element
        list) or None when refused."""
        known: dict[str, Value] = {}
        unknown: dict[str, object] = {}
        listed: dict[str, object] = {}
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
                        self.note("info", "json.arg_ignored", **where, arg=key, value=show(value))
                    continue
                unknown[key] = value
            elif rule.type == "ignored":
                if value is None or same(value, IGNORED_QUIET.get(key, MISSING)):
                    continue
                dropped = "json.regularizer_dropped" if key.endswith(("_regularizer", "_constraint")) \
                    else "json.arg_ignored"
                shown = value.get("class_name", value) if isinstance(value, dict) else value
                self.note("info", dropped, **where, arg=key, value=show(shown))
            elif rule.deprecated:
                if value is not None:
                    known[key] = tuples(value) if not isinstance(value, dict) else None
            elif value is None and rule.default is None:
                continue  # Keras's "not set" (seed=None), which is also our default
            else:
                if rule.type == "int" and _one_int(value):  # MultiHeadAttention writes output_shape=10 as [10]
                    listed[key], value = value, value[0]
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
        return self.without_defaults(kind, args, name, inner), unknown, listed

    def convert(self, rule: ArgRule, value: object, where: dict) -> tuple[str, Value]:
        """A config value in our form: ("ok", value), ("drop", None) with a note, or ("bad", None)."""
        if rule.type == "initializer" and isinstance(value, dict):
            snake = _initializer_name(value)
            if snake in rule.choices:
                return "ok", snake
            self.note("info", "json.initializer_dropped", **where, arg=rule.name,
                      value=show(value.get("class_name", value)))
            return "drop", None
        if isinstance(value, dict):
            inner = value.get("config")
            if (value.get("class_name") == "__tuple__" and isinstance(inner, dict)
                    and isinstance(inner.get("value"), list)):
                return "ok", tuples(inner["value"])
            self.note("error", "json.arg_object", **where, arg=rule.name, value=show(value))
            return "bad", None
        return "ok", tuples(value)

    def without_defaults(self, kind: LayerKind, args: tuple, name: str, inner: LayerSpec | None) -> tuple:
        """Drop the arguments Keras would write anyway, so the spec says what the learner chose (as if read
        from their code), and the layer rebuilt from it is the layer of the config.

        An argument goes when the layer built without it, every other argument of this config kept, writes
        the same value (MaxPooling2D(3) writes strides=(3, 3): its strides follow its pool_size, so strides
        goes; MaxPooling2D(3, strides=2) keeps strides=(2, 2) although a bare MaxPooling2D writes (2, 2)).
        Most arguments are at their plain default: those equal to what the bare layer writes (one probe) are
        not probed one by one. Then the layer built from what is kept must write every dropped value (the
        probe finish() makes anyway); an argument whose default moved with what is kept is put back."""
        required = set(required_args(kind))
        base = self.bare_config(kind, args, name, inner, required)
        if base is None:
            return args  # Keras refuses the bare layer; the full one is checked in finish()
        dropped = {}
        for key, value in args:
            rule = kind.rule(key)
            if key in required or rule.deprecated:
                continue
            config = base if self.written_is(rule, base, value) else self.config_without(kind, args, key, inner)
            if config is not None and self.written_is(rule, config, value):
                dropped[key] = value
        while dropped:
            kept = tuple(a for a in args if a[0] not in dropped)
            probe = _probe(_probe_spec(LayerSpec(name, kind.class_name, kept, inner=inner)))
            if isinstance(probe, str):
                return args
            moved = [key for key, value in dropped.items() if not self.written_is(kind.rule(key), probe[0], value)]
            if not moved:
                return kept
            for key in moved:
                del dropped[key]
        return args

    @staticmethod
    def bare_config(kind: LayerKind, args: tuple, name: str, inner: LayerSpec | None, required: set) -> dict | None:
        """What Keras writes for the layer built with only its required arguments (None when it refuses)."""
        bare = LayerSpec(name, kind.class_name, tuple(a for a in args if a[0] in required), inner=inner)
        if inner is not None:  # a wrapper's own defaults (merge_mode) do not depend on what it wraps
            base = _WRAPPER_BASE.get((kind.class_name, inner.kind)) or _probe(_probe_spec(bare))
            if not isinstance(base, str):
                _WRAPPER_BASE[(kind.class_name, inner.kind)] = base
        else:
            base = _probe(_probe_spec(bare))
        return None if isinstance(base, str) else base[0]

    @staticmethod
    def config_without(kind: LayerKind, args: tuple, key: str, inner: LayerSpec | None) -> dict | None:
        """What Keras writes for the layer built with every argument of this config but `key`."""
        probe = _probe(_probe_spec(LayerSpec("probe", kind.class_name, tuple(a for a in args if a[0] != key),
                                             inner=inner)))
        return None if isinstance(probe, str) else probe[0]

    def written_is(self, rule: ArgRule, config: dict, value: Value) -> bool:
        """Keras's config writes this argument as this value (in our form, checked by its rule)."""
        if rule.name not in config:
            return False
        converted, written = self.convert_quiet(rule, config[rule.name])
        if not converted:
            return False
        accepted, normal = check_value(rule, written)
        return accepted and same(normal, value)

    @staticmethod
    def convert_quiet(rule: ArgRule, value: object) -> tuple[bool, Value]:
        if rule.type == "initializer" and isinstance(value, dict):
            return True, _initializer_name(value)
        if isinstance(value, dict):
            return False, None
        return True, tuples(value)

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
        kind = get_kind(parsed.spec.kind)
        for key, value in parsed.listed.items():
            if not (key in config and same(value, config[key])):  # [16] for units: not Keras's own writing
                self.note("error", "read.arg_bad_value", **where, arg=key, value=show(value),
                          expected=describe_rule(kind.rule(key)))
                ok = False
        for key, value in parsed.unknown.items():
            if key in config and same(value, config[key]):
                continue
            fine = KERAS2_ONLY.get(key, MISSING)
            if fine is not MISSING and key not in config and (fine is ANY or same(value, fine)):
                if fine is ANY and value is not None:
                    self.note("info", "json.keras2_dropped", **where, arg=key, value=show(value))
                continue
            self.note("error", "json.arg_unknown", **where, arg=plain(key), value=show(value),
                      default=show(config[key]) if key in config else "—")
            ok = False
        return ok


def _one_int(value: object) -> bool:
    return isinstance(value, list) and len(value) == 1 and isinstance(value[0], int) \
        and not isinstance(value[0], bool)


def _chain(parsed: _Parsed) -> list[_Parsed]:
    """A layer and the layers it wraps, outermost first."""
    chain = [parsed]
    while chain[-1].inner is not None:
        chain.append(chain[-1].inner)
    return chain


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
    return all(same(fwd.get(k, MISSING), bwd.get(k, MISSING)) for k in keys)
