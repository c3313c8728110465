"""The code reader's training calls (issue 19): what `compile` gets (the loss, one or one per output, by name
or by class with from_logits, and the metrics, from explorer/losses.py's allowlist) and what `fit` / `evaluate` /
`predict` / `train_on_batch` get (x, y, batch_size, validation_split, validation_data), made into an
explorer.training.TrainingSpec.
"""
from __future__ import annotations

import ast

from ..losses import CLASS_LOSSES, FROM_LOGITS, METRIC_NAMES, loss_name
from ..training import ArraySpec, LossSpec, TrainingSpec
from .code_arrays import Arr, DataSet, LossObj, MetricObj, TrainCall
from .code_base import ReaderBase
from .code_names import Ref
from .code_values import DictVal, ModelObj, Refusal, Seq, Val, source_text

TRAINING_METHODS = ("fit", "evaluate", "predict", "train_on_batch", "test_on_batch")
TRAINING_ARGS = {"fit": ("x", "y", "batch_size", "epochs", "verbose", "callbacks", "validation_split",
                         "validation_data"),
                 "evaluate": ("x", "y", "batch_size"), "predict": ("x", "batch_size"), "train_on_batch": ("x", "y"),
                 "test_on_batch": ("x", "y")}


class Training(ReaderBase):
    # -- compile and the training calls -----------------------------------------------------------
    def loss_object(self, cls: str, node: ast.Call, scope: list[dict]) -> LossObj:
        logits = False
        for keyword in node.keywords:
            if keyword.arg == "from_logits":
                logits = bool(self.value_of(self.evaluate(keyword.value, scope), keyword.value).value)
        return LossObj(CLASS_LOSSES[cls], logits, source_text(node)[:120])

    def compile_call(self, model: ModelObj, node: ast.Call, scope: list[dict]) -> None:
        """model.compile(optimizer, loss, loss_weights, metrics): the loss (one, or one per output) and metrics."""
        try:
            nodes = self.call_args(node, ("optimizer", "loss", "loss_weights", "metrics"), "compile")
        except Refusal:
            return
        losses: list = []
        loss_node = nodes.get("loss")
        if loss_node is not None:
            losses = self.losses_of(loss_node, scope)
        metrics: list[str] = []
        metric_node = nodes.get("metrics")
        if metric_node is not None:
            metrics = self.metrics_of(metric_node, scope)
        self.compiled[id(model)] = (losses, tuple(metrics), node.lineno)

    def losses_of(self, node: ast.expr, scope: list[dict]) -> list:
        """A loss, or a list / dict of them (dict entries as (key, LossSpec)); [] when one is not known."""
        if isinstance(node, (ast.List, ast.Tuple)):
            out = [self.one_loss(item, scope) for item in node.elts]
            return out if None not in out else []
        if isinstance(node, ast.Dict):
            out = []
            for key_node, value_node in zip(node.keys, node.values):
                key = self.quiet(key_node, scope)
                loss = self.one_loss(value_node, scope)
                if loss is None or not isinstance(key, Val) or not isinstance(key.value, str):
                    return []
                out.append((key.value, loss))
            return out
        loss = self.one_loss(node, scope)
        return [loss] if loss is not None else []

    def one_loss(self, node: ast.expr, scope: list[dict]) -> LossSpec | None:
        value = self.quiet(node, scope)
        where = {"line": node.lineno, "col": node.col_offset}
        name, logits = None, False
        if isinstance(value, Val) and isinstance(value.value, str):
            name = loss_name(value.value)
        elif isinstance(value, LossObj):
            name, logits = value.name, value.from_logits
        elif isinstance(value, Ref) and value.path[:2] == ("keras", "losses") and len(value.path) == 3:
            name = loss_name(value.path[2])
        if name is None:
            self.note(node, "warning", "train.loss_unknown", code=source_text(node)[:80])
            return None
        return LossSpec(name, logits and name in FROM_LOGITS, source_text(node)[:120], **where)

    def metrics_of(self, node: ast.expr, scope: list[dict]) -> list[str]:
        items = node.elts if isinstance(node, (ast.List, ast.Tuple)) else [node]
        if isinstance(node, ast.Dict):
            items = [v for v in node.values]
        out = []
        for item in items:
            if isinstance(item, (ast.List, ast.Tuple)):
                out += self.metrics_of(item, scope)
                continue
            value = self.quiet(item, scope)
            if isinstance(value, Val) and value.value in METRIC_NAMES:
                out.append(value.value)
            elif isinstance(value, MetricObj):
                out.append(value.name)
            elif isinstance(value, Ref) and value.path[:2] == ("keras", "metrics") and value.path[-1] in METRIC_NAMES:
                out.append(value.path[-1])
            elif isinstance(value, LossObj):
                out.append(value.name)
            else:
                self.note(item, "warning", "train.metric_unknown", code=source_text(item)[:80])
        return out

    def quiet(self, node: ast.expr, scope: list[dict]) -> object:
        """The value of an argument of a training call, or None: the reader's own refusals stay unsaid there
        (`model.fit(x, y)` with x never defined says nothing more than before); the data's own notes stay."""
        mark = len(self.notes)
        try:
            return self.evaluate(node, scope)
        except Refusal as refusal:
            if refusal.key and refusal.key.startswith("train."):
                self.refused(refusal, node)
            return None
        finally:
            self.notes[mark:] = [n for n in self.notes[mark:] if n.key.startswith("train.")]

    def training_call(self, model: ModelObj, method: str, node: ast.Call, scope: list[dict]) -> None:
        try:
            nodes = self.call_args(node, TRAINING_ARGS[method], method)
        except Refusal:
            return
        values = {name: self.quiet(arg, scope) for name, arg in nodes.items()
                  if name in ("x", "y", "batch_size", "validation_split", "validation_data")}

        def number(name: str, kind: tuple) -> object:
            value = values.get(name)
            return value.value if isinstance(value, Val) and type(value.value) in kind else None

        self.trained.append((id(model), TrainCall(method, node.lineno, values.get("x"), values.get("y"),
                                              number("batch_size", (int,)), number("validation_split", (int, float)),
                                              values.get("validation_data"))))

    def training_spec(self, model: ModelObj, inputs: tuple[str, ...], outputs: tuple[str, ...]
                      ) -> TrainingSpec | None:
        """The model's first fit (else its first other training call), with what compile gave it."""
        calls = [c for key, c in self.trained if key == id(model)]
        compiled = self.compiled.get(id(model))
        if not calls and compiled is None:
            return None
        order = {name: i for i, name in enumerate(TRAINING_METHODS)}
        call = min(calls, key=lambda c: order[c.call]) if calls else None
        losses, metrics, compile_line = compiled if compiled is not None else ([], (), 0)
        loss = self.order_losses(losses, outputs, compile_line)
        if call is None:
            return TrainingSpec("fit", compile_line, loss=loss, metrics=metrics, compile_line=compile_line)
        x, y, batch = self.arrays_of(call.x, inputs), self.arrays_of(call.y, outputs), call.batch_size
        if isinstance(call.x, DataSet):
            x, y, batch = self.dataset_arrays(call.x, call.line)
        validation = None
        if isinstance(call.validation, DataSet):
            vx, vy, _ = self.dataset_arrays(call.validation, call.line)
            validation = (vx, vy) if vx else None
        elif isinstance(call.validation, Seq) and len(call.validation.items) in (2, 3):
            vx = self.arrays_of(call.validation.items[0], inputs)
            vy = self.arrays_of(call.validation.items[1], outputs)
            validation = (vx, vy) if vx and vy else None
        if isinstance(call.x, DataSet) and call.batch_size is not None:
            self.note((call.line, 0), "info", "train.batch_size_with_dataset")
        if isinstance(call.x, DataSet) and call.y is not None:
            self.note((call.line, 0), "warning", "train.y_with_dataset")
        return TrainingSpec(call.call, call.line, x, y if call.call != "predict" else (), batch,
                            call.validation_split, validation, loss, metrics, compile_line)

    def dataset_arrays(self, data: DataSet, line: int) -> tuple[tuple, tuple, int | None]:
        if not data.known or any(a.shape is None for a in data.x + (data.y or ())):
            return (), (), data.batch
        if data.batch is None:
            self.note((line, 0), "warning", "train.dataset_unbatched")
        if any(not a.shape for a in data.x + (data.y or ())):  # a dataset of numbers: no element shape to cut
            return (), (), data.batch
        x = tuple(a.spec(data.batch, dataset=True) for a in data.x)
        y = tuple(a.spec(data.batch, dataset=True) for a in data.y) if data.y else ()
        return x, y, data.batch

    def arrays_of(self, value: object, names: tuple[str, ...]) -> tuple[ArraySpec, ...]:
        """One ArraySpec per model input / output: an array, a list of them, or a dict by name; () when any of them
        is not known."""
        if isinstance(value, Arr):
            items = [value]
        elif isinstance(value, Seq):
            items = list(value.items)
        elif isinstance(value, DictVal):
            found = dict(value.items)
            if set(found) != set(names):
                return ()
            items = [found[name] for name in names]
        else:
            return ()
        if not all(isinstance(a, Arr) and a.shape is not None for a in items):
            return ()
        return tuple(a.spec() for a in items)

    def order_losses(self, losses: list, outputs: tuple[str, ...], line: int) -> tuple[LossSpec, ...]:
        if not losses or not isinstance(losses[0], tuple):
            return tuple(losses)
        found = dict(losses)
        if set(found) != set(outputs):
            self.note((line, 0), "warning", "train.loss_keys", keys=", ".join(sorted(found))[:80],
                      outputs=", ".join(outputs)[:80])
            return ()
        return tuple(found[name] for name in outputs)
