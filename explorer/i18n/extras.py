"""Strings of the "what changed", code export and share-link panels (and the exported code's comments)."""

EN = {
    "changes.header": "What changed",
    "changes.first": "Change a setting in the sidebar to see what moves, layer by layer.",
    "changes.settings": "You changed {settings}.",
    "changes.dims": "Named dimensions: {dims}.",
    "changes.shape_moved": "`{layer}` output {before} → {after} {named}",
    "changes.shape_kept": "`{layer}` output stays {shape}",
    "changes.params": "parameters {before} → {after} ({delta})",
    "changes.weights": "weights {weights}",
    "changes.unchanged": "Did not move: {layers}.",
    "changes.total": "Total parameters {before} → {after} ({delta}).",
    "code.header": "The code: this model in Keras 3",
    "code.caption": (
        "Runs as is on Keras 3: no input_length (the sequence length goes to keras.Input), no undefined names, "
        "the same layer names as the table. Each layer's comment gives its output shape in named dimensions. "
        "Copy it with the button at the top right of the code, or download it."
    ),
    "code.download": "Download model.py",
    "code.docstring": "The tagger from Keras Shape Explorer with this configuration; runs as is on Keras 3.",
    "code.dims_header": "Named dimensions (the same letters as in the app's table and diagram):",
    "code.batch_note": "batch_size= fixes B; without it model.summary() shows None for B: any batch size.",
    "code.params": "{params} parameters",
    "code.features_concat": "F = 2H (concat joins both directions)",
    "code.features_other": "F = H ({mode} combines both directions)",
    "share.header": "Share this page",
    "share.caption": "This link opens the page with all the settings above and the language:",
    "share.no_url": "The page address is unknown here: add this to the end of the app's address.",
}

ZH = {
    "changes.header": "改了什么",
    "changes.first": "在侧边栏修改一个参数，就能逐层看到哪些形状和参数跟着变化。",
    "changes.settings": "你修改了 {settings}。",
    "changes.dims": "命名维度：{dims}。",
    "changes.shape_moved": "`{layer}` 输出 {before} → {after} {named}",
    "changes.shape_kept": "`{layer}` 输出保持 {shape}",
    "changes.params": "参数量 {before} → {after}（{delta}）",
    "changes.weights": "权重 {weights}",
    "changes.unchanged": "没有变化的层：{layers}。",
    "changes.total": "总参数量 {before} → {after}（{delta}）。",
    "code.header": "代码：这个模型的 Keras 3 写法",
    "code.caption": (
        "可在 Keras 3 上直接运行：没有 input_length（序列长度交给 keras.Input），没有未定义的名字，"
        "层名与上表一致。每一层的注释用命名维度给出它的输出形状。点代码右上角的按钮复制，或下载。"
    ),
    "code.download": "下载 model.py",
    "code.docstring": "Keras 形状探索器中的序列标注模型，使用当前配置；可在 Keras 3 上直接运行。",
    "code.dims_header": "命名维度（与应用中表格和图示的字母相同）：",
    "code.batch_note": "batch_size= 固定了 B；不写它时 model.summary() 中 B 显示为 None，表示任意批大小。",
    "code.params": "{params} 个参数",
    "code.features_concat": "F = 2H（concat 把两个方向拼接起来）",
    "code.features_other": "F = H（{mode} 把两个方向合成一个）",
    "share.header": "分享此页面",
    "share.caption": "打开这个链接会恢复上面的全部参数和语言：",
    "share.no_url": "这里无法得知页面地址：把下面这段加到应用地址的末尾。",
}
