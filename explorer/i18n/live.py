"""Strings of the live section (explorer/ui/live_panel.py): panels computed when opened, the X-ray. Each key with
its English and its Chinese side by side. Placeholders use str.format names; numbers are formatted by the
caller.
"""

WORDS: dict[str, tuple[str, str]] = {
    "live.header": ("Live numbers: this model's real tensors and weights", "实时数字：这个模型真实的张量和权重"),
    "live.intro": (
        "Each panel below runs this model on a seeded batch and recomputes a layer by hand from its real weights. "
        "They are computed when you open them.",
        "下面每个面板都会在一个固定种子的批次上运行这个模型，并用真实权重手算某一层。打开面板时才计算。",
    ),
    "live.given_standin": (
        "{names}: a shape given, not checked. The page never runs your function, so here it gives a fixed stand-in "
        "tensor of that shape (the same for every sample). Every layer after it is recomputed exactly, but on the "
        "stand-in's numbers, not on what your function would give.",
        "{names}：给定的形状，未经检查。页面从不运行你的函数，所以这里用一个该形状的固定替身张量（每个样本都相同）。"
        "它后面的每一层都精确重算，但算的是替身的数值，而不是你的函数实际会给出的数值。",
    ),
    "live.skip_failure": (
        "The live panels need a model that builds: fix the layer named above first.",
        "实时面板需要一个能构建的模型：请先修正上面指出的那一层。",
    ),
    "live.skip_memory": (
        "The live panels are skipped: this model needs about {need} MB for its weights and one forward pass, "
        "over the budget of {limit} MB.",
        "跳过实时面板：这个模型的权重和一次前向传播大约需要 {need} MB，超过了 {limit} MB 的预算。",
    ),
    "live.skip_compute": (
        "The live panels are skipped: one forward pass of this model would take about {cost} steps of work "
        "(layer calls and recurrent time steps), over the budget of {limit}. The shapes above need no forward pass.",
        "跳过实时面板：这个模型一次前向传播大约需要 {cost} 步工作（层调用和循环层的时间步），超过了 {limit} 的预算。"
        "上面的形状不需要前向传播。",
    ),
    "live.xray.header": ("X-ray: recompute any layer by hand from its real weights", "X 光：用真实权重手算任意一层"),
    "live.xray.none": ("No layer of this model has an X-ray yet.", "这个模型还没有任何一层有 X 光。"),
    "live.xray.layer": ("Layer", "层"),
    "live.xray.cut_rows": ("({shown_rows} of {rows} rows shown)", "（显示 {rows} 行中的 {shown_rows} 行）"),
    "live.xray.cut_cols": ("({shown_cols} of {cols} columns shown)", "（显示 {cols} 列中的 {shown_cols} 列）"),
    "live.xray.cut_both": ("({shown_rows} of {rows} rows and {shown_cols} of {cols} columns shown)",
                           "（显示 {rows} 行中的 {shown_rows} 行、{cols} 列中的 {shown_cols} 列）"),
    "live.xray.follow": ("Follow one output number", "跟踪一个输出数字"),
    "live.xray.heat_caption": (
        "Heatmaps of the real tensors this recomputation uses; the outlined cells are where the followed number "
        "comes from or where it lands. Hover over or tap a cell for its value; the exact numbers are in the tables "
        "below.",
        "这次重算用到的真实张量的热力图；框出的格子是被跟踪的数字的来源或位置。悬停或轻点格子可看数值；精确的数字在下面的表格里。",
    ),
    "live.xray.heat_in": ("The input {where} around x{at}: what the followed number reads is outlined",
                          "输入 {where}（x{at} 附近）：框出被跟踪的数字读取的部分"),
    "live.xray.heat_out": ("The output {where}: out{at} outlined", "输出 {where}：框出 out{at}"),
    "live.xray.heat_cut_rows": ("rows {first_row}–{last_row} of {rows} shown", "显示 {rows} 行中的第 {first_row}–{last_row} 行"),
    "live.xray.heat_cut_cols": ("columns {first_col}–{last_col} of {cols} shown",
                                "显示 {cols} 列中的第 {first_col}–{last_col} 列"),
    "live.xray.heat_cut_both": (
        "rows {first_row}–{last_row} of {rows} and columns {first_col}–{last_col} of {cols} shown",
        "显示 {rows} 行中的第 {first_row}–{last_row} 行、{cols} 列中的第 {first_col}–{last_col} 列",
    ),
    "live.xray.index": ("index on {axis} (0 … {size} − 1)", "{axis} 上的索引（0 … {size} − 1）"),
    "live.col.what": ("recomputation", "重算方式"),
    "live.col.diff": ("max |difference|", "最大 |差异|"),
    "live.col.size": ("numbers compared", "比较的数字个数"),
    "live.col.ok": ("result", "结果"),
    "live.ok": ("same numbers", "数字相同"),
    "live.not_ok": ("differs", "不同"),
    "live.tolerance": (
        "Differences below 1e-5 are float32 round-off: the two computations are the same. "
        "The recomputation uses float64.",
        "小于 1e-5 的差异是 float32 舍入误差：两种计算是一样的。重算使用 float64。",
    ),
}
