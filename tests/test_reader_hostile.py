"""Hostile code for the pasted-code reader: it never raises, always says something, stays fast,
and nothing under explorer/ can run what a user sends (a syntax-tree check of every module).

Hypothesis runs derandomized (the same cases on every run, so CI is deterministic)."""
from __future__ import annotations

import ast
import random
import re
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.i18n import t
from explorer.reader.code import MAX_CHARS, read_code
from explorer.spec import InputSpec, ReadResult

ROOT = Path(__file__).resolve().parents[1]
CORPUS = sorted((ROOT / "tests" / "corpus").glob("*.py"))
SOURCES = [path.read_text() for path in CORPUS]
FAST = settings(max_examples=500, deadline=None, derandomize=True, database=None,
                suppress_health_check=list(HealthCheck))


@pytest.fixture(scope="module", autouse=True)
def warm():
    """The first read imports Keras (argument signatures); time the cases after that."""
    read_code(SOURCES[0])


def check(source) -> ReadResult:
    """read_code on this source: no exception, a spec or a note, well formed, under a second."""
    start = time.perf_counter()
    result = read_code(source)
    elapsed = time.perf_counter() - start
    assert elapsed < 1.0, (elapsed, str(source)[:200])
    assert isinstance(result, ReadResult)
    assert result.spec is not None or result.notes
    for note in result.notes:
        assert note.severity in ("info", "warning", "error")
        assert isinstance(note.line, int) and note.line >= 1 and isinstance(note.col, int) and note.col >= 0
        assert all(isinstance(k, str) and isinstance(v, str) for k, v in note.params)
        for lang in ("en", "zh"):
            assert t(lang, note.key, **dict(note.params))
    spec = result.spec
    if spec is not None:
        names = spec.node_names()
        assert len(names) == len(set(names)) and spec.inputs
        seen = {i.name for i in spec.inputs}
        for layer in spec.layers:
            assert layer.inputs and all(node in seen for node, _ in layer.inputs), layer
            seen.add(layer.name)
        assert spec.outputs and all(node in seen for node, _ in spec.outputs)
        assert all(isinstance(i, InputSpec) and 1 <= len(i.shape) <= 8 for i in spec.inputs)
    for constant in result.constants:
        assert constant.uses and type(constant.value) in (int, str)
    return result


