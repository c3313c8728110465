"""Strings about any model: the code box, presets, reader notes shown on the page, axes' meanings, why a layer
cannot take its input and the smallest fix, and the generic panels. Each key with its English and its Chinese
side by side. Placeholders use str.format names; numbers are formatted by the caller.
"""

WORDS: dict[str, tuple[str, str]] = {
    # the "Your model" section
    "model.header": ("Your model", "你的模型"),
    "model.intro": (
        "Paste your Keras code (or pick a preset). It is read as text and never run: the explorer "
        "rebuilds the model with its own constructors and Keras 3 shows every shape.",
        "粘贴你的 Keras 代码（或选择一个预设）。代码只作为文本读取，从不运行：本工具用自己的构造函数重建模型，由 Keras 3 给出每一个形状。",
    ),
    "model.tab_code": ("Python code", "Python 代码"),
    "model.tab_json": ("Keras JSON / .keras file", "Keras JSON / .keras 文件"),
    "model.code_label": ("Keras code of the model", "模型的 Keras 代码"),
    "model.code_hint_keys": (
        "Edit, then press Ctrl+Enter or click outside the box.", "编辑后按 Ctrl+Enter 或点击框外。",
    ),
    "model.code_hint_touch": ("Edit, then tap outside the box.", "编辑后轻触框外。"),
    "model.json_label": ("Output of model.to_json() (read as data)", "model.to_json() 的输出（作为数据读取）"),
    "model.upload_label": (
        "…or upload a .keras file (only its config.json is read; weights are never opened)",
        "……或上传 .keras 文件（只读取其中的 config.json，从不打开权重）",
    ),
    "model.json_use": ("Show this model", "显示这个模型"),
    "model.json_active": (
        "Showing the model from the Keras JSON / .keras file. Edit the Python code to go back to it.",
        "正在显示来自 Keras JSON / .keras 文件的模型。编辑 Python 代码即可切换回去。",
    ),
    "model.limits": (
        "Limits: {chars} characters of code, {lines} lines, {layers} layers, nesting depth {depth}, whole "
        "numbers up to {int_max}; JSON up to {json_kib} KiB and .keras files up to {file_kib} KiB; "
        "at most {budget_mib} MiB of weights and activations are built.",
        "限制：代码最多 {chars} 个字符、{lines} 行、{layers} 层，嵌套深度 {depth}，整数最大 {int_max}；"
        "JSON 最多 {json_kib} KiB，.keras 文件最多 {file_kib} KiB；权重与激活合计最多 {budget_mib} MiB 才会真正构建。",
    ),
    "model.preset": ("Preset", "预设"),
    "model.preset_custom": ("(your own code)", "（你自己的代码）"),
    "model.notes_header": ("What the reader noticed", "读取代码时发现的问题"),
    "model.note_line": ("line {line}", "第 {line} 行"),
    "model.nothing": ("No model to show yet: {reason}", "还没有可以显示的模型：{reason}"),
    "model.no_spec": (
        "the code does not define a model the explorer can read (see the notes above).",
        "代码中没有本工具能读取的模型（见上面的提示）。",
    ),
    "model.summary": (
        "**{layers}** layers, **{params}** parameters, batch size **{batch}**{batch_source}.",
        "**{layers}** 层，**{params}** 个参数，批大小 **{batch}**{batch_source}。",
    ),
    "model.batch_from": (" (from `{name}`)", "（来自 `{name}`）"),
    "model.batch_none": ("None (any)", "None（任意）"),
    "model.sidebar_none": (
        "This code has no named numbers to change: give a size a name (`units = 64`) to get a control here.",
        "这段代码没有可调的命名数值：给某个大小起个名字（`units = 64`），这里就会出现对应的控件。",
    ),
    "model.constant_help": ("`{name}` in your code; used as {uses}.", "你代码中的 `{name}`；用作 {uses}。"),
    "model.use_if": ("the condition of an `if` (it chooses which lines run)", "`if` 的条件（决定运行哪几行）"),
    # an input the code does not give: the learner types its shape (explorer.controls.parse_input_shape)
    "sidebar.input_shape": ("Input shape (the code does not say it)", "输入形状（代码中没有写）"),
    "sidebar.input_shape_help": (
        "The shape of one sample, without the batch axis: whole numbers separated by commas, such as 28, 28, 1 for "
        "a 28×28 grayscale image. A model with several inputs takes one shape each, separated by semicolons, such "
        "as 5; 6. Your code's model has no input, so Keras learns its shape only from data; the explorer uses this "
        "shape and marks it as yours.",
        "一个样本的形状，不含批次轴：用逗号分隔的整数，例如 28×28 的灰度图写作 28, 28, 1。有多个输入的模型每个输入写一个形状，"
        "用分号隔开，例如 5; 6。你代码中的模型没有输入，Keras 要从数据中才知道它的形状；探索器使用这里填写的形状，并标明这是你给的。",
    ),
    "sidebar.input_shape_empty": (
        "Type a shape here to see every layer's shapes.",
        "在这里填写形状，就能看到每一层的形状。",
    ),
    "input_shape.not_shape": (
        "{raw} is not a shape: type whole numbers separated by commas, such as 28, 28, 1.",
        "{raw} 不是形状：请填写用逗号分隔的整数，例如 28, 28, 1。",
    ),
    "input_shape.out_of_range": (
        "{raw}: every size must be a whole number from 1 to {high}.",
        "{raw}：每个大小都必须是 1 到 {high} 之间的整数。",
    ),
    "input_shape.too_many_axes": (
        "{raw} has more than {limit} axes: a Keras input here has at most {limit} (without the batch axis).",
        "{raw} 的轴多于 {limit} 个：这里的 Keras 输入最多有 {limit} 个轴（不含批次轴）。",
    ),
    "input_shape.too_many_inputs": (
        "{raw} gives more than {limit} input shapes: a model here takes at most {limit} typed inputs.",
        "{raw} 给出了多于 {limit} 个输入形状：这里的模型最多接受 {limit} 个填写的输入。",
    ),
    "input_shape.too_long": (
        "This text is longer than {limit} characters: type only the shape, such as 28, 28, 1.",
        "这段文字超过 {limit} 个字符：只需填写形状，例如 28, 28, 1。",
    ),
    "notice.data_bad": (
        "{field}: {raw} in the link is not a value \"Your data\" takes (shapes as 1000x50; what y holds: "
        "class_ids, one_hot or floats; a Keras loss name); it was ignored.",
        "{field}：链接中的 {raw} 不是“你的数据”能接受的值（形状如 1000x50；y 的内容：class_ids、one_hot 或 floats；"
        "Keras 的损失函数名）；已忽略。",
    ),
    "data.header": ("Your data", "你的数据"),
    "data.caption": (
        "Your code gives no data for fit. Type the shapes fit would get, samples first, to see them meet the model "
        "and the loss.",
        "你的代码没有给出 fit 的数据。填写 fit 会拿到的形状（样本数在前），看看它们如何与模型和损失函数相遇。",
    ),
    "data.x": ("x: the data's shape", "x：数据的形状"),
    "data.y": ("y: the labels' shape", "y：标签的形状"),
    "data.shape_help": (
        "Whole numbers with the number of samples first, such as 1000x50 for 1,000 sentences of 50 token ids, or "
        "60000x28x28 for mnist's images. A model with several inputs takes one shape each, separated by semicolons.",
        "整数，样本数在前，例如 1000x50 表示 1,000 个句子、每句 50 个词编号，60000x28x28 表示 mnist 的图像。"
        "有多个输入的模型每个输入填一个形状，用分号分隔。",
    ),
    "data.holds": ("What y holds", "y 的内容"),
    "data.holds.class_ids": ("class ids (integers)", "类别编号（整数）"),
    "data.holds.one_hot": ("one-hot rows", "独热（one-hot）行"),
    "data.holds.floats": ("numbers (regression targets)", "数值（回归目标）"),
    "data.loss": ("The loss (your code names none)", "损失函数（你的代码没有指定）"),
    "data.no_loss": ("(no loss: only x meets the model)", "（无损失函数：只让 x 进入模型）"),
    "notice.shape_bad": (
        "{field}: {raw} in the link is not an input shape (whole numbers from 1, such as 28, 28, 1); it was ignored.",
        "{field}：链接中的 {raw} 不是输入形状（应为从 1 起的整数，例如 28, 28, 1）；已忽略。",
    ),
    "notice.shape_unused": (
        "{field}: this code gives its model's input itself, so the link's input shape {raw} was not used.",
        "{field}：这段代码自己给出了模型的输入，所以没有使用链接中的输入形状 {raw}。",
    ),
    "notice.code_bad": (
        "The code in this link could not be unpacked (damaged, or longer than the code box's limit once "
        "unpacked); the default preset is shown.",
        "无法解开链接中的代码（已损坏，或解压后超过代码框的长度限制）；改为显示默认预设。",
    ),
    "notice.preset_unknown": (
        "There is no preset called {raw}; showing {used}.",
        "没有名为 {raw} 的预设；显示 {used}。",
    ),
    # presets
    "preset.tagger": ("The question's tagger (BiLSTM many-to-many)", "问题中的序列标注模型（BiLSTM 多对多）"),
    "preset.question": ("The question's code as posted (Keras 2 habits)", "问题中原样贴出的代码（Keras 2 写法）"),
    "preset.stacked_bilstm": ("Stacked BiLSTM classifier (many-to-one)", "堆叠 BiLSTM 分类器（多对一）"),
    "preset.seq2seq": ("Seq2seq with RepeatVector", "使用 RepeatVector 的 seq2seq"),
    "preset.conv1d_text": ("Conv1D text classifier", "Conv1D 文本分类器"),
    "preset.image_cnn": ("Small image CNN", "小型图像 CNN"),
    "preset.gru_tagger": ("GRU tagger", "GRU 序列标注模型"),
    "preset.two_inputs": ("Two inputs joined by Concatenate", "两个输入经 Concatenate 合并"),
    # failure panel
    "failure.header": ("Keras 3 cannot build this model", "Keras 3 无法构建这个模型"),
    "failure.where": (
        "Layer **{layer}** ({cls}){line_text} cannot take its input {shape} = {named}.",
        "层 **{layer}**({cls}){line_text}无法接受它的输入 {shape} = {named}。",
    ),
    "failure.line": (", line {line}", "，第 {line} 行"),
    "failure.keras_said": ("Keras's own error:", "Keras 自己的报错："),
    "failure.explorer_said": (
        "The explorer's check (Keras raises this when the layer is called):",
        "本工具的检查（调用该层时 Keras 会报这个错）:",
    ),
    "failure.cause": ("Why: {cause}", "原因：{cause}"),
    "failure.fix": ("Smallest fix: {fix}", "最小的修改：{fix}"),
    "failure.partial": (
        "The table and the diagram below stop at the layer before it.",
        "下面的表格和图只画到它前面的那一层。",
    ),
    "cause.ndim": (
        "{cls} expects inputs with {expected} axes (batch included), but {layer} receives {found}: {named}.",
        "{cls} 期望输入有 {expected} 个轴（含批轴），但 {layer} 收到的是 {found} 个：{named}。",
    ),
    "cause.count": (
        "{cls} takes one tensor, but {count} tensors flow into {layer}: {named}.",
        "{cls} 只接受一个张量，但流入 {layer} 的有 {count} 个：{named}。",
    ),
    "cause.unknown_size": (
        "{layer} needs every size except the batch to be known, but {named} has a None size.",
        "{layer} 需要除批轴外的每个大小都已知，但 {named} 中有大小为 None。",
    ),
    "cause.concat": (
        "The tensors joined at {layer} must have equal sizes on every axis except the joined one: {named}.",
        "在 {layer} 处拼接的张量，除拼接轴外其他各轴大小必须相同：{named}。",
    ),
    "cause.merge": (
        "{cls} adds up or multiplies its inputs element by element, so they must have the same shape (or sizes of 1 that broadcast): {named}.",
        "{cls} 逐元素地相加或相乘它的输入，所以它们的形状必须相同（或者是可以广播的大小 1）：{named}。",
    ),
    "cause.too_short": (
        "{layer}'s window is longer than what flows in, {named}: the output would have no positions left.",
        "{layer} 的窗口比流入的 {named} 还长：输出将一个位置都不剩。",
    ),
    "cause.missing_input": (
        "{layer} is called on a tensor that no earlier layer produces.",
        "{layer} 被调用在一个前面没有任何层产生的张量上。",
    ),
    "cause.generic": (
        "{layer} cannot take a tensor of shape {named}; Keras's message above says which size is wrong.",
        "{layer} 不能接受形状为 {named} 的张量；上面 Keras 的报错说明了是哪个大小不对。",
    ),
    "fix.return_sequences": (
        "set `return_sequences=True` on {rnn} so that {layer} passes on every time step (B, T, H) "
        "instead of only the last one (B, H).",
        "在 {rnn} 上设置 `return_sequences=True`，让 {layer} 输出每个时间步 (B, T, H)，而不是只输出最后一步 (B, H)。",
    ),
    "fix.return_sequences_off": (
        "{rnn} passes on every time step, and {next} takes one step per sample: set `return_sequences=False` on "
        "{rnn} to pass on only the last step (or run {next} on each step inside `layers.TimeDistributed(...)`).",
        "{rnn} 传出每个时间步，而 {next} 每个样本只接受一步：在 {rnn} 上设置 `return_sequences=False`，只传出"
        "最后一步（或者把 {next} 放进 `layers.TimeDistributed(...)`，让它逐步运行）。",
    ),
    "fix.reshape_add_axis": (
        "add the missing axis before {layer}, for example with `{code}`.",
        "在 {layer} 之前补上缺少的轴，例如 `{code}`。",
    ),
    "fix.flatten": (
        "remove the extra axes before {layer}, for example with `layers.Flatten()` or a global pooling layer.",
        "在 {layer} 之前去掉多余的轴，例如用 `layers.Flatten()` 或全局池化层。",
    ),
    "fix.merge_mode": (
        "give {layer} a merge mode: `merge_mode=\"concat\"` joins the two directions into one tensor.",
        "给 {layer} 指定合并方式：`merge_mode=\"concat\"` 把两个方向合成一个张量。",
    ),
    "fix.return_state": (
        "{layer} returns its output and its states: unpack them (`outputs, *states = ...`) and pass on only the output.",
        "{layer} 返回输出和状态：先解包（`outputs, *states = ...`），只把输出传下去。",
    ),
    "fix.fixed_length": (
        "give the input a fixed length (`keras.Input(shape=(T, …))` with a number for T) before {layer}.",
        "在 {layer} 之前给输入一个固定长度（`keras.Input(shape=(T, …))`，T 写成具体数字）。",
    ),
    # axes legend
    "axis.batch": ("batch", "批"),
    "axis.time": ("time steps", "时间步"),
    "axis.features": ("features", "特征"),
    "axis.height": ("height", "高"),
    "axis.width": ("width", "宽"),
    "axis.channels": ("channels", "通道"),
    "axis.input": ("an input axis", "输入的一个轴"),
    "axis.source": ("from your code", "来自你的代码"),
    "axis.units": ("units of {layer}", "{layer} 的单元数"),
    "legend.source": ("{meaning}: {source}", "{meaning}：{source}"),
    "share.json": (
        "A model read from Keras JSON or a .keras file is not put in links: paste it as Python code to share it.",
        "来自 Keras JSON 或 .keras 文件的模型不会放进链接：把它写成 Python 代码粘贴后即可分享。",
    ),
    "share.too_long": (
        "This code is too long to share in a link (over {limit} characters once packed). Shorten it or share the code itself.",
        "这段代码太长，无法放进链接（压缩后超过 {limit} 个字符）。请缩短代码，或直接分享代码本身。",
    ),
    # generic table
    "table.total_partial": (
        "Total so far: **{total}** parameters (up to the layer that fails).",
        "到目前为止共 **{total}** 个参数（截至出错的那一层之前）。",
    ),
    "budget.generic_memory": (
        "This model would need {total} bytes ({mib} MiB), over this app's memory budget of {limit} bytes "
        "({limit_mib} MiB). The largest part is {layer} {kind}: {nbytes} bytes. The model was not built; "
        "the shapes come from Keras's shape inference, without weights.",
        "这个模型需要 {total} 字节（{mib} MiB），超过本应用 {limit} 字节（{limit_mib} MiB）的内存预算。"
        "最大的部分是 {layer} 的{kind}:{nbytes} 字节。模型没有构建；形状来自 Keras 的形状推断，不含权重。",
    ),
}
