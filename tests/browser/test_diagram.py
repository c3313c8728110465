"""The Plotly tensor-flow diagram in a real browser: hovering a tensor shows its named shape, clicking a
layer opens its X-ray, and a long pasted model is there whole, its later layers a pan away; on a phone a tap
shows a layer's details."""
from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from .app_page import assert_no_errors, element, open_app, open_panel, replace_code, wait_until_idle


def point_on_page(page: Page, trace: str, name: str) -> tuple[float, float]:
    """Where the diagram draws the point of trace `trace` ("tensor" or "layer") whose customdata is `name`,
    in page pixels (from Plotly's own axes)."""
    plot = element(page, "flow_diagram").locator(".js-plotly-plot")
    plot.scroll_into_view_if_needed()
    x, y = plot.evaluate(
        """(g, [trace, name]) => {
          const d = g._fullData.find(t => t.name === trace), i = d.customdata.indexOf(name);
          const xa = g._fullLayout.xaxis, ya = g._fullLayout.yaxis;
          return [xa._offset + xa.l2p(d.x[i]), ya._offset + ya.l2p(d.y[i])];
        }""", [trace, name])
    box = plot.bounding_box()
    return box["x"] + x, box["y"] + y


def hover_text(page: Page) -> str:
    return element(page, "flow_diagram").evaluate("el => el.querySelector('.hoverlayer').textContent")


def test_hover_shows_the_named_shape_and_a_click_opens_the_x_ray(page, app_url):
    open_app(page, app_url + "/")
    page.mouse.move(*point_on_page(page, "tensor", "dense"))
    expect(element(page, "flow_diagram").locator(".hoverlayer")).to_contain_text("named: (B, T, U)")
    assert "shape: (30, 50, 200)" in hover_text(page) and "parameters: 15,200" in hover_text(page)

    page.mouse.move(*point_on_page(page, "layer", "bidirectional"))
    expect(element(page, "flow_diagram").locator(".hoverlayer")).to_contain_text("recurrent_kernel (75, 300)")

    page.mouse.click(*point_on_page(page, "layer", "bidirectional"))
    chooser = element(page, "xray_layer")
    expect(chooser.get_by_role("combobox")).to_have_value("bidirectional (Bidirectional(LSTM))", timeout=60_000)
    wait_until_idle(page)
    assert element(page, "open_xray").locator("details").get_attribute("open") is not None
    assert_no_errors(page)


def test_a_long_pasted_model_is_drawn_whole(page, app_url):
    body = "\n".join(f"    layers.Dense(8, name='d{i}')," for i in range(60))
    code = (f"import keras\nfrom keras import layers\n"
            f"model = keras.Sequential([\n    keras.Input((8,), batch_size=2),\n{body}\n])\n")
    open_app(page, app_url + "/")
    replace_code(page, code)
    expect(element(page, "flow_diagram")).to_contain_text("d0", timeout=60_000)
    wait_until_idle(page)
    assert_no_errors(page)
    count = element(page, "flow_diagram").locator(".js-plotly-plot").evaluate(
        "g => g._fullData.find(t => t.name === 'layer').customdata.length")
    assert count == 60
    plot = element(page, "flow_diagram").locator(".js-plotly-plot")
    first, last = point_on_page(page, "layer", "d0"), point_on_page(page, "layer", "d59")
    box = plot.bounding_box()
    assert box["y"] < first[1] < box["y"] + box["height"] < last[1]  # opens on the first bands
    before = plot.evaluate("g => g._fullLayout.yaxis.range.slice()")
    middle = box["x"] + box["width"] / 2
    page.mouse.move(middle, box["y"] + box["height"] - 60)  # drag up: pan down the model
    page.mouse.down()
    page.mouse.move(middle, box["y"] + 80, steps=8)
    page.mouse.up()
    after = plot.evaluate("g => g._fullLayout.yaxis.range.slice()")
    assert after[0] < before[0] and after[1] < before[1]


PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


def test_a_tap_on_the_phone_shows_the_details_and_nothing_scrolls_sideways(browser, browser_context_args, app_url):
    """Issue 20 part 6 on a 390x844 touch screen: the diagram keeps its scale (text at least 11 px, the first
    layers in view), the hints name taps, not hover; a tap shows the layer's details on the chart; the page never
    scrolls sideways."""
    context = browser.new_context(**{**browser_context_args, **PHONE})
    try:
        page = open_app(context.new_page(), app_url + "/")
        main = page.get_by_test_id("stMain")
        assert "Tap a box or an arrow" in main.inner_text() and "Hover a box" not in main.inner_text()
        sizes = element(page, "flow_diagram").evaluate(
            "el => [...el.querySelectorAll('.textpoint text')].map(t => parseFloat(getComputedStyle(t).fontSize))")
        assert sizes and min(sizes) >= 11
        x, y = point_on_page(page, "layer", "embedding")
        box = element(page, "flow_diagram").locator(".js-plotly-plot").bounding_box()
        assert box["x"] < x < box["x"] + box["width"] <= 390  # the first layer is in view, the chart on screen
        page.touchscreen.tap(x, y)  # a tap shows the layer's details on the chart: its weights and parameters
        label = element(page, "flow_diagram").locator(".hoverlayer")
        expect(label).to_contain_text("embeddings (10000, 64)")
        expect(label).to_contain_text("V × E = 10,000 × 64 = 640,000")
        # Known limit (issue 20's note): on touch, Plotly in drag mode selects only a point a tap has shown, and
        # Streamlit passes no click event, so the tap that shows the details below the chart and opens the X-ray
        # is the second one, and under a busy CPU not always: the details box is checked by the AppTest
        # (tests/test_app.py) and the desktop click (test_hover_shows_the_named_shape_and_a_click_opens_the_x_ray),
        # not here.
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
        assert_no_errors(page)
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_phone_never_scrolls_sideways_with_the_x_ray_and_the_code_open(browser, browser_context_args, app_url,
                                                                             lang):
    """Code lines (the code box, the X-ray's lines, the exported code) wrap or scroll inside their boxes."""
    context = browser.new_context(**{**browser_context_args, **PHONE})
    try:
        page = open_app(context.new_page(), f"{app_url}/?lang={lang}")
        width = ("() => [document.documentElement.scrollWidth, "
                 "document.querySelector('[data-testid=stMain]').scrollWidth]")
        assert max(page.evaluate(width)) <= 390
        for key in ("open_xray", "open_export"):
            open_panel(page, key)
            assert max(page.evaluate(width)) <= 390, key
        assert_no_errors(page)
    finally:
        context.close()
