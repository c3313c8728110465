"""Driving the page from Chromium for the bench: what "visible" and "complete" mean, and the timed actions.

Milestones, each checked in the page by a small JavaScript condition polled on every animation frame (one
page at a time) or every few milliseconds (many pages at once: polling 30 pages on every frame would
itself load the two cores):
- table: the layer table (plain HTML, `.st-key-layer_table table`) shows every expected row, and its data-rows
  attribute (its body rows) is the expected row count;
- inputs: every sidebar number input holds the configuration's value;
- complete: the script is done and connected, nothing is stale or a placeholder, every visible chart is drawn, and
  the table, the diagram (and the X-ray panel, when it is open) show the new model.
"""
from __future__ import annotations

import asyncio
import time

import paint
from expect import Expect
from playwright.async_api import BrowserContext, Page
from playwright.async_api import TimeoutError as PlaywrightTimeout
from probe import Probe, busy_delta

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
VIEWPORT = {"width": 1400, "height": 1000}
TIMEOUT_MS = 300_000

_SQUASH = "const sq = s => (s || '').replace(/\\s+/g, '');"
_TABLE = _SQUASH + """
const tableShows = (rows, count) => [...document.querySelectorAll(".st-key-layer_table table")].some(g => {
  const text = sq(g.textContent);  // textContent: no forced layout on every poll
  return Number(g.dataset.rows) === count && rows.every(r => text.includes(r)); });"""
TABLE_JS = "([rows, count]) => {" + _TABLE + " return tableShows(rows, count); }"
INPUTS_JS = """(inputs) => inputs.every(([key, value]) => {
  const box = document.querySelector(`[data-testid='stSidebar'] .st-key-${key}:not([data-stale='true']) input`);
  return box && !box.disabled && box.value === String(value); })"""
COMPLETE_JS = "([rows, count, diagram, xray]) => {" + _TABLE + """
  const app = document.querySelector("[data-testid='stApp']");
  if (!app || app.dataset.testScriptState !== 'notRunning' || app.dataset.testConnectionState !== 'CONNECTED')
    return false;
  if (document.querySelector("[data-stale='true'], [data-testid='stSkeleton']")) return false;
  if (!tableShows(rows, count)) return false;
  const drawn = sq([...document.querySelectorAll(".st-key-flow_diagram .textpoint text")]
                   .map(e => e.textContent).join(''));
  if (!diagram.every(d => drawn.includes(d))) return false;
  if (!xray.length) return true;
  const panel = document.querySelector(".st-key-open_xray:not([data-stale='true'])");
  const text = panel ? sq(panel.textContent) : '';
  return xray.every(x => text.includes(x)); }"""
ERRORS_JS = ("() => document.querySelectorAll("
             "\"[data-testid='stException'], [data-testid='stAlertContentError']\").length")
FLOOR_JS = """(v) => { const app = document.querySelector("[data-testid='stApp']");
  return app && app.dataset.testScriptState === 'notRunning' && app.dataset.testConnectionState === 'CONNECTED'
    && document.body.innerText.includes('twice the value: ' + v); }"""


def table_arg(e: Expect) -> list:
    return [list(e.rows), e.row_count]


def complete_arg(e: Expect, xray_open: bool = False) -> list:
    return [list(e.rows), e.row_count, list(e.diagram), list(e.xray) if xray_open else []]


async def until(page: Page, js: str, arg, polling="raf", timeout_ms: int = TIMEOUT_MS) -> bool:
    """Wait for the condition; False (not an exception) if it never came: the caller counts it as wrong."""
    try:
        await page.wait_for_function(js, arg=arg, polling=polling, timeout=timeout_ms)
        return True
    except PlaywrightTimeout:
        return False


def field(page: Page, key: str):
    return page.locator(f"[data-testid='stSidebar'] .st-key-{key}:not([data-stale='true']) input")


async def first_visit(context: BrowserContext, url: str, e: Expect, polling="raf",
                      milestones=("table", "inputs", "complete"), probe: bool = False,
                      painted: bool = False) -> tuple[Page, dict]:
    """A new visitor opens url: seconds from navigation to each milestone (None: it never came); with probe,
    also where the time went ("split": see probe.Probe); with painted, the browser's own paint times
    ("paint": seconds after navigation start that the table was painted and the diagram drawn, see paint.py)."""
    if painted:
        await paint.watch(context, drawn=(paint.DIAGRAM, list(e.diagram)), inserted=paint.INSERTED)
    page = await context.new_page()
    watch = await Probe.attach(context, page) if probe else None
    before = await watch.busy() if watch else None
    start = time.perf_counter()
    conditions = {"table": (TABLE_JS, table_arg(e)), "inputs": (INPUTS_JS, [list(p) for p in e.inputs]),
                  "complete": (COMPLETE_JS, complete_arg(e))}
    out: dict[str, float | None] = {}

    async def reach(name: str) -> None:
        js, arg = conditions[name]
        out[name] = time.perf_counter() - start if await until(page, js, arg, polling) else None

    await page.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
    await asyncio.gather(*(reach(name) for name in milestones))
    if watch:
        out["split"] = {**watch.split(start), **busy_delta(before, await watch.busy())}
    if painted:
        seen = await paint.read(page, paint.TABLE, drawn=True)
        out["paint"] = {"table": seen["element"].get(paint.TABLE), "diagram": seen["drawn"],
                        "plotly_received": seen["plotly_received"], "inserted": seen["inserted"],
                        "long": seen["long"]}
    return page, out


