"""Strings of the Embedding, convolution and pooling X-rays (explorer/live/embedding.py, conv.py,
pooling.py) and their mistakes. Conv1D and Conv2D share most sentences (built once below)."""


def _conv(rank: int, lang: str) -> dict[str, str]:
    """The sentences of xray.conv1d.* (rank 1) or xray.conv2d.* (rank 2) in one language."""
    p = f"xray.conv{rank}d"
    if lang == "en":
        texts = {
            "summary": (
                "{layer} slides {K} filters, each a kernel slice of {taps} positions × {Cg} channels, over x {named} = "
                "{shape}. Unfold every window into one row of {patch} numbers (im2col), and the whole layer is one "
                "matrix product with the kernel {kernel} reshaped to ({patch}, {K}), plus the bias, through "
                "{act}: out {out_named} = {out}."
            ),
            "check": "im2col patches @ kernel + bias → activation, against the layer's output ({n} of {B} samples)",
            "check_window": "the followed number out{index}, from the window and kernel slice shown",
            "by_hand": (
                "Follow out{index}: the {count} products of the window and the kernel slice add up to {total}; "
                "+ bias {bias} = {z}; {act} gives {value}. The layer says {layer_value}."
            ),
            "groups": (
                "groups = {groups}: filter {f} is in group {group}, which sees only channels {first} … {last} "
                "(each group has its own {per} filters). The grids show those channels."
            ),
            "samples": "Recomputed on the first {n} of the {B} samples, to bound the memory the patches take.",
            "activation_unknown": "The activation {act} is not recomputed here, so the checks are skipped.",
            "channels_first": (
                "data_format=\"channels_first\": the explorer recomputes channels_last convolutions only, "
                "so this X-ray is skipped."
            ),
            "grid_window": "the window of sample {b} that out{index} reads (rows: input "
                           + ("steps" if rank == 1 else "positions (row,col)") + ", columns: channels; padding is 0)",
            "grid_kernel": "kernel slice of filter {f} (rows: taps, columns: channels)",
            "grid_products": "window × kernel slice: their sum + bias is out{index} before the activation",
            "grid_output": ("the layer's output for sample {b}, around out{index}" if rank == 1 else
                            "the layer's output for sample {b}, filter {f}, around out{index}"),
            "code.rows": "(B·positions, taps·C)",  # comments of the numpy code
            "code.groups": "groups={groups}: group g multiplies its {cg} channels by its {kg} filters",
        }
        if rank == 1:
            texts["padding"] = (
                "padding=\"{padding}\": {before} zero step(s) before the {size} steps of {axis} and {after} after. "
                "Kernel {k}, stride {s}, dilation {d}: a window spans {span} steps, so "
                "⌊({size} + {before} + {after} − {span}) / {s}⌋ + 1 = {len} output steps."
            )
        else:
            texts["padding"] = (
                "padding=\"{padding}\": height {axis} = {size} gets {before} row(s) of zeros on top and {after} below; "
                "width {axis2} = {size2} gets {before2} column(s) on the left and {after2} on the right. "
                "Kernel {k}×{k2}, strides {s}×{s2}, dilation {d}×{d2}: a window spans {span}×{span2} positions, "
                "so the output has {len}×{len2} positions."
            )
    else:
        texts = {
            "summary": (
                "{layer} 把 {K} 个过滤器滑过 x {named} = {shape}，每个过滤器的 kernel 切片是 {taps} 个位置 × {Cg} 个通道。"
                "把每个窗口展开成一行 {patch} 个数（im2col），整层就是一次矩阵乘法：乘以 reshape 成 ({patch}, {K}) 的 "
                "kernel {kernel}，加上偏置，再经过 {act}：输出 {out_named} = {out}。"
            ),
            "check": "im2col 补丁 @ kernel + 偏置 → 激活函数，与该层输出比较（{B} 个样本中的前 {n} 个）",
            "check_window": "跟踪的数字 out{index}，由图中的窗口和 kernel 切片算出",
            "by_hand": (
                "跟踪 out{index}：窗口与 kernel 切片的 {count} 个乘积之和为 {total}；+ 偏置 {bias} = {z}；"
                "经过 {act} 得到 {value}。该层给出 {layer_value}。"
            ),
            "groups": (
                "groups = {groups}：过滤器 {f} 属于第 {group} 组，只看通道 {first} … {last}"
                "（每组有自己的 {per} 个过滤器）。网格只显示这些通道。"
            ),
            "samples": "只在 {B} 个样本中的前 {n} 个上重算，以限制补丁矩阵占用的内存。",
            "activation_unknown": "这里不重算激活函数 {act}，因此跳过这些检查。",
            "channels_first": "data_format=\"channels_first\"：本工具只重算 channels_last 的卷积，因此跳过此 X 光。",
            "grid_window": ("样本 {b} 中 out{index} 读取的窗口（行：输入的时间步，列：通道；填充为 0）" if rank == 1 else
                            "样本 {b} 中 out{index} 读取的窗口（行：输入位置 (行,列)，列：通道；填充为 0）"),
            "grid_kernel": "过滤器 {f} 的 kernel 切片（行：抽头，列：通道）",
            "grid_products": "窗口 × kernel 切片：它们的和 + 偏置就是激活前的 out{index}",
            "grid_output": ("该层对样本 {b} 的输出，out{index} 附近" if rank == 1 else
                            "该层对样本 {b}、过滤器 {f} 的输出，out{index} 附近"),
            "code.rows": "(B·位置, 抽头·C)",
            "code.groups": "groups={groups}：第 g 组用自己的 {kg} 个过滤器乘自己的 {cg} 个通道",
        }
        if rank == 1:
            texts["padding"] = (
                "padding=\"{padding}\"：在 {axis} 的 {size} 个时间步之前补 {before} 个零，之后补 {after} 个。"
                "kernel {k}、步长 {s}、膨胀 {d}：一个窗口跨 {span} 个时间步，所以输出有 "
                "⌊({size} + {before} + {after} − {span}) / {s}⌋ + 1 = {len} 个时间步。"
            )
        else:
            texts["padding"] = (
                "padding=\"{padding}\"：高 {axis} = {size}，上方补 {before} 行零、下方补 {after} 行；"
                "宽 {axis2} = {size2}，左边补 {before2} 列、右边补 {after2} 列。"
                "kernel {k}×{k2}、步长 {s}×{s2}、膨胀 {d}×{d2}：一个窗口跨 {span}×{span2} 个位置，"
                "所以输出有 {len}×{len2} 个位置。"
            )
    return {f"{p}.{key}": text for key, text in texts.items()}


