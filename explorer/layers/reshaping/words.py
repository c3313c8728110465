"""The words of the reshaping layers (Flatten, Reshape, Permute, RepeatVector): axis meanings and fixes
(kinds.py), X-rays and common mistakes (xray.py), each key with its English and its Chinese side by
side. Placeholders use str.format names; numbers are formatted by the caller.
"""

WORDS: dict[str, tuple[str, str]] = {
    "axis.repeat": ("repeats made by {layer}", "{layer} 的重复次数"),
    "axis.flattened": ("{parts} flattened into one axis by {layer}", "{layer} 把 {parts} 展平成的一个轴"),
    "axis.reshaped": ("{parts} merged into one axis by {layer}", "{layer} 把 {parts} 合并成的一个轴"),
    "axis.reshaped_new": ("an axis made by {layer} (`{arg}`)", "{layer} 新建的一个轴(`{arg}`)"),
    "axis.one": ("an axis of size 1 (one number) made by {layer}", "{layer} 产生的大小为 1 的轴(只有一个数)"),
    "axis.upsampled": ("{axis} × {factor}, made by {layer}", "{layer} 把 {axis} 放大 {factor} 倍得到的轴"),
    "axis.padded": ("{axis} padded with zeros by {layer}: {before} before, {after} after",
                    "{layer} 在 {axis} 前面补 {before} 个零、后面补 {after} 个零得到的轴"),
    "axis.cropped": ("{axis} cut by {layer}: {before} before, {after} after",
                     "{layer} 从 {axis} 前面切掉 {before} 个位置、后面切掉 {after} 个位置得到的轴"),
    # UpSampling, ZeroPadding, Cropping
    "fix.resize_add_channel": (
        "add a channel axis with `{code}`: {layer} changes the axes between the batch and the channels, and "
        "{shape} has no channel axis.",
        "用 `{code}` 加上通道轴:{layer} 改变的是批轴与通道轴之间的轴,而 {shape} 没有通道轴。",
    ),
    "fix.resize_use_other": (
        "use `{code}`: {layer} works on {rank} axes between the batch and the channels, and {shape} has {count}.",
        "改用 `{code}`:{layer} 处理批轴与通道轴之间的 {rank} 个轴,而 {shape} 有 {count} 个。",
    ),
    "fix.crop_too_much": (
        "use `{code}`. {layer} would cut {before} + {after} = {total} positions from axis {axis}, which has only "
        "{size}: nothing would be left. cropping counts the positions cut from each side, not the size kept: "
        "to keep {keep} of {size}, cut {cut} in all.",
        "改用 `{code}`。{layer} 要从轴 {axis} 切掉 {before} + {after} = {total} 个位置,而它只有 {size} 个:"
        "什么也不剩。cropping 是每一边切掉的位置数,而不是保留的大小:要在 {size} 个中保留 {keep} 个,总共切掉 {cut} 个。",
    ),
    # Reshape
    "fix.reshape_count": (
        "{layer} must keep every number: its input {shape} holds {count} per example, but {target} does not. "
        "Write -1 for one size and Keras works it out: `{code}`.",
        "{layer} 必须保留每一个数:输入 {shape} 每个样本有 {count} 个数,但 {target} 装不下这么多。"
        "把其中一个大小写成 -1,由 Keras 自己算出:`{code}`。",
    ),
    "fix.reshape_count_flat": (
        "{layer} must keep every number: its input {shape} holds {count} per example, but {target} does not. "
        "Choose sizes that multiply to {count}, for example `{code}`.",
        "{layer} 必须保留每一个数:输入 {shape} 每个样本有 {count} 个数,但 {target} 装不下这么多。"
        "选乘积等于 {count} 的大小,例如 `{code}`。",
    ),
    "fix.reshape_divide": (
        "{layer} must keep every number: its input {shape} holds {count} per example, which the known sizes of "
        "{target} ({known} together) do not divide. Choose sizes whose product divides {count}.",
        "{layer} 必须保留每一个数:输入 {shape} 每个样本有 {count} 个数,"
        "而 {target} 中已知大小的乘积 {known} 不能整除它。请选乘积能整除 {count} 的大小。",
    ),
    "fix.reshape_one_unknown": (
        "write -1 for at most one size in the target shape of {layer}.",
        "{layer} 的目标形状中最多只能有一个大小写成 -1。",
    ),
    # -- Flatten ---------------------------------------------------------------------------------
    "xray.flatten.summary": (
        "Flatten lays the numbers of each sample in one row, in row-major order (the last axis changes fastest): "
        "{shape_in} {axes_in} → {shape_out} {axes_out}, {sizes} = {count} numbers per sample. Nothing is computed.",
        "Flatten 把每个样本的数按行优先顺序（最后一个轴变化最快）排成一行：{shape_in} {axes_in} → {shape_out} "
        "{axes_out}，每个样本 {sizes} = {count} 个数。不做任何计算。",
    ),
    "xray.flatten.check": (
        "x.reshape(B, -1) vs the layer's output (first {n} samples)",
        "x.reshape(B, -1) 与该层输出对比（前 {n} 个样本）",
    ),
    "xray.flatten.check_pick": (
        "out{out} vs x{src}, the input element computed by hand",
        "out{out} 与手算得到的输入元素 x{src} 对比",
    ),
    "xray.flatten.channels_first": (
        "data_format=\"channels_first\": Keras first moves the channel axis last (`np.transpose(x, {order})`), "
        "then flattens.",
        "data_format=\"channels_first\"：Keras 先把通道轴移到最后（`np.transpose(x, {order})`），再展平。",
    ),
    "xray.flatten.where": (
        "out{out} came from x{src}: its offset inside the sample is index · stride summed over the axes, strides "
        "{strides} (the product of the sizes after each axis): {arithmetic}.",
        "out{out} 来自 x{src}：它在样本内的偏移量是各轴的 索引 · 步长 之和，步长为 {strides}（每个轴之后各轴大小的乘积）："
        "{arithmetic}。",
    ),
    "xray.flatten.grid_in": ("Input {where}: the source element x{at} marked", "输入 {where}：标出来源元素 x{at}"),
    "xray.flatten.grid_out": ("Output {where}: the followed element out{at} marked", "输出 {where}：标出跟踪的元素 out{at}"),
    # -- Reshape ---------------------------------------------------------------------------------
    "xray.reshape.summary": (
        "Reshape{target} keeps the {count} numbers of each sample in the same row-major order and only changes "
        "how they are grouped: {shape_in} {axes_in} → {shape_out} {axes_out}. The batch axis is never touched.",
        "Reshape{target} 保持每个样本的 {count} 个数按行优先顺序不变，只改变分组方式：{shape_in} {axes_in} → "
        "{shape_out} {axes_out}。批次轴从不改变。",
    ),
    "xray.reshape.check": (
        "x.reshape(out.shape) vs the layer's output (first {n} samples)",
        "x.reshape(out.shape) 与该层输出对比（前 {n} 个样本）",
    ),
    "xray.reshape.check_pick": (
        "out{out} vs x{src}, the input element computed by hand",
        "out{out} 与手算得到的输入元素 x{src} 对比",
    ),
    "xray.reshape.inferred": (
        "The target {target} has -1 at position {position}: Keras works it out as {count} numbers per sample ÷ "
        "{known} (the product of the other sizes) = {size}.",
        "目标形状 {target} 的第 {position} 个位置是 -1：Keras 算出它等于每个样本 {count} 个数 ÷ {known}（其余大小的乘积）= {size}。",
    ),
    "xray.reshape.where": (
        "out{out} sits at flat offset {out_arithmetic} inside its sample; in the input's shape that offset is "
        "{in_arithmetic}, so it came from x{src}.",
        "out{out} 在样本内的平铺偏移量是 {out_arithmetic}；按输入的形状，这个偏移量是 {in_arithmetic}，所以它来自 x{src}。",
    ),
    "xray.reshape.grid_in": ("Input {where}: the source element x{at} marked", "输入 {where}：标出来源元素 x{at}"),
    "xray.reshape.grid_out": ("Output {where}: the followed element out{at} marked", "输出 {where}：标出跟踪的元素 out{at}"),
    # -- Permute ---------------------------------------------------------------------------------
    "xray.permute.summary": (
        "Permute{dims} reorders the axes (numbered from 1, the batch axis stays first): {shape_in} {axes_in} → "
        "{shape_out} {axes_out}. Every number keeps its value; only its index changes.",
        "Permute{dims} 重新排列各轴（从 1 开始编号，批次轴始终在最前）：{shape_in} {axes_in} → {shape_out} "
        "{axes_out}。每个数的值不变，只有索引改变。",
    ),
    "xray.permute.check": (
        "np.transpose(x, {order}) vs the layer's output (first {n} samples)",
        "np.transpose(x, {order}) 与该层输出对比（前 {n} 个样本）",
    ),
    "xray.permute.check_pick": (
        "out{out} vs x{src}, the input element computed by hand",
        "out{out} 与手算得到的输入元素 x{src} 对比",
    ),
    "xray.permute.where": (
        "out{out} is x{src}: each output axis takes its index from an input axis ({moves}; output axis ← input axis).",
        "out{out} 就是 x{src}：每个输出轴的索引取自一个输入轴（{moves}；输出轴 ← 输入轴）。",
    ),
    "xray.permute.grid_in": ("Input {where}: the source element x{at} marked", "输入 {where}：标出来源元素 x{at}"),
    "xray.permute.grid_out": ("Output {where}: the followed element out{at} marked", "输出 {where}：标出跟踪的元素 out{at}"),
    # -- RepeatVector ----------------------------------------------------------------------------
    "xray.repeatvector.summary": (
        "RepeatVector({n}) copies each sample's vector {n} times along a new axis: {shape_in} {axes_in} → "
        "{shape_out} {axes_out}. out[b, r, f] = x[b, f] for every r.",
        "RepeatVector({n}) 沿一个新轴把每个样本的向量复制 {n} 次：{shape_in} {axes_in} → {shape_out} {axes_out}。"
        "对每个 r，out[b, r, f] = x[b, f]。",
    ),
    "xray.repeatvector.check": (
        "np.repeat(x[:, None, :], n, axis=1) vs the layer's output (first {n} samples)",
        "np.repeat(x[:, None, :], n, axis=1) 与该层输出对比（前 {n} 个样本）",
    ),
    "xray.repeatvector.check_pick": ("out{out} vs x{src}", "out{out} 与 x{src} 对比"),
    "xray.repeatvector.where": (
        "out{out} is x{src}, and so is every one of the {n} rows of that column: the same number copied.",
        "out{out} 就是 x{src}，这一列的全部 {n} 行都是：同一个数的副本。",
    ),
    "xray.repeatvector.grid_in": ("Input {where}: x{at} marked", "输入 {where}：标出 x{at}"),
    "xray.repeatvector.grid_out": (
        "Output {where}: the column of copies of x at out{at} marked",
        "输出 {where}：标出 out{at} 所在的一列副本",
    ),
    # -- mistakes --------------------------------------------------------------------------------
    "mistake.reshape_count.title": ("Reshape({broken}): sizes that do not multiply out", "Reshape({broken})：各大小的乘积对不上"),
    "mistake.reshape_count.why": (
        "Reshape only regroups the numbers of each sample. The input {shape} holds {product} = {count} per sample, "
        "but {broken} asks for {broken_product} = {broken_count}. The target's sizes must multiply to {count}; "
        "writing -1 for one of them (as in {target}) lets Keras work it out.",
        "Reshape 只是把每个样本的数重新分组。输入 {shape} 每个样本有 {product} = {count} 个数，而 {broken} 要求 "
        "{broken_product} = {broken_count} 个。目标形状各大小之积必须等于 {count}；把其中一个写成 -1（如 {target}）就让 Keras 自己算。",
    ),
    "mistake.no_flatten.title": ("Flatten left out before {failing}", "在 {failing} 之前漏掉了 Flatten"),
    "mistake.no_flatten.why": (
        "Without {layer}, the {shape} {axes} tensor keeps all its axes: Dense works on the last axis of any rank, so "
        "nothing fails there, but {failing} ({failing_kind}) then receives {received} and needs fewer axes.",
        "没有 {layer}，{shape} {axes} 张量保留了全部的轴：Dense 作用于任意阶张量的最后一个轴，所以那里不会出错，"
        "但 {failing}（{failing_kind}）随后收到 {received}，而它需要更少的轴。",
    ),
    "xray.flatten.code.channels_last": ("first move the channels to the last axis", "先把通道移到最后一个轴"),
    "xray.reshape.code.o": ("o: the index inside one sample", "o：一个样本内部的索引"),
    "xray.permute.code.where": (
        "out[b, o1, …] = x at: input axis order[m] takes o_m",
        "out[b, o1, …] = x 中的这个元素：输入轴 order[m] 取 o_m",
    ),
    "mistake.dense_without_flatten.title": (
        "Flatten left out before {dense}: it runs on {received} without an error",
        "在 {dense} 之前漏掉了 Flatten：它在 {received} 上照样运行，不报错",
    ),
    "mistake.dense_without_flatten.why": (
        "Dense multiplies only the last axis, so {dense} gives each of the {positions} positions its own {units} "
        "outputs: the model outputs {output} instead of {expected}, and the labels will not match it at fit.",
        "Dense 只对最后一个轴做矩阵乘法，所以 {dense} 给 {positions} 个位置各自输出 {units} 个值："
        "模型输出 {output} 而不是 {expected}，到 fit 时标签就对不上了。",
    ),
    "mistake.dense_without_flatten.fix": (
        "put `{code}` back before {dense} (or `layers.{pooling}()`, one average per channel), so it receives one "
        "vector per sample.",
        "在 {dense} 之前加回 `{code}`（或者 `layers.{pooling}()`，每个通道取一个平均值），让它每个样本只收到一个向量。",
    ),
    "mistake.dense_without_flatten.code.gives": ("receives {received}, gives {gives}", "收到 {received}，输出 {gives}"),
    "mistake.no_flatten.code.left_out": ("← left out", "← 漏掉了"),
    "mistake.no_flatten.code.receives": ("receives {received}", "收到 {received}"),
    "xray.flatten.bounded": (
        "Recomputed on the first {n} of the {batch} samples, to stay within the X-ray's memory.",
        "为了不超出 X 光的内存，只在 {batch} 个样本中的前 {n} 个上重新计算。",
    ),
    "xray.reshape.bounded": (
        "Recomputed on the first {n} of the {batch} samples, to stay within the X-ray's memory.",
        "为了不超出 X 光的内存，只在 {batch} 个样本中的前 {n} 个上重新计算。",
    ),
    "xray.permute.bounded": (
        "Recomputed on the first {n} of the {batch} samples, to stay within the X-ray's memory.",
        "为了不超出 X 光的内存，只在 {batch} 个样本中的前 {n} 个上重新计算。",
    ),
    "xray.repeatvector.bounded": (
        "Recomputed on the first {n} of the {batch} samples, to stay within the X-ray's memory.",
        "为了不超出 X 光的内存，只在 {batch} 个样本中的前 {n} 个上重新计算。",
    ),
    # -- UpSampling, ZeroPadding, Cropping ------------------------------------------------------------
    "xray.resize.grid_in": ("Input {where}: the source x{at} marked", "输入 {where}：标出来源 x{at}"),
    "xray.resize.grid_out": ("Output {where}: the followed out{at} marked", "输出 {where}：标出跟踪的 out{at}"),
    "xray.upsampling.summary": (
        "{layer} ({cls}) repeats each position of x {axes_in} = {shape_in} along {axes} (factors {factors}): "
        "out {axes_out} = {shape_out}. Each output number is a copy of one input number. No weights.",
        "{layer}（{cls}）把 x {axes_in} = {shape_in} 的每个位置沿 {axes} 重复（倍数 {factors}）：输出 {axes_out} = "
        "{shape_out}。每个输出的数都是某个输入数的副本。没有权重。",
    ),
    "xray.upsampling.summary_bilinear": (
        "{layer} ({cls}, interpolation=\"bilinear\") stretches x {axes_in} = {shape_in} by {factors}: each output "
        "number is a weighted mean of the 4 nearest input numbers of its channel, the weights set by the distances "
        "and summing to 1. out {axes_out} = {shape_out}. No weights to learn.",
        "{layer}（{cls}，interpolation=\"bilinear\"）把 x {axes_in} = {shape_in} 按 {factors} 拉伸：每个输出的数是"
        "同一通道中最近的 4 个输入数的加权平均，权重由距离决定，总和为 1。输出 {axes_out} = {shape_out}。没有要学习的权重。",
    ),
    "xray.upsampling.skipped": (
        "{layer} ({cls}, interpolation=\"{interpolation}\") gives out {axes_out} = {shape_out}. The explorer "
        "recomputes only \"nearest\" and \"bilinear\", so this X-ray is skipped.",
        "{layer}（{cls}，interpolation=\"{interpolation}\"）输出 {axes_out} = {shape_out}。本工具只重算 "
        "\"nearest\" 和 \"bilinear\"，因此跳过此 X 光。",
    ),
    "xray.upsampling.check": (
        "np.repeat along each axis vs the layer's output (first {n} samples)",
        "沿每个轴 np.repeat，与该层输出对比（前 {n} 个样本）",
    ),
    "xray.upsampling.check_pick": ("out{out} vs x{src}, its source", "out{out} 与它的来源 x{src} 对比"),
    "xray.upsampling.where": (
        "out{out} is a copy of x{src}: each index divided by its factor, rounded down ({division}).",
        "out{out} 是 x{src} 的副本：每个索引除以它的倍数后向下取整（{division}）。",
    ),
    "xray.upsampling.bilinear_axis": (
        "{axis} = {i}: source position ({i} + 0.5) / {f} − 0.5 = {position}, between {lower} and {upper}: "
        "weight {rest} on {lower}, {weight} on {upper}.",
        "{axis} = {i}：来源位置 ({i} + 0.5) / {f} − 0.5 = {position}，位于 {lower} 和 {upper} 之间："
        "{lower} 的权重 {rest}，{upper} 的权重 {weight}。",
    ),
    "xray.upsampling.bilinear_edge": (
        "{axis} = {i}: source position ({i} + 0.5) / {f} − 0.5 = {position}, at the edge: both neighbours are "
        "{lower} (weights {rest} and {weight} on the same number).",
        "{axis} = {i}：来源位置 ({i} + 0.5) / {f} − 0.5 = {position}，在边缘：两个邻居都是 {lower}"
        "（权重 {rest} 和 {weight} 落在同一个数上）。",
    ),
    "xray.upsampling.bilinear_exact": (
        "{axis} = {i}: source position ({i} + 0.5) / {f} − 0.5 = {position}, exactly on {lower}: all the weight "
        "on it.",
        "{axis} = {i}：来源位置 ({i} + 0.5) / {f} − 0.5 = {position}，正好落在 {lower} 上：全部权重都在它上面。",
    ),
    "xray.upsampling.bilinear_value": (
        "out{out} = Σ weight · neighbour = {terms} = {value}. The layer says {layer_value}.",
        "out{out} = Σ 权重 · 邻居 = {terms} = {value}。该层给出 {layer_value}。",
    ),
    "xray.upsampling.check_bilinear": (
        "rows then columns, each a weighted mean of two neighbours, vs the layer's output (first {n} samples)",
        "先按行、再按列，各取两个邻居的加权平均，与该层输出对比（前 {n} 个样本）",
    ),
    "xray.upsampling.check_bilinear_pick": (
        "out{out}, from the 4 neighbours and weights shown",
        "out{out}，由图中的 4 个邻居和权重算出",
    ),
    "xray.upsampling.heat_neighbours": ("The input {where}: the nearest numbers out{out} weighs, outlined",
                                        "输入 {where}：框出 out{out} 加权的最近的数"),
    "xray.zeropadding.heat_in_edge": ("The input {where}: out{out} lies in the padding (a 0), so nothing here is "
                                      "outlined", "输入 {where}：out{out} 落在填充里（是 0），所以这里没有框出任何格子"),
    "xray.upsampling.grid_neighbours": (
        "the 4 neighbours in {where} that out{out} reads (rows and columns of x)",
        "out{out} 读取的 {where} 中的 4 个邻居（x 的行和列）",
    ),
    "xray.upsampling.grid_weights": (
        "their weights for out{out} (they sum to 1)",
        "它们对 out{out} 的权重（总和为 1）",
    ),
    "xray.upsampling.code.position": ("each output row's position in x", "每个输出行在 x 中的位置"),
    "xray.upsampling.code.neighbours": ("the rows above and below, kept inside x", "上下两个邻行，限制在 x 之内"),
    "xray.upsampling.code.weight": ("the weight of the row below", "下面一行的权重"),
    "xray.upsampling.code.columns": ("the same along the columns, giving {shape}", "沿列做同样的事，得到 {shape}"),
    "xray.upsampling.bounded": (
        "Recomputed on the first {n} of the {batch} samples, to bound the memory.",
        "只在 {batch} 个样本中的前 {n} 个上重算，以限制内存。",
    ),
    "xray.edges.bounded": (
        "Recomputed on the first {n} of the {batch} samples, to bound the memory.",
        "只在 {batch} 个样本中的前 {n} 个上重算，以限制内存。",
    ),
    "xray.edges.check_pick": ("out{out} vs x{src}, its source", "out{out} 与它的来源 x{src} 对比"),
    "xray.zeropadding.summary": (
        "{layer} ({cls}) puts zeros around x {axes_in} = {shape_in}, (before, after) per axis: {pads}. "
        "out {axes_out} = {shape_out}. No weights, nothing computed.",
        "{layer}（{cls}）在 x {axes_in} = {shape_in} 的周围补零，每个轴的（前, 后）：{pads}。"
        "输出 {axes_out} = {shape_out}。没有权重，不做计算。",
    ),
    "xray.zeropadding.check": (
        "np.pad with zeros vs the layer's output (first {n} samples)",
        "用 np.pad 补零，与该层输出对比（前 {n} 个样本）",
    ),
    "xray.zeropadding.where": (
        "out{out} is a copy of x{src}: each index minus the zeros before it ({shifts}).",
        "out{out} 是 x{src} 的副本：每个索引减去它前面补的零的个数（{shifts}）。",
    ),
    "xray.zeropadding.check_zero": ("out{out} vs 0 (it is in the padding)", "out{out} 与 0 对比（它在补零区）"),
    "xray.zeropadding.in_padding": (
        "out{out} is in the padding ({outside} is outside x), so it is 0.",
        "out{out} 在补零区（{outside} 落在 x 之外），所以它是 0。",
    ),
    "xray.zeropadding.grid_in_edge": (
        "Input {where}, the part nearest to out{out}: out{out} copies none of it",
        "输入 {where} 中离 out{out} 最近的部分：out{out} 不复制其中任何数",
    ),
    "xray.cropping.summary": (
        "{layer} ({cls}) cuts (before, after) positions from each axis of x {axes_in} = {shape_in}: {pads}. "
        "out {axes_out} = {shape_out} is the window {window}. No weights, nothing computed.",
        "{layer}（{cls}）从 x {axes_in} = {shape_in} 的每个轴切掉（前, 后）个位置：{pads}。"
        "输出 {axes_out} = {shape_out} 就是窗口 {window}。没有权重，不做计算。",
    ),
    "xray.cropping.check": (
        "the kept window of x vs the layer's output (first {n} samples)",
        "x 中保留的窗口与该层输出对比（前 {n} 个样本）",
    ),
    "xray.cropping.where": (
        "out{out} is a copy of x{src}: each index plus the positions cut before it ({shifts}).",
        "out{out} 是 x{src} 的副本：每个索引加上它前面切掉的位置数（{shifts}）。",
    ),
    "xray.cropping.kept": ("The kept window: {window}.", "保留的窗口：{window}。"),
    "mistake.crop_as_size.title": (
        "{code}: the size to keep written as the crop",
        "{code}：把要保留的大小当成了要切掉的数",
    ),
    "mistake.crop_as_size.why": (
        "{layer} gives {out} from {shape}, keeping {kept}. Written as {code}, those numbers become the positions cut "
        "from each side, before and after: more than the input has, so Keras refuses. cropping counts what is cut.",
        "{layer} 从 {shape} 得到 {out}，保留 {kept}。写成 {code} 时，这些数变成了每一边（前和后）要切掉的位置数："
        "比输入还多，所以 Keras 拒绝。cropping 数的是切掉的部分。",
    ),
    "mistake.odd_size.title": (
        "An input of {odd} instead of {shape}: the sizes no longer meet at {failing}",
        "输入 {odd} 而不是 {shape}：尺寸在 {failing} 处对不上了",
    ),
    "mistake.odd_size.why": (
        "Pooling halves a size and rounds down, {layer} doubles it: {before} → {after}, one short of the odd size. "
        "{failing} joins it with the skip tensor, which kept the odd size: {received}. Give the input sizes that "
        "every pooling level divides (a multiple of 2 per level), or crop or pad one side (Cropping2D, "
        "ZeroPadding2D).",
        "池化把尺寸减半并向下取整，{layer} 再把它加倍：{before} → {after}，比奇数尺寸少 1。"
        "{failing} 把它和跳跃连接的张量拼接，而后者保留了奇数尺寸：{received}。让输入尺寸能被每一级池化整除"
        "（每一级一个因子 2），或者裁掉或补上一边（Cropping2D、ZeroPadding2D）。",
    ),
    "mistake.odd_size.code.input": ("← was {shape}", "← 原来是 {shape}"),
    "mistake.odd_size.code.receives": ("receives {received}", "收到 {received}"),
}
