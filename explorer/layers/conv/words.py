"""The words of the convolutions (Conv1D, Conv2D): axis meanings and fixes (kinds.py), X-rays and
common mistakes (xray.py), each key with its English and its Chinese side by side. Placeholders use
str.format names; numbers are formatted by the caller.
"""

WORDS: dict[str, tuple[str, str]] = {
    # axes legend
    "axis.filters": ("filters of {layer} (one output channel per filter)", "{layer} 的卷积核个数(每个卷积核输出一个通道)"),
    "axis.conv_length": ("length after the convolution {layer}", "卷积 {layer} 之后的长度"),
    "axis.conv_height": ("height after the convolution {layer}", "卷积 {layer} 之后的高"),
    "axis.conv_width": ("width after the convolution {layer}", "卷积 {layer} 之后的宽"),
    # convolutions
    "fix.conv2d_add_channel": (
        "add a channel axis before {layer} with `{code}` (a grey image has 1 channel): Conv2D wants "
        "(batch, height, width, channels) and {shape} has no channel axis. If the axes are time and "
        "features, use Conv1D instead.",
        "在 {layer} 之前用 `{code}` 加上通道轴(灰度图只有 1 个通道):Conv2D 需要 (批, 高, 宽, 通道),"
        "而 {shape} 没有通道轴。如果这些轴是时间和特征,请改用 Conv1D。",
    ),
    "fix.conv2d_use_conv1d": (
        "use a Conv1D, which slides its kernel along time: `{code}`. {shape} is a sequence (batch, time, "
        "features), and Conv2D wants (batch, height, width, channels).",
        "改用沿时间滑动卷积核的 Conv1D:`{code}`。{shape} 是一个序列 (批, 时间, 特征),而 Conv2D 需要 (批, 高, 宽, 通道)。",
    ),
    "fix.conv1d_add_channel": (
        "add a channel axis before {layer} with `{code}`, so each feature becomes one step with 1 channel: "
        "Conv1D wants (batch, length, channels) and {shape} has one vector per example.",
        "在 {layer} 之前用 `{code}` 加上通道轴,让每个特征成为只有 1 个通道的一步:Conv1D 需要 (批, 长度, 通道),"
        "而 {shape} 中每个样本只是一个向量。",
    ),
    "fix.conv1d_use_conv2d": (
        "use a Conv2D, which slides its kernel along height and width: `{code}`. {shape} is an image "
        "(batch, height, width, channels).",
        "改用沿高和宽滑动卷积核的 Conv2D:`{code}`。{shape} 是一幅图像 (批, 高, 宽, 通道)。",
    ),
    "fix.conv_stride_dilation": (
        "keep only one of strides > 1 and dilation_rate > 1 in {layer}, for example `{code}`: Keras cannot "
        "combine them.",
        "{layer} 中 strides > 1 与 dilation_rate > 1 只保留一个,例如 `{code}`:Keras 不允许两者同时使用。",
    ),
    "fix.conv_unknown_channels": (
        "give the last axis of {shape} a fixed size in the input's shape: the kernel of {layer} needs the "
        "number of input channels.",
        "在输入的形状里给 {shape} 的最后一个轴一个确定的大小:{layer} 的卷积核需要知道输入的通道数。",
    ),
    "fix.conv_groups": (
        "pick groups that divide {channels} (groups=1 always works): groups={groups} splits the {channels} "
        "input channels of {layer} into equal groups, so the channels must be a multiple of {groups}.",
        "选一个能整除 {channels} 的 groups(groups=1 总是可以):groups={groups} 把 {layer} 的 {channels} "
        "个输入通道平均分组,所以通道数必须是 {groups} 的倍数。",
    ),
    "fix.conv_too_short": (
        "let {layer} pad its input, `{code}`, which keeps the length; or use a smaller kernel_size or "
        "dilation_rate, or give the input more steps. The kernel of {layer} spans {span} positions but axis {axis} has only "
        "{size}; with padding=\"valid\" the kernel must fit inside the input, so there is no output position.",
        "让 {layer} 自己填充输入:`{code}`,长度保持不变;或者减小 kernel_size 或 dilation_rate,或者让输入更长。{layer} 的卷积核"
        "跨越 {span} 个位置,但轴 {axis} 只有 {size} 个;padding=\"valid\" 时卷积核必须完整落在输入内,所以一个输出位置也没有。",
    ),
    "mistake.kernel_too_long.title": (
        "A kernel longer than the input: {arg}={size} on {axis} = {length}",
        "卷积核比输入还长：{axis} = {length} 上的 {arg}={size}",
    ),
    "mistake.kernel_too_long.why": (
        "With padding=\"valid\", {layer} puts its kernel only where the whole kernel fits inside the input. "
        "{axis} has {length} positions and the kernel needs {size}: no window fits, so there is no output "
        "position. Use a kernel of at most {length}, or padding=\"same\".",
        "padding=\"valid\" 时，{layer} 只把卷积核放在完全落在输入内部的位置。{axis} 只有 {length} 个位置，"
        "而卷积核需要 {size} 个：一个窗口也放不下，所以没有输出位置。请让卷积核不超过 {length}，"
        "或使用 padding=\"same\"。",
    ),
    "xray.conv1d.summary": (
        "{layer} slides {K} filters, each a kernel slice of {taps} positions × {Cg} channels, over x {named} = "
        "{shape}. Unfold every window into one row of {patch} numbers (im2col), and the whole layer is one matrix "
        "product with the kernel {kernel} reshaped to ({patch}, {K}), plus the bias, through {act}: out {out_named} = "
        "{out}.",
        "{layer} 把 {K} 个过滤器滑过 x {named} = {shape}，每个过滤器的 kernel 切片是 {taps} 个位置 × {Cg} 个通道。把每个窗口展开成一行 {patch} 个数（im2col）"
        "，整层就是一次矩阵乘法：乘以 reshape 成 ({patch}, {K}) 的 kernel {kernel}，加上偏置，再经过 {act}：输出 {out_named} = {out}。",
    ),
    "xray.conv1d.check": (
        "im2col patches @ kernel + bias → activation, against the layer's output ({n} of {B} samples)",
        "im2col 补丁 @ kernel + 偏置 → 激活函数，与该层输出比较（{B} 个样本中的前 {n} 个）",
    ),
    "xray.conv1d.check_window": (
        "the followed number out{index}, from the window and kernel slice shown",
        "跟踪的数字 out{index}，由图中的窗口和 kernel 切片算出",
    ),
    "xray.conv1d.by_hand": (
        "Follow out{index}: the {count} products of the window and the kernel slice add up to {total}; + bias {bias} = "
        "{z}; {act} gives {value}. The layer says {layer_value}.",
        "跟踪 out{index}：窗口与 kernel 切片的 {count} 个乘积之和为 {total}；+ 偏置 {bias} = {z}；经过 {act} 得到 {value}。该层给出 {layer_value}。",
    ),
    "xray.conv1d.groups": (
        "groups = {groups}: filter {f} is in group {group}, which sees only channels {first} … {last} (each group has "
        "its own {per} filters). The grids show those channels.",
        "groups = {groups}：过滤器 {f} 属于第 {group} 组，只看通道 {first} … {last}（每组有自己的 {per} 个过滤器）。网格只显示这些通道。",
    ),
    "xray.conv1d.samples": (
        "Recomputed on the first {n} of the {B} samples, to bound the memory the patches take.",
        "只在 {B} 个样本中的前 {n} 个上重算，以限制补丁矩阵占用的内存。",
    ),
    "xray.conv1d.activation_unknown": (
        "The activation {act} is not recomputed here, so the checks are skipped.",
        "这里不重算激活函数 {act}，因此跳过这些检查。",
    ),
    "xray.conv1d.channels_first": (
        "data_format=\"channels_first\": the explorer recomputes channels_last convolutions only, so this X-ray is "
        "skipped.",
        "data_format=\"channels_first\"：本工具只重算 channels_last 的卷积，因此跳过此 X 光。",
    ),
    "xray.conv1d.grid_window": (
        "the window of sample {b} that out{index} reads (rows: input steps, columns: channels; padding is 0)",
        "样本 {b} 中 out{index} 读取的窗口（行：输入的时间步，列：通道；填充为 0）",
    ),
    "xray.conv1d.grid_kernel": (
        "kernel slice of filter {f} (rows: taps, columns: channels)",
        "过滤器 {f} 的 kernel 切片（行：抽头，列：通道）",
    ),
    "xray.conv1d.grid_products": (
        "window × kernel slice: their sum + bias is out{index} before the activation",
        "窗口 × kernel 切片：它们的和 + 偏置就是激活前的 out{index}",
    ),
    "xray.conv1d.grid_output": ("the layer's output for sample {b}, around out{index}", "该层对样本 {b} 的输出，out{index} 附近"),
    "xray.conv1d.code.rows": ("(B·positions, taps·C)", "(B·位置, 抽头·C)"),
    "xray.conv1d.code.groups": (
        "groups={groups}: group g multiplies its {cg} channels by its {kg} filters",
        "groups={groups}：第 g 组用自己的 {kg} 个过滤器乘自己的 {cg} 个通道",
    ),
    "xray.conv1d.padding": (
        "padding=\"{padding}\": {before} zero step(s) before the {size} steps of {axis} and {after} after. Kernel {k}, "
        "stride {s}, dilation {d}: a window spans {span} steps, so ⌊({size} + {before} + {after} − {span}) / {s}⌋ + 1 "
        "= {len} output steps.",
        "padding=\"{padding}\"：在 {axis} 的 {size} 个时间步之前补 {before} 个零，之后补 {after} 个。kernel {k}、步长 {s}、膨胀 {d}：一个窗口跨 "
        "{span} 个时间步，所以输出有 ⌊({size} + {before} + {after} − {span}) / {s}⌋ + 1 = {len} 个时间步。",
    ),
    "xray.conv2d.summary": (
        "{layer} slides {K} filters, each a kernel slice of {taps} positions × {Cg} channels, over x {named} = "
        "{shape}. Unfold every window into one row of {patch} numbers (im2col), and the whole layer is one matrix "
        "product with the kernel {kernel} reshaped to ({patch}, {K}), plus the bias, through {act}: out {out_named} = "
        "{out}.",
        "{layer} 把 {K} 个过滤器滑过 x {named} = {shape}，每个过滤器的 kernel 切片是 {taps} 个位置 × {Cg} 个通道。把每个窗口展开成一行 {patch} 个数（im2col）"
        "，整层就是一次矩阵乘法：乘以 reshape 成 ({patch}, {K}) 的 kernel {kernel}，加上偏置，再经过 {act}：输出 {out_named} = {out}。",
    ),
    "xray.conv2d.check": (
        "im2col patches @ kernel + bias → activation, against the layer's output ({n} of {B} samples)",
        "im2col 补丁 @ kernel + 偏置 → 激活函数，与该层输出比较（{B} 个样本中的前 {n} 个）",
    ),
    "xray.conv2d.check_window": (
        "the followed number out{index}, from the window and kernel slice shown",
        "跟踪的数字 out{index}，由图中的窗口和 kernel 切片算出",
    ),
    "xray.conv2d.by_hand": (
        "Follow out{index}: the {count} products of the window and the kernel slice add up to {total}; + bias {bias} = "
        "{z}; {act} gives {value}. The layer says {layer_value}.",
        "跟踪 out{index}：窗口与 kernel 切片的 {count} 个乘积之和为 {total}；+ 偏置 {bias} = {z}；经过 {act} 得到 {value}。该层给出 {layer_value}。",
    ),
    "xray.conv2d.groups": (
        "groups = {groups}: filter {f} is in group {group}, which sees only channels {first} … {last} (each group has "
        "its own {per} filters). The grids show those channels.",
        "groups = {groups}：过滤器 {f} 属于第 {group} 组，只看通道 {first} … {last}（每组有自己的 {per} 个过滤器）。网格只显示这些通道。",
    ),
    "xray.conv2d.samples": (
        "Recomputed on the first {n} of the {B} samples, to bound the memory the patches take.",
        "只在 {B} 个样本中的前 {n} 个上重算，以限制补丁矩阵占用的内存。",
    ),
    "xray.conv2d.activation_unknown": (
        "The activation {act} is not recomputed here, so the checks are skipped.",
        "这里不重算激活函数 {act}，因此跳过这些检查。",
    ),
    "xray.conv2d.channels_first": (
        "data_format=\"channels_first\": the explorer recomputes channels_last convolutions only, so this X-ray is "
        "skipped.",
        "data_format=\"channels_first\"：本工具只重算 channels_last 的卷积，因此跳过此 X 光。",
    ),
    "xray.conv2d.grid_window": (
        "channel {channel} of the window of sample {b} that out{index} reads (rows: input rows, columns: input "
        "columns; padding is 0)",
        "样本 {b} 中 out{index} 读取的窗口的通道 {channel}（行：输入行，列：输入列；填充为 0）",
    ),
    "xray.conv2d.grid_kernel": (
        "kernel[:, :, {channel}, {f}]: filter {f} on channel {channel} (rows and columns: the kernel's)",
        "kernel[:, :, {channel}, {f}]：过滤器 {f} 在通道 {channel} 上（行和列：kernel 自己的）",
    ),
    "xray.conv2d.grid_products": (
        "window × kernel on channel {channel}: these products add up to that channel's sum",
        "通道 {channel} 上的窗口 × kernel：这些乘积之和就是该通道的和",
    ),
    "xray.conv2d.grid_channels": (
        "each channel's sum of products: together + bias, out{index} before the activation",
        "每个通道的乘积之和：全部相加 + 偏置，就是激活前的 out{index}",
    ),
    "xray.conv2d.grid_output": (
        "the layer's output for sample {b}, filter {f}, around out{index}",
        "该层对样本 {b}、过滤器 {f} 的输出，out{index} 附近",
    ),
    "xray.conv2d.code.rows": ("(B·positions, taps·C)", "(B·位置, 抽头·C)"),
    "xray.conv2d.code.groups": (
        "groups={groups}: group g multiplies its {cg} channels by its {kg} filters",
        "groups={groups}：第 g 组用自己的 {kg} 个过滤器乘自己的 {cg} 个通道",
    ),
    "xray.conv2d.padding": (
        "padding=\"{padding}\": height {axis} = {size} gets {before} row(s) of zeros on top and {after} below; width "
        "{axis2} = {size2} gets {before2} column(s) on the left and {after2} on the right. Kernel {k}×{k2}, strides "
        "{s}×{s2}, dilation {d}×{d2}: a window spans {span}×{span2} positions, so the output has {len}×{len2} "
        "positions.",
        "padding=\"{padding}\"：高 {axis} = {size}，上方补 {before} 行零、下方补 {after} 行；宽 {axis2} = {size2}，左边补 {before2} 列、右边补 "
        "{after2} 列。kernel {k}×{k2}、步长 {s}×{s2}、膨胀 {d}×{d2}：一个窗口跨 {span}×{span2} 个位置，所以输出有 {len}×{len2} 个位置。",
    ),
}
