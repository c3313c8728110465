"""The question this page started from is on the page: what the learner could not see, their code as posted, their
words in 中文 and an English rendering, linked from the answer."""
from __future__ import annotations

import pytest

from conftest import run_page
from explorer.i18n import t
from explorer.presets import preset_code
from explorer.question import ORIGINAL_ZH
from explorer.ui.question_panel import posted_code

pytestmark = pytest.mark.usefixtures("empty_caches")


def _texts(at) -> str:
    return "\n".join(m.value for m in at.markdown) + "\n".join(m.value for m in at.caption)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_question_is_on_the_page_in_both_languages(lang):
    at = run_page({"lang": lang})
    assert not at.exception
    assert t(lang, "question.header") in [h.value for h in at.subheader]
    texts = _texts(at)
    assert all(paragraph in texts for paragraph in ORIGINAL_ZH)  # their words, whole
    assert t(lang, "question.english_text") in texts and t(lang, "question.intro") in texts
    shown = [c.value.strip() for c in at.code]
    assert posted_code().strip() in shown and preset_code("question").strip().endswith(posted_code().strip())
    assert "#the-question" in texts  # the answer links to it
    assert "preset=question" in texts  # their code opens as the preset
