"""Strings of the live X-rays and mistakes of the reshaping, merging, elementwise and attention layers
(explorer/live/reshaping.py, merging.py, elementwise.py, attention.py)."""

_BOUNDED_FAMILIES = ("flatten", "reshape", "permute", "repeatvector", "concatenate", "merge", "activation",
                     "dropout", "batchnorm", "layernorm")

EN = {
    # -- Flatten ---------------------------------------------------------------------------------
    "xray.flatten.summary": (
        "Flatten lays the numbers of each sample in one row, in row-major order (the last axis changes fastest): "
        "{shape_in} {axes_in} → {shape_out} {axes_out}, {sizes} = {count} numbers per sample. Nothing is computed."
    ),
    "xray.flatten.check": "`x.reshape(B, -1)` vs the layer's output (first {n} samples)",
    "xray.flatten.check_pick": "out{out} vs x{src}, the input element computed by hand",
    "xray.flatten.channels_first": (
        "data_format=\"channels_first\": Keras first moves the channel axis last (`np.transpose(x, {order})`), "
        "then flattens."
    ),
    "xray.flatten.where": (
        "out{out} came from x{src}: its offset inside the sample is index · stride summed over the axes, strides "
        "{strides} (the product of the sizes after each axis): {arithmetic}."
    ),
    "xray.flatten.grid_in": "Input {where}: the source element x{at} marked",
    "xray.flatten.grid_out": "Output {where}: the followed element out{at} marked",
    # -- Reshape ---------------------------------------------------------------------------------
    "xray.reshape.summary": (
        "Reshape{target} keeps the {count} numbers of each sample in the same row-major order and only changes "
        "how they are grouped: {shape_in} {axes_in} → {shape_out} {axes_out}. The batch axis is never touched."
    ),
    "xray.reshape.check": "`x.reshape(out.shape)` vs the layer's output (first {n} samples)",
    "xray.reshape.check_pick": "out{out} vs x{src}, the input element computed by hand",
    "xray.reshape.inferred": (
        "The target {target} has -1 at position {position}: Keras works it out as {count} numbers per sample ÷ "
        "{known} (the product of the other sizes) = {size}."
    ),
    "xray.reshape.where": (
        "out{out} sits at flat offset {out_arithmetic} inside its sample; in the input's shape that offset is "
        "{in_arithmetic}, so it came from x{src}."
    ),
    "xray.reshape.grid_in": "Input {where}: the source element x{at} marked",
    "xray.reshape.grid_out": "Output {where}: the followed element out{at} marked",
    # -- Permute ---------------------------------------------------------------------------------
    "xray.permute.summary": (
        "Permute{dims} reorders the axes (numbered from 1, the batch axis stays first): {shape_in} {axes_in} → "
        "{shape_out} {axes_out}. Every number keeps its value; only its index changes."
    ),
    "xray.permute.check": "`np.transpose(x, {order})` vs the layer's output (first {n} samples)",
    "xray.permute.check_pick": "out{out} vs x{src}, the input element computed by hand",
    "xray.permute.where": (
        "out{out} is x{src}: each output axis takes its index from an input axis ({moves}; output axis ← input axis)."
    ),
    "xray.permute.grid_in": "Input {where}: the source element x{at} marked",
    "xray.permute.grid_out": "Output {where}: the followed element out{at} marked",
    # -- RepeatVector ----------------------------------------------------------------------------
    "xray.repeatvector.summary": (
        "RepeatVector({n}) copies each sample's vector {n} times along a new axis: {shape_in} {axes_in} → "
        "{shape_out} {axes_out}. out[b, r, f] = x[b, f] for every r."
    ),
    "xray.repeatvector.check": "`np.repeat(x[:, None, :], n, axis=1)` vs the layer's output (first {n} samples)",
    "xray.repeatvector.check_pick": "out{out} vs x{src}",
    "xray.repeatvector.where": (
        "out{out} is x{src}, and so is every one of the {n} rows of that column: the same number copied."
    ),
    "xray.repeatvector.grid_in": "Input {where}: x{at} marked",
    "xray.repeatvector.grid_out": "Output {where}: the column of copies of x at out{at} marked",
    # -- Concatenate -----------------------------------------------------------------------------
    "xray.concatenate.summary": (
        "Concatenate puts its {count} inputs {shapes} side by side along axis {axis} ({letter}): {sizes} = {total}, "
        "so the output is {shape_out} {axes_out}. Every other axis must have the same size in every input."
    ),
    "xray.concatenate.check_slice": "out[{start}:{end}] along axis {axis} vs {input}",
    "xray.concatenate.fills": "{input} {shape} fills positions {start}–{last} of axis {axis} ({size} of them).",
    "xray.concatenate.check_pick": "out{out} vs {input}{src}",
    "xray.concatenate.where": (
        "out{out} is at position {position} of axis {axis}, inside the slice of {input} that starts at {offset}: "
        "{arithmetic}, so it is {input}{src}."
    ),
    "xray.concatenate.grid_out": "Output {where}: the followed element out{at} marked",
    "xray.concatenate.grid_in": "Its input {where}: {at} marked",
    # -- Add, Multiply, Average ------------------------------------------------------------------
    "xray.merge.summary_add": (
        "Add sums its {count} inputs {shapes} number by number: the output {shape_out} {axes_out} has the inputs' "
        "shape."
    ),
    "xray.merge.summary_multiply": (
        "Multiply multiplies its {count} inputs {shapes} number by number: the output {shape_out} {axes_out} has the "
        "inputs' shape."
    ),
    "xray.merge.summary_average": (
        "Average adds its {count} inputs {shapes} number by number and divides by {count}: the output {shape_out} "
        "{axes_out} has the inputs' shape."
    ),
    "xray.merge.check": "numpy {op} vs the layer's output (first {n} samples)",
    "xray.merge.check_pick": "out{out} recomputed from the inputs' numbers",
    "xray.merge.where": "out{out} = {inputs} = {terms} = {value}",
    "xray.merge.broadcast": (
        "The shapes {shapes} differ: {inputs} stretch to {shape_out}. An input with fewer axes first gets size-1 "
        "axes right after the batch axis (Keras's rule), then every size-1 axis repeats its number."
    ),
    "xray.merge.grid_in": "Input {where} (stretched to the output's axes): {at} marked",
    "xray.merge.grid_out": "Output {where}: out{at} marked",
    # -- Activation ------------------------------------------------------------------------------
    "xray.activation.summary": (
        "Activation(\"{name}\") applies one function to every number; the shape stays {shape} {axes}."
    ),
    "xray.activation.check": "numpy {name} vs the layer's output (first {n} samples)",
    "xray.activation.check_pick": "out{out} recomputed by hand",
    "xray.activation.where": "out{out} = {name}({x}) = {value}",
    "xray.activation.row": (
        "out{out} = {value} depends on the whole row x{row} ({size} numbers): the function is taken over the last "
        "axis, so the row's outputs add up to 1 (softmax) or their exponentials do (log_softmax)."
    ),
    "xray.activation.unchecked": (
        "The X-ray does not recompute \"{name}\" with numpy, so nothing is checked for this layer."
    ),
    "xray.activation.grid_in": "Input {where}: x{at} marked",
    "xray.activation.grid_out": "Output {where}: out{at} marked",
    # -- Dropout, SpatialDropout1D ---------------------------------------------------------------
    "xray.dropout.summary": (
        "{cls}(rate={rate}) is called here with training=False, as in predict() and evaluate(): it passes every "
        "number through unchanged, {shape} {axes}."
    ),
    "xray.dropout.check": "out vs x (first {n} samples): at inference they are the same numbers",
    "xray.dropout.training": (
        "In training (fit), each number would be set to 0 with probability {rate} and the others multiplied by "
        "1/(1 − {rate}) = {scale}, so the expected sum stays the same; a new mask every step."
    ),
    "xray.dropout.training_spatial": (
        "In training (fit), whole feature channels would be dropped: for each of the {batch} samples, each of the "
        "{features} channels ({letter}) is set to 0 at every step of {time} with probability {rate}, the others "
        "multiplied by {scale}."
    ),
    "xray.dropout.grid_out": "Output {where}: out{at} marked (equal to x{at})",
    # -- BatchNormalization ----------------------------------------------------------------------
    "xray.batchnorm.summary": (
        "BatchNormalization at inference normalizes each channel of axis {axis} ({letter}, {size} channels) with "
        "the moving averages it learned: gamma · (x − moving_mean) / √(moving_variance + epsilon) + beta. "
        "Shape unchanged: {shape} {axes}."
    ),
    "xray.batchnorm.check": "numpy normalization vs the layer's output (first {n} samples)",
    "xray.batchnorm.check_pick": "out{out} recomputed by hand",
    "xray.batchnorm.where": (
        "out{out} is in channel {channel} of {letter}: {gamma} · ({x} − {mean}) / √({var} + {eps}) + {beta} = {value}"
    ),
    "xray.batchnorm.off": (
        "This layer has no {weights} (scale or center is False): it counts as 1 for gamma, 0 for beta."
    ),
    "xray.batchnorm.training": (
        "In training, the batch's own mean and variance are used instead, and the moving averages are updated."
    ),
    "xray.batchnorm.grid_in": "Input {where}: x{at} marked",
    "xray.batchnorm.grid_stats": (
        "Rows: moving_mean, moving_variance, gamma, beta; the column of channel {channel} marked"
    ),
    "xray.batchnorm.grid_out": "Output {where}: out{at} marked",
    # -- LayerNormalization ----------------------------------------------------------------------
    "xray.layernorm.summary": (
        "LayerNormalization normalizes each sample over axis {axes_list} ({letters}, {count} numbers at a time) with "
        "their own mean and variance, then applies gamma and beta: {shape} {axes}. Nothing depends on the batch."
    ),
    "xray.layernorm.check": "numpy normalization vs the layer's output (first {n} samples)",
    "xray.layernorm.check_pick": "out{out} recomputed by hand",
    "xray.layernorm.where": (
        "out{out}: its {count} numbers along {letters} have mean {mean} and variance {var}: "
        "{gamma} · ({x} − {mean}) / √({var} + {eps}) + {beta} = {value}"
    ),
    "xray.layernorm.off": (
        "This layer has no {weights} (scale or center is False): it counts as 1 for gamma, 0 for beta."
    ),
    "xray.layernorm.grid_in": "Input {where}: x{at} and the numbers normalized with it marked",
    "xray.layernorm.grid_out": "Output {where}: out{at} marked",
    # -- MultiHeadAttention ----------------------------------------------------------------------
    "xray.attention.summary": (
        "MultiHeadAttention with {N} heads of key_dim {K} (value_dim {Kv}): each of the T = {T} query positions of "
        "{query} takes a weighted average of the S = {S} value positions of {value}, per head, then the heads are "
        "mixed into the output {out} {axes}."
    ),
    "xray.attention.summary_self": (
        "Self-attention, MultiHeadAttention with {N} heads of key_dim {K} (value_dim {Kv}): each of the T = {T} "
        "positions of {query} takes a weighted average of all S = {S} positions of the same tensor, per head, then "
        "the heads are mixed into the output {out} {axes}."
    ),
    "xray.attention.check": "numpy attention vs the layer's output ({n} samples)",
    "xray.attention.check_weights": (
        "numpy softmax weights vs Keras's own (return_attention_scores=True), {n} samples"
    ),
    "xray.attention.check_sums": "Keras's weights of each query add up to 1 (largest |sum − 1|)",
    "xray.attention.where": (
        "out{out} belongs to query position {t}. In head {head} that position gives its largest weight, {weight}, to "
        "key position {top} (an even spread over {S} positions would be {uniform} each)."
    ),
    "xray.attention.no_mask": (
        "Here the layer is called without attention_mask and without use_causal_mask (like the forward pass this "
        "X-ray reads): every query position sees every key position."
    ),
    "xray.attention.unchecked_axes": (
        "This layer attends over the axes {axes} only; the X-ray recomputes attention over all middle axes, so "
        "nothing is checked here."
    ),
    "xray.attention.bounded": (
        "Recomputed on {n} of the {batch} samples (sample {b}, the followed one, included), to stay within the "
        "X-ray's memory."
    ),
    "xray.attention.dropout": (
        "dropout={rate} drops attention weights only in training; called with training=False, nothing is dropped."
    ),
    "xray.attention.flattened": (
        "The middle axes of {query} are attended over together: numbered row by row as T = {T} query positions and "
        "S = {S} key positions."
    ),
    "xray.attention.grid_head": "Attention weights {where} (query × key positions): the row of query {t} marked",
    "xray.attention.grid_heads": (
        "Query {t}'s weights in every head (head × key position): the column of key {top} marked"
    ),
    "xray.attention.grid_out": "Output {where}: out{at} marked",
    # -- mistakes --------------------------------------------------------------------------------
    "mistake.reshape_count.title": "Reshape({broken}): sizes that do not multiply out",
    "mistake.reshape_count.why": (
        "Reshape only regroups the numbers of each sample. The input {shape} holds {product} = {count} per sample, "
        "but {broken} asks for {broken_product} = {broken_count}. The target's sizes must multiply to {count}; "
        "writing -1 for one of them (as in {target}) lets Keras work it out."
    ),
    "mistake.concat_axis.title": "Concatenate(axis={wrong}) instead of axis={axis}",
    "mistake.concat_axis.why": (
        "Concatenate joins its inputs {shapes} along one axis, and every other axis must match. They differ on axis "
        "{position} ({sizes}), which only axis={axis} may join; along axis {wrong}, axis {position} has to match and "
        "does not."
    ),
    "mistake.no_flatten.title": "Flatten left out before {failing}",
    "mistake.no_flatten.why": (
        "Without {layer}, the {shape} {axes} tensor keeps all its axes: Dense works on the last axis of any rank, so "
        "nothing fails there, but {failing} ({failing_kind}) then receives {received} and needs fewer axes."
    ),
}
EN.update({  # comments of the shown numpy code (numbers given as text, as the code writes them)
    "xray.flatten.code.channels_last": "first move the channels to the last axis",
    "xray.reshape.code.o": "o: the index inside one sample",
    "xray.permute.code.where": "out[b, o1, …] = x at: input axis order[m] takes o_m",
    "xray.concatenate.code.part": "{part} is {input}",
    "xray.merge.code.expand": "an input with fewer axes gets size-1 axes at position 1: x.reshape(B, 1, …)",
    "xray.activation.code.each": "{name}, number by number: {shape} -> {out}",
    "xray.activation.code.row": "{name}, Σ over the last axis: {shape} -> {out}",
    "xray.dropout.code.inference": "training=False: {shape}, nothing dropped",
    "xray.dropout.code.training": "training: mask ~ Bernoulli({keep}) per number; out = x * mask / {keep}",
    "xray.dropout.code.training_spatial": "training: mask (B, 1, F) ~ Bernoulli({keep}); out = x * mask / {keep}",
    "xray.batchnorm.code.vectors": "gamma, beta, moving_mean, moving_variance: ({size},) each, along axis {axis} "
                                   "({letter})",
    "xray.layernorm.code.over": "over {letters}",
    "mistake.no_flatten.code.left_out": "← left out",
    "mistake.no_flatten.code.receives": "receives {received}",
})
EN.update({f"xray.{family}.bounded": "Recomputed on the first {n} of the {batch} samples, to stay within the X-ray's "
           "memory." for family in _BOUNDED_FAMILIES})

