"""What the page does in a real browser: typed values reach every panel, the CSV is the table,
and no error box or browser error shows up at any step."""
from __future__ import annotations

import csv
import io

from playwright.sync_api import expect

from .app_page import (assert_no_errors, choose, code_text, diagram_overlaps, diagram_text, element, open_app,
                       open_panel, replace_code, table_columns, table_showing, type_number, wait_until_idle)

DEFAULT_OUTPUTS = ["(30, 50)", "(30, 50, 64)", "(30, 50, 75)", "(30, 50, 200)", "(30, 50, 6)"]


def test_typed_values_reach_table_diagram_and_demo(page, app_url):
    open_app(page, app_url + "/")
    assert_no_errors(page)
    assert table_columns(page)["Output shape"] == DEFAULT_OUTPUTS
    assert "kernel (75, 200)" in diagram_text(page)
    open_panel(page, "open_xray")  # stays open across the changes below
    assert "(B·T, F) = (1500, 75)" in code_text(page)
    assert diagram_overlaps(page) == []

    type_number(page, "lstm_units", 128)
    expect(element(page, "flow_diagram")).to_contain_text("kernel (128, 200)", timeout=60_000)
    wait_until_idle(page)
    assert_no_errors(page)
    columns = table_showing(page, {"Output shape": ["(30, 50)", "(30, 50, 64)", "(30, 50, 128)", "(30, 50, 200)",
                                                   "(30, 50, 6)"]})
    assert columns["Output shape"][2] == "(30, 50, 128)"
    assert columns["Parameters"][2] == f"{2 * 4 * 128 * (64 + 128 + 1):,}"  # shown with thousands separators
    assert "(B·T, F) = (1500, 128)" in code_text(page)

    choose(page, "merge_mode", "concat")
    expect(element(page, "flow_diagram")).to_contain_text("kernel (256, 200)", timeout=60_000)
    wait_until_idle(page)
    assert_no_errors(page)
    columns = table_showing(page, {"Output shape": ["(30, 50)", "(30, 50, 64)", "(30, 50, 256)", "(30, 50, 200)",
                                                   "(30, 50, 6)"]})
    assert columns["Output shape"][2:4] == ["(30, 50, 256)", "(30, 50, 200)"]
    assert columns["Weights"][3] == "kernel (256, 200); bias (200,)"
    labels = diagram_text(page)
    assert "(30, 50, 256)" in labels and "merge_mode=concat" in labels and "(30, 50, 75)" not in labels
    assert "(B·T, F) = (1500, 256)" in code_text(page)
    assert diagram_overlaps(page) == [], "diagram labels must not overlap each other or the tensor boxes"

    type_number(page, "batch_size", 8)
    expect(element(page, "flow_diagram")).to_contain_text("(8, 50, 256)", timeout=60_000)
    wait_until_idle(page)
    assert_no_errors(page)
    batch_8 = ["(8, 50)", "(8, 50, 64)", "(8, 50, 256)", "(8, 50, 200)", "(8, 50, 6)"]
    assert table_showing(page, {"Output shape": batch_8})["Output shape"] == batch_8
    code = code_text(page)
    assert "(B·T, F) = (400, 256)" in code and "out.reshape(8, 50, 200)" in code
    assert "(30, 50" not in diagram_text(page)
    assert diagram_overlaps(page) == []


def test_csv_download_matches_the_table(page, app_url):
    open_app(page, app_url + "/")
    with page.expect_download() as info:
        page.locator(".st-key-download_table button").click()
    download = info.value
    assert download.suggested_filename == "layer_shapes.csv"
    rows = list(csv.reader(io.StringIO(download.path().read_text(encoding="utf-8"))))
    shown = table_columns(page)
    assert rows[0] == list(shown), "the CSV's columns are the table's, in order"
    params = rows[0].index("Parameters")  # the CSV's counts are plain; the table shows them as "84,000"
    assert [list(r) for r in zip(*shown.values())] == [
        [f"{int(cell):,}" if i == params else cell for i, cell in enumerate(row)] for row in rows[1:]]
    assert sum(int(r[rows[0].index("Parameters")]) for r in rows[1:]) == 740_406
    assert_no_errors(page)


