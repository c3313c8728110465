"""Strings of the live equivalences panel: Dense = TimeDistributed(Dense) = Conv1D(kernel_size=1) ≠ Flatten →
Dense. Each key with its English and its Chinese side by side. Placeholders use str.format names; numbers are
formatted by the caller.

Letters: {bx}, {tx}, {fx}, {ux} are the axis letters of this model (B, T, F, U); {B}, {T}, {F}, {U} their sizes.
"""

WORDS: dict[str, tuple[str, str]] = {
    "equiv.header": (
        "Dense on a sequence: three ways to write the same layer, and one that is not the same",
        "序列上的 Dense：同一个层的三种写法，以及一个不同的写法",
    ),
    "equiv.intro.dense": (
        "x is the output of `{tensor}`: {shape} = {named}, the input of the model's `{layer}`. Its kernel "
        "({fx}, {ux}) = {kernel} and its bias are copied into three new layers, and each is run on the same x.",
        "x 是 `{tensor}` 的输出：{shape} = {named}，也就是模型中 `{layer}` 的输入。它的 kernel "
        "({fx}, {ux}) = {kernel} 和 bias 被复制到三个新层中，每个层都在同一个 x 上运行。",
    ),
    "equiv.intro.time_distributed": (
        "x is the output of `{tensor}`: {shape} = {named}, the input of the model's `{layer}`. The kernel "
        "({fx}, {ux}) = {kernel} and the bias of the Dense inside it are copied into three new layers, and each "
        "is run on the same x.",
        "x 是 `{tensor}` 的输出：{shape} = {named}，也就是模型中 `{layer}` 的输入。其内部 Dense 的 kernel "
        "({fx}, {ux}) = {kernel} 和 bias 被复制到三个新层中，每个层都在同一个 x 上运行。",
    ),
    "equiv.intro.seeded": (
        "This model has no Dense on a 3-D tensor, so x is the first 3-D float tensor of the forward pass, the "
        "output of `{tensor}`: {shape} = {named}. The layers below share one seeded kernel ({fx}, {ux}) = "
        "{kernel} and bias, with {ux} = {U}.",
        "这个模型没有作用在 3 维张量上的 Dense，所以 x 取前向传播中第一个 3 维浮点张量，即 `{tensor}` 的输出："
        "{shape} = {named}。下面的层共用一个固定随机种子生成的 kernel ({fx}, {ux}) = {kernel} 和 bias，{ux} = {U}。",
    ),
    "equiv.col.variant": ("Layer", "层"),
    "equiv.col.code": ("Code", "代码"),
    "equiv.col.shape": ("Output shape", "输出形状"),
    "equiv.col.params": ("Parameters", "参数量"),
    "equiv.col.diff": ("max |difference vs Dense|", "与 Dense 的最大 |差值|"),
    "equiv.variant.dense": ("Dense", "Dense"),
    "equiv.variant.time_distributed": ("TimeDistributed(Dense)", "TimeDistributed(Dense)"),
    "equiv.variant.conv1d": ("Conv1D, kernel_size=1", "Conv1D，kernel_size=1"),
    "equiv.variant.flatten": ("Flatten → Dense", "Flatten → Dense"),
    "equiv.reference": ("(reference)", "（基准）"),
    "equiv.flatten.no_time": ("no {tx} axis to compare", "没有 {tx} 轴，无法逐步比较"),
    "equiv.flatten.skipped_cell": ("not built", "未构建"),
    "equiv.explain": (
        "The first three rows give the same numbers with the same {fx}·{ux} + {ux} = {params} parameters. Keras's "
        "Dense multiplies only the last axis: it applies one kernel ({fx}, {ux}) at every one of the {T} steps. "
        "So Dense does not need a 2-D input, and TimeDistributed(Dense) does not learn a different "
        "transformation for each time step: it is the same layer, with the same weights, at every step.",
        "前三行给出相同的数值，参数量也相同：{fx}·{ux} + {ux} = {params}。Keras 的 Dense 只对最后一个轴做乘法："
        "它在全部 {T} 个时间步上使用同一个 kernel ({fx}, {ux})。所以 Dense 并不要求二维输入，"
        "TimeDistributed(Dense) 也不会为每个时间步学习不同的变换：每一步用的都是同一个层、同一组权重。",
    ),
    "equiv.flatten.params": (
        "Flatten → Dense is different: it reads all {tx}·{fx} numbers of a sample at once, through one "
        "({tx}·{fx}, {ux}) kernel: {tx}·{fx}·{ux} + {ux} = {T} · {F} · {U} + {U} = {params} parameters, "
        "{ratio}× as many as Dense, and its output ({bx}, {ux}) has no time axis.",
        "Flatten → Dense 不一样：它通过一个 ({tx}·{fx}, {ux}) 的 kernel 一次读取一个样本的全部 {tx}·{fx} 个数："
        "{tx}·{fx}·{ux} + {ux} = {T} · {F} · {U} + {U} = {params} 个参数，是 Dense 的 {ratio} 倍，"
        "而且它的输出 ({bx}, {ux}) 没有时间轴。",
    ),
    "equiv.flatten.params_no_bias": (
        "Flatten → Dense is different: it reads all {tx}·{fx} numbers of a sample at once, through one "
        "({tx}·{fx}, {ux}) kernel: {tx}·{fx}·{ux} = {T} · {F} · {U} = {params} parameters (no bias), "
        "{ratio}× as many as Dense, and its output ({bx}, {ux}) has no time axis.",
        "Flatten → Dense 不一样：它通过一个 ({tx}·{fx}, {ux}) 的 kernel 一次读取一个样本的全部 {tx}·{fx} 个数："
        "{tx}·{fx}·{ux} = {T} · {F} · {U} = {params} 个参数（无 bias），是 Dense 的 {ratio} 倍，"
        "而且它的输出 ({bx}, {ux}) 没有时间轴。",
    ),
    "equiv.flatten.skipped": (
        "Flatten → Dense is not built here: its ({T}·{F}, {U}) kernel would take {T} · {F} · {U} · 4 = {bytes} "
        "bytes, and twice that while it is created, more than this panel's budget of {limit} bytes.",
        "这里没有构建 Flatten → Dense：它的 ({T}·{F}, {U}) kernel 需要 {T} · {F} · {U} · 4 = {bytes} 字节，"
        "创建时还要两倍于此，超过了本面板 {limit} 字节的预算。",
    ),
    "equiv.change.header": (
        "Change one step only: `x2 = x.copy(); x2[:, {s}] += 1`",
        "只改动一个时间步：`x2 = x.copy(); x2[:, {s}] += 1`",
    ),
    "equiv.change.col.output": ("Output compared", "比较的输出"),
    "equiv.change.col.diff": ("max |output(x2) − output(x)|", "max |output(x2) − output(x)|"),
    "equiv.change.col.moved": ("Moved?", "是否变化？"),
    "equiv.change.dense_other": (
        "Dense, at the {n} other steps ({tx} ≠ {s})",
        "Dense，其余 {n} 个时间步（{tx} ≠ {s}）",
    ),
    "equiv.change.dense_same": ("Dense, at step {s}", "Dense，第 {s} 步"),
    "equiv.change.flatten": ("Flatten → Dense, its whole {shape} output", "Flatten → Dense，整个 {shape} 输出"),
    "equiv.yes": ("yes", "是"),
    "equiv.no": ("no", "否"),
    "equiv.change.explain": (
        "Dense's output at every other step stays exactly the same: step t is computed from x[:, t] alone. "
        "Flatten → Dense has no steps in its output; each of its numbers reads step {s}, so they move.",
        "Dense 在其他每个时间步上的输出完全不变：第 t 步只由 x[:, t] 计算得到。"
        "Flatten → Dense 的输出没有时间步；它的每个数都读取了第 {s} 步，所以都会变化。",
    ),
    "equiv.per_step": (
        "Dense on one step, x[:, t] of shape {step_shape}, a 2-D input, gives Dense(x)[:, t]: the largest "
        "difference over the {n} steps is `{diff}`. The same kernel at every step.",
        "把 Dense 用在单个时间步 x[:, t]（形状 {step_shape}，二维输入）上，得到的就是 Dense(x)[:, t]："
        "{n} 个时间步上的最大差值为 `{diff}`。每一步都是同一个 kernel。",
    ),
    "equiv.checks": ("Checks (each must be below 1e-5):", "校验（每一项都必须小于 1e-5）："),
    "equiv.check.time_distributed": (
        "max |TimeDistributed(Dense)(x) − Dense(x)|",
        "max |TimeDistributed(Dense)(x) − Dense(x)|",
    ),
    "equiv.check.conv1d": ("max |Conv1D(kernel_size=1)(x) − Dense(x)|", "max |Conv1D(kernel_size=1)(x) − Dense(x)|"),
    "equiv.check.per_step": (
        "max |Dense(x[:, t]) − Dense(x)[:, t]| over {steps} steps",
        "{steps} 个时间步上的 max |Dense(x[:, t]) − Dense(x)[:, t]|",
    ),
    "equiv.check.other_steps": (
        "max |change of Dense's output at the steps t ≠ {s}| after changing step {s}",
        "改动第 {s} 步后，Dense 在 t ≠ {s} 各步输出的 max |变化|",
    ),
    "equiv.check.model": (
        "max |our copy of Dense(x) − the model's own `{layer}` output|",
        "max |我们复制的 Dense(x) − 模型自身 `{layer}` 的输出|",
    ),
    "equiv.note.samples": (
        "Run on the first {n} of the {B} samples of the batch, to stay within {limit} bytes.",
        "只在批次 {B} 个样本中的前 {n} 个上运行，以保持在 {limit} 字节以内。",
    ),
    "equiv.note.steps": (
        "Run on the first {n} of the {T} steps (memory budget {limit} bytes; TimeDistributed calls its layer "
        "once per step, so at most {max_steps} steps are run).",
        "只在 {T} 个时间步中的前 {n} 步上运行（内存预算 {limit} 字节；TimeDistributed 每一步调用一次内部层，"
        "所以最多运行 {max_steps} 步）。",
    ),
    "equiv.unavailable.no_3d": (
        "This model has no 3-D float tensor (B, T, F), so there is no sequence to compare Dense, TimeDistributed "
        "and Conv1D on.",
        "这个模型没有 3 维浮点张量 (B, T, F)，因此没有可以用来比较 Dense、TimeDistributed 和 Conv1D 的序列。",
    ),
    "equiv.unavailable.kernel_too_large": (
        "The comparison is skipped: copying the kernel of `{layer}` into three layers would take {bytes} bytes, "
        "over this panel's budget of {limit} bytes.",
        "已跳过比较：把 `{layer}` 的 kernel 复制到三个层中需要 {bytes} 字节，超过了本面板 {limit} 字节的预算。",
    ),
}
