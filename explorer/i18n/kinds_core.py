"""Strings of the common layer kinds (explorer/kinds/embedding, elementwise, reshaping, merging):
what their new axes mean in the legend, and the smallest fix when one cannot take its input.
Fix texts continue "Smallest fix: …"; {code} is the fix's code line."""

EN = {
    # axes legend
    "axis.vocab": "vocabulary size of {layer} (rows of its embedding table)",
    "axis.embedding": "embedding size of {layer}",
    "axis.repeat": "repeats made by {layer}",
    "axis.flattened": "{parts} flattened into one axis by {layer}",
    "axis.reshaped": "{parts} merged into one axis by {layer}",
    "axis.reshaped_new": "an axis made by {layer} (`{arg}`)",
    "axis.concatenated": "{parts} joined side by side by {layer}",
    "axis.one": "an axis of size 1 (one number) made by {layer}",
    "axis.heads": "attention heads of {layer}",
    "axis.key_dim": "size of each head's queries and keys in {layer}",
    "axis.value_dim": "size of each head's values in {layer}",
    "axis.attention_output": "output size of {layer}",
    # Reshape
    "fix.reshape_count": (
        "{layer} must keep every number: its input {shape} holds {count} per example, but {target} does not. "
        "Write -1 for one size and Keras works it out: `{code}`."
    ),
    "fix.reshape_count_flat": (
        "{layer} must keep every number: its input {shape} holds {count} per example, but {target} does not. "
        "Choose sizes that multiply to {count}, for example `{code}`."
    ),
    "fix.reshape_divide": (
        "{layer} must keep every number: its input {shape} holds {count} per example, which the known sizes of "
        "{target} ({known} together) do not divide. Choose sizes whose product divides {count}."
    ),
    "fix.reshape_one_unknown": "write -1 for at most one size in the target shape of {layer}.",
    # BatchNormalization, LayerNormalization
    "fix.norm_axis": (
        "{layer} normalizes axis {axis}, but its input {shape} has only {rank} axes (batch included): "
        "use `{code}` for the last axis."
    ),
    "fix.norm_unknown_axis": (
        "axis {axis} of the input {shape} of {layer} has no fixed size, and its weights need one: "
        "give that axis a number in the input's shape."
    ),
    # Concatenate, Add, Multiply, Average
    "fix.merge_rank": (
        "the inputs of {layer} have different numbers of axes ({shapes}): Flatten, Reshape or pool one of "
        "them so they all have the same axes."
    ),
    "fix.concat_axis_range": (
        "the inputs of {layer} have {rank} axes (batch included), so there is no axis {axis} to join along; "
        "`{code}` joins along the last axis."
    ),
    "fix.concat_other_axis": (
        "the inputs ({shapes}) differ on axis {position} ({first}: {size}, {other}: {other_size}) and agree "
        "everywhere else: join them along that axis with `{code}`."
    ),
    "fix.concat_match": (
        "make axis {position} the same size in every input of {layer} ({first}: {size}, {other}: "
        "{other_size}); only axis {axis}, the joined one, may differ."
    ),
    "fix.merge_batch": "give every input of {layer} the same batch size ({shapes}).",
    # MultiHeadAttention
    "fix.attention_unknown_features": (
        "the {role} {shape} of {layer} needs a known size on its last axis (it sizes the {role} kernel): "
        "give that axis a number in the input's shape."
    ),
    "fix.attention_key_value": (
        "the key {key} and the value {value} of {layer} must have the same positions (every axis but the last): "
        "pass the same tensor as both, or leave the key out."
    ),
    "fix.merge_project": (
        "give {other} the same number of features as {first} ({size}) with `{code}` before {layer}; "
        "or join them side by side with `layers.Concatenate()` instead."
    ),
    "fix.merge_match": (
        "make axis {position} the same size in {first} ({size}) and {other} ({other_size}) before {layer}; "
        "only a size of 1 stretches to match."
    ),
}

