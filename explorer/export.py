"""Any described model as clean Keras 3 code that runs as is: the code export.

`export_code(result, desc, lang)` writes Python source from the spec the page read (its names and
values already resolved: Keras 2 habits fixed, suggested names applied) and from its description:
- `import keras`, `from keras import layers` and a docstring;
- comments naming every axis letter with its size and meaning, and what was changed from the
  learner's code;
- the named constants the layers use, and only those, so `layers.LSTM(lstm_units)` stays readable;
- the functional API whatever style the learner used: one `keras.Input(...)` per input, then one
  statement per layer in the spec's order with `name="..."` (the table's names), each under the
  comment `# dense: (B, T, U) = (30, 50, 200); 15,200 parameters` (output shapes with the batch
  axis, as in the description); several outputs are unpacked, `initial_state=` is passed on; a layer
  called more than once (shared weights) is made once into a variable (`dense_layer = layers.Dense(...)`)
  and that variable is called on each input;
- `model = keras.Model(...)` and a `__main__` block: summary(), and count_params() with the
  table's total in a comment.
Comments are in the page's language; the code is the same in every language.

A source expression of the learner's (`count_classes + 1`) is written back only when it gives
exactly the spec's value with the constants written above it; otherwise the value itself is.
"""
from __future__ import annotations

import ast
import builtins
import json
import keyword
import math
import operator
import re
from dataclasses import replace

from .i18n import t
from .layers import get_kind, traits
from .shapes import Description, Step
from .spec import LayerSpec, ModelSpec, ReadResult, Value
from .description import named, shape_text
from .tables import axis_meaning
from .safe_ast import parse as safe_parse

LINE_WIDTH = 99  # a layer statement longer than this puts each constructor argument on its own line
MAX_INT = 10**15  # arithmetic in a source expression beyond this is not written back
# names the exported code itself uses: never a constant's or a layer's variable
RESERVED = frozenset(keyword.kwlist) | frozenset(keyword.softkwlist) | {"keras", "layers", "model", "print",
                                                                        "__name__"}
_STATE_NAMES = {2: ("state_h", "state_c"), 1: ("state",)}
_OPS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.FloorDiv: operator.floordiv,
        ast.Mod: operator.mod, ast.Div: operator.truediv, ast.Pow: operator.pow}


class ExportError(ValueError):
    """The model cannot be written as code that runs (a value with no Python literal)."""


def export_code(result: ReadResult, desc: Description, lang: str) -> str | None:
    """Python source building `result.spec` as Keras 3 code; None when there is no spec or the
    description stops at a failing layer (desc.ok is False). Raises ExportError if a value has no
    Python spelling (never expected from a validated spec)."""
    spec = result.spec
    if spec is None or not desc.ok:
        return None
    names = _Names(result.constants, spec)
    variables = _Variables(names.values)
    body = _body(spec, desc, names, variables, lang)
    used = {node.id for node in ast.walk(safe_parse("\n".join(body))) if isinstance(node, ast.Name)}
    lines = [f'"""{t(lang, "export.docstring")}"""', "import keras", "from keras import layers", ""]
    lines += _legend(desc, lang) + _changes(result, lang)
    lines += _constants(names, [n for n in names.order if n in used], desc, spec) + body
    code = "\n".join(lines) + "\n"
    _check(code)
    return code


# -- names: constants the code can write, variables for the layers' outputs ------------------------
class _Names:
    """The named values the export may write: the code's constants, then names the layers took
    from a def's parameters (`units` in `build_model(units=32)`) when every use gives them the
    same value. `text` writes a source expression back only if it evaluates to the spec's value."""

    def __init__(self, constants, spec: ModelSpec):
        self.values: dict[str, Value] = {}
        for constant in constants:
            if _writable_name(constant.name) and constant.name not in self.values:
                self.values[constant.name] = constant.value
        seen: dict[str, list[Value]] = {}
        for text, value in _sources(spec):
            if text.isidentifier() and text not in self.values:
                seen.setdefault(text, []).append(value)
        for name, values in seen.items():
            if _writable_name(name) and all(_same(v, values[0]) for v in values):
                self.values[name] = values[0]
        self.order = tuple(self.values)

    def text(self, source: str, value: Value) -> str:
        if source:
            try:
                tree = safe_parse(source.strip(), mode="eval")
                if _same(_evaluate(tree.body, self.values), value):
                    return ast.unparse(tree)
            except (SyntaxError, ValueError, ArithmeticError, RecursionError, _NotWritable):
                pass
        return literal(value)