FOLD_PASTED = """import keras
from keras import layers

inputs = keras.Input(shape=(40,), dtype="int32")
x = layers.Embedding(5000, 32)(inputs)
x = layers.Bidirectional(layers.GRU(48, return_sequences=True))(x)
x = layers.Dense(100, activation="relu")(x)
outputs = layers.Dense(9, activation="softmax")(x)
model = keras.Model(inputs, outputs)
"""


def _boxes(page, key: str, rows: int) -> tuple[dict, list[dict]]:
    """The bounding box of element `key` and those of the layer table's first `rows` body rows' Layer and
    Output shape cells (a wide table scrolls sideways in its box: the columns after these may be out of view)."""
    cells = []
    for i in range(rows):
        row = element(page, "layer_table").locator("tbody tr").nth(i)
        cells += [row.locator("td").nth(0).bounding_box(), row.locator("td").nth(3).bounding_box()]
    return element(page, key).bounding_box(), cells


def _in_view(box: dict, viewport: dict) -> bool:
    return box["x"] >= 0 and box["y"] >= 0 and box["x"] + box["width"] <= viewport["width"] + 0.5 \
        and box["y"] + box["height"] <= viewport["height"] + 0.5


def test_answer_and_table_above_the_fold(page, app_url):
    """Issue 18: at 1400x900 the answer and the shape table's first rows show without scrolling, on arrival and
    right after the code is edited (the page does not move: the result sits beside the code)."""
    page.set_viewport_size({"width": 1400, "height": 900})
    open_app(page, app_url + "/")
    viewport = page.viewport_size
    answer, rows = _boxes(page, "answer", 2)
    assert _in_view(answer, viewport), f"the answer {answer} is not within {viewport}"
    assert all(_in_view(row, viewport) for row in rows), f"the first rows {rows} are not within {viewport}"
    replace_code(page, FOLD_PASTED)
    expect(element(page, "layer_table")).to_contain_text("(None, 40, 96)", timeout=60_000)
    wait_until_idle(page)
    assert_no_errors(page)
    answer, rows = _boxes(page, "answer", 2)
    assert "(96, 100)" in element(page, "answer").inner_text()
    assert _in_view(answer, viewport), f"after the edit, the answer {answer} is not within {viewport}"
    assert all(_in_view(row, viewport) for row in rows), f"after the edit, the first rows {rows} are not in view"


def test_phone_shows_each_output_shape(browser, browser_context_args, app_url):
    """Issue 20: on a 390x844 phone every layer's output-shape cell is within the screen's width (the table
    stacks its rows), and the code box names no keyboard shortcut."""
    context = browser.new_context(**{**browser_context_args, "viewport": {"width": 390, "height": 844},
                                     "is_mobile": True, "has_touch": True})
    try:
        page = open_app(context.new_page(), app_url + "/")
        header = table_columns(page)
        assert header["Output shape"] == DEFAULT_OUTPUTS
        cells = element(page, "layer_table").evaluate(
            """el => { const t = el.querySelector('table');
                       const at = [...t.tHead.rows[0].cells].findIndex(c => c.innerText.trim() === 'Output shape');
                       return [...t.tBodies[0].rows].map(r => { const b = r.cells[at].getBoundingClientRect();
                                                                 return [b.left, b.right, b.width]; }); }""")
        assert len(cells) == len(DEFAULT_OUTPUTS)
        for left, right, width in cells:
            assert width > 0 and left >= 0 and right <= 390.5, f"an output-shape cell at {left}..{right} px"
        assert "Ctrl+Enter" not in page.get_by_test_id("stMain").inner_text()
        assert_no_errors(page)
    finally:
        context.close()
