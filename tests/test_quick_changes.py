"""Two quick changes keep both (explorer/ui/model_input.py, "Quick changes").

The browser sends every widget's value with each rerun. When a second change is sent before the
browser has received what the page wrote for the first one (the code rewritten for a sidebar number,
a preset's code, the preset selector or a number following an edit), that widget's OLDER value comes
back with the second change. AppTest sends what it is told, so each test sets such an older value in
the same run as the second change, as a browser that is a round trip behind does. The page's clock
is frozen (the quick changes all fall within SENT_GRACE_S) and moved on where a test says "later".
"""
import re

import pytest

from conftest import run_page as run
from explorer.presets import preset_code
from page_tables import page_table

pytestmark = pytest.mark.usefixtures("empty_caches")
TAGGER = preset_code("tagger")


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    from explorer.ui import model_input

    frozen = Clock()
    monkeypatch.setattr(model_input, "_clock", frozen)
    return frozen


def later(clock) -> None:
    """Time enough for any browser to have received what the page drew."""
    from explorer.ui.model_input import SENT_GRACE_S

    clock.now += SENT_GRACE_S + 0.1


def code_of(at) -> str:
    return at.text_area(key="code").value


def value(code: str, name: str) -> str:
    return re.search(rf"^{name} = (.+)$", code, re.M).group(1)


def test_a_stale_code_box_sent_with_the_next_change_keeps_the_first_change():
    """The reported race: merge_mode=concat, then at once lstm_units=128 from a browser that still
    shows the code from before concat."""
    at = run()
    at.sidebar.selectbox(key="merge_mode").set_value("concat").run()
    assert value(code_of(at), "merge_mode") == '"concat"'
    at.text_area(key="code").set_value(TAGGER)  # what the browser still shows
    at.sidebar.number_input(key="lstm_units").set_value(128).run()
    assert not at.exception
    code = code_of(at)
    assert value(code, "merge_mode") == '"concat"' and value(code, "lstm_units") == "128"
    assert at.sidebar.selectbox(key="merge_mode").value == "concat"
    table = page_table(at, "layer_table")
    assert table.loc[2, "Output shape"] == "(30, 50, 256)" and table.loc[2, "Parameters"] == 197_632


def test_three_quick_changes_keep_all_three():
    """The browser may show any code the page drew since it was last up to date, not only the first."""
    at = run()
    at.sidebar.selectbox(key="merge_mode").set_value("concat").run()
    concat = code_of(at)
    at.text_area(key="code").set_value(TAGGER)
    at.sidebar.number_input(key="lstm_units").set_value(128).run()
    at.text_area(key="code").set_value(concat)  # received the first rewrite, not yet the second
    at.sidebar.number_input(key="embed_dim").set_value(32).run()
    assert not at.exception
    code = code_of(at)
    assert (value(code, "merge_mode"), value(code, "lstm_units"), value(code, "embed_dim")) == ('"concat"', "128", "32")
    assert page_table(at, "layer_table").loc[1, "Output shape"] == "(30, 50, 32)"


def test_a_stale_code_box_keeps_a_chosen_preset():
    at = run()
    at.sidebar.selectbox(key="preset").set_value("stacked_bilstm").run()
    assert code_of(at) == preset_code("stacked_bilstm")
    at.text_area(key="code").set_value(TAGGER)
    at.sidebar.number_input(key="lstm_units").set_value(128).run()
    assert not at.exception
    assert code_of(at) == preset_code("stacked_bilstm").replace("lstm_units = 64", "lstm_units = 128")
    assert at.sidebar.selectbox(key="preset").value == "stacked_bilstm"


def test_a_stale_preset_selector_keeps_a_code_edit():
    """An edit makes the code the learner's own ("custom"); a browser still showing the preset must
    not load the preset over the edit."""
    at = run()
    edited = TAGGER.replace("layers.Dense(dense_units),", "layers.Dense(dense_units, activation='relu'),")
    at.text_area(key="code").set_value(edited).run()
    assert at.sidebar.selectbox(key="preset").value == "custom"
    at.sidebar.selectbox(key="preset").set_value("tagger")  # what the browser still shows
    at.sidebar.number_input(key="embed_dim").set_value(32).run()
    assert not at.exception
    assert code_of(at) == edited.replace("embed_dim = 64", "embed_dim = 32")
    assert at.sidebar.selectbox(key="preset").value == "custom"


