"""The words of MultiHeadAttention, Attention and AdditiveAttention: axis meanings and fixes (kinds.py), X-rays and common mistakes
(xray.py), each key with its English and its Chinese side by side. Placeholders use str.format
names; numbers are formatted by the caller.
"""

WORDS: dict[str, tuple[str, str]] = {
    "axis.heads": ("attention heads of {layer}", "{layer} 的注意力头数"),
    "axis.key_dim": ("size of each head's queries and keys in {layer}", "{layer} 中每个头的查询和键的大小"),
    "axis.value_dim": ("size of each head's values in {layer}", "{layer} 中每个头的值的大小"),
    "axis.attention_output": ("output size of {layer}", "{layer} 的输出大小"),
    # MultiHeadAttention
    "fix.attention_unknown_features": (
        "the {role} {shape} of {layer} needs a known size on its last axis (it sizes the {role} kernel): "
        "give that axis a number in the input's shape.",
        "{layer} 的 {role} {shape} 最后一个轴需要确定的大小(它决定 {role} 核的形状):"
        "在输入的形状里给这个轴写一个数字。",
    ),
    "fix.attention_key_value": (
        "the key {key} and the value {value} of {layer} must have the same positions (every axis but the last): "
        "pass the same tensor as both, or leave the key out.",
        "{layer} 的键 {key} 和值 {value} 必须有相同的位置(除最后一个轴外都相同):"
        "把同一个张量同时作为两者传入,或者不传键。",
    ),
    # Attention, AdditiveAttention
    "fix.score_attention_count": (
        "{layer} takes a list of two or three tensors, [query, value] or [query, value, key], and {count} flow in "
        "({shapes}).",
        "{layer} 接受两个或三个张量的列表:[query, value] 或 [query, value, key],而流入的有 {count} 个({shapes})。",
    ),
    "fix.score_attention_rank": (
        "give every input of {layer} the shape (batch, steps, features), the same axes before the steps ({shapes}): "
        "a sequence layer with return_sequences=True keeps the steps.",
        "让 {layer} 的每个输入都是 (batch, steps, features) 的形状,步之前的轴也相同({shapes}):"
        "带 return_sequences=True 的序列层会保留时间步。",
    ),
    "fix.score_attention_steps": (
        "the key and the value of {layer} must have the same number of steps ({shapes}): pass the same tensor as both, "
        "or leave the key out.",
        "{layer} 的键和值必须有相同的步数({shapes}):把同一个张量同时作为两者传入,或者不传键。",
    ),
    "fix.score_attention_features": (
        "{layer} compares the query with the {role} feature by feature: give the {role} the query's {size} features "
        "({other_size} now), for example with `{code}`.",
        "{layer} 逐个特征地比较 query 和 {role}:让 {role} 也有 query 的 {size} 个特征(现在是 {other_size}),"
        "例如用 `{code}`。",
    ),
    # -- MultiHeadAttention ----------------------------------------------------------------------
    "xray.attention.summary": (
        "MultiHeadAttention with {N} heads of key_dim {K} (value_dim {Kv}): each of the T = {T} query positions of "
        "{query} takes a weighted average of the S = {S} value positions of {value}, per head, then the heads are "
        "mixed into the output {out} {axes}.",
        "MultiHeadAttention 有 {N} 个头，key_dim 为 {K}（value_dim 为 {Kv}）：{query} 的 T = {T} 个查询位置，在每个头里"
        "各自对 {value} 的 S = {S} 个值位置取加权平均，然后把各头混合成输出 {out} {axes}。",
    ),
    "xray.attention.summary_self": (
        "Self-attention, MultiHeadAttention with {N} heads of key_dim {K} (value_dim {Kv}): each of the T = {T} "
        "positions of {query} takes a weighted average of all S = {S} positions of the same tensor, per head, then "
        "the heads are mixed into the output {out} {axes}.",
        "自注意力，MultiHeadAttention 有 {N} 个头，key_dim 为 {K}（value_dim 为 {Kv}）：{query} 的 T = {T} 个位置，"
        "在每个头里各自对同一张量的全部 S = {S} 个位置取加权平均，然后把各头混合成输出 {out} {axes}。",
    ),
    "xray.attention.check": ("numpy attention vs the layer's output ({n} samples)", "numpy 注意力与该层输出对比（{n} 个样本）"),
    "xray.attention.check_weights": (
        "numpy softmax weights vs Keras's own (return_attention_scores=True), {n} samples",
        "numpy softmax 权重与 Keras 自己给出的权重（return_attention_scores=True）对比，{n} 个样本",
    ),
    "xray.attention.check_sums": (
        "Keras's weights of each query add up to 1 (largest |sum − 1|)",
        "Keras 给出的每个查询的权重之和为 1（最大的 |和 − 1|）",
    ),
    "xray.attention.where": (
        "out{out} belongs to query position {t}. In head {head} that position gives its largest weight, {weight}, to "
        "key position {top} (an even spread over {S} positions would be {uniform} each).",
        "out{out} 属于查询位置 {t}。在头 {head} 中，这个位置把最大的权重 {weight} 给了键位置 {top}"
        "（若平均分给 {S} 个位置，每个是 {uniform}）。",
    ),
    "xray.attention.no_mask": (
        "Here the layer is called without attention_mask and without use_causal_mask (like the forward pass this "
        "X-ray reads): every query position sees every key position.",
        "这里调用该层时没有 attention_mask，也没有 use_causal_mask（与本 X 光读取的前向计算相同）：每个查询位置都能看到每个键位置。",
    ),
    "xray.attention.unchecked_axes": (
        "This layer attends over the axes {axes} only; the X-ray recomputes attention over all middle axes, so "
        "nothing is checked here.",
        "这一层只在轴 {axes} 上做注意力；X 光按全部中间轴重新计算，因此这里不做核对。",
    ),
    "xray.attention.bounded": (
        "Recomputed on {n} of the {batch} samples (sample {b}, the followed one, included), to stay within the "
        "X-ray's memory.",
        "为了不超出 X 光的内存，只在 {batch} 个样本中的 {n} 个上重新计算（包括被跟踪的样本 {b}）。",
    ),
    "xray.attention.dropout": (
        "dropout={rate} drops attention weights only in training; called with training=False, nothing is dropped.",
        "dropout={rate} 只在训练时丢弃注意力权重；以 training=False 调用时什么也不丢弃。",
    ),
    "xray.attention.flattened": (
        "The middle axes of {query} are attended over together: numbered row by row as T = {T} query positions and "
        "S = {S} key positions.",
        "{query} 的各中间轴一起参与注意力：逐行编号为 T = {T} 个查询位置和 S = {S} 个键位置。",
    ),
    "xray.attention.grid_head": (
        "Attention weights {where} (query × key positions): the row of query {t} marked",
        "注意力权重 {where}（查询 × 键位置）：标出查询 {t} 所在的行",
    ),
    "xray.attention.grid_heads": (
        "Query {t}'s weights in every head (head × key position): the column of key {top} marked",
        "查询 {t} 在每个头中的权重（头 × 键位置）：标出键 {top} 所在的列",
    ),
    "xray.attention.grid_out": ("Output {where}: out{at} marked", "输出 {where}：标出 out{at}"),
    # -- Attention, AdditiveAttention ------------------------------------------------------------
    "xray.score_attention.summary_dot": (
        "{cls} (Luong, dot product): each of the {T} query steps of {query} scores each of the {S} value steps of "
        "{value} by a dot product with its key, turns the scores into weights with a softmax, and takes the weighted "
        "sum of the value steps: the output {out} {axes}. No projection: the scores use the inputs as they are.",
        "{cls}(Luong,点积):{query} 的 {T} 个查询步,用与键的点积给 {value} 的 {S} 个值步打分,"
        "用 softmax 把分数变成权重,再对值步加权求和:输出 {out} {axes}。没有投影:分数直接用输入本身计算。",
    ),
    "xray.score_attention.summary_concat": (
        "{cls} with score_mode=\"concat\": each of the {T} query steps of {query} scores each of the {S} value steps "
        "of {value} by the sum of tanh(query + key) over the features, turns the scores into weights with a softmax, "
        "and takes the weighted sum of the value steps: the output {out} {axes}.",
        "{cls}(score_mode=\"concat\"):{query} 的 {T} 个查询步,用 tanh(query + key) 在特征上的和给 {value} 的 "
        "{S} 个值步打分,用 softmax 把分数变成权重,再对值步加权求和:输出 {out} {axes}。",
    ),
    "xray.score_attention.summary_additive": (
        "{cls} (Bahdanau, additive): each of the {T} query steps of {query} scores each of the {S} value steps of "
        "{value} by the sum of scale × tanh(query + key) over the features, turns the scores into weights with a "
        "softmax, and takes the weighted sum of the value steps: the output {out} {axes}.",
        "{cls}(Bahdanau,加性):{query} 的 {T} 个查询步,用 scale × tanh(query + key) 在特征上的和给 {value} 的 "
        "{S} 个值步打分,用 softmax 把分数变成权重,再对值步加权求和:输出 {out} {axes}。",
    ),
    "xray.score_attention.check": ("numpy attention vs the layer's output ({n} query sequences)",
                                   "numpy 注意力与该层输出对比({n} 个查询序列)"),
    "xray.score_attention.check_weights": (
        "numpy softmax weights vs Keras's own (return_attention_scores=True), {n} query sequences",
        "numpy softmax 权重与 Keras 自己给出的权重(return_attention_scores=True)对比,{n} 个查询序列",
    ),
    "xray.score_attention.check_returned": (
        "numpy softmax weights vs the layer's second output (return_attention_scores=True), {n} query sequences",
        "numpy softmax 权重与该层的第二个输出(return_attention_scores=True)对比,{n} 个查询序列",
    ),
    "xray.score_attention.check_pick": ("out{out} as the sum of the weighted values shown",
                                        "out{out} 等于所示加权值之和"),
    "xray.score_attention.where": (
        "out{out} belongs to query step {t}. Its softmax weights over the {S} value steps add up to 1; the largest, "
        "{weight}, goes to step {top} (an even spread would give {uniform} each). out{out} = Σ a × {value} = {total}.",
        "out{out} 属于查询步 {t}。它在 {S} 个值步上的 softmax 权重之和为 1;最大的权重 {weight} 给了第 {top} 步"
        "(平均分配时每步 {uniform})。out{out} = Σ a × {value} = {total}。",
    ),
    "xray.score_attention.key_is_value": (
        "Called with [query, value]: the value is also the key.",
        "以 [query, value] 调用:值同时也是键。",
    ),
    "xray.score_attention.dropout": (
        "dropout={rate} drops attention weights only in training; called with training=False, nothing is dropped.",
        "dropout={rate} 只在训练时丢弃注意力权重;以 training=False 调用时什么也不丢弃。",
    ),
    "xray.score_attention.scale": (
        "use_scale=True: the scores are multiplied by the learned weight scale ({scale}), read from the layer.",
        "use_scale=True:分数乘以学到的权重 scale({scale}),从该层读取。",
    ),
    "xray.score_attention.concat": (
        "score_mode=\"concat\": the summed tanh is multiplied by the learned weight concat_score_weight, c = {c}.",
        "score_mode=\"concat\":tanh 之和乘以学到的权重 concat_score_weight,c = {c}。",
    ),
    "xray.score_attention.lead": (
        "The axes {axes} before the steps are taken one by one: each of their positions attends on its own.",
        "步之前的轴 {axes} 逐个处理:它们的每个位置各自做注意力。",
    ),
    "xray.score_attention.bounded": (
        "Recomputed on {n} of the {rows} query sequences (the followed one included), to stay within the X-ray's "
        "memory.",
        "为了不超出 X 光的内存,只在 {rows} 个查询序列中的 {n} 个上重新计算(包括被跟踪的那个)。",
    ),
    "xray.score_attention.code.softmax": ("over the value steps: each row adds up to 1",
                                          "在值步上做:每一行之和为 1"),
    "xray.score_attention.grid_steps": (
        "Query step {t} against the {S} value steps: s its scores, a their softmax weights (the largest marked), "
        "v = {value}, and a × v, whose sum is the followed number",
        "查询步 {t} 对 {S} 个值步:s 是分数,a 是 softmax 权重(标出最大的),v = {value},a × v 之和就是跟踪的数",
    ),
    "xray.score_attention.grid_out": ("Output {where}: out{at} marked", "输出 {where}:标出 out{at}"),
    "xray.attention.heat_head": (
        "Attention weights of head {head} for sample {b} (query steps × value steps): query step {t}'s row outlined",
        "样本 {b} 上第 {head} 个头的注意力权重（查询步 × 值的步）：框出查询步 {t} 的那一行",
    ),
    "xray.attention.heat_heads": (
        "Query step {t}'s weights in every head for sample {b}: head 0, the one above, outlined",
        "样本 {b} 上查询步 {t} 在每个头中的权重：框出第 0 个头，即上图那个",
    ),
    "xray.attention.heat_out": ("The output around out{index}, outlined", "out{index} 附近的输出，已框出"),
    "xray.score_attention.heat_weights": (
        "Attention weights [{where}] (query steps × value steps): query step {t}'s row outlined",
        "注意力权重 [{where}]（查询步 × 值的步）：框出查询步 {t} 的那一行",
    ),
    "xray.score_attention.heat_value": (
        "The value [{where}]: feature {f}, which the weights mix, outlined",
        "值 [{where}]：框出被这些权重混合的特征 {f}",
    ),
}
