"""Words of the fit check (explorer/fit_check.py): why the learner's data or loss stops `fit`, the smallest fix,
what Keras did silently when it runs, and why the check did not run. Each key with its English and its Chinese
side by side. Placeholders use str.format names; shapes and numbers are formatted by the caller.
"""

WORDS: dict[str, tuple[str, str]] = {
    # why the check did not run
    "fit.not_run.model_fails": (
        "The model itself stops at {layer}: fix that first, then the data can be checked.",
        "模型本身在 {layer} 处出错：先修正它，然后才能检查数据。",
    ),
    "fit.not_run.no_data": ("The training code gives no data to check.", "训练代码没有给出可检查的数据。"),
    "fit.not_run.inputs": (
        "The call gives {given} array(s) for a model with {inputs} input(s).",
        "这次调用给了 {given} 个数组，而模型有 {inputs} 个输入。",
    ),
    "fit.not_run.no_loss": (
        "compile names no loss the explorer could read, so the loss cannot be checked.",
        "compile 中没有可读取的损失函数，因此无法检查损失。",
    ),
    "fit.not_run.unknown_loss": (
        "The loss {loss} is not one the explorer knows, so it was not run.",
        "损失函数 {loss} 不在本工具认识的范围内，因此没有运行。",
    ),
    "fit.not_run.no_labels": (
        "The call gives no labels y for the loss, so only the model's input could be checked.",
        "这次调用没有给出供损失函数使用的标签 y，因此只能检查模型的输入。",
    ),
    "fit.not_run.budget": (
        "Checking this on 2 rows would need about {needed} MB, more than the {budget} MB budget: nothing was "
        "allocated.",
        "在 2 行数据上检查需要约 {needed} MB，超过 {budget} MB 的预算：没有分配任何内存。",
    ),
    "fit.assumed.two_classes": (
        "The code does not say how many classes the labels have (the class folders of {source}); Keras was given "
        "one-hot rows of 2, the fewest a classification has. One output unit meets any number of classes the "
        "same way.",
        "代码没有说出标签有多少类（{source} 中的类别文件夹）；这里给 Keras 的是宽度为 2 的独热行，即分类问题最少的类别数。"
        "只有一个输出单元时，无论多少类，结果都一样。",
    ),
    "fit.not_run.classes_unknown": (
        "The labels are one-hot rows whose width the code does not say (the number of class folders of {source}), "
        "so the loss was not run: with as many units as classes it runs.",
        "标签是独热行，但代码没有说出它的宽度（{source} 中类别文件夹的个数），因此没有运行损失：输出单元数等于类别数时即可运行。",
    ),
    # why it fails
    "fit.cause.ragged": (
        "{x} holds lists of different lengths: Keras cannot stack them into one array as they are.",
        "{x} 中是长度不一的列表：Keras 无法把它们原样堆成一个数组。",
    ),
    "fit.cause.cardinality": (
        "x and y do not hold the same number of samples ({counts}).",
        "x 和 y 的样本数不一样（{counts}）。",
    ),
    "fit.cause.label_range": (
        "A label is {label}, but the output has {units} units, so the class ids must stay below {units}.",
        "有一个标签是 {label}，而输出只有 {units} 个单元，类别编号必须小于 {units}。",
    ),
    "fit.cause.token_range": (
        "A token id is {token}, but the embedding only has rows for ids below {size}.",
        "有一个词编号是 {token}，而嵌入层只有编号小于 {size} 的行。",
    ),
    "fit.cause.unbatched": (
        "{x} is a dataset that was never batched: fit takes each element {element} as a whole batch, without the "
        "batch axis the model's input expects.",
        "{x} 是一个从未分批的数据集：fit 把每个元素 {element} 当作一整个批次，缺少模型输入所需的批次轴。",
    ),
    "fit.cause.input_shape": (
        "The data has the shape {data}, but the model's input expects {expected}.",
        "数据的形状是 {data}，而模型的输入要求 {expected}。",
    ),
    "fit.cause.one_hot_for_sparse": (
        "The labels {y} are one-hot rows, but sparse_categorical_crossentropy wants one class id per sample "
        "(against the output {output}).",
        "标签 {y} 是独热（one-hot）行，而 sparse_categorical_crossentropy 要求每个样本一个类别编号"
        "（对应输出 {output}）。",
    ),
    "fit.cause.binary_two_units": (
        "{loss} compares each label {y} with one probability, but the output {output} has several units.",
        "{loss} 把每个标签 {y} 与一个概率比较，但输出 {output} 有多个单元。",
    ),
    "fit.cause.ids_for_one_hot": (
        "The labels {y} are class ids, but {loss} wants one-hot rows of width {classes}, the shape of the output "
        "{output}.",
        "标签 {y} 是类别编号，而 {loss} 要求宽度为 {classes} 的独热行，即输出 {output} 的形状。",
    ),
    "fit.cause.sequences": (
        "{rnn} returns every time step (return_sequences=True), so the output {output} has a time axis the labels "
        "{y} do not have.",
        "{rnn} 返回每个时间步（return_sequences=True），所以输出 {output} 多出一个标签 {y} 没有的时间轴。",
    ),
    "fit.cause.width": (
        "The labels {y} have {width} value(s) per sample, but the output {output} has {units}.",
        "标签 {y} 每个样本有 {width} 个值，而输出 {output} 有 {units} 个。",
    ),
    "fit.cause.generic": (
        "Keras stops {call} here: its own words above say which shapes disagree.",
        "Keras 在这里停止了 {call}：上面 Keras 自己的报错说明了哪些形状不一致。",
    ),
    # the smallest fix
    "fit.fix.to_categorical": (
        "Or turn the labels into one-hot rows: keras.utils.to_categorical({y}, {classes}).",
        "或者把标签转换成独热行：keras.utils.to_categorical({y}, {classes})。",
    ),
    "fit.fix.pad_sequences": (
        "Pad (or cut) every sequence to one length: keras.utils.pad_sequences({x}, maxlen={maxlen}).",
        "把每个序列补齐（或截断）到同一长度：keras.utils.pad_sequences({x}, maxlen={maxlen})。",
    ),
    "fit.fix.units": ("Give {layer} {units} units.", "把 {layer} 的单元数改为 {units}。"),
    "fit.fix.vocabulary": (
        "Make {layer}'s {arg} {size}, one row per token id.",
        "把 {layer} 的 {arg} 改为 {size}，每个词编号一行。",
    ),
    "fit.fix.input_shape": (
        "Let the model's input take the data as it is: shape {shape}.",
        "让模型的输入直接接收原样的数据：形状 {shape}。",
    ),
    "fit.fix.batch": ("Batch the dataset: {x}.batch(32).", "给数据集分批：{x}.batch(32)。"),
    "fit.fix.reshape": ("Reshape the data to what the input expects: {x} to {shape}.",
                        "把数据变形为输入要求的形状：把 {x} 变为 {shape}。"),
    "fit.fix.loss_categorical": (
        "For one-hot labels the loss is {loss}.",
        "独热标签应使用损失函数 {loss}。",
    ),
    "fit.fix.binary_head": (
        "For labels 0 or 1, end with one unit and a sigmoid: change {layer}.",
        "标签是 0 或 1 时，最后一层用一个单元加 sigmoid：修改 {layer}。",
    ),
    "fit.fix.loss_sparse": (
        "Keep the class ids and use the loss {loss}.",
        "保留类别编号，改用损失函数 {loss}。",
    ),
    "fit.fix.return_sequences": (
        "Keep only the last step: return_sequences=False in {layer}.",
        "只保留最后一步：在 {layer} 中设置 return_sequences=False。",
    ),
    # what Keras did silently when it runs
    "fit.silent.axis_added": (
        "Keras 3 added a last axis of size 1 to the data: {data} entered the input {input}. No fix needed (Keras 2 "
        "raised an error here).",
        "Keras 3 自动给数据加了一个大小为 1 的末尾轴：{data} 进入了输入 {input}。无需修改（Keras 2 在这里会报错）。",
    ),
    "fit.silent.axis_dropped": (
        "Keras 3 dropped the data's last axis of size 1: {data} entered the input {input}.",
        "Keras 3 自动去掉了数据末尾大小为 1 的轴：{data} 进入了输入 {input}。",
    ),
    "fit.silent.labels_squeezed": (
        "The loss dropped the labels' last axis of size 1: {y} is read as one class id per sample of {output}.",
        "损失函数去掉了标签末尾大小为 1 的轴：{y} 被当作 {output} 中每个样本的一个类别编号。",
    ),
    "fit.silent.labels_expanded": (
        "The loss added a last axis of size 1 to the labels: {y} is compared with {output} value by value.",
        "损失函数给标签加了一个大小为 1 的末尾轴：{y} 与 {output} 逐个值比较。",
    ),
    "fit.silent.broadcast": (
        "The labels {y} were broadcast against the output {output}: {loss} compares every output with the same "
        "label. Runs, but is it what you meant?",
        "标签 {y} 被广播到输出 {output}：{loss} 把每个输出都和同一个标签比较。能运行，但这是你想要的吗？",
    ),
    "fit.silent.softmax_one": (
        "A softmax over a single unit {output} is always 1: the model cannot learn. Use a sigmoid for one unit.",
        "对单个单元 {output} 做 softmax 结果永远是 1：模型学不到东西。单个单元请用 sigmoid。",
    ),
    "fit.silent.logits_on_probabilities": (
        "{loss} was told from_logits=True, but the output already went through a {activation}: the loss applies "
        "it twice. Use from_logits=False, or drop the activation.",
        "{loss} 设置了 from_logits=True，但输出已经经过了 {activation}：损失函数会再套用一次。"
        "请改为 from_logits=False，或去掉这个激活函数。",
    ),
    "fit.silent.probabilities_expected": (
        "{loss} reads the output as probabilities (from_logits=False), but the output has no softmax or sigmoid: "
        "add one, or pass from_logits=True.",
        "{loss} 把输出当作概率（from_logits=False），但输出没有 softmax 或 sigmoid："
        "请加上一个，或者设置 from_logits=True。",
    ),
}
