"""A Keras JSON config's model assembled into a ModelSpec: Sequential (its input from an InputLayer,
from Keras 2's batch_input_shape on the first layer, or from build_input_shape) or functional (its
layers connected by their calls, json_calls.py; its inputs and outputs as listed), with every node
name unique and every tensor index one its producer has. Each layer is checked by json_layers.py.
"""
from __future__ import annotations

from dataclasses import replace

from ..layers import get_kind, traits
from ..layers.base import MAX_RANK, MAX_SIZE
from ..spec import InputSpec, LayerSpec, ModelSpec, TensorRef, call_name
from .json_common import DTYPES, MAX_LAYERS, NAME, JsonReaderBase, plain, same, show

MODEL_CLASSES = ("Sequential", "Functional", "Model")
INPUT_KEYS = frozenset({"batch_shape", "batch_input_shape", "shape", "batch_size", "dtype", "sparse", "ragged",
                        "optional", "name"})


class Graph(JsonReaderBase):
    # the whole model -----------------------------------------------------------------------------
    def model(self, data: object) -> ModelSpec | None:
        if not isinstance(data, dict) or not isinstance(data.get("class_name"), str):
            self.note("error", "json.not_model")
            return None
        cls = data["class_name"]
        if cls not in MODEL_CLASSES:
            if cls in ("Lambda",) or get_kind(cls) is not None:
                self.note("error", "json.not_model")
            else:
                self.note("error", "json.model_class", cls=plain(cls))
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
            self.note("warning", "json.model_name", name=plain(name))
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

    # Sequential ----------------------------------------------------------------------------------
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
            dtype = "int32" if entries and traits(_class_of(entries[0])).integer_input else "float32"
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
            if not same(config[key], [inputs[0].batch_size, *inputs[0].shape]):
                return entry  # a different shape: compared (and refused) like any unknown argument
            return {**entry, "config": {k: v for k, v in config.items() if k != key}}
        base = config.get("name")
        name = f"{base}_input" if isinstance(base, str) and NAME.fullmatch(f"{base}_input") else "input_layer"
        dtype = "int32" if traits(entry.get("class_name")).integer_input else "float32"
        inp = self.make_input(name, config[key], dtype)
        if inp is not None:
            inputs.append(inp)
        rest = {k: v for k, v in config.items() if k not in ("batch_input_shape", "batch_shape", "batch_size")}
        return {**entry, "config": rest}

    # Functional ----------------------------------------------------------------------------------
    def functional(self, config: dict):
        inputs: dict[str, InputSpec] = {}
        layers: list[LayerSpec] = []
        later: list[tuple] = []  # the later calls of shared layers: read once every layer is known
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
            args = tuple(sorted({**dict(parsed.spec.args), **self.options}.items()))  # with its call options
            layers.append(replace(parsed.spec, inputs=tuple(refs), args=args))
            later += [(entry, label, layers[-1], k) for k in range(1, len(entry["inbound_nodes"]))]
        if not ok:
            return None
        layers = self.later_calls(later, layers, known, inputs)
        if layers is None:
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

    def later_calls(self, later: list[tuple], layers: list[LayerSpec], known: set[str], inputs: dict
                    ) -> list[LayerSpec] | None:
        """Each later call of a shared layer (its inbound node k > 0) as a node `name[k]` that shares the first
        call's weights, then every node in an order where each comes after the nodes it reads (Keras lists a
        shared layer once, where its first call is)."""
        if not later:  # (a backbone's config comes here with no bound on its own layers: only the calls are bounded)
            return layers
        names = {layer.name for layer in layers}
        if len(layers) + len(later) > MAX_LAYERS:
            self.note("error", "json.too_many_layers", count=f"{len(layers) + len(later):,}", limit=str(MAX_LAYERS))
            return None
        for entry, label, first, k in later:
            refs = self.call(entry, label, known, inputs, names, at=k)
            if not refs:
                return None
            args = tuple(sorted({**dict(first.args), **self.options}.items()))
            layers.append(replace(first, name=call_name(first.name, k), inputs=tuple(refs), args=args,
                                  shares=first.name))
        produced = set(inputs)
        ordered: list[LayerSpec] = []
        waiting = list(layers)
        while waiting:  # the first one whose tensors are all there, each time: the order Keras lists, where it can
            index = next((i for i, layer in enumerate(waiting)
                          if all(n in produced for n, _ in layer.inputs + layer.states)), None)
            if index is None:
                self.note("error", "json.node_bad", layer=waiting[0].name)
                return None
            produced.add(waiting[index].name)
            ordered.append(waiting.pop(index))
        return ordered

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

    # inputs --------------------------------------------------------------------------------------
    def input_layer(self, entry: dict, label: str) -> InputSpec | None:
        config = entry.get("config")
        if not isinstance(config, dict):
            self.note("error", "json.layer_not_object", layer=label)
            return None
        if not self.layer_module_ok(entry, label):
            return None
        name = config.get("name", entry.get("name"))
        if not isinstance(name, str) or not NAME.fullmatch(name):
            self.note("error", "json.name_bad", layer=label, name=plain(name))
            return None
        ok = True
        for key, value in config.items():
            if key not in INPUT_KEYS:
                self.note("error", "json.arg_unknown", layer=name, cls="InputLayer", arg=plain(key),
                          value=show(value), default="—")
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
            self.note("error", "json.input_dtype", name=name, value=show(dtype))
            return None
        inp = self.make_input(name, shape, dtype)
        return inp if ok else None

    def make_input(self, name: str, batch_shape: object, dtype: str) -> InputSpec | None:
        def size_ok(d: object) -> bool:
            return d is None or (type(d) is int and 1 <= d <= MAX_SIZE)

        if (not isinstance(batch_shape, list) or not 2 <= len(batch_shape) <= MAX_RANK + 1
                or not all(size_ok(d) for d in batch_shape)):
            self.note("error", "json.input_bad", name=name, value=show(batch_shape), rank=str(MAX_RANK),
                      limit=f"{MAX_SIZE:,}")
            return None
        return InputSpec(name, tuple(batch_shape[1:]), dtype, batch_shape[0])

    # names for notes -----------------------------------------------------------------------------
    def label(self, entry: object, index: int) -> str:
        name = _entry_name(entry)
        return name if name is not None else f"#{index + 1}"


def _output_count(spec: LayerSpec) -> int:
    """How many tensors a layer gives: an RNN with return_state adds its states (LSTM h and c),
    Bidirectional doubles them and gives two sequences when merge_mode is None; each call option set to
    True adds one (Attention's return_attention_scores). Any other kind gives one (a reference to a further
    output is refused, never passed on)."""
    def states(rnn: LayerSpec | None) -> int:
        if rnn is None or not rnn.arg("return_state", False):
            return 0
        return traits(rnn.kind).states

    directions = traits(spec.kind).directions
    if directions > 1:
        return (directions if spec.arg("merge_mode", "concat") is None else 1) + directions * states(spec.inner)
    options = sum(1 for name in traits(spec.kind).call_options if spec.arg(name) is True)  # the scores
    return 1 + states(spec) + options


def _class_of(entry: object) -> object:
    return entry.get("class_name") if isinstance(entry, dict) else None


def _entry_name(entry: object) -> str | None:
    """The layer's name if it is a valid one (for notes)."""
    if not isinstance(entry, dict):
        return None
    config = entry.get("config")
    name = config.get("name") if isinstance(config, dict) else entry.get("name")
    return name if isinstance(name, str) and NAME.fullmatch(name) else None
