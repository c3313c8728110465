"""Hostile input: anything a widget, a URL or a forged message can carry is clamped or refused, with a
visible message, never a traceback, and nothing is allocated past the memory budget.

Most cases go through `parse_config` directly (hypothesis, ~700 cases, seconds); a seeded sample of
URLs goes through the whole page with AppTest; the worst cases run in a subprocess that measures peak memory.
"""
from __future__ import annotations

import json
import math
import random
import re
import subprocess
import sys
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT
from explorer import model as model_module
from explorer.budget import MEMORY_BUDGET_BYTES, check_budget
from explorer.config import BOUNDS, DEFAULT_MERGE_MODE, FIELD_NAMES, INT_BOUNDS, MERGE_MODES, Config, parse_config
from explorer.i18n import LANGUAGES
from explorer.model import BudgetExceeded, build_model
from explorer.ui.messages import escape_markdown, notice_text

INT_FIELDS = [b.name for b in INT_BOUNDS]
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
merge_values = st.one_of(st.sampled_from(MERGE_MODES), st.sampled_from([m.upper() + " " for m in MERGE_MODES]),
                         st.sampled_from(["None", "", "cat", "concat;drop", None, "ave\x00"]), raw_values)
unknown_keys = st.text(min_size=1, max_size=20).filter(lambda k: k not in FIELD_NAMES)
raw_configs = st.fixed_dictionaries(
    {}, optional={**{name: raw_values for name in INT_FIELDS}, "merge_mode": merge_values},
).flatmap(lambda d: st.dictionaries(unknown_keys, raw_values, max_size=2).map(lambda extra: {**d, **extra}))


def check_parsed(raw: dict) -> tuple[Config, list]:
    cfg, notices = parse_config(raw)
    assert isinstance(cfg, Config)  # Config itself refuses to exist out of bounds
    by_field: dict[str, list] = {}
    for n in notices:
        by_field.setdefault(n.field, []).append(n)
    for b in INT_BOUNDS:
        value = getattr(cfg, b.name)
        if b.name not in raw:
            assert value == b.default and b.name not in by_field
            continue
        wanted = usable_int(raw[b.name])
        if wanted is not None and b.low <= wanted <= b.high:
            assert value == wanted and b.name not in by_field, (raw[b.name], value)
        else:  # refused or clamped, and the page is told
            assert [n.kind for n in by_field[b.name]] == ["not_integer" if wanted is None else "clamped"]
            assert value == (b.default if wanted is None else min(max(wanted, b.low), b.high))
    mode = raw.get("merge_mode", DEFAULT_MERGE_MODE)
    if isinstance(mode, str) and mode.strip().lower() in MERGE_MODES:
        assert cfg.merge_mode == mode.strip().lower() and "merge_mode" not in by_field
    else:
        assert cfg.merge_mode == DEFAULT_MERGE_MODE and by_field["merge_mode"][0].kind == "unknown_choice"
    unknown = [k for k in raw if k not in FIELD_NAMES]
    assert len([n for n in notices if n.kind == "unknown_key"]) == len(unknown)
    for n in notices:  # every message renders, in every language, with the user's text escaped
        assert len(n.raw) <= 40 and len(n.field) <= 40
        for lang in LANGUAGES:
            text = notice_text(n, lang)
            assert escape_markdown(n.raw) in text and not re.search(r"(?<!\\)<", text)  # no live HTML
    return cfg, notices


@settings(max_examples=450, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw_configs)
def test_any_raw_widget_values_are_clamped_or_refused_with_a_message(raw):
    check_parsed(raw)


@settings(max_examples=250, deadline=None)
@given(st.sampled_from(INT_FIELDS), raw_values)
def test_any_single_value_for_any_field(field, value):
    cfg, _ = check_parsed({field: value})
    assert BOUNDS[field].low <= getattr(cfg, field) <= BOUNDS[field].high


# ------------------------------------------------------------------ the budget is consulted before any build