def test_a_stale_number_keeps_a_code_edit():
    """An edit of a named number in the code moves its sidebar control; the control's older value,
    sent along with another change, must not write the old number back."""
    at = run()
    at.text_area(key="code").set_value(TAGGER.replace("lstm_units = 75", "lstm_units = 100")).run()
    assert at.sidebar.number_input(key="lstm_units").value == 100
    at.sidebar.number_input(key="lstm_units").set_value(75)  # what the browser still shows
    at.sidebar.selectbox(key="merge_mode").set_value("concat").run()
    assert not at.exception
    code = code_of(at)
    assert value(code, "lstm_units") == "100" and value(code, "merge_mode") == '"concat"'
    assert at.sidebar.number_input(key="lstm_units").value == 100


def test_a_real_edit_in_the_same_run_as_a_sidebar_change_keeps_both():
    """After quick changes, an edit of the code box (even one made on the older code) is the learner's
    own and wins, and a sidebar change sent with it is applied to it."""
    at = run()
    at.sidebar.selectbox(key="merge_mode").set_value("concat").run()
    at.text_area(key="code").set_value(TAGGER)
    at.sidebar.number_input(key="lstm_units").set_value(128).run()
    assert value(code_of(at), "merge_mode") == '"concat"'
    edited = TAGGER.replace("layers.Dense(dense_units),", "layers.Dense(dense_units, activation='relu'),")
    at.text_area(key="code").set_value(edited)
    at.sidebar.number_input(key="embed_dim").set_value(32).run()
    assert not at.exception
    assert code_of(at) == edited.replace("embed_dim = 64", "embed_dim = 32")
    assert at.sidebar.selectbox(key="merge_mode").value == "ave"
    assert at.sidebar.selectbox(key="preset").value == "custom"


def test_the_old_code_typed_back_later_is_restored(clock):
    at = run()
    at.sidebar.selectbox(key="merge_mode").set_value("concat").run()
    at.text_area(key="code").set_value(TAGGER)
    at.sidebar.number_input(key="lstm_units").set_value(128).run()
    assert value(code_of(at), "merge_mode") == '"concat"'
    later(clock)
    at.text_area(key="code").set_value(TAGGER).run()  # on purpose, after the page showed the new code
    assert not at.exception
    assert code_of(at) == TAGGER
    assert at.sidebar.selectbox(key="merge_mode").value == "ave"
    assert at.sidebar.number_input(key="lstm_units").value == 75


def test_a_preset_chosen_again_on_purpose_right_away_restores_it():
    """Choosing the preset back is one change on its own: the learner's, however quick."""
    at = run()
    edited = TAGGER.replace("layers.Dense(dense_units),", "layers.Dense(dense_units, activation='relu'),")
    at.text_area(key="code").set_value(edited).run()
    at.sidebar.selectbox(key="preset").set_value("tagger")
    at.sidebar.number_input(key="embed_dim").set_value(32).run()
    assert "activation='relu'" in code_of(at)
    at.sidebar.selectbox(key="preset").set_value("tagger").run()
    assert not at.exception
    assert code_of(at) == TAGGER and at.sidebar.selectbox(key="preset").value == "tagger"


def test_the_one_click_fix_survives_a_stale_code_box():
    """The fix button writes the code from the page too (fix_button.set_code -> model_input.set_code)."""
    broken = preset_code("stacked_bilstm").replace("return_sequences=True", "return_sequences=False")
    at = run()
    at.text_area(key="code").set_value(broken).run()
    at.button(key="breakany.apply_fix").click().run()
    fixed = code_of(at)
    assert "return_sequences=True" in fixed
    at.text_area(key="code").set_value(broken)  # the browser has not received the fixed code yet
    at.sidebar.number_input(key="lstm_units").set_value(32).run()
    assert not at.exception
    assert code_of(at) == fixed.replace("lstm_units = 64", "lstm_units = 32")

