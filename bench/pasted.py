"""How long the explorer takes to read and describe a pasted model, before any browser work, and
what each live panel costs when the learner opens it.

    python bench/pasted.py

For each model: reading the code (ast, never run), the weight-free description (Keras's shape
inference on our own unbuilt layers), the budget, and the build within the budget; seconds (median
of 3, warm process) and the ratio to the default preset's total. Hostile inputs must be refused fast.
Then the live panels (each runs only when opened): the forward pass, every layer's X-ray (total and
slowest), the equivalences, break it and the code export, or why the page skips them.
Not part of the test suite: the machine's noise belongs in printed ratios, not in assertions.
"""
from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from explorer.budget import description_budget
from explorer.build import build
from explorer.export import export_code
from explorer.live.breakit import outcomes_for
from explorer.live.equivalences import equivalences
from explorer.live.trace import STEP_BUDGET, run_trace, trace_cost
from explorer.live.xrays import xray_layers, xray_of
from explorer.presets import PRESETS, preset_code
from explorer.reader.code import read_code
from explorer.shapes import describe

ROOT = Path(__file__).resolve().parents[1]
HEAD = "import keras\nfrom keras import layers\n"


def stack(count: int, layer: str, input_shape: str) -> str:
    body = "".join(f",\n    {layer.format(i=i + 1)}" for i in range(count))
    return f"{HEAD}model = keras.Sequential([\n    keras.Input(shape={input_shape}){body},\n])\n"


MODELS = {name: preset_code(name) for name in PRESETS}
MODELS["500 Dense(16)"] = stack(499, "layers.Dense(16)", "(16,)")
MODELS["250 distinct LSTMs"] = stack(250, "layers.LSTM({i}, return_sequences=True)", "(16, 8)")
MODELS["250 BiLSTMs"] = stack(250, "layers.Bidirectional(layers.LSTM(4, return_sequences=True))", "(16, 8)")
HOSTILE = {
    "1 MB of code": "x = 1\n" * 180_000,
    "10,000 nested parentheses": "x = " + "(" * 10_000 + "1" + ")" * 10_000,
    "5,000-digit integer": "units = " + "9" * 5000,
    "10,000 layers": stack(10_000, "layers.Dense(4)", "(4,)"),
}


def timed(fn):
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def measure(code: str) -> dict[str, float]:
    read_s, result = timed(lambda: read_code(code))
    out = {"read": read_s, "describe": 0.0, "build": 0.0}
    if result.spec is None:
        return out
    out["describe"], desc = timed(lambda: describe(result.spec))
    budget = description_budget(desc)
    if desc.ok and budget.fits_memory:
        out["build"], _ = timed(lambda: build(result.spec, desc))
    return out


def median_of(code: str, runs: int = 3) -> dict[str, float]:
    samples = [measure(code) for _ in range(runs)]
    return {k: statistics.median(s[k] for s in samples) for k in samples[0]}


def measure_live(code: str) -> dict[str, float] | str:
    """Seconds of each live panel for this model (one run, caches cold), or why the page skips them
    (the same rules as explorer/ui/cache.live_refusal)."""
    result = read_code(code)
    if result.spec is None:
        return "not read"
    spec = result.spec
    desc = describe(spec)
    budget = description_budget(desc)
    if not desc.ok:
        return "fails: live panels need a model that builds"
    if not budget.fits_memory:
        return f"skipped: {budget.total_bytes / 2**20:,.0f} MB over the memory budget"
    if trace_cost(desc) > STEP_BUDGET or not budget.fits_compute:
        return f"skipped: forward pass {trace_cost(desc):,} steps > {STEP_BUDGET:,}"
    model = build(spec, desc).model
    out = {}
    out["forward"], trace = timed(lambda: run_trace(model, spec, desc))
    xrays = [timed(lambda n=n: xray_of(model, spec, desc, trace, n, (3, 7, 11)))[0] for n in xray_layers(desc)]
    out["xrays"], out["slowest xray"] = sum(xrays), max(xrays, default=0.0)
    out["equivalences"], _ = timed(lambda: equivalences(model, spec, desc, trace))
    out["break it"], _ = timed(lambda: outcomes_for(spec))
    out["export"], _ = timed(lambda: export_code(result, desc, "en"))
    return out


def main() -> None:
    timed(lambda: read_code(preset_code("tagger")))  # imports Keras and TensorFlow once
    base = sum(median_of(preset_code("tagger")).values())
    print(f"{'model':34} {'read s':>8} {'describe s':>11} {'build s':>8} {'total/default':>14}")
    for name, code in {**MODELS, **HOSTILE}.items():
        m = median_of(code, runs=1 if name in HOSTILE else 3)
        total = sum(m.values())
        print(f"{name:34} {m['read']:8.3f} {m['describe']:11.3f} {m['build']:8.3f} {total / base:13.1f}x")
    print(f"default preset total: {base:.3f} s")
    print()
    live_base = measure_live(preset_code("tagger"))["forward"]
    print(f"{'live panels (opened)':34} {'forward':>8} {'x-rays':>8} {'slowest':>8} {'equiv':>7} {'break':>7} "
          f"{'export':>7}   (seconds; ratio of the slowest panel to the default forward pass)")
    for name, code in MODELS.items():
        live = measure_live(code)
        if isinstance(live, str):
            print(f"{name:34} {live}")
            continue
        worst = max(v for k, v in live.items() if k != "forward")
        print(f"{name:34} {live['forward']:8.3f} {live['xrays']:8.3f} {live['slowest xray']:8.3f} "
              f"{live['equivalences']:7.3f} {live['break it']:7.3f} {live['export']:7.3f}   {worst / live_base:5.1f}x")


if __name__ == "__main__":
    main()
