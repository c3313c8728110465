"""The words of Dense: axis meanings and fixes (kinds.py), X-rays and common mistakes (xray.py), each
key with its English and its Chinese side by side. Placeholders use str.format names; numbers are
formatted by the caller.
"""

WORDS: dict[str, tuple[str, str]] = {
    "fix.dense_unknown_features": (
        "the last axis before {layer} must have a known size: fix it in the input's shape.",
        "{layer} 之前的最后一个轴必须有确定的大小：在输入的形状里写明它。",
    ),
    "xray.dense.summary_nd": (
        "{layer} gets x {named} = {shape} and multiplies only its last axis {Fl} = {F} by one kernel W ({F}, {U}). "
        "The {lead} = {N} leading positions are {N} rows of one matrix `x.reshape(-1, {F})`, and every row meets "
        "the same W and b: out {out_named} = {out}. Dense does not need a 2-D input.",
        "{layer} 收到 x {named} = {shape}，只把最后一个轴 {Fl} = {F} 与同一个 kernel W ({F}, {U}) 相乘。"
        "前面的 {lead} = {N} 个位置就是一个矩阵 `x.reshape(-1, {F})` 的 {N} 行，每一行都乘同一个 W 再加 b："
        "输出 {out_named} = {out}。Dense 并不要求 2 维输入。",
    ),
    "xray.dense.summary_2d": (
        "{layer} gets x {named} = {shape}: already one row per sample, so no reshape is needed: "
        "out = x @ W + b with W ({F}, {U}), out {out_named} = {out}.",
        "{layer} 收到 x {named} = {shape}：每个样本已经是一行，不需要 reshape："
        "out = x @ W + b，W 为 ({F}, {U})，输出 {out_named} = {out}。",
    ),
    "xray.dense.check_reshape": (
        "reshape → x @ W + b → reshape back, against the layer's output",
        "reshape → x @ W + b → reshape 回去，与该层输出比较",
    ),
    "xray.dense.check_matmul": (
        "x @ W + b, against the layer's output",
        "x @ W + b，与该层输出比较",
    ),
    "xray.dense.check_tensordot": (
        "np.tensordot over the last axis + b, against the layer's output",
        "在最后一个轴上 np.tensordot 再加 b，与该层输出比较",
    ),
    "xray.dense.check_one": ("the followed number out{index}, as one dot product by hand", "跟踪的数字 out{index}，用一次点积手算"),
    "xray.dense.follow": (
        "Follow out{index}: it is row {row} of the flat matrix (row = {formula}) dotted with column {unit} of W: "
        "the {F} products add up to {sum}; + b[{unit}] {bias} = {by_hand} before the activation ({act}); "
        "the layer says {out}.",
        "跟踪 out{index}：它是展平矩阵的第 {row} 行（row = {formula}）与 W 的第 {unit} 列的点积："
        "{F} 个乘积之和为 {sum}；+ b[{unit}] {bias} = {by_hand}（激活函数 {act} 之前）；该层给出 {out}。",
    ),
    "xray.dense.follow_2d": (
        "Follow out{index}: it is row {row} of x dotted with column {unit} of W: the {F} products add up to "
        "{sum}; + b[{unit}] {bias} = {by_hand} before the activation ({act}); the layer says {out}.",
        "跟踪 out{index}：它是 x 的第 {row} 行与 W 的第 {unit} 列的点积：{F} 个乘积之和为 {sum}；"
        "+ b[{unit}] {bias} = {by_hand}（激活函数 {act} 之前）；该层给出 {out}。",
    ),
    "xray.dense.activation_unknown": (
        "The activation {act} is not recomputed here, so the checks are skipped.",
        "这里不重算激活函数 {act}，因此跳过这些检查。",
    ),
    "xray.dense.samples": (
        "The whole-layer checks use samples {first} … {last} of the batch of {B}, so the recomputation stays "
        "within the memory budget; every number of those samples is compared.",
        "整层检查使用批大小 {B} 中的第 {first} … {last} 个样本，使重算不超出内存预算；这些样本的每个数字都参与比较。",
    ),
    "xray.dense.grid_flat": ("x.reshape(-1, {F}), around row {row}", "x.reshape(-1, {F})，第 {row} 行附近"),
    "xray.dense.grid_kernel": ("W, around column {unit}", "W，第 {unit} 列附近"),
    "xray.dense.grid_product": ("flat @ W + b, around [{row}, {unit}]", "flat @ W + b，[{row}, {unit}] 附近"),
    "xray.dense.grid_x": ("x, around row {row}", "x，第 {row} 行附近"),
    "xray.dense.grid_product_2d": ("x @ W + b, around [{row}, {unit}]", "x @ W + b，[{row}, {unit}] 附近"),
    "xray.dense.grid_output": (
        "the layer's output {where}, reshaped back: out{index} marked",
        "该层的输出 {where}，已 reshape 回去：标出 out{index}",
    ),
    "xray.dense.grid_output_2d": ("the layer's output: out{index} marked", "该层的输出：标出 out{index}"),
    "mistake.transposed_matmul.title": (
        "The kernel transposed in a hand-written matmul: flat @ W.T",
        "手写矩阵乘法时把 kernel 转置了：flat @ W.T",
    ),
    "mistake.transposed_matmul.why": (
        "W is (F, U) = ({F}, {U}): input features first, units second. flat is (N, {F}), so it must meet a matrix "
        "with {F} rows; W.T has {U} rows.",
        "W 是 (F, U) = ({F}, {U})：输入特征在前，单元在后。flat 是 (N, {F})，所以它要乘一个有 {F} 行的矩阵；"
        "W.T 却有 {U} 行。",
    ),
    "mistake.transposed_weights.title": (
        "Loading a transposed kernel: {layer}.set_weights([W.T, b])",
        "加载转置的 kernel：{layer}.set_weights([W.T, b])",
    ),
    "mistake.transposed_weights.why": (
        "Keras stores the kernel as (F, U) = ({F}, {U}) and checks the shape of every weight you load: "
        "W.T is ({U}, {F}).",
        "Keras 把 kernel 存为 (F, U) = ({F}, {U})，并检查你加载的每个权重的形状：W.T 是 ({U}, {F})。",
    ),
    # comments of the mistaken code (shapes given as text)
    "mistake.transposed_matmul.code.not": ("W.T is {wrong}, not {right}", "W.T 是 {wrong}，不是 {right}"),
    "mistake.transposed_weights.code.built": (
        "kernel {kernel} once built on F = {F}",
        "在 F = {F} 上构建后，kernel 为 {kernel}",
    ),
    "mistake.transposed_weights.code.transposed": ("W.T is {wrong}", "W.T 是 {wrong}"),
}
