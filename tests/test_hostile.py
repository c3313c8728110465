"""Hostile input: anything a widget, a URL or a forged message can carry is refused with a visible
message, never a traceback, and nothing is allocated past the memory budget.

The page writes every value into the model's code (explorer/ui/model_input.py): the constant's
control (explorer.controls.control_for) checks it with check_control, set_constant writes an accepted
value in, and a refused one leaves the code's own number and becomes a Notice. `apply_like_the_page`
does the same without Streamlit; the page tests below check that the page agrees with it.
Most cases go through it directly (hypothesis, seconds); a seeded sample of URLs goes through the
whole page with AppTest; the worst cases run, as the page would run them, in a subprocess that
measures peak memory.
"""
from __future__ import annotations

import json
import math
import random
import re
import subprocess
import sys
from functools import lru_cache, cache
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT
from page_tables import page_table
from explorer.budget import MEMORY_BUDGET_BYTES, Budget, description_budget
from explorer.build import OverBudget, build
from explorer.notices import Notice
from explorer.controls import Control, check_control, control_for
from explorer.i18n import LANGUAGES
from explorer.live.base import XRAY_BYTES
from explorer.live.trace import STEP_BUDGET, trace_cost
from explorer.presets import preset_code
from explorer.reader.code import read_code, set_constant
from explorer.shapes import describe
from explorer.spec import Constant, ReadResult

TAGGER = preset_code("tagger")
URL_NOT_SETTINGS = ("lang", "embed", "embed_options", "code", "preset")  # model_input leaves these to others


@lru_cache(maxsize=4096)
def read(code: str) -> ReadResult:
    return read_code(code)


def controls_of(code: str) -> dict[str, tuple[Control, Constant]]:
    """name -> (control, constant), as model_input._controls."""
    out = {}
    for constant in read(code).constants:
        control = control_for(constant)
        if control is not None:
            out[constant.name] = (control, constant)
    return out


CONTROLS = {name: control for name, (control, _) in controls_of(TAGGER).items()}
NUMBERS = [name for name, control in CONTROLS.items() if control.is_number]
CHOICES = CONTROLS["merge_mode"].choices


def short(raw) -> str:
    text = str(raw)
    return text if len(text) <= 40 else text[:37] + "..."


def apply_like_the_page(code: str, items) -> tuple[str, list[Notice]]:
    """The code with each (name, raw value) applied in turn as model_input does: checked against the
    current code's control and written in; a refused value keeps the code's number and is a Notice."""
    notices = []
    for key, raw in items:
        controls = controls_of(code)
        if key not in controls:
            notices.append(Notice(short(key), "unknown_key", short(raw), ""))
            continue
        control, constant = controls[key]
        value, why = check_control(control, raw)
        if value is None:
            notices.append(Notice(key, {"out_of_range": "clamped"}.get(why, why), short(raw), str(control.value)))
        elif value != control.value:
            changed = set_constant(code, constant, value)
            if errors_in(changed) > errors_in(code) or key not in controls_of(changed):
                notices.append(Notice(key, "breaks_code", short(raw), str(control.value)))  # count_classes + 1 > max
            else:
                code = changed
    return code, notices


def errors_in(code: str) -> int:
    return sum(1 for note in read(code).notes if note.severity == "error")


def values_of(code: str) -> dict:
    return {c.name: c.value for c in read(code).constants}


def tagger_code(**values) -> str:
    code, notices = apply_like_the_page(TAGGER, values.items())
    assert not notices, notices
    return code


@lru_cache(maxsize=1024)
def budget_of(code: str) -> Budget:
    return description_budget(describe(read(code).spec))


@cache
def largest_fitting(name: str, **others: int) -> int:
    """The largest value of constant `name` whose model (with `others` set) fits the memory budget."""
    low, high = CONTROLS[name].low, CONTROLS[name].high
    assert budget_of(tagger_code(**others, **{name: low})).fits_memory
    assert not budget_of(tagger_code(**others, **{name: high})).fits_memory
    while high - low > 1:
        mid = (low + high) // 2
        low, high = (mid, high) if budget_of(tagger_code(**others, **{name: mid})).fits_memory else (low, mid)
    return low


ASCII_INT = re.compile(r"[+-]?([0-9]{1,15})(\.0*)?")