def _sources(spec: ModelSpec):
    """(source text, value) of every shape entry, the batch size and every argument given by a name."""
    for inp in spec.inputs:
        yield from ((text, size) for text, size in zip(inp.sources, inp.shape) if text)
    if spec.batch_source and spec.batch_size is not None:
        yield spec.batch_source, spec.batch_size
    layers = list(spec.layers)
    while layers:
        layer = layers.pop(0)
        yield from ((text, layer.arg(arg)) for arg, text in layer.sources if text)
        if layer.inner is not None:
            layers.append(layer.inner)


def _writable_name(name: str) -> bool:
    return name.isidentifier() and name.isascii() and name not in RESERVED


class _Variables:
    """One valid Python name per tensor: the layer's own name where it can be one, never a
    keyword, a builtin, `keras`/`layers`/`model` or a constant; '_out' added on a clash."""

    def __init__(self, taken):
        self.taken = set(taken) | RESERVED | set(dir(builtins))

    def new(self, wanted: str) -> str:
        wanted = wanted.replace("[", "_call").replace("]", "")  # a later call's node, dense[1]: dense_call1
        base = re.sub(r"\W", "_", wanted, flags=re.ASCII)
        if not base.strip("_"):
            base = "layer"
        if base[0].isdigit():
            base = "layer_" + base
        name, k = base, 1
        while name in self.taken or keyword.iskeyword(name):
            name = f"{base}_out" if k == 1 else f"{base}_out{k}"
            k += 1
        self.taken.add(name)
        return name


# -- values -----------------------------------------------------------------------------------------
class _NotWritable(Exception):
    pass


def literal(value: Value) -> str:
    """A Python literal for a validated value (strings in double quotes, as Keras documents them)."""
    if isinstance(value, str):  # quotes, backslashes and anything unprintable escaped
        return "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in json.dumps(value, ensure_ascii=False))
    if isinstance(value, tuple):
        items = ", ".join(literal(v) for v in value)
        return f"({items},)" if len(value) == 1 else f"({items})"
    if isinstance(value, float) and not math.isfinite(value):
        raise ExportError(f"{value!r} has no Python literal")
    if value is None or isinstance(value, (bool, int, float)):
        return repr(value)
    raise ExportError(f"{type(value).__name__} value has no Python literal")


def _same(a: Value, b: Value) -> bool:
    """Equal and of the same type (True is not 1, 2.0 is not 2)."""
    if isinstance(a, tuple) and isinstance(b, tuple):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    return type(a) is type(b) and a == b


def _evaluate(node: ast.AST, env: dict[str, Value]) -> Value:
    """Literals, names from env, tuples and bounded arithmetic on numbers; anything else is not
    written back (_NotWritable)."""
    if isinstance(node, ast.Constant) and (node.value is None or isinstance(node.value, (bool, int, float, str))):
        return node.value
    if isinstance(node, ast.Name) and node.id in env:
        return env[node.id]
    if isinstance(node, ast.Tuple):
        return tuple(_evaluate(e, env) for e in node.elts)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        value = _number(_evaluate(node.operand, env))
        return -value if isinstance(node.op, ast.USub) else value
    if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
        left, right = _number(_evaluate(node.left, env)), _number(_evaluate(node.right, env))
        if isinstance(node.op, ast.Pow) and (abs(right) > 64 or abs(left) > MAX_INT):
            raise _NotWritable
        return _number(_OPS[type(node.op)](left, right))
    raise _NotWritable


def _number(value: Value) -> int | float:
    if type(value) not in (int, float) or (type(value) is int and abs(value) > MAX_INT):
        raise _NotWritable
    return value


