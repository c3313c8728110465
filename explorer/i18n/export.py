"""Strings of the code export panel and of the exported code's comments (explorer/export.py). Each key with its
English and its Chinese side by side. Placeholders use str.format names; numbers are formatted by the caller.
"""

WORDS: dict[str, tuple[str, str]] = {
    "export.header": ("The code: this model in Keras 3", "代码：这个模型的 Keras 3 写法"),
    "export.caption": (
        "Clean Keras 3 code of the model as this page read it: Keras 2 habits fixed (no input_length, input_shape "
        "or input_dim: shapes and batch size go to keras.Input), suggested names applied, and the same layer names "
        "as the table. It uses the functional API, whatever style your code used, and runs as is. Above each "
        "layer: its output shape in named axes and in numbers, and its parameters. Copy it with the button at the "
        "top right of the code, or download it.",
        "本页所读到的模型的干净 Keras 3 代码：已改掉 Keras 2 的习惯（不写 input_length、input_shape 或 input_dim，"
        "形状和批大小写在 keras.Input 里），已采用建议的名称，层名与表格相同。无论你的代码用哪种写法，这里都用函数式 API，"
        "可以直接运行。每一层上方注明它的输出形状（命名轴和数字）及参数量。用代码右上角的按钮复制，或下载。",
    ),
    "export.download": ("Download model.py", "下载 model.py"),
    "export.unavailable": (
        "The code export needs a model that the page can follow to the end. Fix the first layer that fails "
        "(shown above), and the code appears here.",
        "导出代码需要页面能把模型从头走到尾。请先修正上面显示的第一个出错的层，代码就会出现在这里。",
    ),
    "export.docstring": (
        "This model as clean Keras 3 code, exported by Keras Shape Explorer; it runs as is.",
        "这个模型的干净 Keras 3 代码，由 Keras 形状探索器导出；可以直接运行。",
    ),
    "export.axes_header": (
        "Named axes (the same letters as in the page's table):",
        "命名轴（与页面表格中的字母相同）：",
    ),
    "export.any_size": (
        "None: any size, known only when the model is called (B: any batch size).",
        "None：任意大小，调用模型时才确定（B：任意批大小）。",
    ),
    "export.changes_header": ("Changed from your code:", "相对你的代码所做的修改："),
    "export.change.arg": (
        "line {line}: {arg}= removed (Keras 2); shapes and batch size go to keras.Input",
        "第 {line} 行：去掉了 {arg}=（Keras 2 写法）；形状和批大小写在 keras.Input 里",
    ),
    "export.change.tf_keras": (
        "line {line}: tensorflow.keras imports written as keras",
        "第 {line} 行：tensorflow.keras 的导入改写为 keras",
    ),
    "export.change.guess": (
        "line {line}: {name} is not defined; {guess} used instead",
        "第 {line} 行：{name} 没有定义，改用 {guess}",
    ),
    "export.layers_header": (
        "The layers in the order they are called. Above each: output shape in named axes "
        "= in numbers; parameters.",
        "各层按调用顺序排列。每层上方：输出形状的命名轴 = 数字；参数量。",
    ),
    "export.params": ("{params} parameters", "{params} 个参数"),
    "export.total": ("{total} (the table's total)", "{total}（表格中的总数）"),
}
