"""The words of the layers that keep the shape (Activation, Dropout, SpatialDropout1D,
BatchNormalization, LayerNormalization): axis meanings and fixes (kinds.py), X-rays and common
mistakes (xray.py), each key with its English and its Chinese side by side. Placeholders use
str.format names; numbers are formatted by the caller.
"""

WORDS: dict[str, tuple[str, str]] = {
    # BatchNormalization, LayerNormalization
    "fix.norm_axis": (
        "{layer} normalizes axis {axis}, but its input {shape} has only {rank} axes (batch included): "
        "use `{code}` for the last axis.",
        "{layer} 要归一化第 {axis} 轴,但它的输入 {shape} 只有 {rank} 个轴(含批轴):"
        "用 `{code}` 表示最后一个轴。",
    ),
    "fix.norm_unknown_axis": (
        "axis {axis} of the input {shape} of {layer} has no fixed size, and its weights need one: "
        "give that axis a number in the input's shape.",
        "{layer} 的输入 {shape} 的第 {axis} 轴没有固定大小,而它的权重需要这个大小:"
        "在输入的形状里给这个轴写一个数字。",
    ),
    # -- Activation ------------------------------------------------------------------------------
    "xray.activation.summary": (
        "Activation(\"{name}\") applies one function to every number; the shape stays {shape} {axes}.",
        "Activation(\"{name}\") 对每个数应用同一个函数；形状保持 {shape} {axes}。",
    ),
    "xray.activation.check": (
        "numpy {name} vs the layer's output (first {n} samples)",
        "numpy {name} 与该层输出对比（前 {n} 个样本）",
    ),
    "xray.activation.check_pick": ("out{out} recomputed by hand", "手算 out{out}"),
    "xray.relu.summary": (
        "ReLU({settings}) keeps every number above the threshold (up to the cap) and gives the rest the slope; the shape stays {shape} {axes}.",
        "ReLU（{settings}）保留阈值以上的每个数（不超过上限），其余的数乘以斜率；形状保持 {shape} {axes}。",
    ),
    "xray.relu.check": (
        "numpy ReLU vs the layer's output (first {n} samples)",
        "numpy ReLU 与该层输出对比（前 {n} 个样本）",
    ),
    "xray.relu.where": ("out{out} = relu({x}) = {value}", "out{out} = relu({x}) = {value}"),
    "xray.relu.code": ("ReLU, number by number: {shape} -> {out}", "ReLU，逐个数计算：{shape} -> {out}"),
    "xray.activation.where": ("out{out} = {name}({x}) = {value}", "out{out} = {name}({x}) = {value}"),
    "xray.activation.row": (
        "out{out} = {value} depends on the whole row x{row} ({size} numbers): the function is taken over the last "
        "axis, so the row's outputs add up to 1 (softmax) or their exponentials do (log_softmax).",
        "out{out} = {value} 取决于整行 x{row}（{size} 个数）：函数作用于最后一个轴，所以这一行的输出之和为 1（softmax），"
        "或其指数之和为 1（log_softmax）。",
    ),
    "xray.activation.unchecked": (
        "The X-ray does not recompute \"{name}\" with numpy, so nothing is checked for this layer.",
        "X 光没有用 numpy 重新计算 \"{name}\"，因此这一层没有任何核对。",
    ),
    "xray.activation.grid_in": ("Input {where}: x{at} marked", "输入 {where}：标出 x{at}"),
    "xray.activation.grid_out": ("Output {where}: out{at} marked", "输出 {where}：标出 out{at}"),
    # -- Dropout, SpatialDropout1D ---------------------------------------------------------------
    "xray.dropout.summary": (
        "{cls}(rate={rate}) is called here with training=False, as in predict() and evaluate(): it passes every "
        "number through unchanged, {shape} {axes}.",
        "这里以 training=False 调用 {cls}(rate={rate})，与 predict() 和 evaluate() 相同：每个数原样通过，{shape} {axes}。",
    ),
    "xray.dropout.check": (
        "out vs x (first {n} samples): at inference they are the same numbers",
        "out 与 x 对比（前 {n} 个样本）：推理时它们是同样的数",
    ),
    "xray.dropout.training": (
        "In training (fit), each number would be set to 0 with probability {rate} and the others multiplied by "
        "1/(1 − {rate}) = {scale}, so the expected sum stays the same; a new mask every step.",
        "训练（fit）时，每个数以概率 {rate} 被置为 0，其余的数乘以 1/(1 − {rate}) = {scale}，使期望总和不变；每一步换一个新的掩码。",
    ),
    "xray.dropout.training_spatial": (
        "In training (fit), whole feature channels would be dropped: for each of the {batch} samples, each of the "
        "{features} channels ({letter}) is set to 0 at every step of {time} with probability {rate}, the others "
        "multiplied by {scale}.",
        "训练（fit）时会丢弃整条特征通道：对 {batch} 个样本中的每一个，{features} 个通道（{letter}）中的每一个以概率 {rate} "
        "在 {time} 的每一步都被置为 0，其余的乘以 {scale}。",
    ),
    "xray.dropout.grid_out": ("Output {where}: out{at} marked (equal to x{at})", "输出 {where}：标出 out{at}（等于 x{at}）"),
    # -- BatchNormalization ----------------------------------------------------------------------
    "xray.batchnorm.summary": (
        "BatchNormalization at inference normalizes each channel of axis {axis} ({letter}, {size} channels) with "
        "the moving averages it learned: gamma · (x − moving_mean) / √(moving_variance + epsilon) + beta. "
        "Shape unchanged: {shape} {axes}.",
        "推理时 BatchNormalization 用学到的滑动平均值对轴 {axis}（{letter}，{size} 个通道）的每个通道做归一化："
        "gamma · (x − moving_mean) / √(moving_variance + epsilon) + beta。形状不变：{shape} {axes}。",
    ),
    "xray.batchnorm.check": (
        "numpy normalization vs the layer's output (first {n} samples)",
        "numpy 归一化与该层输出对比（前 {n} 个样本）",
    ),
    "xray.batchnorm.check_pick": ("out{out} recomputed by hand", "手算 out{out}"),
    "xray.batchnorm.where": (
        "out{out} is in channel {channel} of {letter}: {gamma} · ({x} − {mean}) / √({var} + {eps}) + {beta} = {value}",
        "out{out} 属于 {letter} 的通道 {channel}：{gamma} · ({x} − {mean}) / √({var} + {eps}) + {beta} = {value}",
    ),
    "xray.batchnorm.off": (
        "This layer has no {weights} (scale or center is False): it counts as 1 for gamma, 0 for beta.",
        "这一层没有 {weights}（scale 或 center 为 False）：gamma 按 1 计，beta 按 0 计。",
    ),
    "xray.batchnorm.training": (
        "In training, the batch's own mean and variance are used instead, and the moving averages are updated.",
        "训练时改用当前批次自己的均值和方差，并更新滑动平均值。",
    ),
    "xray.batchnorm.grid_in": ("Input {where}: x{at} marked", "输入 {where}：标出 x{at}"),
    "xray.batchnorm.grid_stats": (
        "Rows: moving_mean, moving_variance, gamma, beta; the column of channel {channel} marked",
        "各行：moving_mean、moving_variance、gamma、beta；标出通道 {channel} 所在的列",
    ),
    "xray.batchnorm.grid_out": ("Output {where}: out{at} marked", "输出 {where}：标出 out{at}"),
    # -- LayerNormalization ----------------------------------------------------------------------
    "xray.layernorm.summary": (
        "LayerNormalization normalizes each sample over axis {axes_list} ({letters}, {count} numbers at a time) with "
        "their own mean and variance, then applies gamma and beta: {shape} {axes}. Nothing depends on the batch.",
        "LayerNormalization 对每个样本沿轴 {axes_list}（{letters}，每次 {count} 个数）用它们自己的均值和方差做归一化，"
        "再应用 gamma 和 beta：{shape} {axes}。结果与批次中的其他样本无关。",
    ),
    "xray.layernorm.check": (
        "numpy normalization vs the layer's output (first {n} samples)",
        "numpy 归一化与该层输出对比（前 {n} 个样本）",
    ),
    "xray.layernorm.check_pick": ("out{out} recomputed by hand", "手算 out{out}"),
    "xray.layernorm.where": (
        "out{out}: its {count} numbers along {letters} have mean {mean} and variance {var}: "
        "{gamma} · ({x} − {mean}) / √({var} + {eps}) + {beta} = {value}",
        "out{out}：沿 {letters} 的 {count} 个数的均值为 {mean}，方差为 {var}："
        "{gamma} · ({x} − {mean}) / √({var} + {eps}) + {beta} = {value}",
    ),
    "xray.layernorm.off": (
        "This layer has no {weights} (scale or center is False): it counts as 1 for gamma, 0 for beta.",
        "这一层没有 {weights}（scale 或 center 为 False）：gamma 按 1 计，beta 按 0 计。",
    ),
    "xray.layernorm.grid_in": (
        "Input {where}: x{at} and the numbers normalized with it marked",
        "输入 {where}：标出 x{at} 以及与它一起归一化的数",
    ),
    "xray.layernorm.grid_out": ("Output {where}: out{at} marked", "输出 {where}：标出 out{at}"),
    "xray.activation.code.each": ("{name}, number by number: {shape} -> {out}", "{name}，逐个数计算：{shape} -> {out}"),
    "xray.activation.code.row": ("{name}, Σ over the last axis: {shape} -> {out}", "{name}，Σ 沿最后一个轴：{shape} -> {out}"),
    "xray.dropout.code.inference": ("training=False: {shape}, nothing dropped", "training=False：{shape}，不丢弃任何数"),
    "xray.dropout.code.training": (
        "training: mask ~ Bernoulli({keep}) per number; out = x * mask / {keep}",
        "训练时：每个数一个 mask ~ Bernoulli({keep})；out = x * mask / {keep}",
    ),
    "xray.dropout.code.training_spatial": (
        "training: mask (B, 1, F) ~ Bernoulli({keep}); out = x * mask / {keep}",
        "训练时：mask (B, 1, F) ~ Bernoulli({keep})；out = x * mask / {keep}",
    ),
    "xray.batchnorm.code.vectors": (
        "gamma, beta, moving_mean, moving_variance: ({size},) each, along axis {axis} "
        "({letter})",
        "gamma、beta、moving_mean、moving_variance：各为 ({size},)，沿轴 {axis}（{letter}）",
    ),
    "xray.layernorm.code.over": ("over {letters}", "在 {letters} 上"),
    "xray.activation.bounded": (
        "Recomputed on the first {n} of the {batch} samples, to stay within the X-ray's memory.",
        "为了不超出 X 光的内存，只在 {batch} 个样本中的前 {n} 个上重新计算。",
    ),
    "xray.dropout.bounded": (
        "Recomputed on the first {n} of the {batch} samples, to stay within the X-ray's memory.",
        "为了不超出 X 光的内存，只在 {batch} 个样本中的前 {n} 个上重新计算。",
    ),
    "xray.batchnorm.bounded": (
        "Recomputed on the first {n} of the {batch} samples, to stay within the X-ray's memory.",
        "为了不超出 X 光的内存，只在 {batch} 个样本中的前 {n} 个上重新计算。",
    ),
    "xray.layernorm.bounded": (
        "Recomputed on the first {n} of the {batch} samples, to stay within the X-ray's memory.",
        "为了不超出 X 光的内存，只在 {batch} 个样本中的前 {n} 个上重新计算。",
    ),
}
