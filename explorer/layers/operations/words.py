"""The words of the operations on tensors (ops.add … ops.extract_patches): what each computes and its formula
(kinds.py), axis meanings, X-rays (xray.py), each key with its English and its Chinese side by side.
Placeholders use str.format names; numbers are formatted by the caller.
"""

WORDS: dict[str, tuple[str, str]] = {
    "axis.op_one": ("a new axis of size 1", "新加的大小为 1 的轴"),
    "axis.op_new": ("an axis {layer} makes", "{layer} 生成的轴"),
    "axis.op_joined": ("{parts} joined end to end by {layer}", "{layer} 把 {parts} 首尾拼接成的轴"),
    "axis.positions": ("positions 0, 1, 2, … that {layer} counts", "{layer} 数出的位置 0, 1, 2, …"),
    "axis.patch": ("the numbers of one patch, laid out flat ({layer})", "一个图块里的所有数,摊平成一行({layer})"),
    "axis.op_stacked": ("the {count} tensors {layer} stacks, one per index", "{layer} 堆叠的 {count} 个张量,每个下标一个"),
    "axis.op_constant": ("the {count} numbers of {layer}'s constant", "{layer} 的常量里的 {count} 个数"),
    # fixes
    "fix.op_constant": (
        "{layer}'s constant holds {count} numbers, one for each index of the last axis, and that axis of {shapes} "
        "has {last}: give it {last} numbers (one per channel), or a single number.",
        "{layer} 的常量有 {count} 个数,最后一个轴的每个下标对应一个,而 {shapes} 的这个轴大小是 {last}:"
        "给它 {last} 个数(每个通道一个),或者只给一个数。",
    ),
    "fix.op_stack_shapes": (
        "keras.ops.stack puts tensors of one shape side by side on a new axis, and {shapes} differ on axis {axis}. "
        "To join them along that axis instead, concatenate them: `{code}`.",
        "keras.ops.stack 把形状相同的张量沿一个新轴并排放置,而 {shapes} 在轴 {axis} 上不同。"
        "如果要沿这个轴把它们接起来,用 concatenate:`{code}`。",
    ),
    "fix.op_broadcast_axis": (
        "{layer} combines {shapes} number by number: numpy matches shapes from the last axis, and only equal sizes or "
        "1 combine. A new axis of size 1 at position {axis} of {tensor} lines them up: `{code}`.",
        "{layer} 逐个元素组合 {shapes}:numpy 从最后一个轴开始对齐形状,只有相等的大小或 1 才能组合。"
        "在 {tensor} 的第 {axis} 个位置插入一个大小为 1 的轴就能对齐:`{code}`。",
    ),
    "fix.op_broadcast": (
        "{layer} combines {shapes} number by number: matched from the last axis, each pair of sizes must be equal or "
        "1. Make them agree first (a Dense layer on the last axis, or a reshape).",
        "{layer} 逐个元素组合 {shapes}:从最后一个轴开始对齐,每一对大小必须相等或为 1。先让它们一致(在最后一个轴上用 Dense,或者 reshape)。",
    ),
    "fix.op_reshape": (
        "each sample of {layer}'s input ({shapes}) holds {count} numbers, and {newshape} holds {holds} per sample: "
        "the sizes after the batch axis must multiply to {count} (one of them may be -1).",
        "{layer} 的输入({shapes})每个样本有 {count} 个数,而 {newshape} 每个样本容纳 {holds} 个:"
        "批轴之后的大小相乘必须等于 {count}(其中一个可以写 -1)。",
    ),
    "fix.op_concat_axis": (
        "keras.ops.concatenate joins along axis {axis} here, and the inputs ({shapes}) differ elsewhere; they agree "
        "on every axis but {better}: join them there with `{code}` (its default axis is 0, the batch axis, unlike "
        "layers.Concatenate's -1).",
        "这里 keras.ops.concatenate 沿轴 {axis} 拼接,而输入({shapes})在别的轴上不同;它们只在轴 {better} 上不同:"
        "用 `{code}` 沿这个轴拼接(它默认 axis=0,即批轴,不同于 layers.Concatenate 的 -1)。",
    ),
    "fix.op_matmul_transpose": (
        "matmul multiplies the last axis of x ({inner}) with the second-to-last of y ({other}); both end in {inner}: "
        "transpose y's last two axes, as attention does with q @ kᵀ: `{code}`.",
        "matmul 用 x 的最后一个轴({inner})乘 y 的倒数第二个轴({other});两者最后一个轴都是 {inner}:"
        "像注意力里的 q @ kᵀ 那样交换 y 的最后两个轴:`{code}`。",
    ),
    # binary
    "op.add.about": ("adds two tensors, or a number, number by number", "逐个元素相加:两个张量,或张量加一个数"),
    "op.add.formula": ("out[i] = x[i] + y[i]", "out[i] = x[i] + y[i]"),
    "op.subtract.about": ("subtracts number by number", "逐个元素相减"),
    "op.subtract.formula": ("out[i] = x[i] − y[i]", "out[i] = x[i] − y[i]"),
    "op.multiply.about": ("multiplies number by number", "逐个元素相乘"),
    "op.multiply.formula": ("out[i] = x[i] × y[i]", "out[i] = x[i] × y[i]"),
    "op.true_divide.about": ("divides number by number (always a float)", "逐个元素相除(结果总是浮点数)"),
    "op.true_divide.formula": ("out[i] = x[i] / y[i]", "out[i] = x[i] / y[i]"),
    "op.power.about": ("raises each number to a power", "把每个数做乘方"),
    "op.power.formula": ("out[i] = x[i] ** y[i]", "out[i] = x[i] ** y[i]"),
    "op.maximum.about": ("keeps the larger of two numbers at each place", "在每个位置取两个数中较大的"),
    "op.maximum.formula": ("out[i] = max(x[i], y[i])", "out[i] = max(x[i], y[i])"),
    "op.minimum.about": ("keeps the smaller of two numbers at each place", "在每个位置取两个数中较小的"),
    "op.minimum.formula": ("out[i] = min(x[i], y[i])", "out[i] = min(x[i], y[i])"),
    # unary
    "op.relu.about": ("sets negative numbers to 0", "把负数变成 0"),
    "op.relu.formula": ("out[i] = max(x[i], 0)", "out[i] = max(x[i], 0)"),
    "op.sigmoid.about": ("squashes each number into (0, 1)", "把每个数压到 (0, 1) 之间"),
    "op.sigmoid.formula": ("out[i] = 1 / (1 + exp(−x[i]))", "out[i] = 1 / (1 + exp(−x[i]))"),
    "op.tanh.about": ("squashes each number into (−1, 1)", "把每个数压到 (−1, 1) 之间"),
    "op.tanh.formula": ("out[i] = tanh(x[i])", "out[i] = tanh(x[i])"),
    "op.exp.about": ("e to the power of each number", "对每个数求 e 的幂"),
    "op.exp.formula": ("out[i] = exp(x[i])", "out[i] = exp(x[i])"),
    "op.log.about": ("natural logarithm of each number (NaN below 0)", "对每个数取自然对数(负数得到 NaN)"),
    "op.log.formula": ("out[i] = ln(x[i])", "out[i] = ln(x[i])"),
    "op.sqrt.about": ("square root of each number (NaN below 0)", "对每个数开平方(负数得到 NaN)"),
    "op.sqrt.formula": ("out[i] = √x[i]", "out[i] = √x[i]"),
    "op.square.about": ("each number times itself", "每个数乘以它自己"),
    "op.square.formula": ("out[i] = x[i]²", "out[i] = x[i]²"),
    "op.abs.about": ("drops the sign of each number", "去掉每个数的符号"),
    "op.abs.formula": ("out[i] = |x[i]|", "out[i] = |x[i]|"),
    "op.negative.about": ("flips the sign of each number", "把每个数变号"),
    "op.negative.formula": ("out[i] = −x[i]", "out[i] = −x[i]"),
    "op.softplus.about": ("a smooth ReLU: always positive", "平滑的 ReLU:总是正数"),
    "op.softplus.formula": ("out[i] = ln(1 + exp(x[i]))", "out[i] = ln(1 + exp(x[i]))"),
    "op.gelu.about": ("GELU (tanh approximation, Keras's default)", "GELU(tanh 近似,Keras 的默认)"),
    "op.gelu.formula": ("out[i] = 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))",
                        "out[i] = 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))"),
    "op.silu.about": ("SiLU (swish): each number times its sigmoid", "SiLU(swish):每个数乘以它的 sigmoid"),
    "op.silu.formula": ("out[i] = x[i] · sigmoid(x[i])", "out[i] = x[i] · sigmoid(x[i])"),
    "op.softmax.about": ("turns the numbers along one axis into shares that add up to 1",
                         "把沿一个轴的数变成加起来等于 1 的比例"),
    "op.softmax.formula": ("out[i] = exp(x[i]) / Σ_j exp(x[j]) along the axis", "out[i] = exp(x[i]) / Σ_j exp(x[j])(沿该轴)"),
    "op.cast.about": ("the same numbers in another dtype (to an integer: cut toward 0)",
                      "同样的数换成另一种 dtype(转成整数时向 0 截断)"),
    "op.cast.formula": ("out[i] = dtype(x[i])", "out[i] = dtype(x[i])"),
    # shape operations
    "op.reshape.about": ("the same numbers in the same order, in a new shape (the batch axis included)",
                         "同样的数、同样的顺序,换一个形状(包括批轴)"),
    "op.reshape.formula": ("out.flat[k] = x.flat[k]", "out.flat[k] = x.flat[k]"),
    "op.expand_dims.about": ("inserts a new axis of size 1", "插入一个大小为 1 的新轴"),
    "op.expand_dims.formula": ("out[…, 0, …] = x[…]", "out[…, 0, …] = x[…]"),
    "op.squeeze.about": ("removes axes of size 1", "去掉大小为 1 的轴"),
    "op.squeeze.formula": ("out[…] = x[…, 0, …]", "out[…] = x[…, 0, …]"),
    "op.transpose.about": ("reorders the axes (all of them reversed when axes is None, the batch axis too)",
                           "重新排列各轴(axes 为 None 时全部倒序,批轴也在内)"),
    "op.transpose.formula": ("out[i₀, i₁, …] = x[i at axes[0], …]", "out[i₀, i₁, …] = x[按 axes 取下标]"),
    "op.concatenate.about": ("joins tensors end to end along one axis (axis=0 by default: the batch axis)",
                             "沿一个轴首尾拼接张量(默认 axis=0,即批轴)"),
    "op.concatenate.formula": ("out = [x₁ | x₂ | …] along the axis", "out = [x₁ | x₂ | …](沿该轴)"),
    "op.stack.about": ("puts tensors of one shape side by side on a new axis (axis=0 by default: before the batch "
                       "axis)", "把形状相同的张量沿一个新轴并排放置(默认 axis=0:在批轴之前)"),
    "op.stack.formula": ("out[…, k, …] = x_k[…, …] (k on the new axis)", "out[…, k, …] = x_k[…, …](k 在新轴上)"),
    "op.matmul.about": ("matrix product of the last two axes, the axes before them broadcast",
                        "最后两个轴做矩阵乘法,前面的轴按广播规则配对"),
    "op.matmul.formula": ("out[…, n, m] = Σ_k x[…, n, k] · y[…, k, m]", "out[…, n, m] = Σ_k x[…, n, k] · y[…, k, m]"),
    "op.mean.about": ("the mean over the given axes", "沿给定的轴求平均"),
    "op.mean.formula": ("out = Σ x / count over the axes", "out = Σ x / 个数(沿这些轴)"),
    "op.sum.about": ("the sum over the given axes", "沿给定的轴求和"),
    "op.sum.formula": ("out = Σ x over the axes", "out = Σ x(沿这些轴)"),
    "op.max.about": ("the largest number over the given axes", "沿给定的轴取最大值"),
    "op.max.formula": ("out = max x over the axes", "out = max x(沿这些轴)"),
    "op.get_item.about": ("picks numbers by index and slice, as x[...] does", "像 x[...] 那样按下标和切片取数"),
    "op.get_item.formula": ("out = x[key]", "out = x[key]"),
    "op.arange.about": ("the numbers start, start + step, … below stop: made in the call, no batch axis",
                        "start, start + step, … 直到 stop 之前:在调用里生成,没有批轴"),
    "op.arange.formula": ("out[i] = start + i · step", "out[i] = start + i · step"),
    "op.random_normal.about": ("random numbers from a normal distribution, new at every call",
                               "正态分布的随机数,每次调用都不同"),
    "op.random_normal.formula": ("out[i] ~ N(mean, stddev²)", "out[i] ~ N(mean, stddev²)"),
    "op.extract_patches.about": ("cuts an image into patches, each patch's numbers laid out flat on the last axis",
                                 "把图像切成图块,每个图块的数摊平放在最后一个轴上"),
    "op.extract_patches.formula": ("out[b, i, j, :] = x[b, i·s : i·s + k, j·s : j·s + k, :].flatten()",
                                   "out[b, i, j, :] = x[b, i·s : i·s + k, j·s : j·s + k, :].flatten()"),
    # -- X-rays ---------------------------------------------------------------------------------------------
    "xray.op.check": ("the whole output, recomputed with numpy", "整个输出,用 numpy 重算"),
    "xray.op.check_pick": ("the followed number out{out}", "跟踪的数 out{out}"),
    "xray.op.check_copy": ("out{out} is a copy of {src}", "out{out} 是 {src} 的副本"),
    "xray.op.check_shape": ("the shape {shape} (the numbers are random)", "形状 {shape}(数值是随机的)"),
    "xray.op.grid_in": ("Input {where}: the number used for out{at} marked", "输入 {where}:标出 out{at} 用到的数"),
    "xray.op.heat_operand": ("The operand {where}: the number out{out} takes from it, outlined",
                             "操作数 {where}：框出 out{out} 从中取的数"),
    "xray.op.heat_reduced": ("The input {where}: the numbers out{out} is reduced from, outlined",
                             "输入 {where}：框出归约成 out{out} 的数"),
    "xray.op.heat_row": ("The first matrix {where}: the row out{out} multiplies, outlined",
                         "第一个矩阵 {where}：框出 out{out} 相乘的行"),
    "xray.op.heat_col": ("The second matrix {where}: the column out{out} multiplies, outlined",
                         "第二个矩阵 {where}：框出 out{out} 相乘的列"),
    "xray.op.heat_patch_padding": ("The input {where}: out{out} is a 0 of the padding; the patch's real numbers "
                                   "outlined", "输入 {where}：out{out} 是填充的 0；框出该图块的真实数字"),
    "xray.op.grid_out": ("Output {where}: the followed number out{at} marked", "输出 {where}:标出跟踪的数 out{at}"),
    "xray.op.grid_reduced": ("The reduced slice {where}", "被归约的切片 {where}"),
    "xray.op.grid_terms": ("{where}: the row, the column and their products", "{where}:行、列和它们的逐项乘积"),
    "xray.op.summary_elementwise": (
        "{op} is an operation, not a layer: it has no weights and works number by number. {shapes} → "
        "{shape_out} {axes_out}.",
        "{op} 是一个运算,不是层:没有权重,逐个元素计算。{shapes} → {shape_out} {axes_out}。",
    ),
    "xray.op.where_elementwise": ("out{out} = {terms} = {value}", "out{out} = {terms} = {value}"),
    "xray.op.where_binary": ("out{out} takes {inputs}: {terms} = {value}", "out{out} 取 {inputs}:{terms} = {value}"),
    "xray.op.where_softmax": (
        "out{out} = exp({x} − max) / (the sum of exp over the {count} numbers of axis {axis}: {total}) = {value}",
        "out{out} = exp({x} − max) / (沿轴 {axis} 的 {count} 个数的 exp 之和:{total}) = {value}",
    ),
    "xray.op.nan": (
        "{count} numbers are NaN: the input is below 0 there, in Keras as in numpy.",
        "有 {count} 个数是 NaN:那里的输入小于 0,Keras 和 numpy 都是如此。",
    ),
    "xray.op.broadcast": (
        "{inputs} stretched to {shape_out} (numpy broadcasting: shapes {shapes} are matched from the last axis; a "
        "missing axis or an axis of size 1 repeats).",
        "{inputs} 被扩展成 {shape_out}(numpy 广播:形状 {shapes} 从最后一个轴开始对齐;缺少的轴或大小为 1 的轴会重复)。",
    ),
    "xray.op.summary_index": (
        "{op} is an operation, not a layer: it moves numbers without changing them. x {shape_in} {axes_in} → out "
        "{shape_out} {axes_out}; each output number is a copy of one input number.",
        "{op} 是一个运算,不是层:它只移动数,不改变数。x {shape_in} {axes_in} → out {shape_out} {axes_out};"
        "每个输出的数都是某个输入数的副本。",
    ),
    "xray.op.where_copy": ("out{out} = x{src} = {value}", "out{out} = x{src} = {value}"),
    "xray.op.code.where": ("the same operation on the input's indices: which x each out copies",
                           "对输入的下标做同样的运算:每个 out 复制的是哪个 x"),
    "xray.op.summary_concatenate": (
        "concatenate joins {shapes} end to end along axis {axis}: out {shape_out} {axes_out}.",
        "concatenate 把 {shapes} 沿轴 {axis} 首尾拼接:out {shape_out} {axes_out}。",
    ),
    "xray.op.where_concatenate": (
        "out{out} falls in the part of {input} on axis {axis}: {arithmetic}, so it is {input}{src}.",
        "out{out} 落在轴 {axis} 上属于 {input} 的那一段:{arithmetic},所以它是 {input}{src}。",
    ),
    "xray.op.summary_stack": (
        "stack puts {count} tensors of shape {shape} side by side on a new axis {axis} of size {count}: out "
        "{shape_out} {axes_out}. concatenate would instead join them along an axis they already have.",
        "stack 把 {count} 个形状为 {shape} 的张量沿新轴 {axis}(大小为 {count})并排放置:out {shape_out} {axes_out}。"
        "concatenate 则是沿它们已有的轴拼接。",
    ),
    "xray.op.where_stack": (
        "out{out} has index {k} on the new axis {axis}, so it comes from {input}; its other indices {src} say where "
        "inside it: {input}{src} = {value}.",
        "out{out} 在新轴 {axis} 上的下标是 {k},所以来自 {input};其余下标 {src} 说明在它里面的位置:"
        "{input}{src} = {value}。",
    ),
    "xray.op.constant": (
        "c is a constant of {count} numbers along the last axis, the same for every sample and position. Written with "
        "shape {shape} (as preprocess_input writes its mean), it broadcasts the same way: the same output.",
        "c 是沿最后一个轴的 {count} 个常数,对每个样本、每个位置都一样。写成形状 {shape}(preprocess_input 的均值就这样写),"
        "广播方式相同:输出也相同。",
    ),
    "xray.op.code.constant": ("the constant: {count} numbers, float32 as Keras holds them",
                              "常量:{count} 个数,和 Keras 一样是 float32"),
    "xray.op.summary_reduce": (
        "{op} reduces axes {axes} of x {shape_in}: out {shape_out} {axes_out}.",
        "{op} 沿 x {shape_in} 的轴 {axes} 归约:out {shape_out} {axes_out}。",
    ),
    "xray.op.reduce_mean": ("out{out} = the mean of the {count} numbers x{slice} = {value}",
                            "out{out} = x{slice} 这 {count} 个数的平均 = {value}"),
    "xray.op.reduce_sum": ("out{out} = the sum of the {count} numbers x{slice} = {value}",
                           "out{out} = x{slice} 这 {count} 个数的和 = {value}"),
    "xray.op.reduce_max": ("out{out} = the largest of the {count} numbers x{slice} = {value}",
                           "out{out} = x{slice} 这 {count} 个数中最大的 = {value}"),
    "xray.op.summary_matmul": (
        "matmul multiplies the last two axes as matrices, {shape1} @ {shape2} → {shape_out} {axes_out}: the inner "
        "sizes must be equal, the axes before them broadcast.",
        "matmul 把最后两个轴当作矩阵相乘,{shape1} @ {shape2} → {shape_out} {axes_out}:内侧大小必须相等,前面的轴按广播配对。",
    ),
    "xray.op.where_matmul": ("out{out} = the sum of the {K} products {row} × {col} = {value}",
                             "out{out} = {row} × {col} 的 {K} 个乘积之和 = {value}"),
    "xray.op.summary_arange": (
        "arange(start={start}, stop={stop}, step={step}) makes {count} numbers inside the call: no batch axis "
        "{axes_out}. An Embedding on it gives one vector per position.",
        "arange(start={start}, stop={stop}, step={step}) 在调用里生成 {count} 个数:没有批轴 {axes_out}。"
        "在它上面用 Embedding 得到每个位置的一个向量。",
    ),
    "xray.op.where_arange": ("out[{i}] = {start} + {i} · {step} = {value}", "out[{i}] = {start} + {i} · {step} = {value}"),
    "xray.op.summary_random": (
        "random.normal draws {shape} {axes_out} random numbers, mean {mean}, stddev {stddev}. Without a seed they "
        "differ at every call (the explorer seeds it, so every visitor sees the same ones): only the shape is checked.",
        "random.normal 抽取 {shape} {axes_out} 个随机数,均值 {mean},标准差 {stddev}。不给 seed 时每次调用都不同"
        "(本工具给了 seed,所以每位访客看到的相同):只检查形状。",
    ),
    "xray.op.random": ("these {count} numbers have mean {mean} and stddev {std}",
                       "这 {count} 个数的均值为 {mean},标准差为 {std}"),
    "xray.op.code.random": ("random: numpy's numbers would differ from Keras's", "随机:numpy 的数不会与 Keras 的相同"),
    "xray.op.summary_patches": (
        "extract_patches cuts {kh}×{kw} windows every {sh}×{sw} pixels from x {shape_in}, each window flat on the last "
        "axis: out {shape_out} {axes_out}.",
        "extract_patches 每隔 {sh}×{sw} 个像素从 x {shape_in} 切出 {kh}×{kw} 的窗口,每个窗口摊平放在最后一个轴上:"
        "out {shape_out} {axes_out}。",
    ),
    "xray.op.where_patch": ("out{out} = x{src} = {value}: patch position {arithmetic}",
                            "out{out} = x{src} = {value}:图块内位置 {arithmetic}"),
    "xray.op.where_padding": ("out{out} falls in the zero padding (padding=\"same\"): 0",
                              "out{out} 落在补零区域(padding=\"same\"):0"),
}