# -- fixed hostile cases ---------------------------------------------------------------------------
HUGE_DIGITS = "9" * 5000
FIXED = {
    "empty": "",
    "blank": "   \n\n\t\n",
    "null_bytes": "import keras\x00\nmodel = 1\n",
    "five_thousand_digits": f"units = {HUGE_DIGITS}\n",
    "huge_hex": "units = 0x" + "f" * 20000 + "\n",
    "huge_number_in_layer": "import keras\nm = keras.Sequential([keras.Input((3,)), keras.layers.Dense(10**12)])\n",
    "ten_thousand_parens": "x = " + "(" * 10000 + "1" + ")" * 10000 + "\n",
    "deep_lists": "x = " + "[" * 150 + "]" * 150 + "\n",
    "deep_unary": "x = " + "-" * 100000 + "1\n",
    "long_sum": "x = " + "+".join(["1"] * 20000) + "\n",
    "medium_sum": "x = " + "+".join(["1"] * 400) + "\n",
    "attribute_chain": "x = a" + ".b" * 20000 + "\n",
    "one_megabyte": "units = 1\n" * 100_000,
    "just_over_limit": "#" * (MAX_CHARS + 1),
    "many_lines": "\n" * 5000 + "x = 1\n",
    "ten_thousand_layers_lines": "import keras\nm = keras.Sequential()\n" + "m.add(keras.layers.Dense(1))\n" * 10000,
    "ten_thousand_layers_list": "from keras.layers import Dense as D\nfrom keras import Sequential as S\nm = S([" +
                                "D(1)," * 10000 + "])\n",
    "six_hundred_layers": "import keras\nm = keras.Sequential()\nm.add(keras.Input((2,)))\n" +
                          "m.add(keras.layers.Dense(1))\n" * 600,
    "lambda_layer": "import keras\nx = keras.Input((3,))\ny = keras.layers.Lambda(lambda t: __import__('os'))(x)\n",
    "import_os": "__import__('os').system('echo pwned')\n",
    "exec": "exec('print(1)')\neval('1+1')\ncompile('1', 'f', 'eval')\n",
    "open": "open('/etc/passwd').read()\n",
    "getattr": "import keras\ngetattr(keras.layers, 'Dense')(3)\nsetattr(keras, 'x', 1)\n",
    "globals": "globals()['x'] = 1\nvars()\nlocals()\n",
    "dunder": "import keras\nkeras.__class__.__subclasses__()\nkeras.layers.Dense.__init__.__globals__\n",
    "class_layer": "import keras\nclass Evil(keras.layers.Layer):\n    def call(self, x):\n        return x\n",
    "recursion": "def f(n=1):\n    return f(n)\nmodel = f()\n",
    "mutual_recursion": "def f():\n    return g()\ndef g():\n    return f()\nm = f()\n",
    "fan_out": ("def a():\n" + "    b()\n" * 150 + "def b():\n" + "    c()\n" * 150 + "def c():\n" +
                "    d()\n" * 150 + "def d():\n    x = 1\n" + "a()\n"),
    "undefined_everywhere": "\n".join(f"n{i} = {i}" for i in range(1500)) + "\n" +
                            "\n".join(f"y{i} = q{i}" for i in range(1400)) + "\n",
    "unicode_names": ("import keras\n层数 = 8\nΣ = keras.Input((层数,))\n"
                      "μ = keras.layers.Dense(层数)(Σ)\nm = keras.Model(Σ, μ)\n"),
    "strings_for_numbers": "import keras\nm = keras.Sequential([keras.Input(('50',)), keras.layers.Dense('64')])\n",
    "bytes_and_complex": "import keras\nm = keras.Sequential([keras.Input((3j,)), keras.layers.Dense(b'6')])\n",
    "pow_bomb": "x = 10 ** 10 ** 10\ny = 999999999999 ** 64\n",
    "star_everything": "from keras.layers import *\nfrom os import *\nsystem('ls')\n",
    "walrus": "import keras\nm = keras.Sequential([(x := keras.Input((3,)))])\n",
    "f_string": ("import keras\nname = f'{__import__(\"os\")}'\n"
                 "m = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2, name=name)])\n"),
    "async": "async def f():\n    await g()\n",
    "decorator": "@staticmethod\ndef f():\n    return 1\nm = f()\n",
    "model_from_json": "import keras\nm = keras.models.model_from_json('{}')\nn = keras.models.load_model('x.keras')\n",
    "deep_nesting_statement": ("x = " + "f(" * 60 + ")" * 60
                               + "\nimport keras\nm = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])\n"),
    "shape_tricks": ("import keras\nm = keras.Sequential([keras.Input(shape=" + "(" + "1," * 70 + ")"
                     + "), keras.layers.Dense(1)])\n"),
    "negative_sizes": "import keras\nm = keras.Sequential([keras.Input((-5,)), keras.layers.Dense(-1)])\n",
    "not_a_string": b"import keras",
    "none": None,
    # the interpreter's constructs: loops, defs, classes and tricks
    "loop_forever": ("import keras\nfor i in range(10**12):\n    pass\n"
                     "m = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2)])\n"),
    "while_true": "while True:\n    pass\n",
    "nested_loops": "for i in range(10**6):\n    for j in range(10**6):\n        x = i * j\n",
    "loops_after_loops": "for i in range(10**12):\n    pass\n" * 50,
    "deep_comprehension": ("x = [[[[[i for i in range(100)] for j in range(100)] for k in range(100)] "
                           "for l in range(100)]]\n"),
    "comprehension_chain": "x = [" + "[" * 40 + "i for i in range(3)" + "]" * 40 + "]\n",
    "recursion_deep": "def f(n):\n    return f(n - 1) if n else 0\nx = f(10**6)\n",
    "recursion_wide": "def f(n):\n    return [f(n - 1), f(n - 1)] if n else 0\nx = f(60)\n",
    "string_doubling": "s = 'ab' * 100\nfor i in range(100):\n    s = s + s\n",
    "list_doubling": "l = [1]\nfor i in range(100):\n    l = l + l\n",
    "shared_nesting": "t = ((),)\nfor i in range(200):\n    t = (t, t)\nx = str(t)\ny = t == t\n",
    "tensor_nesting": ("import keras\nx = keras.Input((2,))\ns = [x]\nfor i in range(200):\n    s = [s, s]\n"
                       "y = keras.layers.Concatenate()(s)\n"),
    "append_self": "l = []\nfor i in range(1000):\n    l.append(l)\n",
    "huge_builtins": ("a = sum(range(10**12))\nb = list(zip(range(10**12), range(10**12)))\nc = sorted(range(10**12))\n"
                      "d = len(range(10**12))\ne = min(range(10**12))\nf = list(enumerate(range(10**12)))\n"),
    "metaclass": ("class M(type):\n    def __call__(cls):\n        return __import__('os')\n"
                  "class A(metaclass=M):\n    pass\nA()\n"),
    "getattr_trick": "class A:\n    def __getattr__(self, n):\n        return exec\nA().x('1')\n",
    "class_trick": "x = ().__class__.__bases__[0].__subclasses__()\ny = [].__class__\n",
    "super_games": ("import keras\nclass A(keras.Model):\n    def __init__(self):\n        super().__init__()\n"
                    "        super(A, self).__class__.__init__ = exec\nm = A()\n"),
    "decorated_def": "def deco(f):\n    return exec\n@deco\ndef g():\n    pass\ng('1')\n",
    "format_attack": ("x = '{0.__class__.__mro__}'.format(1)\ny = '%(a)s' % {'a': 1}\n"
                      "z = f'{1:{\"9\" * 99}}'\nw = '{:999999999}'.format(1)\nv = '%999999999d' % 1\n"),
    "partial_of_exec": "from functools import partial\np = partial(exec, 'import os')\np()\nq = partial(open)\n",
    "kwargs_attack": "import keras\nd = {'__class__': 1, 'units': 2}\nx = keras.layers.Dense(**d)\n",
    "dunder_loop_names": "for __builtins__ in range(3):\n    pass\nopen('x')\n",
    "break_outside": "break\ncontinue\nimport keras\n",
    "walrus_loop": "while (n := 1):\n    pass\n",
    "star_builtins": "x = max(*range(10**12))\ny = print(*range(10**12))\n",
}


