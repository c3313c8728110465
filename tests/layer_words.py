"""The words of layer families (explorer/layers/<family>/words.py: key -> (English, 中文)), for their tests."""
from __future__ import annotations

import importlib
import pkgutil

import explorer.layers

FAMILIES = tuple(m.name for m in pkgutil.iter_modules(explorer.layers.__path__) if m.ispkg)


def family_words(*families: str, prefixes: tuple[str, ...] = ()) -> dict[str, tuple[str, str]]:
    """key -> (English, 中文) of these families; only the keys starting with one of `prefixes` if given."""
    words: dict[str, tuple[str, str]] = {}
    for family in families:
        words.update(importlib.import_module(f"explorer.layers.{family}.words").WORDS)
    return {k: v for k, v in words.items() if not prefixes or k.startswith(prefixes)}


def in_language(words: dict[str, tuple[str, str]], lang: str) -> dict[str, str]:
    """key -> the text in lang ("en" or "zh")."""
    return {k: pair[1 if lang == "zh" else 0] for k, pair in words.items()}
