"""What the page does in a real browser: typed values reach every panel, the CSV is the table,
and no error box or browser error shows up at any step."""
from __future__ import annotations

import csv
import io

from playwright.sync_api import expect

from .app_page import (assert_no_errors, choose, code_text, diagram_overlaps, diagram_text, element, open_app,
                       open_panel, table_columns, table_showing, type_number, wait_until_idle)

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
