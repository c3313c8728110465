import pytest

from explorer.config import BOUNDS, Config, parse_config, parse_int


def test_defaults_are_the_question():
    cfg, notices = parse_config({})
    assert notices == []
    assert cfg == Config(10_000, 64, 50, 75, "ave", 200, 5, 30)
    assert (cfg.features, cfg.head_units) == (75, 6)


def test_concat_doubles_features():
    assert Config(lstm_units=128, merge_mode="concat").features == 256


@pytest.mark.parametrize("raw, expected", [
    (75, 75), (75.0, 75), ("75", 75), (" 75 ", 75), ("+7", 7), ("-3", -3), ("12.000", 12),
    (75.5, None), ("7.5", None), ("abc", None), ("", None), (None, None), (True, None), (float("nan"), None),
    (float("inf"), None), ("1e3", None), ("٣", 3), ("１２", 12), ("1_000", 1000), ("9" * 40, 10**15), ("-" + "9" * 400, -(10**15)), ([1], None),
])
def test_parse_int(raw, expected):
    assert parse_int(raw) == expected


def test_out_of_range_is_clamped_with_a_notice():
    cfg, notices = parse_config({"vocab_size": 10**9, "lstm_units": 0})
    assert cfg.vocab_size == BOUNDS["vocab_size"].high and cfg.lstm_units == 1
    assert sorted((n.field, n.kind, n.used) for n in notices) == [
        ("lstm_units", "clamped", "1"), ("vocab_size", "clamped", "1000000")]


def test_non_numbers_fall_back_to_default():
    cfg, notices = parse_config({"embed_dim": "sixty-four", "merge_mode": "None", "bogus": 1})
    assert cfg.embed_dim == 64 and cfg.merge_mode == "ave"
    assert [(n.field, n.kind) for n in notices] == [
        ("embed_dim", "not_integer"), ("merge_mode", "unknown_choice"), ("bogus", "unknown_key")]


def test_merge_mode_is_normalised():
    assert parse_config({"merge_mode": " CONCAT "})[0].merge_mode == "concat"


def test_invalid_config_cannot_be_constructed():
    with pytest.raises(ValueError):
        Config(batch_size=0)
    with pytest.raises(ValueError):
        Config(merge_mode=None)
    with pytest.raises(ValueError):
        Config(lstm_units=7.0)


def test_long_raw_values_are_shortened_in_notices():
    _, notices = parse_config({"seq_len": "x" * 10_000})
    assert len(notices[0].raw) == 40
