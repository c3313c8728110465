"""The words of this family's kinds, X-rays and mistakes: key -> (English, 中文)."""

WORDS: dict[str, tuple[str, str]] = {}
