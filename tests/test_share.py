"""Share links: model → link → page. A preset travels as its named numbers (today's links keep
working), other code travels packed; whatever a link holds is read back as untrusted input."""
import base64
import zlib
from urllib.parse import parse_qsl, urlsplit

import pytest
from streamlit.testing.v1 import AppTest

from conftest import ROOT
from page_tables import page_table
from explorer.presets import preset_code
from explorer.share import (MAX_CODE_PARAM, model_share_query, pack_code, page_base, shape_from_param, shape_param,
                            unpack_code)
from explorer.ui import cache

BASE = "https://shapes.example.org/explorer"
DEFAULT_VALUES = [("vocab_size", 10000), ("embed_dim", 64), ("seq_len", 50), ("lstm_units", 75),
                  ("merge_mode", "ave"), ("dense_units", 200), ("count_classes", 5), ("batch_size", 30),
                  ("one_hot_labels", False)]
# a link written before presets existed: every setting, merge_mode last, the language as its label
OLD_LINK = (BASE + "?vocab_size=777&embed_dim=13&seq_len=9&lstm_units=17&dense_units=31&count_classes=11"
            "&batch_size=4&merge_mode=concat&lang=%E7%AE%80%E4%BD%93%E4%B8%AD%E6%96%87")


def test_default_query_names_every_named_number_in_code_order():
    query = model_share_query(preset_code("tagger"), "tagger", DEFAULT_VALUES, "en")
    assert query == ("vocab_size=10000&embed_dim=64&seq_len=50&lstm_units=75&merge_mode=ave&dense_units=200"
                     "&count_classes=5&batch_size=30&one_hot_labels=False&lang=en")
    assert model_share_query("", "tagger", DEFAULT_VALUES, "zh").endswith("&lang=zh")
    assert model_share_query("", "gru_tagger", [("gru_units", 9)], "en") == "preset=gru_tagger&gru_units=9&lang=en"


@pytest.mark.parametrize("code", ["", "x = 1\n", preset_code("two_inputs"), "名字 = 3  # ünïcode\n" * 50])
def test_code_round_trip(code):
    packed = pack_code(code)
    assert set(packed) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=")
    assert unpack_code(packed, 100_000) == code
    query = model_share_query(code, None, [], "en")
    assert dict(parse_qsl(query))["code"] == packed


def test_unpacking_is_bounded_and_refuses_what_pack_code_does_not_make():
    bomb = base64.urlsafe_b64encode(zlib.compress(b"a" * 1_000_000, 9)).decode()
    assert len(bomb) < MAX_CODE_PARAM and unpack_code(bomb, 100_000) is None  # 1 MB from 1.3 KB: refused
    assert unpack_code(pack_code("x" * 101), 100) is None
    for bad in ["", "!!!", "a b", "QUJD", pack_code("ok")[:-4], "x" * (MAX_CODE_PARAM + 1), None, 5,
                base64.urlsafe_b64encode(zlib.compress(b"\xff\xfe")).decode()]:
        assert unpack_code(bad, 100_000) is None


@pytest.mark.parametrize("shape", [(28, 28, 1), (784,), (1,) * 8, (10**7, 1)])
def test_a_typed_input_shape_travels_after_the_model_and_comes_back(shape):
    code = "import keras\nm = keras.Sequential([keras.layers.Dense(3)])\n"
    query = model_share_query(code, None, [], "zh", shape)
    assert [key for key, _ in parse_qsl(query)] == ["code", "input_shape", "lang"]
    assert shape_from_param(dict(parse_qsl(query))["input_shape"]) == ((shape,), "")
    assert shape_param((28, 28, 1)) == "28x28x1"
    assert model_share_query(code, None, [], "en", None) == model_share_query(code, None, [], "en")
    assert "input_shape" not in model_share_query(code, None, [], "en", ())


@pytest.mark.parametrize("value, why", [
    ("<script>", "not_shape"), ("0x5", "out_of_range"), ("x".join(["1"] * 9), "too_many_axes"),
    ("9" * 40, "out_of_range"), ("1x" * 200, "too_long"), ("28x-1", "not_shape"), ("28x28\n", "")]
)
def test_a_shape_from_a_link_is_checked_as_if_typed(value, why):
    shape, found = shape_from_param(value)
    assert found == why and (shape is None) == bool(why)


def test_code_too_long_for_a_link_gives_no_link():
    import random

    rng = random.Random(1)
    noise = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(20_000))
    assert model_share_query(f"# {noise}\n", None, [], "en") is None


def test_page_base():
    assert page_base(BASE + "?x=1#top") == BASE
    assert page_base("http://host:8501") == "http://host:8501/"
    assert page_base(None) == ""


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
    links = [w.value for w in at.sidebar.text_input if w.key == "share_link"]  # share_panel's text box
    assert len(links) == 1
    return links[0]


def test_a_link_from_before_presets_restores_every_number_the_language_and_the_table(app):
    at = open_link(app, OLD_LINK)
    assert not at.exception and not at.warning
    assert at.sidebar.selectbox(key="lang").value == "zh"
    assert at.title[0].value == "Keras 形状探索器"
    for name, value in parse_qsl(urlsplit(OLD_LINK).query):
        if name != "lang":
            widget = at.sidebar.selectbox(key=name) if name == "merge_mode" else at.sidebar.number_input(key=name)
            assert str(widget.value) == value, name
    table = page_table(at, "layer_table")
    assert table["输出形状"].tolist() == ["(4, 9)", "(4, 9, 13)", "(4, 9, 34)", "(4, 9, 31)", "(4, 9, 12)"]
    assert table["参数量"].tolist() == [0, 777 * 13, 2 * 4 * 17 * (13 + 17 + 1), 34 * 31 + 31, 31 * 12 + 12]
    assert "lstm_units = 17" in at.text_area(key="code").value
    link = link_on_page(at)  # the page offers a link with the same numbers, in the code's order
    assert dict(parse_qsl(urlsplit(link).query)) == {**dict(parse_qsl(urlsplit(OLD_LINK).query)),
                                                      "one_hot_labels": "False", "lang": "zh"}
    assert at.query_params == dict(parse_qsl(urlsplit(link).query))  # the address bar is the link