@pytest.mark.parametrize("case", sorted(FIXED))
def test_fixed_hostile_cases(case):
    result = check(FIXED[case])
    if case in ("empty", "blank", "null_bytes", "five_thousand_digits", "one_megabyte", "just_over_limit",
                "ten_thousand_parens", "long_sum", "attribute_chain", "deep_unary", "not_a_string", "none"):
        assert result.spec is None and result.notes[0].severity == "error"


def test_fixed_cases_refuse_with_the_right_reason():
    first_error = lambda case: next(n for n in check(FIXED[case]).notes if n.severity == "error")
    assert first_error("one_megabyte").key == "read.too_long"
    assert first_error("many_lines").key == "read.too_many_lines"
    assert first_error("five_thousand_digits").key == "read.syntax"
    assert first_error("huge_hex").key == "read.int_too_big"
    assert first_error("ten_thousand_parens").key == "read.syntax"
    assert first_error("medium_sum").key == "read.too_deep"
    assert first_error("ten_thousand_layers_lines").key == "read.too_long"
    listed = check(FIXED["ten_thousand_layers_list"])
    assert {"read.too_many_layers", "read.no_input"} <= {n.key for n in listed.notes if n.severity == "error"}
    assert first_error("six_hundred_layers").key == "read.too_many_layers"
    assert first_error("recursion").key == "read.recursion"
    assert first_error("fan_out").key == "read.too_much_work"
    assert first_error("pow_bomb").key == "read.pow_too_big"
    assert first_error("lambda_layer").key == "read.call_unknown"  # the Lambda's body is read, __import__ never
    assert first_error("class_layer").key == "read.no_model"  # the class is read as data; nothing makes a model
    assert first_error("metaclass").key == "read.class_base"  # class M(type): only Keras bases are read
    assert first_error("getattr_trick").key == "read.class_form"
    assert "read.def_form" in {n.key for n in check(FIXED["decorated_def"]).notes}
    assert first_error("loop_forever").key == "read.too_much_work" and check(FIXED["loop_forever"]).spec is not None
    assert first_error("null_bytes").key == "read.syntax"
    deep = check(FIXED["deep_nesting_statement"])
    assert deep.notes[0].key == "read.too_deep" and deep.spec is not None  # the rest is still read
    assert check(FIXED["six_hundred_layers"]).spec is not None
    assert len(check(FIXED["six_hundred_layers"]).spec.layers) == 500
    unicode = check(FIXED["unicode_names"])
    assert unicode.spec.layers[0].source("units") == "层数" and unicode.constants[0].name == "层数"