def usable_int(raw) -> int | None:
    """The test's own reading of a whole number: ints, integral finite floats, ASCII decimal text."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float):
        return int(raw) if math.isfinite(raw) and raw == int(raw) else None
    if isinstance(raw, str) and re.fullmatch(r"[+-]?[0-9]{16,}", raw.strip()):  # too long for any range
        return -(10**15) if raw.strip().startswith("-") else 10**15
    if isinstance(raw, str) and ASCII_INT.fullmatch(raw.strip()):
        return int(float(raw.strip())) if "." in raw else int(raw.strip())
    if isinstance(raw, str) and len(raw.strip()) <= 20:  # Python's int(), which Streamlit's URL binding uses
        try:
            return int(raw)
        except ValueError:
            return None
    return None


HOSTILE_TEXT = ["", " ", "-1", "0", "-0", "+5", "1e9", "1E3", "0x10", "0b1", "1_000", "1,000", "10.5", "7.", "٣",
                "１２", "Ⅻ", "nan", "inf", "-inf", "None", "null", "true", "[]", "{}", "9" * 16, "9" * 400,
                "<script>alert(1)</script>", "**bold** [x](javascript:1)", "`x`", "$x$", ":red[x]", "\x00", "\u202e12",
                "😀", "12 13", "12;13", "%00", "../../etc/passwd", " 64 ", "64\n", "\t7", "00012", "concat", "CONCAT "]

raw_values = st.one_of(
    st.integers(min_value=-10**30, max_value=10**30),
    st.integers(min_value=-3, max_value=1100),
    st.floats(allow_nan=True, allow_infinity=True),
    st.floats(min_value=-5, max_value=2000).map(lambda x: round(x, 1)),
    st.sampled_from(HOSTILE_TEXT),
    st.text(max_size=30),
    st.integers(min_value=-10**6, max_value=10**7).map(str),
    st.booleans(),
    st.none(),
    st.lists(st.integers(), max_size=3),
    st.binary(max_size=8),
)
merge_values = st.one_of(st.sampled_from(CHOICES), st.sampled_from([" " + m + "\t" for m in CHOICES]),
                         st.sampled_from(["None", "", "cat", "CONCAT", "concat;drop", None, "ave\x00"]), raw_values)
unknown_keys = st.text(min_size=1, max_size=20).filter(lambda k: k not in CONTROLS)
raw_configs = st.fixed_dictionaries(
    {}, optional={**{name: raw_values for name in NUMBERS}, "merge_mode": merge_values},
).flatmap(lambda d: st.dictionaries(unknown_keys, raw_values, max_size=2).map(lambda extra: {**d, **extra}))


def check_applied(raw: dict) -> tuple[str, list[Notice]]:
    """Apply raw as the page does and check the code against the test's own reading of each value."""
    from explorer.ui.messages import escape_markdown, notice_text

    code, notices = apply_like_the_page(TAGGER, raw.items())
    assert read(code).spec is not None  # the code still reads: the model the page shows
    values = values_of(code)
    by_field: dict[str, list] = {}
    for n in notices:
        by_field.setdefault(n.field, []).append(n)
    for name in NUMBERS:
        control = CONTROLS[name]
        if name not in raw:
            assert values[name] == control.value and name not in by_field
            continue
        wanted = usable_int(raw[name])
        if wanted is not None and control.low <= wanted <= control.high:
            if name in by_field:  # in range, but its layer would refuse it (count_classes + 1 past Dense's limit)
                assert [n.kind for n in by_field[name]] == ["breaks_code"] and values[name] == control.value
            else:
                assert values[name] == wanted, (raw[name], values[name])
        else:  # refused: the code keeps its number, and the page is told
            assert [n.kind for n in by_field[name]] == ["not_integer" if wanted is None else "clamped"]
            assert values[name] == control.value and by_field[name][0].used == str(control.value)
    mode = raw.get("merge_mode", CONTROLS["merge_mode"].value)
    if isinstance(mode, str) and mode.strip() in CHOICES:
        assert values["merge_mode"] == mode.strip() and "merge_mode" not in by_field
    else:
        assert (values["merge_mode"] == CONTROLS["merge_mode"].value
                and by_field["merge_mode"][0].kind == "unknown_choice")
    unknown = [k for k in raw if k not in CONTROLS]
    assert len([n for n in notices if n.kind == "unknown_key"]) == len(unknown)
    for n in notices:  # every message renders, in every language, with the user's text escaped
        assert len(n.raw) <= 40 and len(n.field) <= 40
        for lang in LANGUAGES:
            text = notice_text(n, lang, CONTROLS)
            assert escape_markdown(n.raw) in text and not re.search(r"(?<!\\)<", text)  # no live HTML
            if n.kind == "clamped":  # the message states the range the control allows
                assert f"{CONTROLS[n.field].low:,}–{CONTROLS[n.field].high:,}" in text
    return code, notices


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw_configs)
def test_any_raw_widget_values_are_refused_with_a_message_or_written_into_the_code(raw):
    check_applied(raw)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(NUMBERS), raw_values)
