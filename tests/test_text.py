import ast
import re
import string
from pathlib import Path

from explorer.i18n import CATALOGS, WORDS, catalog, language_from_locale, t
from layer_words import FAMILIES, family_words


def _fields(text: str) -> list[str]:
    return sorted(f for _, f, _, _ in string.Formatter().parse(text) if f)  # each placeholder, as often as it is used


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


# -- every key is written out in full where it is used, so grep finds its every use ---------------------------------
ROOT = Path(__file__).resolve().parents[1]
CODE = sorted(path for path in (ROOT / "explorer").rglob("*.py")
              if path.parent.name != "i18n" and path.name != "words.py") + [ROOT / "page.py"]
HOLE = None  # a part of a string only known when the code runs
PERCENT = r"%[-#0 +]*\d*(?:\.\d+)?[sdifr]"


def _parts_of(node: ast.AST) -> list[str | None] | None:
    """The literal parts and holes of a string assembled in code (f-string, +, .format, %, str.join), or None."""
    if isinstance(node, ast.JoinedStr):
        return [v.value if isinstance(v, ast.Constant) else HOLE for v in node.values]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left = _parts_of(node.left) or [_literal(node.left)]
        right = _parts_of(node.right) or [_literal(node.right)]
        return None if left == right == [HOLE] else left + right
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod) and _literal(node.left):
        return [HOLE if re.fullmatch(PERCENT, part) else part
                for part in re.split(f"({PERCENT})", node.left.value) if part]
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and _literal(node.func.value):
        text = node.func.value.value
        if node.func.attr == "format":
            return [p for literal, field, _, _ in string.Formatter().parse(text)
                    for p in (literal, HOLE if field is not None else "") if p != ""]
        if node.func.attr == "join" and node.args:
            items = node.args[0].elts if isinstance(node.args[0], ast.List | ast.Tuple) else [node.args[0]]
            parts: list[str | None] = []
            for i, item in enumerate(items):
                parts += ([text] if i else []) + [_literal(item)]
            return parts
    return None


def _literal(node: ast.AST) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _could_be_a_key(parts: list[str | None], prefixes: set[str]) -> str | None:
    """A catalog key, or a key's start, the assembled string could be, when it starts with a key's first part
    ("xray.", "preset.")."""
    merged: list[str | None] = []
    for part in parts:  # adjacent literals as one: ".".join(["xray", kind]) starts with "xray."
        if merged and part is not HOLE and merged[-1] is not HOLE:
            merged[-1] += part
        else:
            merged.append(part)
    if not (merged[0] and re.match(r"[a-z_0-9]+\.", merged[0])):
        return None  # f"{name}.layer", f"x{i}": no key starts there (a stored start such as "xray.lstm" is found below)
    pattern = re.compile("".join(".+" if p is HOLE else re.escape(p) for p in merged))
    key = next((key for key in WORDS if pattern.fullmatch(key)), None)
    start = next((p for p in prefixes if pattern.fullmatch(p) or pattern.fullmatch(p + ".")), None)
    return key or (f"{start}… (a key's start)" if start else None)


def _prefixes() -> set[str]:
    """Every start of a key, up to a dot, that holds a dot and is not a key itself: "xray.pooling", "xray.lstm.note"."""
    parts = [key.split(".") for key in WORDS]
    return {".".join(p[:i]) for p in parts for i in range(2, len(p))} - set(WORDS)


def keys_built(source: str, name: str = "<code>") -> list[str]:
    """Where the source assembles a key, or holds a key's start to assemble one from: 'name:line: code -> key'."""
    prefixes, built = _prefixes(), []
    tree = ast.parse(source, name)
    in_fstrings = {id(v) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for v in node.values}
    for node in ast.walk(tree):
        parts = _parts_of(node)
        key = _could_be_a_key(parts, prefixes) if parts else None
        stored_start = id(node) not in in_fstrings and _literal(node) and node.value.removesuffix(".") in prefixes
        if key is None and stored_start:
            key = f"{node.value}… (a key's start)"
        if key:
            built.append(f"{name}:{node.lineno}: {ast.unparse(node)} -> {key}")
    return built


def test_the_check_finds_keys_built_in_code():
    built = [
        't(lang, f"preset.{name}")', 'Text.of(f"mistake.{key}.title")', 'k = "notice." + notice.kind',
        'PREFIX = "xray.pooling"  # then PREFIX + ".summary_max"', 'p = f"xray.{kind.lower()}"',
        '"mistake.{}.why".format(key)', '"mistake.%s.title" % key', 'key = ".".join(["xray", "lstm", part])',
        'check(f"xray.pooling.check_{mode}")', 'f"xray.conv{rank}d"', 'p = f"xray.conv{rank}d.code"',
    ]
    for line in built:
        assert keys_built(line), line
    written = [
        't(lang, "preset.tagger")', 'NOTICE_KEYS = {"clamped": "notice.clamped"}', 'f"{name}.layer"',
        'f"x{i + 1}"', 'getattr(ch, f"axes_{which}")', 'key.startswith("xray.")', 'f"{base}_out{k}"',
        '"%s.layer" % name',
    ]
    assert [keys_built(line) for line in written] == [[]] * len(written)


def test_no_key_is_built_in_code():
    """A key assembled when the code runs (f"preset.{name}", PREFIX + ".title", "mistake.{}.why".format(k))
    cannot be grepped: write each key out in full, e.g. a dict {"clamped": "notice.clamped"}."""
    built = [line for path in CODE for line in keys_built(path.read_text(), str(path.relative_to(ROOT)))]
    assert built == [], "\n".join(built)


def test_every_key_is_used_literally():
    """Every key of every catalog is written out in explorer/ or page.py (and nothing is left that no code uses)."""
    literals = {node.value for path in CODE for node in ast.walk(ast.parse(path.read_text()))
                if isinstance(node, ast.Constant) and isinstance(node.value, str)}
    assert sorted(set(WORDS) - literals) == []