@pytest.fixture
def build_spy(monkeypatch):
    """Records the order of budget checks and layer construction inside build_model."""
    calls: list[str] = []
    real_check, real_layers = model_module.check_budget, model_module.make_layers

    def check(cfg):
        calls.append("budget")
        return real_check(cfg)

    def layers(cfg, *args, **kwargs):
        calls.append("layers")
        return real_layers(cfg, *args, **kwargs)

    monkeypatch.setattr(model_module, "check_budget", check)
    monkeypatch.setattr(model_module, "make_layers", layers)
    return calls


def vocab_at_budget_edge(embed_dim: int) -> int:
    """The largest vocabulary that still fits the memory budget with this embedding size."""
    low, high = 2, BOUNDS["vocab_size"].high
    assert not check_budget(Config(vocab_size=high, embed_dim=embed_dim)).fits_memory
    while high - low > 1:
        mid = (low + high) // 2
        low, high = (mid, high) if check_budget(Config(vocab_size=mid, embed_dim=embed_dim)).fits_memory else (low, mid)
    return low


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw_configs)
def test_over_budget_is_refused_before_any_layer_exists(build_spy, raw):
    cfg, _ = parse_config(raw)
    if check_budget(cfg).fits_memory:
        cfg = Config(**{**cfg.as_dict(), "vocab_size": BOUNDS["vocab_size"].high, "embed_dim": 1024})
    build_spy.clear()
    with pytest.raises(BudgetExceeded):
        build_model(cfg)
    assert build_spy == ["budget"]


@pytest.mark.parametrize("embed_dim", [128, 512])
def test_just_under_and_just_over_the_budget(build_spy, embed_dim):
    edge = vocab_at_budget_edge(embed_dim)
    under, over = Config(vocab_size=edge, embed_dim=embed_dim), Config(vocab_size=edge + 1, embed_dim=embed_dim)
    assert check_budget(under).total_bytes <= MEMORY_BUDGET_BYTES < check_budget(over).total_bytes
    with pytest.raises(BudgetExceeded, match="embedding weights"):
        build_model(over)
    assert build_spy == ["budget"]
    # the clamp at the top of the vocabulary range is itself over the budget with these sizes
    assert not check_budget(parse_config({"vocab_size": "9" * 15, "embed_dim": str(embed_dim)})[0]).fits_memory


PEAK_SCRIPT = r"""
import json, os, resource, sys
os.environ["TF_CPP_MIN_LOG_LEVEL"] = "2"
sys.path.insert(0, sys.argv[1])
from explorer.budget import check_budget
from explorer.config import parse_config
from explorer.demo import run_demonstrations
from explorer.describe import describe_config
from explorer.model import BudgetExceeded, build_model
import keras
def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
build_model(parse_config({})[0])  # warm: TensorFlow's own first-use allocations are not the input's
base = peak_mb()
out = []
for raw in json.loads(sys.argv[2]):
    cfg, notices = parse_config(raw)
    budget = check_budget(cfg)
    describe_config(cfg)  # the page always shows shapes
    built = False
    try:
        model = build_model(cfg)
        built = True
        if budget.ok:
            run_demonstrations(model, cfg)
        del model
    except BudgetExceeded:
        pass
    out.append({"built": built, "bytes": budget.total_bytes, "peak_growth_mb": peak_mb() - base})
print(json.dumps(out))
"""


