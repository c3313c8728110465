import re
import string

from explorer.i18n import CATALOGS, WORDS, catalog, language_from_locale, t
from layer_words import FAMILIES, family_words


def _fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


def test_every_key_has_both_languages_with_the_same_placeholders():
    """The one parity test of every catalog: the generic ones (explorer/i18n/<area>.py) and each layer family's
    (explorer/layers/<family>/words.py), all of the form key -> (English, 中文)."""
    sources = {module.__name__: module.WORDS for module in CATALOGS}
    sources |= {f"explorer.layers.{family}.words": family_words(family) for family in FAMILIES}
    assert len(CATALOGS) >= 10 and len(FAMILIES) >= 10
    keys = []
    for source, words in sources.items():
        assert words, source
        for key, pair in words.items():
            assert isinstance(pair, tuple) and len(pair) == 2, (source, key)
            assert all(isinstance(text, str) and text.strip() for text in pair), (source, key)
            assert _fields(pair[0]) == _fields(pair[1]), (source, key)
            keys.append(key)
    assert len(keys) == len(set(keys)) == len(WORDS)  # each key in one place only, and the loader has them all
    assert catalog("en") == {key: words[key][0] for words in sources.values() for key in words}
    assert catalog("zh") == {key: words[key][1] for words in sources.values() for key in words}


def test_chinese_text_is_chinese():
    zh = catalog("zh")
    assert re.search(r"[\u4e00-\u9fff]", zh["answer.a3"]) and zh["answer.a3"] != catalog("en")["answer.a3"]


def test_locale():
    assert [language_from_locale(x) for x in ("zh-CN", "zh_TW", "ZH", "en-US", None, "", "de")] == [
        "zh", "zh", "zh", "en", "en", "en", "en"]
    assert t("xx", "app.title") == "Keras Shape Explorer"

