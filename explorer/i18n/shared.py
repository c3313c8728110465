"""Strings about a layer (or a model used as a layer) called more than once, sharing one set of weights (a
Siamese network's towers, one Embedding on two inputs): in the layer table, the diagram and a failing later call.
Key -> (English, 中文).
"""

WORDS: dict[str, tuple[str, str]] = {
    # the layer table: a later call's row and a later call of a model used as a layer
    "shared.table": (
        "0 new: calls {first} again and uses its weights (Keras counts them once)",
        "0 个新参数：再次调用 {first}，使用它的权重（Keras 只计一次）",
    ),
    "shared.table_group": (
        "0 new: calls {first} again, its {count} layers with their weights (Keras counts them once)",
        "0 个新参数：再次调用 {first}，其 {count} 层连同权重一起复用（Keras 只计一次）",
    ),
    # the diagram: under a later call's arrow, on a later call's folded box, in their details
    "shared.diagram": ("shares the weights of {first}", "共享 {first} 的权重"),
    # a failing later call: its cause and the smallest fix
    "shared.cause": (
        "{layer} calls {first} again, and a layer called again uses the weights its first call built: "
        "{weights}, made for an input of shape {built}. This call gives {got}, which would need {wanted}.",
        "{layer} 再次调用了 {first}，而再次调用的层使用它第一次调用时建立的权重：{weights}，"
        "是为形状 {built} 的输入建立的。这次调用给出的是 {got}，需要的却是 {wanted}。",
    ),
    "shared.fix": (
        "give {layer} an input of the shape {first} was built for ({built}), or make a new {cls} for this input "
        "if it should not share {first}'s weights.",
        "给 {layer} 一个 {first} 建立时的形状（{built}）的输入；如果它不该共享 {first} 的权重，"
        "就为这个输入新建一个 {cls}。",
    ),
}