ZH = {
    "axis.vocab": "{layer} 的词表大小(嵌入表的行数)",
    "axis.embedding": "{layer} 的嵌入维度",
    "axis.repeat": "{layer} 的重复次数",
    "axis.flattened": "{layer} 把 {parts} 展平成的一个轴",
    "axis.reshaped": "{layer} 把 {parts} 合并成的一个轴",
    "axis.reshaped_new": "{layer} 新建的一个轴(`{arg}`)",
    "axis.concatenated": "{layer} 把 {parts} 并排拼接成的轴",
    "axis.one": "{layer} 产生的大小为 1 的轴(只有一个数)",
    "axis.heads": "{layer} 的注意力头数",
    "axis.key_dim": "{layer} 中每个头的查询和键的大小",
    "axis.value_dim": "{layer} 中每个头的值的大小",
    "axis.attention_output": "{layer} 的输出大小",
    "fix.reshape_count": (
        "{layer} 必须保留每一个数:输入 {shape} 每个样本有 {count} 个数,但 {target} 装不下这么多。"
        "把其中一个大小写成 -1,由 Keras 自己算出:`{code}`。"
    ),
    "fix.reshape_count_flat": (
        "{layer} 必须保留每一个数:输入 {shape} 每个样本有 {count} 个数,但 {target} 装不下这么多。"
        "选乘积等于 {count} 的大小,例如 `{code}`。"
    ),
    "fix.reshape_divide": (
        "{layer} 必须保留每一个数:输入 {shape} 每个样本有 {count} 个数,"
        "而 {target} 中已知大小的乘积 {known} 不能整除它。请选乘积能整除 {count} 的大小。"
    ),
    "fix.reshape_one_unknown": "{layer} 的目标形状中最多只能有一个大小写成 -1。",
    "fix.norm_axis": (
        "{layer} 要归一化第 {axis} 轴,但它的输入 {shape} 只有 {rank} 个轴(含批轴):"
        "用 `{code}` 表示最后一个轴。"
    ),
    "fix.norm_unknown_axis": (
        "{layer} 的输入 {shape} 的第 {axis} 轴没有固定大小,而它的权重需要这个大小:"
        "在输入的形状里给这个轴写一个数字。"
    ),
    "fix.merge_rank": "{layer} 的各个输入轴数不同({shapes}):对其中一个做 Flatten、Reshape 或池化,让它们的轴一致。",
    "fix.concat_axis_range": (
        "{layer} 的输入只有 {rank} 个轴(含批轴),没有第 {axis} 轴可以拼接;"
        "`{code}` 沿最后一个轴拼接。"
    ),
    "fix.concat_other_axis": (
        "各输入({shapes})只在第 {position} 轴上不同({first}:{size},{other}:{other_size}),"
        "其他轴都一致:用 `{code}` 沿这个轴拼接。"
    ),
    "fix.concat_match": (
        "让 {layer} 的每个输入在第 {position} 轴上大小相同({first}:{size},{other}:{other_size});"
        "只有被拼接的第 {axis} 轴可以不同。"
    ),
    "fix.merge_batch": "让 {layer} 的每个输入批大小相同({shapes})。",
    "fix.attention_unknown_features": (
        "{layer} 的 {role} {shape} 最后一个轴需要确定的大小(它决定 {role} 核的形状):"
        "在输入的形状里给这个轴写一个数字。"
    ),
    "fix.attention_key_value": (
        "{layer} 的键 {key} 和值 {value} 必须有相同的位置(除最后一个轴外都相同):"
        "把同一个张量同时作为两者传入,或者不传键。"
    ),
    "fix.merge_project": (
        "在 {layer} 之前用 `{code}` 让 {other} 的特征数与 {first} 相同({size});"
        "或者改用 `layers.Concatenate()` 把它们并排拼接。"
    ),
    "fix.merge_match": (
        "在 {layer} 之前让 {first}({size})和 {other}({other_size})的第 {position} 轴大小相同;"
        "只有大小为 1 的轴会自动扩展。"
    ),
}
