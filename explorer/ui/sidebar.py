"""The sidebar's language selector. The first run takes the language from the URL (validated) or the
browser's locale; after that the page writes the address bar itself (`share_panel.sync_address`), so
the selector is not bound to the URL.

The model's own controls (preset and named numbers) are in `model_input`.
"""
from __future__ import annotations

import streamlit as st

from explorer.notices import Notice
from explorer.i18n import LANGUAGES, language_from_locale, parse_language

LANG_KEY = "lang"
_STARTED = "_sidebar_started"


def _first_run_language() -> list[Notice]:
    """Seed the language from the URL (validated) or the browser's locale, once per session."""
    if st.session_state.get(_STARTED):
        return []
    st.session_state[_STARTED] = True
    values = st.query_params.get_all(LANG_KEY)
    url_lang = values[-1] if values else None
    lang = parse_language(url_lang) or language_from_locale(st.context.locale)
    st.session_state[LANG_KEY] = lang
    if url_lang is not None and parse_language(url_lang) is None:
        return [Notice(LANG_KEY, "unknown_choice", str(url_lang)[:40], lang)]
    return []


def read_language() -> tuple[str, list[Notice]]:
    notices = _first_run_language()
    lang = st.sidebar.selectbox("Language / 语言", list(LANGUAGES), format_func=LANGUAGES.get, key=LANG_KEY)
    return (lang if lang in LANGUAGES else "en"), notices
