"""The learner's code is the page's state: a language switch, a stale label from the browser or any
rerun never replaces it, and the address bar always holds the whole page (code, numbers, language).

The browser keeps a selectbox's value as its label (Streamlit 1.67): after a language switch it may send
the preset selector's label in the old language with the next change. AppTest sends the label of the
new options, so `stale_label` makes the preset box send exactly what such a browser sends."""
from urllib.parse import parse_qsl, urlsplit

import pytest
from streamlit.proto.WidgetStates_pb2 import WidgetState

from conftest import run_page as run
from explorer.i18n import t
from explorer.presets import preset_code
from explorer.share import pack_code
from page_tables import page_table

pytestmark = pytest.mark.usefixtures("empty_caches")

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


def stale_label(box, label: str) -> None:
    """From now on the widget `box` sends `label` as its value, as a browser showing an old label does."""
    widget_id = box.id

    class Stale(type(box)):
        @property
        def _widget_state(self):
            return WidgetState(id=widget_id, string_value=label)

    box.__class__ = Stale


def paste_and_switch(at, to: str):
    at.text_area(key="code").input(PASTED).run()
    at.sidebar.selectbox(key="lang").set_value(to).run()
    assert not at.exception
    return at


@pytest.mark.parametrize("first,then", [("en", "zh"), ("zh", "en")])
def test_a_stale_preset_label_after_a_language_switch_keeps_the_pasted_code(first, then):
    at = run({"lang": first})
    paste_and_switch(at, then)
    assert at.text_area(key="code").value == PASTED
    assert at.sidebar.selectbox(key="preset").value == "custom"
    stale_label(at.sidebar.selectbox(key="preset"), t(first, "model.preset_custom"))
    at.sidebar.number_input(key="units").set_value(32).run()
    assert not at.exception
    assert at.text_area(key="code").value == PASTED.replace("units = 16", "units = 32")
    assert "(4, 7)" in page_table(at, "layer_table").iloc[-1].tolist()


def test_a_stale_label_of_another_preset_is_not_a_choice():
    """Only a preset the learner picks in the current language's list replaces the code."""
    at = paste_and_switch(run({"lang": "en"}), "zh")
    stale_label(at.sidebar.selectbox(key="preset"), t("en", "preset.image_cnn"))
    at.sidebar.number_input(key="units").set_value(8).run()
    assert at.text_area(key="code").value == PASTED.replace("units = 16", "units = 8")
    assert at.sidebar.selectbox(key="preset").value == "custom"


def test_choosing_a_preset_after_a_switch_still_loads_it():
    at = paste_and_switch(run({"lang": "en"}), "zh")
    at.sidebar.selectbox(key="preset").set_value("image_cnn").run()
    assert at.text_area(key="code").value == preset_code("image_cnn")


def test_the_address_bar_holds_the_code_the_numbers_and_the_language():
    at = paste_and_switch(run({"lang": "en"}), "zh")
    assert at.query_params == {"code": pack_code(PASTED), "lang": "zh"}
    at.sidebar.number_input(key="units").set_value(32).run()
    assert at.query_params == {"code": pack_code(PASTED.replace("units = 16", "units = 32")), "lang": "zh"}
    at.sidebar.selectbox(key="preset").set_value("tagger").run()  # a preset: its name and its numbers
    query = at.query_params
    assert "code" not in query and query["lstm_units"] == "75" and query["lang"] == "zh"
    link = next(w.value for w in at.sidebar.text_input if w.key == "share_link")
    assert dict(parse_qsl(urlsplit(link).query)) == query


def test_the_address_bar_opens_the_same_page():
    at = paste_and_switch(run({"lang": "en"}), "zh")
    at.sidebar.number_input(key="num_classes").set_value(9).run()
    again = run(dict(at.query_params))
    assert not again.exception and not again.warning
    assert again.text_area(key="code").value == PASTED.replace("num_classes = 7", "num_classes = 9")
    assert again.sidebar.selectbox(key="lang").value == "zh"
    assert again.sidebar.number_input(key="num_classes").value == 9


def test_a_number_the_code_does_not_have_is_named_not_dropped():
    """A link with the tagger and num_classes=7: the tagger has no num_classes, and the page says so."""
    at = run({"num_classes": "7", "lang": "en"})
    warnings = "\n".join(w.value for w in at.warning)
    assert "num\\_classes" in warnings and "7" in warnings
    assert "num_classes" not in at.query_params  # the address bar now holds what the page shows
