"""What every part of the pasted-code reader shares: its state while the code is read, its notes,
the names it gives new layers and inputs, its step budget, and the two questions every part asks
(is this a plain value? which argument node is which?).

The reader itself (code.py) is this base with its parts mixed in: expressions (code_exprs.py),
layers (code_layers.py), inputs and batch sizes (code_inputs.py), models and the result
(code_models.py), and the statement walk in code.py. Each part calls the others through `self`.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass

from ..spec import InputSpec, LayerSpec, Note
from .code_limits import MAX_NAME, MAX_STEPS, RESERVE_STEPS
from .code_values import FuncObj, Ignored, LayerObj, ModelObj, Poison, Refusal, Val, source_text

NAME_OK = re.compile(rf"[A-Za-z0-9_]{{1,{MAX_NAME}}}")


# methods of a model that cannot change its shapes: noted as ignored, never run (fit also gives a batch size)
IGNORED_METHODS = ("compile", "fit", "evaluate", "predict", "save", "save_weights", "load_weights", "summary",
                   "fit_generator", "train_on_batch", "test_on_batch", "predict_on_batch", "count_params",
                   "get_config", "to_json", "export")
# what a learner calls on one layer without changing any shape (Normalization.adapt(data) learns its numbers)
IGNORED_LAYER_METHODS = ("adapt", "set_weights", "get_weights", "count_params", "get_config", "build", "summary")


class TooMuchWork(Exception):
    """The step budget is spent: reading stops where it is."""


def code_of(node: ast.AST) -> str:
    """The code of an argument's value, short enough for a note."""
    return source_text(node.value if isinstance(node, ast.keyword) else node)[:80]


def position(node: ast.AST | None) -> tuple[int, int]:
    return (getattr(node, "lineno", 1) or 1, getattr(node, "col_offset", 0) or 0)


def expression_word(node: ast.AST) -> str:
    return type(node).__name__


@dataclass
class Const:
    """A top-level `name = <int or str literal>`: a constant the sidebar can change."""

    name: str
    value: int | str
    line: int
    col: int
    end_col: int


