"""Messages about a keras.applications backbone (explorer/reader/backbones.py). Each key with its English and its
Chinese side by side. Placeholders use str.format names; numbers are formatted by the caller.
"""

WORDS: dict[str, tuple[str, str]] = {
    "backbone.weights_not_loaded": (
        "{cls} is shown with its real layers, shapes and parameter counts, built with weights=None: the ImageNet "
        "weights are not loaded (nothing is downloaded). They change the numbers inside the weights, never a shape "
        "or a count.",
        "{cls} 以真实的层、形状和参数数量显示，用 weights=None 构建：没有加载 ImageNet 权重（不下载任何东西）。"
        "权重只改变其中的数值，不改变任何形状或数量。",
    ),
    "backbone.unknown": (
        "keras.applications has no architecture called {cls}. It has: {known}.",
        "keras.applications 中没有名为 {cls} 的架构。可用的有：{known}。",
    ),
    "backbone.too_many_positional": (
        "{cls} was given {count} positional arguments; it takes at most {limit}.",
        "{cls} 收到了 {count} 个位置参数；它最多接受 {limit} 个。",
    ),
    "backbone.arg_twice": (
        "{cls} was given {arg} twice (by position and by name); Keras raises a TypeError.",
        "{cls} 的参数 {arg} 被给了两次（按位置和按名称）；Keras 会报 TypeError。",
    ),
    "backbone.arg_unknown": (
        "{cls} has no argument {arg}; Keras raises a TypeError. Its arguments: {known}.",
        "{cls} 没有参数 {arg}；Keras 会报 TypeError。它的参数有：{known}。",
    ),
    "backbone.weights_file": (
        "{cls}(weights={value}) would load a weights file; the explorer reads no file. Use weights=None or "
        "weights=\"imagenet\": the shapes and counts are the same.",
        "{cls}(weights={value}) 会加载一个权重文件；本工具不读取任何文件。请使用 weights=None 或 "
        "weights=\"imagenet\"：形状和数量完全相同。",
    ),
    "backbone.input_tensor": (
        "{cls}(input_tensor=...) is not read: call the backbone on your tensor instead (x = base_model(inputs)), "
        "which gives the same shapes.",
        "不读取 {cls}(input_tensor=...)：请改为在你的张量上调用骨干网络（x = base_model(inputs)），形状相同。",
    ),
    "backbone.arg_bad": (
        "{cls}({arg}={value}) is not a value the explorer accepts here; expected {expected}.",
        "{cls}({arg}={value}) 不是本工具在此接受的值；应为 {expected}。",
    ),
    "backbone.imagenet_channels": (
        "{cls} with weights=\"imagenet\" needs images with 3 channels, but input_shape={value}. Keras raises "
        "\"The input must have 3 channels\"; use 3 channels, or weights=None.",
        "{cls} 使用 weights=\"imagenet\" 时需要 3 通道的图像，但 input_shape={value}。Keras 会报"
        "“The input must have 3 channels”；请使用 3 个通道，或 weights=None。",
    ),
    "backbone.imagenet_classes": (
        "{cls} with weights=\"imagenet\" and include_top=True has 1000 classes, but classes={value}. Keras raises a "
        "ValueError; for your own classes use include_top=False and add your own Dense layer.",
        "{cls} 使用 weights=\"imagenet\" 且 include_top=True 时有 1000 个类别，但 classes={value}。Keras 会报 "
        "ValueError；要用自己的类别，请设 include_top=False 并加上自己的 Dense 层。",
    ),
    "backbone.imagenet_activation": (
        "{cls} with weights=\"imagenet\" and include_top=True takes classifier_activation=None or \"softmax\" only, "
        "not {value}; Keras raises a ValueError.",
        "{cls} 使用 weights=\"imagenet\" 且 include_top=True 时，classifier_activation 只能是 None 或 "
        "\"softmax\"，不能是 {value}；Keras 会报 ValueError。",
    ),
    "backbone.imagenet_size": (
        "{cls} with weights=\"imagenet\" and include_top=True takes input_shape {sizes}, not {value}; Keras raises "
        "a ValueError. Use include_top=False for another image size.",
        "{cls} 使用 weights=\"imagenet\" 且 include_top=True 时，input_shape 只能是 {sizes}，不能是 {value}；"
        "Keras 会报 ValueError。其他图像尺寸请使用 include_top=False。",
    ),
    "backbone.imagenet_alpha": (
        "{cls} has ImageNet weights only for alpha {alphas}, not alpha={value}; Keras raises a ValueError. Use one "
        "of those, or weights=None.",
        "{cls} 只有 alpha 为 {alphas} 的 ImageNet 权重，没有 alpha={value} 的；Keras 会报 ValueError。请使用其中"
        "之一，或 weights=None。",
    ),
    "backbone.imagenet_depth": (
        "{cls} has ImageNet weights only for depth_multiplier=1, not {value}; Keras raises a ValueError.",
        "{cls} 只有 depth_multiplier=1 的 ImageNet 权重，没有 {value} 的；Keras 会报 ValueError。",
    ),
    "backbone.over_budget": (
        "{cls} with these arguments has about {params} parameters: building it would take about {size} MiB, over "
        "the explorer's memory budget of {limit} MiB. Try include_top=False, fewer classes or a smaller "
        "architecture.",
        "使用这些参数的 {cls} 约有 {params} 个参数：构建它大约需要 {size} MiB，超过了本工具 {limit} MiB 的"
        "内存预算。试试 include_top=False、更少的类别或更小的架构。",
    ),
    "backbone.keras_refused": (
        "Keras refuses {cls} with these arguments: {message}",
        "Keras 拒绝用这些参数构建 {cls}：{message}",
    ),
    "backbone.too_many_layers": (
        "{cls} has {count} layers; the explorer shows backbones of up to {limit}.",
        "{cls} 有 {count} 层；本工具最多显示 {limit} 层的骨干网络。",
    ),
    "backbone.not_converted": (
        "{cls} holds layers the explorer cannot rebuild yet ({count} refusals; the first ones follow), so its "
        "layers are not shown.",
        "{cls} 含有本工具尚不能重建的层（共 {count} 处拒绝，下面列出前几处），因此不显示它的层。",
    ),
    "backbone.mismatch": (
        "{cls} as the explorer rebuilt it differs from Keras's own model at {layer} (Keras: {keras}; explorer: "
        "{ours}), so its layers are not shown.",
        "本工具重建的 {cls} 在 {layer} 处与 Keras 自己的模型不同（Keras：{keras}；本工具：{ours}），因此不显示它的层。",
    ),
}