def test_any_single_value_for_any_named_number(name, value):
    code, _ = check_applied({name: value})
    values = values_of(code)
    if name in values:  # else its layer refused it, with a message (check_applied)
        assert CONTROLS[name].low <= values[name] <= CONTROLS[name].high


# ------------------------------------------------------------------ the budget is consulted before any build

@pytest.fixture
def build_spy(monkeypatch):
    """Records, inside explorer.build.build, the budget check and each layer's construction."""
    import explorer.build as build_module

    calls: list[str] = []
    real_budget, real_construct = build_module.description_budget, build_module.construct

    def budget(desc):
        calls.append("budget")
        return real_budget(desc)

    def construct(layer, *args, **kwargs):
        calls.append("layer")
        return real_construct(layer, *args, **kwargs)

    monkeypatch.setattr(build_module, "description_budget", budget)
    monkeypatch.setattr(build_module, "construct", construct)
    return calls


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw_configs)
def test_over_budget_is_refused_before_any_layer_exists(build_spy, raw):
    code, _ = apply_like_the_page(TAGGER, raw.items())
    if budget_of(code).fits_memory:  # then make it too big, through the controls
        code, notices = apply_like_the_page(code, [("vocab_size", str(CONTROLS["vocab_size"].high)),
                                                   ("embed_dim", "1024")])
        assert not notices
    spec = read(code).spec
    desc = describe(spec)
    assert not description_budget(desc).fits_memory
    build_spy.clear()
    with pytest.raises(OverBudget):
        build(spec, desc)
    assert build_spy == ["budget"]


@pytest.mark.parametrize("embed_dim", [128, 512])
def test_just_under_and_just_over_the_budget(build_spy, embed_dim):
    edge = largest_fitting("vocab_size", embed_dim=embed_dim)
    under = tagger_code(vocab_size=edge, embed_dim=embed_dim)
    over = tagger_code(vocab_size=edge + 1, embed_dim=embed_dim)
    need = budget_of(over).total_bytes
    assert budget_of(under).total_bytes <= MEMORY_BUDGET_BYTES < need
    # one more row of the embedding table: 4 bytes a weight, and the initializer's two copies of it
    assert need - budget_of(under).total_bytes == 3 * 4 * embed_dim
    largest = budget_of(over).largest  # what the page's budget message names
    assert (largest.layer, largest.kind) == ("embedding", "weights")
    spec = read(over).spec
    with pytest.raises(OverBudget, match=f"needs {need:,} bytes, budget {MEMORY_BUDGET_BYTES:,}"):
        build(spec, describe(spec))
    assert build_spy == ["budget"]
    # the largest vocabulary the control allows is itself over the budget; a longer number is refused
    assert not budget_of(tagger_code(vocab_size=CONTROLS["vocab_size"].high, embed_dim=embed_dim)).fits_memory
    code, notices = apply_like_the_page(TAGGER, [("vocab_size", "9" * 15), ("embed_dim", str(embed_dim))])
    assert values_of(code)["vocab_size"] == CONTROLS["vocab_size"].value and [n.kind for n in notices] == ["clamped"]


# ------------------------------------------------------------------ the worst cases, in one subprocess

