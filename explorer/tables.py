"""The shape table and the weight table of any described model (one row per step / per weight)."""
from __future__ import annotations

import pandas as pd

from .description import Axis, Description, Group, Step, named, shape_text
from .layers import get_kind, shown_class
from .spec import ModelSpec

# weights last: a Bidirectional row lists six tensors, and counts and formulas should not need sideways scrolling
TABLE_COLUMNS = ("layer", "class", "input_shape", "output_shape", "named_output", "params", "formula", "weights")
WEIGHT_COLUMNS = ("layer", "weight", "shape", "named_shape", "count")
# how the page draws each row, not shown as columns: role ("input", "assumed": an input whose shape the learner
# gave, "layer", "shared": a later call of a layer called before, "group": Keras's one row for the layers inside
# it, "gap": code that could not be read), depth (how many groups hold the row), within (their names, outermost
# first), count (a group's layers), line (a gap's) and shares (the first call whose weights a later call of a
# layer or a group uses again)
ROW_COLUMNS = ("role", "depth", "within", "count", "line", "shares")


def axis_meaning(axis: Axis, lang: str, source_format=lambda source: source) -> str:
    """What a letter means ('units of lstm: lstm_units'); '' when unknown. source_format wraps the
    learner's name that gave the size (the page's legend puts it in escaped <code>)."""
    from .i18n import t

    params = dict(axis.meaning_params)
    source = params.pop("source", "")
    if params.get("inside"):  # a wrapped layer: named as the row the table shows, its wrapper
        params["layer"] = t(lang, "axis.inside", cls=params.get("cls", ""), wrapper=params["inside"])
    try:
        meaning = t(lang, axis.meaning_key, **params) if axis.meaning_key else ""
    except (KeyError, IndexError, ValueError):
        meaning = ""
    if source:
        shown = source_format(source)
        return t(lang, "legend.source", meaning=meaning, source=shown) if meaning else shown
    return meaning


def layer_table(desc: Description, spec: ModelSpec | None = None) -> pd.DataFrame:
    """One row per step (inputs included); several tensors in or out are joined with ' + '. Columns
    TABLE_COLUMNS, then ROW_COLUMNS. With the spec: each group's row (as model.summary() prints it: its
    name, its label as the class, its outputs, its layers' parameters summed) before the rows of the layers
    inside it, and a row for each gap of the code, after the last layer read before its line. A later call of a
    shared layer (or group) is a row of its own, with its own shapes and 0 parameters: Keras counts weights once."""
    rows = []
    opened: set[str] = set()
    assumed = {i.name for i in spec.inputs if i.assumed} if spec is not None else set()
    for step in desc.steps:
        chain = _chain(desc, step.name)
        for depth, group in enumerate(chain):
            if group.name not in opened:
                opened.add(group.name)
                rows.append(_group_row(desc, spec, group, depth, tuple(g.name for g in chain[:depth])))
        role = "assumed" if step.name in assumed else "input" if step.cls == "InputLayer" else \
            "given" if get_kind(step.cls).given_shape else "shared" if step.shares else "layer"
        rows.append(_step_row(step) | _where(role, len(chain), tuple(g.name for g in chain), shares=step.shares))
    for line in sorted({line for line, _key in spec.gaps} if spec is not None else ()):  # one row a line
        at = _gap_place(desc, rows, line)
        rows.insert(at, dict.fromkeys(TABLE_COLUMNS, "") | {"params": None} | _where("gap", 0, (), line=line))
    table = pd.DataFrame(rows, columns=list(TABLE_COLUMNS + ROW_COLUMNS))
    if table["params"].isna().any():  # a gap has no count: whole numbers stay whole around it
        table["params"] = table["params"].astype("Int64")
    return table


def _anchored(cls: str) -> bool:
    kind = get_kind(cls)
    return kind is not None and kind.anchored


def _where(role: str, depth: int, within: tuple[str, ...], count: int = 0, line: int = 0, shares: str = "") -> dict:
    return {"role": role, "depth": depth, "within": within, "count": count, "line": line, "shares": shares}


def _step_row(step: Step) -> dict:
    return {
        "layer": step.name,
        "class": shown_class(step.cls, step.args),
        # an operation made inside a call (arange) reads no input: its anchor's shape is not its input
        "input_shape": "" if _anchored(step.cls) else " + ".join(shape_text(s) for s in step.input_shapes),
        "output_shape": " + ".join(shape_text(s) for s in step.output_shapes),
        "named_output": " + ".join(named(a) for a in step.output_axes),
        "weights": "; ".join(f"{w.label} {shape_text(w.shape)}" for w in step.weights),
        "params": step.params,
        "formula": "" if step.cls == "InputLayer" else step.formula.text(),
    }


def _chain(desc: Description, name: str) -> list[Group]:
    """The groups holding a step, outermost first."""
    groups = {g.name: g for g in desc.groups}
    chain = []
    group = desc.group_of(name)
    while group is not None and group not in chain:
        chain.append(group)
        group = groups.get(group.parent)
    return chain[::-1]


def _group_row(desc: Description, spec: ModelSpec | None, group: Group, depth: int, within: tuple[str, ...]) -> dict:
    """Keras's one row for a group: what flows into it from outside, what leaves it, its layers' parameters."""
    steps = {s.name: s for s in desc.steps}
    inside = set(group.members)
    seen, into = set(), []
    for member in group.members:
        step = steps.get(member)
        for parent, shape in zip(step.parents, step.input_shapes) if step is not None else ():
            if parent not in inside and parent not in seen:
                seen.add(parent)
                into.append(shape_text(shape))
    named_out = ""
    refs = next((g.outputs for g in spec.groups if g.name == group.name), ()) if spec is not None else ()
    if group.complete and refs and all(node in steps for node, _ in refs):
        axes = [a for node, index in refs
                for a in (steps[node].output_axes if index is None else steps[node].output_axes[index:index + 1])]
        named_out = " + ".join(named(a) for a in axes)
    return {
        "layer": group.name,
        "class": group.label,
        "input_shape": " + ".join(into),
        "output_shape": " + ".join(shape_text(s) for s in group.output_shapes),
        "named_output": named_out,
        "weights": "",
        "params": group.params,
        "formula": "",
    } | _where("group", depth, within, count=len(group.members), shares=group.shares)


def _gap_place(desc: Description, rows: list[dict], line: int) -> int:
    """Where a gap's row goes: after the last step read before its line (after the whole block of the
    outermost group holding that step, so a group's rows stay together); first if none was."""
    lines = {s.name: s.line for s in desc.steps}
    before = [i for i, row in enumerate(rows) if row["role"] != "group" and 0 < lines.get(row["layer"], 0) < line]
    if before:
        at = before[-1] + 1
        outer = rows[at - 1]["within"][:1]
        while at < len(rows) and outer and rows[at]["within"][:1] == outer:
            at += 1
    else:
        at = next((i + 1 for i in range(len(rows) - 1, -1, -1) if rows[i]["role"] in ("input", "assumed")), 0)
    while at < len(rows) and rows[at]["role"] == "gap":  # gaps read earlier stay first
        at += 1
    return at


def weight_table(desc: Description) -> pd.DataFrame:
    """One row per weight tensor: its layer, name, concrete and named shape, and element count."""
    rows = [{"layer": step.name, "weight": w.label, "shape": shape_text(w.shape), "named_shape": named(w.dims),
             "count": w.count} for step in desc.steps for w in step.weights]
    return pd.DataFrame(rows, columns=list(WEIGHT_COLUMNS))
