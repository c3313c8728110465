"""The words of the convolutions (Conv1D/2D/3D, Conv1D/2D/3DTranspose, DepthwiseConv2D, SeparableConv1D/2D): axis meanings and fixes (kinds.py), X-rays and
common mistakes (xray.py), each key with its English and its Chinese side by side. Placeholders use
str.format names; numbers are formatted by the caller.
"""

WORDS: dict[str, tuple[str, str]] = {
    # axes legend
    "axis.filters": ("filters of {layer} (one output channel per filter)", "{layer} 的卷积核个数(每个卷积核输出一个通道)"),
    "axis.conv_length": ("length after the convolution {layer}", "卷积 {layer} 之后的长度"),
    "axis.conv_height": ("height after the convolution {layer}", "卷积 {layer} 之后的高"),
    "axis.conv_width": ("width after the convolution {layer}", "卷积 {layer} 之后的宽"),
    "axis.conv_depth": ("depth (or frames) after the convolution {layer}", "卷积 {layer} 之后的深度(或帧数)"),
    "axis.conv_transpose_length": ("length after the transposed convolution {layer}", "转置卷积 {layer} 之后的长度"),
    "axis.conv_transpose_height": ("height after the transposed convolution {layer}", "转置卷积 {layer} 之后的高"),
    "axis.conv_transpose_width": ("width after the transposed convolution {layer}", "转置卷积 {layer} 之后的宽"),
    "axis.conv_transpose_depth": ("depth after the transposed convolution {layer}", "转置卷积 {layer} 之后的深度"),
    "axis.depthwise_channels": (
        "channels of {layer}: each input channel times depth_multiplier",
        "{layer} 的通道:每个输入通道乘以 depth_multiplier",
    ),
    "fix.conv_add_channel": (
        "add a channel axis before {layer} with `{code}` (a grey image or a single signal has 1 channel): {layer} "
        "wants {rank} spatial axes and then a channel axis, and {shape} has no channel axis.",
        "在 {layer} 之前用 `{code}` 加上通道轴(灰度图或单个信号只有 1 个通道):{layer} 需要 {rank} 个空间轴再加一个通道轴,"
        "而 {shape} 没有通道轴。",
    ),
    "fix.conv_use_1d": (
        "use {sibling}, its 1-D version, which slides its kernel along time: `{code}`. {shape} is a sequence "
        "(batch, time, features), and {layer} wants (batch, height, width, channels).",
        "改用它的一维版本 {sibling},沿时间滑动卷积核:`{code}`。{shape} 是一个序列 (批, 时间, 特征),"
        "而 {layer} 需要 (批, 高, 宽, 通道)。",
    ),
    "fix.conv_transpose_output_padding": (
        "drop output_padding, `{code}`, or keep it below strides: {layer} has strides={strides} and "
        "output_padding={output_padding}, and output_padding only adds up to strides − 1 positions at the end.",
        "去掉 output_padding:`{code}`,或让它小于 strides:{layer} 的 strides={strides},output_padding={output_padding},"
        "而 output_padding 最多只能在末尾补 strides − 1 个位置。",
    ),
    "fix.conv_transpose_dilation": (
        "drop dilation_rate, `{code}`: TensorFlow's CPU transposed convolution does not support dilation_rate > 1, "
        "so {layer} could be described but never run here.",
        "去掉 dilation_rate:`{code}`:TensorFlow 在 CPU 上的转置卷积不支持 dilation_rate > 1,"
        "所以 {layer} 在这里可以描述形状,却无法运行。",
    ),
    "fix.conv_transpose_same_even": (
        "drop output_padding, `{code}` (the output is then the input times strides), or set it to 1: with "
        "padding=\"same\" and an even kernel, output_padding=0 asks {layer} for one position fewer than TensorFlow "
        "can make from {shape}.",
        "去掉 output_padding:`{code}`(输出就是输入乘以 strides),或把它设为 1:padding=\"same\" 且卷积核为偶数时,"
        "output_padding=0 要求 {layer} 输出的位置比 TensorFlow 能从 {shape} 算出的少一个。",
    ),
    # convolutions
    "fix.conv2d_add_channel": (
        "add the channel axis of 1 before {layer} with `{code}` (1 channel: a grey image). If the axes are "
        "time and features, use Conv1D instead.",
        "在 {layer} 之前用 `{code}` 加上大小为 1 的通道轴（1 个通道：灰度图）。如果这些轴是时间和特征，请改用 Conv1D。",
    ),
    "fix.conv2d_use_conv1d": (
        "use a Conv1D, which slides its kernel along time: `{code}`. {shape} is a sequence (batch, time, "
        "features), and Conv2D wants (batch, height, width, channels).",
        "改用沿时间滑动卷积核的 Conv1D:`{code}`。{shape} 是一个序列 (批, 时间, 特征),而 Conv2D 需要 (批, 高, 宽, 通道)。",
    ),
    "fix.conv1d_add_channel": (
        "add the channel axis of 1 before {layer} with `{code}`, so each value is one step with 1 channel.",
        "在 {layer} 之前用 `{code}` 加上大小为 1 的通道轴，让每个值成为只有 1 个通道的一步。",
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
        "dilation_rate, or fewer poolings before it (axis {axis}: {size}, the kernel: {span}).",
        "让 {layer} 自己填充输入：`{code}`，长度保持不变；或者减小 kernel_size 或 dilation_rate，或者在它之前少用几个池化层"
        "（轴 {axis}：{size}，卷积核：{span}）。",
    ),
    "mistake.missing_channel.title": (
        "The input written {shape}, without its channel axis, before {cls}",
        "输入写成 {shape}，少了通道轴，后面接的是 {cls}",
    ),
    "mistake.missing_channel.why": (
        "{cls} reads {wants}, channels last, and {shape} has no channel axis: a grey image or a single signal "
        "still has one, of size 1.",
        "{cls} 读取的是 {wants}，通道在最后；而 {shape} 没有通道轴：灰度图或单路信号也有通道轴，大小为 1。",
    ),
    "mistake.missing_channel.code.was": ("← you had {right}", "← 你原来写的是 {right}"),
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
    # Conv3D
    "xray.conv3d.summary": (
        "{layer} slides {K} filters, each a kernel slice of {taps} positions (depth × height × width) × {Cg} "
        "channels, over x {named} = {shape}. Unfold every window into one row of {patch} numbers (im2col), and the "
        "whole layer is one matrix product with the kernel {kernel} reshaped to ({patch}, {K}), plus the bias, "
        "through {act}: out {out_named} = {out}.",
        "{layer} 把 {K} 个过滤器滑过 x {named} = {shape},每个过滤器的 kernel 切片是 {taps} 个位置(深 × 高 × 宽)× {Cg} 个通道。"
        "把每个窗口展开成一行 {patch} 个数(im2col),整层就是一次矩阵乘法:乘以 reshape 成 ({patch}, {K}) 的 kernel "
        "{kernel},加上偏置,再经过 {act}:输出 {out_named} = {out}。",
    ),
    "xray.conv3d.padding": (
        "padding=\"{padding}\": depth {axis} = {size} gets {before} + {after} zeros, height {axis2} = {size2} gets "
        "{before2} + {after2}, width {axis3} = {size3} gets {before3} + {after3} (before + after). Kernel "
        "{k}×{k2}×{k3}, strides {s}×{s2}×{s3}, dilation {d}×{d2}×{d3}: a window spans {span}×{span2}×{span3} "
        "positions, so the output has {len}×{len2}×{len3} positions.",
        "padding=\"{padding}\":深 {axis} = {size} 补 {before} + {after} 个零,高 {axis2} = {size2} 补 {before2} + {after2} 个,"
        "宽 {axis3} = {size3} 补 {before3} + {after3} 个(前 + 后)。kernel {k}×{k2}×{k3}、步长 {s}×{s2}×{s3}、膨胀 "
        "{d}×{d2}×{d3}:一个窗口跨 {span}×{span2}×{span3} 个位置,所以输出有 {len}×{len2}×{len3} 个位置。",
    ),
    "xray.conv3d.by_hand": (
        "Follow out{index}: the {count} products of the 3-D window and the kernel slice add up to {total}; + bias "
        "{bias} = {z}; {act} gives {value}. The layer says {layer_value}.",
        "跟踪 out{index}:三维窗口与 kernel 切片的 {count} 个乘积之和为 {total};+ 偏置 {bias} = {z};经过 {act} 得到 {value}。"
        "该层给出 {layer_value}。",
    ),
    "xray.conv3d.grid_window": (
        "channel {channel} of the window of sample {b} that out{index} reads, at input depth {depth} (rows: input "
        "rows, columns: input columns; padding is 0)",
        "样本 {b} 中 out{index} 读取的窗口,在输入深度 {depth} 处的通道 {channel}(行:输入行,列:输入列;填充为 0)",
    ),
    "xray.conv3d.grid_kernel": (
        "filter {f} on channel {channel}, at the kernel's depth tap that reads input depth {depth}",
        "过滤器 {f} 在通道 {channel} 上、读取输入深度 {depth} 的那一层 kernel",
    ),
    "xray.conv3d.grid_products": (
        "window × kernel on that plane: these products add up to its cell in the next grid",
        "这一层上的窗口 × kernel:这些乘积之和就是下一个网格中对应的格子",
    ),
    "xray.conv3d.grid_channels": (
        "each plane's sum of products (rows: input depth, columns: channels): together + bias, out{index} before "
        "the activation",
        "每一层的乘积之和(行:输入深度,列:通道):全部相加 + 偏置,就是激活前的 out{index}",
    ),
    "xray.conv3d.grid_output": (
        "the layer's output for sample {b}, filter {f}, at the depth of out{index}",
        "该层对样本 {b}、过滤器 {f} 在 out{index} 所在深度的输出",
    ),
    # DepthwiseConv2D
    "xray.depthwise2d.summary": (
        "{layer} gives each of the {C} channels of x {named} = {shape} its own {m} kernel(s) of {taps} positions, "
        "kernel {kernel}: channels are never mixed. It is a Conv2D with groups = {C}: unfold every window, multiply "
        "each channel's {taps} numbers by its kernels, add the bias, through {act}: out {out_named} = {out}, "
        "{K} = {C} × {m} channels.",
        "{layer} 给 x {named} = {shape} 的 {C} 个通道各自 {m} 个、每个 {taps} 个位置的卷积核,kernel {kernel}:通道之间从不混合。"
        "它相当于 groups = {C} 的 Conv2D:展开每个窗口,每个通道的 {taps} 个数乘以它自己的卷积核,加上偏置,再经过 {act}:"
        "输出 {out_named} = {out},共 {K} = {C} × {m} 个通道。",
    ),
    "xray.depthwise2d.check": (
        "each channel's windows @ its own kernels + bias → activation, against the layer's output ({n} of {B} "
        "samples)",
        "每个通道的窗口 @ 它自己的卷积核 + 偏置 → 激活函数,与该层输出比较({B} 个样本中的前 {n} 个)",
    ),
    "xray.depthwise2d.channel": (
        "Output channel {f} reads only input channel {group}: each of the {groups} input channels has its own {per} "
        "kernel(s) (depth_multiplier), and output channel {f} is kernel {f} mod {per} of them.",
        "输出通道 {f} 只读取输入通道 {group}:{groups} 个输入通道各有自己的 {per} 个卷积核(depth_multiplier),"
        "输出通道 {f} 用的是其中第 {f} mod {per} 个。",
    ),
    "xray.depthwise2d.grid_kernel": (
        "kernel[:, :, {channel}, {q}]: the kernel of channel {channel} that gives output channel {f}",
        "kernel[:, :, {channel}, {q}]:通道 {channel} 给出输出通道 {f} 的那个卷积核",
    ),
    "xray.depthwise2d.code.channels": (
        "channel c times its own {kg} kernel(s): {groups} channels, never mixed",
        "通道 c 乘以它自己的 {kg} 个卷积核:{groups} 个通道互不混合",
    ),
    # SeparableConv1D, SeparableConv2D
    "xray.separable.summary": (
        "{layer} works in two steps on x {named} = {shape}. Depthwise: each of the {C} channels gets its own {m} "
        "kernel(s) of {taps} positions (depthwise_kernel {kernel}), giving {cm} numbers per position and no "
        "mixing. Pointwise: at each position those {cm} numbers times pointwise_kernel {pointwise} mix into {K} "
        "filters, + bias, through {act}: out {out_named} = {out}.",
        "{layer} 对 x {named} = {shape} 分两步计算。逐通道(depthwise):{C} 个通道各自有 {m} 个 {taps} 个位置的卷积核"
        "(depthwise_kernel {kernel}),每个位置得到 {cm} 个数,通道之间不混合。逐点(pointwise):在每个位置把这 {cm} 个数"
        "乘以 pointwise_kernel {pointwise},混合成 {K} 个过滤器,加上偏置,再经过 {act}:输出 {out_named} = {out}。",
    ),
    "xray.separable.check": (
        "depthwise windows, then @ pointwise kernel + bias → activation, against the layer's output ({n} of {B} "
        "samples)",
        "先逐通道卷积窗口,再 @ pointwise kernel + 偏置 → 激活函数,与该层输出比较({B} 个样本中的前 {n} 个)",
    ),
    "xray.separable.by_hand": (
        "Follow out{index}: the {cm} depthwise outputs at this position times column {f} of the pointwise kernel "
        "add up to {total}; + bias {bias} = {z}; {act} gives {value}. The layer says {layer_value}. The largest "
        "share comes from depthwise output {j} = {depthwise}: channel {channel}'s window times its kernel {q}.",
        "跟踪 out{index}:这个位置的 {cm} 个逐通道输出乘以 pointwise kernel 的第 {f} 列,和为 {total};+ 偏置 {bias} = {z};"
        "经过 {act} 得到 {value}。该层给出 {layer_value}。贡献最大的是逐通道输出 {j} = {depthwise}:通道 {channel} "
        "的窗口乘以它的第 {q} 个卷积核。",
    ),
    "xray.separable.grid_window": (
        "channel {channel} of the window of sample {b} that out{index} reads (input positions; padding is 0)",
        "样本 {b} 中 out{index} 读取的窗口的通道 {channel}(输入位置;填充为 0)",
    ),
    "xray.separable.grid_kernel": (
        "depthwise_kernel[..., {channel}, {q}]: kernel {q} of channel {channel}",
        "depthwise_kernel[..., {channel}, {q}]:通道 {channel} 的第 {q} 个卷积核",
    ),
    "xray.separable.grid_products": (
        "window × kernel: these products add up to depthwise output {j}",
        "窗口 × 卷积核:这些乘积之和就是逐通道输出 {j}",
    ),
    "xray.separable.grid_pointwise": (
        "pointwise step at out{index}: the depthwise outputs d, column {f} of the pointwise kernel w, and d × w, "
        "whose sum + bias is out{index} before the activation",
        "out{index} 处的逐点步骤:逐通道输出 d、pointwise kernel 的第 {f} 列 w,以及 d × w,它们的和 + 偏置就是激活前的 out{index}",
    ),
    "xray.separable.code.depthwise": (
        "depthwise: each channel times its own kernels, (positions, C·m)",
        "逐通道:每个通道乘以自己的卷积核,(位置, C·m)",
    ),
    "xray.separable.code.pointwise": (
        "pointwise: a 1 × 1 convolution mixes the C·m numbers into the filters",
        "逐点:1 × 1 卷积把 C·m 个数混合成过滤器",
    ),
    # Conv1DTranspose, Conv2DTranspose, Conv3DTranspose
    "xray.conv_transpose.summary": (
        "{layer} runs a convolution backwards over x {named} = {shape}: every input position multiplies its {C} "
        "numbers by the kernel {kernel} and adds the result, a patch of {taps} positions × {K} filters, into the "
        "output, each patch {strides} positions after the previous one; then + bias, through {act}: out "
        "{out_named} = {out}.",
        "{layer} 把卷积反过来对 x {named} = {shape} 计算:每个输入位置把它的 {C} 个数乘以 kernel {kernel},"
        "把结果(一块 {taps} 个位置 × {K} 个过滤器)加到输出上,相邻两块相隔 {strides} 个位置;再加上偏置,经过 {act}:"
        "输出 {out_named} = {out}。",
    ),
    "xray.conv_transpose.check": (
        "every input position's patch added into the output, + bias → activation, against the layer's output ({n} "
        "of {B} samples)",
        "每个输入位置的块加到输出上,+ 偏置 → 激活函数,与该层输出比较({B} 个样本中的前 {n} 个)",
    ),
    "xray.conv_transpose.check_window": (
        "the followed number out{index}, from the input positions and kernel taps shown",
        "跟踪的数字 out{index},由图中的输入位置和 kernel 抽头算出",
    ),
    "xray.conv_transpose.axis": (
        "{axis} → {out_axis}: the {n} input positions, {s} apart, each spread a kernel spanning {span} "
        "(kernel {k}, dilation {d}), cover (n − 1)·s + span = ({n} − 1)·{s} + {span} = {full} positions. "
        "padding=\"{padding}\" cuts {before} at the start and {after} at the end, and {added} more are added at the "
        "end (output_padding, or the last gap when the stride is longer than the kernel): {len} output positions.",
        "{axis} → {out_axis}:{n} 个输入位置相隔 {s},每个铺开一个跨 {span} 个位置的卷积核(kernel {k}、膨胀 {d}),"
        "共覆盖 (n − 1)·s + span = ({n} − 1)·{s} + {span} = {full} 个位置。padding=\"{padding}\" 在开头去掉 {before} 个、"
        "末尾去掉 {after} 个,末尾再补 {added} 个(output_padding,或步长比卷积核长时的最后一段空隙):输出有 {len} 个位置。",
    ),
    "xray.conv_transpose.by_hand": (
        "Follow out{index}: {pairs} (input position, kernel tap) pair(s) reach it, those with output position + "
        "cut = input position × stride + tap; their {count} products add up to {total}; + bias {bias} = {z}; {act} "
        "gives {value}. The layer says {layer_value}.",
        "跟踪 out{index}:有 {pairs} 对(输入位置, kernel 抽头)到达这里,即满足 输出位置 + 去掉的位置数 = 输入位置 × 步长 + 抽头 "
        "的那些;它们的 {count} 个乘积之和为 {total};+ 偏置 {bias} = {z};经过 {act} 得到 {value}。该层给出 {layer_value}。",
    ),
    "xray.conv_transpose.bias_only": (
        "No input position reaches out{index}: the strides leave it between two patches (or output_padding added "
        "it), so it is the bias alone, through the activation.",
        "没有任何输入位置到达 out{index}:步长让它落在两块之间(或者它是 output_padding 补上的),所以它只是偏置再经过激活函数。",
    ),
    "xray.conv_transpose.grid_inputs": (
        "the inputs that reach out{index} in sample {b} (rows: input position · kernel tap, columns: channels)",
        "样本 {b} 中到达 out{index} 的输入(行:输入位置 · kernel 抽头,列:通道)",
    ),
    "xray.conv_transpose.grid_kernel": (
        "kernel[tap, {f}, :]: each row's tap, filter {f}, every input channel",
        "kernel[抽头, {f}, :]:每行的抽头、过滤器 {f}、每个输入通道",
    ),
    "xray.conv_transpose.grid_products": (
        "input × kernel: these products add up to out{index} before the bias",
        "输入 × kernel:这些乘积之和就是加偏置前的 out{index}",
    ),
    "xray.conv_transpose.grid_pairs": (
        "each pair's sum over the channels: together + bias, out{index} before the activation",
        "每一对在所有通道上的和:全部相加 + 偏置,就是激活前的 out{index}",
    ),
    "xray.conv_transpose.grid_output": (
        "the layer's output for sample {b}, filter {f}, around out{index}",
        "该层对样本 {b}、过滤器 {f} 的输出,out{index} 附近",
    ),
    "xray.conv_transpose.code.canvas": (
        "the full spread: every patch fits, before the cut",
        "完整铺开的画布:裁剪之前每一块都放得下",
    ),
    "xray.conv_transpose.code.taps": (
        "each kernel tap adds every input position's patch at i·s + tap",
        "每个 kernel 抽头把每个输入位置的块加到 i·s + 抽头 处",
    ),
    "xray.conv.heat_input_1d": (
        "The input x[{b}]: the window out{index} reads outlined (its steps, the channels of its group)",
        "输入 x[{b}]：框出 out{index} 读取的窗口（它的各步和它所在组的通道）",
    ),
    "xray.conv.heat_kernel_1d": ("The kernel of filter {f} (taps × channels)", "滤波器 {f} 的 kernel（抽头 × 通道）"),
    "xray.conv.heat_output_1d": ("The output out[{b}]: out{index} outlined", "输出 out[{b}]：框出 out{index}"),
    "xray.conv.heat_input": (
        "The input x[{b}], channel {channel} (the one that adds most to the sum): the window out{index} reads outlined",
        "输入 x[{b}] 的通道 {channel}（对总和贡献最大的通道）：框出 out{index} 读取的窗口",
    ),
    "xray.conv.heat_kernel": ("The kernel of filter {f}, channel {channel}", "滤波器 {f} 在通道 {channel} 上的 kernel"),
    "xray.conv.heat_output": ("The output of filter {f} for sample {b}: out{index} outlined",
                              "样本 {b} 上滤波器 {f} 的输出：框出 out{index}"),
    "xray.separable.heat_input": (
        "The input x[{b}], channel {channel} (the depthwise output that adds most): the window out{index} reads "
        "outlined",
        "输入 x[{b}] 的通道 {channel}（贡献最大的逐通道输出所在的通道）：框出 out{index} 读取的窗口",
    ),
    "xray.separable.heat_kernel": ("The depthwise kernel of channel {channel}, multiplier {q}",
                                   "通道 {channel} 的逐通道 kernel，倍数 {q}"),
}
