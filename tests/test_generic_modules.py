"""Ask the kind, never its class name: the generic modules hold no Keras class name as a string.

A list such as `("LSTM", "GRU", "SimpleRNN")` in a generic module restates what the kinds already
know (`get_kind(cls).recurrent`) and silently misses the next kind added. This test reads each
generic module with `ast` and fails on any string constant equal to a registered class name, so
such a list cannot creep back. Only the Dense lessons (the answer, the equivalences) may name Dense.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from explorer.layers import REGISTRY

EXPLORER = Path(__file__).resolve().parents[1] / "explorer"
GENERIC = ("budget.py", "shapes.py", "diagnose.py", "build.py", "tables.py", "diagram.py", "diagram_plotly.py",
           "export.py", "compare.py", "controls.py", "axes.py", "spec.py", "share.py",
           "memo.py", "safe_ast.py", "live/base.py", "live/trace.py", "live/xrays.py", "live/breakit.py",
           "fit_check.py", "training.py")
DENSE_LESSONS = ("ui/answer_panel.py", "ui/equivalence_panel.py", "live/equivalences.py")
# data, not logic: the names Keras's modules export (written by scripts/keras_exports.py), for star imports
KERAS_API_DATA = ("reader/keras_exports.py",)


def generic_modules() -> list[Path]:
    files = [EXPLORER / name for name in GENERIC]
    files += sorted(p for p in (EXPLORER / "reader").glob("*.py") if f"reader/{p.name}" not in KERAS_API_DATA)
    files += sorted(p for p in (EXPLORER / "ui").glob("*.py") if f"ui/{p.name}" not in DENSE_LESSONS)
    return [f for f in files if f.exists()]


def class_names_in(path: Path) -> list[tuple[int, str]]:
    """(line, text) of every string constant in the module that is a registered Keras class name."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in REGISTRY]


def test_the_list_of_generic_modules_is_real():
    files = generic_modules()
    assert len(files) >= len(GENERIC) + 10
    missing = [name for name in GENERIC if not (EXPLORER / name).exists()]
    assert not missing, f"renamed or moved: update GENERIC: {missing}"


@pytest.mark.parametrize("path", generic_modules(), ids=lambda p: str(p.relative_to(EXPLORER)))
def test_generic_module_names_no_keras_class(path):
    found = class_names_in(path)
    assert not found, (f"{path.relative_to(EXPLORER)} names Keras classes {found}: ask the kind "
                       f"(explorer.layers.get_kind(cls) and its traits) instead")


def test_the_check_sees_a_class_name(tmp_path):
    """The check itself can fail: a module holding a list of class names is caught."""
    module = tmp_path / "m.py"
    module.write_text('RECURRENT = ("LSTM", "GRU")\n"""A docstring naming LSTM is fine."""\n', encoding="utf-8")
    assert class_names_in(module) == [(1, "LSTM"), (1, "GRU")]


def test_traits_say_what_the_old_lists_said():
    """The traits restate, kind by kind, the lists the generic modules held before."""
    from explorer.layers import recurrent_kind, recurrent_layer, traits
    from explorer.spec import LayerSpec

    def having(trait):
        return {name for name, kind in REGISTRY.items() if getattr(kind, trait)}

    convlstm = ("ConvLSTM1D", "ConvLSTM2D", "ConvLSTM3D")
    assert having("recurrent") == {"LSTM", "GRU", "SimpleRNN", *convlstm}
    assert {name: REGISTRY[name].states for name in having("recurrent")} == {
        "LSTM": 2, "GRU": 1, "SimpleRNN": 1, **dict.fromkeys(convlstm, 2)}
    assert {name: REGISTRY[name].gates for name in having("recurrent")} == {
        "LSTM": 4, "GRU": 3, "SimpleRNN": 1, **dict.fromkeys(convlstm, 4)}
    for name in having("recurrent"):
        kind = REGISTRY[name]
        assert len(kind.state_names) == kind.states and len(kind.gate_names) == kind.gates
    assert REGISTRY["LSTM"].state_names == ("h", "c") and REGISTRY["LSTM"].gate_names == ("i", "f", "c", "o")
    assert having("takes_initial_state") == {"LSTM", "GRU", "SimpleRNN", "Bidirectional"}
    assert {n for n, k in REGISTRY.items() if k.directions == 2} == {"Bidirectional"}
    assert having("per_step") == {"TimeDistributed"} and REGISTRY["TimeDistributed"].working_copies == 2
    # what the old list named keeps rank; a kind added since says so in its own folder (and its family's tests)
    assert having("keeps_rank") >= {"Dense", "Dropout", "Activation", "LayerNormalization", "BatchNormalization",
                                    "SpatialDropout1D"}
    assert having("integer_input") == {"Embedding"} and REGISTRY["Embedding"].ids_below == "input_dim"
    assert having("separate_tensors") == {"MultiHeadAttention"}
    assert REGISTRY["MultiHeadAttention"].call_roles == ("query", "value", "key")
    assert having("flattens") == {"Flatten"} and having("contracts_last_axis") == {"Dense"}
    assert {n: k.joins for n, k in REGISTRY.items() if k.joins} == {
        "Concatenate": "concat", "Add": "elementwise", "Multiply": "elementwise", "Average": "elementwise",
        "Subtract": "elementwise", "Maximum": "elementwise", "Minimum": "elementwise", "Dot": "dot"}
    assert {k.helper: n for n, k in REGISTRY.items() if k.helper} == {
        "concatenate": "Concatenate", "add": "Add", "multiply": "Multiply", "average": "Average",
        "subtract": "Subtract", "maximum": "Maximum", "minimum": "Minimum", "dot": "Dot"}
    assert {n: k.helper_defaults for n, k in REGISTRY.items() if k.helper_defaults} == {"Dot": (("axes", -1),)}
    assert all(REGISTRY[n].time_axis == 1 for n in ("LSTM", "Bidirectional", "TimeDistributed"))
    # an input, or a class the registry lacks, has every trait at its default
    assert traits("InputLayer").directions == 1 and not traits("").recurrent and not traits(None).keeps_rank
    assert recurrent_kind("Bidirectional", "GRU") is REGISTRY["GRU"]
    assert recurrent_kind("TimeDistributed", "LSTM") is None and recurrent_kind("Dense") is None
    lstm = LayerSpec("lstm", "LSTM", (("units", 4),))
    assert recurrent_layer(LayerSpec("bi", "Bidirectional", (), inner=lstm)) is lstm
    assert recurrent_layer(lstm) is lstm
    assert recurrent_layer(LayerSpec("td", "TimeDistributed", (), inner=lstm)) is None
