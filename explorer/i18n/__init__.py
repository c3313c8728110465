"""Every visible string, in English and Simplified Chinese. Panels never hard-code text.

Each module of this package holds one dict, `WORDS = {"key": ("English", "中文")}`, each sentence's two
languages side by side. The words of the layer kinds have the same form and live beside their code, one
`words.py` per family (explorer/layers/<family>/words.py), and are merged in here; a key given twice anywhere
is an error. Every key is written out in full where it is used, never built in code, so grep finds each use
(tests/test_text.py checks both).
Placeholders use str.format names; numbers are formatted by the caller.
"""
from __future__ import annotations

import importlib
import pkgutil

from ..layers import WORDS as FAMILY_WORDS

# every module of this package is a catalog (core, model, reader, ...); the layer families bring their own
CATALOGS = tuple(importlib.import_module(f"{__name__}.{m.name}")
                 for m in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name))
LANGUAGES = {"en": "English", "zh": "简体中文"}
DEFAULT_LANGUAGE = "en"


def _every_word() -> dict[str, tuple[str, str]]:
    words: dict[str, tuple[str, str]] = {}
    for source, pairs in [(m.__name__, m.WORDS) for m in CATALOGS] + [("a layer family", FAMILY_WORDS)]:
        for key, pair in pairs.items():
            if key in words:
                raise RuntimeError(f"word {key} of {source} given twice")
            words[key] = pair
    return words


WORDS: dict[str, tuple[str, str]] = _every_word()  # every key -> (English, 中文): the catalogs, then the families


def catalog(lang: str) -> dict[str, str]:
    """key -> its text in lang ("zh" or anything else for English), placeholders left in."""
    side = 1 if lang == "zh" else 0
    return {key: pair[side] for key, pair in WORDS.items()}


_CATALOGS = {lang: catalog(lang) for lang in LANGUAGES}


def t(lang: str, key: str, **values: object) -> str:
    """The text for key in lang (English if lang is unknown), with {placeholders} filled in."""
    text = _CATALOGS.get(lang, _CATALOGS[DEFAULT_LANGUAGE])[key]
    return text.format(**values) if values else text


def template(lang: str, key: str) -> str:
    """The text for key in lang with its {placeholders} left in."""
    return _CATALOGS.get(lang, _CATALOGS[DEFAULT_LANGUAGE])[key]


def language_from_locale(locale: str | None) -> str:
    """'zh-CN', 'zh_TW', 'zh' -> 'zh'; anything else (or nothing) -> 'en'."""
    if isinstance(locale, str) and locale.strip().lower().replace("_", "-").split("-")[0] == "zh":
        return "zh"
    return DEFAULT_LANGUAGE


def parse_language(raw: object) -> str | None:
    """A language code from untrusted input, or None if it is not one we have.

    Accepts the code ('zh') and the language selector's own URL value, its label ('简体中文'):
    Streamlit's query-param binding writes a selectbox's formatted option to the URL.
    """
    if not isinstance(raw, str):
        return None
    return raw if raw in LANGUAGES else next((code for code, name in LANGUAGES.items() if name == raw), None)
