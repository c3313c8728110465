"""Latency, memory and concurrency benchmark of the page, with its references measured in the same run.

    python bench/run.py           # about 7 minutes on 2 cores; prints the tables, raw numbers in bench/last_run.json
    python bench/run.py --quick   # under 3 minutes: fewer configurations, repeats and sessions

Starts the app with `streamlit run` (through bench/timed_server.py, which logs the server's own time per script
run), drives it from headless Chromium with Playwright, and measures, against references taken in the same run:
second visitors to a warm server (against a trivial Streamlit page's first load; their table's paint and their
diagram's drawing by the browser's own timing, against the trivial page's paint and a trivial page holding one
Plotly chart), new and revisited
configurations (against the trivial page's round trip and the notebook), a pasted 30-layer model (against the
pasted tagger), cold start (against a bare `import tensorflow`), memory after 50 configurations, 8 concurrent
sessions, and a class of 30 sessions opening the link within 10 s. See bench/README.md.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from browser import (CHROMIUM, CHROMIUM_ARGS, COMPLETE_JS, TIMEOUT_MS, VIEWPORT, change,  # noqa: E402
                     complete_arg, error_count, first_visit, floor_first_load, floor_plotly_first_load,
                     floor_round_trip, open_xray, paste, table_text, until)
from expect import tagger, tagger_code, thirty_layers  # noqa: E402
from playwright.async_api import async_playwright  # noqa: E402
import paint  # noqa: E402
from probe import Probe, profile  # noqa: E402
from report import table  # noqa: E402
from server import (cpu_by_name, descendants_cpu, machine, machine_busy_seconds, read_runs,  # noqa: E402
                    start_server, status_kb, stop_server, wait_healthy)
from tagger_config import Config  # noqa: E402

FLOOR_PORT, FLOOR_PLOTLY_PORT = 8670, 8679  # the trivial page, and the trivial page holding one Plotly chart
COLD_PORTS = range(8671, 8679)  # one cold-start server per repeat; the last one stays up
QUICK = {"configs": 10, "revisits": 4, "repeats": 1, "floor_repeats": 8, "visitors": 2, "pastes": 1, "sessions": 4,
         "changes": 2, "class_size": 10}


# ---------------------------------------------------------------- the configurations a learner walks through

LEARNER_RANGES = {"vocab_size": (1_000, 50_000), "embed_dim": (8, 256), "seq_len": (5, 120), "lstm_units": (8, 256),
                  "dense_units": (16, 512), "count_classes": (1, 20), "batch_size": (1, 64)}


def learner_walk(start: Config, n: int, seed: int, seen: set[Config]) -> list[tuple[str, int, Config]]:
    """n single-field changes, each to a configuration not in seen (seen is updated)."""
    rng = random.Random(seed)
    steps, cfg = [], start
    while len(steps) < n:
        key = rng.choice(list(LEARNER_RANGES))
        new = replace(cfg, **{key: rng.randint(*LEARNER_RANGES[key])})
        if new in seen:
            continue
        seen.add(new)
        steps.append((key, getattr(new, key), new))
        cfg = new
    return steps


def revisits(history: list[Config], n: int) -> list[tuple[str, int, Config]]:
    """n single-field changes back and forth over the last three configurations of history (all seen)."""
    steps, at, direction = [], len(history) - 1, -1
    for _ in range(n):
        if not len(history) - 3 <= at + direction <= len(history) - 1:
            direction = -direction
        new = history[at + direction]
        key = next(k for k in LEARNER_RANGES if getattr(new, k) != getattr(history[at], k))
        steps.append((key, getattr(new, key), new))
        at += direction
    return steps


# ---------------------------------------------------------------- references without a browser

def bare_import_seconds(repeats: int) -> list[float]:
    out = []
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import tensorflow"], check=True, capture_output=True,
                       env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2"})
        out.append(time.perf_counter() - start)
    return out


def notebook(configs: list[Config]) -> dict:
    payload = json.dumps([c.as_dict() for c in configs])
    res = subprocess.run([sys.executable, str(ROOT / "bench" / "notebook.py")], input=payload, text=True,
                         capture_output=True, check=True, env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2"})
    return json.loads(res.stdout.strip().splitlines()[-1])


# ---------------------------------------------------------------- the server's side of a browser measurement

def server_share(log: Path, windows: list[tuple[float, float]]) -> list[dict | None]:
    """For each (start, end) window of one session's action: the whole-page script runs that started in it,
    as {"wall": first start to last end, "cpu": thread CPU, "table": first start to the table's sending}."""
    runs = [r for r in read_runs(log) if not r["fragment"]]
    out = []
    for start, end in windows:
        inside = [r for r in runs if start <= r["start"] <= end]
        if not inside:
            out.append(None)
            continue
        sent = [p[1] for r in inside for p in r["passes"] if p[1] is not None]
        out.append({"wall": inside[-1]["end"] - inside[0]["start"], "cpu": sum(r["cpu"] for r in inside),
                    "table": sent[-1] - inside[0]["start"] if sent else None})
    return out


# ---------------------------------------------------------------- the phases

def runs_between(log: Path, start: float, end: float) -> list[dict]:
    """The whole-page script runs that started within [start, end]: wall, CPU, passes and time to the table."""
    return [{"session": r["session"], "wall": r["wall"], "cpu": r["cpu"], "passes": len(r["passes"]),
             "table": next((p[1] - r["start"] for p in reversed(r["passes"]) if p[1]), None)}
            for r in read_runs(log, start, end) if not r["fragment"]]


def idle_chromium(folder: Path) -> tuple[str, str]:
    """A launcher that runs Chromium and all its processes under SCHED_IDLE (they get a core only when nothing
    else wants it), and what it does. Chromium running as root sets its own threads' nice values (down to -8),
    so `nice` alone does nothing; without CAP_SYS_NICE it cannot leave the idle class."""
    if not (shutil.which("setpriv") and shutil.which("chrt")):
        return CHROMIUM, "normal priority (setpriv or chrt missing)"
    path = folder / "chromium-idle"
    path.write_text(f'#!/bin/sh\nexec setpriv --bounding-set -sys_nice chrt --idle 0 {CHROMIUM} "$@"\n')
    path.chmod(0o755)
    return str(path), "SCHED_IDLE, without CAP_SYS_NICE"


class Bench:
    def __init__(self, args, playwright, browser, log_dir: Path):
        self.args, self.playwright, self.browser, self.log_dir = args, playwright, browser, log_dir
        self.proc: subprocess.Popen | None = None
        self.port = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    @property
    def log(self) -> Path:
        return self.log_dir / f"runs_{self.port}.jsonl"

    async def context(self, browser=None):
        context = await (browser or self.browser).new_context(viewport=VIEWPORT)
        context.set_default_timeout(TIMEOUT_MS)  # a starved browser is slow, not broken
        return context

    def cpu(self) -> dict[int, tuple[str, float]]:
        """CPU so far of the bench and everything it started, the server named apart."""
        return {pid: ("server" if pid == self.proc.pid else "bench" if pid == os.getpid() else name, seconds)
                for pid, (name, seconds) in descendants_cpu(os.getpid()).items()}


async def floor_round_trips(b: Bench, url: str, repeats: int) -> tuple[list[float], list[dict]]:
    context = await b.context()
    page = await context.new_page()
    probe = await Probe.attach(context, page)
    await page.goto(url)
    if not await until(page, "() => document.body.innerText.includes('twice the value: 0')", None):
        raise RuntimeError("the floor app never showed its page")
    seconds, splits = [], []
    for i in range(1, repeats + 1):
        seconds.append(await floor_round_trip(page, i, probe))
        splits.append(probe.last)
    await context.close()
    return seconds, splits


async def cold_starts(b: Bench, repeats: int) -> tuple[list[float], list[dict], object]:
    """Seconds from starting the server to the first complete default page, and when (after the start) the
    server answered, began the first visitor's run, sent its table and ended it; the last server and page stay."""
    seconds, splits, kept = [], [], None
    for i in range(repeats):
        context = await b.context()
        page = await context.new_page()
        b.port = COLD_PORTS[i]
        start, wall = time.perf_counter(), time.time()
        b.proc = start_server("app.py", b.port, b.log)
        wait_healthy(b.port, b.proc)
        healthy = time.perf_counter() - start
        await page.goto(b.url, wait_until="commit")
        if not await until(page, COMPLETE_JS, complete_arg(tagger(Config()))):
            raise RuntimeError("the first page never completed")
        seconds.append(time.perf_counter() - start)
        first = await first_run(b.log)
        sent = [p[1] for p in first["passes"] if p[1] is not None]
        splits.append({"healthy": healthy, "run_start": first["start"] - wall, "run_end": first["end"] - wall,
                       "table_sent": sent[-1] - wall if sent else None})
        if i < repeats - 1:
            await context.close()
            stop_server(b.proc)
        else:
            kept = page
    return seconds, splits, kept


async def first_run(log: Path, timeout_s: float = 10) -> dict:
    """The server's first logged run (the line is written after Streamlit's post-run cleanup)."""
    end = time.monotonic() + timeout_s
    while not (runs := read_runs(log)) and time.monotonic() < end:
        await asyncio.sleep(0.05)
    if not runs:
        raise RuntimeError(f"no script run logged in {log}")
    return runs[0]


async def second_visitors(b: Bench, floor_url: str, floor_plotly_url: str, repeats: int) -> dict:
    """In turn: a trivial page's first load, a trivial page with one Plotly chart's first load, and a new
    visitor's first load of the (warm) app; each in a new browser context, with the browser's paint times."""
    out: dict = {"floor_first_load": [], "floor_split": [], "floor_plotly": [], "table": [], "inputs": [],
                 "complete": [], "split": [], "paint": [], "server": [], "errors": 0}
    for _ in range(repeats):
        context = await b.context()
        seconds, split = await floor_first_load(context, floor_url)
        out["floor_first_load"].append(seconds)
        out["floor_split"].append(split)
        await context.close()
        context = await b.context()
        out["floor_plotly"].append(await floor_plotly_first_load(context, floor_plotly_url))
        await context.close()
        context = await b.context()
        t0 = time.time()
        page, times = await first_visit(context, b.url, tagger(Config()), probe=True, painted=True)
        out["server"] += server_share(b.log, [(t0, time.time())])
        for name in ("table", "inputs", "complete", "split", "paint"):
            out[name].append(times[name])
        out["errors"] += await error_count(page)
        await context.close()
    return out


async def profiled_visit(b: Bench) -> dict[str, float]:
    """One more new visitor (not in the medians), with the page's main thread profiled until complete."""
    context = await b.context()
    page = await context.new_page()
    probe = await Probe.attach(context, page)

    async def visit() -> None:
        await page.goto(b.url, wait_until="commit")
        await until(page, COMPLETE_JS, complete_arg(tagger(Config())))

    seconds = await profile(probe, visit)
    await context.close()
    return seconds


async def profiled_floor_plotly(b: Bench, url: str) -> dict[str, float]:
    """One more first load of the trivial page with one Plotly chart (not in the medians), its main thread
    profiled until the chart is drawn."""
    context = await b.context()
    page = await context.new_page()
    probe = await Probe.attach(context, page)

    async def visit() -> None:
        await page.goto(url, wait_until="commit")
        await until(page, "(s) => document.querySelectorAll(s).length > 0", paint.FLOOR_CHART)

    seconds = await profile(probe, visit)
    await context.close()
    return seconds


async def profiled_change(page, cfg: Config) -> dict[str, float]:
    """One more new configuration (not in the medians) with the main thread profiled, then back to cfg."""
    probe = await Probe.attach(page.context, page)
    target = replace(cfg, lstm_units=257 if cfg.lstm_units != 257 else 258)  # outside the walk's range
    seconds = await profile(probe, lambda: change(page, "lstm_units", target.lstm_units, tagger(target)))
    await probe.detach()
    await change(page, "lstm_units", cfg.lstm_units, tagger(cfg))
    return seconds


async def walk(b: Bench, page, steps, *, xray_open: bool) -> dict:
    out: dict[str, list] = {"shapes": [], "complete": [], "windows": [], "split": []}
    probe = await Probe.attach(page.context, page)
    for key, value, target in steps:
        t0 = time.time()
        shapes, done = await change(page, key, value, tagger(target), xray_open=xray_open, probe=probe)
        out["windows"].append((t0, time.time()))
        out["split"].append(probe.last)
        if shapes is None or done is None:
            raise RuntimeError(f"the page never showed {target}")
        out["shapes"].append(shapes)
        out["complete"].append(done)
    await probe.detach()
    out["server"] = server_share(b.log, out.pop("windows"))
    return out


async def pasted(b: Bench, repeats: int) -> dict:
    """The tagger's code and a 30-layer model's, each pasted into the code box with numbers never seen."""
    context = await b.context()
    page, _ = await first_visit(context, b.url, tagger(Config()), milestones=("complete",))
    out: dict[str, list] = {"tagger": [], "tagger_complete": [], "layers30": [], "layers30_complete": []}
    windows: dict[str, list] = {"tagger": [], "layers30": []}
    for k in range(repeats):
        cfg = replace(Config(), lstm_units=270 + k, seq_len=130 + k)  # outside the walk's ranges: never seen
        code30, e30 = thirty_layers(seq_len=41 + k, units=20 + 3 * k)
        for name, code, e in (("tagger", tagger_code(cfg), tagger(cfg)), ("layers30", code30, e30)):
            t0 = time.time()
            shapes, done = await paste(page, code, e)
            windows[name].append((t0, time.time()))
            if shapes is None or done is None:
                raise RuntimeError(f"the pasted {name} model never showed its table")
            out[name].append(shapes)
            out[f"{name}_complete"].append(done)
    out["errors"] = await error_count(page)
    out["server_tagger"] = server_share(b.log, windows["tagger"])
    out["server_layers30"] = server_share(b.log, windows["layers30"])
    await context.close()
    return out


async def concurrent(b: Bench, starts: list[Config], steps: list[list]) -> dict:
    """Sessions that each open their own link, wait until everyone has a page, then change at once. Their
    browser runs at idle CPU priority, as the class's does: 8 renderers at normal priority took most of the
    two cores from the server (they used ~190 % CPU against the server's ~23 % in an earlier run), and each
    student's browser would be on their own machine."""
    loaded, go = asyncio.Semaphore(0), asyncio.Event()
    executable, priority = idle_chromium(b.log_dir)
    browser = await b.playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)

    async def session(cfg: Config, plan) -> tuple[list, list, int]:
        context = await b.context(browser)
        query = "&".join(f"{k}={v}" for k, v in cfg.as_dict().items())
        page, first = await first_visit(context, f"{b.url}?{query}", tagger(cfg), polling=20,
                                        milestones=("complete",))
        loaded.release()
        await go.wait()
        shapes, done, wrong = [], [], int(first["complete"] is None)
        for key, value, target in plan:
            s, d = await change(page, key, value, tagger(target), polling=20)
            wrong += s is None or d is None
            shapes += [s] if s is not None else []
            done += [d] if d is not None else []
        errors = await error_count(page)
        await context.close()
        return shapes, done, wrong + errors

    tasks = [asyncio.create_task(session(c, s)) for c, s in zip(starts, steps)]
    for _ in tasks:
        await loaded.acquire()
    t0 = time.time()
    go.set()
    outs = await asyncio.gather(*tasks)
    await browser.close()
    return {"shapes": [x for o in outs for x in o[0]], "complete": [x for o in outs for x in o[1]],
            "errors": sum(o[2] for o in outs), "server_runs": runs_between(b.log, t0, time.time()),
            "browser_priority": priority}


