"""The Plotly tensor-flow diagram in a real browser: hovering a tensor shows its named shape, clicking a
layer opens its X-ray, and a long pasted model is there whole, its later layers a pan away."""
from __future__ import annotations

from playwright.sync_api import Page, expect

from .app_page import assert_no_errors, element, open_app, replace_code, wait_until_idle


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
