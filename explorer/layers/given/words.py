"""The words of a box whose shape the learner gave (kinds.py): its axis meaning and what the page says of it,
each key with its English and its Chinese side by side."""

WORDS: dict[str, tuple[str, str]] = {
    "axis.given": ("a size of {layer}'s given output shape", "{layer} 给定输出形状中的一个大小"),
}
