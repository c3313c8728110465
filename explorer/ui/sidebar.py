"""The sidebar's language selector and the box for an input shape the code does not give. The first run
takes the language (and a typed input shape) from the URL (validated) or the browser's locale; after that
the page writes the address bar itself (`share_panel.sync_address`), so neither is bound to the URL.

The model's own controls (preset and named numbers) are in `model_input`, which asks here for the
input shape before it reads the code, and draws the box where the code needs it.
"""
from __future__ import annotations

import streamlit as st

from explorer.controls import (INPUT_SHAPE_KEY, MAX_INPUTS, MAX_SHAPE_TEXT, Shapes, parse_input_shapes,
                               shapes_text)
from explorer.layers.base import MAX_RANK, MAX_SIZE
from explorer.notices import Notice
from explorer.i18n import LANGUAGES, language_from_locale, parse_language, t
from explorer.share import INPUT_SHAPE_PARAM, shape_from_param
from explorer.ui.messages import escape_markdown

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


# -- the input shape a learner types for a model whose code gives none --------------------------------------------
_SHAPE_TEXT = "_input_shape_text"  # what the learner typed: kept while the box is not drawn (other code, JSON)
_SHAPE_STARTED = "_input_shape_started"
_SHAPE_FROM_LINK = "_input_shape_from_link"  # the link's shape, until the first read says whether it was used
_SHAPE_ERRORS = {  # why parse_input_shape refused the text -> its words
    "not_shape": "input_shape.not_shape",
    "out_of_range": "input_shape.out_of_range",
    "too_many_axes": "input_shape.too_many_axes",
    "too_long": "input_shape.too_long",
    "too_many_inputs": "input_shape.too_many_inputs",
}


def _short(raw: object) -> str:
    text = str(raw)
    return text if len(text) <= 40 else text[:37] + "..."


def _first_run_shape() -> list[Notice]:
    """Seed the typed input shape from the URL (validated), once per session."""
    if st.session_state.get(_SHAPE_STARTED):
        return []
    st.session_state[_SHAPE_STARTED] = True
    values = st.query_params.get_all(INPUT_SHAPE_PARAM)
    if not values:
        return []
    notices = []
    raw = values[-1]
    if len(values) > 1:
        notices.append(Notice(INPUT_SHAPE_PARAM, "repeated", str(len(values)), _short(raw)))
    shape, _ = shape_from_param(raw)
    if shape is None:
        notices.append(Notice(INPUT_SHAPE_PARAM, "shape_bad", _short(raw), ""))
        return notices
    st.session_state[_SHAPE_TEXT] = shapes_text(shape)
    st.session_state[_SHAPE_FROM_LINK] = shapes_text(shape)
    return notices


def shape_error(why: str, text: str, lang: str) -> str:
    """Why a typed shape was refused (explorer.controls.parse_input_shapes' reason), with the text escaped."""
    limit = {"too_many_axes": MAX_RANK, "too_many_inputs": MAX_INPUTS}.get(why, MAX_SHAPE_TEXT)
    return t(lang, _SHAPE_ERRORS[why], raw=escape_markdown(_short(text)), high=f"{MAX_SIZE:,}", limit=limit)


def typed_input_shape() -> tuple[Shapes | None, list[Notice]]:
    """The input shapes (without the batch axis; one per input) the learner typed, or the link gave; None if none
    or not shapes. Called before the code is read (on the first run: the link's value, and notices about it)."""
    notices = _first_run_shape()
    shapes, _ = parse_input_shapes(st.session_state.get(_SHAPE_TEXT, ""))
    return shapes, notices


def current_input_shape() -> Shapes | None:
    """The typed input shapes, for a panel that reads the code again (as the page read it)."""
    return parse_input_shapes(st.session_state.get(_SHAPE_TEXT, ""))[0]


def _shape_typed() -> None:
    text = st.session_state.get(INPUT_SHAPE_KEY)
    st.session_state[_SHAPE_TEXT] = text[:MAX_SHAPE_TEXT + 1] if isinstance(text, str) else ""


def input_shape_box(needed: bool, example: str, lang: str) -> list[Notice]:
    """The box where the learner types the input shape, drawn only when the code's model needs one (needed);
    a bad text is named under it. A shape the link gave that this code does not need comes back as a notice."""
    from_link = st.session_state.pop(_SHAPE_FROM_LINK, None)
    notices = [Notice(INPUT_SHAPE_PARAM, "shape_unused", from_link, "")] if from_link and not needed else []
    if not needed:
        return notices
    text = st.session_state.get(_SHAPE_TEXT, "")
    st.session_state[INPUT_SHAPE_KEY] = text  # the typed text is the truth, whatever the box was sent
    st.sidebar.text_input(t(lang, "sidebar.input_shape"), key=INPUT_SHAPE_KEY, on_change=_shape_typed,
                          placeholder=example or None, max_chars=MAX_SHAPE_TEXT,
                          help=t(lang, "sidebar.input_shape_help"))
    shape, why = parse_input_shapes(text)
    if why:
        st.sidebar.error(shape_error(why, text, lang))
    elif shape is None:
        st.sidebar.caption(t(lang, "sidebar.input_shape_empty"))
    return notices
