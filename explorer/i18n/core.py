"""Strings of the core panels: sidebar, messages, table, diagram, demonstration, answer. Each key with its
English and its Chinese side by side. Placeholders use str.format names; numbers are formatted by the caller.
"""

WORDS: dict[str, tuple[str, str]] = {
    "app.title": ("Keras Shape Explorer", "Keras 形状探索器"),
    "app.loading_keras": (
        "Starting Keras (the first page after the server starts waits for TensorFlow to load)…",
        "正在启动 Keras（服务器启动后的第一个页面要等 TensorFlow 加载完）…",
    ),
    "app.intro": (
        "How tensor shapes flow through a real Keras 3 model: yours. It starts with a learner's many-to-many "
        "tagger, Embedding → Bidirectional(LSTM) → Dense → TimeDistributed(Dense); paste your own code or "
        "pick a preset, change the named numbers in the sidebar, and every number below comes from the model.",
        "看清张量形状如何流过一个真实的 Keras 3 模型——你自己的模型。起点是一位学习者的多对多序列标注模型 "
        "Embedding → Bidirectional(LSTM) → Dense → TimeDistributed(Dense)；粘贴你自己的代码或选择一个预设，"
        "在侧边栏修改命名的数值，下面的每个数字都来自这个模型。",
    ),
    "sidebar.header": ("Model settings", "模型参数"),
    "field.lang": ("Language", "语言"),
    "notice.clamped": (
        "{field}: {raw} is outside {low}–{high}; using {used}.",
        "{field}：{raw} 超出范围 {low}–{high}；改用 {used}。",
    ),
    "notice.not_integer": (
        "{field}: {raw} is not a whole number; using the default {used}.",
        "{field}：{raw} 不是整数；改用默认值 {used}。",
    ),
    "notice.unknown_choice": (
        "{field}: {raw} is not one of {choices}; using {used}.",
        "{field}：{raw} 不在 {choices} 之中；改用 {used}。",
    ),
    "notice.unknown_key": ("Ignored the unknown setting {field} = {raw}.", "已忽略未知参数 {field} = {raw}。"),
    "notice.repeated": (
        "{field} appears {raw} times in the link; using the last value, {used}.",
        "链接中 {field} 出现了 {raw} 次；使用最后一个值 {used}。",
    ),
    "notice.breaks_code": (
        "{field}: {raw} would make a layer of the code invalid where it is used; using {used}.",
        "{field}：{raw} 会让代码中用到它的某一层无效；改用 {used}。",
    ),
    "budget.compute": (
        "One forward pass would cost about {gflops} GFLOP, over this app's limit of {limit} GFLOP, so the "
        "live demonstration is skipped. Lower the batch size or the sequence length to run it.",
        "一次前向计算约需 {gflops} GFLOP，超过本应用 {limit} GFLOP 的上限，因此跳过实时演示。"
        "减小批大小或序列长度即可运行。",
    ),
    "budget.kind.weights": ("weights", "权重"),
    "budget.kind.activations": ("activations", "激活值"),
    "budget.kind.working": ("working memory while it runs", "运行时的临时内存"),
    "table.header": ("Layer shapes", "各层形状"),
    "table.batch_note": (
        "B = {B} is the batch size you chose. In model.summary() Keras writes None for it, meaning "
        "any batch size: the weights never depend on B or T.",
        "B = {B} 是你选择的批大小。model.summary() 中 Keras 把它写成 None，表示任意批大小：权重与 B 和 T 都无关。",
    ),
    "table.col.layer": ("Layer", "层"),
    "table.col.class": ("Class", "类"),
    "table.col.input_shape": ("Input shape", "输入形状"),
    "table.col.output_shape": ("Output shape", "输出形状"),
    "table.col.named_output": ("Named output", "命名形状"),
    "table.col.weights": ("Weights", "权重"),
    "table.col.params": ("Parameters", "参数量"),
    "table.col.formula": ("Formula", "公式"),
    "table.total": (
        "Total: **{total}** parameters; `model.count_params()` = **{count}**.",
        "合计：**{total}** 个参数；`model.count_params()` = **{count}**。",
    ),
    "table.total_unbuilt": (
        "Total: **{total}** parameters (from the formulas; the model was not built).",
        "合计：**{total}** 个参数（由公式算出；模型没有构建）。",
    ),
    "table.download": ("Download the table (CSV)", "下载此表（CSV）"),
    "table.weights_header": ("Every weight", "全部权重"),
    "table.weights_caption": (
        "Keras stores a Dense kernel as (input_dim, units), an LSTM kernel as (input_dim, 4 × units) with the "
        "four gates i, f, c, o side by side, and a convolution kernel as (window, input channels, filters).",
        "Keras 把 Dense 的 kernel 存为 (input_dim, units)，把 LSTM 的 kernel 存为 (input_dim, 4 × units)（i、f、c、o 四个门并排），把卷积核存为 (窗口, 输入通道, 过滤器数)。",
    ),
    "weights.col.layer": ("Layer", "层"),
    "weights.col.weight": ("Weight", "权重"),
    "weights.col.shape": ("Shape", "形状"),
    "weights.col.named_shape": ("Named shape", "命名形状"),
    "weights.col.count": ("Numbers", "元素个数"),
    "diagram.header": ("Tensor flow", "张量流"),
    "diagram.caption": (
        "Each box is a tensor, labelled with its shape and named axes; each arrow is a layer with its weights. "
        "Box height grows with the last axis and width with the second (log scale), so you see which axis a "
        "layer changes.",
        "每个方框是一个张量，标有它的形状和命名轴；每个箭头是一层及其权重。方框高度随最后一个轴增长，宽度随第二个轴增长（对数刻度），一眼就能看出某层改变了哪个轴。",
    ),
    "diagram.hint_pointer": (
        "Hover a box or an arrow for its details, drag to move along a long model, and click a layer to see its "
        "details below the chart and open its X-ray.",
        "把鼠标停在方框或箭头上查看详情，拖动可沿较长的模型移动，点击一层会在图下方显示它的详情并打开它的 X 光。",
    ),
    "diagram.hint_touch": (
        "Tap a box or an arrow for its details; tap it once more to show them below the chart and open its X-ray. "
        "Drag the chart to see the rest of the model.",
        "轻点方框或箭头查看详情；再轻点一次，详情会显示在图下方，并打开它的 X 光。拖动图表可查看模型的其余部分。",
    ),
    "diagram.details_empty": (
        "The details of the layer you choose in the chart show here.",
        "在图中选中的层的详情会显示在这里。",
    ),
    "diagram.details_xray": (
        "Its X-ray is open below, under “Live numbers”.",
        "它的 X 光已在下方“实时数字”中打开。",
    ),
    "diagram.tensor": ("{name}", "{name}"),
    "diagram.weights": ("weights", "权重"),
    "diagram.title": ("Shapes through the model", "形状在模型中的变化"),
    "diagram.hover_shape": ("shape", "形状"),
    "diagram.hover_named": ("named", "命名"),
    "diagram.hover_params": ("parameters", "参数量"),
    "answer.header": ("The answer, with this model's numbers", "答案（用这个模型的真实数字）"),
    "answer.q1": ("1. What does each layer output?", "1. 每一层输出什么形状？"),
    "answer.q2": (
        "2. Dense has a 2-D kernel but a 3-D input. How does the product work?",
        "2. Dense 的 kernel 是 2 维的，输入却是 3 维的，矩阵乘法怎么做？",
    ),
    "answer.a2": (
        "Dense contracts only the last axis. H ({B}, {T}, {F}) → `H.reshape(-1, {F})` ({BT}, {F}) → "
        "`@ W` ({F}, {U}) `+ b` → ({BT}, {U}) → `.reshape({B}, {T}, {U})`. The same W is used at every "
        "batch row and every time step.",
        "Dense 只收缩最后一个轴。H ({B}, {T}, {F}) → `H.reshape(-1, {F})` ({BT}, {F}) → `@ W` ({F}, {U}) `+ b` → "
        "({BT}, {U}) → `.reshape({B}, {T}, {U})`。每个批次行、每个时间步用的都是同一个 W。",
    ),
    "answer.q2_check": (
        "Checked live on this model: the largest difference from the layer's own output is {diff}.",
        "已在这个模型上实时验证：与该层自身输出的最大差异是 {diff}。",
    ),
    "answer.q2_no_check": (
        "The live check is skipped for this configuration (see the message above).",
        "这个配置跳过了实时验证（见上面的提示）。",
    ),
    "answer.q3": ("3. Is the kernel ({U}, {F})?", "3. kernel 的形状是 ({U}, {F}) 吗？"),
    "answer.a3": (
        "No. Keras stores a Dense kernel as (input_dim, units) = ({F}, {U}); this model's real kernel is "
        "{kernel}. The layer computes `x @ W + b`, with no transpose. ({U}, {F}), (out, in), is PyTorch's "
        "nn.Linear layout, which computes x @ W.T.",
        "不是。Keras 把 Dense 的 kernel 存为 (input_dim, units) = ({F}, {U})；这个模型真实的 kernel 是 {kernel}。"
        "该层计算 `x @ W + b`，不需要转置。({U}, {F}) 即 (输出, 输入) 是 PyTorch nn.Linear 的存法，它计算 x @ W.T。",
    ),
}
