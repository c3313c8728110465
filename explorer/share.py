"""Share links: the page address with the model and the language as query parameters.

A preset travels as its name and its named numbers (`?lstm_units=128`, the sidebar's own URL
keys, so today's links keep working); any other code travels packed (zlib, base64url) in `code=`.
The input shape a learner typed for a model whose code gives none travels as `input_shape=28x28x1`.
Everything read back from a link is untrusted: `unpack_code` bounds what a link can become, and
the page re-reads the code with the safe reader and re-checks every number.
"""
from __future__ import annotations

import base64
import binascii
import re
import zlib
from urllib.parse import urlencode, urlsplit

from .controls import DATA_KEYS, INPUT_SHAPE_KEY, Shapes, as_shapes, parse_input_shapes
from .i18n import LANGUAGES

LANG_PARAM = "lang"
INPUT_SHAPE_PARAM = INPUT_SHAPE_KEY
CODE_PARAM = "code"
PRESET_PARAM = "preset"
DEFAULT_PRESET_NAME = "tagger"  # its links carry no preset= (as links did before presets existed)
MAX_BASE_CHARS = 2000  # a longer page address is cut off rather than repeated on the page
MAX_CODE_PARAM = 6000  # characters of the packed code in a link; longer code is not put in links
_B64URL = re.compile(r"[A-Za-z0-9_-]+={0,2}")


def pack_code(code: str) -> str:
    """The code as URL-safe text: UTF-8, zlib level 9, base64url."""
    return base64.urlsafe_b64encode(zlib.compress(code.encode("utf-8"), 9)).decode("ascii")


def unpack_code(text: object, max_chars: int) -> str | None:
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


def model_share_query(code: str, preset: str | None, values: list[tuple[str, object]], lang: str,
                      input_shape: tuple | None = None, data: dict | None = None) -> str | None:
    """The query for this page: a preset and its named numbers in the code's order, or the packed
    code; then the input shape the learner typed (if the code needs one), the data typed where the code gives
    none (explorer.controls.DATA_KEYS: shapes as "1000x50"; a value that is not one is left out) and the
    language. None when the packed code is longer than MAX_CODE_PARAM."""
    if preset is not None:
        params = ([] if preset == DEFAULT_PRESET_NAME else [(PRESET_PARAM, preset)]) + list(values)
    else:
        packed = pack_code(code)
        if len(packed) > MAX_CODE_PARAM:
            return None
        params = [(CODE_PARAM, packed)]
    if input_shape:
        params.append((INPUT_SHAPE_PARAM, shape_param(input_shape)))
    for key in DATA_KEYS:
        value = (data or {}).get(key)
        if key in ("x_shape", "y_shape"):
            value = shape_param(parse_input_shapes(value)[0] or ()) if value else ""
        if value:
            params.append((key, value))
    return urlencode(params + [(LANG_PARAM, lang if lang in LANGUAGES else "en")])


def shape_param(shape: tuple) -> str:
    """Input shapes as a link writes them, readable in the address bar: (28, 28, 1) -> "28x28x1"; several inputs
    ((5,), (6,)) -> "5;6"."""
    return ";".join("x".join(str(size) for size in one) for one in as_shapes(shape) or ())


def shape_from_param(text: object) -> tuple[Shapes | None, str]:
    """Input shapes back from a link, checked as if typed in the sidebar: (shapes, "") or (None, why)."""
    return parse_input_shapes(text)


def page_base(url: str | None) -> str:
    """The page address without its query or fragment ('' if unknown), as a link's base."""
    base = (url or "").split("?", 1)[0].split("#", 1)[0][:MAX_BASE_CHARS]
    if base and not urlsplit(base).path:
        base += "/"  # http://host:8501 -> http://host:8501/
    return base