# -- generated hostile cases --------------------------------------------------------------------------
TOKENS = ("model", "x", "y", "=", "keras", ".", "layers", "Dense", "LSTM", "Embedding", "Input", "Sequential",
          "Model", "(", ")", "[", "]", ",", ":", "\n", "    ", "64", "-1", "0", "10**12", "2**64", "1e309", "None",
          "True", "'relu'", "shape", "=", "(50,)", "lambda", "def", "return", "for", "in", "if", "import", "from",
          "as", "*", "**", "+", "//", "/", "%", "@", "__import__", "exec", "eval", "open", "getattr", "add",
          "summary", "fit", "name", "'dense'", "units", "input_shape", "batch_input_shape", "input_length",
          "return_state", "merge_mode", "Bidirectional", "TimeDistributed", "Concatenate", "concatenate",
          "Lambda", "class", "pass", "#", "'''", '"', "\\", "层", "é", "\t", ";", "yield", "await", "global")
HOSTILE_LINES = (
    "x = layers.Lambda(lambda t: t)(x)", "__import__('os').system('x')", "exec(code)", "open('f').read()",
    "getattr(layers, 'Dense')(3)", "model.add(layers.Dense(" + HUGE_DIGITS[:30] + "))", "units = " + "9" * 13,
    "x = layers.Dense('64')(x)", "model.add(model)", "model = model(model)", "for i in range(3): pass",
    "x = [layers.Dense(i) for i in range(3)]", "layers.Dense.__init__ = None", "model.layers[0].trainable = False",
    "x = " + "(" * 80 + "1" + ")" * 80, "x = layers.Dense(**{'units': 3})(x)", "del model",
    "model.add(layers.LSTM(units=lstm_unit))", "x, y = layers.LSTM(3, return_state=True)(x)",
    "model = keras.Model(inputs=x, outputs=[x, x, x])", "x = layers.Concatenate()([x])",
    "model.build((None, " + "1, " * 70 + "))", "model.summary()", "model.fit(x, y, batch_size=-3)",
    "class A: pass", "import os", "from os import system", "keras.Input(shape=(1,), sparse=True)",
)


@st.composite
def mutated_corpus(draw):
    lines = draw(st.sampled_from(SOURCES)).splitlines()
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(("delete", "duplicate", "swap_tokens", "huge_number", "string_number",
                                   "parens", "unicode", "hostile", "truncate", "indent")))
        if not lines:
            lines = [""]
        i = draw(st.integers(0, len(lines) - 1))
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "swap_tokens":
            tokens = re.findall(r"\w+|[^\w\s]", lines[i])
            if len(tokens) >= 2:
                a, b = draw(st.integers(0, len(tokens) - 1)), draw(st.integers(0, len(tokens) - 1))
                tokens[a], tokens[b] = tokens[b], tokens[a]
                lines[i] = " ".join(tokens)
        elif op == "huge_number":
            number = draw(st.sampled_from(("9" * 40, "10**13", "2**63", "-" + "9" * 14, "0x" + "f" * 30, "1e400")))
            lines[i] = re.sub(r"\b\d+\b", number, lines[i], count=1)
        elif op == "string_number":
            lines[i] = re.sub(r"\b(\d+)\b", r"'\1'", lines[i], count=1)
        elif op == "parens":
            depth = draw(st.integers(1, 120))
            lines[i] = re.sub(r"\b(\d+)\b", "(" * depth + r"\1" + ")" * depth, lines[i], count=1)
        elif op == "unicode":
            lines[i] = re.sub(r"\b([a-z_]+)\b", lambda m: m.group(1) + draw(st.sampled_from("ß层éΩ_")), lines[i],
                              count=1)
        elif op == "hostile":
            lines.insert(i, draw(st.sampled_from(HOSTILE_LINES)))
        elif op == "truncate":
            lines[i] = lines[i][: draw(st.integers(0, len(lines[i])))]
        else:
            lines[i] = "    " + lines[i]
    return "\n".join(lines) + "\n"


