"""Strings of the convolution and pooling kinds (explorer/kinds/conv.py, explorer/kinds/pooling.py):
what their new axes mean and the smallest fix when one cannot take its input. Fix texts follow
"Smallest fix: …" (action first, then why); {code} is the fix's corrected line."""

EN = {
    # axes legend
    "axis.filters": "filters of {layer} (one output channel per filter)",
    "axis.conv_length": "length after the convolution {layer}",
    "axis.conv_height": "height after the convolution {layer}",
    "axis.conv_width": "width after the convolution {layer}",
    "axis.pool_length": "length after the pooling {layer}",
    "axis.pool_height": "height after the pooling {layer}",
    "axis.pool_width": "width after the pooling {layer}",
    "axis.kept": "a pooled axis kept with size 1 (keepdims=True)",
    # convolutions
    "fix.conv2d_add_channel": (
        "add a channel axis before {layer} with `{code}` (a grey image has 1 channel): Conv2D wants "
        "(batch, height, width, channels) and {shape} has no channel axis. If the axes are time and "
        "features, use Conv1D instead."
    ),
    "fix.conv2d_use_conv1d": (
        "use a Conv1D, which slides its kernel along time: `{code}`. {shape} is a sequence (batch, time, "
        "features), and Conv2D wants (batch, height, width, channels)."
    ),
    "fix.conv1d_add_channel": (
        "add a channel axis before {layer} with `{code}`, so each feature becomes one step with 1 channel: "
        "Conv1D wants (batch, length, channels) and {shape} has one vector per example."
    ),
    "fix.conv1d_use_conv2d": (
        "use a Conv2D, which slides its kernel along height and width: `{code}`. {shape} is an image "
        "(batch, height, width, channels)."
    ),
    "fix.conv_stride_dilation": (
        "keep only one of strides > 1 and dilation_rate > 1 in {layer}, for example `{code}`: Keras cannot "
        "combine them."
    ),
    "fix.conv_unknown_channels": (
        "give the last axis of {shape} a fixed size in the input's shape: the kernel of {layer} needs the "
        "number of input channels."
    ),
    "fix.conv_groups": (
        "pick groups that divide {channels} (groups=1 always works): groups={groups} splits the {channels} "
        "input channels of {layer} into equal groups, so the channels must be a multiple of {groups}."
    ),
    "fix.conv_too_short": (
        "let {layer} pad its input, `{code}`, which keeps the length; or use a smaller kernel_size or "
        "dilation_rate, or give the input more steps. The kernel of {layer} spans {span} positions but axis {axis} has only "
        "{size}; with padding=\"valid\" the kernel must fit inside the input, so there is no output position."
    ),
    # pooling
    "fix.pool_size_required": (
        "give {layer} a pool_size, for example `{code}`: AveragePooling has no default window in Keras 3."
    ),
    "fix.pool_add_channel": (
        "add a channel axis with `{code}`: {layer} pools along the axes between the batch and the channels, "
        "and {shape} has no channel axis."
    ),
    "fix.pool2d_use_1d": "pool along time with `{code}`: {shape} is a sequence (batch, time, features).",
    "fix.pool1d_use_2d": "pool along height and width with `{code}`: {shape} is an image (batch, height, width, channels).",
    "fix.pool_too_short": (
        "use `{code}`, a smaller pool_size, or a longer input. The window of {layer} is {pool} positions "
        "long but axis {axis} has only {size}; with padding=\"valid\" no window fits."
    ),
    "fix.global_pool_flat": (
        "remove {layer}, or pool before the layer that removed the time (or height and width) axes: {shape} "
        "has no axis left to pool, each example is already one vector."
    ),
    "fix.global_pool_use_other": "use `{code}`: {shape} has a different number of axes.",
}

ZH = {
    "axis.filters": "{layer} 的卷积核个数(每个卷积核输出一个通道)",
    "axis.conv_length": "卷积 {layer} 之后的长度",
    "axis.conv_height": "卷积 {layer} 之后的高",
    "axis.conv_width": "卷积 {layer} 之后的宽",
    "axis.pool_length": "池化 {layer} 之后的长度",
    "axis.pool_height": "池化 {layer} 之后的高",
    "axis.pool_width": "池化 {layer} 之后的宽",
    "axis.kept": "被池化但以大小 1 保留的轴(keepdims=True)",
    "fix.conv2d_add_channel": (
        "在 {layer} 之前用 `{code}` 加上通道轴(灰度图只有 1 个通道):Conv2D 需要 (批, 高, 宽, 通道),"
        "而 {shape} 没有通道轴。如果这些轴是时间和特征,请改用 Conv1D。"
    ),
    "fix.conv2d_use_conv1d": (
        "改用沿时间滑动卷积核的 Conv1D:`{code}`。{shape} 是一个序列 (批, 时间, 特征),而 Conv2D 需要 (批, 高, 宽, 通道)。"
    ),
    "fix.conv1d_add_channel": (
        "在 {layer} 之前用 `{code}` 加上通道轴,让每个特征成为只有 1 个通道的一步:Conv1D 需要 (批, 长度, 通道),"
        "而 {shape} 中每个样本只是一个向量。"
    ),
    "fix.conv1d_use_conv2d": "改用沿高和宽滑动卷积核的 Conv2D:`{code}`。{shape} 是一幅图像 (批, 高, 宽, 通道)。",
    "fix.conv_stride_dilation": "{layer} 中 strides > 1 与 dilation_rate > 1 只保留一个,例如 `{code}`:Keras 不允许两者同时使用。",
    "fix.conv_unknown_channels": "在输入的形状里给 {shape} 的最后一个轴一个确定的大小:{layer} 的卷积核需要知道输入的通道数。",
    "fix.conv_groups": (
        "选一个能整除 {channels} 的 groups(groups=1 总是可以):groups={groups} 把 {layer} 的 {channels} "
        "个输入通道平均分组,所以通道数必须是 {groups} 的倍数。"
    ),
    "fix.conv_too_short": (
        "让 {layer} 自己填充输入:`{code}`,长度保持不变;或者减小 kernel_size 或 dilation_rate,或者让输入更长。{layer} 的卷积核"
        "跨越 {span} 个位置,但轴 {axis} 只有 {size} 个;padding=\"valid\" 时卷积核必须完整落在输入内,所以一个输出位置也没有。"
    ),
    "fix.pool_size_required": "给 {layer} 指定 pool_size,例如 `{code}`:Keras 3 中 AveragePooling 没有默认窗口。",
    "fix.pool_add_channel": "用 `{code}` 加上通道轴:{layer} 沿批轴与通道轴之间的轴做池化,而 {shape} 没有通道轴。",
    "fix.pool2d_use_1d": "用 `{code}` 沿时间池化:{shape} 是一个序列 (批, 时间, 特征)。",
    "fix.pool1d_use_2d": "用 `{code}` 沿高和宽池化:{shape} 是一幅图像 (批, 高, 宽, 通道)。",
    "fix.pool_too_short": (
        "改用 `{code}`、更小的 pool_size,或者更长的输入。{layer} 的窗口长 {pool} 个位置,但轴 {axis} 只有 {size} 个;"
        "padding=\"valid\" 时放不下任何一个窗口。"
    ),
    "fix.global_pool_flat": (
        "删去 {layer},或者在去掉时间轴(或高和宽)的那一层之前做池化:{shape} 已经没有可以池化的轴,每个样本已经是一个向量。"
    ),
    "fix.global_pool_use_other": "改用 `{code}`:{shape} 的轴数不同。",
}