async def floor_first_load(context: BrowserContext, url: str) -> tuple[float, dict]:
    """Seconds to a trivial page's first complete load in a new context, and where they went; its "painted":
    seconds after navigation start that its text was painted (Element Timing, see paint.py)."""
    await paint.watch(context, tag=paint.FLOOR_TEXT)
    page = await context.new_page()
    watch = await Probe.attach(context, page)
    before = await watch.busy()
    start = time.perf_counter()
    await page.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
    ok = await until(page, FLOOR_JS, "0")
    seconds = time.perf_counter() - start
    split = {**watch.split(start), **busy_delta(before, await watch.busy())}
    split["painted"] = (await paint.read(page, paint.FLOOR_TEXT["name"]))["element"].get(paint.FLOOR_TEXT["name"])
    await page.close()
    if not ok:
        raise RuntimeError("the floor app never showed its first page")
    return seconds, split


async def floor_plotly_first_load(context: BrowserContext, url: str) -> dict:
    """A trivial page holding one Plotly chart, first load in a new context: seconds after navigation start
    that the chart was drawn ("drawn") and Plotly's chunk received, and where the time went (as the probe's
    split, from the navigation)."""
    await paint.watch(context, drawn=(paint.FLOOR_CHART, paint.FLOOR_CHART_TEXTS))
    page = await context.new_page()
    watch = await Probe.attach(context, page)
    before = await watch.busy()
    start = time.perf_counter()
    await page.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
    seen = await paint.read(page, drawn=True, timeout_ms=TIMEOUT_MS)
    split = {**watch.split(start), **busy_delta(before, await watch.busy())}
    await page.close()
    if seen["drawn"] is None:
        raise RuntimeError("the Plotly floor app never drew its chart")
    return {"drawn": seen["drawn"], "plotly_received": seen["plotly_received"], **split}


async def floor_round_trip(page: Page, value: int, probe: Probe | None = None) -> float:
    box = page.locator("input[aria-label='value']")
    await box.fill(str(value))
    before = await _watch(probe)
    start = time.perf_counter()
    await box.press("Enter")
    if not await until(page, FLOOR_JS, str(2 * value)):
        raise RuntimeError("the floor app never showed the new value")
    seconds = time.perf_counter() - start
    await _split(probe, before, start)
    return seconds


async def _watch(probe: Probe | None) -> dict | None:
    if probe is None:
        return None
    probe.clear()
    return await probe.busy()


async def _split(probe: Probe | None, before: dict | None, start: float) -> None:
    if probe is not None:
        probe.last = {**probe.split(start), **busy_delta(before, await probe.busy())}


async def change(page: Page, key: str, value: int, e: Expect, *, complete: bool = True, xray_open: bool = False,
                 polling="raf", probe: Probe | None = None) -> tuple[float | None, float | None]:
    """Type value into the sidebar's number input `key` and press Enter: seconds until the table shows e,
    and until the page is complete (None: never, within the timeout); with probe, probe.last says where they went."""
    box = field(page, key)
    await box.fill(str(value))
    before = await _watch(probe)
    start = time.perf_counter()
    await box.press("Enter")
    shapes = time.perf_counter() - start if await until(page, TABLE_JS, table_arg(e), polling) else None
    if not complete:
        return shapes, None
    done = await until(page, COMPLETE_JS, complete_arg(e, xray_open), polling)
    seconds = time.perf_counter() - start
    await _split(probe, before, start)
    return shapes, seconds if done else None


async def open_xray(page: Page, e: Expect) -> float | None:
    """Open the collapsed X-ray panel: seconds until it shows this model's Dense layer recomputed."""
    start = time.perf_counter()
    await page.locator(".st-key-open_xray:not([data-stale='true']) summary").first.click()
    return time.perf_counter() - start if await until(page, COMPLETE_JS, complete_arg(e, True)) else None


async def paste(page: Page, code: str, e: Expect) -> tuple[float | None, float | None]:
    """Put code in the code box (one insertion, like a paste) and commit it with Ctrl+Enter: seconds until the
    table shows e, and until the page is complete."""
    box = page.locator(".st-key-code:not([data-stale='true']) textarea")
    await box.click()
    await page.keyboard.press("ControlOrMeta+A")
    await page.keyboard.press("Delete")
    await page.keyboard.insert_text(code)
    start = time.perf_counter()
    await page.keyboard.press("ControlOrMeta+Enter")
    shapes = time.perf_counter() - start if await until(page, TABLE_JS, table_arg(e)) else None
    done = await until(page, COMPLETE_JS, complete_arg(e))
    return shapes, time.perf_counter() - start if done else None


async def table_text(page: Page) -> str:
    """The layer table's text, whitespace removed (to see what a page shows instead)."""
    return await page.evaluate("() => [...document.querySelectorAll(\".st-key-layer_table table\")]"
                               ".map(g => g.textContent.replace(/\\s+/g, '')).join('|')")


async def error_count(page: Page) -> int:
    return await page.evaluate(ERRORS_JS)
