"""The words of the merging layers (Concatenate, Add, Subtract, Multiply, Average, Maximum, Minimum, Dot): axis meanings and fixes
(kinds.py), X-rays and common mistakes (xray.py), each key with its English and its Chinese side by
side. Placeholders use str.format names; numbers are formatted by the caller.
"""

WORDS: dict[str, tuple[str, str]] = {
    "axis.concatenated": ("{parts} joined side by side by {layer}", "{layer} 把 {parts} 并排拼接成的轴"),
    "axis.dot_single": ("the one dot product {layer} gives per sample", "{layer} 为每个样本给出的那一个点积"),
    # Concatenate, Add, Multiply, Average
    "fix.merge_rank": (
        "the inputs of {layer} have different numbers of axes ({shapes}): Flatten, Reshape or pool one of "
        "them so they all have the same axes.",
        "{layer} 的各个输入轴数不同({shapes}):对其中一个做 Flatten、Reshape 或池化,让它们的轴一致。",
    ),
    "fix.concat_axis_range": (
        "the inputs of {layer} have {rank} axes (batch included), so there is no axis {axis} to join along; "
        "`{code}` joins along the last axis.",
        "{layer} 的输入只有 {rank} 个轴(含批轴),没有第 {axis} 轴可以拼接;"
        "`{code}` 沿最后一个轴拼接。",
    ),
    "fix.concat_other_axis": (
        "the inputs ({shapes}) differ on axis {position} ({first}: {size}, {other}: {other_size}) and agree "
        "everywhere else: join them along that axis with `{code}`.",
        "各输入({shapes})只在第 {position} 轴上不同({first}:{size},{other}:{other_size}),"
        "其他轴都一致:用 `{code}` 沿这个轴拼接。",
    ),
    "fix.concat_match": (
        "make axis {position} the same size in every input of {layer} ({first}: {size}, {other}: "
        "{other_size}); only axis {axis}, the joined one, may differ.",
        "让 {layer} 的每个输入在第 {position} 轴上大小相同({first}:{size},{other}:{other_size});"
        "只有被拼接的第 {axis} 轴可以不同。",
    ),
    "fix.merge_batch": (
        "give every input of {layer} the same batch size ({shapes}).",
        "让 {layer} 的每个输入批大小相同({shapes})。",
    ),
    "fix.merge_project": (
        "give {other} the same number of features as {first} ({size}) with `{code}` before {layer}; "
        "or join them side by side with `layers.Concatenate()` instead.",
        "在 {layer} 之前用 `{code}` 让 {other} 的特征数与 {first} 相同({size});"
        "或者改用 `layers.Concatenate()` 把它们并排拼接。",
    ),
    "fix.merge_match": (
        "make axis {position} the same size in {first} ({size}) and {other} ({other_size}) before {layer}; "
        "only a size of 1 stretches to match.",
        "在 {layer} 之前让 {first}({size})和 {other}({other_size})的第 {position} 轴大小相同;"
        "只有大小为 1 的轴会自动扩展。",
    ),
    "fix.subtract_two": (
        "Subtract takes exactly two inputs (first minus second), and {count} flow into {layer}: to take the others "
        "away from {first}, add them up first: `{code}`.",
        "Subtract 只接受两个输入(第一个减第二个),而流入 {layer} 的有 {count} 个:要从 {first} 中减去其余的,"
        "先把它们相加:`{code}`。",
    ),
    # Dot
    "fix.dot_two": (
        "Dot takes exactly two inputs, and {count} flow into {layer} ({shapes}): give it two.",
        "Dot 只接受两个输入,而流入 {layer} 的有 {count} 个({shapes}):只给它两个。",
    ),
    "fix.dot_axes_exist": (
        "axes={axes} of {layer} names an axis its inputs ({shapes}) do not have, or the batch axis 0, which Dot never "
        "sums over: count the axes from 1 (or from the end with -1), for example `{code}`.",
        "{layer} 的 axes={axes} 指向了输入({shapes})没有的轴,或者批轴 0(Dot 从不在批轴上求和):"
        "轴从 1 开始数(或者用 -1 从末尾数),例如 `{code}`。",
    ),
    "fix.dot_other_axes": (
        "Dot multiplies axis {axis} of {first} ({size}) with axis {other_axis} of {other} ({other_size}) number by "
        "number, so the two sizes must be equal; the inputs ({shapes}) share a size on other axes: `{code}` sums over "
        "those. For the similarity of every pair of steps of (B, T, F) and (B, S, F), sum over the features, axes=2.",
        "Dot 把 {first} 的第 {axis} 轴({size})和 {other} 的第 {other_axis} 轴({other_size})逐个相乘再求和,"
        "所以这两个大小必须相等;输入({shapes})在别的轴上大小相同:`{code}` 在那两个轴上求和。"
        "要得到 (B, T, F) 和 (B, S, F) 每两个时间步之间的相似度,应在特征轴上求和,即 axes=2。",
    ),
    "fix.dot_match": (
        "Dot sums over axis {axis} of {first} ({size}) and axis {other_axis} of {other} ({other_size}), so they must "
        "have the same size: make them equal before {layer}, for example with a Dense layer on the last axis.",
        "Dot 在 {first} 的第 {axis} 轴({size})和 {other} 的第 {other_axis} 轴({other_size})上求和,"
        "所以它们的大小必须相同:在 {layer} 之前让两者相等,例如在最后一个轴上加一个 Dense 层。",
    ),
    # -- Concatenate -----------------------------------------------------------------------------
    "xray.concatenate.summary": (
        "Concatenate puts its {count} inputs {shapes} side by side along axis {axis} ({letter}): {sizes} = {total}, "
        "so the output is {shape_out} {axes_out}. Every other axis must have the same size in every input.",
        "Concatenate 把 {count} 个输入 {shapes} 沿轴 {axis}（{letter}）并排拼接：{sizes} = {total}，所以输出为 "
        "{shape_out} {axes_out}。其余每个轴在所有输入中的大小必须相同。",
    ),
    "xray.concatenate.check_slice": (
        "out[{start}:{end}] along axis {axis} vs {input}",
        "沿轴 {axis} 的 out[{start}:{end}] 与 {input} 对比",
    ),
    "xray.concatenate.fills": (
        "{input} {shape} fills positions {start}–{last} of axis {axis} ({size} of them).",
        "{input} {shape} 填充轴 {axis} 的位置 {start}–{last}（共 {size} 个）。",
    ),
    "xray.concatenate.check_pick": ("out{out} vs {input}{src}", "out{out} 与 {input}{src} 对比"),
    "xray.concatenate.where": (
        "out{out} is at position {position} of axis {axis}, inside the slice of {input} that starts at {offset}: "
        "{arithmetic}, so it is {input}{src}.",
        "out{out} 位于轴 {axis} 的位置 {position}，落在 {input} 的那一段里（从 {offset} 开始）：{arithmetic}，"
        "所以它是 {input}{src}。",
    ),
    "xray.concatenate.grid_out": ("Output {where}: the followed element out{at} marked", "输出 {where}：标出跟踪的元素 out{at}"),
    "xray.concatenate.grid_in": ("Its input {where}: {at} marked", "它的输入 {where}：标出 {at}"),
    # -- Add, Multiply, Average ------------------------------------------------------------------
    "xray.merge.summary_add": (
        "Add sums its {count} inputs {shapes} number by number: the output {shape_out} {axes_out} has the inputs' "
        "shape.",
        "Add 把 {count} 个输入 {shapes} 逐个数相加：输出 {shape_out} {axes_out} 与输入形状相同。",
    ),
    "xray.merge.summary_multiply": (
        "Multiply multiplies its {count} inputs {shapes} number by number: the output {shape_out} {axes_out} has the "
        "inputs' shape.",
        "Multiply 把 {count} 个输入 {shapes} 逐个数相乘：输出 {shape_out} {axes_out} 与输入形状相同。",
    ),
    "xray.merge.summary_average": (
        "Average adds its {count} inputs {shapes} number by number and divides by {count}: the output {shape_out} "
        "{axes_out} has the inputs' shape.",
        "Average 把 {count} 个输入 {shapes} 逐个数相加再除以 {count}：输出 {shape_out} {axes_out} 与输入形状相同。",
    ),
    "xray.merge.summary_subtract": (
        "Subtract takes its second input away from its first, number by number ({shapes}): the output {shape_out} "
        "{axes_out} has the inputs' shape.",
        "Subtract 把第一个输入逐个数地减去第二个输入({shapes}):输出 {shape_out} {axes_out} 与输入形状相同。",
    ),
    "xray.merge.summary_maximum": (
        "Maximum keeps, at every position, the largest of its {count} inputs' numbers ({shapes}): the output "
        "{shape_out} {axes_out} has the inputs' shape.",
        "Maximum 在每个位置保留 {count} 个输入中最大的那个数({shapes}):输出 {shape_out} {axes_out} 与输入形状相同。",
    ),
    "xray.merge.summary_minimum": (
        "Minimum keeps, at every position, the smallest of its {count} inputs' numbers ({shapes}): the output "
        "{shape_out} {axes_out} has the inputs' shape.",
        "Minimum 在每个位置保留 {count} 个输入中最小的那个数({shapes}):输出 {shape_out} {axes_out} 与输入形状相同。",
    ),
    "xray.merge.check": ("numpy {op} vs the layer's output (first {n} samples)", "numpy {op} 与该层输出对比（前 {n} 个样本）"),
    "xray.merge.check_pick": ("out{out} recomputed from the inputs' numbers", "用输入的数重新算出 out{out}"),
    "xray.merge.where": ("out{out} = {inputs} = {terms} = {value}", "out{out} = {inputs} = {terms} = {value}"),
    "xray.merge.broadcast": (
        "The shapes {shapes} differ: {inputs} stretch to {shape_out}. An input with fewer axes first gets size-1 "
        "axes right after the batch axis (Keras's rule), then every size-1 axis repeats its number.",
        "形状 {shapes} 不同：{inputs} 被扩展到 {shape_out}。轴较少的输入先在批次轴之后补上大小为 1 的轴（Keras 的规则），"
        "然后每个大小为 1 的轴重复它的数。",
    ),
    "xray.merge.grid_in": (
        "Input {where} (stretched to the output's axes): {at} marked",
        "输入 {where}（扩展到输出的各轴）：标出 {at}",
    ),
    "xray.merge.grid_out": ("Output {where}: out{at} marked", "输出 {where}：标出 out{at}"),
    "mistake.concat_axis.title": (
        "Concatenate(axis={wrong}) instead of axis={axis}",
        "用了 Concatenate(axis={wrong})，而不是 axis={axis}",
    ),
    "mistake.concat_axis.why": (
        "Concatenate joins its inputs {shapes} along one axis, and every other axis must match. They differ on axis "
        "{position} ({sizes}), which only axis={axis} may join; along axis {wrong}, axis {position} has to match and "
        "does not.",
        "Concatenate 沿一个轴拼接输入 {shapes}，其余每个轴都必须一致。它们在轴 {position} 上不同（{sizes}），"
        "只有 axis={axis} 能拼接这个轴；沿轴 {wrong} 拼接时，轴 {position} 必须一致，但它不一致。",
    ),
    "mistake.dot_axes.title": ("Dot(axes=1) instead of axes={axes}", "用了 Dot(axes=1),而不是 axes={axes}"),
    "mistake.dot_axes.why": (
        "Dot on two sequences {shapes} with axes={axes} compares every step of one with every step of the other, "
        "summing over the features: {out}. axes=1 sums over the steps instead, which must then have the same "
        "count ({steps}).",
        "对两个序列 {shapes} 用 axes={axes} 的 Dot,会在特征上求和,把一个序列的每一步和另一个的每一步相比:{out}。"
        "axes=1 改为在时间步上求和,于是两者的步数必须相同({steps})。",
    ),
    "xray.concatenate.code.part": ("{part} is {input}", "{part} 来自 {input}"),
    "xray.merge.code.expand": (
        "an input with fewer axes gets size-1 axes at position 1: x.reshape(B, 1, …)",
        "轴较少的输入在位置 1 补上大小为 1 的轴：x.reshape(B, 1, …)",
    ),
    "xray.concatenate.bounded": (
        "Recomputed on the first {n} of the {batch} samples, to stay within the X-ray's memory.",
        "为了不超出 X 光的内存，只在 {batch} 个样本中的前 {n} 个上重新计算。",
    ),
    "xray.merge.bounded": (
        "Recomputed on the first {n} of the {batch} samples, to stay within the X-ray's memory.",
        "为了不超出 X 光的内存，只在 {batch} 个样本中的前 {n} 个上重新计算。",
    ),
    # -- Dot -------------------------------------------------------------------------------------
    "xray.dot.summary": (
        "Dot multiplies axis {a0} of {first} {shape1} with axis {a1} of {second} {shape2} ({D} numbers each) number "
        "by number and adds the products up, for every pair of positions of the other axes: the output {shape_out} "
        "{axes_out} holds {first}'s remaining axes, then {second}'s.",
        "Dot 把 {first} {shape1} 的第 {a0} 轴和 {second} {shape2} 的第 {a1} 轴(各 {D} 个数)逐个相乘再相加,"
        "对其余轴上的每一对位置都这样做:输出 {shape_out} {axes_out} 先是 {first} 剩下的轴,再是 {second} 剩下的轴。",
    ),
    "xray.dot.check": ("numpy dot products vs the layer's output (first {n} samples)",
                       "numpy 点积与该层输出对比(前 {n} 个样本)"),
    "xray.dot.check_pick": ("out{out} as the sum of the products shown", "out{out} 等于所示乘积之和"),
    "xray.dot.where": (
        "out{out} = Σ {first} × {second}: the {D} products added up = {value}.",
        "out{out} = Σ {first} × {second}:{D} 个乘积加起来 = {value}。",
    ),
    "xray.dot.normalized": (
        "normalize=True: {first} along axis {a0} and {second} along axis {a1} are first divided by their length (L2 "
        "norm), so each number is the cosine of the two vectors, between −1 and 1. The grid shows them divided.",
        "normalize=True:先把 {first} 沿第 {a0} 轴、{second} 沿第 {a1} 轴除以各自的长度(L2 范数),"
        "所以每个数是两个向量夹角的余弦,在 −1 和 1 之间。网格显示的是相除之后的数。",
    ),
    "xray.dot.code.unit": ("normalize=True: each vector divided by its L2 norm", "normalize=True:每个向量除以它的 L2 范数"),
    "xray.dot.code.einsum": (
        "the summed axes last, multiplied and summed: {shape_out}",
        "把求和的轴放到最后,相乘再求和:{shape_out}",
    ),
    "xray.dot.grid_terms": (
        "{first}, {second} and their products (the {D} numbers summed)",
        "{first}、{second} 以及它们的乘积(被求和的 {D} 个数)",
    ),
    "xray.merge.heat_in": ("The input {where}: the number out{out} takes from it, outlined",
                           "输入 {where}：框出 out{out} 从中取的数"),
    "xray.dot.heat_in": ("The input {where}: the vector whose dot product with the other's is out{out}, outlined",
                         "输入 {where}：框出与另一个向量的点积为 out{out} 的向量"),
    "xray.concatenate.heat_other": ("The input {where}: it fills out[…, {start}:{end}] on axis {axis}, not the "
                                    "followed number", "输入 {where}：它填入第 {axis} 轴上的 out[…, {start}:{end}]，"
                                    "不含被跟踪的数字"),
    "xray.dot.grid_out": ("Output {where}: out{at} marked", "输出 {where}:标出 out{at}"),
    "xray.dot.bounded": (
        "Recomputed on the first {n} of the {batch} samples, to stay within the X-ray's memory.",
        "为了不超出 X 光的内存,只在 {batch} 个样本中的前 {n} 个上重新计算。",
    ),
}
