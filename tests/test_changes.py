"""What changed between two configurations, checked against real built models."""
import pytest
from streamlit.testing.v1 import AppTest

from conftest import ROOT
from explorer.changes import compare_configs
from explorer.config import Config
from explorer.model import build_model
from explorer.ui import cache
from explorer.ui.changes_panel import changes_markdown


def test_lstm_units_change_moves_the_bilstm_and_the_dense_kernel():
    ch = compare_configs(Config(), Config(lstm_units=128))
    assert [(s.field, s.before, s.after) for s in ch.settings] == [("lstm_units", 75, 128)]
    assert [(d.dim, d.before, d.after) for d in ch.dims] == [("H", 75, 128), ("4H", 300, 512), ("F", 75, 128)]
    bilstm, dense = ch.layers
    assert (bilstm.layer, bilstm.before_shape, bilstm.after_shape) == ("bidirectional", (30, 50, 75), (30, 50, 128))
    assert (bilstm.before_params, bilstm.after_params, bilstm.params_delta) == (84_000, 197_632, 113_632)
    assert [(w.label, w.before, w.after) for w in bilstm.weights] == [
        ("2 × kernel", (64, 300), (64, 512)), ("2 × recurrent_kernel", (75, 300), (128, 512)),
        ("2 × bias", (300,), (512,))]
    assert not dense.shape_changed and (dense.before_params, dense.after_params) == (15_200, 25_800)
    assert ch.unchanged == ("tokens", "embedding", "time_distributed")
    assert (ch.before_total, ch.after_total) == (build_model(Config()).count_params(),
                                                 build_model(Config(lstm_units=128)).count_params())


def test_concat_doubles_features_without_new_lstm_weights():
    ch = compare_configs(Config(), Config(merge_mode="concat"))
    by_name = {c.layer: c for c in ch.layers}
    assert set(by_name) == {"bidirectional", "dense"}
    assert by_name["bidirectional"].after_shape == (30, 50, 150) and by_name["bidirectional"].params_delta == 0
    assert [(w.label, w.before, w.after) for w in by_name["dense"].weights] == [("kernel", (75, 200), (150, 200))]
    assert ch.total_delta == 75 * 200 == build_model(Config(merge_mode="concat")).count_params() - 740_406


def test_batch_and_merge_changes():
    batch = compare_configs(Config(), Config(batch_size=8))
    assert [c.after_shape[0] for c in batch.layers] == [8] * 5 and batch.total_delta == 0
    assert all(c.params_delta == 0 and not c.weights for c in batch.layers)
    same_shapes = compare_configs(Config(), Config(merge_mode="sum"))
    assert not same_shapes.layers and not same_shapes.dims and len(same_shapes.unchanged) == 5
    assert compare_configs(Config(), Config()).empty


def test_markdown_in_both_languages():
    ch = compare_configs(Config(), Config(lstm_units=128))
    en = changes_markdown(ch, "en")
    assert "You changed `lstm_units` 75 → 128." in en
    assert "`bidirectional` output (30, 50, 75) → (30, 50, 128)" in en
    assert "parameters 84,000 → 197,632 (+113,632)" in en
    assert "Total parameters 740,406 → 864,638 (+124,232)." in en
    zh = changes_markdown(ch, "zh")
    assert "参数量 84,000 → 197,632（+113,632）" in zh and "parameters" not in zh


@pytest.fixture()
def app():
    cache.clear_all()
    yield AppTest.from_file(str(ROOT / "page.py"), default_timeout=120)
    cache.clear_all()


def change_text(at: AppTest) -> str:
    """The one markdown block of the panel that says what changed ('' when there is none)."""
    found = [m.value for m in at.main.markdown if m.value.startswith(("You changed", "你修改了"))]
    assert len(found) <= 1
    return found[0] if found else ""


def test_page_shows_the_last_change_and_keeps_it_across_a_language_switch(app):
    at = app.run()
    assert "Change a setting in the sidebar to see what moves, layer by layer." in [c.value for c in at.caption]
    assert change_text(at) == ""
    at.sidebar.number_input(key="lstm_units").set_value(128).run()
    text = change_text(at)
    assert "`bidirectional` output (30, 50, 75) → (30, 50, 128)" in text
    assert "parameters 84,000 → 197,632 (+113,632)" in text
    at.sidebar.selectbox(key="lang").set_value("zh").run()
    assert "你修改了 `lstm_units` 75 → 128。" in change_text(at)
    at.sidebar.number_input(key="seq_len").set_value(12).run()
    text = change_text(at)
    assert "`seq_len` 50 → 12" in text and "(30, 50, 128) → (30, 12, 128)" in text and "lstm_units" not in text


def test_over_budget_change_is_described_without_building():
    ch = compare_configs(Config(), Config(vocab_size=1_000_000, embed_dim=512))
    embedding = next(c for c in ch.layers if c.layer == "embedding")
    assert (embedding.before_shape, embedding.after_shape) == ((30, 50, 64), (30, 50, 512))
    assert (embedding.before_params, embedding.after_params) == (640_000, 512_000_000)
    assert [(w.label, w.after) for w in embedding.weights] == [("embeddings", (1_000_000, 512))]