# -- the code ---------------------------------------------------------------------------------------
def _body(spec: ModelSpec, desc: Description, names: _Names, variables: _Variables, lang: str) -> list[str]:
    """Inputs, one statement per layer (each under its shape comment), the model and its __main__."""
    lines = ["", f"# {t(lang, 'export.layers_header')}"]
    tensors: dict[str, list[str]] = {}
    for inp in spec.inputs:
        variable = variables.new(inp.name)
        tensors[inp.name] = [variable]
        shape = ", ".join("None" if size is None else names.text(text, size)
                          for size, text in zip(inp.shape, inp.sources + ("",) * len(inp.shape)))
        args = [f"shape=({shape}{',' if len(inp.shape) == 1 else ''})"]
        batch = inp.batch_size if inp.batch_size is not None else spec.batch_size
        if batch is not None:
            source = spec.batch_source if batch == spec.batch_size else ""
            args.append(f"batch_size={names.text(source, batch)}")
        if inp.dtype != "float32":
            args.append(f"dtype={literal(inp.dtype)}")
        args.append(f"name={literal(inp.name)}")
        lines += [_shape_comment(_step(desc, inp.name), lang), f"{variable} = keras.Input({', '.join(args)})"]
    shared = {layer.shares for layer in spec.layers if layer.shares}
    objects: dict[str, str] = {}  # a layer called more than once -> the variable holding the layer itself
    for layer in spec.layers:
        step = _step(desc, layer.name)
        outputs = [variables.new(layer.name + suffix) for suffix in _suffixes(layer, len(step.output_shapes))]
        lines.append(_shape_comment(step, lang))
        if traits(layer.kind).given_shape:
            raise ExportError(f"{layer.name} has a shape given, not checked: its function is the learner's own, "
                              "which the export cannot write")
        if traits(layer.kind).operation:
            lines.append(f"{outputs[0]} = {_operation(layer, names, tensors)}")
        elif layer.shares:  # a later call: the same layer object again, so its weights are shared as in Keras
            if layer.shares not in objects:
                raise ExportError(f"{layer.name} calls {layer.shares}, which the code does not make before it")
            lines.append(f"{', '.join(outputs)} = {objects[layer.shares]}({_call(layer, tensors)})")
        elif layer.name in shared:  # made once into a variable, then called on each input
            objects[layer.name] = variables.new(layer.name + "_layer")
            lines += _statement([objects[layer.name]], _constructor(layer, names), None)
            lines.append(f"{', '.join(outputs)} = {objects[layer.name]}({_call(layer, tensors)})")
        else:
            lines += _statement(outputs, _constructor(layer, names), _call(layer, tensors))
        tensors[layer.name] = outputs
    inputs = [tensors[inp.name][0] for inp in spec.inputs]
    outputs = [v for node, index in spec.outputs for v in (tensors[node] if index is None else [tensors[node][index]])]
    lines += ["", f"model = keras.Model(inputs={_one_or_list(inputs)}, outputs={_one_or_list(outputs)}, "
                  f"name={literal(spec.name)})", "",
              'if __name__ == "__main__":', "    model.summary()",
              f"    print(model.count_params())  # {_comment(t(lang, 'export.total', total=f'{desc.total_params:,}'))}"]
    return lines


def _step(desc: Description, name: str) -> Step:
    step = next((s for s in desc.steps if s.name == name), None)
    if step is None:
        raise ExportError(f"{name} is not in the description")
    return step


def _constructor(layer: LayerSpec, names: _Names) -> str:
    """`layers.X(args, name="...")` with every argument spelled by `names` (wrapped layer inside)."""
    kind = get_kind(layer.kind)
    if kind is None:
        raise ExportError(f"{layer.kind} is not a known layer")
    inner = _constructor(layer.inner, names) if layer.inner is not None else ""
    spelled = tuple((key, names.text(layer.source(key), value)) for key, value in layer.args)
    code = kind.code(replace(layer, sources=spelled), inner)
    if not code.endswith(")"):
        raise ExportError(f"unexpected code for {layer.name}: {code}")
    return f"{code[:-1]}{'' if code.endswith('()') else ', '}name={literal(layer.name)})"


