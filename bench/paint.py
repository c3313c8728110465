"""Paint times from the browser's own timing (not DOM text polling), read in the page after a first load.

An init script (Playwright `context.add_init_script`, so it runs before any of the page's scripts) registers:
- a PerformanceObserver for Element Timing entries (`type: "element"`, `buffered: true`): Chromium reports the
  first paint of the text of an element carrying `elementtiming="<name>"`, with its renderTime (the frame's
  presentation time, ms after navigation start). The layer table has it on its first header cell
  (explorer/ui/html_table.py); on a page that we do not want to change (the trivial one), `tag` puts the
  attribute on the first element matching a selector whose text includes a string, from a MutationObserver
  callback (it runs before the next paint, so the element is painted with the attribute);
- for a Plotly chart, `drawn`: a MutationObserver that, once elements matching the selector exist and their
  text holds every expected string, notes performance.now() in the next requestAnimationFrame (the frame that
  paints the SVG Plotly has just drawn);
- the resource timing of Plotly's script chunk (PlotlyChart.*.js): when its download ended;
- where the main thread went meanwhile: when elements matching `inserted` selectors first entered the DOM
  (the same MutationObserver), and every long task (a PerformanceObserver for `longtask`: 50 ms or more of
  uninterrupted main-thread work, during which nothing can be painted).

All times are seconds after navigation start (performance.timeOrigin), for the page and its reference alike.
"""
from __future__ import annotations

import contextlib
import json

from playwright.async_api import BrowserContext, Page
from playwright.async_api import TimeoutError as PlaywrightTimeout

_INIT = """(() => {
  const cfg = %s;
  const paint = window.__benchPaint = {element: {}, drawn: null, inserted: {}, long: []};
  try {
    new PerformanceObserver(list => { for (const e of list.getEntries()) paint.long.push([e.startTime, e.duration]); })
      .observe({type: 'longtask', buffered: true});
    new PerformanceObserver(list => { for (const e of list.getEntries())
      if (!(e.identifier in paint.element)) paint.element[e.identifier] = e.renderTime || e.loadTime; })
      .observe({type: 'element', buffered: true});
  } catch (err) { paint.error = String(err); }
  const sq = s => (s || '').replace(/\\s+/g, '');
  let tagged = !cfg.tag, seen = !cfg.drawn;
  const inserted = Object.entries(cfg.inserted || {});
  const check = () => {
    for (const [name, selector] of inserted)
      if (!(name in paint.inserted) && document.querySelector(selector)) paint.inserted[name] = performance.now();
    if (!tagged) for (const el of document.querySelectorAll(cfg.tag.selector))
      if (sq(el.textContent).includes(sq(cfg.tag.text))) {
        el.setAttribute('elementtiming', cfg.tag.name); tagged = true; break; }
    if (!seen) {
      const els = document.querySelectorAll(cfg.drawn.selector);
      if (els.length) {
        const text = sq([...els].map(e => e.textContent).join(''));
        if (cfg.drawn.texts.every(t => text.includes(sq(t)))) {
          seen = true;
          requestAnimationFrame(() => { paint.drawn = performance.now(); });
        }
      }
    }
    if (tagged && seen && inserted.every(([name]) => name in paint.inserted)) observer.disconnect();
  };
  const observer = new MutationObserver(check);
  observer.observe(document, {childList: true, subtree: true, characterData: true});
})();"""

READ_JS = """() => {
  const p = window.__benchPaint, s = x => (x === null || x === undefined) ? null : x / 1000;
  const plotly = performance.getEntriesByType('resource').find(r => /\\/PlotlyChart\\.[^/]*\\.js/.test(r.name));
  return {element: Object.fromEntries(Object.entries(p.element).map(([k, v]) => [k, s(v)])), drawn: s(p.drawn),
          plotly_received: plotly ? s(plotly.responseEnd) : null, error: p.error || null,
          inserted: Object.fromEntries(Object.entries(p.inserted).map(([k, v]) => [k, s(v)])),
          long: p.long.map(([t, d]) => [s(t), s(d)])}; }"""

TABLE = "shape-table"  # the layer table's Element Timing name (explorer/ui/html_table.py)
DIAGRAM = ".st-key-flow_diagram .main-svg .textpoint text"  # the page's diagram labels, once Plotly drew them
FLOOR_TEXT = {"selector": "[data-testid='stMarkdownContainer'] p", "text": "twice the value: 0", "name": "floor-text"}
FLOOR_CHART = ".st-key-floor_chart .main-svg .textpoint text"
FLOOR_CHART_TEXTS = ["dense (None, 50, 200)"]


INSERTED = {"table": ".st-key-layer_table table", "chart": ".st-key-flow_diagram [data-testid='stPlotlyChart']"}


async def watch(context: BrowserContext, tag: dict | None = None, drawn: tuple[str, list[str]] | None = None,
                inserted: dict[str, str] | None = None) -> None:
    """Register the paint watchers for every page this context opens (before navigating)."""
    cfg = {"tag": tag, "drawn": {"selector": drawn[0], "texts": list(drawn[1])} if drawn else None,
           "inserted": inserted or {}}
    await context.add_init_script(_INIT % json.dumps(cfg))


async def read(page: Page, element: str | None = None, drawn: bool = False, timeout_ms: int = 30_000) -> dict:
    """The page's paint times (seconds after navigation start), after waiting up to timeout_ms for the wanted
    ones: {"element": {name: s}, "drawn": s | None, "plotly_received": s | None}."""
    wanted = " && ".join([f"p.element[{json.dumps(element)}] !== undefined"] * bool(element) +
                         ["p.drawn !== null"] * drawn) or "true"
    with contextlib.suppress(PlaywrightTimeout):  # a paint that never came is reported as None
        await page.wait_for_function(f"() => {{ const p = window.__benchPaint; return p && {wanted}; }}",
                                     polling=50, timeout=timeout_ms)
    return await page.evaluate(READ_JS)