@st.composite
def token_soup(draw):
    return " ".join(draw(st.lists(st.sampled_from(TOKENS), max_size=60)))


LAYER_CALLS = ("layers.Dense({n})", "layers.LSTM({n}, return_sequences={b})", "layers.GRU({n})",
               "layers.Embedding({n}, {n})", "layers.Conv1D({n}, {k})", "layers.Flatten()", "layers.Dropout(0.{k})",
               "layers.Bidirectional(layers.LSTM({n}, return_sequences={b}), merge_mode={m})",
               "layers.TimeDistributed(layers.Dense({n}))", "layers.RepeatVector({n})", "layers.Reshape(({n}, {k}))",
               "layers.GlobalAveragePooling1D()", "layers.MaxPooling1D({k})", "layers.SimpleRNN({n})",
               "layers.Dense(units={n}, activation={a})", "layers.Conv2D({n}, ({k}, {k}))", "layers.Wobble({n})")


@st.composite
def random_models(draw):
    """Learner-shaped models with random layers and arguments: some build, many fail, all are read."""
    n = st.sampled_from(("1", "3", "64", "0", "-2", "units", "units * 2", "units // 0", "10 ** 8", "'8'", "None",
                         "undefined_units"))
    fill = lambda template: template.format(n=draw(n), k=draw(st.sampled_from(("1", "2", "3", "0", "k"))),
                                            b=draw(st.sampled_from(("True", "False", "1"))),
                                            m=draw(st.sampled_from(("'ave'", "'concat'", "None", "'bad'", "mode"))),
                                            a=draw(st.sampled_from(("'relu'", "tf.nn.relu", "'nope'", "None"))))
    shape = draw(st.sampled_from(("(10,)", "(10, 4)", "(None,)", "(8, 8, 3)", "(None, 5)", "(units,)", "()")))
    calls = [fill(draw(st.sampled_from(LAYER_CALLS))) for _ in range(draw(st.integers(0, 8)))]
    head = "import keras\nimport tensorflow as tf\nfrom keras import layers\nunits = 16\nk = 3\nmode = 'sum'\n"
    if draw(st.booleans()):
        body = (f"model = keras.Sequential([keras.Input(shape={shape}),\n"
                + "".join(f"    {c},\n" for c in calls) + "])\n")
    else:
        body = f"x = inp = keras.Input(shape={shape})\n" + "".join(f"x = {c}(x)\n" for c in calls)
        body += "model = keras.Model(inp, x)\n"
    return head + body


_STATEMENTS = (
    "for {v} in range({n}):\n    {body}", "for {v} in [{n}, {n}]:\n    {body}", "while {cond}:\n    {body}",
    "if {cond}:\n    {body}\nelse:\n    {body}", "def f{d}({v}={n}, *a, **k):\n    {body}\n    return {expr}",
    "{v} = f{d}({expr})", "{v} = [{expr} for {v} in range({n}) if {cond}]", "{v} = {{'{v}': {expr}}}",
    "{v} = partial({callee}, {expr})", "{v} = {v}({expr})", "{v}.append({expr})", "x = {layer}(x)",
    "model.add({layer})", "assert {cond}", "class C{d}({base}):\n    def {dunder}(self, *a):\n        {body}",
    "@{callee}\ndef g{d}():\n    {body}", "{v} = ({v}, {v})", "{v} = {expr}", "break", "continue", "{v} += {expr}",
    "with {callee}():\n    {body}", "{v} = f'{{{expr}:{spec}}}'", "{v} = '{{}}{{0.__class__}}'.format({expr})",
    "x = {op}", "{v} = {op}", "x = layers.Lambda(lambda t: {op_t})(x)",
)
_BODIES = ("pass", "x = {layer}(x)", "model.add({layer})", "{v} = {expr}", "break", "continue", "return {expr}",
           "for {v} in range({n}):\n        {v} = {expr}", "{v} = f{d}({expr})")


