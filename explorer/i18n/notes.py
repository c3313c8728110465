"""Strings of the reader's notes as the page groups them, of a note's severity, and of the legend's words for
classes and for a wrapped layer's axes. Each key with its English and its Chinese side by side."""

WORDS: dict[str, tuple[str, str]] = {
    "severity.error": ("Error", "错误"),
    "severity.warning": ("Warning", "警告"),
    "severity.info": ("Info", "提示"),
    "notes.ignored_one": (
        "{count} line ignored (it does not change the model's shapes): {topics}.",
        "已忽略 {count} 行（它不改变模型的形状）：{topics}。",
    ),
    "notes.ignored_many": (
        "{count} lines ignored (they do not change the model's shapes): {topics}.",
        "已忽略 {count} 行（它们不改变模型的形状）：{topics}。",
    ),
    "notes.ignored_details": ("Which lines, and why", "哪些行，为什么"),
    "notes.topic_sep": (", ", "、"),
    "notes.topic.imports": ("imports", "导入"),
    "notes.topic.data": ("data loading", "数据加载"),
    "notes.topic.training": ("training", "训练"),
    "notes.topic.printing": ("printing and plots", "打印和绘图"),
    "notes.topic.other": ("other code", "其他代码"),
    "axis.classes": ("classes (the units of {layer})", "类别数（{layer} 的单元数）"),
    "axis.classes_of": ("classes (the size {layer} gives this axis)", "类别数（{layer} 给这个轴的大小）"),
    "axis.inside": ("the {cls} inside {wrapper}", "{wrapper} 里的 {cls}"),
}
