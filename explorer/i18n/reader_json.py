"""Messages of the Keras JSON config and .keras file readers (explorer/reader/keras_json.py, keras_file.py). Each
key with its English and its Chinese side by side. Placeholders use str.format names; numbers are formatted by
the caller.
"""

WORDS: dict[str, tuple[str, str]] = {
    # the text itself
    "json.input_type": (
        "Expected the text of a Keras model config (model.to_json()).",
        "需要 Keras 模型配置的文本（model.to_json() 的输出）。",
    ),
    "json.too_big": (
        "The config is {size} characters long; the limit is {limit}.",
        "配置长 {size} 个字符，上限为 {limit}。",
    ),
    "json.syntax": (
        "This is not valid JSON: {message} (line {line}, column {col}).",
        "这不是有效的 JSON：{message}（第 {line} 行，第 {col} 列）。",
    ),
    "json.too_many_objects": (
        "The config holds more than {limit} objects and lists; a model config needs "
        "far fewer.",
        "配置中的对象和列表超过 {limit} 个；模型配置远用不到这么多。",
    ),
    "json.too_deep": (
        "The JSON is nested more than {limit} levels deep; a model config needs far fewer.",
        "JSON 嵌套超过 {limit} 层；模型配置远用不到这么深。",
    ),
    "json.number_special": (
        "NaN and Infinity are not numbers a model config can hold.",
        "NaN 和 Infinity 不是模型配置可以包含的数。",
    ),
    "json.number_big": (
        "A number is too large: {value}… (numbers are limited to ±{limit}).",
        "数字过大：{value}…（数字限制在 ±{limit} 以内）。",
    ),
    "json.string_long": ("A text value is longer than {limit} characters.", "有一段文本超过 {limit} 个字符。"),
    "json.internal": ("The config could not be read ({message}).", "无法读取该配置（{message}）。"),
    # the model
    "json.not_model": (
        "This JSON is not a Keras model config: expected an object with \"class_name\" "
        "\"Sequential\" or \"Functional\", as model.to_json() writes it.",
        "这段 JSON 不是 Keras 模型配置：应是一个 \"class_name\" 为 \"Sequential\" 或 "
        "\"Functional\" 的对象，即 model.to_json() 写出的格式。",
    ),
    "json.model_class": (
        "A model of class {cls} is not read: only Sequential and Functional models "
        "(keras.Model(inputs, outputs)) are.",
        "不读取 {cls} 类的模型：只读取 Sequential 和 Functional 模型"
        "（keras.Model(inputs, outputs)）。",
    ),
    "json.module_refused": (
        "{where}: module \"{module}\" is refused. Only Keras's own layers are read; "
        "nothing named in a config is ever imported.",
        "{where}：拒绝模块 \"{module}\"。只读取 Keras 自带的层；配置中提到的任何名称都不会被导入。",
    ),
    "json.registered_refused": (
        "{where}: registered name \"{value}\" points to a custom object; refused.",
        "{where}：注册名 \"{value}\" 指向自定义对象，已拒绝。",
    ),
    "json.function_refused": (
        "{where}: a config holding a function ({cls}) carries code, and code from a "
        "config is never run; refused.",
        "{where}：包含函数（{cls}）的配置带有代码，而配置中的代码从不运行，已拒绝。",
    ),
    "json.model_name": (
        "The model name \"{name}\" is not a plain name (letters, digits, _); it is shown as \"model\".",
        "模型名 \"{name}\" 不是简单名称（字母、数字、_），显示为 \"model\"。",
    ),
    "json.no_layers": ("The model has no layers.", "该模型没有层。"),
    "json.too_many_layers": (
        "The model has {count} layers; the limit is {limit}.",
        "该模型有 {count} 层，上限为 {limit}。",
    ),
    "json.no_input": (
        "The config does not say what the model takes (no InputLayer, no batch_shape or "
        "batch_input_shape). Build the model on keras.Input(shape=...) before calling to_json().",
        "配置没有说明模型的输入（没有 InputLayer，也没有 batch_shape 或 batch_input_shape）。"
        "请先在 keras.Input(shape=...) 上构建模型，再调用 to_json()。",
    ),
    "json.input_bad": (
        "Input {name}: the shape {value} is not a list of 1 to {rank} sizes (whole numbers "
        "from 1 to {limit}, or null; the first entry, the batch, may be null).",
        "输入 {name}：形状 {value} 不是由 1 到 {rank} 个尺寸组成的列表（1 到 {limit} 的整数或 null；"
        "第一项是批大小，可以是 null）。",
    ),
    "json.input_dtype": ("Input {name}: dtype {value} is not supported.", "输入 {name}：不支持 dtype {value}。"),
    "json.input_flag": (
        "Input {name}: {arg}=true is ignored (it does not change any shape).",
        "输入 {name}：忽略 {arg}=true（它不改变任何形状）。",
    ),
    "json.input_misplaced": (
        "Layer {layer}: an InputLayer can only come first in a Sequential model.",
        "层 {layer}：InputLayer 只能位于 Sequential 模型的开头。",
    ),
    "json.batch_mismatch": (
        "The inputs have different batch sizes; {value} is used.",
        "各输入的批大小不同，使用 {value}。",
    ),
    # layers
    "json.layer_not_object": (
        "Layer {layer}: a layer must be an object with \"class_name\" and \"config\".",
        "层 {layer}：层必须是带有 \"class_name\" 和 \"config\" 的对象。",
    ),
    "json.layer_unsupported": (
        "Layer {layer}: {cls} is not a layer the explorer knows, so it is refused "
        "(nothing of it is loaded).",
        "层 {layer}：{cls} 不是本工具认识的层，已拒绝（它的任何部分都不会被加载）。",
    ),
    "json.lambda_refused": (
        "Layer {layer}: a Lambda layer carries Python code, and code from a config is "
        "never run; it is refused. Write its operation with built-in layers.",
        "层 {layer}：Lambda 层带有 Python 代码，而配置中的代码从不运行，已拒绝。"
        "请用内置层写出它的运算。",
    ),
    "json.name_bad": (
        "Layer {layer}: the name \"{name}\" must be 1 to 64 letters, digits or underscores.",
        "层 {layer}：名称 \"{name}\" 必须由 1 到 64 个字母、数字或下划线组成。",
    ),
    "json.name_duplicate": ("The name \"{name}\" is used by two layers.", "名称 \"{name}\" 被两个层使用。"),
    "json.wrapper_no_layer": (
        "Layer {layer} ({cls}): the wrapped layer (\"layer\") is missing or cannot be read.",
        "层 {layer}（{cls}）：被包装的层（\"layer\"）缺失或无法读取。",
    ),
    "json.wrapper_nested": (
        "Layer {layer} ({cls}): wrappers nested this deep are not read.",
        "层 {layer}（{cls}）：不读取嵌套这么深的包装层。",
    ),
    "json.backward_layer": (
        "Layer {layer}: its backward_layer is not a mirror of the forward layer "
        "(same settings, go_backwards=True); a custom backward layer is not supported.",
        "层 {layer}：它的 backward_layer 不是前向层的镜像（相同设置，go_backwards=True）；"
        "不支持自定义的反向层。",
    ),
    "json.arg_unknown": (
        "Layer {layer} ({cls}): {arg} = {value} is not a setting the explorer knows, and it "
        "differs from what Keras writes by default ({default}); refused.",
        "层 {layer}（{cls}）：{arg} = {value} 不是本工具认识的设置，且与 Keras 默认写出的值"
        "（{default}）不同，已拒绝。",
    ),
    "json.arg_object": (
        "Layer {layer} ({cls}): {arg} holds an object ({value}); only plain values are read.",
        "层 {layer}（{cls}）：{arg} 是一个对象（{value}）；只读取普通的值。",
    ),
    "json.arg_ignored": (
        "Layer {layer} ({cls}): {arg} = {value} is ignored (it does not change any shape).",
        "层 {layer}（{cls}）：忽略 {arg} = {value}（它不改变任何形状）。",
    ),
    "json.initializer_dropped": (
        "Layer {layer} ({cls}): the initializer {value} of {arg} is not one the "
        "explorer offers; the default is used (shapes do not change).",
        "层 {layer}（{cls}）：{arg} 的初始化器 {value} 不在本工具提供的范围内，"
        "改用默认值（形状不变）。",
    ),
    "json.regularizer_dropped": (
        "Layer {layer} ({cls}): {arg} ({value}) is dropped: it changes training, "
        "not shapes.",
        "层 {layer}（{cls}）：舍弃 {arg}（{value}）：它影响训练，不影响形状。",
    ),
    "json.keras2_dropped": (
        "Layer {layer} ({cls}): {arg} = {value} is a Keras 2 setting that Keras 3 no "
        "longer has; dropped (shapes do not change).",
        "层 {layer}（{cls}）：{arg} = {value} 是 Keras 3 已不再有的 Keras 2 设置，已舍弃"
        "（形状不变）。",
    ),
    "json.layer_rejected": (
        "Layer {layer} ({cls}): Keras refuses these settings: {message}",
        "层 {layer}（{cls}）：Keras 拒绝这些设置：{message}",
    ),
    # the graph
    "json.node_bad": (
        "Layer {layer}: its call (inbound_nodes) cannot be read.",
        "层 {layer}：无法读取它的调用（inbound_nodes）。",
    ),
    "json.shared_layer": (
        "Layer {layer} is called {count} times (a shared layer); the explorer shows each "
        "layer called once.",
        "层 {layer} 被调用了 {count} 次（共享层）；本工具中每个层只调用一次。",
    ),
    "json.not_called": ("Layer {layer} is never called; it is left out.", "层 {layer} 从未被调用，已略去。"),
    "json.call_kwarg": (
        "Layer {layer} is called with {arg}; only the input tensor(s) of a call are read.",
        "层 {layer} 调用时带有 {arg}；只读取调用的输入张量。",
    ),
    "json.ref_unknown": (
        "Layer {layer} takes its input from \"{ref}\", which is not an earlier layer or input.",
        "层 {layer} 的输入来自 \"{ref}\"，但它不是前面的层或输入。",
    ),
    "json.ref_index": (
        "{layer} takes output #{index} of {ref}, which gives {count} output(s).",
        "{layer} 使用 {ref} 的第 #{index} 个输出，但它只有 {count} 个输出。",
    ),
    "json.io_bad": ("{field} cannot be read.", "无法读取 {field}。"),
    "json.io_unknown": (
        "{field} names \"{ref}\", which is not a layer or input of the model.",
        "{field} 提到的 \"{ref}\" 不是该模型的层或输入。",
    ),
    "json.input_unlisted": ("Input {name} is not listed in input_layers.", "输入 {name} 没有列在 input_layers 中。"),
    # the .keras file
    "json.file_type": ("Expected the bytes of a .keras file.", "需要 .keras 文件的字节内容。"),
    "json.file_too_big": (
        "The file is {size} bytes; the limit is {limit}. (Only its config.json is read; "
        "paste model.to_json() instead for a large model.)",
        "文件大小为 {size} 字节，上限为 {limit}。（只读取其中的 config.json；"
        "大模型请改为粘贴 model.to_json()。）",
    ),
    "json.not_zip": (
        "This is not a .keras file: a .keras file is a zip archive.",
        "这不是 .keras 文件：.keras 文件是 zip 压缩包。",
    ),
    "json.h5_file": (
        "This is an HDF5 (.h5) file; its model cannot be read here. In Keras, paste "
        "model.to_json() or save the model as .keras.",
        "这是 HDF5（.h5）文件，无法在这里读取其中的模型。请在 Keras 中粘贴 model.to_json()，"
        "或把模型保存为 .keras。",
    ),
    "json.zip_members": (
        "The archive holds {count} files; a .keras file holds a few (limit {limit}).",
        "压缩包中有 {count} 个文件；.keras 文件只有几个（上限 {limit}）。",
    ),
    "json.zip_no_config": (
        "The archive has no config.json, so it is not a Keras 3 .keras file.",
        "压缩包中没有 config.json，所以它不是 Keras 3 的 .keras 文件。",
    ),
    "json.zip_duplicate": ("The archive holds config.json more than once.", "压缩包中的 config.json 不止一个。"),
    "json.zip_config_big": (
        "config.json is {size} bytes uncompressed; the limit is {limit}.",
        "config.json 解压后为 {size} 字节，上限为 {limit}。",
    ),
    "json.zip_ratio": (
        "config.json is compressed {ratio} times, far more than a model config ever is "
        "(limit {limit}); refused.",
        "config.json 的压缩比为 {ratio} 倍，远超任何模型配置（上限 {limit}），已拒绝。",
    ),
    "json.zip_bad": (
        "The archive is damaged or uses a feature that is not read: {message}",
        "压缩包已损坏，或使用了不读取的功能：{message}",
    ),
    "json.zip_encoding": ("config.json is not UTF-8 text.", "config.json 不是 UTF-8 文本。"),
}
