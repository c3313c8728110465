"""The words of the poolings (windowed and global): axis meanings and fixes (kinds.py), X-rays and
common mistakes (xray.py), each key with its English and its Chinese side by side. Placeholders use
str.format names; numbers are formatted by the caller.
"""

WORDS: dict[str, tuple[str, str]] = {
    "axis.pool_length": ("length after the pooling {layer}", "池化 {layer} 之后的长度"),
    "axis.pool_depth": ("depth after the pooling {layer}", "池化 {layer} 之后的深度"),
    "axis.pool_height": ("height after the pooling {layer}", "池化 {layer} 之后的高"),
    "axis.pool_width": ("width after the pooling {layer}", "池化 {layer} 之后的宽"),
    "axis.kept": ("a pooled axis kept with size 1 (keepdims=True)", "被池化但以大小 1 保留的轴(keepdims=True)"),
    # pooling
    "fix.pool_size_required": (
        "give {layer} a pool_size, for example `{code}`: AveragePooling has no default window in Keras 3.",
        "给 {layer} 指定 pool_size,例如 `{code}`:Keras 3 中 AveragePooling 没有默认窗口。",
    ),
    "fix.pool_add_channel": (
        "add a channel axis with `{code}`: {layer} pools along the axes between the batch and the channels, "
        "and {shape} has no channel axis.",
        "用 `{code}` 加上通道轴:{layer} 沿批轴与通道轴之间的轴做池化,而 {shape} 没有通道轴。",
    ),
    "fix.pool2d_use_1d": (
        "pool along time with `{code}`: {shape} is a sequence (batch, time, features).",
        "用 `{code}` 沿时间池化:{shape} 是一个序列 (批, 时间, 特征)。",
    ),
    "fix.pool1d_use_2d": (
        "pool along height and width with `{code}`: {shape} is an image (batch, height, width, channels).",
        "用 `{code}` 沿高和宽池化:{shape} 是一幅图像 (批, 高, 宽, 通道)。",
    ),
    "fix.pool3d_use_2d": (
        "pool along height and width with `{code}`: {shape} is an image (batch, height, width, channels), and 3-D "
        "pooling wants a volume (batch, depth, height, width, channels).",
        "用 `{code}` 沿高和宽池化:{shape} 是一幅图像 (批, 高, 宽, 通道),而 3-D 池化要的是一个体数据 "
        "(批, 深, 高, 宽, 通道)。",
    ),
    "fix.pool_use_3d": (
        "pool along depth, height and width with `{code}`: {shape} is a volume (batch, depth, height, width, "
        "channels).",
        "用 `{code}` 沿深、高和宽池化:{shape} 是一个体数据 (批, 深, 高, 宽, 通道)。",
    ),
    "fix.pool_too_short": (
        "use `{code}`, a smaller pool_size, or fewer poolings before it (axis {axis}: {size}, the window: "
        "{pool}).",
        "改用 `{code}`、更小的 pool_size，或者在它之前少用几个池化层（轴 {axis}：{size}，窗口：{pool}）。",
    ),
    "fix.global_pool_flat": (
        "remove {layer}, or pool before the layer that removed the time (or height and width) axes: {shape} "
        "has no axis left to pool, each example is already one vector.",
        "删去 {layer},或者在去掉时间轴(或高和宽)的那一层之前做池化:{shape} 已经没有可以池化的轴,每个样本已经是一个向量。",
    ),
    "fix.global_pool_use_other": (
        "use `{code}`: {shape} has a different number of axes.",
        "改用 `{code}`:{shape} 的轴数不同。",
    ),
    # pooling (every kind)
    "xray.pooling.summary_max": (
        "{layer} ({cls}) takes windows of {pool} positions with strides {strides} over x {named} = {shape} and "
        "keeps the largest value of each window, channel by channel ({C} channels): out {out_named} = {out}. "
        "No weights.",
        "{layer}（{cls}）在 x {named} = {shape} 上取大小为 {pool}、步长为 {strides} 的窗口，"
        "逐通道（{C} 个通道）保留每个窗口的最大值：输出 {out_named} = {out}。没有权重。",
    ),
    "xray.pooling.summary_avg": (
        "{layer} ({cls}) takes windows of {pool} positions with strides {strides} over x {named} = {shape} and "
        "keeps the mean of each window, channel by channel ({C} channels): out {out_named} = {out}. No weights.",
        "{layer}（{cls}）在 x {named} = {shape} 上取大小为 {pool}、步长为 {strides} 的窗口，"
        "逐通道（{C} 个通道）保留每个窗口的平均值：输出 {out_named} = {out}。没有权重。",
    ),
    "xray.pooling.summary_global_max": (
        "{layer} ({cls}) keeps the largest value over every position ({axes}) of each of the {C} channels of "
        "x {named} = {shape}; keepdims={keepdims}: out {out_named} = {out}. No weights.",
        "{layer}（{cls}）对 x {named} = {shape} 的 {C} 个通道，各取所有位置（{axes}）上的最大值；"
        "keepdims={keepdims}：输出 {out_named} = {out}。没有权重。",
    ),
    "xray.pooling.summary_global_avg": (
        "{layer} ({cls}) keeps the mean over every position ({axes}) of each of the {C} channels of "
        "x {named} = {shape}; keepdims={keepdims}: out {out_named} = {out}. No weights.",
        "{layer}（{cls}）对 x {named} = {shape} 的 {C} 个通道，各取所有位置（{axes}）上的平均值；"
        "keepdims={keepdims}：输出 {out_named} = {out}。没有权重。",
    ),
    "xray.pooling.check_max": (
        "the max of every window (padding ignored), against the layer's output "
        "({n} of {B} samples)",
        "每个窗口的最大值（忽略填充），与该层输出比较（{B} 个样本中的前 {n} 个）",
    ),
    "xray.pooling.check_avg": (
        "the mean of the real values of every window (padding not counted), against the "
        "layer's output ({n} of {B} samples)",
        "每个窗口中真实值的平均（不计填充），与该层输出比较（{B} 个样本中的前 {n} 个）",
    ),
    "xray.pooling.check_global_max": (
        "x.max over the pooled axes, against the layer's output ({n} of {B} samples)",
        "在池化的轴上取 x.max，与该层输出比较（{B} 个样本中的前 {n} 个）",
    ),
    "xray.pooling.check_global_avg": (
        "x.mean over the pooled axes, against the layer's output ({n} of {B} samples)",
        "在池化的轴上取 x.mean，与该层输出比较（{B} 个样本中的前 {n} 个）",
    ),
    "xray.pooling.check_window": ("the followed number out{index}, from the window shown", "跟踪的数字 out{index}，由图中的窗口算出"),
    "xray.pooling.padding_1d": (
        "padding=\"{padding}\", pool_size {pool}, strides {strides}: zeros before + after = {pads}; "
        "output length {outs}. Padded positions (empty in the grid) are never taken.",
        "padding=\"{padding}\"、pool_size {pool}、步长 {strides}：前 + 后填充 = {pads}；输出长度 {outs}。"
        "填充的位置（网格中为空）从不被取用。",
    ),
    "xray.pooling.padding_2d": (
        "padding=\"{padding}\", pool_size {pool}, strides {strides}: padding (before + after) for height, width = "
        "{pads}; output {outs} positions. Padded positions (empty in the grid) are never taken.",
        "padding=\"{padding}\"、pool_size {pool}、步长 {strides}：高、宽的填充（前 + 后）= {pads}；"
        "输出 {outs} 个位置。填充的位置（网格中为空）从不被取用。",
    ),
    "xray.pooling.padding_3d": (
        "padding=\"{padding}\", pool_size {pool}, strides {strides}: padding (before + after) for depth, height, "
        "width = {pads}; output {outs} positions. Padded positions (empty in the grid) are never taken.",
        "padding=\"{padding}\"、pool_size {pool}、步长 {strides}：深、高、宽的填充（前 + 后）= {pads}；"
        "输出 {outs} 个位置。填充的位置（网格中为空）从不被取用。",
    ),
    "xray.pooling.value_max": (
        "Follow out{index}: channel {c} of its window has {taps} positions, {real} of them real; the largest is "
        "{value}, at input position {at}. The layer says {layer_value}.",
        "跟踪 out{index}：它的窗口在通道 {c} 上有 {taps} 个位置，其中 {real} 个是真实值；最大的是 {value}，"
        "位于输入位置 {at}。该层给出 {layer_value}。",
    ),
    "xray.pooling.value_avg": (
        "Follow out{index}: channel {c} of its window has {taps} positions, {real} of them real; their mean is "
        "{value} (divided by {real}, not {taps}). The layer says {layer_value}.",
        "跟踪 out{index}：它的窗口在通道 {c} 上有 {taps} 个位置，其中 {real} 个是真实值；它们的平均是 {value}"
        "（除以 {real}，而不是 {taps}）。该层给出 {layer_value}。",
    ),
    "xray.pooling.same_average": (
        "With padding=\"same\", Keras averages only the real values of an edge window. Counting the padded zeros "
        "(dividing by the whole window) would change edge outputs by up to {diff}.",
        "padding=\"same\" 时，Keras 对边缘窗口只平均真实值。若把填充的零也算进去（除以整个窗口），"
        "边缘输出最多会差 {diff}。",
    ),
    "xray.pooling.global_value_max": (
        "Follow out{index}: the largest of the {count} values of channel {c} is {value}, at position {at}. "
        "The layer says {layer_value}.",
        "跟踪 out{index}：通道 {c} 的 {count} 个值中最大的是 {value}，位于位置 {at}。该层给出 {layer_value}。",
    ),
    "xray.pooling.global_value_avg": (
        "Follow out{index}: the mean of the {count} values of channel {c} is {value}. The layer says {layer_value}.",
        "跟踪 out{index}：通道 {c} 的 {count} 个值的平均是 {value}。该层给出 {layer_value}。",
    ),
    "xray.pooling.grid_window": (
        "the window of sample {b} that out{index} reads (rows: input positions, columns: channels; "
        "channel {c} is followed)",
        "样本 {b} 中 out{index} 读取的窗口（行：输入位置，列：通道；跟踪通道 {c}）",
    ),
    "xray.pooling.grid_window_2d": (
        "channel {c} of the window of sample {b} that out{index} reads (rows: input rows, columns: input columns)",
        "样本 {b} 中 out{index} 读取的窗口的通道 {c}（行：输入行，列：输入列）",
    ),
    "xray.pooling.grid_window_3d": (
        "channel {c} of the window of sample {b} that out{index} reads (rows: input depth,row; columns: input "
        "columns)",
        "样本 {b} 中 out{index} 读取的窗口的通道 {c}（行：输入的 深,行；列：输入列）",
    ),
    "xray.pooling.grid_global_input_3d": (
        "the input of sample {b}, channel {c} (rows: depth,row; columns: column): every position is pooled",
        "样本 {b} 的输入，通道 {c}（行：深,行；列：列）：每个位置都参与池化",
    ),
    "xray.pooling.grid_global_input": (
        "the input of sample {b}, channel {c}: every position is pooled",
        "样本 {b} 的输入，通道 {c}：每个位置都参与池化",
    ),
    "xray.pooling.heat_window_max": ("The input {where}: the window whose largest number is out{index}, outlined",
                                     "输入 {where}：框出最大数即 out{index} 的窗口"),
    "xray.pooling.heat_window_avg": ("The input {where}: the window whose mean is out{index}, outlined",
                                     "输入 {where}：框出平均值即 out{index} 的窗口"),
    "xray.pooling.heat_global_max": ("The input {where}: its largest number, out{index}, outlined",
                                     "输入 {where}：框出其中最大的数，即 out{index}"),
    "xray.pooling.heat_global_avg": ("The input {where}: the numbers out{index} is the mean of, outlined",
                                     "输入 {where}：框出 out{index} 取平均的数"),
    "xray.pooling.grid_output": ("the layer's output around out{index}", "该层的输出，out{index} 附近"),
    "xray.pooling.samples": (
        "Recomputed on the first {n} of the {B} samples, to bound the memory the windows take.",
        "只在 {B} 个样本中的前 {n} 个上重算，以限制窗口占用的内存。",
    ),
    "xray.pooling.code.pad": ("{shape} → {padded}; NaN: padding takes no part", "{shape} → {padded}；NaN：填充不参与计算"),
    "xray.pooling.channels_first": (
        "data_format=\"channels_first\": the explorer recomputes channels_last pooling only, so this X-ray is skipped.",
        "data_format=\"channels_first\"：本工具只重算 channels_last 的池化，因此跳过此 X 光。",
    ),
    "mistake.too_many_pools.title": (
        "{count} more {cls} after {layer}: one pooling too many for the image",
        "在 {layer} 之后再加 {count} 个 {cls}：对这幅图像来说池化多了一层",
    ),
    "mistake.too_many_pools.why": (
        "Each {cls} with pool_size {pool} shrinks the map, rounding down ({chain}), and at {last} the next one "
        "has no whole window left.",
        "每个 pool_size 为 {pool} 的 {cls} 都把特征图缩小并向下取整（{chain}），到 {last} 时下一个池化已放不下一个完整的窗口。",
    ),
    "mistake.too_many_pools.code.nothing": ("{size} → nothing", "{size} → 什么也不剩"),
}
