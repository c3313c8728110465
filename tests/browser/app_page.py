"""Driving the Streamlit page: wait until it is really done, make it still, read what it shows."""
from __future__ import annotations

import time

from playwright.sync_api import Locator, Page, expect

CONNECTED = "[data-testid='stApp'][data-test-connection-state='CONNECTED']"
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
TIMEOUT_MS = 90_000
# Things that differ between runs or machines: the running-man status, the toolbar with its
# Deploy button, the header bar and the top decoration line.
STILL_CSS = """
[data-testid='stStatusWidget'], [data-testid='stToolbar'], [data-testid='stDecoration'],
[data-testid='stHeader'], [data-testid='stAppDeployButton'] { visibility: hidden !important; }
*, *::before, *::after { caret-color: transparent !important; transition: none !important;
  animation: none !important; }
"""
ERROR_SELECTORS = ("[data-testid='stException']", "[data-testid='stAlertContentError']")


def wait_until_idle(page: Page) -> None:
    """Connected, script finished, no placeholder skeleton or stale (faded) element left.
    (The page's tables are plain HTML in its markdown: nothing is drawn after they arrive.)"""
    page.wait_for_selector(CONNECTED, timeout=TIMEOUT_MS)
    page.wait_for_selector(IDLE, timeout=TIMEOUT_MS)
    expect(page.get_by_test_id("stSkeleton")).to_have_count(0, timeout=TIMEOUT_MS)
    expect(page.locator("[data-stale='true']")).to_have_count(0, timeout=TIMEOUT_MS)


def open_app(page: Page, url: str) -> Page:
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.js_errors = errors  # read by assert_no_errors
    page.goto(url)
    # the diagram, or an exception box: a broken app fails at once, with its traceback
    page.wait_for_selector(f".st-key-flow_diagram .textpoint text, {', '.join(ERROR_SELECTORS)}", timeout=TIMEOUT_MS)
    assert_no_errors(page)
    wait_until_idle(page)
    return page


def assert_no_errors(page: Page) -> None:
    """No Streamlit exception or error box on the page, and no uncaught script error in the browser."""
    for selector in ERROR_SELECTORS:
        boxes = page.locator(selector)
        assert boxes.count() == 0, f"{selector} on the page: {boxes.all_inner_texts()}"
    assert not getattr(page, "js_errors", []), f"browser errors: {page.js_errors}"


def make_still(page: Page) -> None:
    """Hide what changes between runs, drop focus and hover, and let fonts settle."""
    if not page.evaluate("() => !!document.getElementById('still-css')"):
        page.add_style_tag(content=STILL_CSS)
        page.evaluate("() => { document.querySelector('style:last-of-type').id = 'still-css'; }")
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    page.mouse.move(0, 0)
    page.evaluate("() => document.fonts.ready")


def fit_viewport_to_page(page: Page) -> None:
    """Make the viewport as tall as the main area's content (the main area scrolls inside itself)."""
    width = page.viewport_size["width"]
    for _ in range(5):
        height = page.evaluate("() => document.querySelector(\"[data-testid='stMain']\").scrollHeight")
        if height == page.viewport_size["height"]:
            return
        page.set_viewport_size({"width": width, "height": height})
        page.wait_for_timeout(200)
        wait_until_idle(page)


def still_screenshot(target: Page | Locator, attempts: int = 10) -> bytes:
    """A screenshot taken twice in a row with identical bytes (a chart or a font may still be settling)."""
    page = target if isinstance(target, Page) else target.page
    previous = target.screenshot(animations="disabled")
    for _ in range(attempts):
        page.wait_for_timeout(150)
        current = target.screenshot(animations="disabled")
        if current == previous:
            return current
        previous = current
    return previous


def table_columns(page: Page, key: str = "layer_table") -> dict[str, list[str]]:
    """The cells of the HTML table with element key `key` (explorer/ui/html_table.py) by column header,
    as shown (numbers with thousands separators); every body row is in the DOM, scrolled into view or not.
    Its row count is checked against the table's data-rows."""
    table = element(page, key).locator("table")
    rows, declared = table.evaluate(
        """t => [[[...t.tHead.rows[0].cells].map(c => c.innerText.trim()),
                  ...[...t.tBodies[0].rows].map(r => [...r.cells].map(c => c.innerText.trim()))],
                 Number(t.dataset.rows)]""")
    head, body = rows[0], rows[1:]
    assert len(body) == declared, f"{len(body)} rows shown, data-rows says {declared}"
    assert len(set(head)) == len(head), f"repeated column headers: {head}"
    return {name: [row[i] for row in body] for i, name in enumerate(head)}


def table_showing(page: Page, wanted: dict[str, list[str]], key: str = "layer_table",
                  timeout_s: float = 30) -> dict[str, list[str]]:
    """The table's columns once the columns named in `wanted` show exactly those cells.

    The page is idle when this is called, but a widget change that arrives late can start one more run, so
    the table is read again until it matches or `timeout_s` passes; the last reading is returned either
    way, for the caller's assertion to show what was there."""
    deadline = time.monotonic() + timeout_s
    while True:
        columns = table_columns(page, key)
        if {name: columns.get(name) for name in wanted} == wanted or time.monotonic() > deadline:
            return columns
        page.wait_for_timeout(200)