EN = {
    # Embedding
    "xray.embedding.summary": (
        "{layer} has a table E of V = {V} rows × E = {E} numbers and multiplies nothing: each id of x {named} = "
        "{shape} picks one row, out[b, t] = E[ids[b, t]], so out {out_named} = {out}. The same as one_hot(ids) @ E, "
        "without ever making the one-hot matrix."
    ),
    "xray.embedding.check_lookup": "np.take(E, ids, axis=0), against the layer's output ({n} of {B} samples)",
    "xray.embedding.check_onehot": "one_hot(first {n} ids of sample 0) @ E, against the layer's output",
    "xray.embedding.grid_ids": "the ids, around the followed id {token} at {index}",
    "xray.embedding.grid_row": "E, rows around {token}: row {token} is what the id selects",
    "xray.embedding.grid_output": "the layer's output: row {index} is row {token} of E",
    "xray.embedding.follow": (
        "Follow out{index}: the id there is {token}, so the output is row {token} of E; its number {unit} is "
        "{value}. The layer says {layer_value}."
    ),
    "xray.embedding.onehot_memory": (
        "one_hot @ E was computed for the first {n} ids of sample 0, reading E in {blocks} block(s) of {rows} rows: "
        "at most {peak} held at once (E itself is {table}). A one-hot of the whole batch, {count} ids × V = {V}, "
        "would take {full}."
    ),
    "xray.embedding.samples": "The lookup was recomputed on the first {n} of the {B} samples, to bound memory.",
    # comments of the numpy code (numbers given as text, as the code writes them)
    "xray.embedding.code.onehot": "the same, as one_hot(ids) @ E, for the first {n} ids of sample 0, E read {rows} "
                                  "rows at a time",
    "xray.embedding.code.block": "(rows, {E})",
    "xray.embedding.code.onehot_block": "({n}, rows)",
    "mistake.token_out_of_range.code.rows": "rows 0 … {last}",
    "mistake.token_out_of_range.code.no_row": "id {V} has no row",
    # pooling (every kind)
    "xray.pooling.summary_max": (
        "{layer} ({cls}) takes windows of {pool} positions with strides {strides} over x {named} = {shape} and "
        "keeps the largest value of each window, channel by channel ({C} channels): out {out_named} = {out}. "
        "No weights."
    ),
    "xray.pooling.summary_avg": (
        "{layer} ({cls}) takes windows of {pool} positions with strides {strides} over x {named} = {shape} and "
        "keeps the mean of each window, channel by channel ({C} channels): out {out_named} = {out}. No weights."
    ),
    "xray.pooling.summary_global_max": (
        "{layer} ({cls}) keeps the largest value over every position ({axes}) of each of the {C} channels of "
        "x {named} = {shape}; keepdims={keepdims}: out {out_named} = {out}. No weights."
    ),
    "xray.pooling.summary_global_avg": (
        "{layer} ({cls}) keeps the mean over every position ({axes}) of each of the {C} channels of "
        "x {named} = {shape}; keepdims={keepdims}: out {out_named} = {out}. No weights."
    ),
    "xray.pooling.check_max": "the max of every window (padding ignored), against the layer's output "
                              "({n} of {B} samples)",
    "xray.pooling.check_avg": "the mean of the real values of every window (padding not counted), against the "
                              "layer's output ({n} of {B} samples)",
    "xray.pooling.check_global_max": "x.max over the pooled axes, against the layer's output ({n} of {B} samples)",
    "xray.pooling.check_global_avg": "x.mean over the pooled axes, against the layer's output ({n} of {B} samples)",
    "xray.pooling.check_window": "the followed number out{index}, from the window shown",
    "xray.pooling.padding_1d": (
        "padding=\"{padding}\", pool_size {pool}, strides {strides}: zeros before + after = {pads}; "
        "output length {outs}. Padded positions (empty in the grid) are never taken."
    ),
    "xray.pooling.padding_2d": (
        "padding=\"{padding}\", pool_size {pool}, strides {strides}: padding (before + after) for height, width = "
        "{pads}; output {outs} positions. Padded positions (empty in the grid) are never taken."
    ),
    "xray.pooling.value_max": (
        "Follow out{index}: channel {c} of its window has {taps} positions, {real} of them real; the largest is "
        "{value}, at input position {at}. The layer says {layer_value}."
    ),
    "xray.pooling.value_avg": (
        "Follow out{index}: channel {c} of its window has {taps} positions, {real} of them real; their mean is "
        "{value} (divided by {real}, not {taps}). The layer says {layer_value}."
    ),
    "xray.pooling.same_average": (
        "With padding=\"same\", Keras averages only the real values of an edge window. Counting the padded zeros "
        "(dividing by the whole window) would change edge outputs by up to {diff}."
    ),
    "xray.pooling.global_value_max": (
        "Follow out{index}: the largest of the {count} values of channel {c} is {value}, at position {at}. "
        "The layer says {layer_value}."
    ),
    "xray.pooling.global_value_avg": (
        "Follow out{index}: the mean of the {count} values of channel {c} is {value}. The layer says {layer_value}."
    ),
    "xray.pooling.grid_window": (
        "the window of sample {b} that out{index} reads (rows: input positions, columns: channels; "
        "channel {c} is followed)"
    ),
    "xray.pooling.grid_global_input": "the input of sample {b}, channel {c}: every position is pooled",
    "xray.pooling.grid_output": "the layer's output around out{index}",
    "xray.pooling.samples": "Recomputed on the first {n} of the {B} samples, to bound the memory the windows take.",
    "xray.pooling.code.pad": "{shape} → {padded}; NaN: padding takes no part",  # a comment of the numpy code
    "xray.pooling.channels_first": (
        "data_format=\"channels_first\": the explorer recomputes channels_last pooling only, so this X-ray is skipped."
    ),
    # mistakes
    "mistake.token_out_of_range.title": "A token id equal to the vocabulary size: id {V} in {layer}",
    "mistake.token_out_of_range.why": (
        "Embedding({V}, …) has rows 0 … {last}: id {V} has no row, so the lookup fails. input_dim must be the "
        "largest id + 1."
    ),
    "mistake.kernel_too_long.title": "A kernel longer than the input: {arg}={size} on {axis} = {length}",
    "mistake.kernel_too_long.why": (
        "With padding=\"valid\", {layer} puts its kernel only where the whole kernel fits inside the input. "
        "{axis} has {length} positions and the kernel needs {size}: no window fits, so there is no output "
        "position. Use a kernel of at most {length}, or padding=\"same\"."
    ),
    "mistake.pool_too_long.title": "A pooling window longer than the input: {arg}={size} on {axis} = {length}",
    "mistake.pool_too_long.why": (
        "With padding=\"valid\", {layer} pools only whole windows inside the input. {axis} has {length} positions "
        "and a window needs {size}: no window fits, so there is no output position. Use a smaller pool_size, "
        "or padding=\"same\"."
    ),
}

