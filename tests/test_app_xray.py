"""The X-ray and "break it" panels on the whole page, through Streamlit's AppTest."""
import re

import pytest
from streamlit.testing.v1 import AppTest

from conftest import run_page as run

pytestmark = pytest.mark.usefixtures("empty_caches")


def texts(at: AppTest) -> str:
    """All markdown, without the HTML spans that colour the named dimensions."""
    return re.sub(r"<[^>]+>", "", "\n".join(m.value for m in at.markdown))


def codes(at: AppTest) -> str:
    return "\n".join(c.value for c in at.code)


def largest_xray_diff(at: AppTest) -> float:
    return float(re.search(r"Largest difference over all checks below: `([0-9.e+-]+)`", texts(at)).group(1))


def test_default_page_shows_the_xray_and_one_broken_case():
    at = run()
    assert not at.exception
    assert "Wrapper X-ray: what each layer computes, from this model's real weights" in [s.value for s in at.subheader]
    assert largest_xray_diff(at) < 1e-5
    md = texts(at)
    assert "kernel (E, 4H) = (64, 300)" in md and "4H = 4 × 75 = 300" in md
    assert "B·T·V·4 = 60,000,000 bytes" in md
    unflipped = float(re.search(r"Without the reversal, .*? = `([0-9.e+-]+)`", md).group(1))
    assert unflipped > 1e-3
    code = codes(at)
    assert "# (30, 64) @ (64, 300) → (30, 300)" in code and "# (30, 50, 75)  step 0 = token 49" in code
    assert 'Layer "dense" expects 1 input(s), but it received 2 input tensors' in code  # merge_mode=None is on
    assert "TimeDistributed` Layer should be passed" not in code
    assert "(B, T, H) = (30, 50, 75)" in md
    coloured = "\n".join(m.value for m in at.markdown)
    assert "<span style='color:#CC79A7;font-weight:700'>4H</span>" in coloured  # dims.py colour of 4H


def test_switching_cases_on_keeps_the_page_working():
    at = run()
    at.toggle(key="breakit_return_sequences").set_value(True)
    at.toggle(key="breakit_token_out_of_range").set_value(True)
    at.toggle(key="breakit_merge_none").set_value(False)
    at.run()
    assert not at.exception
    code = codes(at)
    assert "`TimeDistributed` Layer should be passed an `input_shape` with at least 3 dimensions" in code
    assert "indices[0,1] = 10000 is not in [0, 10000)" in code
    assert "expects 1 input(s)" not in code
    assert "(B, U) = (30, 200)" in texts(at)
    assert at.dataframe[0].value.loc[4, "Output shape"] == "(30, 50, 6)"  # the real model is untouched


def test_concat_merge_in_the_xray():
    at = run({"merge_mode": "concat", "lstm_units": "20", "seq_len": "9"})
    assert not at.exception
    assert largest_xray_diff(at) < 1e-5
    rows = {line.split("|")[1].strip(): [c.strip() for c in line.split("|")[2:-1]]
            for line in texts(at).splitlines() if line.startswith("| ") and "(30, 9," in line}
    assert {mode: cells[1] for mode, cells in rows.items()} == {
        "ave": "(30, 9, 20)", "concat": "(30, 9, 40)", "sum": "(30, 9, 20)", "mul": "(30, 9, 20)"}
    assert rows["concat"][3].startswith("✔") and rows["ave"][3] == "" and rows["concat"][2] == "(B, T, 2H)"


def test_over_budget_skips_the_xray_but_breaking_still_works():
    at = run({"vocab_size": "1000000", "embed_dim": "512"})
    assert not at.exception
    assert "the demonstration was skipped" in " ".join(i.value for i in at.info)
    at.toggle(key="breakit_token_out_of_range").set_value(True).run()
    assert not at.exception
    assert "indices[0,1] = 1000000 is not in [0, 1000000)" in codes(at)


def test_chinese_xray_and_breakit():
    at = run({"lang": "zh"})
    assert not at.exception
    subheaders = [s.value for s in at.subheader]
    assert "包装层透视：用这个模型的真实权重看每一层在算什么" in subheaders and "弄坏它：常见错误与真实的报错" in subheaders
    assert "(B, T, H) = (30, 50, 75)" in texts(at) and "原因" in texts(at)
