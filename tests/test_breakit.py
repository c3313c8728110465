"""Each "break it" case raises the real error, and its one-line cause names this configuration's sizes."""
import pytest

from explorer.breakit import CASES, case_bytes, cause_values, clean_message, run_case, small_shape
from explorer.budget import MEMORY_BUDGET_BYTES
from explorer.config import Config
from explorer.i18n import t
from explorer.ui.breakit_panel import cause_text

DEFAULT = Config()


def test_merge_none_feeding_dense():
    r = run_case(DEFAULT, "merge_none")
    assert r.error_type == "ValueError" and r.source == "Keras"
    assert 'Layer "dense" expects 1 input(s), but it received 2 input tensors' in r.message
    assert r.message.count("shape=(2, 4, 75)") == 2 and "numpy=…" in r.message and "array(" not in r.message
    cause = cause_text(DEFAULT, r, "en")
    assert "(B, T, H) = (30, 50, 75)" in cause and "Dense(200)" in cause and "(30, 50, 150)" in cause


def test_return_sequences_false_before_time_distributed():
    r = run_case(DEFAULT, "return_sequences")
    assert r.error_type == "ValueError"
    assert "`TimeDistributed` Layer should be passed an `input_shape` with at least 3 dimensions" in r.message
    assert "received: (2, 200)" in r.message
    cause = cause_text(DEFAULT, r, "en")
    assert "(B, F) = (30, 75)" in cause and "(B, U) = (30, 200)" in cause and "(B, T, U) = (30, 50, 200)" in cause


def test_transposed_kernel_in_the_matmul():
    r = run_case(DEFAULT, "transposed_matmul")
    assert r.error_type == "ValueError" and r.source == "numpy"
    assert "matmul: Input operand 1 has a mismatch in its core dimension 0" in r.message
    assert "(size 200 is different from 75)" in r.message
    assert "F = 75 and U = 200" in cause_text(DEFAULT, r, "en")


def test_transposed_kernel_in_set_weights():
    r = run_case(DEFAULT, "transposed_weights")
    assert r.error_type == "ValueError"
    assert "weight shape (75, 200) is not compatible with provided weight shape (200, 75)" in r.message
    assert "(F, U) = (75, 200)" in cause_text(DEFAULT, r, "en")


def test_token_id_equal_to_the_vocabulary_size():
    r = run_case(DEFAULT, "token_out_of_range")
    assert r.error_type == "InvalidArgumentError" and r.source == "TensorFlow"
    assert "indices[0,1] = 10000 is not in [0, 10000)" in r.message and "\x1b" not in r.message
    assert "rows 0 … 9999" in cause_text(DEFAULT, r, "en")


def test_other_configuration_numbers_follow():
    cfg = Config(vocab_size=777, lstm_units=100, merge_mode="concat", dense_units=300, batch_size=3, seq_len=2)
    assert small_shape(cfg) == (2, 2)
    assert "(size 300 is different from 200)" in run_case(cfg, "transposed_matmul").message
    assert "received: (2, 300)" in run_case(cfg, "return_sequences").message
    assert "indices[0,1] = 777 is not in [0, 777)" in run_case(cfg, "token_out_of_range").message
    zh = cause_text(cfg, run_case(cfg, "merge_none"), "zh")
    assert "(3, 2, 100)" in zh and "(3, 2, 200)" in zh and "返回" in zh


@pytest.mark.parametrize("key", ["transposed_matmul", "transposed_weights"])
def test_a_square_kernel_is_silently_wrong(key):
    cfg = Config(lstm_units=75, dense_units=75)  # F = U = 75: shapes cannot catch the transpose
    r = run_case(cfg, key)
    assert r.error_type == "" and r.message == "" and r.silent_diff > 0.1
    text = cause_text(cfg, r, "en")
    assert "F = U = 75" in text and f"{r.silent_diff:.4g}" in text


def test_cause_values_name_the_dimensions():
    cfg = Config(vocab_size=500, embed_dim=16, seq_len=12, lstm_units=8, merge_mode="sum", dense_units=10,
                 count_classes=2, batch_size=4)
    v = cause_values(cfg, "merge_none")
    assert (v["B"], v["T"], v["E"], v["H"], v["F"], v["U"], v["C"], v["V"]) == (4, 12, 16, 8, 8, 10, 3, 500)
    assert v["twoH"] == 16 and v["BT"] == 48 and v["last"] == 499
    for key in CASES:  # every cause line exists in both languages and fills in without a KeyError
        for lang in ("en", "zh"):
            assert str(cfg.dense_units) in t(lang, f"breakit.{key}.cause", **v) or key == "token_out_of_range"


def test_clean_message_drops_colours_and_values():
    raw = "\x1b[1mLayer\x1b[0m got <tf.Tensor: shape=(2, 3), dtype=float32, numpy=\narray([[1., 2.]],\n dtype=float32)>"
    assert clean_message(raw) == "Layer got <tf.Tensor: shape=(2, 3), dtype=float32, numpy=…>"
    assert clean_message("x" * 5000).endswith(" …") and len(clean_message("x" * 5000)) < 1300


def test_cases_stay_small_for_the_largest_configuration():
    biggest = Config(1_000_000, 1024, 500, 512, "concat", 2048, 1000, 512)
    sizes = {key: case_bytes(biggest, key) for key in CASES}
    assert max(sizes.values()) < MEMORY_BUDGET_BYTES // 4
    assert sizes["merge_none"] >= 4 * 2 * 4 * 512 * (1024 + 512 + 1)  # at least the LSTM weights are counted
    with pytest.raises(KeyError):
        run_case(DEFAULT, "no_such_case")