ZH = {
    "xray.embedding.summary": (
        "{layer} 有一张 V = {V} 行 × E = {E} 个数的表 E，不做任何乘法：x {named} = {shape} 中每个编号取出一行，"
        "out[b, t] = E[ids[b, t]]，所以输出 {out_named} = {out}。这与 one_hot(ids) @ E 相同，只是从不构造独热矩阵。"
    ),
    "xray.embedding.check_lookup": "np.take(E, ids, axis=0)，与该层输出比较（{B} 个样本中的前 {n} 个）",
    "xray.embedding.check_onehot": "one_hot(样本 0 的前 {n} 个编号) @ E，与该层输出比较",
    "xray.embedding.grid_ids": "编号，跟踪位置 {index} 处的编号 {token}",
    "xray.embedding.grid_row": "E 中 {token} 附近的行：第 {token} 行就是这个编号选中的行",
    "xray.embedding.grid_output": "该层的输出：第 {index} 行就是 E 的第 {token} 行",
    "xray.embedding.follow": (
        "跟踪 out{index}：那里的编号是 {token}，所以输出是 E 的第 {token} 行；其中第 {unit} 个数是 {value}。"
        "该层给出 {layer_value}。"
    ),
    "xray.embedding.onehot_memory": (
        "one_hot @ E 只对样本 0 的前 {n} 个编号计算，把 E 分成 {blocks} 块、每块 {rows} 行读取："
        "同时最多占用 {peak}（E 本身是 {table}）。整个批次的独热矩阵（{count} 个编号 × V = {V}）需要 {full}。"
    ),
    "xray.embedding.samples": "查表只在 {B} 个样本中的前 {n} 个上重算，以限制内存。",
    "xray.embedding.code.onehot": "同样的结果写成 one_hot(ids) @ E：样本 0 的前 {n} 个编号，E 每次读 {rows} 行",
    "xray.embedding.code.block": "(行数, {E})",
    "xray.embedding.code.onehot_block": "({n}, 行数)",
    "mistake.token_out_of_range.code.rows": "第 0 … {last} 行",
    "mistake.token_out_of_range.code.no_row": "编号 {V} 没有对应的行",
    "xray.pooling.summary_max": (
        "{layer}（{cls}）在 x {named} = {shape} 上取大小为 {pool}、步长为 {strides} 的窗口，"
        "逐通道（{C} 个通道）保留每个窗口的最大值：输出 {out_named} = {out}。没有权重。"
    ),
    "xray.pooling.summary_avg": (
        "{layer}（{cls}）在 x {named} = {shape} 上取大小为 {pool}、步长为 {strides} 的窗口，"
        "逐通道（{C} 个通道）保留每个窗口的平均值：输出 {out_named} = {out}。没有权重。"
    ),
    "xray.pooling.summary_global_max": (
        "{layer}（{cls}）对 x {named} = {shape} 的 {C} 个通道，各取所有位置（{axes}）上的最大值；"
        "keepdims={keepdims}：输出 {out_named} = {out}。没有权重。"
    ),
    "xray.pooling.summary_global_avg": (
        "{layer}（{cls}）对 x {named} = {shape} 的 {C} 个通道，各取所有位置（{axes}）上的平均值；"
        "keepdims={keepdims}：输出 {out_named} = {out}。没有权重。"
    ),
    "xray.pooling.check_max": "每个窗口的最大值（忽略填充），与该层输出比较（{B} 个样本中的前 {n} 个）",
    "xray.pooling.check_avg": "每个窗口中真实值的平均（不计填充），与该层输出比较（{B} 个样本中的前 {n} 个）",
    "xray.pooling.check_global_max": "在池化的轴上取 x.max，与该层输出比较（{B} 个样本中的前 {n} 个）",
    "xray.pooling.check_global_avg": "在池化的轴上取 x.mean，与该层输出比较（{B} 个样本中的前 {n} 个）",
    "xray.pooling.check_window": "跟踪的数字 out{index}，由图中的窗口算出",
    "xray.pooling.padding_1d": (
        "padding=\"{padding}\"、pool_size {pool}、步长 {strides}：前 + 后填充 = {pads}；输出长度 {outs}。"
        "填充的位置（网格中为空）从不被取用。"
    ),
    "xray.pooling.padding_2d": (
        "padding=\"{padding}\"、pool_size {pool}、步长 {strides}：高、宽的填充（前 + 后）= {pads}；"
        "输出 {outs} 个位置。填充的位置（网格中为空）从不被取用。"
    ),
    "xray.pooling.value_max": (
        "跟踪 out{index}：它的窗口在通道 {c} 上有 {taps} 个位置，其中 {real} 个是真实值；最大的是 {value}，"
        "位于输入位置 {at}。该层给出 {layer_value}。"
    ),
    "xray.pooling.value_avg": (
        "跟踪 out{index}：它的窗口在通道 {c} 上有 {taps} 个位置，其中 {real} 个是真实值；它们的平均是 {value}"
        "（除以 {real}，而不是 {taps}）。该层给出 {layer_value}。"
    ),
    "xray.pooling.same_average": (
        "padding=\"same\" 时，Keras 对边缘窗口只平均真实值。若把填充的零也算进去（除以整个窗口），"
        "边缘输出最多会差 {diff}。"
    ),
    "xray.pooling.global_value_max": (
        "跟踪 out{index}：通道 {c} 的 {count} 个值中最大的是 {value}，位于位置 {at}。该层给出 {layer_value}。"
    ),
    "xray.pooling.global_value_avg": "跟踪 out{index}：通道 {c} 的 {count} 个值的平均是 {value}。该层给出 {layer_value}。",
    "xray.pooling.grid_window": "样本 {b} 中 out{index} 读取的窗口（行：输入位置，列：通道；跟踪通道 {c}）",
    "xray.pooling.grid_global_input": "样本 {b} 的输入，通道 {c}：每个位置都参与池化",
    "xray.pooling.grid_output": "该层的输出，out{index} 附近",
    "xray.pooling.samples": "只在 {B} 个样本中的前 {n} 个上重算，以限制窗口占用的内存。",
    "xray.pooling.code.pad": "{shape} → {padded}；NaN：填充不参与计算",
    "xray.pooling.channels_first": "data_format=\"channels_first\"：本工具只重算 channels_last 的池化，因此跳过此 X 光。",
    "mistake.token_out_of_range.title": "词元编号等于词表大小：{layer} 中的编号 {V}",
    "mistake.token_out_of_range.why": (
        "Embedding({V}, …) 只有第 0 … {last} 行：编号 {V} 没有对应的行，所以查表失败。input_dim 必须是最大编号 + 1。"
    ),
    "mistake.kernel_too_long.title": "卷积核比输入还长：{axis} = {length} 上的 {arg}={size}",
    "mistake.kernel_too_long.why": (
        "padding=\"valid\" 时，{layer} 只把卷积核放在完全落在输入内部的位置。{axis} 只有 {length} 个位置，"
        "而卷积核需要 {size} 个：一个窗口也放不下，所以没有输出位置。请让卷积核不超过 {length}，"
        "或使用 padding=\"same\"。"
    ),
    "mistake.pool_too_long.title": "池化窗口比输入还长：{axis} = {length} 上的 {arg}={size}",
    "mistake.pool_too_long.why": (
        "padding=\"valid\" 时，{layer} 只对完全落在输入内部的窗口做池化。{axis} 只有 {length} 个位置，"
        "而一个窗口需要 {size} 个：一个窗口也放不下，所以没有输出位置。请减小 pool_size，或使用 padding=\"same\"。"
    ),
}

for _rank in (1, 2):
    EN.update(_conv(_rank, "en"))
    ZH.update(_conv(_rank, "zh"))
