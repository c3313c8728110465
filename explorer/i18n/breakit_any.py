"""Strings of "break it" for any model (explorer/ui/breakit_any_panel.py) and the one-click fix
(explorer/ui/fix_button.py). Each key with its English and its Chinese side by side. Placeholders use
str.format names; numbers are formatted by the caller.
"""

WORDS: dict[str, tuple[str, str]] = {
    "breakany.header": ("Break it: common mistakes with this model", "动手弄坏它：这个模型的常见错误"),
    "breakany.intro": (
        "Each mistake below was made on this model and run for real, on a batch of at most {batch} samples: "
        "the error is the one Keras, TensorFlow or numpy raises, word for word.",
        "下面每个错误都真的在这个模型上做了一遍，并在最多 {batch} 个样本的批上运行："
        "显示的报错就是 Keras、TensorFlow 或 numpy 原样给出的文字。",
    ),
    "breakany.none": ("No common mistake to run for the layers of this model.", "这个模型的层没有可运行的常见错误。"),
    "breakany.title_fallback": ("{mistake} on {layer}", "{layer} 上的 {mistake}"),
    "breakany.you_wrote": ("The mistake, as code:", "写错的代码："),
    "breakany.said": ("{who} said:", "{who} 报错："),
    "breakany.explorer": (
        "The explorer's own check (Keras refuses this only when it builds)",
        "本工具自己的检查（Keras 要到构建时才会拒绝）",
    ),
    "breakany.cause": ("Cause: {cause}", "原因：{cause}"),
    "breakany.fix": ("Fix: {fix}", "修正：{fix}"),
    "breakany.fix_undo": (
        "write {layer} as you had it (below): the layers after it were written for its output.",
        "把 {layer} 改回你原来的写法（见下方）：它后面的层是按它原来的输出写的。",
    ),
    "breakany.unbroken": (
        "It did not break: this model described and built with the mistake, so nothing warned.",
        "没有出错：带着这个错误，模型照样能推出形状并构建成功，所以没有任何警告。",
    ),
    "breakany.silent": (
        "Nothing was raised, and the result is wrong: it differs from the right one by up to {diff}. "
        "A silent mistake like this one is found only by checking numbers.",
        "没有报错，但结果是错的：与正确结果最多相差 {diff}。"
        "这种无声的错误只有核对数值才能发现。",
    ),
    "breakany.silent_shape": (
        "Keras raised nothing: it built the model, and its output is {output} instead of {expected}.",
        "Keras 没有报错：模型构建成功，但输出是 {output}，而不是 {expected}。",
    ),
    "breakany.over_budget": (
        "Not built: the model with this mistake would need more memory than the budget ({reason}).",
        "未构建：带着这个错误的模型所需内存超出预算（{reason}）。",
    ),
    "breakany.try_it": ("Try it in the code box", "在代码框中试试"),
    "breakany.try_it_help": (
        "Puts this mistake into your code, so the whole page shows what it does. Undo: pick your preset again, or fix it.",
        "把这个错误写进你的代码，整个页面都会显示它的后果。撤销：重新选择你的预设，或者把它改正。",
    ),
    "breakany.no_code": (
        "This model did not come from the code box, so the mistake cannot be written into it.",
        "这个模型不是来自代码框，所以无法把错误写进去。",
    ),
    "edit.why.lead": (
        "This change is not written into your code: {why}",
        "这个改动没有写进你的代码：{why}",
    ),
    "edit.why.not_found": (
        "the input's shape is not found where the code gives it.",
        "在代码里没有找到给出输入形状的地方。",
    ),
    "edit.why.expression": (
        "the input's shape is computed (from data or an expression), not written as numbers; change it there.",
        "输入的形状是计算出来的（来自数据或表达式），不是直接写出的数字；请在那里修改。",
    ),
    "edit.why.unknown_name": (
        "the input's shape comes from `{name}`, whose value is not written in this code.",
        "输入的形状来自 `{name}`，而它的值不在这段代码里。",
    ),
    "edit.why.assigned_often": (
        "the input's shape comes from `{name}`, which is given a value more than once.",
        "输入的形状来自 `{name}`，而它被赋值了不止一次。",
    ),
    "edit.why.loop": (
        "the input's shape comes from the loop variable `{name}` (line {line}), which takes several values: one "
        "edit would change every model of the loop.",
        "输入的形状来自循环变量 `{name}`（第 {line} 行），它会取好几个值：一处改动会改变循环里的每个模型。",
    ),
    "edit.why.def_calls": (
        "the input's shape comes from the parameter `{name}` of the function on line {line}, which is called "
        "with more than one value.",
        "输入的形状来自第 {line} 行函数的参数 `{name}`，而这个函数被用不止一个值调用。",
    ),
    "edit.why.packed_parameter": (
        "the input's shape comes from `{name}`, a `*args` or `**kwargs` parameter (line {line}).",
        "输入的形状来自 `{name}`，一个 `*args` 或 `**kwargs` 参数（第 {line} 行）。",
    ),
    "hint.dense_positions.why": (
        "**Keras raised nothing, but {dense} runs on each position.** It receives {received}: Dense multiplies only "
        "the last axis, so each of the {positions} positions gets its own {units} outputs, giving {gives}, and the model "
        "outputs {output}, one prediction per position, not one per image. Labels of one value per image will not "
        "match it at fit.",
        "**Keras 没有报错，但 {dense} 是在每个位置上分别运行的。** 它收到 {received}：Dense 只对最后一个轴做矩阵乘法，"
        "所以 {positions} 个位置各自得到 {units} 个输出，得到 {gives}，模型输出 {output}，每个位置一个预测，"
        "而不是每张图一个。每张图一个值的标签到 fit 时会对不上。",
    ),
    "hint.dense_positions": (
        "put `{code}` before {dense} (or `layers.{pooling}()`, one average per channel), so it receives one vector "
        "per sample. If one prediction per position is what you want, keep it as it is.",
        "在 {dense} 之前加上 `{code}`（或者 `layers.{pooling}()`，每个通道取一个平均值），让它每个样本只收到一个向量。"
        "如果你要的就是每个位置一个预测，保持原样即可。",
    ),
    "breakany.apply_fix": ("Apply the fix to my code", "把修正应用到我的代码"),
    "breakany.apply_fix_help": (
        "Writes the fix shown above into your code, at the layer {layer}, in your own import style.",
        "把上面的修正按你自己的导入写法写进你的代码，改在层 {layer} 处。",
    ),
    "fixloop.fix_applied": (
        "**The fix is in your code box.** What changed:",
        "**修正已写进你的代码框。** 改动如下：",
    ),
    "fixloop.mistake_written": (
        "**The mistake is in your code box**, and the page below shows what it does. What changed:",
        "**这个错误已写进你的代码框**，下面的页面显示它的后果。改动如下：",
    ),
    "fixloop.added": ("line {line}: `{text}` added", "第 {line} 行：添加了 `{text}`"),
    "fixloop.removed": ("line {line}: `{text}` removed", "第 {line} 行：删除了 `{text}`"),
    "fixloop.changed": ("line {line}: `{before}` is now `{text}`", "第 {line} 行：`{before}` 改成了 `{text}`"),
    "fixloop.line_added": ("line {line} added: `{text}`", "新增第 {line} 行：`{text}`"),
    "fixloop.line_removed": ("line {line} removed: `{text}`", "删除了原来的第 {line} 行：`{text}`"),
    "fixloop.no_change": ("nothing (the code was already like this).", "没有改动（代码本来就是这样）。"),
}
