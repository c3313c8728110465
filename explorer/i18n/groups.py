"""Strings about layers Keras counts as one (a model called as a layer, a backbone, a custom layer, a subclassed
model), about the parts of the code that could not be read (an incomplete model) and about input shapes the
learner gave in the sidebar: in the summary, the layer table and the diagram. Key -> (English, 中文).
"""

WORDS: dict[str, tuple[str, str]] = {
    # the summary above the panels, when the code holds more of the model than could be read
    "groups.summary_partial": (
        "Layers read: **{layers}**; **at least {params}** parameters: the code at {lines} could not be read, so "
        "the model is incomplete and this is not its whole total. Batch size **{batch}**{batch_source}.",
        "已读取 **{layers}** 层，**至少 {params}** 个参数：{lines}的代码无法读取，所以模型不完整，"
        "这不是它的全部参数量。批大小 **{batch}**{batch_source}。",
    ),
    "groups.summary_inside": (
        " Of these, {inside} sit inside {groups} group(s) that Keras lists as one layer each in model.summary(); "
        "every layer is counted once here.",
        " 其中 {inside} 层位于 {groups} 个组内，这些组在 model.summary() 中各显示为一层；这里每一层只计一次。",
    ),
    "groups.line_one": ("line {line}", "第 {line} 行"),
    "groups.line_many": ("lines {lines}", "第 {lines} 行"),
    # the layer table
    "groups.table_total": (
        "At least **{total}** parameters: the code at {lines} could not be read, so the model is incomplete "
        "and this is not its whole total.",
        "至少 **{total}** 个参数：{lines}的代码无法读取，所以模型不完整，这不是它的全部参数量。",
    ),
    "groups.table_sum": (
        "the sum of the {count} layers inside (open the row to see them)",
        "内部 {count} 层之和（展开这一行即可看到）",
    ),
    "groups.table_caption": (
        "A row with ▸ is one layer to Keras (as model.summary() prints it) holding other layers: click or tap its "
        "name to show the layers inside, each with its own shapes and parameters. The total counts each layer once.",
        "带 ▸ 的行在 Keras 中算作一层（与 model.summary() 的显示一致），里面还有其他层：点击或轻点它的名字即可展开，"
        "看到里面每一层各自的形状和参数。合计中每一层只计一次。",
    ),
    "groups.gap_row": ("⋯ not read (line {line})", "⋯ 未读取（第 {line} 行）"),
    "groups.gap_why": (
        "The code at line {line} could not be read (see the note at that line): the model goes on there, "
        "and what it adds is not in this table.",
        "第 {line} 行的代码无法读取（见该行的提示）：模型在那里还有内容，它添加的部分不在此表中。",
    ),
    "groups.assumed": (
        "✎ shape given by you in the sidebar, not by the code",
        "✎ 这个形状由你在侧栏给出，而不是来自代码",
    ),
    "groups.given": ("⚠ shape given, not checked (see the note at its line)", "⚠ 给定的形状，未经检查（见该行的提示）"),
    "groups.given_why": (
        "⚠ shape given, not checked: the page cannot run this layer's function, and Keras builds the model with "
        "the shape the code gives (see the note at its line)",
        "⚠ 给定的形状，未经检查：页面无法运行这一层的函数，Keras 按代码给出的形状构建模型（见该行的提示）",
    ),
    # the diagram
    "groups.diagram_given": ("⚠ shape given, not checked", "⚠ 给定的形状，未经检查"),
    "groups.diagram_inside": ("{count} layers inside", "内部 {count} 层"),
    "groups.diagram_open_hint": (
        "click or tap to draw the layers inside",
        "点击或轻点即可画出里面的各层",
    ),
    "groups.diagram_gap": ("not read: line {line}", "未读取：第 {line} 行"),
    "groups.diagram_gap_why": (
        "the model goes on in code that could not be read",
        "模型在无法读取的代码中继续",
    ),
    "groups.diagram_assumed": ("✎ shape you gave", "✎ 你给出的形状"),
    "groups.diagram_assumed_where": ("(in the sidebar)", "（在侧栏中）"),
    "groups.diagram_open": (
        "Groups drawn open (click or tap a group's box to open it)",
        "展开绘制的组（点击或轻点组的方框即可展开）",
    ),
}
