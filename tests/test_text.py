import re
import string

from explorer.i18n import CATALOGS, catalog, language_from_locale, t


def test_every_key_exists_in_both_languages():
    for module in CATALOGS:
        assert set(module.EN) == set(module.ZH), module.__name__
    assert len(catalog("en")) == len(catalog("zh"))


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

