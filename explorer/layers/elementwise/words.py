"""The words of the layers that keep the shape (Activation, ReLU, LeakyReLU, PReLU, ELU, Softmax, Identity,
Dropout, SpatialDropout1D/2D/3D, GaussianNoise, GaussianDropout, Masking, BatchNormalization, LayerNormalization,
UnitNormalization, GroupNormalization): axis meanings and fixes (kinds.py), X-rays and common
mistakes (xray.py), each key with its English and its Chinese side by side. Placeholders use
str.format names; numbers are formatted by the caller.
"""

WORDS: dict[str, tuple[str, str]] = {
    # Dropout
    "fix.dropout_noise_shape": (
        "noise_shape={noise} of {layer} is the shape of its dropout mask: {rank} entries, one per axis of its input "
        "{shape}, each None (that axis's size), 1 (one draw shared along the axis) or the axis's own size. Keras "
        "accepts it at inference and fails in fit(): `{code}`.",
        "{layer} 的 noise_shape={noise} 是它的 dropout 掩码的形状：{rank} 个元素，对应输入 {shape} 的每个轴，"
        "每个是 None（该轴的大小）、1（沿该轴共用一次抽样）或该轴自己的大小。Keras 在推理时接受它，在 fit() 中出错：`{code}`。",
    ),
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
    "xray.dropout.training_noise_shape": (
        "In training (fit), the mask has the shape noise_shape={noise}, None meaning the input's own size: "
        "{mask}. Each draw sets its numbers to 0 with probability {rate} and multiplies the others by {scale}, and "
        "one draw is shared along every axis of size 1 ({shared}): (None, 1, 1, 1) keeps or drops whole samples, "
        "as EfficientNet does.",
        "训练（fit）时，掩码的形状是 noise_shape={noise}，None 表示取输入自己的大小：{mask}。每次抽样以概率 {rate} "
        "把它的数置为 0，其余的乘以 {scale}；在每个大小为 1 的轴上（{shared}）共用同一次抽样："
        "(None, 1, 1, 1) 会整个保留或丢弃一个样本，EfficientNet 就是这样做的。",
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
    # Softmax, UnitNormalization
    "fix.axis_range": (
        "{layer} works along axis {axis}, but its input {shape} has only {rank} axes (batch included): use `{code}` "
        "for the last axis.",
        "{layer} 沿第 {axis} 轴计算，但它的输入 {shape} 只有 {rank} 个轴（含批轴）：用 `{code}` 表示最后一个轴。",
    ),
    # GroupNormalization
    "fix.group_norm_groups": (
        "{layer} splits the {channels} channels of its input {shape} into groups={groups} groups of equal size, so "
        "the channel count must divide by groups, and {channels} does not (groups is 32 unless you set it). Use a "
        "divisor of {channels}, such as {fitting}: `{code}` (groups=-1 gives every channel its own group).",
        "{layer} 把输入 {shape} 的 {channels} 个通道分成 groups={groups} 个同样大小的组，所以通道数必须能被 groups 整除，而 {channels} 不能（不设置时 "
        "groups 为 32）。请用 {channels} 的一个约数，例如 {fitting}：`{code}`（groups=-1 让每个通道自成一组）。",
    ),
    # PReLU
    "fix.prelu_unknown_axis": (
        "{layer} learns one alpha for every number of its input {shape} without the batch, and axes {axes} have no "
        "fixed size, so alpha cannot be made. Share alpha along those axes: `{code}`.",
        "{layer} 为输入 {shape} 中（批轴以外）的每个数学习一个 alpha，而第 {axes} 轴没有固定大小，alpha 无法创建。让 alpha 在这些轴上共享：`{code}`。",
    ),
    "fix.prelu_shared_range": (
        "{layer} shares alpha along axes {axes}, but its input {shape} has axes 1 to {last} after the batch: keep "
        "only axes that exist: `{code}`.",
        "{layer} 在第 {axes} 轴上共享 alpha，但它的输入 {shape} 在批轴之后只有第 1 到第 {last} 轴：只保留存在的轴：`{code}`。",
    ),
    # SpatialDropout1D, 2D, 3D
    "fix.spatial_dropout_rank": (
        "{cls} drops whole channels of inputs with exactly {expected} axes (batch included), but {layer} receives "
        "{shape}, with {found}. The dropout made for this input is `{code}`.",
        "{cls} 丢弃恰好有 {expected} 个轴（含批轴）的输入的整条通道，但 {layer} 收到的是有 {found} 个轴的 {shape}。适合这个输入的 dropout 是 `{code}`。",
    ),
    # -- LeakyReLU, ELU, PReLU -------------------------------------------------------------------
    "xray.leaky_relu.summary": (
        "LeakyReLU(negative_slope={slope}) keeps every positive number and multiplies the others by {slope}, so "
        "negative inputs still pass a little signal; the shape stays {shape} {axes}.",
        "LeakyReLU(negative_slope={slope}) 保留每个正数，其余的数乘以 {slope}，所以负的输入仍能传过一点信号；形状保持 {shape} {axes}。",
    ),
    "xray.leaky_relu.check": (
        "numpy LeakyReLU vs the layer's output (first {n} samples)",
        "numpy LeakyReLU 与该层输出对比（前 {n} 个样本）",
    ),
    "xray.leaky_relu.where": (
        "out{out} = leaky_relu({x}) = {value}",
        "out{out} = leaky_relu({x}) = {value}",
    ),
    "xray.leaky_relu.code": (
        "LeakyReLU, number by number: {shape} -> {out}",
        "LeakyReLU，逐个数计算：{shape} -> {out}",
    ),
    "xray.elu.summary": (
        "ELU(alpha={alpha}) keeps every positive number and bends the others smoothly towards −{alpha}: alpha · "
        "(exp(x) − 1). The shape stays {shape} {axes}.",
        "ELU(alpha={alpha}) 保留每个正数，其余的数平滑地弯向 −{alpha}：alpha · (exp(x) − 1)。形状保持 {shape} {axes}。",
    ),
    "xray.elu.check": (
        "numpy ELU vs the layer's output (first {n} samples)",
        "numpy ELU 与该层输出对比（前 {n} 个样本）",
    ),
    "xray.elu.where": (
        "out{out} = elu({x}) = {value}",
        "out{out} = elu({x}) = {value}",
    ),
    "xray.elu.code": (
        "ELU, number by number: {shape} -> {out}",
        "ELU，逐个数计算：{shape} -> {out}",
    ),
    "xray.prelu.summary": (
        "PReLU is a LeakyReLU whose slopes are learned: alpha {alpha} holds {count} of them, one for each number of "
        "a sample (1 along shared axes), the same for every sample of the batch. The shape stays {shape} {axes}.",
        "PReLU 是斜率可学习的 LeakyReLU：alpha {alpha} 存有 {count} 个斜率，每个样本中的每个数一个（共享轴上为 1），批次中每个样本都相同。形状保持 {shape} {axes}。",
    ),
    "xray.prelu.check": (
        "numpy PReLU vs the layer's output (first {n} samples)",
        "numpy PReLU 与该层输出对比（前 {n} 个样本）",
    ),
    "xray.prelu.where": (
        "out{out}: x = {x} and its slope alpha{at} = {alpha}; max(x, 0) − alpha · max(−x, 0) = {value}",
        "out{out}：x = {x}，它的斜率 alpha{at} = {alpha}；max(x, 0) − alpha · max(−x, 0) = {value}",
    ),
    "xray.prelu.shared": (
        "alpha is shared along {letters}: size 1 there, so every position of {letters} uses the same slope (alpha "
        "{shape}).",
        "alpha 在 {letters} 上共享：那里的大小为 1，所以 {letters} 的每个位置使用同一个斜率（alpha {shape}）。",
    ),
    "xray.prelu.zeros": (
        "Every alpha is still 0 (alpha_initializer is \"zeros\" by default): until training changes them, PReLU "
        "gives exactly what ReLU gives.",
        "所有 alpha 仍为 0（alpha_initializer 默认为 \"zeros\"）：在训练改变它们之前，PReLU 的结果与 ReLU 完全相同。",
    ),
    "xray.prelu.code": (
        "alpha {alpha} broadcast over the batch of {shape}",
        "alpha {alpha} 在 {shape} 的批轴上广播",
    ),
    "xray.prelu.grid_alpha": (
        "alpha {where}: alpha{at} marked",
        "alpha {where}：标出 alpha{at}",
    ),
    "xray.prelu.bounded": (
        "Recomputed on the first {n} of the {batch} samples, to stay within the X-ray's memory.",
        "为了不超出 X 光的内存，只在 {batch} 个样本中的前 {n} 个上重新计算。",
    ),
    # -- Softmax, UnitNormalization --------------------------------------------------------------
    "xray.softmax.summary": (
        "Softmax turns the {size} numbers along axis {axis} ({letter}) into probabilities: exp(x) / Σ exp(x), each "
        "between 0 and 1, adding up to 1. The shape stays {shape} {axes}.",
        "Softmax 把沿轴 {axis}（{letter}）的 {size} 个数变成概率：exp(x) / Σ exp(x)，每个在 0 和 1 之间，总和为 1。形状保持 {shape} {axes}。",
    ),
    "xray.softmax.check": (
        "numpy softmax along axis {axis} vs the layer's output (first {n} samples)",
        "沿轴 {axis} 的 numpy softmax 与该层输出对比（前 {n} 个样本）",
    ),
    "xray.softmax.where": (
        "out{out} = {value} depends on all {size} numbers of x{row} (axis {axis}, {letter}): its exp over the sum "
        "of their exps. Those {size} outputs add up to 1.",
        "out{out} = {value} 取决于 x{row} 的全部 {size} 个数（轴 {axis}，{letter}）：它的 exp 除以它们的 exp 之和。这 {size} 个输出之和为 1。",
    ),
    "xray.softmax.code.shift": (
        "subtracting the max changes nothing but keeps exp from overflowing",
        "减去最大值不改变结果，只防止 exp 溢出",
    ),
    "xray.softmax.code.sum": (
        "Σ along axis {axis} ({letter}): {shape} -> {out}",
        "Σ 沿轴 {axis}（{letter}）：{shape} -> {out}",
    ),
    "xray.softmax.grid_in": (
        "Input {where}: x{at} and the numbers along {letter} marked",
        "输入 {where}：标出 x{at} 以及沿 {letter} 的数",
    ),
    "xray.softmax.bounded": (
        "Recomputed on the first {n} of the {batch} samples, to stay within the X-ray's memory.",
        "为了不超出 X 光的内存，只在 {batch} 个样本中的前 {n} 个上重新计算。",
    ),
    "xray.unit_norm.summary": (
        "UnitNormalization divides each group of {count} numbers along {letters} by its length √(Σ x²), so each "
        "such vector has length 1 (only its direction is kept). No weights; the shape stays {shape} {axes}.",
        "UnitNormalization 把沿 {letters} 的每组 {count} 个数除以它的长度 √(Σ x²)，使每个这样的向量长度为 1（只保留方向）。没有权重；形状保持 {shape} {axes}。",
    ),
    "xray.unit_norm.check": (
        "numpy x / ‖x‖ vs the layer's output (first {n} samples)",
        "numpy x / ‖x‖ 与该层输出对比（前 {n} 个样本）",
    ),
    "xray.unit_norm.where": (
        "out{out} = {x} / {norm} = {value}, where {norm} = √(Σ x²) of the {count} numbers along {letters} that "
        "x{out} belongs to.",
        "out{out} = {x} / {norm} = {value}，其中 {norm} = √(Σ x²)，取 x{out} 所在的沿 {letters} 的 {count} 个数。",
    ),
    "xray.unit_norm.code.norm": (
        "the length along {letters}",
        "沿 {letters} 的长度",
    ),
    "xray.unit_norm.grid_in": (
        "Input {where}: x{at} marked, with its vector where it fits",
        "输入 {where}：标出 x{at}，放得下时连同它所在的向量",
    ),
    "xray.unit_norm.bounded": (
        "Recomputed on the first {n} of the {batch} samples, to stay within the X-ray's memory.",
        "为了不超出 X 光的内存，只在 {batch} 个样本中的前 {n} 个上重新计算。",
    ),
    # -- Identity, GaussianNoise, GaussianDropout, SpatialDropout2D/3D -----------------------------
    "xray.identity.summary": (
        "Identity returns its input unchanged, {shape} {axes}: it holds a place in a model (a branch, a block that "
        "can be switched off) without touching a number.",
        "Identity 原样返回输入，{shape} {axes}：它在模型中占一个位置（一个分支、一个可以关掉的模块），不改动任何数。",
    ),
    "xray.identity.check": (
        "out vs x (first {n} samples): the same numbers",
        "out 与 x 对比（前 {n} 个样本）：同样的数",
    ),
    "xray.noise.summary": (
        "{cls}({setting}) is called here with training=False, as in predict() and evaluate(): it passes every "
        "number through unchanged, {shape} {axes}.",
        "这里以 training=False 调用 {cls}({setting})，与 predict() 和 evaluate() 相同：每个数原样通过，{shape} {axes}。",
    ),
    "xray.noise.training_add": (
        "In training (fit), each number would get its own random noise from Normal(0, {stddev}) added, new at every "
        "step, so the model cannot rely on exact values.",
        "训练（fit）时，每个数会加上自己的随机噪声，取自 Normal(0, {stddev})，每一步都重新抽取，使模型不能依赖精确的数值。",
    ),
    "xray.noise.training_multiply": (
        "In training (fit), each number would be multiplied by its own random factor from Normal(1, {stddev}), "
        "{stddev} = √({rate} / (1 − {rate})): the average effect of Dropout(rate={rate}), without zeros.",
        "训练（fit）时，每个数会乘以自己的随机因子，取自 Normal(1, {stddev})，{stddev} = √({rate} / (1 − {rate}))：平均效果与 "
        "Dropout(rate={rate}) 相同，但不产生 0。",
    ),
    "xray.noise.code.add": (
        "training: out = x + np.random.normal(0, {stddev}, x.shape)",
        "训练时：out = x + np.random.normal(0, {stddev}, x.shape)",
    ),
    "xray.noise.code.multiply": (
        "training: out = x * np.random.normal(1, {stddev}, x.shape)",
        "训练时：out = x * np.random.normal(1, {stddev}, x.shape)",
    ),
    "xray.dropout.training_channels": (
        "In training (fit), whole channels would be dropped: for each of the {batch} samples, each of the "
        "{channels} channels ({letter}) is set to 0 at every position of {positions} with probability {rate}, the "
        "others multiplied by {scale}. Neighbouring pixels are alike, so dropping single numbers would hide little.",
        "训练（fit）时会丢弃整条通道：对 {batch} 个样本中的每一个，{channels} 个通道（{letter}）中的每一个以概率 {rate} 在 {positions} 的每个位置都被置为 0，其余的乘以 "
        "{scale}。相邻像素很相似，只丢弃单个数几乎藏不住什么。",
    ),
    "xray.dropout.code.training_channels": (
        "training: mask {mask} ~ Bernoulli({keep}); out = x * mask / {keep}",
        "训练时：mask {mask} ~ Bernoulli({keep})；out = x * mask / {keep}",
    ),
    # -- Masking ---------------------------------------------------------------------------------
    "xray.masking.summary": (
        "Masking marks padding: a step whose every feature (last axis) equals {mask} becomes all 0 and is marked "
        "False in a mask of shape {mask_shape}; every other step passes unchanged. The shape stays {shape} {axes}.",
        "Masking 标出填充：所有特征（最后一个轴）都等于 {mask} 的步变为全 0，并在形状为 {mask_shape} 的掩码中标为 False；其他步原样通过。形状保持 {shape} {axes}。",
    ),
    "xray.masking.check": (
        "numpy masking vs the layer's output (first {n} samples)",
        "numpy 掩码计算与该层输出对比（前 {n} 个样本）",
    ),
    "xray.masking.kept": (
        "out{out} = {value}: {differ} of the {size} features of step x{step} differ from {mask}, so the step is "
        "kept as it is.",
        "out{out} = {value}：步 x{step} 的 {size} 个特征中有 {differ} 个不等于 {mask}，所以这一步原样保留。",
    ),
    "xray.masking.masked": (
        "out{out} = {value}: all {size} features of step x{step} equal {mask}, so the step is padding: masked, and "
        "set to 0.",
        "out{out} = {value}：步 x{step} 的全部 {size} 个特征都等于 {mask}，所以这一步是填充：被掩盖并置为 0。",
    ),
    "xray.masking.count": (
        "In this forward pass {masked} of the {steps} steps {shape} have every feature equal to {mask}. Random test "
        "data rarely does; padded steps of real data (every feature {mask}) would be masked.",
        "在这次前向计算中，{steps} 个步 {shape} 里有 {masked} 个的所有特征都等于 {mask}。随机的测试数据很少这样；真实数据中的填充步（所有特征为 {mask}）会被掩盖。",
    ),
    "xray.masking.travels": (
        "The mask {shape} travels with the output to later layers: LSTM, GRU and SimpleRNN skip the masked steps "
        "(they carry their state through them), attention layers do not attend to them, and layers such as Dense or "
        "Dropout pass the mask on.",
        "掩码 {shape} 随输出传给后面的层：LSTM、GRU 和 SimpleRNN 跳过被掩盖的步（状态原样带过这些步），注意力层不关注它们，Dense、Dropout 等层则把掩码继续传下去。",
    ),
    "xray.masking.code.keep": (
        "a step is real if any feature differs: {shape}",
        "只要有一个特征不同，这一步就是真实的：{shape}",
    ),
    "xray.masking.code.mask": (
        "handed to later layers: {shape}",
        "传给后面的层：{shape}",
    ),
    "xray.masking.grid_in": (
        "Input {where}: the features of the step of x{at} marked",
        "输入 {where}：标出 x{at} 所在步的特征",
    ),
    "xray.masking.grid_mask": (
        "Mask {where} (1: a real step, 0: masked): the step of out{at} marked",
        "掩码 {where}（1：真实的步，0：被掩盖）：标出 out{at} 所在的步",
    ),
    "xray.masking.bounded": (
        "Recomputed on the first {n} of the {batch} samples, to stay within the X-ray's memory.",
        "为了不超出 X 光的内存，只在 {batch} 个样本中的前 {n} 个上重新计算。",
    ),
    # -- GroupNormalization ----------------------------------------------------------------------
    "xray.groupnorm.summary": (
        "GroupNormalization splits the {channels} channels of axis {axis} ({letter}) into {groups} groups of {per} "
        "and normalizes each group of each sample with its own mean and variance (over every axis but the batch), "
        "then applies gamma and beta per channel: {shape} {axes}. Nothing depends on the batch.",
        "GroupNormalization 把轴 {axis}（{letter}）的 {channels} 个通道分成 {groups} 组，每组 {per} "
        "个，对每个样本的每一组用它自己的均值和方差（批轴以外的所有轴）做归一化，再按通道应用 gamma 和 beta：{shape} {axes}。结果与批次中的其他样本无关。",
    ),
    "xray.groupnorm.check": (
        "numpy group normalization vs the layer's output (first {n} samples)",
        "numpy 分组归一化与该层输出对比（前 {n} 个样本）",
    ),
    "xray.groupnorm.check_pick": (
        "out{out} recomputed by hand",
        "手算 out{out}",
    ),
    "xray.groupnorm.where": (
        "out{out} is in channel {channel} of {letter}, so in group {group} (channels {first} to {last}); the "
        "{count} numbers of that group in sample {sample} have mean {mean} and variance {var}: {gamma} · ({x} − "
        "{mean}) / √({var} + {eps}) + {beta} = {value}",
        "out{out} 属于 {letter} 的通道 {channel}，所以在第 {group} 组（通道 {first} 到 {last}）；样本 {sample} 中这一组的 {count} 个数的均值为 "
        "{mean}，方差为 {var}：{gamma} · ({x} − {mean}) / √({var} + {eps}) + {beta} = {value}",
    ),
    "xray.groupnorm.off": (
        "This layer has no {weights} (scale or center is False): it counts as 1 for gamma, 0 for beta.",
        "这一层没有 {weights}（scale 或 center 为 False）：gamma 按 1 计，beta 按 0 计。",
    ),
    "xray.groupnorm.code.groups": (
        "{groups} groups of {per} channels of {letter}",
        "{letter} 的通道分成 {groups} 组，每组 {per} 个",
    ),
    "xray.groupnorm.code.stats": (
        "per sample and group",
        "每个样本、每一组",
    ),
    "xray.groupnorm.code.out": (
        "each channel with its group's statistics; gamma, beta: ({size},) along {letter}",
        "每个通道用它所在组的统计量；gamma、beta：沿 {letter} 的 ({size},)",
    ),
    "xray.groupnorm.grid_in": (
        "Input {where}: x{at} marked",
        "输入 {where}：标出 x{at}",
    ),
    "xray.groupnorm.grid_stats": (
        "Rows: the group mean and variance of each channel in sample {sample}, gamma, beta; channel {channel} "
        "marked",
        "各行：样本 {sample} 中每个通道所在组的均值和方差、gamma、beta；标出通道 {channel}",
    ),
    "xray.groupnorm.grid_out": (
        "Output {where}: out{at} marked",
        "输出 {where}：标出 out{at}",
    ),
    "xray.groupnorm.bounded": (
        "Recomputed on the first {n} of the {batch} samples, to stay within the X-ray's memory.",
        "为了不超出 X 光的内存，只在 {batch} 个样本中的前 {n} 个上重新计算。",
    ),
    # -- mistakes --------------------------------------------------------------------------------
    "mistake.group_norm_groups.title": (
        "GroupNormalization(groups={groups}) on {channels} channels",
        "GroupNormalization(groups={groups}) 用在 {channels} 个通道上",
    ),
    "mistake.group_norm_groups.why": (
        "Every group must hold the same number of channels, but {channels} channels of {letter} in {groups} groups "
        "would be {per} each. Keras says so only when it builds the model; groups is 32 unless you set it, which "
        "fails on 3, 16 or 48 channels.",
        "每一组必须有同样多的通道，而 {letter} 的 {channels} 个通道分成 {groups} 组，每组会是 {per} 个。Keras "
        "只在构建模型时才指出这一点；不设置时 groups 为 32，在 3、16 或 48 个通道上都会出错。",
    ),
}