PEAK_SCRIPT = r"""
import ctypes, gc, json, os, re, sys
os.environ["TF_CPP_MIN_LOG_LEVEL"] = "2"
sys.path.insert(0, sys.argv[1])
from explorer.budget import DEMO_BATCH, concrete, description_budget
from explorer.build import OverBudget, build
from explorer.live.breakit import outcomes_for
from explorer.live.equivalences import equivalences, unavailable_reason
from explorer.live.trace import STEP_BUDGET, run_trace, trace_cost
from explorer.live.xrays import xray_layers, xray_of
from explorer.reader.code import read_code
from explorer.shapes import describe

malloc_trim = ctypes.CDLL("libc.so.6").malloc_trim

def status(field):
    with open("/proc/self/status") as f:
        return int(re.search(field + r":\s+(\d+) kB", f.read()).group(1)) * 1024

def measured(phases, name, work):
    # work()'s peak resident memory (bytes), from /proc: clear_refs 5 restarts VmHWM at the current VmRSS
    gc.collect()
    malloc_trim(0)
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")
    start = status("VmRSS")
    try:
        return work()
    finally:
        phases[name] = [start, status("VmHWM")]

def read_and_describe(code):
    spec = read_code(code).spec
    desc = describe(spec)  # the page always shows shapes
    return spec, desc, description_budget(desc)

def page(code):
    # what the page does with this code (explorer/ui/cache.py, page.py, live_panel), without Streamlit
    phases = {}
    spec, desc, budget = measured(phases, "describe", lambda: read_and_describe(code))
    out = {"fits": budget.fits_memory, "budget": budget.total_bytes, "refused": False, "built": False, "live": False,
           "checks_ok": True, "phases": phases}
    if not (budget.fits_memory and desc.ok):  # the page never builds it; build's own guard refuses it too
        try:
            measured(phases, "build", lambda: build(spec, desc))
        except OverBudget:
            out["refused"] = True
        return out
    built = measured(phases, "build", lambda: build(spec, desc))
    out["built"] = built.model is not None
    if built.model is None or trace_cost(desc) > STEP_BUDGET or not budget.fits_compute:  # cache.live_refusal
        return out
    out["live"] = True
    model = built.model
    trace = measured(phases, "forward pass", lambda: run_trace(model, spec, desc))
    for name in xray_layers(desc):  # every layer a learner can pick, following its last output number
        pick = tuple(size - 1 for size in concrete(desc.step(name).output_shape, desc.batch_size or DEMO_BATCH))
        xray = measured(phases, "x-ray " + name, lambda: xray_of(model, spec, desc, trace, name, pick))
        out["checks_ok"] &= xray is None or all(c.ok for c in xray.checks)
    measured(phases, "equivalences",
             lambda: equivalences(model, spec, desc, trace) or unavailable_reason(spec, desc, trace))
    measured(phases, "break it", lambda: outcomes_for(spec))
    return out

job = json.loads(sys.stdin.read())
warm = page(job["warm"])  # TensorFlow's own first-use allocations are not the input's
gc.freeze()  # TensorFlow's ~400,000 objects out of the collector's way, as explorer/ui/cache.py does
results = []
for code in job["cases"]:
    gc.collect()
    malloc_trim(0)
    start = status("VmRSS")
    out = page(code)
    # each phase: [its own growth, the case's peak growth while it ran]
    out["phases"] = {name: [peak - begin, peak - start] for name, (begin, peak) in out["phases"].items()}
    results.append(out)
print(json.dumps({"warm": warm["built"] and warm["live"] and warm["checks_ok"], "cases": results}))
"""

# TensorFlow's own growth whatever the sizes (kernels for new shapes, its threads' allocator arenas):
# the default model, whose budget is 14 MB, grows up to about 25 MB while its panels run.
SLACK_BYTES = 32 * 2**20
REFUSED_BYTES = 16 * 2**20  # a refused model: shapes only, nothing of its size allocated
MODEL_PHASES = ("describe", "build", "forward pass")  # what the budget counts; each panel may add XRAY_BYTES
ABSURD = [("vocab_size", "1" + "0" * 14), ("embed_dim", "9" * 400), ("lstm_units", 10**12), ("dense_units", "-1"),
          ("batch_size", 1e300), ("seq_len", "inf"), ("count_classes", "0"), ("merge_mode", "concat;drop")]
LARGEST = ("vocab_size", "embed_dim", "lstm_units", "dense_units", "seq_len", "batch_size")


