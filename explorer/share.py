"""Share links: the page URL with every setting and the language as query parameters.

The sidebar's widgets use the same parameter names (`bind="query-params"`), so opening a link
restores the configuration; the query is untrusted input and is read back through `parse_config`.
"""
from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit

from .config import FIELD_NAMES, Config, Notice, parse_config
from .i18n import LANGUAGES, parse_language

LANG_PARAM = "lang"
STREAMLIT_PARAMS = ("embed", "embed_options")  # Streamlit's own, not settings
MAX_BASE_CHARS = 2000  # a longer page address is cut off rather than repeated on the page


def share_query(cfg: Config, lang: str) -> str:
    """'vocab_size=10000&embed_dim=64&…&merge_mode=ave&lang=English': every field, in a fixed order.

    The language goes in as the selector's label, the value Streamlit's URL binding writes and keeps;
    a bare code (lang=zh) also opens the page in that language but Streamlit then drops it from the URL.
    """
    values = cfg.as_dict()
    return urlencode([(name, values[name]) for name in FIELD_NAMES] + [(LANG_PARAM, LANGUAGES[lang])])


def share_link(base_url: str | None, cfg: Config, lang: str) -> str:
    """The page address (no query, as st.context.url gives it) plus the query; just '?…' if unknown."""
    base = (base_url or "").split("?", 1)[0].split("#", 1)[0][:MAX_BASE_CHARS]
    if base and not urlsplit(base).path:
        base += "/"  # http://host:8501 -> http://host:8501/
    return f"{base}?{share_query(cfg, lang)}"


def parse_link(link: str) -> tuple[Config, str | None, list[Notice]]:
    """Read a link back: (config, language or None if missing/unknown, notices). Last repeated value wins."""
    raw = dict(parse_qsl(urlsplit(link).query, keep_blank_values=True))
    for name in STREAMLIT_PARAMS:
        raw.pop(name, None)
    lang = parse_language(raw.pop(LANG_PARAM, None))
    cfg, notices = parse_config(raw)
    return cfg, lang, notices
