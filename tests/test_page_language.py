"""The whole page in Chinese: every catalog string the page asks for is shown in Chinese, and no English
catalog text appears anywhere on it (titles, markdown, captions, widget labels and help, code, tables,
figures). A string hard-coded in English in a panel, or missing from the ZH catalog, makes this fail."""
import json
import re
import string

import pytest
from google.protobuf.json_format import MessageToDict
from streamlit.testing.v1 import AppTest

import explorer.i18n as i18n
from conftest import ROOT
from explorer.presets import preset_code
from explorer.ui import cache
from page_tables import page_tables

LETTERS = re.compile(r"[A-Za-z]{3,}")
TAGS = re.compile(r"<[^<>]+>")


def literal_parts(text: str) -> list[str]:
    return [lit for lit, _, _, _ in string.Formatter().parse(text) if lit]


def strings_in(value) -> list[str]:
    """Every string inside a proto-as-dict, JSON strings decoded so their text is searchable."""
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings_in(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings_in(v)]
    if isinstance(value, str):
        if value[:1] in "{[":
            try:
                return [value] + strings_in(json.loads(value))
            except ValueError:
                pass
        return [value]
    return []


def page_text(at: AppTest) -> str:
    parts = []
    for root in (at.main, at.sidebar):
        for node in root:
            proto = getattr(node, "proto", None)
            if proto is not None and hasattr(proto, "DESCRIPTOR"):
                parts += strings_in(MessageToDict(proto))
    assert not list(at.table), "the page's tables are HTML (explorer/ui/html_table.py), read below"
    for table in page_tables(at).values():  # the HTML tables, their headers and cells unescaped
        parts += [str(c) for c in table.columns] + [str(v) for v in table.index] + [
            str(v) for v in table.to_numpy().ravel()]
    raw = "\n".join(parts)
    return raw + "\n" + TAGS.sub("", raw)  # panels may colour letters or break lines with HTML after t()


class Recording(dict):
    """A catalog that remembers which keys the page asked for."""

    def __init__(self, *args):
        super().__init__(*args)
        self.used: set[str] = set()

    def __getitem__(self, key):
        self.used.add(key)
        return super().__getitem__(key)


@pytest.fixture()
def recorded_zh(monkeypatch):
    cache.clear_all()
    zh = Recording(i18n.catalog("zh"))
    monkeypatch.setitem(i18n._CATALOGS, "zh", zh)
    yield zh
    cache.clear_all()


def chinese_page_after_a_change(zh: Recording) -> AppTest:
    at = AppTest.from_file(str(ROOT / "page.py"), default_timeout=120)
    at.context = {"url": "http://localhost:8612/", "locale": "zh-CN"}  # the language comes from the locale
    at.run()
    assert not at.exception
    zh.used.clear()  # record the second run only: what the final page asked for
    at.sidebar.number_input(key="lstm_units").set_value(128).run()  # so the "what changed" panel has content
    assert not at.exception
    return open_live_panels(at, zh)


LIVE_PANELS = ("open_xray", "open_equivalences", "open_breakit", "open_export")


def open_live_panels(at: AppTest, zh: Recording) -> AppTest:
    """Open every live panel (each is computed only when opened) and record that run."""
    for key in LIVE_PANELS:
        at.session_state[key] = True
    zh.used.clear()
    at.run()
    assert not at.exception
    return at


def test_chinese_page_shows_no_english_catalog_text(recorded_zh):
    at = chinese_page_after_a_change(recorded_zh)
    assert at.sidebar.selectbox(key="lang").value == "zh"
    text = page_text(at)
    en, zh = i18n.catalog("en"), i18n.catalog("zh")
    shared = "\n".join(zh.values())  # technical text both languages use, e.g. "max |reshape @ W + b"
    english = {
        part.strip()
        for key, value in en.items() if value != zh[key]
        for part in literal_parts(value)
        if len(LETTERS.findall(part)) >= 2 and part.strip() not in shared
    }
    assert len(english) > 80  # the check covers the catalog, not a handful of strings
    shown = sorted(part for part in english if part in text)
    assert shown == []


# asked for on every run, shown only while it lasts: the spinner around the Keras panels' import (instant
# once TensorFlow is loaded; AppTest never draws a spinner)
TRANSIENT = {"app.loading_keras"}


def test_every_string_the_chinese_page_asks_for_is_shown_in_chinese(recorded_zh):
    at = chinese_page_after_a_change(recorded_zh)
    text = page_text(at)
    used = recorded_zh.used
    for key in ("compare.header", "compare.total", "compare.axes_moved", "export.header", "export.download",
                "live.header", "live.xray.header", "live.ok", "xray.dense.summary_nd", "equiv.header",
                "breakany.header", "breakany.try_it", "mistake.merge_none.title",
                "share.header", "share.caption", "table.header", "answer.q2_check"):
        assert key in used, key
    missing = {}
    for key in sorted(used - TRANSIENT):
        parts = [p for p in literal_parts(recorded_zh[key]) if re.search(r"[\u4e00-\u9fff]", p)]
        absent = [p for p in parts if p not in text]
        if absent:
            missing[key] = absent
    assert missing == {}


def english_shown(used: set[str], text: str) -> list[str]:
    """English catalog text (of the keys the page asked for) that the Chinese page shows."""
    en, zh = i18n.catalog("en"), i18n.catalog("zh")
    shared = "\n".join(zh.values())
    english = {part.strip() for key in used if en[key] != zh[key] for part in literal_parts(en[key])
               if len(LETTERS.findall(part)) >= 2 and part.strip() not in shared}
    return sorted(part for part in english if part in text)


PASTED = preset_code("question").replace(
    "model.add(Dense(200))", "model.add(LSTM(8))\n    model.add(LSTM(8))")


def test_chinese_page_with_a_pasted_failing_model(recorded_zh):
    """The reader's notes, the failure panel (cause and fix) and the legend of a pasted model, in Chinese."""
    at = AppTest.from_file(str(ROOT / "page.py"), default_timeout=120)
    at.context = {"url": "http://localhost:8612/", "locale": "zh-CN"}
    at.run()
    recorded_zh.used.clear()
    at.text_area(key="code").input(PASTED).run()
    assert not at.exception
    used = recorded_zh.used
    for key in ("failure.header", "failure.cause", "failure.fix", "cause.ndim", "fix.return_sequences",
                "model.notes_header", "keras2.input_length", "read.undefined_name_guess", "breakany.apply_fix"):
        assert key in used, key
    text = page_text(at)
    assert english_shown(used, text) == []


PASTED_WORKING = (ROOT / "tests" / "corpus" / "conv1d_text_classifier.py").read_text(encoding="utf-8")


def test_chinese_page_with_a_pasted_model_and_every_live_panel_open(recorded_zh):
    """A learner's own model (not a preset), every live panel open: nothing in English."""
    at = AppTest.from_file(str(ROOT / "page.py"), default_timeout=120)
    at.context = {"url": "http://localhost:8612/", "locale": "zh-CN"}
    at.run()
    at.text_area(key="code").input(PASTED_WORKING).run()
    assert not at.exception
    at = open_live_panels(at, recorded_zh)
    used = recorded_zh.used
    for key in ("live.xray.header", "export.header", "breakany.header", "equiv.header", "compare.header"):
        assert key in used, key
    text = page_text(at)
    assert english_shown(used, text) == []
    missing = {key: [p for p in literal_parts(recorded_zh[key]) if re.search(r"[\u4e00-\u9fff]", p) and p not in text]
               for key in sorted(used - TRANSIENT)}
    assert {k: v for k, v in missing.items() if v} == {}
