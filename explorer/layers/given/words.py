"""The words of a box whose shape the learner gave (kinds.py): its axis meaning and what the page says of it,
each key with its English and its Chinese side by side."""

WORDS: dict[str, tuple[str, str]] = {
    "axis.given": ("a size of {layer}'s given output shape", "{layer} 给定输出形状中的一个大小"),
    # the X-ray
    "xray.given.summary": (
        "{name} ({cls}): a shape given, not checked. The page never runs your function, so the live model holds a "
        "fixed stand-in here, {shape}: the same seeded numbers for every sample. What follows it is recomputed "
        "exactly, on these numbers, not on what your function would give.",
        "{name}（{cls}）：给定的形状，未经检查。页面从不运行你的函数，所以实时模型在这里放了一个固定的替身 {shape}："
        "每个样本都是同一组带种子的数。它后面的层都按这些数精确重算，而不是按你的函数会给出的数。",
    ),
    "xray.given.check": (
        "the stand-in recomputed with numpy from its seed = what flows out of the layer, for all {n} samples",
        "用 numpy 按种子重算的替身 = 这一层实际输出的数（全部 {n} 个样本）",
    ),
    "xray.given.code.pattern": ("one seeded pattern {shape}", "一组带种子的数 {shape}"),
    "xray.given.followed": ("out{out} = {value}: a number of the stand-in.", "out{out} = {value}：替身中的一个数。"),
    "xray.given.weights": (
        "The weights its build makes, with Keras's shapes (zeros here: only their count matters to the page): "
        "{weights}.",
        "它的 build 创建的权重，形状与 Keras 相同（这里为零：页面只关心它们的数量）：{weights}。",
    ),
    "xray.given.grid_out": ("the stand-in {where}, around {at}", "替身 {where}，{at} 附近"),
    "xray.given.heat_in": ("The input {where}: what the function would have read (not used here)",
                           "输入 {where}：函数本应读取的数（这里没有使用）"),
    "xray.given.heat_out": ("The stand-in {where}: out{at} outlined", "替身 {where}：框出 out{at}"),
}