@st.composite
def interpreter_programs(draw):
    """Programs built of the interpreter's constructs, hostile values included: huge ranges, recursion,
    self-reference, classes with dunders, decorators, partials of anything."""
    words = dict(
        v=st.sampled_from(("i", "n", "units", "x", "s", "__class__", "model", "layers", "f0")),
        n=st.sampled_from(("3", "0", "-1", "10**12", "units", "len(s)", "n", "x", "'3'", "2.5", "None")),
        cond=st.sampled_from(("True", "False", "n > 2", "x", "model", "units is None", "s", "i < 10**12", "not n")),
        expr=st.sampled_from(("n + 1", "units * 2", "s + s", "[s, s]", "x", "int(n / 2)", "max(n, 3)",
                              "sum(range(n))", "f0(n)", "f1(f0(n))", "i", "model", "(x, x)", "{'a': n}['a']",
                              "s[::-1]", "n ** 64", "'%d' % n", "len(range(10**12))", "str(n) * 99")),
        d=st.sampled_from(("0", "1")),
        callee=st.sampled_from(("exec", "layers.Dense", "f0", "partial", "open", "keras.Model", "print", "tf.device")),
        layer=st.sampled_from(("layers.Dense(units)", "layers.Dense(n)", "layers.Flatten()", "layers.LSTM(4)",
                               "C0()", "f0(x)", "layers.Dense(**{'units': n})", "layers.Dense(*[n])")),
        base=st.sampled_from(("object", "keras.Model", "layers.Layer", "type", "metaclass=type")),
        dunder=st.sampled_from(("__init__", "call", "__getattr__", "__call__", "__class__", "build")),
        spec=st.sampled_from(("03d", ">4", "999999999", "{{n}}", ".2f", "")),
        op=st.sampled_from(("x / 127.5 - n", "x[:, n]", "x[..., None, ::n]", "ops.reshape(x, (-1, n))", "tf.exp(x)",
                            "x * x - x", "ops.arange(n)", "keras.random.normal((n, 10**12))", "-x ** n",
                            "ops.concatenate([x, x] * n, axis=n)", "ops.mean(x, axis=(n, n))", "x[:, 10**12]",
                            "ops.expand_dims(x, 10**12)", "ops.transpose(x, (n,))", "x @ x", "ops.matmul(x, x)")),
        op_t=st.sampled_from(("t[:, 0]", "t * n", "t[:, ::-1]", "ops.shape(t)[0]", "t", "tf.shape(t)",
                              "ops.reshape(t, (ops.shape(t)[0], n, -1))", "ops.arange(ops.shape(t)[-1]) + t")),
    )
    fill = lambda template: template.format(**{k: draw(v) for k, v in words.items()})
    head = ("import keras\nfrom keras import layers, ops\nfrom functools import partial\nimport tensorflow as tf\n"
            "units = 8\nn = 4\ns = 'ab'\nx = keras.Input((units,))\nmodel = keras.Sequential([x])\n")
    lines = []
    for _ in range(draw(st.integers(1, 8))):
        statement = draw(st.sampled_from(_STATEMENTS)).replace("{body}", draw(st.sampled_from(_BODIES)))
        lines.append(fill(statement))
    return head + "\n".join(lines) + "\nout = keras.Model(x, x)\n"


@settings(max_examples=2000, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck))
@given(interpreter_programs())
def test_interpreter_programs(source):
    check(source)


@FAST
@given(mutated_corpus())
def test_mutated_corpus_files(source):
    check(source)


@FAST
@given(token_soup())
def test_token_soup(source):
    check(source)


@FAST
@given(random_models())
def test_random_models(source):
    result = check(source)
    assert result.spec is not None or any(n.severity == "error" for n in result.notes)


