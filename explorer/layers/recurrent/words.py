"""The words of the recurrent layers (SimpleRNN, LSTM, GRU): axis meanings and fixes (kinds.py), X-rays
and common mistakes (xray.py), each key with its English and its Chinese side by side. Placeholders
use str.format names; numbers are formatted by the caller.
"""

WORDS: dict[str, tuple[str, str]] = {
    "axis.convlstm_filters": (
        "filters of {layer} (each frame of h and c has one channel per filter)",
        "{layer} 的卷积核个数（h 和 c 的每一帧每个卷积核占一个通道）",
    ),
    "axis.convlstm_depth": ("depth of each volume after {layer}", "{layer} 之后每个体积的深度"),
    "axis.convlstm_height": ("height of each frame after {layer}", "{layer} 之后每一帧的高"),
    "axis.convlstm_width": ("width of each frame after {layer}", "{layer} 之后每一帧的宽"),
    "axis.convlstm_length": ("length of each step's signal after {layer}", "{layer} 之后每一步信号的长度"),
    "fix.convlstm_no_time": (
        "{cls} reads a sequence of frames (batch, time, then one frame {frame} per step), and {shape} "
        "holds a single frame per sample, with no time axis. Give it one before {layer}, `{code}` (one step), or "
        "feed it several frames per sample and run the image layers before it on each frame with "
        "`layers.TimeDistributed(...)`.",
        "{cls} 读取一串帧（批，时间，然后每一步一帧 {frame}），而 {shape} 每个样本只有一帧，没有时间轴。"
        "在 {layer} 之前补上时间轴：`{code}`（只有一步）；或者每个样本给它多帧，并用 "
        "`layers.TimeDistributed(...)` 让它之前的图像层逐帧运行。",
    ),
    "fix.convlstm_no_channels": (
        "{cls} reads a sequence of frames, each with a channel axis last, and {shape} has one axis too few. If a "
        "sample is {steps} frames {frame} without channels (a grayscale clip), add a channel axis of 1 before "
        "{layer}: `{code}`. If it is a single frame with its channels, it needs a time axis of 1 instead.",
        "{cls} 读取一串帧，每帧最后一个轴是通道，而 {shape} 少了一个轴。如果一个样本是 {steps} 帧没有通道的 "
        "{frame}（灰度视频），在 {layer} 之前补上大小为 1 的通道轴：`{code}`。如果它是带通道的单独一帧，"
        "则要补的是大小为 1 的时间轴。",
    ),
    "fix.convlstm_unknown_size": (
        "{layer} makes its states h and c with the size of one frame, so every axis of {shape} after the "
        "time axis needs a fixed size in the input's shape (only the batch and the time axis may be None).",
        "{layer} 按一帧的大小建立状态 h 和 c，所以 {shape} 中时间轴之后的每个轴都要在输入形状里写成固定大小"
        "（只有批轴和时间轴可以是 None）。",
    ),
    "fix.rnn_needs_steps": (
        "{cls} reads (batch, time steps, features per step), and {shape} has one number per step. "
        "Token ids need an Embedding before {layer} (one vector per token); measurements need a "
        "features axis of size 1: `{code}`.",
        "{cls} 读取（批，时间步，每步的特征），而 {shape} 每个时间步只有一个数。若是词元 id，"
        "请在 {layer} 之前加 Embedding（每个词元一个向量）；若是测量值，请补上大小为 1 的特征轴：`{code}`。",
    ),
    "fix.rnn_time_removed": (
        "{producer} ({pcls}) removed the time axis that {layer} steps along: remove {producer}, "
        "or move it after {layer}.",
        "{producer}（{pcls}）去掉了 {layer} 要逐步读取的时间轴：删除 {producer}，或把它移到 {layer} 之后。",
    ),
    "fix.rnn_image": (
        "{cls} reads (batch, time steps, features), and {shape} has {rank} axes: merge each step's "
        "remaining axes into one features axis before {layer}, `{code}` (an image is then read row by row).",
        "{cls} 读取（批，时间步，特征），而 {shape} 有 {rank} 个轴：在 {layer} 之前把每一步其余的轴"
        "合并成一个特征轴，`{code}`（图像于是被逐行读取）。",
    ),
    "fix.rnn_unknown_features": (
        "the kernel of {layer} has one row per feature, so the last axis of {shape} needs a fixed size "
        "in the input's shape (only the time axis may be None).",
        "{layer} 的 kernel 每个特征占一行，所以 {shape} 的最后一个轴需要在输入形状里写成固定大小"
        "（只有时间轴可以是 None）。",
    ),
    "xray.simplernn.check.output": (
        "every step of every sequence recomputed with numpy (first {n} of {B} samples), against the layer's output "
        "{shape}",
        "用 numpy 重算每个序列的每一步（{B} 个样本中的前 {n} 个），与该层输出 {shape} 比较",
    ),
    "xray.simplernn.check.state": (
        "the final state {state} (return_state), first {n} samples, against the layer's extra output",
        "最终状态 {state}（return_state），前 {n} 个样本，与该层的额外输出比较",
    ),
    "xray.simplernn.check.step": (
        "step {t} of sample {b} replayed by hand: h_t against the layer's output{index}",
        "手动重放样本 {b} 的第 {t} 步：h_t 与该层输出{index} 比较",
    ),
    "xray.simplernn.grid.x": (
        "x_t: the input step {read} that step {t} reads, all samples (sample {b} marked)",
        "x_t：第 {t} 步读取的输入步 {read}，所有样本（标出样本 {b}）",
    ),
    "xray.simplernn.grid.states": (
        "the states before and after step {t} for sample {b} (unit {unit} of h_t marked)",
        "样本 {b} 在第 {t} 步之前和之后的状态（标出 h_t 的单元 {unit}）",
    ),
    "xray.simplernn.grid.kernel": (
        "kernel columns that feed unit {unit}: one per gate block, column (block · {H} + {unit})",
        "通向单元 {unit} 的 kernel 列：每个门块一列，列号为（块 · {H} + {unit}）",
    ),
    "xray.simplernn.note.activation": (
        "The activation {act} is not one this X-ray recomputes, so the checks are skipped.",
        "激活函数 {act} 不在本 X 光重算的范围内，因此跳过检查。",
    ),
    "xray.simplernn.note.samples": (
        "Recomputed on the first {n} of {B} samples, to stay within the X-ray's memory bound.",
        "只在 {B} 个样本中的前 {n} 个上重算，以保持在 X 光的内存上限内。",
    ),
    "xray.simplernn.note.last_step": (
        "return_sequences=False: every step is still computed, but the layer keeps only the last one (t = {last}): the "
        "output is h_t, one ({H},) vector per sample, with no time axis.",
        "return_sequences=False：每一步仍然都会计算，但该层只保留最后一步（t = {last}）：输出是 h_t，每个样本一个 ({H},) 向量，没有时间轴。",
    ),
    "xray.simplernn.note.backwards": (
        "go_backwards=True: step t reads x[:, {T} − 1 − t] (step {t} reads x[:, {read}]), and the output lists the "
        "steps in the order they ran: output position 0 is the last input step.",
        "go_backwards=True：第 t 步读取 x[:, {T} − 1 − t]（第 {t} 步读取 x[:, {read}]），输出按各步实际运行的顺序排列：输出位置 0 是输入的最后一步。",
    ),
    "xray.simplernn.note.states": (
        "return_state=True: the extra outputs ({states}) are the states after the last step; they are checked too.",
        "return_state=True：额外输出（{states}）是最后一步之后的状态；它们也会被检查。",
    ),
    "xray.simplernn.note.initial": (
        "initial_state: the recurrence starts from the given states ({states}) instead of zeros.",
        "initial_state：递推从给定的状态（{states}）开始，而不是从零开始。",
    ),
    "xray.simplernn.note.no_bias": (
        "use_bias=False: no bias is added; the layer has only its kernel and recurrent_kernel.",
        "use_bias=False：不加偏置；该层只有 kernel 和 recurrent_kernel。",
    ),
    "xray.simplernn.code.each": ("{shape} each", "每个 {shape}"),
    "xray.simplernn.code.last_step": (
        "return_sequences=False: the last step only, {shape}",
        "return_sequences=False：只保留最后一步，{shape}",
    ),
    "xray.lstm.check.output": (
        "every step of every sequence recomputed with numpy (first {n} of {B} samples), against the layer's output "
        "{shape}",
        "用 numpy 重算每个序列的每一步（{B} 个样本中的前 {n} 个），与该层输出 {shape} 比较",
    ),
    "xray.lstm.check.state": (
        "the final state {state} (return_state), first {n} samples, against the layer's extra output",
        "最终状态 {state}（return_state），前 {n} 个样本，与该层的额外输出比较",
    ),
    "xray.lstm.check.step": (
        "step {t} of sample {b} replayed by hand: h_t against the layer's output{index}",
        "手动重放样本 {b} 的第 {t} 步：h_t 与该层输出{index} 比较",
    ),
    "xray.lstm.grid.x": (
        "x_t: the input step {read} that step {t} reads, all samples (sample {b} marked)",
        "x_t：第 {t} 步读取的输入步 {read}，所有样本（标出样本 {b}）",
    ),
    "xray.lstm.grid.states": (
        "the states before and after step {t} for sample {b} (unit {unit} of h_t marked)",
        "样本 {b} 在第 {t} 步之前和之后的状态（标出 h_t 的单元 {unit}）",
    ),
    "xray.lstm.grid.kernel": (
        "kernel columns that feed unit {unit}: one per gate block, column (block · {H} + {unit})",
        "通向单元 {unit} 的 kernel 列：每个门块一列，列号为（块 · {H} + {unit}）",
    ),
    "xray.lstm.note.activation": (
        "The activation {act} is not one this X-ray recomputes, so the checks are skipped.",
        "激活函数 {act} 不在本 X 光重算的范围内，因此跳过检查。",
    ),
    "xray.lstm.note.samples": (
        "Recomputed on the first {n} of {B} samples, to stay within the X-ray's memory bound.",
        "只在 {B} 个样本中的前 {n} 个上重算，以保持在 X 光的内存上限内。",
    ),
    "xray.lstm.note.last_step": (
        "return_sequences=False: every step is still computed, but the layer keeps only the last one (t = {last}): the "
        "output is h_t, one ({H},) vector per sample, with no time axis.",
        "return_sequences=False：每一步仍然都会计算，但该层只保留最后一步（t = {last}）：输出是 h_t，每个样本一个 ({H},) 向量，没有时间轴。",
    ),
    "xray.lstm.note.backwards": (
        "go_backwards=True: step t reads x[:, {T} − 1 − t] (step {t} reads x[:, {read}]), and the output lists the "
        "steps in the order they ran: output position 0 is the last input step.",
        "go_backwards=True：第 t 步读取 x[:, {T} − 1 − t]（第 {t} 步读取 x[:, {read}]），输出按各步实际运行的顺序排列：输出位置 0 是输入的最后一步。",
    ),
    "xray.lstm.note.states": (
        "return_state=True: the extra outputs ({states}) are the states after the last step; they are checked too.",
        "return_state=True：额外输出（{states}）是最后一步之后的状态；它们也会被检查。",
    ),
    "xray.lstm.note.initial": (
        "initial_state: the recurrence starts from the given states ({states}) instead of zeros.",
        "initial_state：递推从给定的状态（{states}）开始，而不是从零开始。",
    ),
    "xray.lstm.note.no_bias": (
        "use_bias=False: no bias is added; the layer has only its kernel and recurrent_kernel.",
        "use_bias=False：不加偏置；该层只有 kernel 和 recurrent_kernel。",
    ),
    "xray.lstm.code.each": ("{shape} each", "每个 {shape}"),
    "xray.lstm.code.last_step": (
        "return_sequences=False: the last step only, {shape}",
        "return_sequences=False：只保留最后一步，{shape}",
    ),
    "xray.gru.check.output": (
        "every step of every sequence recomputed with numpy (first {n} of {B} samples), against the layer's output "
        "{shape}",
        "用 numpy 重算每个序列的每一步（{B} 个样本中的前 {n} 个），与该层输出 {shape} 比较",
    ),
    "xray.gru.check.state": (
        "the final state {state} (return_state), first {n} samples, against the layer's extra output",
        "最终状态 {state}（return_state），前 {n} 个样本，与该层的额外输出比较",
    ),
    "xray.gru.check.step": (
        "step {t} of sample {b} replayed by hand: h_t against the layer's output{index}",
        "手动重放样本 {b} 的第 {t} 步：h_t 与该层输出{index} 比较",
    ),
    "xray.gru.grid.x": (
        "x_t: the input step {read} that step {t} reads, all samples (sample {b} marked)",
        "x_t：第 {t} 步读取的输入步 {read}，所有样本（标出样本 {b}）",
    ),
    "xray.gru.grid.states": (
        "the states before and after step {t} for sample {b} (unit {unit} of h_t marked)",
        "样本 {b} 在第 {t} 步之前和之后的状态（标出 h_t 的单元 {unit}）",
    ),
    "xray.gru.grid.kernel": (
        "kernel columns that feed unit {unit}: one per gate block, column (block · {H} + {unit})",
        "通向单元 {unit} 的 kernel 列：每个门块一列，列号为（块 · {H} + {unit}）",
    ),
    "xray.gru.note.activation": (
        "The activation {act} is not one this X-ray recomputes, so the checks are skipped.",
        "激活函数 {act} 不在本 X 光重算的范围内，因此跳过检查。",
    ),
    "xray.gru.note.samples": (
        "Recomputed on the first {n} of {B} samples, to stay within the X-ray's memory bound.",
        "只在 {B} 个样本中的前 {n} 个上重算，以保持在 X 光的内存上限内。",
    ),
    "xray.gru.note.last_step": (
        "return_sequences=False: every step is still computed, but the layer keeps only the last one (t = {last}): the "
        "output is h_t, one ({H},) vector per sample, with no time axis.",
        "return_sequences=False：每一步仍然都会计算，但该层只保留最后一步（t = {last}）：输出是 h_t，每个样本一个 ({H},) 向量，没有时间轴。",
    ),
    "xray.gru.note.backwards": (
        "go_backwards=True: step t reads x[:, {T} − 1 − t] (step {t} reads x[:, {read}]), and the output lists the "
        "steps in the order they ran: output position 0 is the last input step.",
        "go_backwards=True：第 t 步读取 x[:, {T} − 1 − t]（第 {t} 步读取 x[:, {read}]），输出按各步实际运行的顺序排列：输出位置 0 是输入的最后一步。",
    ),
    "xray.gru.note.states": (
        "return_state=True: the extra outputs ({states}) are the states after the last step; they are checked too.",
        "return_state=True：额外输出（{states}）是最后一步之后的状态；它们也会被检查。",
    ),
    "xray.gru.note.initial": (
        "initial_state: the recurrence starts from the given states ({states}) instead of zeros.",
        "initial_state：递推从给定的状态（{states}）开始，而不是从零开始。",
    ),
    "xray.gru.note.no_bias": (
        "use_bias=False: no bias is added; the layer has only its kernel and recurrent_kernel.",
        "use_bias=False：不加偏置；该层只有 kernel 和 recurrent_kernel。",
    ),
    "xray.gru.code.each": ("{shape} each", "每个 {shape}"),
    "xray.gru.code.last_step": (
        "return_sequences=False: the last step only, {shape}",
        "return_sequences=False：只保留最后一步，{shape}",
    ),
    # -- SimpleRNN, LSTM, GRU: what differs ------------------------------------------------------------
    "xray.simplernn.summary": (
        "{layer} reads x {inp_named} = {inp} one step at a time, {tx} = {T} steps of {fx} = {E} features. At each step "
        "h_t = {act}(x_t @ kernel + bias + h_(t−1) @ recurrent_kernel), with kernel ({E}, {H}) and "
        "recurrent_kernel ({H}, {H}): the same weights at every step, h of {hx} = {H} units carried from one step to "
        "the next. Output {out_named} = {out}.",
        "{layer} 逐步读取 x {inp_named} = {inp}：{tx} = {T} 步，每步 {fx} = {E} 个特征。每一步 "
        "h_t = {act}(x_t @ kernel + bias + h_(t−1) @ recurrent_kernel)，kernel 为 ({E}, {H})，"
        "recurrent_kernel 为 ({H}, {H})：每一步用同一组权重，{hx} = {H} 个单元的 h 从一步传到下一步。"
        "输出 {out_named} = {out}。",
    ),
    "xray.simplernn.grid.gates": (
        "the pre-activation at step {t} for sample {b}, before {act} (unit {unit} marked)",
        "样本 {b} 第 {t} 步在 {act} 之前的预激活值（标出单元 {unit}）",
    ),
    "xray.lstm.summary": (
        "{layer} reads x {inp_named} = {inp} one step at a time, {tx} = {T} steps of {fx} = {E} features. At each step "
        "z = x_t @ kernel ({E}, {G}) + h_(t−1) @ recurrent_kernel ({H}, {G}) + bias ({G},) is cut into four blocks "
        "of {hx} = {H} in Keras's order i, f, c, o: c_t = {ract}(f)·c_(t−1) + {ract}(i)·{act}(c), "
        "h_t = {ract}(o)·{act}(c_t). The same weights at every step. Output {out_named} = {out}.",
        "{layer} 逐步读取 x {inp_named} = {inp}：{tx} = {T} 步，每步 {fx} = {E} 个特征。每一步 "
        "z = x_t @ kernel ({E}, {G}) + h_(t−1) @ recurrent_kernel ({H}, {G}) + bias ({G},)，按 Keras 的顺序 "
        "i、f、c、o 切成四块，每块 {hx} = {H}：c_t = {ract}(f)·c_(t−1) + {ract}(i)·{act}(c)，"
        "h_t = {ract}(o)·{act}(c_t)。每一步用同一组权重。输出 {out_named} = {out}。",
    ),
    "xray.lstm.grid.gates": (
        "the four gate blocks i, f, c, o before their activations, step {t}, sample {b} "
        "(unit {unit} marked)",
        "四个门块 i、f、c、o 在激活之前的值，第 {t} 步，样本 {b}（标出单元 {unit}）",
    ),
    "xray.gru.summary": (
        "{layer} reads x {inp_named} = {inp} one step at a time, {tx} = {T} steps of {fx} = {E} features. kernel "
        "({E}, {G}) and recurrent_kernel ({H}, {G}) hold three blocks of {hx} = {H} in Keras's order z, r, h: "
        "the update gate z = {ract}(…), the reset gate r = {ract}(…), the candidate ĥ = {act}(…), and "
        "h_t = z·h_(t−1) + (1 − z)·ĥ. The same weights at every step. Output {out_named} = {out}.",
        "{layer} 逐步读取 x {inp_named} = {inp}：{tx} = {T} 步，每步 {fx} = {E} 个特征。kernel ({E}, {G}) 和 "
        "recurrent_kernel ({H}, {G}) 按 Keras 的顺序 z、r、h 分成三块，每块 {hx} = {H}：更新门 z = {ract}(…)，"
        "重置门 r = {ract}(…)，候选值 ĥ = {act}(…)，h_t = z·h_(t−1) + (1 − z)·ĥ。每一步用同一组权重。"
        "输出 {out_named} = {out}。",
    ),
    "xray.gru.grid.gates": (
        "the blocks z, r, h before their activations (h: the candidate, after the reset gate), "
        "step {t}, sample {b} (unit {unit} marked)",
        "z、r、h 三块在激活之前的值（h：经过重置门之后的候选值），第 {t} 步，样本 {b}"
        "（标出单元 {unit}）",
    ),
    "xray.lstm.code.order": ("Keras's order i, f, c, o", "Keras 的顺序 i, f, c, o"),
    "xray.gru.code.order": ("Keras's order z, r, h", "Keras 的顺序 z, r, h"),
    "xray.gru.code.bias_rows": ("{shape}: an input row and a recurrent row", "{shape}：一行给输入，一行给循环部分"),
    "xray.gru.note.reset_after": (
        "reset_after=True (Keras 3's default): r multiplies h_(t−1) @ R_h + b_rh, after the product; the bias is "
        "(2, 3H): a row added to x_t @ kernel and a row added to h_(t−1) @ recurrent_kernel.",
        "reset_after=True（Keras 3 的默认值）：r 乘在 h_(t−1) @ R_h + b_rh 上，即在乘积之后；偏置为 (2, 3H)："
        "一行加到 x_t @ kernel 上，一行加到 h_(t−1) @ recurrent_kernel 上。",
    ),
    "xray.gru.note.reset_before": (
        "reset_after=False: r multiplies h_(t−1) before it meets R_h: (r·h_(t−1)) @ R_h; one bias row of 3H.",
        "reset_after=False：r 先乘 h_(t−1)，再与 R_h 相乘：(r·h_(t−1)) @ R_h；只有一行 3H 的偏置。",
    ),
    # -- mistakes ------------------------------------------------------------------------------------------
    "mistake.return_sequences.title": (
        "Forgetting return_sequences=True on {layer}",
        "在 {layer} 上忘了 return_sequences=True",
    ),
    "mistake.return_sequences.why": (
        "Without it the {rnn} keeps only the last step's state: {last} {last_named} instead of {seq} {seq_named}. "
        "The time axis {time} is gone, and {consumer} ({consumer_cls}) needs it.",
        "没有它，{rnn} 只保留最后一步的状态：{last} {last_named}，而不是 {seq} {seq_named}。"
        "时间轴 {time} 没有了，而 {consumer}（{consumer_cls}）需要它。",
    ),
    # -- ConvLSTM1D, ConvLSTM2D ---------------------------------------------------------------------------
    "xray.convlstm.summary": (
        "{layer} ({cls}) reads x {inp_named} = {inp} one step at a time: {tx} = {T} frames {frame}. At each step "
        "z = conv(x_t, kernel {kernel}) + conv(h_(t−1), recurrent_kernel {rkernel}) + bias ({G},), a frame of "
        "{G} channels cut into four blocks of {kx} = {F} in Keras's order i, f, c, o: "
        "c_t = {ract}(f)·c_(t−1) + {ract}(i)·{act}(c), h_t = {ract}(o)·{act}(c_t), with h and c frames {state}. "
        "The kernel reads x_t with padding=\"{padding}\", strides {strides}, dilation_rate {dilation}; the "
        "recurrent kernel reads h with stride 1 and padding \"same\", so h keeps its size. The same weights at "
        "every step and every position. Output {out_named} = {out}.",
        "{layer}（{cls}）逐步读取 x {inp_named} = {inp}：{tx} = {T} 帧，每帧 {frame}。每一步 "
        "z = conv(x_t, kernel {kernel}) + conv(h_(t−1), recurrent_kernel {rkernel}) + bias ({G},)，得到 {G} 个通道"
        "的一帧，按 Keras 的顺序 i、f、c、o 切成四块，每块 {kx} = {F}：c_t = {ract}(f)·c_(t−1) + {ract}(i)·{act}(c)，"
        "h_t = {ract}(o)·{act}(c_t)，h 和 c 都是 {state} 的帧。kernel 以 padding=\"{padding}\"、strides {strides}、"
        "dilation_rate {dilation} 读取 x_t；recurrent kernel 以步长 1、padding \"same\" 读取 h，所以 h 的大小不变。"
        "每一步、每个位置都用同一组权重。输出 {out_named} = {out}。",
    ),
    "xray.convlstm.check.output": (
        "every step of every sample recomputed with numpy convolutions (first {n} of {B} samples), against the "
        "layer's output {shape}",
        "用 numpy 卷积重算每个样本的每一步（{B} 个样本中的前 {n} 个），与该层输出 {shape} 比较",
    ),
    "xray.convlstm.check.state": (
        "the final state {state} (return_state), first {n} samples, against the layer's extra output",
        "最终状态 {state}（return_state），前 {n} 个样本，与该层的额外输出比较",
    ),
    "xray.convlstm.check.followed": (
        "the followed number: sample {b} recomputed up to step {t}, h at position {position}, filter {f}, against "
        "the layer's output{index}",
        "跟踪的数：样本 {b} 重算到第 {t} 步，位置 {position}、卷积核 {f} 处的 h，与该层输出{index} 比较",
    ),
    "xray.convlstm.grid.gates": (
        "sample {b}, position {position}, filter {f}, at every step: the gates i, f, o after {ract}, the "
        "candidate c after {act}, then the state c[t] and the output h[t] (step {t} marked)",
        "样本 {b}、位置 {position}、卷积核 {f} 在每一步的值：经过 {ract} 的门 i、f、o，经过 {act} 的候选值 c，"
        "然后是状态 c[t] 和输出 h[t]（标出第 {t} 步）",
    ),
    "xray.convlstm.grid.parts": (
        "step {t}, position {position}, filter {f}: each gate's pre-activation z is the kernel's part x∗K plus "
        "the recurrent kernel's part h∗R plus the bias b",
        "第 {t} 步，位置 {position}，卷积核 {f}：每个门的预激活值 z 等于 kernel 的部分 x∗K 加上 recurrent "
        "kernel 的部分 h∗R 再加偏置 b",
    ),
    "xray.convlstm.grid.x": (
        "the window of x_t (input step {read}) that the kernel reads for position {position} at step {t}: one "
        "row per kernel position, labelled by its place in the frame (a place outside the frame is a zero the "
        "padding adds), one column per input channel",
        "第 {t} 步 kernel 为位置 {position} 读取的 x_t（输入第 {read} 步）窗口：每个卷积核位置一行，"
        "行标是它在帧中的位置（帧外的位置是填充补的零），每个输入通道一列",
    ),
    "xray.convlstm.grid.h": (
        "the window of h_(t−1) that the recurrent kernel reads for position {position} at step {t} (padding "
        "\"same\": zeros outside the frame), one column per filter (filter {f} marked)",
        "第 {t} 步 recurrent kernel 为位置 {position} 读取的 h_(t−1) 窗口（padding \"same\"：帧外为零），"
        "每个卷积核一列（标出卷积核 {f}）",
    ),
    "xray.convlstm.note.padding": (
        "padding=\"{padding}\": x_t's frame {frame} gets zeros (before, after) {pads} on each axis, and the "
        "kernel's windows give the output frame {out}; h gets {rpads}, so its recurrent convolution gives {out} "
        "again.",
        "padding=\"{padding}\"：x_t 的帧 {frame} 在每个轴上补零（前，后）{pads}，kernel 的窗口得到输出帧 "
        "{out}；h 补零 {rpads}，所以它的循环卷积仍然得到 {out}。",
    ),
    "xray.convlstm.note.activation": (
        "The activation {act} is not one this X-ray recomputes, so the checks are skipped.",
        "激活函数 {act} 不在本 X 光重算的范围内，因此跳过检查。",
    ),
    "xray.convlstm.note.samples": (
        "Recomputed on the first {n} of {B} samples, to stay within the X-ray's memory bound.",
        "只在 {B} 个样本中的前 {n} 个上重算，以保持在 X 光的内存上限内。",
    ),
    "xray.convlstm.note.last_step": (
        "return_sequences=False: every step is still computed, but the layer keeps only the last one "
        "(t = {last}): one frame {frame} per sample, with no time axis.",
        "return_sequences=False：每一步仍然都会计算，但该层只保留最后一步（t = {last}）：每个样本一帧 {frame}，"
        "没有时间轴。",
    ),
    "xray.convlstm.note.backwards": (
        "go_backwards=True: step t reads x[:, {T} − 1 − t] (step {t} reads x[:, {read}]), and the output lists the "
        "steps in the order they ran: output position 0 is the last input step.",
        "go_backwards=True：第 t 步读取 x[:, {T} − 1 − t]（第 {t} 步读取 x[:, {read}]），输出按各步实际运行的顺序"
        "排列：输出位置 0 是输入的最后一步。",
    ),
    "xray.convlstm.note.states": (
        "return_state=True: the extra outputs (h, c) are the frames after the last step; they are checked too.",
        "return_state=True：额外输出（h、c）是最后一步之后的帧；它们也会被检查。",
    ),
    "xray.convlstm.note.no_bias": (
        "use_bias=False: no bias is added; the layer has only its kernel and recurrent_kernel.",
        "use_bias=False：不加偏置；该层只有 kernel 和 recurrent_kernel。",
    ),
    "xray.convlstm.code.conv": (
        "conv(a, w, ...): the Conv X-ray's convolution, every window of a (zero-padded) @ w reshaped to one matrix",
        "conv(a, w, ...)：Conv X 光中的卷积，a（补零后）的每个窗口 @ 展平成一个矩阵的 w",
    ),
    "xray.convlstm.code.order": ("Keras's order i, f, c, o", "Keras 的顺序 i, f, c, o"),
    "xray.convlstm.code.last_step": (
        "return_sequences=False: the last step only, {shape}",
        "return_sequences=False：只保留最后一步，{shape}",
    ),
    "mistake.convlstm_sequences_off.title": (
        "Forgetting return_sequences=True on {layer}",
        "在 {layer} 上忘了 return_sequences=True",
    ),
    "mistake.convlstm_sequences_off.why": (
        "Without it the {cls} keeps only the last step's frame: {last} {last_named} instead of {seq} {seq_named}. "
        "The time axis {time} is gone, and {consumer} ({consumer_cls}) needs it.",
        "没有它，{cls} 只保留最后一步的帧：{last} {last_named}，而不是 {seq} {seq_named}。"
        "时间轴 {time} 没有了，而 {consumer}（{consumer_cls}）需要它。",
    ),
    "mistake.convlstm_sequences_on.title": (
        "Leaving return_sequences=True on {layer}",
        "在 {layer} 上留着 return_sequences=True",
    ),
    "mistake.convlstm_sequences_on.why": (
        "With it the {cls} passes on every step's frame: {seq} {seq_named} instead of the last one {last} "
        "{last_named}. {consumer} ({consumer_cls}) takes one frame per sample, and the extra time axis {time} "
        "does not fit it.",
        "有了它，{cls} 会传出每一步的帧：{seq} {seq_named}，而不是最后一帧 {last} {last_named}。"
        "{consumer}（{consumer_cls}）每个样本只接受一帧，多出的时间轴 {time} 不合适。",
    ),
    "xray.rnn.heat_x": (
        "The input sequence x[{b}]: step {t} reads row {read}",
        "输入序列 x[{b}]：第 {t} 步读取第 {read} 行",
    ),
    "xray.rnn.heat_gates": (
        "The gates of unit {unit} at every step of sample {b}, after their activations: step {t} outlined",
        "样本 {b} 每一步中单元 {unit} 的各个门（激活之后）：框出第 {t} 步",
    ),
    "xray.rnn.heat_h": (
        "h at every step of sample {b}, in the order the steps ran: h[{t}, {unit}] outlined",
        "样本 {b} 每一步的 h（按运行顺序）：框出 h[{t}, {unit}]",
    ),
    "xray.rnn.heat_gate_axis": ("gate", "门"),
    "xray.convlstm.heat_x": (
        "The frame {where} step {t} reads: the window that feeds out{out} outlined",
        "第 {t} 步读取的帧 {where}：框出输入 out{out} 的窗口",
    ),
    "xray.convlstm.heat_gates": (
        "Position {position}, filter {f} of sample {b} at every step: gates i, f, c, o after their activations, "
        "then c and h; step {t} outlined",
        "样本 {b} 位置 {position}、滤波器 {f} 的每一步：激活之后的门 i、f、c、o，然后是 c 和 h；框出第 {t} 步",
    ),
}