def worst_cases() -> list[tuple[str, str, bool, bool]]:
    """(label, code, fits the budget, live panels run): the values applied as the page would."""
    cases = []
    for name in LARGEST:  # the largest each control allows
        cases.append((f"{name}={CONTROLS[name].high:,}", tagger_code(**{name: CONTROLS[name].high}), False, False))
    edges = [("vocab_size", {"embed_dim": 128}, True),  # weights: the embedding table and its initializer
             ("batch_size", {"seq_len": 16}, True),  # activations of every layer
             ("dense_units", {}, True),  # the widest activations: Dense (B, T, U), then TimeDistributed
             ("seq_len", {}, None)]  # built; its forward pass may be over the step budget
    for name, others, live in edges:
        edge = largest_fitting(name, **others)
        if live is None:  # the page runs the live panels when one forward pass is within the step budget
            live = trace_cost(describe(read(tagger_code(**others, **{name: edge})).spec)) <= STEP_BUDGET
        where = "".join(f", {k}={v}" for k, v in others.items())
        cases.append((f"{name}={edge:,}{where} (edge)", tagger_code(**others, **{name: edge}), True, live))
        cases.append((f"{name}={edge + 1:,}{where} (over)", tagger_code(**others, **{name: edge + 1}), False, False))
    return cases


def test_worst_cases_stay_inside_the_memory_budget_in_a_subprocess():
    """Each case read, described and budgeted; built only when it fits (an over-budget one is handed
    to build anyway, which must refuse it before allocating); the forward pass, every layer's X-ray,
    the equivalences and break-it only when cache.live_refusal would allow them. Peak resident memory
    is measured per phase. The absurd values are all refused, so they give the preset's own code:
    that run warms TensorFlow up and must show every panel."""
    absurd, notices = apply_like_the_page(TAGGER, ABSURD)
    assert absurd == TAGGER and len(notices) == len(ABSURD)
    cases = worst_cases()
    job = json.dumps({"warm": absurd, "cases": [code for _, code, _, _ in cases]})
    res = subprocess.run([sys.executable, "-c", PEAK_SCRIPT, str(ROOT)], input=job, capture_output=True, text=True,
                         timeout=900)
    assert res.returncode == 0, res.stderr[-3000:]
    out = json.loads(res.stdout.strip().splitlines()[-1])
    assert out["warm"]
    mb = lambda n: f"{n / 2**20:,.0f} MB"
    table, wrong = [], []
    for (label, _, fits, live), r in zip(cases, out["cases"], strict=True):
        phases = r["phases"]
        peak = max(p for _, p in phases.values())
        model_peak = max(p for name, (_, p) in phases.items() if name in MODEL_PHASES)
        table.append(f"{label}: budget {mb(r['budget'])}, peak +{mb(peak)} ("
                     + ", ".join(f"{k} +{mb(grew)}" for k, (grew, _) in phases.items()) + ")")
        if (r["fits"], r["built"], r["refused"], r["live"]) != (fits, fits, not fits, live):
            wrong.append(f"{label}: fits {r['fits']}, built {r['built']}, refused {r['refused']}, live {r['live']}")
        if not fits and peak > REFUSED_BYTES:
            wrong.append(f"{label}: refused, yet +{mb(peak)}")
        if fits and model_peak > r["budget"] + SLACK_BYTES:
            wrong.append(f"{label}: the model and its forward pass +{mb(model_peak)} > its budget {mb(r['budget'])}"
                         f" + slack {mb(SLACK_BYTES)}")
        if fits and peak > r["budget"] + XRAY_BYTES + SLACK_BYTES:
            wrong.append(f"{label}: +{mb(peak)} > its budget {mb(r['budget'])} + one panel's {mb(XRAY_BYTES)}"
                         f" + slack {mb(SLACK_BYTES)}")
        for name, (grew, _) in phases.items():
            if name not in MODEL_PHASES and grew > XRAY_BYTES + SLACK_BYTES:
                wrong.append(f"{label}: {name} +{mb(grew)} > {mb(XRAY_BYTES)} + slack {mb(SLACK_BYTES)}")
        if not r["checks_ok"]:
            wrong.append(f"{label}: an X-ray's numpy recomputation does not match the layer")
    assert not wrong, "\n".join(wrong + ["", *table])