def diagram_text(page: Page) -> str:
    """The diagram's labels as drawn (Plotly's text points), one string."""
    return " ".join(t or "" for t in element(page, "flow_diagram").locator(".textpoint text").all_text_contents())


def code_text(page: Page) -> str:
    return "\n".join(page.get_by_test_id("stCode").all_inner_texts())


def element(page: Page, key: str) -> Locator:
    """The current element with widget/element key `key` (not the faded copy kept during a rerun)."""
    return page.locator(f".st-key-{key}:not([data-stale='true'])")


def open_panel(page: Page, key: str) -> Locator:
    """Open the collapsed live panel (an expander) with key `key`; its content is computed now."""
    panel = element(page, key)
    panel.locator("summary").first.click()
    # the content exists only after the rerun the click starts: wait for it, then for the page to settle
    expect(panel.get_by_test_id("stExpanderDetails").get_by_test_id("stElementContainer").first).to_be_visible(
        timeout=60_000)
    wait_until_idle(page)
    return panel


def type_number(page: Page, key: str, value: int) -> None:
    """Type a new value into the sidebar number input `key` and commit it with Enter."""
    field = page.locator(f".st-key-{key} input")
    field.fill(str(value))
    field.press("Enter")


def code_box(page: Page) -> Locator:
    """The "Your model" code box (the st.text_area with key "code")."""
    return page.locator(".st-key-code textarea")


def replace_code(page: Page, code: str, *, typed: bool = False, commit: str = "ctrl+enter") -> None:
    """Select everything in the code box and put `code` there, as keystrokes (typed=True: every
    character, newlines as Enter) or as one paste-like insertion; then commit it with Ctrl+Enter or by
    leaving the box (commit="blur"). Streamlit reruns only at the commit, not on each keystroke."""
    box = code_box(page)
    box.click()
    page.keyboard.press("ControlOrMeta+A")
    page.keyboard.press("Delete")
    if typed:
        page.keyboard.type(code)
    else:
        page.keyboard.insert_text(code)
    assert box.input_value() == code, "the code box does not hold the code that was put in it"
    if commit == "blur":
        box.blur()
    else:
        page.keyboard.press("ControlOrMeta+Enter")


def sidebar_keys(page: Page) -> set[str]:
    """The widget keys of the sidebar's controls (from their st-key-<key> classes)."""
    return set(page.get_by_test_id("stSidebar").evaluate(
        """s => [...s.querySelectorAll("[class*='st-key-']")].flatMap(e => [...e.classList])
                 .filter(c => c.startsWith('st-key-')).map(c => c.slice(7))"""))


def choose(page: Page, key: str, option: str) -> None:
    """Pick `option` in the sidebar selectbox `key`."""
    page.locator(f".st-key-{key} [role='combobox']").click()
    page.get_by_role("option", name=option, exact=True).click()


def diagram_overlaps(page: Page) -> list[str]:
    """Diagram labels whose drawn box overlaps a tensor box or another label (1 px slack), as readable pairs.
    A tensor box is found from the figure's own data (each closed polygon of a filled trace), in pixels."""
    return element(page, "flow_diagram").evaluate(
        """el => {
          const plot = el.querySelector('.js-plotly-plot');
          const full = plot._fullLayout, xa = full.xaxis, ya = full.yaxis;
          const frame = plot.querySelector('.main-svg').getBoundingClientRect();
          const px = x => frame.left + xa._offset + xa.l2p(x), py = y => frame.top + ya._offset + ya.l2p(y);
          const boxes = [];
          plot._fullData.filter(t => t.fill === 'toself').forEach(t => {
            let xs = [], ys = [];
            t.x.forEach((x, i) => {
              if (x === null) {
                boxes.push({name: 'tensor box ' + boxes.length, r: {left: Math.min(...xs), right: Math.max(...xs),
                            top: Math.min(...ys), bottom: Math.max(...ys)}});
                xs = []; ys = [];
              } else { xs.push(px(x)); ys.push(py(t.y[i])); }
            });
          });
          const texts = [...el.querySelectorAll('.textpoint text')]
                          .map(g => ({name: g.textContent, r: g.getBoundingClientRect()})).filter(t => t.name.trim());
          const hit = (a, b) => a.left + 1 < b.right && b.left + 1 < a.right
                                && a.top + 1 < b.bottom && b.top + 1 < a.bottom;
          const found = [];
          texts.forEach((t, i) => {
            boxes.forEach(b => { if (hit(t.r, b.r)) found.push(`${t.name} × ${b.name}`); });
            texts.slice(i + 1).forEach(u => { if (hit(t.r, u.r)) found.push(`${t.name} × ${u.name}`); });
          });
          return found;
        }""")