def _operation(layer: LayerSpec, names: _Names, tensors: dict[str, list[str]]) -> str:
    """`keras.ops.true_divide(x, 127.5)`, `x[:, -1]`: the kind's own expression on `x` (and `y`, or a list), with
    the model's variables in their place. Keras names the operation itself, as the reader did."""
    kind = get_kind(layer.kind)
    if kind.anchored:
        raise ExportError(f"{layer.name} is made inside a layer's call; functional code cannot write it")
    spelled = tuple((key, names.text(layer.source(key), value)) for key, value in layer.args)
    args = [v for node, index in layer.inputs for v in (tensors[node] if index is None else [tensors[node][index]])]
    tree = safe_parse(kind.code(replace(layer, sources=spelled)), mode="eval")
    for node in ast.walk(tree):
        if isinstance(node, ast.List) and [getattr(e, "id", None) for e in node.elts] == ["x", "y"]:
            node.elts = [ast.Name(id=arg) for arg in args]
        elif isinstance(node, ast.Name) and node.id in ("x", "y"):
            node.id = args[0 if node.id == "x" else min(1, len(args) - 1)]
    return ast.unparse(tree)


def _call(layer: LayerSpec, tensors: dict[str, list[str]]) -> str:
    """What the layer is called on: one tensor, a list (merging layers), or several arguments, and
    the RNN's initial_state=."""
    def expand(refs):
        return [v for node, index in refs for v in (tensors[node] if index is None else [tensors[node][index]])]

    args = expand(layer.inputs)
    if traits(layer.kind).separate_tensors:
        text = ", ".join(args)
    elif get_kind(layer.kind).takes_list or len(args) != 1:
        text = f"[{', '.join(args)}]"
    else:
        text = args[0]
    if layer.states:
        text += f", initial_state=[{', '.join(expand(layer.states))}]"
    kind = traits(layer.kind)
    for name in kind.call_options:  # return_attention_scores=True
        if layer.arg(name) is not None and layer.arg(name) != kind.rule(name).default:
            text += f", {name}={literal(layer.arg(name))}"
    return text


def _suffixes(layer: LayerSpec, count: int) -> list[str]:
    """Variable suffixes for a layer's outputs: an RNN's states (`_state_h`, `_state_c`), a
    Bidirectional's directions; `_0`, `_1`... for anything else with several outputs."""
    if count == 1:
        return [""]
    two_way = traits(layer.kind).directions > 1
    rnn = layer.inner if two_way else layer
    states = _STATE_NAMES.get(traits(rnn.kind).states, ()) if rnn is not None else ()
    if two_way:
        merged = [""] if layer.arg("merge_mode", "concat") is not None else ["_forward", "_backward"]
        wanted = merged + [f"_{way}_{s}" for way in ("forward", "backward") for s in states]
    else:
        wanted = [""] + [f"_{s}" for s in states]
    return wanted if len(wanted) == count else [f"_{i}" for i in range(count)]


def _statement(targets: list[str], constructor: str, call: str | None) -> list[str]:
    """`x = layers.X(...)(inputs)` (call None: `x = layers.X(...)`, the layer itself); past LINE_WIDTH, one
    constructor argument per line."""
    head = ", ".join(targets) + " = "
    tail = "" if call is None else f"({call})"
    line = f"{head}{constructor}{tail}"
    node = safe_parse(constructor, mode="eval").body
    parts = [ast.get_source_segment(constructor, a) for a in list(node.args) + list(node.keywords)]
    if len(line) <= LINE_WIDTH or len(parts) < 2:
        return [line]
    return [f"{head}{ast.get_source_segment(constructor, node.func)}(", *(f"    {p}," for p in parts), f"){tail}"]


def _one_or_list(variables: list[str]) -> str:
    return variables[0] if len(variables) == 1 else f"[{', '.join(variables)}]"


