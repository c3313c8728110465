"""Strings of the wrapper X-ray and "break it" panels."""

EN = {
    "xray.header": "Wrapper X-ray: what each layer computes, from this model's real weights",
    "xray.intro": (
        "`model.summary()` shows Bidirectional and TimeDistributed as one row each. Here every wrapper is "
        "opened and recomputed with numpy from the model's own weights on the demonstration's token batch "
        "(B = {B} sequences of T = {T} tokens), then compared with the Keras layer."
    ),
    "xray.largest": "Largest difference over all checks below: `{diff}`",
    "xray.skipped": (
        "The X-ray is skipped for this configuration: with its arrays the page would need {needed} bytes, over "
        "the memory budget of {limit} bytes. Lower the batch size or the sequence length to see it."
    ),
    "xray.skipped_demo": (
        "The X-ray opens the live demonstration's tensors, and the demonstration was skipped for this "
        "configuration (see above)."
    ),
    "xray.tab.embedding": "Embedding = lookup",
    "xray.tab.lstm": "LSTM step",
    "xray.tab.bidirectional": "Bidirectional",
    "xray.tab.time_distributed": "TimeDistributed(Dense)",
    "xray.diff_caption": "Differences of order 1e-7 or less are float32 round-off: the computations are the same.",
    "xray.emb.intro": (
        "The embedding matrix is (V, E) = ({V}, {E}). The layer does no arithmetic: out[b, t] is row "
        "tokens[b, t] of the matrix, so (B, T) ids become (B, T, E) = ({B}, {T}, {E})."
    ),
    "xray.emb.example": (
        "Example: tokens[0, 0] = **{token}**, so out[0, 0] is row {token}. Its first numbers: `{row}`; the "
        "layer's out[0, 0] starts `{out}`."
    ),
    "xray.emb.onehot": (
        "The same as a matrix product: one_hot(tokens) (B, T, V) @ E (V, E). Each one-hot row has a single 1, "
        "at the token's id, so the product picks that row."
    ),
    "xray.emb.memory": (
        "A one-hot tensor for the whole batch would take B·T·V·4 = {full} bytes ({full_mib} MiB). Here the first "
        "{n} tokens of sequence 0 are multiplied, {chunks} block(s) of at most {rows} vocabulary rows at a time, "
        "holding at most {peak} bytes ({peak_mib} MiB) at once; the app's memory budget is {limit_mib} MiB."
    ),
    "xray.emb.diff_lookup": "max |E[tokens] − Embedding output| over (B, T, E)",
    "xray.emb.diff_onehot": "max |one_hot(tokens[0, :{n}]) @ E − Embedding output[0, :{n}]|",
    "xray.lstm.intro": (
        "Each LSTM direction has kernel (E, 4H) = {kernel}, recurrent_kernel (H, 4H) = {recurrent} and bias "
        "(4H,) = {bias}. Why 4H = 4 × {H} = {H4} columns? The LSTM has four gates, each H = {H} wide, and Keras "
        "stores their matrices side by side so one matmul computes all four: columns 0–{e1} are the input gate "
        "i, {s2}–{e2} the forget gate f, {s3}–{e3} the candidate cell c, {s4}–{e4} the output gate o "
        "(the order i, f, c, o is the one in keras/src/layers/rnn/lstm.py)."
    ),
    "xray.lstm.step": "Step t = {t} of the forward LSTM, with the real arrays' shapes:",
    "xray.lstm.figure_title": "z = x_t @ kernel + h_(t−1) @ recurrent_kernel + bias for sequence 0 at t = {t}: {H4} numbers",
    "xray.lstm.gate.i": "i: input gate",
    "xray.lstm.gate.f": "f: forget gate",
    "xray.lstm.gate.c": "c: candidate cell",
    "xray.lstm.gate.o": "o: output gate",
    "xray.lstm.bias_note": (
        "The bias is part of z. In this model its f block runs from {f_min} to {f_max}, and the largest |value| "
        "in its i, c and o blocks is {o_max}: Keras starts the forget gate's bias at 1 (unit_forget_bias=True), "
        "which is why the f block of an untrained LSTM sits near 1."
    ),
    "xray.lstm.axis_x": "column of z (4H)",
    "xray.lstm.axis_y": "pre-activation",
    "xray.lstm.diff_step": "max |h_t by hand − forward LSTM output[:, {t}]| over (B, H)",
    "xray.lstm.diff_all": "max |numpy LSTM over all {T} steps − forward LSTM output| over (B, T, H)",
    "xray.bi.intro": (
        "Bidirectional runs two LSTMs on the same (B, T, E) input. The forward one reads tokens 0 … {last}; the "
        "backward one (go_backwards=True) reads them from {last} down to 0, so its output step 0 belongs to the "
        "last token. With return_sequences=True Keras reverses that output in time (`ops.flip(y_rev, axis=1)`) so "
        "that step t of both belongs to token t, then merges them with merge_mode = **{mode}**."
    ),
    "xray.bi.figure_title.forward": "forward (T × H)",
    "xray.bi.figure_title.backward_raw": "backward, as it comes out",
    "xray.bi.figure_title.backward": "backward, reversed in time",
    "xray.bi.figure_title.merged": "merged: {mode}",
    "xray.bi.figure_caption": (
        "Sequence 0, time steps on the vertical axis, units on the horizontal axis (first {units} of H). Panels 1, "
        "3 and 4 show steps 0–{end} of T = {T}; panel 2 shows the backward output's steps {raw_start}–{last}, which "
        "are panel 3 upside down: its step {last} belongs to token 0."
    ),
    "xray.bi.modes_header": "Every merge mode on these real tensors",
    "xray.bi.col.mode": "merge_mode",
    "xray.bi.col.formula": "Formula",
    "xray.bi.col.shape": "Shape",
    "xray.bi.col.named": "Named",
    "xray.bi.col.used": "This model",
    "xray.bi.used": "✔ (checked against the layer)",
    "xray.bi.diff_merged": "max |merge(forward, reversed backward) − Bidirectional output| over (B, T, F)",
    "xray.bi.diff_backward": "max |numpy LSTM on the time-reversed input − backward LSTM output| over (B, T, H)",
    "xray.bi.diff_unflipped": (
        "Without the reversal, max |merge(forward, backward as it comes out) − Bidirectional output| = `{diff}`: "
        "that would be wrong."
    ),
    "xray.td.intro": (
        "TimeDistributed(Dense({C})) holds one kernel (U, C) = {kernel} and one bias (C,) = {bias}: "
        "{params} parameters, whatever T is. It applies that same kernel at each of the T = {T} steps: "
        "out[:, t, :] = d[:, t, :] (B, U) @ kernel (U, C) + bias → (B, C). Dense({C}) on the 3-D tensor does the "
        "same, because Dense contracts only the last axis."
    ),
    "xray.td.shared": "The wrapper's only kernel is the inner Dense's kernel: {shared}.",
    "xray.yes": "yes",
    "xray.no": "no",
    "xray.td.diff_direct": "max |TimeDistributed(Dense({C})) − Dense({C}) on the 3-D tensor| over (B, T, C)",
    "xray.td.diff_steps": "max |TimeDistributed(Dense) − the same Dense at each of the {T} steps, stacked|",
    "breakit.header": "Break it: common mistakes, with the real error",
    "breakit.intro": (
        "Switch a mistake on. It is run live with this configuration's sizes on a small batch of {b} sequence(s) "
        "of {t} step(s), so the message is Keras's (or numpy's, or TensorFlow's) own; tensor values inside it "
        "are shortened to …. The model above is not touched."
    ),
    "breakit.you_wrote": "What the code does",
    "breakit.said": "What {kind} said",
    "breakit.cause": "**Cause:** {cause}",
    "breakit.no_error": "No error was raised.",
    "breakit.merge_none.title": "Bidirectional(merge_mode=None) feeding Dense",
    "breakit.merge_none.cause": (
        "merge_mode=None returns two tensors, forward and backward, each (B, T, H) = ({B}, {T}, {H}); "
        "Dense({U}) takes one. Use concat for (B, T, 2H) = ({B}, {T}, {twoH}) or ave/sum/mul for ({B}, {T}, {H})."
    ),
    "breakit.return_sequences.title": "LSTM without return_sequences=True before TimeDistributed",
    "breakit.return_sequences.cause": (
        "Without return_sequences=True the LSTM keeps only its last step, (B, F) = ({B}, {F}), so Dense({U}) "
        "gives (B, U) = ({B}, {U}): there is no T = {T} axis for TimeDistributed, which needs (B, T, U) = "
        "({B}, {T}, {U})."
    ),
    "breakit.transposed_matmul.title": "The Dense kernel transposed in the matmul: flat @ W.T",
    "breakit.transposed_matmul.cause": (
        "flat is (B·T, F) = ({BT}, {F}) and W.T is (U, F) = ({U}, {F}): the inner sizes F = {F} and U = {U} "
        "differ. The kernel is stored as (F, U) = ({F}, {U}); multiply by W itself."
    ),
    "breakit.transposed_matmul.silent": (
        "F = U = {F} here, so (B·T, F) @ (U, F) runs without an error, but with the wrong matrix: the result is "
        "up to {diff} away from flat @ W. Shapes cannot catch this one."
    ),
    "breakit.transposed_weights.title": "Loading a transposed kernel: dense.set_weights([W.T, b])",
    "breakit.transposed_weights.cause": (
        "This Dense layer was built for F = {F} inputs, so its kernel is (F, U) = ({F}, {U}); W.T is "
        "(U, F) = ({U}, {F}). Keras stores a kernel as (input_dim, units)."
    ),
    "breakit.transposed_weights.silent": (
        "F = U = {F} here, so set_weights accepts the square W.T without an error and the layer silently "
        "computes something else: up to {diff} away from flat @ W."
    ),
    "breakit.token_out_of_range.title": "A token id equal to the vocabulary size V",
    "breakit.token_out_of_range.cause": (
        "Embedding(V = {V}, …) has rows 0 … {last}; token id {V} has no row. input_dim must be the largest "
        "token id + 1."
    ),
}

