import re
import string

from explorer.i18n import CATALOGS, catalog, language_from_locale, t
from layer_words import FAMILIES, family_words


def test_every_key_exists_in_both_languages():
    for module in CATALOGS:
        assert set(module.EN) == set(module.ZH), module.__name__
    for family in FAMILIES:  # each layer family's words: key -> (English, 中文)
        for key, pair in family_words(family).items():
            assert isinstance(pair, tuple) and len(pair) == 2, (family, key)
            assert all(isinstance(text, str) and text.strip() for text in pair), (family, key)
    families = [key for family in FAMILIES for key in family_words(family)]
    catalogs = [key for module in CATALOGS for key in module.EN]
    assert len(set(families + catalogs)) == len(families) + len(catalogs)  # each key in one place only
    assert len(catalog("en")) == len(catalog("zh")) == len(families) + len(catalogs)


def test_placeholders_match_between_languages():
    fields = lambda s: {f for _, f, _, _ in string.Formatter().parse(s) if f}
    en, zh = catalog("en"), catalog("zh")
    assert {k: fields(v) for k, v in en.items()} == {k: fields(v) for k, v in zh.items()}


def test_chinese_text_is_chinese():
    zh = catalog("zh")
    assert re.search(r"[\u4e00-\u9fff]", zh["answer.a3"]) and zh["answer.a3"] != catalog("en")["answer.a3"]


def test_locale():
    assert [language_from_locale(x) for x in ("zh-CN", "zh_TW", "ZH", "en-US", None, "", "de")] == [
        "zh", "zh", "zh", "en", "en", "en", "en"]
    assert t("xx", "app.title") == "Keras Shape Explorer"