class ReaderBase:
    def __init__(self) -> None:
        self.notes: list[Note] = []
        self.consts: list[Const] = []
        self.globals: dict[str, object] = {}
        self.uid: dict[str, int] = {}
        self.taken: set[str] = set()
        self.objects: dict[str, LayerObj] = {}  # every named layer object
        self.nodes: dict[str, InputSpec | LayerSpec] = {}  # functional graph, in call order
        self.input_uses: dict[str, list] = {}
        self.flow_uses: set[int] = set()  # constants an `if` (or a conditional expression) tested
        self.layer_count = 0
        self.models: list[ModelObj] = []
        self.groups: list = []  # GroupSpecs of models used as layers, inner ones first
        self.shape_memo: dict = {}  # node name -> (its spec, its output shapes), for x.shape reads
        self.legacy_noted: set = set()  # Keras 2 modules whose import line already says so
        self.pending: dict = {}  # a Sequential's layers while it is chained, not yet nodes: for shape reads
        self.batch: list[tuple[int, int, Val]] = []  # (priority, order, value)
        self.funcs: list[FuncObj] = []
        self.call_depth = 0
        self.loop_depth = 0
        self.tf_noted = False
        self.implicit_noted: set[str] = set()
        self.poison_noted: set[str] = set()
        self.too_deep: set[int] = set()  # ids of statements refused for their nesting
        self.steps = 0
        self.step_limit = MAX_STEPS
        self.reserve_used = False
        self.guesses = 0
        self.model_calls = 0  # Sequential(...) / Model(...) calls met, read or refused
        self.compiled: dict[int, tuple] = {}  # id of a model -> (its losses, metrics, compile's line)
        self.trained: list[tuple[int, object]] = []  # (id of a model, a training call read), in order

    # -- notes ------------------------------------------------------------------------------------
    def note(self, where: ast.AST | tuple[int, int] | None, severity: str, key: str, **params: object) -> None:
        line, col = where if isinstance(where, tuple) else position(where)
        self.notes.append(Note(line, col, severity, key, tuple((k, str(v)) for k, v in params.items())))

    def refused(self, refusal: Refusal, fallback: ast.AST) -> None:
        if refusal.key is None:
            return
        line, col = position(refusal.node if refusal.node is not None else fallback)
        self.notes.append(Note(line, col, "error", refusal.key, refusal.params))

    def note_tf(self, where: ast.AST) -> None:
        if not self.tf_noted:
            self.tf_noted = True
            self.note(where, "warning", "keras2.tf_keras")

    def sorted_notes(self) -> tuple[Note, ...]:
        return tuple(sorted(dict.fromkeys(self.notes), key=lambda n: n.line))  # in the order found within a line

    # -- names ------------------------------------------------------------------------------------
    def auto_name(self, prefix: str) -> str:
        count = self.uid.get(prefix, 0)
        self.uid[prefix] = count + 1
        return prefix if count == 0 else f"{prefix}_{count}"

    def claim(self, given: Val | None, prefix: str, node: ast.AST) -> str:
        """The name of a new layer or input: name= if valid, else what Keras gives it."""
        name = None
        if given is not None:
            if isinstance(given.value, str) and NAME_OK.fullmatch(given.value):
                name = given.value
            else:
                self.note(node, "error", "read.name_bad", limit=MAX_NAME)
        if name is None:
            name = self.auto_name(prefix)
        if name in self.taken:
            self.note(node, "error", "read.name_duplicate", name=name)
            k = 1
            while f"{name}_dup{k}" in self.taken:
                k += 1
            name = f"{name}_dup{k}"
        self.taken.add(name)
        return name

    # -- what every part asks ---------------------------------------------------------------------
    def step(self, node: ast.AST) -> None:
        self.steps += 1
        if self.steps > self.step_limit:
            raise TooMuchWork()

    def use_reserve(self, stmt: ast.stmt) -> bool:
        """One top-level statement spent the step budget (a loop of 10**12 rounds): it is refused and the
        rest of the code is read with a reserve of steps, once."""
        self.note(stmt, "error", "read.too_much_work", limit=f"{MAX_STEPS:,}")
        if self.reserve_used:
            return False
        self.reserve_used = True
        self.step_limit = self.steps + RESERVE_STEPS
        return True

    def ignored_method(self, method: str, node: ast.Call, scope: list[dict]) -> Ignored | None:
        """model.fit(...), model.summary()...: a note, and fit's batch_size; None for any other method."""
        if method not in IGNORED_METHODS:
            return None
        if method == "fit":
            self.batch_from_fit(node, scope)
        self.note(node, "info", "read.ignored_call", call=source_text(node.func)[:80])
        return Ignored(node.lineno)

    def models_named(self, stmt: ast.AST, scope: list[dict]) -> list[ModelObj]:
        """The models a statement names (a refused loop that adds to a model leaves it incomplete)."""
        found = []
        for node in ast.walk(stmt):
            if isinstance(node, ast.Name):
                value = next((names[node.id] for names in scope if node.id in names), None)
                if isinstance(value, ModelObj) and value not in found:
                    found.append(value)
        return found

    def value_of(self, value: object, node: ast.AST) -> Val:
        """A plain value, or a refusal saying this is not one."""
        if isinstance(value, Val):
            return value
        if isinstance(value, Poison):
            raise Refusal(None, None)
        raise Refusal(node, "read.not_a_value", code=source_text(node)[:80])

    def call_args(self, node: ast.Call, names: tuple[str, ...], what: str) -> dict[str, ast.expr]:
        """Argument nodes by name: positional ones mapped in `names` order, then keywords."""
        out: dict[str, ast.expr] = {}
        for i, arg in enumerate(node.args):
            if isinstance(arg, ast.Starred):
                raise Refusal(arg, "read.star_args")
            if i >= len(names):
                raise Refusal(arg, "read.too_many_positional", call=what, count=len(names))
            out[names[i]] = arg
        for keyword in node.keywords:
            if keyword.arg is None:
                raise Refusal(keyword, "read.star_args")
            if keyword.arg in out:
                raise Refusal(keyword, "read.arg_twice", arg=keyword.arg)
            out[keyword.arg] = keyword.value
        return out