ZH = {
    "xray.header": "包装层透视：用这个模型的真实权重看每一层在算什么",
    "xray.intro": (
        "`model.summary()` 把 Bidirectional 和 TimeDistributed 各显示成一行。这里把每个包装层拆开，用模型自己的权重、"
        "在演示用的词元批次（B = {B} 个序列，每个 T = {T} 个词元）上用 numpy 重新计算，再与 Keras 层的输出比较。"
    ),
    "xray.largest": "下面所有检查中的最大差值：`{diff}`",
    "xray.skipped": (
        "此配置跳过了透视：加上透视的数组，页面需要 {needed} 字节，超过了 {limit} 字节的内存预算。"
        "减小批大小或序列长度即可查看。"
    ),
    "xray.skipped_demo": "透视拆开的是实时演示的张量，而此配置跳过了实时演示（见上文）。",
    "xray.tab.embedding": "Embedding = 查表",
    "xray.tab.lstm": "LSTM 的一步",
    "xray.tab.bidirectional": "Bidirectional",
    "xray.tab.time_distributed": "TimeDistributed(Dense)",
    "xray.diff_caption": "1e-7 量级或更小的差值是 float32 的舍入误差：两种计算是相同的。",
    "xray.emb.intro": (
        "嵌入矩阵是 (V, E) = ({V}, {E})。这一层不做算术：out[b, t] 就是矩阵的第 tokens[b, t] 行，"
        "所以 (B, T) 的编号变成 (B, T, E) = ({B}, {T}, {E})。"
    ),
    "xray.emb.example": (
        "例：tokens[0, 0] = **{token}**，所以 out[0, 0] 是第 {token} 行。它的前几个数：`{row}`；"
        "该层的 out[0, 0] 开头是 `{out}`。"
    ),
    "xray.emb.onehot": (
        "它等于一个矩阵乘法：one_hot(tokens) (B, T, V) @ E (V, E)。每个 one-hot 行只有一个 1，位于词元编号处，"
        "所以乘积正好取出那一行。"
    ),
    "xray.emb.memory": (
        "整个批次的 one-hot 张量要占 B·T·V·4 = {full} 字节（{full_mib} MiB）。这里只乘序列 0 的前 {n} 个词元，"
        "分 {chunks} 块、每块最多 {rows} 个词表行，同一时刻最多占用 {peak} 字节（{peak_mib} MiB）；"
        "本应用的内存预算是 {limit_mib} MiB。"
    ),
    "xray.emb.diff_lookup": "max |E[tokens] − Embedding 输出|，覆盖 (B, T, E)",
    "xray.emb.diff_onehot": "max |one_hot(tokens[0, :{n}]) @ E − Embedding 输出[0, :{n}]|",
    "xray.lstm.intro": (
        "每个方向的 LSTM 有 kernel (E, 4H) = {kernel}、recurrent_kernel (H, 4H) = {recurrent} 和 bias (4H,) = {bias}。"
        "为什么是 4H = 4 × {H} = {H4} 列？LSTM 有四个门，每个宽 H = {H}，Keras 把它们的矩阵并排存放，"
        "一次矩阵乘法就算出四个门：第 0–{e1} 列是输入门 i，{s2}–{e2} 是遗忘门 f，{s3}–{e3} 是候选单元 c，"
        "{s4}–{e4} 是输出门 o（i, f, c, o 的顺序取自 keras/src/layers/rnn/lstm.py）。"
    ),
    "xray.lstm.step": "前向 LSTM 的第 t = {t} 步，注明真实数组的形状：",
    "xray.lstm.figure_title": "序列 0 在 t = {t} 时的 z = x_t @ kernel + h_(t−1) @ recurrent_kernel + bias：共 {H4} 个数",
    "xray.lstm.gate.i": "i：输入门",
    "xray.lstm.gate.f": "f：遗忘门",
    "xray.lstm.gate.c": "c：候选单元",
    "xray.lstm.gate.o": "o：输出门",
    "xray.lstm.bias_note": (
        "偏置也是 z 的一部分。本模型中偏置的 f 段从 {f_min} 到 {f_max}，i、c、o 段的最大绝对值为 {o_max}："
        "Keras 把遗忘门的偏置初始化为 1（unit_forget_bias=True），所以未训练的 LSTM 的 f 段在 1 附近。"
    ),
    "xray.lstm.axis_x": "z 的列（4H）",
    "xray.lstm.axis_y": "激活前的值",
    "xray.lstm.diff_step": "max |手算的 h_t − 前向 LSTM 输出[:, {t}]|，覆盖 (B, H)",
    "xray.lstm.diff_all": "max |numpy 计算全部 {T} 步的 LSTM − 前向 LSTM 输出|，覆盖 (B, T, H)",
    "xray.bi.intro": (
        "Bidirectional 在同一个 (B, T, E) 输入上运行两个 LSTM。前向的按 0 … {last} 读词元；反向的（go_backwards=True）"
        "从 {last} 读到 0，所以它输出的第 0 步属于最后一个词元。return_sequences=True 时 Keras 把这个输出在时间上"
        "反转回来（`ops.flip(y_rev, axis=1)`），使两者的第 t 步都对应词元 t，然后按 merge_mode = **{mode}** 合并。"
    ),
    "xray.bi.figure_title.forward": "前向 (T × H)",
    "xray.bi.figure_title.backward_raw": "反向，原始输出",
    "xray.bi.figure_title.backward": "反向，时间反转后",
    "xray.bi.figure_title.merged": "合并：{mode}",
    "xray.bi.figure_caption": (
        "序列 0，纵轴是时间步，横轴是单元（H 中的前 {units} 个）。第 1、3、4 幅图显示 T = {T} 中的第 0–{end} 步；"
        "第 2 幅显示反向原始输出的第 {raw_start}–{last} 步，正是第 3 幅上下颠倒：它的第 {last} 步属于词元 0。"
    ),
    "xray.bi.modes_header": "在这些真实张量上的每种合并方式",
    "xray.bi.col.mode": "merge_mode",
    "xray.bi.col.formula": "公式",
    "xray.bi.col.shape": "形状",
    "xray.bi.col.named": "命名形状",
    "xray.bi.col.used": "本模型",
    "xray.bi.used": "✔（已与该层核对）",
    "xray.bi.diff_merged": "max |merge(前向, 反转后的反向) − Bidirectional 输出|，覆盖 (B, T, F)",
    "xray.bi.diff_backward": "max |numpy LSTM 作用于时间反转的输入 − 反向 LSTM 输出|，覆盖 (B, T, H)",
    "xray.bi.diff_unflipped": (
        "如果不反转，max |merge(前向, 反向原始输出) − Bidirectional 输出| = `{diff}`：那样就错了。"
    ),
    "xray.td.intro": (
        "TimeDistributed(Dense({C})) 只有一个 kernel (U, C) = {kernel} 和一个 bias (C,) = {bias}：共 {params} 个参数，"
        "与 T 无关。它在 T = {T} 个时间步上都用这同一个 kernel：out[:, t, :] = d[:, t, :] (B, U) @ kernel (U, C) + bias "
        "→ (B, C)。直接把 Dense({C}) 用在 3 维张量上结果相同，因为 Dense 只收缩最后一个轴。"
    ),
    "xray.td.shared": "包装层唯一的 kernel 就是内部 Dense 的 kernel：{shared}。",
    "xray.yes": "是",
    "xray.no": "否",
    "xray.td.diff_direct": "max |TimeDistributed(Dense({C})) − 直接作用于 3 维张量的 Dense({C})|，覆盖 (B, T, C)",
    "xray.td.diff_steps": "max |TimeDistributed(Dense) − 同一个 Dense 逐个作用于 {T} 个时间步再堆叠|",
    "breakit.header": "弄坏它：常见错误与真实的报错",
    "breakit.intro": (
        "打开一个错误。它会用此配置的尺寸、在 {b} 个序列、每个 {t} 步的小批次上实时运行，所以报错是 Keras"
        "（或 numpy、TensorFlow）自己的原话；其中的张量数值缩写为 …。上面的模型不受影响。"
    ),
    "breakit.you_wrote": "代码做了什么",
    "breakit.said": "{kind} 的报错",
    "breakit.cause": "**原因：** {cause}",
    "breakit.no_error": "没有报错。",
    "breakit.merge_none.title": "Bidirectional(merge_mode=None) 后面接 Dense",
    "breakit.merge_none.cause": (
        "merge_mode=None 返回前向和反向两个张量，各为 (B, T, H) = ({B}, {T}, {H})；Dense({U}) 只接受一个。"
        "用 concat 得到 (B, T, 2H) = ({B}, {T}, {twoH})，或用 ave/sum/mul 得到 ({B}, {T}, {H})。"
    ),
    "breakit.return_sequences.title": "TimeDistributed 之前的 LSTM 没有 return_sequences=True",
    "breakit.return_sequences.cause": (
        "没有 return_sequences=True，LSTM 只保留最后一步，(B, F) = ({B}, {F})，于是 Dense({U}) 输出 (B, U) = "
        "({B}, {U})：TimeDistributed 需要 (B, T, U) = ({B}, {T}, {U})，却没有 T = {T} 这个轴。"
    ),
    "breakit.transposed_matmul.title": "矩阵乘法里把 Dense 的 kernel 转置了：flat @ W.T",
    "breakit.transposed_matmul.cause": (
        "flat 是 (B·T, F) = ({BT}, {F})，W.T 是 (U, F) = ({U}, {F})：内侧尺寸 F = {F} 与 U = {U} 不相等。"
        "kernel 的存储形状是 (F, U) = ({F}, {U})；直接乘 W。"
    ),
    "breakit.transposed_matmul.silent": (
        "这里 F = U = {F}，所以 (B·T, F) @ (U, F) 不会报错，但乘的是错误的矩阵：结果与 flat @ W 最多相差 {diff}。"
        "这种错误靠形状查不出来。"
    ),
    "breakit.transposed_weights.title": "加载转置的 kernel：dense.set_weights([W.T, b])",
    "breakit.transposed_weights.cause": (
        "这个 Dense 层是按 F = {F} 个输入构建的，所以 kernel 是 (F, U) = ({F}, {U})；W.T 却是 (U, F) = ({U}, {F})。"
        "Keras 按 (input_dim, units) 存放 kernel。"
    ),
    "breakit.transposed_weights.silent": (
        "这里 F = U = {F}，所以 set_weights 会不报错地接受方阵 W.T，该层悄悄算出别的结果：与 flat @ W 最多相差 {diff}。"
    ),
    "breakit.token_out_of_range.title": "词元编号等于词表大小 V",
    "breakit.token_out_of_range.cause": (
        "Embedding(V = {V}, …) 只有第 0 … {last} 行；编号 {V} 没有对应的行。input_dim 必须是最大词元编号 + 1。"
    ),
}
