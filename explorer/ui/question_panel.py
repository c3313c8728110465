"""The question this page started from (issue: "the question on the page"): what the learner could not see,
their code as posted, their words in 中文 and an English rendering. One folded section at the end of the page,
with an anchor the answer links to."""
from __future__ import annotations

import streamlit as st

from urllib.parse import urlencode

from explorer.i18n import t
from explorer.presets import preset_code
from explorer.question import ORIGINAL_ZH
from explorer.share import LANG_PARAM, PRESET_PARAM

ANCHOR = "the-question"


def posted_code() -> str:
    """The question preset's code without the comment lines our preset file puts above it: as they posted it."""
    lines = preset_code("question").splitlines()
    first = next((i for i, line in enumerate(lines) if line.strip() and not line.startswith("#")), 0)
    return "\n".join(lines[first:]).strip() + "\n"


def render(lang: str) -> None:
    st.subheader(t(lang, "question.header"), anchor=ANCHOR)
    with st.expander(t(lang, "question.open"), key="question_section"):
        st.markdown(t(lang, "question.intro"))
        link = "?" + urlencode({PRESET_PARAM: "question", LANG_PARAM: lang})  # a new tab: this page keeps its code
        st.markdown(t(lang, "question.code", link=link))
        st.code(posted_code(), language="python")
        original, english = st.columns(2)
        with original:
            st.markdown(f"**{t(lang, 'question.original')}**")
            st.markdown("\n\n".join(f"> {paragraph}" for paragraph in ORIGINAL_ZH))
        with english:
            st.markdown(f"**{t(lang, 'question.english')}**")
            st.markdown(t(lang, "question.english_text"))
