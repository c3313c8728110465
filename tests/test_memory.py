"""Memory after many configurations stays bounded (issue "classroom-fast"): 50 different models of
the question's tagger, each computed as the page computes it (read, describe, tables, diagram, build,
forward pass, the answer's Dense check and its X-ray), in a fresh subprocess through the page's own
caches; the resident memory after them is at most 300 MB over the first page's."""
from __future__ import annotations

import json
import subprocess
import sys

from conftest import ROOT

GROWTH_LIMIT_MB = 300

SCRIPT = r"""
import json, logging, os, random, sys, warnings
os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
warnings.simplefilter("ignore")
logging.disable(logging.WARNING)  # Streamlit's "no runtime" notes: the caches work without one
sys.path.insert(0, sys.argv[1])
import keras
from explorer.presets import preset_code
from explorer.reader.code import read_code, set_constant
from explorer.ui import cache, read_cache

LABELS = {k: k for k in ("tensor", "weights", "title", "hover_shape", "hover_named", "hover_params")}


def rss_mb():
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) / 1024 for line in f if line.startswith("VmRSS:"))


def page(code):
    spec = read_cache.read_code_for(code).spec
    desc = cache.describe_for(spec)
    cache.spec_tables_for(spec)
    cache.spec_diagram_for(spec, LABELS)
    if cache.spec_budget_for(spec).fits_memory and desc.ok:
        cache.built_for(spec)
    live = cache.live_refusal(spec) is None
    if live:
        cache.dense_check_for(spec, "dense")
        cache.layer_xray_for(spec, "dense", (3, 7, 11))
    cache.give_back_freed_memory()
    keras.backend.clear_session()  # what Streamlit does after every run
    return live


TAGGER = preset_code("tagger")
assert page(TAGGER)
first = rss_mb()
rng = random.Random(0)
lives = 0
for _ in range(50):
    code = TAGGER
    for name, value in (("lstm_units", rng.randint(8, 160)), ("dense_units", rng.randint(8, 320)),
                        ("embed_dim", rng.randint(8, 128)), ("seq_len", rng.randint(10, 60)),
                        ("merge_mode", rng.choice(["concat", "sum", "ave", "mul"]))):
        constant = next(c for c in read_code(code).constants if c.name == name)
        code = set_constant(code, constant, value)
    lives += page(code)
print(json.dumps({"first_mb": first, "after_mb": rss_mb(), "live": lives, "evictions": cache._heavy.evictions}))
"""


def test_fifty_configurations_stay_within_300_mb_of_the_first_page():
    run = subprocess.run([sys.executable, "-c", SCRIPT, str(ROOT)], capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]
    out = json.loads(run.stdout.strip().splitlines()[-1])
    assert out["live"] == 50  # every configuration really ran its forward pass and X-ray
    assert out["evictions"] > 0  # the model cache was full: what it drops must be given back
    growth = out["after_mb"] - out["first_mb"]
    assert growth <= GROWTH_LIMIT_MB, f"+{growth:.0f} MB after 50 configurations ({out})"
