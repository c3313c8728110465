"""The sidebar: one widget per Config field, each bound to the URL so a link restores it.

Widget bounds are only enforced in the browser and Streamlit silently drops a URL value it cannot
use, so both the URL (on a session's first run) and the widget values go through `parse_config`;
whatever had to change comes back as a Notice for the page to show.
"""
from __future__ import annotations

import streamlit as st

from explorer.config import INT_BOUNDS, MERGE_MODES, Config, Notice, parse_config
from explorer.i18n import LANGUAGES, language_from_locale, parse_language, t

LANG_KEY = "lang"
STREAMLIT_PARAMS = ("embed", "embed_options")  # Streamlit's own query parameters
_STARTED = "_sidebar_started"


_PENDING = "_sidebar_url_notices"
_BOUND_KEYS = {b.name for b in INT_BOUNDS} | {"merge_mode"}


def _first_run_from_url() -> list[Notice]:
    """Seed every widget's state from the URL, validated; report what was bad. Once per session.

    Streamlit seeds a bound widget from the URL itself, and crashes on some values (`seq_len=inf`
    raises OverflowError inside its int conversion). So a URL value that had to be changed is first
    rewritten to the value we use, and the script reruns once before any widget binds it.
    """
    if st.session_state.get(_STARTED):
        return st.session_state.pop(_PENDING, [])
    st.session_state[_STARTED] = True
    params = st.query_params
    raw: dict[str, object] = {}
    notices: list[Notice] = []
    for key in params:
        values = params.get_all(key)
        if key in STREAMLIT_PARAMS or not values:
            continue
        if len(values) > 1:
            notices.append(Notice(key[:40], "repeated", str(len(values)), values[-1][:40]))
        raw[key] = values[-1]
    url_lang = raw.pop(LANG_KEY, None)
    lang = parse_language(url_lang) or language_from_locale(st.context.locale)
    if url_lang is not None and parse_language(url_lang) is None:
        notices.append(Notice(LANG_KEY, "unknown_choice", str(url_lang)[:40], lang))
    st.session_state[LANG_KEY] = lang
    cfg, parsed = parse_config(raw)
    for name, value in cfg.as_dict().items():
        st.session_state[name] = value
    notices += parsed
    changed = {n.field for n in parsed if n.field in _BOUND_KEYS}
    if changed:
        for name in changed:
            params[name] = str(getattr(cfg, name))
        st.session_state[_PENDING] = notices
        st.rerun()
    return notices


def read_language() -> tuple[str, list[Notice]]:
    notices = _first_run_from_url()
    lang = st.sidebar.selectbox("Language / 语言", list(LANGUAGES), format_func=LANGUAGES.get, key=LANG_KEY,
                                bind="query-params")
    return (lang if lang in LANGUAGES else "en"), notices


def read_config(lang: str) -> tuple[Config, list[Notice]]:
    st.sidebar.header(t(lang, "sidebar.header"))
    raw: dict[str, object] = {}
    for bound in INT_BOUNDS:
        if bound.name == "dense_units":
            raw["merge_mode"] = st.sidebar.selectbox(
                t(lang, "field.merge_mode"), MERGE_MODES, key="merge_mode", help=t(lang, "help.merge_mode"),
                bind="query-params")
        raw[bound.name] = st.sidebar.number_input(
            t(lang, f"field.{bound.name}"), min_value=bound.low, max_value=bound.high, step=1, key=bound.name,
            help=t(lang, f"help.{bound.name}"), bind="query-params")
    return parse_config(raw)
