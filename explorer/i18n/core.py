"""Strings of the core panels: sidebar, messages, table, diagram, demonstration, answer, traps."""

EN = {
    "app.title": "Keras Shape Explorer",
    "app.intro": (
        "How tensor shapes flow through a real Keras 3 model: yours. It starts with a learner's many-to-many "
        "tagger, Embedding → Bidirectional(LSTM) → Dense → TimeDistributed(Dense); paste your own code or "
        "pick a preset, change the named numbers in the sidebar, and every number below comes from the model."
    ),
    "sidebar.header": "Model settings",
    "field.lang": "Language",
    "notice.clamped": "{field}: {raw} is outside {low}–{high}; using {used}.",
    "notice.not_integer": "{field}: {raw} is not a whole number; using the default {used}.",
    "notice.unknown_choice": "{field}: {raw} is not one of {choices}; using {used}.",
    "notice.unknown_key": "Ignored the unknown setting {field} = {raw}.",
    "notice.repeated": "{field} appears {raw} times in the link; using the last value, {used}.",
    "budget.memory": (
        "This configuration would need {total} bytes ({mib} MiB), over this app's memory budget of "
        "{limit} bytes ({limit_mib} MiB). The largest part is {layer} {kind}: {nbytes} bytes. "
        "The model was not built; the shapes below come from Keras's shape inference, without weights."
    ),
    "budget.compute": (
        "One forward pass would cost about {gflops} GFLOP, over this app's limit of {limit} GFLOP, so the "
        "live demonstration is skipped. Lower the batch size or the sequence length to run it."
    ),
    "budget.demo_skipped": "The live demonstration needs the built model, and this configuration was not built (see above).",
    "budget.kind.weights": "weights",
    "budget.kind.activations": "activations",
    "dim.B": "batch: Keras writes None",
    "dim.T": "time steps",
    "dim.V": "vocabulary",
    "dim.E": "embedding",
    "dim.H": "LSTM units",
    "dim.F": "BiLSTM output features",
    "dim.U": "Dense units",
    "dim.C": "count_classes + 1",
    "table.header": "Layer shapes",
    "table.batch_note": (
        "B = {B} is the batch size you chose. In model.summary() Keras writes None for it, meaning "
        "any batch size: the weights never depend on B or T."
    ),
    "table.col.layer": "Layer",
    "table.col.class": "Class",
    "table.col.input_shape": "Input shape",
    "table.col.output_shape": "Output shape",
    "table.col.named_output": "Named output",
    "table.col.weights": "Weights",
    "table.col.params": "Parameters",
    "table.col.formula": "Formula",
    "table.total": "Total: **{total}** parameters; `model.count_params()` = **{count}**.",
    "table.total_unbuilt": "Total: **{total}** parameters (from the formulas; the model was not built).",
    "table.download": "Download the table (CSV)",
    "table.weights_header": "Every weight",
    "table.weights_caption": (
        "Keras stores a Dense kernel as (input_dim, units), an LSTM kernel as (input_dim, 4 × units) with the "
        "four gates i, f, c, o side by side, and a convolution kernel as (window, input channels, filters)."
    ),
    "weights.col.layer": "Layer",
    "weights.col.weight": "Weight",
    "weights.col.shape": "Shape",
    "weights.col.named_shape": "Named shape",
    "weights.col.count": "Numbers",
    "diagram.header": "Tensor flow",
    "diagram.caption": (
        "Each box is a tensor, labelled with its shape and named axes; each arrow is a layer with its weights. "
        "Box height grows with the last axis and width with the second (log scale), so you see which axis a "
        "layer changes. Hover for details."
    ),
    "diagram.tensor": "{name}",
    "diagram.weights": "weights",
    "diagram.title": "Shapes through the model",
    "diagram.hover_shape": "shape",
    "diagram.hover_named": "named",
    "diagram.hover_params": "parameters",
    "demo.header": "Live: Dense on a 3-D tensor is reshape → matmul → reshape back",
    "demo.intro": (
        "The model ran on a seeded random batch of token ids. Its BiLSTM output H is ({B}, {T}, {F}) and the "
        "Dense layer's real kernel W is ({F}, {U}). Dense only touches the last axis: flatten the first two "
        "axes into {BT} rows, multiply every row by the same W, add b, and fold the rows back."
    ),
    "demo.code_compare": "Keras's Dense computes the same thing as:",
    "demo.diff.reshape_layer": "max |reshape @ W + b − Dense output|",
    "demo.diff.tensordot_layer": "max |tensordot + b − Dense output|",
    "demo.diff.reshape_tensordot": "max |reshape @ W + b − tensordot + b|",
    "demo.diff.td_direct": "max |TimeDistributed(Dense({C})) − Dense({C}) applied directly to the 3-D tensor|",
    "demo.diff.td_steps": "max |TimeDistributed(Dense) − Dense applied at each of the {T} time steps, stacked|",
    "demo.diff_caption": "Differences of order 1e-7 or less are float32 round-off: the computations are the same.",
    "demo.pick_header": "Follow one number",
    "demo.pick_b": "batch index b",
    "demo.pick_t": "time step t",
    "demo.pick_u": "Dense unit u",
    "demo.pick_result": (
        "Row r = b·T + t = {b}·{T} + {t} = **{r}** of `H.reshape(-1, {F})` meets column {u} of W: "
        "`flat[{r}] · W[:, {u}] + b[{u}]` = **{by_hand}**; the Dense layer's `out[{b}, {t}, {u}]` = **{layer}** "
        "(difference {diff})."
    ),
    "demo.heat.flat": "H.reshape(-1, {F}): rows {rows}, features {feats}",
    "demo.heat.kernel": "W: features {feats}, units {units}",
    "demo.heat.product": "flat @ W + b: rows {rows}, units {units}",
    "demo.heat.reshaped": "reshaped back, batch {b}: steps {steps}, units {units}",
    "answer.header": "The answer, with this model's numbers",
    "answer.q1": "1. What does each layer output?",
    "answer.q2": "2. Dense has a 2-D kernel but a 3-D input. How does the product work?",
    "answer.a2": (
        "Dense contracts only the last axis. H ({B}, {T}, {F}) → `H.reshape(-1, {F})` ({BT}, {F}) → "
        "`@ W` ({F}, {U}) `+ b` → ({BT}, {U}) → `.reshape({B}, {T}, {U})`. The same W is used at every "
        "batch row and every time step."
    ),
    "answer.q2_check": "Checked live on this model: the largest difference from the layer's own output is {diff}.",
    "answer.q2_no_check": "The live check is skipped for this configuration (see the message above).",
    "answer.q3": "3. Is the kernel ({U}, {F})?",
    "answer.a3": (
        "No. Keras stores a Dense kernel as (input_dim, units) = ({F}, {U}); this model's real kernel is "
        "{kernel}. The layer computes `x @ W + b`, with no transpose. ({U}, {F}), (out, in), is PyTorch's "
        "nn.Linear layout, which computes x @ W.T."
    ),
    "traps.header": "The question's code on Keras {version}: three traps",
    "traps.input_length.title": "Embedding(..., input_length=50)",
    "traps.input_length.fix": (
        "Keras 3 ignores input_length. Give the sequence length to the input instead: "
        "`keras.Input(shape=(50,), dtype=\"int32\")`."
    ),
    "traps.unbuilt_summary.title": "model.summary() before the model is built",
    "traps.unbuilt_summary.fix": (
        "A Sequential model without an input has no shapes yet, so summary() prints ? and 0 (unbuilt). "
        "Start the model with keras.Input, or call model.build((None, 50)) first."
    ),
    "traps.undefined_name.title": "sample_build(embed_dim, voc_size, size_batch, rnn_units, count_classes)",
    "traps.undefined_name.fix": "The code defines lstm_units but passes rnn_units: pass lstm_units.",
}