async def a_class(b: Bench, size: int, window_s: float) -> dict:
    """`size` students open the link within window_s seconds; each changes lstm_units, then dense_units, to
    values nobody else uses. One browser of its own, at idle CPU priority (the students' browsers would be on
    their own machines; here they must not take the cores from the server), one context (own cookies, cache,
    page and Streamlit session) per student. At the end each page must show its own model, complete."""
    polling = 200  # ms: 30 pages polling on every animation frame would load the cores themselves
    executable, priority = idle_chromium(b.log_dir)
    browser = await b.playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
    finals = [replace(Config(), lstm_units=300 + i, dense_units=600 + i) for i in range(size)]  # walk: ≤ 256 / 512
    t0, cpu0, busy0 = time.time(), b.cpu(), machine_busy_seconds()

    async def student(i: int):
        await asyncio.sleep(i * window_s / size)
        context = await b.context(browser)
        cfg, first, changes, stalled, page = Config(), {"table": None, "inputs": None}, [], 0, None
        try:
            page, first = await first_visit(context, b.url, tagger(Config()), polling=polling,
                                            milestones=("table", "inputs"))
            for key in ("lstm_units", "dense_units"):
                cfg = replace(cfg, **{key: getattr(finals[i], key)})
                shapes, _ = await change(page, key, getattr(cfg, key), tagger(cfg), complete=False, polling=polling)
                changes.append(shapes)
        except Exception as exc:  # the bench could not drive this page (not the server's answer): noted apart
            print(f"  student {i}: {type(exc).__name__}: {str(exc).splitlines()[0][:160]}", flush=True)
            stalled += 1
        return context, page, cfg, first, changes, stalled

    students = await asyncio.gather(*(student(i) for i in range(size)))
    t1, cpu1, busy1 = time.time(), b.cpu(), machine_busy_seconds()
    out: dict = {"first_table": [], "first_inputs": [], "change_table": [], "never": 0, "wrong": 0, "crossed": 0,
                 "stalled": 0, "errors": 0, "seconds": t1 - t0, "cpu": cpu_by_name(cpu0, cpu1),
                 "machine_busy_cpu": busy1 - busy0, "browser_priority": priority}
    for i, (context, page, cfg, first, changes, stalled) in enumerate(students):
        out["first_table"] += [first["table"]] if first["table"] is not None else []
        out["first_inputs"] += [first["inputs"]] if first["inputs"] is not None else []
        out["change_table"] += [c for c in changes if c is not None]
        out["never"] += (first["table"] is None) + sum(c is None for c in changes)  # a table that never came
        out["stalled"] += stalled
        if page is not None and not stalled:
            own = await until(page, COMPLETE_JS, complete_arg(tagger(cfg)), polling=polling, timeout_ms=60_000)
            if not own:  # what does it show instead: another student's model?
                shown = await table_text(page)
                out["wrong"] += 1
                out["crossed"] += any(all(row in shown for row in tagger(other).rows[1:5])
                                      for j, other in enumerate(finals) if j != i)
            out["errors"] += await error_count(page)
        await context.close()
    await browser.close()
    out["server_runs"] = runs_between(b.log, t0, t1)
    out["sessions_seen"] = len({r["session"] for r in out["server_runs"]})
    return out


