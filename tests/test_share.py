"""Share links: config → link → config, and a link opened in the page restores settings and language."""
from urllib.parse import parse_qsl, urlsplit

import pytest
from streamlit.testing.v1 import AppTest

from conftest import ROOT
from explorer.config import BOUNDS, FIELD_NAMES, Config
from explorer.describe import describe_config, layer_table
from explorer.share import parse_link, share_link, share_query
from explorer.ui import cache

BASE = "https://shapes.example.org/explorer"
ODD = Config(vocab_size=777, embed_dim=13, seq_len=9, lstm_units=17, merge_mode="concat", dense_units=31,
             count_classes=11, batch_size=4)


def test_default_query_names_every_setting_in_order():
    assert share_query(Config(), "en") == (
        "vocab_size=10000&embed_dim=64&seq_len=50&lstm_units=75&dense_units=200&count_classes=5&batch_size=30"
        "&merge_mode=ave&lang=English")
    assert share_query(Config(), "zh").endswith("&lang=%E7%AE%80%E4%BD%93%E4%B8%AD%E6%96%87")  # 简体中文


@pytest.mark.parametrize("cfg", [Config(), ODD, Config(**{b.name: b.high for b in BOUNDS.values()}, merge_mode="mul"),
                                 Config(**{b.name: b.low for b in BOUNDS.values()}, merge_mode="sum")])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_link_round_trip(cfg, lang):
    link = share_link(BASE, cfg, lang)
    assert link.startswith(BASE + "?vocab_size=")
    assert parse_link(link) == (cfg, lang, [])


def test_link_drops_an_old_query_and_works_without_an_address():
    assert share_link(BASE + "?x=1#top", Config(), "zh") == f"{BASE}?{share_query(Config(), 'zh')}"
    assert share_link(None, ODD, "en") == "?" + share_query(ODD, "en")


def test_language_by_code_or_by_the_selectors_own_url_value():
    assert parse_link("?lang=zh")[1] == parse_link("?lang=简体中文")[1] == "zh"
    assert parse_link("?lang=English")[1] == parse_link("?lang=en")[1] == "en"
    assert parse_link("?lang=ZH")[1] is None and parse_link("?lang=")[1] is None


def test_parse_link_reports_hand_edited_values():
    cfg, lang, notices = parse_link(BASE + "?lstm_units=9999&merge_mode=max&lang=fr&embed=true")
    assert cfg == Config(lstm_units=512) and lang is None
    assert [(n.field, n.kind, n.used) for n in notices] == [("lstm_units", "clamped", "512"),
                                                            ("merge_mode", "unknown_choice", "ave")]


@pytest.fixture()
def app():
    cache.clear_all()
    at = AppTest.from_file(str(ROOT / "page.py"), default_timeout=120)
    at.context = {"url": BASE, "locale": "en-US"}
    yield at
    cache.clear_all()


def open_link(at: AppTest, link: str) -> AppTest:
    for key, value in parse_qsl(urlsplit(link).query, keep_blank_values=True):  # decoded, as the server does
        at.query_params[key] = value
    return at.run()


def link_on_page(at: AppTest) -> str:
    links = [c.value for c in at.sidebar.code]
    assert len(links) == 1
    return links[0]


def test_opening_a_link_restores_config_language_and_table(app):
    link = share_link(BASE, ODD, "zh")
    at = open_link(app, link)
    assert not at.exception and not at.warning
    assert at.sidebar.selectbox(key="lang").value == "zh"
    assert at.title[0].value == "Keras 形状探索器"
    for name in FIELD_NAMES:
        widget = at.sidebar.selectbox(key=name) if name == "merge_mode" else at.sidebar.number_input(key=name)
        assert widget.value == getattr(ODD, name), name
    table = at.dataframe[0].value
    expected = layer_table(describe_config(ODD), ODD)
    assert table["输出形状"].tolist() == expected["output_shape"].tolist() == [
        "(4, 9)", "(4, 9, 13)", "(4, 9, 34)", "(4, 9, 31)", "(4, 9, 12)"]
    assert table["参数量"].tolist() == expected["params"].tolist()
    assert link_on_page(at) == link  # the page offers the same link it was opened with


def test_link_follows_the_sidebar(app):
    at = app.run()
    assert link_on_page(at) == share_link(BASE, Config(), "en")
    at.sidebar.number_input(key="lstm_units").set_value(128)
    at.sidebar.selectbox(key="merge_mode").set_value("concat").run()
    link = link_on_page(at)
    assert parse_link(link) == (Config(lstm_units=128, merge_mode="concat"), "en", [])


def test_hostile_link_is_clamped_or_refused_visibly_and_never_shared(app):
    at = open_link(app, BASE + "?vocab_size=99999999999&embed_dim=-5&batch_size=1e3&merge_mode=%3Cscript%3E"
                   "&lang=xx&%5Bclick%5D(http://evil)=1&seq_len=%2012%20")
    assert not at.exception
    warnings = "\n".join(w.value for w in at.warning)
    assert "99999999999 is outside 2–1,000,000; using 1000000" in warnings
    assert "\\-5 is outside 1–1,024; using 1" in warnings
    assert "1e3 is not a whole number; using the default 30" in warnings
    assert "\\<script\\> is not one of ave, concat, sum, mul; using ave" in warnings
    assert "Language: xx is not one of en, zh; using en" in warnings
    assert "\\[click\\]\\(http\\:" in warnings and "[click](http://evil)" not in warnings
    cfg = Config(vocab_size=1_000_000, embed_dim=1, seq_len=12)
    assert at.sidebar.number_input(key="vocab_size").value == 1_000_000
    assert at.sidebar.number_input(key="embed_dim").value == 1
    assert link_on_page(at) == share_link(BASE, cfg, "en")
    assert at.dataframe[0].value["Output shape"].tolist()[1] == "(30, 12, 1)"


def test_language_comes_from_the_locale_unless_the_link_names_one(app):
    app.context = {"url": BASE, "locale": "zh-CN"}
    at = app.run()
    assert at.sidebar.selectbox(key="lang").value == "zh" and at.title[0].value == "Keras 形状探索器"
    assert parse_link(link_on_page(at))[1] == "zh"
    other = AppTest.from_file(str(ROOT / "page.py"), default_timeout=120)
    other.context = {"url": BASE, "locale": "zh-CN"}
    other.query_params["lang"] = "en"
    other.run()
    assert other.sidebar.selectbox(key="lang").value == "en" and other.title[0].value == "Keras Shape Explorer"


@pytest.mark.parametrize("value", ["zh", "简体中文"])
def test_a_link_written_by_the_language_selector_opens_without_a_warning(app, value):
    # choosing 简体中文 in the browser puts lang=简体中文 in the address bar (Streamlit writes the label)
    app.query_params["lang"] = value
    app.query_params["seq_len"] = "20"
    at = app.run()
    assert not at.exception and not at.warning
    assert at.sidebar.selectbox(key="lang").value == "zh" and at.title[0].value == "Keras 形状探索器"
    assert at.sidebar.number_input(key="seq_len").value == 20
