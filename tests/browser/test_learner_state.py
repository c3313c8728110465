"""The learner's pasted model in a real browser: a language switch and the next change keep it, and the
address bar (copied, or the copy button's link) opens the same model, numbers and language."""
from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

from playwright.sync_api import expect

from .app_page import assert_no_errors, choose, code_box, element, open_app, replace_code, type_number, wait_until_idle

PASTED = '''import keras
from keras import layers

num_classes = 7
units = 16
model = keras.Sequential([
    keras.Input(shape=(20,), batch_size=4),
    layers.Dense(units, activation="relu", name="hidden"),
    layers.Dense(num_classes, name="out"),
])
'''


def test_pasted_model_survives_a_language_switch_and_travels_in_the_address_bar(page, app_url, context):
    open_app(page, app_url + "/")
    replace_code(page, PASTED)
    expect(element(page, "flow_diagram")).to_contain_text("hidden", timeout=60_000)
    wait_until_idle(page)

    choose(page, "lang", "简体中文")
    expect(page.get_by_role("heading", name="Keras 形状探索器")).to_be_visible(timeout=60_000)
    wait_until_idle(page)
    # the selector's label follows the language
    expect(element(page, "preset").get_by_role("combobox")).to_have_value("（你自己的代码）")
    type_number(page, "units", 32)  # the next action after the switch: once, this loaded the default tagger
    changed = PASTED.replace("units = 16", "units = 32")
    expect(code_box(page)).to_have_value(changed, timeout=60_000)
    expect(element(page, "flow_diagram")).to_contain_text("(4, 32)", timeout=60_000)
    wait_until_idle(page)
    page.wait_for_timeout(1000)  # a late rerun would show here
    wait_until_idle(page)
    assert code_box(page).input_value() == changed
    assert_no_errors(page)

    address = page.url
    query = dict(parse_qsl(urlsplit(address).query))
    assert set(query) == {"code", "lang"} and query["lang"] == "zh"
    link = page.locator(".st-key-share_link input").input_value()
    assert link == address, "the share link and the address bar are the same"

    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=app_url)
    page.get_by_role("button", name="复制链接").click()
    expect(page.get_by_role("button", name="已复制")).to_be_visible()
    assert page.evaluate("() => navigator.clipboard.readText()") == address

    other = context.new_page()
    open_app(other, address)
    expect(code_box(other)).to_have_value(changed)
    expect(other.get_by_role("heading", name="Keras 形状探索器")).to_be_visible()
    assert other.locator(".st-key-units input").input_value() == "32"
    assert other.get_by_test_id("stAlertContentWarning").count() == 0
    assert_no_errors(other)
    other.close()