# -- comments ---------------------------------------------------------------------------------------
def _comment(text: str) -> str:
    """Text safe inside a # comment: nothing that could end the line."""
    return "".join(ch if ch.isprintable() else "?" for ch in text)


def _shape_comment(step: Step, lang: str) -> str:
    """'# dense: (B, T, U) = (30, 50, 200); 15,200 parameters' (several outputs joined with ' + ')."""
    text = (f"# {step.name}: {' + '.join(named(a) for a in step.output_axes)} = "
            f"{' + '.join(shape_text(s) for s in step.output_shapes)}")
    if step.cls != "InputLayer":
        text += "; " + t(lang, "export.params", params=f"{step.params:,}")
    if step.shares:
        text += " (" + t(lang, "shared.diagram", first=step.shares) + ")"
    return _comment(text)


def _legend(desc: Description, lang: str) -> list[str]:
    sizes = ["None" if a.size is None else str(a.size) for a in desc.axes]
    letter_width = max((len(a.letter) for a in desc.axes), default=1)
    size_width = max((len(s) for s in sizes), default=1)
    lines = [f"# {t(lang, 'export.axes_header')}"]
    for axis, size in zip(desc.axes, sizes):
        lines.append(_comment(f"#   {axis.letter:<{letter_width}} = {size:<{size_width}}  "
                              f"{axis_meaning(axis, lang)}").rstrip())
    if any(a.size is None for a in desc.axes):
        lines.append(f"# {t(lang, 'export.any_size')}")
    return lines


def _changes(result: ReadResult, lang: str) -> list[str]:
    """What the export changed from the learner's code: Keras 2 arguments, tf.keras imports, the
    names the reader suggested for undefined ones."""
    items = []
    for note in result.notes:
        if note.key == "read.undefined_name_guess":
            items.append(t(lang, "export.change.guess", line=note.line, name=note.param("name"),
                           guess=note.param("guess")))
        elif note.key == "keras2.tf_keras":
            items.append(t(lang, "export.change.tf_keras", line=note.line))
        elif note.key.startswith("keras2.") and note.param("arg"):
            items.append(t(lang, "export.change.arg", line=note.line, arg=note.param("arg")))
    if not items:
        return []
    return ["", f"# {t(lang, 'export.changes_header')}"] + [_comment(f"#   {item}") for item in items]


def _constants(names: _Names, used: list[str], desc: Description, spec: ModelSpec) -> list[str]:
    """`lstm_units = 75  # H`: each constant the layers use, with the axis letters it sizes."""
    if not used:
        return []
    letters: dict[str, list[str]] = {name: [] for name in used}
    if spec.batch_source in letters:
        letters[spec.batch_source].append("B")
    for axis in desc.axes:
        source = dict(axis.meaning_params).get("source", "")
        if source in letters:
            letters[source].append(axis.letter)
        elif source:  # `C = count_classes + 1` next to count_classes
            for name in _names_in(source) & set(letters):
                letters[name].append(f"{axis.letter} = {source}")
    width = max(len(name) for name in used)
    value_width = max(len(literal(names.values[name])) for name in used)
    lines = [""]
    for name in used:
        text = f"{name:<{width}} = {literal(names.values[name])}"
        if letters.get(name):
            text = f"{text:<{width + 3 + value_width}}  # {_comment(', '.join(dict.fromkeys(letters[name])))}"
        lines.append(text)
    return lines


def _names_in(source: str) -> set[str]:
    try:
        return {node.id for node in ast.walk(safe_parse(source, mode="eval")) if isinstance(node, ast.Name)}
    except (SyntaxError, ValueError, RecursionError):
        return set()


def _check(code: str) -> None:
    """The code parses and every name it reads is defined in it (it runs as is)."""
    try:
        tree = safe_parse(code)
    except SyntaxError as error:
        raise ExportError(f"the exported code does not parse: {error}") from error
    defined = {"keras", "layers", "print", "__name__"}
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            defined.add(node.id)
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and node.id not in defined:
            raise ExportError(f"the exported code reads {node.id!r}, which it does not define")