ZH = {
    # -- Flatten ---------------------------------------------------------------------------------
    "xray.flatten.summary": (
        "Flatten 把每个样本的数按行优先顺序（最后一个轴变化最快）排成一行：{shape_in} {axes_in} → {shape_out} "
        "{axes_out}，每个样本 {sizes} = {count} 个数。不做任何计算。"
    ),
    "xray.flatten.check": "`x.reshape(B, -1)` 与该层输出对比（前 {n} 个样本）",
    "xray.flatten.check_pick": "out{out} 与手算得到的输入元素 x{src} 对比",
    "xray.flatten.channels_first": (
        "data_format=\"channels_first\"：Keras 先把通道轴移到最后（`np.transpose(x, {order})`），再展平。"
    ),
    "xray.flatten.where": (
        "out{out} 来自 x{src}：它在样本内的偏移量是各轴的 索引 · 步长 之和，步长为 {strides}（每个轴之后各轴大小的乘积）："
        "{arithmetic}。"
    ),
    "xray.flatten.grid_in": "输入 {where}：标出来源元素 x{at}",
    "xray.flatten.grid_out": "输出 {where}：标出跟踪的元素 out{at}",
    # -- Reshape ---------------------------------------------------------------------------------
    "xray.reshape.summary": (
        "Reshape{target} 保持每个样本的 {count} 个数按行优先顺序不变，只改变分组方式：{shape_in} {axes_in} → "
        "{shape_out} {axes_out}。批次轴从不改变。"
    ),
    "xray.reshape.check": "`x.reshape(out.shape)` 与该层输出对比（前 {n} 个样本）",
    "xray.reshape.check_pick": "out{out} 与手算得到的输入元素 x{src} 对比",
    "xray.reshape.inferred": (
        "目标形状 {target} 的第 {position} 个位置是 -1：Keras 算出它等于每个样本 {count} 个数 ÷ {known}（其余大小的乘积）= {size}。"
    ),
    "xray.reshape.where": (
        "out{out} 在样本内的平铺偏移量是 {out_arithmetic}；按输入的形状，这个偏移量是 {in_arithmetic}，所以它来自 x{src}。"
    ),
    "xray.reshape.grid_in": "输入 {where}：标出来源元素 x{at}",
    "xray.reshape.grid_out": "输出 {where}：标出跟踪的元素 out{at}",
    # -- Permute ---------------------------------------------------------------------------------
    "xray.permute.summary": (
        "Permute{dims} 重新排列各轴（从 1 开始编号，批次轴始终在最前）：{shape_in} {axes_in} → {shape_out} "
        "{axes_out}。每个数的值不变，只有索引改变。"
    ),
    "xray.permute.check": "`np.transpose(x, {order})` 与该层输出对比（前 {n} 个样本）",
    "xray.permute.check_pick": "out{out} 与手算得到的输入元素 x{src} 对比",
    "xray.permute.where": "out{out} 就是 x{src}：每个输出轴的索引取自一个输入轴（{moves}；输出轴 ← 输入轴）。",
    "xray.permute.grid_in": "输入 {where}：标出来源元素 x{at}",
    "xray.permute.grid_out": "输出 {where}：标出跟踪的元素 out{at}",
    # -- RepeatVector ----------------------------------------------------------------------------
    "xray.repeatvector.summary": (
        "RepeatVector({n}) 沿一个新轴把每个样本的向量复制 {n} 次：{shape_in} {axes_in} → {shape_out} {axes_out}。"
        "对每个 r，out[b, r, f] = x[b, f]。"
    ),
    "xray.repeatvector.check": "`np.repeat(x[:, None, :], n, axis=1)` 与该层输出对比（前 {n} 个样本）",
    "xray.repeatvector.check_pick": "out{out} 与 x{src} 对比",
    "xray.repeatvector.where": "out{out} 就是 x{src}，这一列的全部 {n} 行都是：同一个数的副本。",
    "xray.repeatvector.grid_in": "输入 {where}：标出 x{at}",
    "xray.repeatvector.grid_out": "输出 {where}：标出 out{at} 所在的一列副本",
    # -- Concatenate -----------------------------------------------------------------------------
    "xray.concatenate.summary": (
        "Concatenate 把 {count} 个输入 {shapes} 沿轴 {axis}（{letter}）并排拼接：{sizes} = {total}，所以输出为 "
        "{shape_out} {axes_out}。其余每个轴在所有输入中的大小必须相同。"
    ),
    "xray.concatenate.check_slice": "沿轴 {axis} 的 out[{start}:{end}] 与 {input} 对比",
    "xray.concatenate.fills": "{input} {shape} 填充轴 {axis} 的位置 {start}–{last}（共 {size} 个）。",
    "xray.concatenate.check_pick": "out{out} 与 {input}{src} 对比",
    "xray.concatenate.where": (
        "out{out} 位于轴 {axis} 的位置 {position}，落在 {input} 的那一段里（从 {offset} 开始）：{arithmetic}，"
        "所以它是 {input}{src}。"
    ),
    "xray.concatenate.grid_out": "输出 {where}：标出跟踪的元素 out{at}",
    "xray.concatenate.grid_in": "它的输入 {where}：标出 {at}",
    # -- Add, Multiply, Average ------------------------------------------------------------------
    "xray.merge.summary_add": "Add 把 {count} 个输入 {shapes} 逐个数相加：输出 {shape_out} {axes_out} 与输入形状相同。",
    "xray.merge.summary_multiply": (
        "Multiply 把 {count} 个输入 {shapes} 逐个数相乘：输出 {shape_out} {axes_out} 与输入形状相同。"
    ),
    "xray.merge.summary_average": (
        "Average 把 {count} 个输入 {shapes} 逐个数相加再除以 {count}：输出 {shape_out} {axes_out} 与输入形状相同。"
    ),
    "xray.merge.check": "numpy {op} 与该层输出对比（前 {n} 个样本）",
    "xray.merge.check_pick": "用输入的数重新算出 out{out}",
    "xray.merge.where": "out{out} = {inputs} = {terms} = {value}",
    "xray.merge.broadcast": (
        "形状 {shapes} 不同：{inputs} 被扩展到 {shape_out}。轴较少的输入先在批次轴之后补上大小为 1 的轴（Keras 的规则），"
        "然后每个大小为 1 的轴重复它的数。"
    ),
    "xray.merge.grid_in": "输入 {where}（扩展到输出的各轴）：标出 {at}",
    "xray.merge.grid_out": "输出 {where}：标出 out{at}",
    # -- Activation ------------------------------------------------------------------------------
    "xray.activation.summary": "Activation(\"{name}\") 对每个数应用同一个函数；形状保持 {shape} {axes}。",
    "xray.activation.check": "numpy {name} 与该层输出对比（前 {n} 个样本）",
    "xray.activation.check_pick": "手算 out{out}",
    "xray.activation.where": "out{out} = {name}({x}) = {value}",
    "xray.activation.row": (
        "out{out} = {value} 取决于整行 x{row}（{size} 个数）：函数作用于最后一个轴，所以这一行的输出之和为 1（softmax），"
        "或其指数之和为 1（log_softmax）。"
    ),
    "xray.activation.unchecked": "X 光没有用 numpy 重新计算 \"{name}\"，因此这一层没有任何核对。",
    "xray.activation.grid_in": "输入 {where}：标出 x{at}",
    "xray.activation.grid_out": "输出 {where}：标出 out{at}",
    # -- Dropout, SpatialDropout1D ---------------------------------------------------------------
    "xray.dropout.summary": (
        "这里以 training=False 调用 {cls}(rate={rate})，与 predict() 和 evaluate() 相同：每个数原样通过，{shape} {axes}。"
    ),
    "xray.dropout.check": "out 与 x 对比（前 {n} 个样本）：推理时它们是同样的数",
    "xray.dropout.training": (
        "训练（fit）时，每个数以概率 {rate} 被置为 0，其余的数乘以 1/(1 − {rate}) = {scale}，使期望总和不变；每一步换一个新的掩码。"
    ),
    "xray.dropout.training_spatial": (
        "训练（fit）时会丢弃整条特征通道：对 {batch} 个样本中的每一个，{features} 个通道（{letter}）中的每一个以概率 {rate} "
        "在 {time} 的每一步都被置为 0，其余的乘以 {scale}。"
    ),
    "xray.dropout.grid_out": "输出 {where}：标出 out{at}（等于 x{at}）",
    # -- BatchNormalization ----------------------------------------------------------------------
    "xray.batchnorm.summary": (
        "推理时 BatchNormalization 用学到的滑动平均值对轴 {axis}（{letter}，{size} 个通道）的每个通道做归一化："
        "gamma · (x − moving_mean) / √(moving_variance + epsilon) + beta。形状不变：{shape} {axes}。"
    ),
    "xray.batchnorm.check": "numpy 归一化与该层输出对比（前 {n} 个样本）",
    "xray.batchnorm.check_pick": "手算 out{out}",
    "xray.batchnorm.where": (
        "out{out} 属于 {letter} 的通道 {channel}：{gamma} · ({x} − {mean}) / √({var} + {eps}) + {beta} = {value}"
    ),
    "xray.batchnorm.off": "这一层没有 {weights}（scale 或 center 为 False）：gamma 按 1 计，beta 按 0 计。",
    "xray.batchnorm.training": "训练时改用当前批次自己的均值和方差，并更新滑动平均值。",
    "xray.batchnorm.grid_in": "输入 {where}：标出 x{at}",
    "xray.batchnorm.grid_stats": "各行：moving_mean、moving_variance、gamma、beta；标出通道 {channel} 所在的列",
    "xray.batchnorm.grid_out": "输出 {where}：标出 out{at}",
    # -- LayerNormalization ----------------------------------------------------------------------
    "xray.layernorm.summary": (
        "LayerNormalization 对每个样本沿轴 {axes_list}（{letters}，每次 {count} 个数）用它们自己的均值和方差做归一化，"
        "再应用 gamma 和 beta：{shape} {axes}。结果与批次中的其他样本无关。"
    ),
    "xray.layernorm.check": "numpy 归一化与该层输出对比（前 {n} 个样本）",
    "xray.layernorm.check_pick": "手算 out{out}",
    "xray.layernorm.where": (
        "out{out}：沿 {letters} 的 {count} 个数的均值为 {mean}，方差为 {var}："
        "{gamma} · ({x} − {mean}) / √({var} + {eps}) + {beta} = {value}"
    ),
    "xray.layernorm.off": "这一层没有 {weights}（scale 或 center 为 False）：gamma 按 1 计，beta 按 0 计。",
    "xray.layernorm.grid_in": "输入 {where}：标出 x{at} 以及与它一起归一化的数",
    "xray.layernorm.grid_out": "输出 {where}：标出 out{at}",
    # -- MultiHeadAttention ----------------------------------------------------------------------
    "xray.attention.summary": (
        "MultiHeadAttention 有 {N} 个头，key_dim 为 {K}（value_dim 为 {Kv}）：{query} 的 T = {T} 个查询位置，在每个头里"
        "各自对 {value} 的 S = {S} 个值位置取加权平均，然后把各头混合成输出 {out} {axes}。"
    ),
    "xray.attention.summary_self": (
        "自注意力，MultiHeadAttention 有 {N} 个头，key_dim 为 {K}（value_dim 为 {Kv}）：{query} 的 T = {T} 个位置，"
        "在每个头里各自对同一张量的全部 S = {S} 个位置取加权平均，然后把各头混合成输出 {out} {axes}。"
    ),
    "xray.attention.check": "numpy 注意力与该层输出对比（{n} 个样本）",
    "xray.attention.check_weights": "numpy softmax 权重与 Keras 自己给出的权重（return_attention_scores=True）对比，{n} 个样本",
    "xray.attention.check_sums": "Keras 给出的每个查询的权重之和为 1（最大的 |和 − 1|）",
    "xray.attention.where": (
        "out{out} 属于查询位置 {t}。在头 {head} 中，这个位置把最大的权重 {weight} 给了键位置 {top}"
        "（若平均分给 {S} 个位置，每个是 {uniform}）。"
    ),
    "xray.attention.no_mask": (
        "这里调用该层时没有 attention_mask，也没有 use_causal_mask（与本 X 光读取的前向计算相同）：每个查询位置都能看到每个键位置。"
    ),
    "xray.attention.unchecked_axes": "这一层只在轴 {axes} 上做注意力；X 光按全部中间轴重新计算，因此这里不做核对。",
    "xray.attention.bounded": "为了不超出 X 光的内存，只在 {batch} 个样本中的 {n} 个上重新计算（包括被跟踪的样本 {b}）。",
    "xray.attention.dropout": "dropout={rate} 只在训练时丢弃注意力权重；以 training=False 调用时什么也不丢弃。",
    "xray.attention.flattened": "{query} 的各中间轴一起参与注意力：逐行编号为 T = {T} 个查询位置和 S = {S} 个键位置。",
    "xray.attention.grid_head": "注意力权重 {where}（查询 × 键位置）：标出查询 {t} 所在的行",
    "xray.attention.grid_heads": "查询 {t} 在每个头中的权重（头 × 键位置）：标出键 {top} 所在的列",
    "xray.attention.grid_out": "输出 {where}：标出 out{at}",
    # -- mistakes --------------------------------------------------------------------------------
    "mistake.reshape_count.title": "Reshape({broken})：各大小的乘积对不上",
    "mistake.reshape_count.why": (
        "Reshape 只是把每个样本的数重新分组。输入 {shape} 每个样本有 {product} = {count} 个数，而 {broken} 要求 "
        "{broken_product} = {broken_count} 个。目标形状各大小之积必须等于 {count}；把其中一个写成 -1（如 {target}）就让 Keras 自己算。"
    ),
    "mistake.concat_axis.title": "用了 Concatenate(axis={wrong})，而不是 axis={axis}",
    "mistake.concat_axis.why": (
        "Concatenate 沿一个轴拼接输入 {shapes}，其余每个轴都必须一致。它们在轴 {position} 上不同（{sizes}），"
        "只有 axis={axis} 能拼接这个轴；沿轴 {wrong} 拼接时，轴 {position} 必须一致，但它不一致。"
    ),
    "mistake.no_flatten.title": "在 {failing} 之前漏掉了 Flatten",
    "mistake.no_flatten.why": (
        "没有 {layer}，{shape} {axes} 张量保留了全部的轴：Dense 作用于任意阶张量的最后一个轴，所以那里不会出错，"
        "但 {failing}（{failing_kind}）随后收到 {received}，而它需要更少的轴。"
    ),
}
ZH.update({
    "xray.flatten.code.channels_last": "先把通道移到最后一个轴",
    "xray.reshape.code.o": "o：一个样本内部的索引",
    "xray.permute.code.where": "out[b, o1, …] = x 中的这个元素：输入轴 order[m] 取 o_m",
    "xray.concatenate.code.part": "{part} 来自 {input}",
    "xray.merge.code.expand": "轴较少的输入在位置 1 补上大小为 1 的轴：x.reshape(B, 1, …)",
    "xray.activation.code.each": "{name}，逐个数计算：{shape} -> {out}",
    "xray.activation.code.row": "{name}，Σ 沿最后一个轴：{shape} -> {out}",
    "xray.dropout.code.inference": "training=False：{shape}，不丢弃任何数",
    "xray.dropout.code.training": "训练时：每个数一个 mask ~ Bernoulli({keep})；out = x * mask / {keep}",
    "xray.dropout.code.training_spatial": "训练时：mask (B, 1, F) ~ Bernoulli({keep})；out = x * mask / {keep}",
    "xray.batchnorm.code.vectors": "gamma、beta、moving_mean、moving_variance：各为 ({size},)，沿轴 {axis}（{letter}）",
    "xray.layernorm.code.over": "在 {letters} 上",
    "mistake.no_flatten.code.left_out": "← 漏掉了",
    "mistake.no_flatten.code.receives": "收到 {received}",
})
ZH.update({f"xray.{family}.bounded": "为了不超出 X 光的内存，只在 {batch} 个样本中的前 {n} 个上重新计算。"
           for family in _BOUNDED_FAMILIES})