def test_link_follows_the_sidebar(app):
    at = app.run()
    expected = model_share_query("", "tagger", DEFAULT_VALUES, "en")
    assert link_on_page(at) == f"{BASE}?{expected}"
    at.sidebar.number_input(key="lstm_units").set_value(128)
    at.sidebar.selectbox(key="merge_mode").set_value("concat").run()
    query = dict(parse_qsl(urlsplit(link_on_page(at)).query))
    assert query["lstm_units"] == "128" and query["merge_mode"] == "concat" and "code" not in query


def test_edited_code_travels_packed_and_comes_back(app):
    at = app.run()
    code = preset_code("tagger").replace("layers.Dense(dense_units),",
                                         "layers.Dense(dense_units, activation=\"relu\"),")
    at.text_area(key="code").input(code).run()
    link = link_on_page(at)
    assert "code=" in link and "lstm_units=" not in link
    again = AppTest.from_file(str(ROOT / "page.py"), default_timeout=120)
    again.context = {"url": BASE, "locale": "en-US"}
    again = open_link(again, link)
    assert not again.exception
    assert again.text_area(key="code").value == code
    assert link_on_page(again) == link


def test_hostile_link_is_refused_visibly_and_never_shared(app):
    at = open_link(app, BASE + "?vocab_size=99999999999&embed_dim=-5&batch_size=1e3&merge_mode=%3Cscript%3E"
                   "&lang=xx&%5Bclick%5D(http://evil)=1&seq_len=%2012%20&code=%21%21&preset=..%2Fetc")
    assert not at.exception
    warnings = "\n".join(w.value for w in at.warning)
    assert "99999999999 is outside 1–10,000,000; using 10000" in warnings
    assert "\\-5 is outside 1–10,000,000; using 64" in warnings
    assert "1e3 is not a whole number; using the default 30" in warnings
    assert "\\<script\\> is not one of concat, sum, ave, mul; using ave" in warnings
    assert "Language: xx is not one of en, zh; using en" in warnings
    assert "\\[click\\]\\(http\\:" in warnings and "[click](http://evil)" not in warnings
    assert "could not be unpacked" in warnings and "no preset called \\.\\./etc" in warnings
    assert at.sidebar.number_input(key="vocab_size").value == 10_000
    assert at.sidebar.number_input(key="embed_dim").value == 64
    query = dict(parse_qsl(urlsplit(link_on_page(at)).query))
    assert query["seq_len"] == "12" and query["vocab_size"] == "10000" and "click" not in str(query)
    assert page_table(at, "layer_table")["Output shape"].tolist()[1] == "(30, 12, 64)"


def test_language_comes_from_the_locale_unless_the_link_names_one(app):
    app.context = {"url": BASE, "locale": "zh-CN"}
    at = app.run()
    assert at.sidebar.selectbox(key="lang").value == "zh" and at.title[0].value == "Keras 形状探索器"
    assert dict(parse_qsl(urlsplit(link_on_page(at)).query))["lang"] == "zh"
    other = AppTest.from_file(str(ROOT / "page.py"), default_timeout=120)
    other.context = {"url": BASE, "locale": "zh-CN"}
    other.query_params["lang"] = "en"
    other.run()
    assert other.sidebar.selectbox(key="lang").value == "en" and other.title[0].value == "Keras Shape Explorer"


@pytest.mark.parametrize("value", ["zh", "简体中文"])
def test_a_link_written_by_the_language_selector_opens_without_a_warning(app, value):
    # links from before the page wrote its own address carry the selector's label (lang=简体中文)
    app.query_params["lang"] = value
    app.query_params["seq_len"] = "20"
    at = app.run()
    assert not at.exception and not at.warning
    assert at.sidebar.selectbox(key="lang").value == "zh" and at.title[0].value == "Keras 形状探索器"
    assert at.sidebar.number_input(key="seq_len").value == 20


def test_the_shapes_of_a_model_with_several_inputs_travel_and_come_back():
    code = "import keras\nm = keras.Sequential([keras.layers.Dense(3)])\n"
    shapes = ((5,), (6,), (28, 28, 1))
    query = model_share_query(code, None, [], "en", shapes)
    assert dict(parse_qsl(query))["input_shape"] == "5;6;28x28x1"
    assert shape_from_param("5;6;28x28x1") == (shapes, "")
    assert shape_from_param(";".join(["5"] * 9)) == (None, "too_many_inputs")
    assert shape_from_param("5;;6") == (None, "not_shape") and shape_from_param("5;0") == (None, "out_of_range")


def test_a_switch_travels_in_the_link_and_a_forged_value_is_named(app):
    at = open_link(app, BASE + "?one_hot_labels=true&lang=en")
    assert not at.exception and not at.warning
    assert "one_hot_labels = True" in at.text_area(key="code").value and at.sidebar.toggle(key="one_hot_labels").value
    assert dict(parse_qsl(urlsplit(link_on_page(at)).query))["one_hot_labels"] == "True"
    at = open_link(AppTest.from_file(str(ROOT / "page.py"), default_timeout=120), BASE + "?one_hot_labels=maybe")
    assert "one_hot_labels = False" in at.text_area(key="code").value
    assert [w.value for w in at.warning] and "maybe" in at.warning[0].value and "True, False" in at.warning[0].value
