"""The sidebar's language selector, bound to the URL so a link restores it.

The model's own controls (preset and named numbers) are in `model_input`.
"""
from __future__ import annotations

import streamlit as st

from explorer.config import Notice
from explorer.i18n import LANGUAGES, language_from_locale, parse_language

LANG_KEY = "lang"
_STARTED = "_sidebar_started"
_PENDING = "_sidebar_language_notices"


def _first_run_language() -> list[Notice]:
    """Seed the language from the URL (validated) or the browser's locale, once per session."""
    if st.session_state.get(_STARTED):  # kept until shown: the first run may rerun before the page is drawn
        return st.session_state.pop(_PENDING, [])
    st.session_state[_STARTED] = True
    values = st.query_params.get_all(LANG_KEY)
    url_lang = values[-1] if values else None
    lang = parse_language(url_lang) or language_from_locale(st.context.locale)
    notices = []
    if url_lang is not None and parse_language(url_lang) is None:
        notices.append(Notice(LANG_KEY, "unknown_choice", str(url_lang)[:40], lang))
    st.session_state[LANG_KEY] = lang
    st.session_state[_PENDING] = notices
    return []


def read_language() -> tuple[str, list[Notice]]:
    notices = _first_run_language()
    lang = st.sidebar.selectbox("Language / 语言", list(LANGUAGES), format_func=LANGUAGES.get, key=LANG_KEY,
                                bind="query-params")
    return (lang if lang in LANGUAGES else "en"), notices