def test_the_largest_count_classes_is_refused_where_it_would_break_its_layer():
    """count_classes is used as count_classes + 1: its control's largest value would make the head
    Dense(10,000,001), which its layer refuses; the page keeps the code's number and says so."""
    high = CONTROLS["count_classes"].high
    code, notices = apply_like_the_page(TAGGER, [("count_classes", high)])
    assert code == TAGGER and [(n.field, n.kind, n.used) for n in notices] == [("count_classes", "breaks_code", "5")]
    assert errors_in(set_constant(TAGGER, controls_of(TAGGER)["count_classes"][1], high)) == 1


# ------------------------------------------------------------------ the whole page, from the URL

def hostile_urls(n: int, seed: int = 5) -> list[dict[str, str | list[str]]]:
    """Seeded query parameters: bad values, repeated keys, unknown keys, languages, budget edges."""
    rng = random.Random(seed)
    pool = list(HOSTILE_TEXT)
    pool += ["-7", "0", "1", "2", "3", "17", "1000000", "99999999999", "64.0", "5.5"]
    edge = largest_fitting("vocab_size", embed_dim=512)
    cases: list[dict] = [
        {"vocab_size": str(edge), "embed_dim": "512"},  # just under the budget: built
        {"vocab_size": str(edge + 1), "embed_dim": "512"},  # just over: shapes only, with the budget message
        {"lstm_units": ["8", "9", "10"], "lang": ["zh", "xx"]},  # repeated keys
        {"": "", "%": "%", "embed": "true", "merge_mode": "concat", "seq_len": "3"},
    ]
    while len(cases) < n:
        case: dict = {}
        for _ in range(rng.randint(1, 4)):
            key = rng.choice(NUMBERS + ["merge_mode", "lang", "x", "lstm_units;", "🙂", "vocab_size "])
            value = rng.choice(pool)
            case[key] = [value, rng.choice(pool)] if rng.random() < 0.15 else value
        # keep the sample quick: small sequences and batches unless the case is about them
        case.setdefault("seq_len", "4")
        case.setdefault("batch_size", "2")
        cases.append(case)
    return cases


def last(value):
    return value[-1] if isinstance(value, list) else value


@pytest.mark.parametrize("query", hostile_urls(30), ids=lambda q: quote(json.dumps(q, ensure_ascii=True))[:60])
def test_hostile_urls_show_messages_and_the_validated_page(query):
    from streamlit.testing.v1 import AppTest

    from explorer.ui import cache
    from explorer.ui.messages import escape_markdown

    cache.clear_all()
    at = AppTest.from_file(str(ROOT / "page.py"), default_timeout=120)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    values, notices, budget = expected_page(query)
    shown = " ".join(w.value for w in at.warning) + " ".join(e.value for e in at.error)
    for n in notices:  # every refused value (and unknown key) is named on the page
        assert escape_markdown(n.raw) in shown and escape_markdown(n.field) in shown, (n, shown)
    if any(isinstance(v, list) and len(v) > 1 for v in query.values()):
        assert at.warning, "repeated keys must be reported"
    table = page_table(at, "layer_table")
    b, t, h = values["batch_size"], values["seq_len"], values["lstm_units"]
    features = 2 * h if values["merge_mode"] == "concat" else h
    assert table.iloc[2, 3] == f"({b}, {t}, {features})"  # the BiLSTM's output shape, as validated
    assert table.iloc[4, 3] == f"({b}, {t}, {values['count_classes'] + 1})"
    assert bool(at.error) == (not budget.fits_memory)
    cache.clear_all()


def expected_page(query) -> tuple[dict, list[Notice], Budget]:
    """What the page should use for a hostile query, from the core alone: the last value of each key
    applied to the tagger preset's code as model_input does (the language and embedding keys are
    another module's)."""
    items = [(key, last(value)) for key, value in query.items() if key not in URL_NOT_SETTINGS]
    code, notices = apply_like_the_page(TAGGER, items)
    return values_of(code), notices, budget_of(code)


@pytest.mark.parametrize("value", ["inf", "9" * 400], ids=["inf", "400-nines"])
def test_url_infinity_does_not_crash_the_page(value):
    from streamlit.testing.v1 import AppTest

    from explorer.ui import cache

    cache.clear_all()
    at = AppTest.from_file(str(ROOT / "page.py"), default_timeout=120)
    at.query_params["seq_len"] = value
    at.run()
    cache.clear_all()
    assert not at.exception
    assert value[:30] in " ".join(w.value for w in at.warning)
    assert at.sidebar.number_input(key="seq_len").value == 50  # refused: the code keeps its own value