def test_worst_cases_stay_inside_the_memory_budget_in_a_subprocess():
    edge = vocab_at_budget_edge(128)
    worst = [
        {"vocab_size": "1" + "0" * 14, "embed_dim": "1" + "0" * 14, "lstm_units": 10**12, "dense_units": "9" * 15,
         "batch_size": 1e300, "seq_len": "99999999"},  # everything huge: clamped, then refused by the budget
        {"vocab_size": edge + 1, "embed_dim": 128},  # one row over the budget
        {"vocab_size": "-1", "embed_dim": "0", "seq_len": "-5", "batch_size": "0"},  # clamped up to the minimum
        {"vocab_size": str(edge), "embed_dim": "128"},  # the largest model the budget allows
    ]
    res = subprocess.run([sys.executable, "-c", PEAK_SCRIPT, str(ROOT), json.dumps(worst)], capture_output=True,
                         text=True, timeout=600)
    assert res.returncode == 0, res.stderr[-3000:]
    results = json.loads(res.stdout.strip().splitlines()[-1])
    assert [r["built"] for r in results] == [False, False, True, True]
    limit_mb = MEMORY_BUDGET_BYTES / 2**20
    assert results[0]["peak_growth_mb"] < 50 and results[1]["peak_growth_mb"] < 50  # refused: nothing allocated
    # the largest allowed model: weights, the initializer's temporary copies and activations, all counted
    edge_budget = results[3]["bytes"] / 2**20
    assert edge_budget <= limit_mb
    assert results[3]["peak_growth_mb"] < edge_budget + 32, results


# ------------------------------------------------------------------ the whole page, from the URL

def hostile_urls(n: int, seed: int = 5) -> list[dict[str, str | list[str]]]:
    """Seeded query parameters: bad values, repeated keys, unknown keys, languages, budget edges."""
    rng = random.Random(seed)
    pool = list(HOSTILE_TEXT)
    pool += ["-7", "0", "1", "2", "3", "17", "1000000", "99999999999", "64.0", "5.5"]
    edge = vocab_at_budget_edge(512)
    cases: list[dict] = [
        {"vocab_size": str(edge), "embed_dim": "512"},  # just under the budget: built
        {"vocab_size": str(edge + 1), "embed_dim": "512"},  # just over: shapes only, with the budget message
        {"lstm_units": ["8", "9", "10"], "lang": ["zh", "xx"]},  # repeated keys
        {"": "", "%": "%", "embed": "true", "merge_mode": "concat", "seq_len": "3"},
    ]
    while len(cases) < n:
        case: dict = {}
        for _ in range(rng.randint(1, 4)):
            key = rng.choice(INT_FIELDS + ["merge_mode", "lang", "x", "lstm_units;", "🙂", "vocab_size "])
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

    cache.clear_all()
    at = AppTest.from_file(str(ROOT / "page.py"), default_timeout=120)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    values, refused, budget = expected_page(query)
    shown = " ".join(w.value for w in at.warning) + " ".join(e.value for e in at.error)
    for raw in refused:  # every refused value is named on the page
        assert escape_markdown(raw[:37]) in shown, (raw, shown)
    if any(isinstance(v, list) and len(v) > 1 for v in query.values()):
        assert at.warning, "repeated keys must be reported"
    table = at.dataframe[0].value
    b, t, h = values["batch_size"], values["seq_len"], values["lstm_units"]
    features = 2 * h if values["merge_mode"] == "concat" else h
    assert table.iloc[2, 3] == f"({b}, {t}, {features})"  # the BiLSTM's output shape, as validated
    assert table.iloc[4, 3] == f"({b}, {t}, {values['count_classes'] + 1})"
    assert bool(at.error) == (not budget.fits_memory)
    cache.clear_all()


def expected_page(query):
    """What the page should use for a hostile query, from the core alone: each named number the
    tagger preset's code accepts is applied, every other value is refused and named."""
    from explorer.budget import description_budget
    from explorer.controls import check_control, control_for
    from explorer.presets import preset_code
    from explorer.reader.code import read_code, set_constant
    from explorer.shapes import describe

    code = preset_code("tagger")
    constants = {c.name: c for c in read_code(code).constants}
    values = {name: c.value for name, c in constants.items()}
    refused = []
    for key, value in query.items():
        if key in ("lang", "embed"):
            continue
        raw = last(value)
        if key not in constants:
            refused.append(str(raw))
            continue
        used, _ = check_control(control_for(constants[key]), raw)
        if used is None:
            refused.append(str(raw))
        else:
            values[key] = used
    for name, value in values.items():
        code = set_constant(code, {c.name: c for c in read_code(code).constants}[name], value)
    return values, refused, description_budget(describe(read_code(code).spec))


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
