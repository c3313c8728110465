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


# -- any model: the code travels in the link, compressed ---------------------------------------
import base64
import binascii
import re
import zlib

CODE_PARAM = "code"
PRESET_PARAM = "preset"
MAX_CODE_PARAM = 6000  # characters of the compressed code in a link; longer code is not put in links
_B64URL = re.compile(r"[A-Za-z0-9_-]+={0,2}")


def pack_code(code: str) -> str:
    """The code as URL-safe text: UTF-8, zlib level 9, base64url."""
    return base64.urlsafe_b64encode(zlib.compress(code.encode("utf-8"), 9)).decode("ascii")


def unpack_code(text: str, max_chars: int) -> str | None:
    """The code back from a link, or None if it is not what pack_code makes or is longer than
    max_chars once unpacked (decompression stops there: a small link cannot become a huge text)."""
    if not isinstance(text, str) or len(text) > MAX_CODE_PARAM or not _B64URL.fullmatch(text):
        return None
    try:
        data = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        inflater = zlib.decompressobj()
        raw = inflater.decompress(data, 4 * max_chars + 4)
        if inflater.unconsumed_tail or not inflater.eof:
            return None
        code = raw.decode("utf-8")
    except (binascii.Error, zlib.error, UnicodeDecodeError, ValueError):
        return None
    return code if len(code) <= max_chars else None


def model_share_query(code: str, preset: str | None, values: list[tuple[str, object]], lang: str) -> str | None:
    """The query for this page: a preset and its named numbers, or the packed code; None when the
    packed code is longer than MAX_CODE_PARAM."""
    if preset is not None:
        params = ([] if preset == "tagger" else [(PRESET_PARAM, preset)]) + list(values)
    else:
        packed = pack_code(code)
        if len(packed) > MAX_CODE_PARAM:
            return None
        params = [(CODE_PARAM, packed)]
    return urlencode(params + [(LANG_PARAM, LANGUAGES[lang])])
