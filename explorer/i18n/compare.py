"""Strings of the "what changed" panel (explorer/ui/compare_panel.py), for any model. Each key with its English
and its Chinese side by side. Placeholders use str.format names; numbers are formatted by the caller.
"""

WORDS: dict[str, tuple[str, str]] = {
    "compare.header": ("What changed since the last run", "与上一次运行相比改了什么"),
    "compare.first": (
        "Move a number in the sidebar or edit the code: what moves, layer by layer, shows here.",
        "在侧边栏修改一个数字或编辑代码后，这里会逐层显示哪些地方跟着变了。",
    ),
    "compare.same": (
        "The last edit changed no shape, parameter, argument or named axis.",
        "上一次修改没有改变任何形状、参数量、层参数或命名维度。",
    ),
    "compare.new_model": (
        "A new model: its layers are not versions of the last run's, so nothing is paired. Move a number or "
        "edit this model's code, and what moves shows here.",
        "这是一个新模型：它的层不是上一次运行那些层的新版本，所以不作对比。修改一个数字或编辑这个模型的代码后，"
        "这里会显示哪些地方跟着变了。",
    ),
    "compare.col.layer": ("layer", "层"),
    "compare.col.class": ("class", "类"),
    "compare.col.output": ("output shape", "输出形状"),
    "compare.col.axes": ("output axes", "输出维度"),
    "compare.col.params": ("parameters", "参数量"),
    "compare.col.delta": ("change", "变化"),
    "compare.col.weights": ("weights that changed", "变化的权重"),
    "compare.col.args": ("arguments that changed", "变化的层参数"),
    "compare.ref": (
        "{name} ({cls}, output {shape}, {params} parameters)",
        "{name}（{cls}，输出 {shape}，{params} 个参数）",
    ),
    "compare.more": ("and {count} more", "另有 {count} 个"),
    "compare.added": ("Added: {layers}.", "新增：{layers}。"),
    "compare.removed": ("Removed: {layers}.", "删除：{layers}。"),
    "compare.unreached": (
        "Not reached any more (the model now stops at its first error): "
        "{layers}.",
        "现在到不了这些层（模型在第一个错误处停下）：{layers}。",
    ),
    "compare.reached": (
        "Reached again (the model no longer stops before them): {layers}.",
        "重新到达这些层（模型不再在它们之前停下）：{layers}。",
    ),
    "compare.axes_moved": ("Named axes that moved: {axes}.", "大小变化的命名维度：{axes}。"),
    "compare.axes_appeared": ("New named axes: {axes}.", "新出现的命名维度：{axes}。"),
    "compare.axes_vanished": ("Named axes gone: {axes}.", "消失的命名维度：{axes}。"),
    "compare.batch": ("Batch size B: {before} → {after}.", "批大小 B：{before} → {after}。"),
    "compare.failure_appeared": ("The model now fails at {layer}.", "模型现在在 {layer} 处出错。"),
    "compare.failure_gone": (
        "The model no longer fails (it failed at {layer}).",
        "模型不再出错（之前在 {layer} 处出错）。",
    ),
    "compare.failure_moved": (
        "The first error moved from {before} to {after}.",
        "第一个错误从 {before} 移到了 {after}。",
    ),
    "compare.unchanged": ("{count} other layer(s) did not move.", "其余 {count} 层没有变化。"),
    "compare.total": ("Total parameters: {before} → {after} ({delta}).", "总参数量：{before} → {after}（{delta}）。"),
    "compare.total_partial": (
        "Parameters of the layers described (up to the first error): "
        "{before} → {after} ({delta}).",
        "已描述各层（到第一个错误为止）的参数量："
        "{before} → {after}（{delta}）。",
    ),
}