ZH = {
    "app.title": "Keras 形状探索器",
    "app.intro": (
        "看清张量形状如何流过一个真实的 Keras 3 模型——你自己的模型。起点是一位学习者的多对多序列标注模型 "
        "Embedding → Bidirectional(LSTM) → Dense → TimeDistributed(Dense)；粘贴你自己的代码或选择一个预设，"
        "在侧边栏修改命名的数值，下面的每个数字都来自这个模型。"
    ),
    "sidebar.header": "模型参数",
    "field.lang": "语言",
    "notice.clamped": "{field}：{raw} 超出范围 {low}–{high}；改用 {used}。",
    "notice.not_integer": "{field}：{raw} 不是整数；改用默认值 {used}。",
    "notice.unknown_choice": "{field}：{raw} 不在 {choices} 之中；改用 {used}。",
    "notice.unknown_key": "已忽略未知参数 {field} = {raw}。",
    "notice.repeated": "链接中 {field} 出现了 {raw} 次；使用最后一个值 {used}。",
    "budget.memory": (
        "这个配置需要 {total} 字节（{mib} MiB），超过了本应用的内存预算 {limit} 字节（{limit_mib} MiB）。"
        "最大的部分是 {layer} 的{kind}：{nbytes} 字节。模型没有构建；下面的形状来自 Keras 的形状推断，不分配权重。"
    ),
    "budget.compute": (
        "一次前向计算约需 {gflops} GFLOP，超过本应用 {limit} GFLOP 的上限，因此跳过实时演示。"
        "减小批大小或序列长度即可运行。"
    ),
    "budget.demo_skipped": "实时演示需要构建好的模型，而这个配置没有构建（见上文）。",
    "budget.kind.weights": "权重",
    "budget.kind.activations": "激活值",
    "dim.B": "批大小：Keras 写作 None",
    "dim.T": "时间步",
    "dim.V": "词表",
    "dim.E": "嵌入",
    "dim.H": "LSTM 单元",
    "dim.F": "BiLSTM 输出特征",
    "dim.U": "Dense 单元",
    "dim.C": "count_classes + 1",
    "table.header": "各层形状",
    "table.batch_note": "B = {B} 是你选择的批大小。model.summary() 中 Keras 把它写成 None，表示任意批大小：权重与 B 和 T 都无关。",
    "table.col.layer": "层",
    "table.col.class": "类",
    "table.col.input_shape": "输入形状",
    "table.col.output_shape": "输出形状",
    "table.col.named_output": "命名形状",
    "table.col.weights": "权重",
    "table.col.params": "参数量",
    "table.col.formula": "公式",
    "table.total": "合计：**{total}** 个参数；`model.count_params()` = **{count}**。",
    "table.total_unbuilt": "合计：**{total}** 个参数（由公式算出；模型没有构建）。",
    "table.download": "下载此表（CSV）",
    "table.weights_header": "全部权重",
    "table.weights_caption": "Keras 把 Dense 的 kernel 存为 (input_dim, units)，把 LSTM 的 kernel 存为 (input_dim, 4 × units)（i、f、c、o 四个门并排），把卷积核存为 (窗口, 输入通道, 过滤器数)。",
    "weights.col.layer": "层",
    "weights.col.weight": "权重",
    "weights.col.shape": "形状",
    "weights.col.named_shape": "命名形状",
    "weights.col.count": "元素个数",
    "diagram.header": "张量流",
    "diagram.caption": "每个方框是一个张量，标有它的形状和命名轴；每个箭头是一层及其权重。方框高度随最后一个轴增长，宽度随第二个轴增长（对数刻度），一眼就能看出某层改变了哪个轴。悬停查看详情。",
    "diagram.tensor": "{name}",
    "diagram.weights": "权重",
    "diagram.title": "形状在模型中的变化",
    "diagram.hover_shape": "形状",
    "diagram.hover_named": "命名",
    "diagram.hover_params": "参数量",
    "demo.header": "实时演示：3 维输入上的 Dense 就是 reshape → 矩阵乘法 → reshape 回去",
    "demo.intro": (
        "模型在一批固定随机种子的词元 id 上运行。它的 BiLSTM 输出 H 是 ({B}, {T}, {F})，Dense 层真实的 kernel W 是 "
        "({F}, {U})。Dense 只作用于最后一个轴：把前两个轴展平成 {BT} 行，每一行都乘同一个 W，加上 b，再折回原形状。"
    ),
    "demo.code_compare": "Keras 的 Dense 计算的正是：",
    "demo.diff.reshape_layer": "max |reshape @ W + b − Dense 输出|",
    "demo.diff.tensordot_layer": "max |tensordot + b − Dense 输出|",
    "demo.diff.reshape_tensordot": "max |reshape @ W + b − tensordot + b|",
    "demo.diff.td_direct": "max |TimeDistributed(Dense({C})) − 直接作用于 3 维张量的 Dense({C})|",
    "demo.diff.td_steps": "max |TimeDistributed(Dense) − 在 {T} 个时间步上逐个应用 Dense 再堆叠|",
    "demo.diff_caption": "1e-7 量级或更小的差异是 float32 舍入误差：两种计算是一样的。",
    "demo.pick_header": "跟踪一个数字",
    "demo.pick_b": "批索引 b",
    "demo.pick_t": "时间步 t",
    "demo.pick_u": "Dense 单元 u",
    "demo.pick_result": (
        "`H.reshape(-1, {F})` 的第 r = b·T + t = {b}·{T} + {t} = **{r}** 行与 W 的第 {u} 列相乘："
        "`flat[{r}] · W[:, {u}] + b[{u}]` = **{by_hand}**；Dense 层的 `out[{b}, {t}, {u}]` = **{layer}**（差 {diff}）。"
    ),
    "demo.heat.flat": "H.reshape(-1, {F})：第 {rows} 行，特征 {feats}",
    "demo.heat.kernel": "W：特征 {feats}，单元 {units}",
    "demo.heat.product": "flat @ W + b：第 {rows} 行，单元 {units}",
    "demo.heat.reshaped": "reshape 回去，批 {b}：时间步 {steps}，单元 {units}",
    "answer.header": "答案（用这个模型的真实数字）",
    "answer.q1": "1. 每一层输出什么形状？",
    "answer.q2": "2. Dense 的 kernel 是 2 维的，输入却是 3 维的，矩阵乘法怎么做？",
    "answer.a2": (
        "Dense 只收缩最后一个轴。H ({B}, {T}, {F}) → `H.reshape(-1, {F})` ({BT}, {F}) → `@ W` ({F}, {U}) `+ b` → "
        "({BT}, {U}) → `.reshape({B}, {T}, {U})`。每个批次行、每个时间步用的都是同一个 W。"
    ),
    "answer.q2_check": "已在这个模型上实时验证：与该层自身输出的最大差异是 {diff}。",
    "answer.q2_no_check": "这个配置跳过了实时验证（见上面的提示）。",
    "answer.q3": "3. kernel 的形状是 ({U}, {F}) 吗？",
    "answer.a3": (
        "不是。Keras 把 Dense 的 kernel 存为 (input_dim, units) = ({F}, {U})；这个模型真实的 kernel 是 {kernel}。"
        "该层计算 `x @ W + b`，不需要转置。({U}, {F}) 即 (输出, 输入) 是 PyTorch nn.Linear 的存法，它计算 x @ W.T。"
    ),
    "traps.header": "问题中的代码在 Keras {version} 上：三个陷阱",
    "traps.input_length.title": "Embedding(..., input_length=50)",
    "traps.input_length.fix": "Keras 3 忽略 input_length。改为在输入上给出序列长度：`keras.Input(shape=(50,), dtype=\"int32\")`。",
    "traps.unbuilt_summary.title": "模型构建之前调用 model.summary()",
    "traps.unbuilt_summary.fix": (
        "没有输入的 Sequential 模型还没有形状，所以 summary() 显示 ? 和 0 (unbuilt)。"
        "用 keras.Input 开始模型，或先调用 model.build((None, 50))。"
    ),
    "traps.undefined_name.title": "sample_build(embed_dim, voc_size, size_batch, rnn_units, count_classes)",
    "traps.undefined_name.fix": "代码定义的是 lstm_units，传入的却是 rnn_units：应传入 lstm_units。",
}