@settings(max_examples=300, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck))
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_random_text(source):
    check(source)


@settings(max_examples=250, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck))
@given(st.text(alphabet="abcxyz_01239()[]{},.:=+-*/%'\" \n\t#@!<>lambdefor", max_size=200))
def test_python_ish_text(source):
    check(source)


def test_many_random_splices_of_corpus_lines():
    """Lines of different corpus files spliced together: plenty of undefined names and half models."""
    rng = random.Random(7)
    pool = [line for source in SOURCES for line in source.splitlines()]
    for _ in range(200):
        check("\n".join(rng.choice(pool) for _ in range(rng.randint(1, 40))) + "\n")


# -- nothing under explorer/ can run what a user sends ------------------------------------------------
_RUNNERS = {"eval", "exec", "compile", "__import__"}
_LOADERS = {"load_model", "model_from_json", "model_from_yaml", "deserialize_keras_object"}
_PICKLERS = {"pickle", "cPickle", "dill", "shelve", "marshal", "cloudpickle", "joblib"}
# the two registries import their own package's modules by the name pkgutil found
_IMPORT_MODULE_ALLOWED = {"explorer/layers/__init__.py", "explorer/i18n/__init__.py"}


def dangerous_calls(source: str, path: str) -> list[str]:
    """Places in a module's syntax tree where code could be run or objects unpickled."""
    found = []
    for node in ast.walk(ast.parse(source)):
        where = f"{path}:{getattr(node, 'lineno', 0)}"
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            modules = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            if any(m.split(".")[0] in _PICKLERS for m in modules):
                found.append(f"{where} imports {modules}")
        if isinstance(node, (ast.Name, ast.Attribute)):
            name = node.id if isinstance(node, ast.Name) else node.attr
            if name in _LOADERS or (name in _PICKLERS and isinstance(node, ast.Name)):
                found.append(f"{where} uses {name}")
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        literal_first = bool(node.args) and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value,
                                                                                                 str)
        if isinstance(func, ast.Name) and func.id in _RUNNERS:  # not even on a string written in the module
            found.append(f"{where} calls {func.id}")
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        if name == "import_module" and not literal_first and path not in _IMPORT_MODULE_ALLOWED:
            found.append(f"{where} calls import_module on a computed name")
        if isinstance(func, ast.Attribute) and name in ("__import__", "run_path", "run_module"):
            found.append(f"{where} calls {name}")
    return found


def test_the_safety_check_catches_what_it_should():
    bad = ("import pickle\nx = eval(text)\nexec(code)\ncompile(src, 'f', 'exec')\n__import__(name)\n"
           "importlib.import_module(name)\nkeras.models.load_model(p)\nkeras.models.model_from_json(s)\n"
           "keras.saving.deserialize_keras_object(c)\n")
    assert len(dangerous_calls(bad, "explorer/x.py")) == 9
    assert dangerous_calls("re.compile('x')\nmodel.compile()\nimportlib.import_module('json')\n", "explorer/x.py") == []
    assert dangerous_calls("importlib.import_module(f'{__name__}.{m}')\n", "explorer/layers/__init__.py") == []
    assert dangerous_calls("importlib.import_module(f'{__name__}.{m}')\n", "explorer/reader/code.py")
    assert len(dangerous_calls("eval('1 + 1')\nexec('x = 1')\n", "explorer/x.py")) == 2


def test_no_module_under_explorer_can_run_user_code():
    """No eval/exec/compile at all; no computed imports except the two registries; no pickle, no
    Keras loaders, anywhere under explorer/."""
    modules = sorted((ROOT / "explorer").rglob("*.py"))
    assert len(modules) > 30
    found = []
    for module in modules:
        found += dangerous_calls(module.read_text(), module.relative_to(ROOT).as_posix())
    assert found == []


@settings(max_examples=120, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck))
@given(random_models())
def test_what_the_reader_accepts_can_be_described(source):
    """Every spec the reader returns goes through describe() without an exception escaping."""
    from explorer.shapes import describe

    result = check(source)
    if result.spec is not None:
        description = describe(result.spec)
        assert len(description.steps) >= len(result.spec.inputs)
