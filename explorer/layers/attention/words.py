"""The words of MultiHeadAttention: axis meanings and fixes (kinds.py), X-rays and common mistakes
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
}
