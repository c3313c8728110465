"""Latency, memory and concurrency benchmark of the page, with its references measured in the same run.

    python bench/run.py            # about 5-8 minutes on 2 cores; prints a table and writes bench/last_run.json

Starts the app with `streamlit run`, drives it from headless Chromium with Playwright, and measures:
the notebook reference (bench/notebook.py), the Streamlit floor (bench/floor_app.py), new and revisited
configurations (shapes visible / every panel done), cold start against a bare `import tensorflow`, the
server's peak memory after 50 distinct configurations against the memory right after importing
TensorFlow, and 8 concurrent sessions making 5 changes each. Not part of the test suite.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

from playwright.async_api import Page, async_playwright  # noqa: E402
from server import machine, start_server, status_kb, stop_server, wait_healthy  # noqa: E402

from explorer.config import Config  # noqa: E402
from explorer.i18n import t  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
PORTS = {"floor": 8670, "cold": 8671, "app": 8675}  # cold start uses 8671.. (one port per repeat)
TIMEOUT_MS = 120_000
APP_DONE = "[data-testid='stApp'][data-test-script-state='notRunning'][data-test-connection-state='CONNECTED']"


# ---------------------------------------------------------------- helpers

def median(xs: list[float]) -> float:
    return statistics.median(xs) if xs else float("nan")


def p95(xs: list[float]) -> float:
    if not xs:
        return float("nan")
    s = sorted(xs)
    return s[min(len(s) - 1, max(0, round(0.95 * len(s)) - 1))]


# ---------------------------------------------------------------- what the page must show for a Config

def shape(*dims: int) -> str:
    return "(" + ", ".join(str(d) for d in dims) + ")"


def squash(text: str) -> str:
    return "".join(text.split())


@dataclass(frozen=True)
class Expect:
    """Whitespace-free strings the page shows for a configuration, per milestone."""

    table: tuple[str, ...]  # rows of the layer table: class, input shape, output shape
    panels: tuple[str, ...]  # the diagram and the live demonstration's code


def expect(cfg: Config) -> Expect:
    b, tt, e, f, u, c = cfg.batch_size, cfg.seq_len, cfg.embed_dim, cfg.features, cfg.dense_units, cfg.head_units
    table = (f"Embedding{shape(b, tt)}{shape(b, tt, e)}", f"Bidirectional{shape(b, tt, e)}{shape(b, tt, f)}",
             f"Dense{shape(b, tt, f)}{shape(b, tt, u)}", f"TimeDistributed{shape(b, tt, u)}{shape(b, tt, c)}",
             # the weights column names V, so every change of any field changes the table
             f"embeddings{shape(cfg.vocab_size, e)}")
    panels = (f"#{shape(b * tt, f)}(B·T,F)", f"#{shape(b, tt, u)}(B,T,U)", f"kernel{shape(f, u)}")
    return Expect(tuple(map(squash, table)), tuple(map(squash, panels)))


# Runs in the page: true once the first data frame (the layer table) shows every expected row.
TABLE_JS = """(rows) => {
  const grid = document.querySelector("[data-testid='stDataFrame'] table");
  if (!grid) return false;
  const text = grid.innerText.replace(/\\s+/g, "");
  return rows.every(r => text.includes(r));
}"""
# True once the script is done, nothing is stale, and the table, diagram and demonstration are current.
PANELS_JS = """([rows, panels]) => {
  const app = document.querySelector("[data-testid='stApp']");
  if (!app || app.dataset.testScriptState !== "notRunning") return false;
  if (document.querySelector("[data-stale='true']")) return false;
  const grid = document.querySelector("[data-testid='stDataFrame'] table");
  if (!grid) return false;
  const table = grid.innerText.replace(/\\s+/g, "");
  const code = Array.from(document.querySelectorAll("[data-testid='stCode']")).map(e => e.innerText).join("")
    .replace(/\\s+/g, "");
  const chart = Array.from(document.querySelectorAll("[data-testid='stPlotlyChart'] svg text"))
    .map(e => e.textContent).join("").replace(/\\s+/g, "");
  return rows.every(r => table.includes(r)) && panels.slice(0, 2).every(p => code.includes(p))
    && chart.includes(panels[2]);
}"""
ERRORS_JS = """() => document.querySelectorAll("[data-testid='stException'], [data-testid='stAlertContentError']").length"""


async def wait_page(page: Page, cfg: Config) -> None:
    ex = expect(cfg)
    await page.wait_for_function(PANELS_JS, arg=[list(ex.table), list(ex.panels)], polling="raf", timeout=TIMEOUT_MS)


FIELD_LABELS = {name: t("en", f"field.{name}") for name in
                ("vocab_size", "embed_dim", "seq_len", "lstm_units", "dense_units", "count_classes", "batch_size")}


async def change(page: Page, cfg: Config, field: str, value: int) -> tuple[Config, float, float]:
    """Type value into the sidebar field; seconds until the table shows the new shapes, and until all panels do."""
    new = replace(cfg, **{field: value})
    ex = expect(new)
    box = page.locator(f"[data-testid='stSidebar'] input[aria-label='{FIELD_LABELS[field]}']")
    await box.fill(str(value))
    start = time.perf_counter()
    await box.press("Enter")
    await page.wait_for_function(TABLE_JS, arg=list(ex.table), polling="raf", timeout=TIMEOUT_MS)
    shapes = time.perf_counter() - start
    await page.wait_for_function(PANELS_JS, arg=[list(ex.table), list(ex.panels)], polling="raf", timeout=TIMEOUT_MS)
    return new, shapes, time.perf_counter() - start


# ---------------------------------------------------------------- configurations a learner walks through

LEARNER_RANGES = {"vocab_size": (1_000, 50_000), "embed_dim": (8, 256), "seq_len": (5, 120), "lstm_units": (8, 256),
                  "dense_units": (16, 512), "count_classes": (1, 20), "batch_size": (1, 64)}


def learner_walk(start: Config, n: int, seed: int, seen: set[Config]) -> list[tuple[str, int, Config]]:
    """n single-field changes, each to a configuration not in seen (seen is updated)."""
    rng = random.Random(seed)
    steps, cfg = [], start
    while len(steps) < n:
        field = rng.choice(list(LEARNER_RANGES))
        value = rng.randint(*LEARNER_RANGES[field])
        new = replace(cfg, **{field: value})
        if new in seen:
            continue
        seen.add(new)
        steps.append((field, value, new))
        cfg = new
    return steps


# ---------------------------------------------------------------- the measurements

def bare_import_seconds(repeats: int) -> list[float]:
    out = []
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import tensorflow"], check=True, capture_output=True)
        out.append(time.perf_counter() - start)
    return out


def notebook(configs: list[Config]) -> dict:
    payload = json.dumps([c.as_dict() for c in configs])
    res = subprocess.run([sys.executable, str(ROOT / "bench" / "notebook.py")], input=payload, text=True,
                         capture_output=True, check=True)
    return json.loads(res.stdout.strip().splitlines()[-1])


async def floor(browser, repeats: int) -> list[float]:
    proc = start_server("bench/floor_app.py", PORTS["floor"])
    try:
        wait_healthy(PORTS["floor"], proc)
        page = await browser.new_page()
        await page.goto(f"http://127.0.0.1:{PORTS['floor']}/")
        await page.wait_for_selector("text=twice the value: 0", timeout=TIMEOUT_MS)
        box = page.locator("input[aria-label='value']")
        out = []
        for i in range(1, repeats + 1):
            await box.fill(str(i))
            start = time.perf_counter()
            await box.press("Enter")
            await page.wait_for_function("(v) => document.body.innerText.includes('twice the value: ' + v)",
                                         arg=str(2 * i), polling="raf", timeout=TIMEOUT_MS)
            out.append(time.perf_counter() - start)
        await page.close()
        return out
    finally:
        stop_server(proc)


async def cold_start(browser, port: int) -> tuple[float, subprocess.Popen, Page]:
    """Seconds from `streamlit run app.py` to the first complete page; the server and page stay up."""
    page = await browser.new_page(viewport={"width": 1400, "height": 1000})
    start = time.perf_counter()
    proc = start_server("app.py", port)
    try:
        wait_healthy(port, proc)
        await page.goto(f"http://127.0.0.1:{port}/")
        await wait_page(page, Config())
    except BaseException:
        stop_server(proc)
        raise
    return time.perf_counter() - start, proc, page


async def session(browser, port: int, cfg: Config, steps: list[tuple[str, int, Config]],
                  loaded: asyncio.Semaphore, barrier: asyncio.Event):
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    page = await context.new_page()
    query = "&".join(f"{k}={v}" for k, v in cfg.as_dict().items())
    await page.goto(f"http://127.0.0.1:{port}/?{query}")
    await wait_page(page, cfg)
    loaded.release()
    await barrier.wait()
    shapes, panels, wrong = [], [], 0
    for field, value, target in steps:
        cfg, s, p = await change(page, cfg, field, value)
        wrong += cfg != target
        shapes.append(s)
        panels.append(p)
    errors = await page.evaluate(ERRORS_JS)
    await context.close()
    return shapes, panels, wrong + errors


async def main_async(args) -> dict:
    result: dict = {"machine": machine()}
    seen: set[Config] = {Config()}
    walk = learner_walk(Config(), args.configs, seed=5, seen=seen)
    concurrent_starts = [replace(Config(), batch_size=20 + i) for i in range(args.sessions)]
    seen.update(concurrent_starts)
    concurrent_steps = [learner_walk(c, args.changes, seed=100 + i, seen=seen) for i, c in enumerate(concurrent_starts)]

    print("bare `import tensorflow` ...", flush=True)
    result["bare_import"] = bare_import_seconds(args.repeats)
    print("notebook reference ...", flush=True)
    nb = notebook([c for _, _, c in walk])
    result["notebook"] = nb["seconds"]
    result["rss_after_import_mb"] = nb["rss_after_import_mb"]

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        print("streamlit floor ...", flush=True)
        result["floor"] = await floor(browser, args.floor_repeats)

        print("cold start ...", flush=True)
        result["cold"] = []
        for i in range(args.repeats):
            seconds, proc, page = await cold_start(browser, PORTS["cold"] + i)
            result["cold"].append(seconds)
            if i < args.repeats - 1:
                await page.close()
                stop_server(proc)
        port = PORTS["cold"] + args.repeats - 1
        try:
            result["rss_first_page_mb"] = status_kb(proc.pid, "VmRSS") / 1024
            print(f"{len(walk)} new configurations ...", flush=True)
            cfg, shapes, panels = Config(), [], []
            for field, value, target in walk:
                cfg, s, pnl = await change(page, cfg, field, value)
                assert cfg == target
                shapes.append(s)
                panels.append(pnl)
            result["new_shapes"], result["new_panels"] = shapes, panels
            result["peak_rss_mb"] = status_kb(proc.pid, "VmHWM") / 1024
            result["rss_after_walk_mb"] = status_kb(proc.pid, "VmRSS") / 1024

            print("revisited configurations ...", flush=True)
            back_shapes, back_panels = [], []
            history = [Config()] + [c for _, _, c in walk]
            for k in range(args.revisits):  # step back and forth over the last changes: every config was seen
                field, value, target = walk[-1 - (k % 2)]
                prev = history[-2 - (k % 2)] if k % 2 == 0 else target
                new_value = getattr(prev, field)
                cfg, s, pnl = await change(page, cfg, field, new_value)
                assert cfg in history, cfg
                back_shapes.append(s)
                back_panels.append(pnl)
            result["revisit_shapes"], result["revisit_panels"] = back_shapes, back_panels
            result["errors_single"] = await page.evaluate(ERRORS_JS)

            print(f"{args.sessions} concurrent sessions x {args.changes} changes ...", flush=True)
            loaded, barrier = asyncio.Semaphore(0), asyncio.Event()
            tasks = [asyncio.create_task(session(browser, port, c, s, loaded, barrier))
                     for c, s in zip(concurrent_starts, concurrent_steps)]
            for _ in tasks:  # every session has its first page before anyone changes anything
                await loaded.acquire()
            barrier.set()
            outs = await asyncio.gather(*tasks)
            result["concurrent_shapes"] = [x for o in outs for x in o[0]]
            result["concurrent_panels"] = [x for o in outs for x in o[1]]
            result["concurrent_errors"] = sum(o[2] for o in outs)
            result["peak_rss_end_mb"] = status_kb(proc.pid, "VmHWM") / 1024
        finally:
            stop_server(proc)
            await browser.close()
    return result


# ---------------------------------------------------------------- the table

def table(r: dict) -> str:
    nb, fl, bare = median(r["notebook"]), median(r["floor"]), median(r["bare_import"])
    single_panels = median(r["new_panels"])
    rows = [
        ("notebook reference (build + summary + forward + reshape@W)", nb, "", ""),
        ("Streamlit floor (one-widget round trip)", fl, f"{fl / nb:.2f} × notebook", ""),
        ("new configuration: shapes visible", median(r["new_shapes"]), f"{median(r['new_shapes']) / nb:.2f} × notebook",
         "≤ 0.75"),
        ("new configuration: every panel", single_panels, f"{single_panels / nb:.2f} × notebook", "≤ 1.5"),
        ("revisited: shapes visible", median(r["revisit_shapes"]),
         f"{median(r['revisit_shapes']) / nb:.2f} × notebook", ""),
        ("revisited: every panel", median(r["revisit_panels"]), f"{median(r['revisit_panels']) / nb:.2f} × notebook",
         "≤ 0.5"),
        ("bare `python -c 'import tensorflow'`", bare, "", ""),
        ("cold start to first complete page", median(r["cold"]), f"{median(r['cold']) / bare:.2f} × bare import",
         "≤ 1.5"),
        (f"concurrent p95 shapes ({len(r['concurrent_shapes'])} updates)", p95(r["concurrent_shapes"]),
         f"{p95(r['concurrent_shapes']) / median(r['new_shapes']):.2f} × single median", ""),
        (f"concurrent p95 every panel ({len(r['concurrent_panels'])} updates)", p95(r["concurrent_panels"]),
         f"{p95(r['concurrent_panels']) / single_panels:.2f} × single median", "≤ 3"),
    ]
    lines = ["| measurement | median s | ratio | target |", "|---|---:|---:|---:|"]
    lines += [f"| {name} | {value:.3f} | {ratio} | {target} |" for name, value, ratio, target in rows]
    extra = r["peak_rss_mb"] - r["rss_after_import_mb"]
    lines += [
        f"| RSS right after `import tensorflow` | {r['rss_after_import_mb']:.0f} MB | | |",
        f"| server RSS after first page | {r['rss_first_page_mb']:.0f} MB | | |",
        f"| server peak RSS after {len(r['new_panels'])} configurations | {r['peak_rss_mb']:.0f} MB | "
        f"+{extra:.0f} MB | ≤ +300 MB |",
        f"| server peak RSS after the concurrent sessions too | {r['peak_rss_end_mb']:.0f} MB | "
        f"+{r['peak_rss_end_mb'] - r['rss_after_import_mb']:.0f} MB | |",
        f"| errors: single session / concurrent (wrong shapes + error elements) | {r['errors_single']} / "
        f"{r['concurrent_errors']} | | 0 |",
    ]
    m = r["machine"]
    lines.append(f"\nMachine: {m['nproc']} CPUs ({m['cpu']}), {m['memory_gb']} GB RAM, Python {m['python']}, "
                 f"load average before the run {m['load_before']:.2f}.")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--configs", type=int, default=50, help="distinct new configurations in one session")
    ap.add_argument("--revisits", type=int, default=10)
    ap.add_argument("--repeats", type=int, default=3, help="cold starts and bare imports")
    ap.add_argument("--floor-repeats", type=int, default=15)
    ap.add_argument("--sessions", type=int, default=8)
    ap.add_argument("--changes", type=int, default=5)
    ap.add_argument("--out", default=str(ROOT / "bench" / "last_run.json"))
    args = ap.parse_args()
    started = time.perf_counter()
    result = asyncio.run(main_async(args))
    result["bench_seconds"] = time.perf_counter() - started
    Path(args.out).write_text(json.dumps(result, indent=1))
    print()
    print(table(result))
    print(f"\n(bench took {result['bench_seconds']:.0f} s; raw numbers in {args.out})")


if __name__ == "__main__":
    main()
