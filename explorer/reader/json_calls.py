"""How a functional model's config says which tensors each layer is called on, in the two forms
Keras writes: Keras 3 `{"args": [tensor or [tensors]], "kwargs": {...}}` with each tensor's
`keras_history`, and Keras 2 `[[name, node_index, tensor_index, kwargs], ...]`; and the model's
input_layers / output_layers. A layer called more than once (shared: several inbound nodes) gives a node per
call, each later one `name[k]` sharing the first's weights (up to MAX_CALLS calls); call keyword
arguments only where they change no shape (training=, mask=None), or where the layer's kind keeps them among
its arguments (its call options: return_attention_scores).
"""
from __future__ import annotations

from ..layers import traits
from ..layers.base import MAX_RANK
from ..spec import TensorRef, call_name
from .json_common import MAX_LAYERS, NAME, JsonReaderBase, plain, same
from .validate import check_value

TENSOR_CLASS = "__keras_tensor__"
CALL_KWARGS = {"training": (True, False, None), "mask": (None,)}
MAX_CALLS = 64  # calls of one shared layer


class Calls(JsonReaderBase):
    def call(self, entry: dict, label: str, known: set[str], inputs: dict, layers: set[str], at: int = 0):
        """The tensors a functional layer's call `at` (its inbound node; a shared layer has several) is called on:
        a list of (node, index), None when refused, False when the layer is never called. A tensor from a later
        call of a shared layer (node index k > 0) is that call's node, `name[k]`."""
        kind = traits(entry.get("class_name")) if isinstance(entry, dict) else traits(None)
        self.options_allowed = {name: kind.rule(name) for name in kind.call_options}
        self.options: dict[str, object] = {}  # the call options the node gives (return_attention_scores)
        nodes = entry.get("inbound_nodes") if isinstance(entry, dict) else None
        if nodes == []:
            self.note("warning", "json.not_called", layer=label)
            return False
        if not isinstance(nodes, list):
            self.note("error", "json.node_bad", layer=label)
            return None
        if len(nodes) > MAX_CALLS:
            self.note("error", "json.shared_layer", layer=label, count=str(len(nodes)))
            return None
        node = nodes[at]
        if isinstance(node, dict):  # Keras 3: {"args": [tensor or [tensors]], "kwargs": {...}}
            history = self.keras3_call(node, label)
        else:  # Keras 2: [[name, node_index, tensor_index, kwargs], ...]
            history = self.keras2_call(node, label)
        if history is None:
            return None
        refs: list[TensorRef] = []
        for name, node_index, index in history:
            if name not in known:
                self.note("error", "json.ref_unknown", layer=label, ref=plain(name))
                return None
            if name not in inputs and name not in layers:
                return None  # its producer was refused; that note is enough
            refs.append((call_name(name, node_index) if node_index else name, index))
        return refs

    def keras3_call(self, node: dict, label: str):
        args, kwargs = node.get("args"), node.get("kwargs", {})
        if not isinstance(args, list) or len(args) != 1 or not isinstance(kwargs, dict):
            self.note("error", "json.node_bad", layer=label)
            return None
        if not self.call_kwargs_ok(kwargs, label):
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
            if not self.call_kwargs_ok(kwargs, label):
                return None
            checked = _history(item[:3])
            if checked is None:
                return self.bad_node(label)
            history.append(checked)
        return history

    def call_kwargs_ok(self, kwargs: dict, label: str) -> bool:
        for key, value in kwargs.items():
            rule = getattr(self, "options_allowed", {}).get(key)
            if rule is not None and check_value(rule, value)[0]:  # a call option of the kind: kept as an argument
                self.options[key] = check_value(rule, value)[1]
                continue
            allowed = CALL_KWARGS.get(key)
            if allowed is None or not any(same(value, a) for a in allowed):
                self.note("error", "json.call_kwarg", layer=label, arg=plain(key))
                return False
        return True

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
            if checked is None:
                self.note("error", "json.io_bad", field=field)
                return None
            name = call_name(checked[0], checked[1]) if checked[1] else checked[0]  # a shared layer's later call
            if name not in nodes:
                self.note("error", "json.io_unknown", field=field, ref=plain(name))
                return None
            refs.append((name, checked[2]))
        return refs


def _history(ref: object) -> tuple[str, int, int] | None:
    """[layer name, node index, tensor index] as Keras writes a tensor's origin."""
    if (isinstance(ref, list) and len(ref) == 3 and isinstance(ref[0], str) and NAME.fullmatch(ref[0])
            and type(ref[1]) is int and type(ref[2]) is int and 0 <= ref[1] <= MAX_LAYERS
            and 0 <= ref[2] <= 2 * MAX_RANK):
        return ref[0], ref[1], ref[2]
    return None
