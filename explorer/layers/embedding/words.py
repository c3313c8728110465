"""The words of Embedding: axis meanings and fixes (kinds.py), X-rays and common mistakes (xray.py),
each key with its English and its Chinese side by side. Placeholders use str.format names; numbers
are formatted by the caller.
"""

WORDS: dict[str, tuple[str, str]] = {
    # axes legend
    "axis.vocab": ("vocabulary size of {layer} (rows of its embedding table)", "{layer} 的词表大小(嵌入表的行数)"),
    "axis.embedding": ("embedding size of {layer}", "{layer} 的嵌入维度"),
    # Embedding
    "xray.embedding.summary": (
        "{layer} has a table E of V = {V} rows × E = {E} numbers and multiplies nothing: each id of x {named} = "
        "{shape} picks one row, out[b, t] = E[ids[b, t]], so out {out_named} = {out}. The same as one_hot(ids) @ E, "
        "without ever making the one-hot matrix.",
        "{layer} 有一张 V = {V} 行 × E = {E} 个数的表 E，不做任何乘法：x {named} = {shape} 中每个编号取出一行，"
        "out[b, t] = E[ids[b, t]]，所以输出 {out_named} = {out}。这与 one_hot(ids) @ E 相同，只是从不构造独热矩阵。",
    ),
    "xray.embedding.check_lookup": (
        "np.take(E, ids, axis=0), against the layer's output ({n} of {B} samples)",
        "np.take(E, ids, axis=0)，与该层输出比较（{B} 个样本中的前 {n} 个）",
    ),
    "xray.embedding.check_onehot": (
        "one_hot(first {n} ids of sample 0) @ E, against the layer's output",
        "one_hot(样本 0 的前 {n} 个编号) @ E，与该层输出比较",
    ),
    "xray.embedding.grid_ids": ("the ids, around the followed id {token} at {index}", "编号，跟踪位置 {index} 处的编号 {token}"),
    "xray.embedding.grid_row": (
        "E, rows around {token}: row {token} is what the id selects",
        "E 中 {token} 附近的行：第 {token} 行就是这个编号选中的行",
    ),
    "xray.embedding.grid_output": (
        "the layer's output: row {index} is row {token} of E; its number {unit} marked",
        "该层的输出：第 {index} 行就是 E 的第 {token} 行；标出其中第 {unit} 个数",
    ),
    "xray.embedding.follow": (
        "Follow out{index}: the id there is {token}, so the output is row {token} of E; its number {unit} is "
        "{value}. The layer says {layer_value}.",
        "跟踪 out{index}：那里的编号是 {token}，所以输出是 E 的第 {token} 行；其中第 {unit} 个数是 {value}。"
        "该层给出 {layer_value}。",
    ),
    "xray.embedding.onehot_memory": (
        "one_hot @ E was computed for the first {n} ids of sample 0, reading E in {blocks} block(s) of {rows} rows: "
        "at most {peak} held at once (E itself is {table}). A one-hot of the whole batch, {count} ids × V = {V}, "
        "would take {full}.",
        "one_hot @ E 只对样本 0 的前 {n} 个编号计算，把 E 分成 {blocks} 块、每块 {rows} 行读取："
        "同时最多占用 {peak}（E 本身是 {table}）。整个批次的独热矩阵（{count} 个编号 × V = {V}）需要 {full}。",
    ),
    "xray.embedding.samples": (
        "The lookup was recomputed on the first {n} of the {B} samples, to bound memory.",
        "查表只在 {B} 个样本中的前 {n} 个上重算，以限制内存。",
    ),
    # comments of the numpy code (numbers given as text, as the code writes them)
    "xray.embedding.code.onehot": (
        "the same, as one_hot(ids) @ E, for the first {n} ids of sample 0, E read {rows} "
        "rows at a time",
        "同样的结果写成 one_hot(ids) @ E：样本 0 的前 {n} 个编号，E 每次读 {rows} 行",
    ),
    "xray.embedding.code.block": ("(rows, {E})", "(行数, {E})"),
    "xray.embedding.code.onehot_block": ("({n}, rows)", "({n}, 行数)"),
    "mistake.token_out_of_range.code.rows": ("rows 0 … {last}", "第 0 … {last} 行"),
    "mistake.token_out_of_range.code.no_row": ("id {V} has no row", "编号 {V} 没有对应的行"),
    # mistakes
    "mistake.token_out_of_range.title": (
        "A token id equal to the vocabulary size: id {V} in {layer}",
        "词元编号等于词表大小：{layer} 中的编号 {V}",
    ),
    "mistake.token_out_of_range.why": (
        "Embedding({V}, …) has rows 0 … {last}: id {V} has no row, so the lookup fails. input_dim must be the "
        "largest id + 1.",
        "Embedding({V}, …) 只有第 0 … {last} 行：编号 {V} 没有对应的行，所以查表失败。input_dim 必须是最大编号 + 1。",
    ),
}
