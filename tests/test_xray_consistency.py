"""Every layer kind with an X-ray has X-ray self-consistency cases (tests/xray_consistency.py), listed as
XRAY_CASES in its family's test file (tests/layers/test_<family>.py) and run there."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from explorer.layers import REGISTRY
from explorer.reader.code import read_code
from explorer.spec import ModelSpec

ELSEWHERE: set[str] = set()  # families whose cases are still to come (none)


LAYER_TESTS = Path(__file__).parent / "layers"


def family_tests(name: str):
    """tests/layers/test_<name>.py, as pytest imported it (or imported here)."""
    if f"test_{name}" in sys.modules:
        return sys.modules[f"test_{name}"]
    sys.path.insert(0, str(LAYER_TESTS))
    spec = importlib.util.spec_from_file_location(f"test_{name}", LAYER_TESTS / f"test_{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def family(kind) -> str:
    return type(kind).__module__.split(".")[2]


def test_every_kind_with_an_xray_has_a_consistency_case():
    with_xray = {name: family(kind) for name, kind in REGISTRY.items() if kind.has_xray}
    covered = set()
    for name in sorted(set(with_xray.values()) - ELSEWHERE):
        module = family_tests(name)
        for case in module.XRAY_CASES:
            spec = case.code if isinstance(case.code, ModelSpec) else read_code(case.code).spec  # or built by hand
            layer = spec.layer(case.layer.partition("/")[0])  # "wrapper/inner": the wrapper
            assert family(REGISTRY[layer.kind]) == name, f"{case.id}: a {layer.kind} in test_{name}.py"
            covered.add(layer.kind)
    missing = {k for k, f in with_xray.items() if f not in ELSEWHERE} - covered
    assert not missing, f"kinds with an X-ray and no consistency case: {sorted(missing)}"
