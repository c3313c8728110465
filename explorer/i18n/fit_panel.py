"""Words of the panel "Your data and your loss" (explorer/ui/fit_panel.py): the arrays the training code gives the
model, its loss, and what real Keras said when the call met them. The causes and fixes themselves are in fit.py.
"""

WORDS: dict[str, tuple[str, str]] = {
    "fitpanel.header": (
        "Your data and your loss: what fit will meet",
        "你的数据和损失函数：fit 将会遇到什么",
    ),
    "fitpanel.intro": (
        "Read from your training code, never run: the arrays `{call}` gets at line {line} and the loss compile "
        "names. Real Keras then makes the same call once, on 2 rows of these shapes.",
        "从你的训练代码中读取，从不运行：第 {line} 行 `{call}` 得到的数组，以及 compile 指定的损失函数。"
        "然后真实的 Keras 用这些形状的 2 行数据把同样的调用执行一次。",
    ),
    "fitpanel.running": ("Running the call once on 2 rows…", "正在用 2 行数据执行一次这个调用……"),
    # the arrays and the loss
    "fitpanel.array": ("**{role}** `{shape}`, {dtype}: {holds}", "**{role}** `{shape}`，{dtype}：{holds}"),
    "fitpanel.array_from": (" (from `{source}`, line {line})", "（来自第 {line} 行的 `{source}`）"),
    "fitpanel.array_batched": (", in batches of {batch}", "，每批 {batch} 个"),
    "fitpanel.holds.class_ids": ("class ids {low}..{high}", "类别编号 {low}..{high}"),
    "fitpanel.holds.class_ids_open": ("class ids", "类别编号"),
    "fitpanel.holds.tokens": ("token ids {low}..{high}", "词编号 {low}..{high}"),
    "fitpanel.holds.tokens_open": ("token ids", "词编号"),
    "fitpanel.holds.one_hot": ("one-hot rows of width {classes}", "宽度为 {classes} 的独热（one-hot）行"),
    "fitpanel.holds.one_hot_open": ("one-hot rows", "独热（one-hot）行"),
    "fitpanel.holds.floats": ("floats", "浮点数"),
    "fitpanel.holds.pixels": ("pixels 0..255", "像素值 0..255"),
    "fitpanel.holds.unknown": ("values the code does not describe", "代码没有说明的数值"),
    "fitpanel.holds.ragged": ("lists of different lengths", "长度不一的列表"),
    "fitpanel.loss": ("**loss** `{loss}`{logits} (compile, line {line})", "**损失函数** `{loss}`{logits}（compile，第 {line} 行）"),
    "fitpanel.logits": (", from_logits=True", "，from_logits=True"),
    "fitpanel.no_loss": ("**loss**: compile names none here.", "**损失函数**：这里的 compile 没有指定。"),
    # the check
    "fitpanel.status.ok": (
        "`{call}` runs with this data and this loss: real Keras made the call on 2 rows without an error.",
        "`{call}` 可以用这些数据和这个损失函数运行：真实的 Keras 在 2 行数据上执行这次调用没有报错。",
    ),
    "fitpanel.status.failed": (
        "`{call}` stops at line {line}: real Keras raised an error on 2 rows of these shapes.",
        "`{call}` 在第 {line} 行停止：真实的 Keras 在这些形状的 2 行数据上报错了。",
    ),
    "fitpanel.status.not_run": ("Not checked: {reason}", "没有检查：{reason}"),
    "fitpanel.status.failed_typed": (
        "`{call}` would stop: real Keras raised an error on 2 rows of the shapes you typed in \"Your data\".",
        "`{call}` 会停下：真实的 Keras 在你于“你的数据”中填写的形状的 2 行数据上报错了。",
    ),
    "fitpanel.intro_typed": (
        "The shapes you typed in the sidebar's \"Your data\" (your code gives no data){loss}. Real Keras makes "
        "the call once, on 2 rows of these shapes.",
        "你在侧边栏“你的数据”中填写的形状（你的代码没有给出数据）{loss}。真实的 Keras 用这些形状的 2 行数据把调用执行一次。",
    ),
    "fitpanel.intro_typed_loss": (", and the loss your compile names at line {line}", "，以及第 {line} 行 compile 指定的损失函数"),
    "fitpanel.path.header_typed": ("Your data (as typed in the sidebar) on its way through the model to the loss",
                                   "你的数据（在侧边栏填写）穿过模型、到达损失函数的路径"),
    "fitpanel.keras_said": ("Keras's own words:", "Keras 自己的报错："),
    "fitpanel.meets": (
        "The shapes that meet (N: the samples of your data, B: the batch):",
        "相遇的形状（N：你的数据中的样本，B：批次）：",
    ),
    "fitpanel.col.role": ("role", "角色"),
    "fitpanel.col.name": ("name", "名称"),
    "fitpanel.col.shape": ("shape", "形状"),
    "fitpanel.col.axes": ("named axes", "命名轴"),
    "fitpanel.role.x": ("x, the data fed", "x，送入的数据"),
    "fitpanel.role.input": ("the model's input", "模型的输入"),
    "fitpanel.role.output": ("the model's output (y_pred)", "模型的输出（y_pred）"),
    "fitpanel.role.y": ("y, the labels", "y，标签"),
    "fitpanel.path.role.x": ("x (data)", "x（数据）"),
    "fitpanel.path.role.x_line": ("x, from line {line}", "x，来自第 {line} 行"),
    "fitpanel.path.role.input": ("input {name}", "输入 {name}"),
    "fitpanel.path.role.output": ("output {name}", "输出 {name}"),
    "fitpanel.path.role.y": ("y (labels)", "y（标签）"),
    "fitpanel.path.role.y_line": ("y, from line {line}", "y，来自第 {line} 行"),
    "fitpanel.path.role.loss": ("the loss (line {line})", "损失函数（第 {line} 行）"),
    "fitpanel.path.wants": ("{loss} wants {form}", "{loss} 要的是{form}"),
    "fitpanel.col.holds": ("what it holds", "内容"),
    "fitpanel.path.header": ("Your data on its way through the model to the loss (`{call}`, line {line})",
                             "你的数据穿过模型、到达损失函数的路径（`{call}`，第 {line} 行）"),
    "fitpanel.diagram.x": ("x: your data", "x：你的数据"),
    "fitpanel.diagram.y": ("y: your labels", "y：你的标签"),
    "fitpanel.diagram.no_loss": ("(no loss)", "（无损失函数）"),
    "fitpanel.path.checked": (
        "Read from your code, not run. Real Keras meets this data and this loss when you open "
        "\"Your data and your loss\" below: its own words if fit would stop, and the smallest fix.",
        "这些形状读自你的代码，并未运行。打开下方的“你的数据和损失函数”，真实的 Keras 会用这些数据和这个损失函数"
        "走一遍：若 fit 会停下，给出 Keras 自己的报错和最小的修改。",
    ),
    "fitpanel.needs.one_hot": ("one-hot rows of width {classes}", "宽度为 {classes} 的独热（one-hot）行"),
    "fitpanel.needs.class_ids": ("class ids below {classes}, one per row (no last axis)",
                                 "小于 {classes} 的类别编号，每行一个（没有最后一个轴）"),
    "fitpanel.needs.zero_one": ("0 or 1, the output's shape", "0 或 1，与输出同形状"),
    "fitpanel.needs.values": ("values of the output's shape", "与输出同形状的数值"),
    "fitpanel.cause": ("**Why:** {cause}", "**原因：**{cause}"),
    "fitpanel.fix": ("**The smallest fix:** {fix}", "**最小的修正：**{fix}"),
    "fitpanel.other": ("**Another way:** {fix}", "**另一种方法：**{fix}"),
    "fitpanel.apply_other": ("Apply this one instead", "改为应用这一种"),
    "fitpanel.apply_help": (
        "Writes the fix shown above into your code, at line {line}.",
        "把上面的修正写进你的代码，改在第 {line} 行。",
    ),
    "fitpanel.silent": ("What Keras did without a word:", "Keras 悄悄做了什么："),
    "fitpanel.silent_none": (
        "Nothing was changed silently: the shapes meet as your code writes them.",
        "没有任何悄悄的改动：形状按你的代码所写的那样相遇。",
    ),
}