async def main_async(args) -> dict:
    result: dict = {"machine": machine(), "args": vars(args)}
    seen: set[Config] = {Config()}
    steps = learner_walk(Config(), args.configs, seed=5, seen=seen)
    half = args.configs // 2
    concurrent_starts = [replace(Config(), batch_size=100 + i) for i in range(args.sessions)]  # walk: batch ≤ 64
    seen.update(concurrent_starts)
    concurrent_steps = [learner_walk(c, args.changes, seed=100 + i, seen=seen) for i, c in enumerate(concurrent_starts)]

    print("bare `import tensorflow` ...", flush=True)
    result["bare_import"] = bare_import_seconds(args.repeats)
    print("notebook reference ...", flush=True)
    nb = notebook([c for _, _, c in steps])
    result["notebook"], result["rss_after_import_mb"] = nb["seconds"], nb["rss_after_import_mb"]

    log_dir = Path(tempfile.mkdtemp(prefix="bench_runs_"))
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        b = Bench(args, p, browser, log_dir)
        floor_proc = start_server("bench/floor_app.py", FLOOR_PORT)
        floor_plotly_proc = start_server("bench/floor_plotly_app.py", FLOOR_PLOTLY_PORT)
        floor_url = f"http://127.0.0.1:{FLOOR_PORT}/"
        floor_plotly_url = f"http://127.0.0.1:{FLOOR_PLOTLY_PORT}/"
        try:
            wait_healthy(FLOOR_PORT, floor_proc)
            wait_healthy(FLOOR_PLOTLY_PORT, floor_plotly_proc)
            print("trivial page: round trips ...", flush=True)
            result["floor"], result["floor_split"] = await floor_round_trips(b, floor_url, args.floor_repeats)
            print("cold start ...", flush=True)
            result["cold"], result["cold_split"], page = await cold_starts(b, args.repeats)
            result["rss_first_page_mb"] = status_kb(b.proc.pid, "VmRSS") / 1024

            print("second visitors (and the trivial pages' first loads, with and without a Plotly chart) ...",
                  flush=True)
            result["visitor"] = await second_visitors(b, floor_url, floor_plotly_url, args.visitors)
            result["profile_first_load"] = await profiled_visit(b)
            result["profile_floor_plotly"] = await profiled_floor_plotly(b, floor_plotly_url)

            print(f"{len(steps)} new configurations ({half} with the panels closed, the rest with the X-ray open)",
                  flush=True)
            result["new_closed"] = await walk(b, page, steps[:half], xray_open=False)
            last = steps[half - 1][2]
            result["profile_change"] = await profiled_change(page, last)
            result["open_xray"] = await open_xray(page, tagger(last))
            result["new_xray"] = await walk(b, page, steps[half:], xray_open=True)
            result["rss_after_walk_mb"] = status_kb(b.proc.pid, "VmRSS") / 1024
            result["peak_rss_after_walk_mb"] = status_kb(b.proc.pid, "VmHWM") / 1024

            print("revisited configurations ...", flush=True)
            result["revisit"] = await walk(b, page, revisits([Config()] + [c for _, _, c in steps], args.revisits),
                                           xray_open=True)
            result["errors_single"] = await error_count(page)
            await page.context.close()

            print("pasted models ...", flush=True)
            result["pasted"] = await pasted(b, args.pastes)

            print(f"{args.sessions} concurrent sessions x {args.changes} changes ...", flush=True)
            result["concurrent"] = await concurrent(b, concurrent_starts, concurrent_steps)

            print(f"a class: {args.class_size} sessions within {args.class_window:g} s, two changes each ...",
                  flush=True)
            result["class"] = await a_class(b, args.class_size, args.class_window)
            result["rss_end_mb"] = status_kb(b.proc.pid, "VmRSS") / 1024
            result["peak_rss_end_mb"] = status_kb(b.proc.pid, "VmHWM") / 1024
        finally:
            if b.proc is not None:
                stop_server(b.proc)
            stop_server(floor_proc)
            stop_server(floor_plotly_proc)
            await browser.close()
            if args.keep_log:
                print(f"the server's run log: {b.log}", flush=True)
            else:
                shutil.rmtree(log_dir, ignore_errors=True)
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="a short run (under 3 minutes): " +
                    ", ".join(f"{k}={v}" for k, v in QUICK.items()))
    ap.add_argument("--configs", type=int, default=50, help="distinct new configurations in one session (half with "
                    "the panels closed, half with the X-ray open)")
    ap.add_argument("--revisits", type=int, default=10)
    ap.add_argument("--repeats", type=int, default=3, help="cold starts and bare imports")
    ap.add_argument("--floor-repeats", type=int, default=15, help="round trips on the trivial page")
    ap.add_argument("--visitors", type=int, default=5,
                    help="second visitors (each against a trivial page's first load)")
    ap.add_argument("--pastes", type=int, default=3, help="pastes of the tagger and of the 30-layer model")
    ap.add_argument("--sessions", type=int, default=8, help="concurrent sessions")
    ap.add_argument("--changes", type=int, default=5, help="changes per concurrent session")
    ap.add_argument("--class-size", type=int, default=30)
    ap.add_argument("--class-window", type=float, default=10.0, help="seconds over which the class opens the link")
    ap.add_argument("--out", default=str(ROOT / "bench" / "last_run.json"))
    ap.add_argument("--keep-log", action="store_true", help="keep the server's per-run log (a temporary folder)")
    args = ap.parse_args()
    if args.quick:
        for key, value in QUICK.items():
            setattr(args, key, value)
    if args.configs < 4 or args.repeats > len(COLD_PORTS):
        ap.error(f"--configs must be at least 4 and --repeats at most {len(COLD_PORTS)}")
    started = time.perf_counter()
    result = asyncio.run(main_async(args))
    result["bench_seconds"] = time.perf_counter() - started
    Path(args.out).write_text(json.dumps(result, indent=1))
    print()
    print(table(result))
    print(f"\n(bench took {result['bench_seconds']:.0f} s; raw numbers in {args.out})")


if __name__ == "__main__":
    main()
