"""Strings of the SimpleRNN, LSTM, GRU, Bidirectional and TimeDistributed X-rays (explorer/live/recurrent.py,
explorer/live/wrappers.py) and their mistakes (return_sequences=False, merge_mode=None).

The three RNN X-rays share most sentences; they are written once here and given each kind's prefix."""

RNN_PREFIXES = ("xray.simplernn", "xray.lstm", "xray.gru")

_RNN_EN = {
    "check.output": "every step of every sequence recomputed with numpy (first {n} of {B} samples), against the "
                    "layer's output {shape}",
    "check.state": "the final state {state} (return_state), first {n} samples, against the layer's extra output",
    "check.step": "step {t} of sample {b} replayed by hand: h_t against the layer's output{index}",
    "grid.x": "x_t: the input step {read} that step {t} reads, all samples (sample {b} marked)",
    "grid.states": "the states before and after step {t} for sample {b} (unit {unit} of h_t marked)",
    "grid.kernel": "kernel columns that feed unit {unit}: one per gate block, column (block · {H} + {unit})",
    "note.activation": "The activation {act} is not one this X-ray recomputes, so the checks are skipped.",
    "note.samples": "Recomputed on the first {n} of {B} samples, to stay within the X-ray's memory bound.",
    "note.last_step": "return_sequences=False: every step is still computed, but the layer keeps only the last "
                      "one (t = {last}): the output is h_t, one ({H},) vector per sample, with no time axis.",
    "note.backwards": "go_backwards=True: step t reads x[:, {T} − 1 − t] (step {t} reads x[:, {read}]), and the "
                      "output lists the steps in the order they ran: output position 0 is the last input step.",
    "note.states": "return_state=True: the extra outputs ({states}) are the states after the last step; they "
                   "are checked too.",
    "note.initial": "initial_state: the recurrence starts from the given states ({states}) instead of zeros.",
    "note.no_bias": "use_bias=False: no bias is added; the layer has only its kernel and recurrent_kernel.",
    # comments of the numpy code (shapes given as text)
    "code.each": "{shape} each",
    "code.last_step": "return_sequences=False: the last step only, {shape}",
}

_RNN_ZH = {
    "check.output": "用 numpy 重算每个序列的每一步（{B} 个样本中的前 {n} 个），与该层输出 {shape} 比较",
    "check.state": "最终状态 {state}（return_state），前 {n} 个样本，与该层的额外输出比较",
    "check.step": "手动重放样本 {b} 的第 {t} 步：h_t 与该层输出{index} 比较",
    "grid.x": "x_t：第 {t} 步读取的输入步 {read}，所有样本（标出样本 {b}）",
    "grid.states": "样本 {b} 在第 {t} 步之前和之后的状态（标出 h_t 的单元 {unit}）",
    "grid.kernel": "通向单元 {unit} 的 kernel 列：每个门块一列，列号为（块 · {H} + {unit}）",
    "note.activation": "激活函数 {act} 不在本 X 光重算的范围内，因此跳过检查。",
    "note.samples": "只在 {B} 个样本中的前 {n} 个上重算，以保持在 X 光的内存上限内。",
    "note.last_step": "return_sequences=False：每一步仍然都会计算，但该层只保留最后一步（t = {last}）："
                      "输出是 h_t，每个样本一个 ({H},) 向量，没有时间轴。",
    "note.backwards": "go_backwards=True：第 t 步读取 x[:, {T} − 1 − t]（第 {t} 步读取 x[:, {read}]），"
                      "输出按各步实际运行的顺序排列：输出位置 0 是输入的最后一步。",
    "note.states": "return_state=True：额外输出（{states}）是最后一步之后的状态；它们也会被检查。",
    "note.initial": "initial_state：递推从给定的状态（{states}）开始，而不是从零开始。",
    "note.no_bias": "use_bias=False：不加偏置；该层只有 kernel 和 recurrent_kernel。",
    "code.each": "每个 {shape}",
    "code.last_step": "return_sequences=False：只保留最后一步，{shape}",
}

EN = {f"{prefix}.{key}": text for prefix in RNN_PREFIXES for key, text in _RNN_EN.items()}
ZH = {f"{prefix}.{key}": text for prefix in RNN_PREFIXES for key, text in _RNN_ZH.items()}

EN |= {
    # -- SimpleRNN, LSTM, GRU: what differs ------------------------------------------------------------
    "xray.simplernn.summary": (
        "{layer} reads x {inp_named} = {inp} one step at a time, T = {T} steps of E = {E} features. At each step "
        "h_t = {act}(x_t @ kernel + bias + h_(t−1) @ recurrent_kernel), with kernel ({E}, {H}) and "
        "recurrent_kernel ({H}, {H}): the same weights at every step, h of H = {H} units carried from one step to "
        "the next. Output {out_named} = {out}."
    ),
    "xray.simplernn.grid.gates": "the pre-activation at step {t} for sample {b}, before {act} (unit {unit} marked)",
    "xray.lstm.summary": (
        "{layer} reads x {inp_named} = {inp} one step at a time, T = {T} steps of E = {E} features. At each step "
        "z = x_t @ kernel ({E}, {G}) + h_(t−1) @ recurrent_kernel ({H}, {G}) + bias ({G},) is cut into four blocks "
        "of H = {H} in Keras's order i, f, c, o: c_t = {ract}(f)·c_(t−1) + {ract}(i)·{act}(c), "
        "h_t = {ract}(o)·{act}(c_t). The same weights at every step. Output {out_named} = {out}."
    ),
    "xray.lstm.grid.gates": "the four gate blocks i, f, c, o before their activations, step {t}, sample {b} "
                            "(unit {unit} marked)",
    "xray.gru.summary": (
        "{layer} reads x {inp_named} = {inp} one step at a time, T = {T} steps of E = {E} features. kernel "
        "({E}, {G}) and recurrent_kernel ({H}, {G}) hold three blocks of H = {H} in Keras's order z, r, h: "
        "the update gate z = {ract}(…), the reset gate r = {ract}(…), the candidate ĥ = {act}(…), and "
        "h_t = z·h_(t−1) + (1 − z)·ĥ. The same weights at every step. Output {out_named} = {out}."
    ),
    "xray.gru.grid.gates": "the blocks z, r, h before their activations (h: the candidate, after the reset gate), "
                           "step {t}, sample {b} (unit {unit} marked)",
    "xray.lstm.code.order": "Keras's order i, f, c, o",
    "xray.gru.code.order": "Keras's order z, r, h",
    "xray.gru.code.bias_rows": "{shape}: an input row and a recurrent row",
    "xray.gru.note.reset_after": (
        "reset_after=True (Keras 3's default): r multiplies h_(t−1) @ R_h + b_rh, after the product; the bias is "
        "(2, 3H): a row added to x_t @ kernel and a row added to h_(t−1) @ recurrent_kernel."
    ),
    "xray.gru.note.reset_before": (
        "reset_after=False: r multiplies h_(t−1) before it meets R_h: (r·h_(t−1)) @ R_h; one bias row of 3H."
    ),
    # -- Bidirectional -----------------------------------------------------------------------------------
    "xray.bidirectional.summary.merged": (
        "{layer} runs two {rnn}s of H = {H} units over x {inp_named} = {inp}: the forward one reads steps 0 … "
        "{T} − 1, the backward one (its own weights) reads them last to first. The backward outputs are put back "
        "in input time order, so position t holds what both directions say about step t, and merge_mode={mode} "
        "joins them: {out_named} = {out}."
    ),
    "xray.bidirectional.summary.none": (
        "{layer} runs two {rnn}s of H = {H} units over x {inp_named} = {inp}, forward and backward (its own "
        "weights, reading last to first, put back in input time order). merge_mode=None does not join them: the "
        "layer returns two tensors, the forward one {out_named} = {out} and the backward one of the same shape."
    ),
    "xray.bidirectional.check.output": "numpy forward + numpy backward (flipped back), merged with {mode}, first "
                                       "{n} of {B} samples, against the layer's output {shape}",
    "xray.bidirectional.check.forward": "numpy forward RNN, first {n} of {B} samples, against the layer's first "
                                        "output {shape}",
    "xray.bidirectional.check.backward": "numpy backward RNN flipped back in time, first {n} of {B} samples, "
                                         "against the layer's second output {shape}",
    "xray.bidirectional.check.state.forward": "the forward RNN's final state {state}, first {n} samples, against "
                                              "the layer's state output",
    "xray.bidirectional.check.state.backward": "the backward RNN's final state {state}, first {n} samples, "
                                               "against the layer's state output",
    "xray.bidirectional.note.activation": (
        "The activation {act} is not one this X-ray recomputes, so the checks are skipped."
    ),
    "xray.bidirectional.note.unflipped": (
        "Forget to flip the backward outputs back and merge them as they come out (position 0 = input step "
        "{last}): the result is off by up to {diff} from the layer's output. The flip pairs both directions' "
        "views of the same input step."
    ),
    "xray.bidirectional.note.last_step": (
        "return_sequences=False: each direction keeps only the state after its last step: the forward one after "
        "reading step {last}, the backward one after reading step 0. Nothing is flipped."
    ),
    "xray.bidirectional.note.samples": "Recomputed on the first {n} of {B} samples, to stay within the X-ray's "
                                       "memory bound.",
    "xray.bidirectional.note.inner_backwards": (
        "The RNN inside is written with go_backwards=True, so here the first copy reads the steps last to first "
        "and the second copy first to last. Keras still flips the second copy's outputs back before merging."
    ),
    "xray.bidirectional.note.initial": (
        "initial_state: {count} tensors; the first {half} start the forward RNN, the other {half} the backward one."
    ),
    "xray.bidirectional.grid.forward": "forward h for sample {b}, rows = steps (step {t}, unit {unit} marked)",
    "xray.bidirectional.grid.backward": "backward h for sample {b}, flipped back to input order (step {t}, unit "
                                        "{unit} marked)",
    "xray.bidirectional.grid.backward_raw": "backward h as the backward RNN gives it: step {t} sits at position "
                                            "{raw} before the flip",
    "xray.bidirectional.grid.output": "the layer's output for sample {b} (the followed number {index} marked)",
    "xray.bidirectional.grid.forward_last": "forward h after its last step, sample {b} (unit {unit} marked)",
    "xray.bidirectional.grid.backward_last": "backward h after its last step (input step 0), sample {b} "
                                             "(unit {unit} marked)",
    # -- TimeDistributed ---------------------------------------------------------------------------------
    "xray.bidirectional.code.flip": "back to input time order: bwd[:, t] lines up with x[:, t]",
    "xray.bidirectional.code.two": "merge_mode=None: two tensors",
    "xray.timedistributed.code.inner": "the {inner} inside",
    "xray.timedistributed.code.each": "each x[:, t] {step_in} → {step_out}",
    "xray.timedistributed.summary": (
        "{layer} gets x {inp_named} = {inp} and hands its {inner} one time slice at a time: x[:, t] {step_in} → "
        "{step_out}, for each of the T = {T} steps, then stacks the results on axis 1: {out_named} = {out}."
    ),
    "xray.timedistributed.check.steps": "the {inner} run on each slice x[:, t] separately ({steps} of T = {T} "
                                        "steps, first {n} of {B} samples), stacked, against the layer's output",
    "xray.timedistributed.check.weights": "the wrapper's weights are the {inner}'s own: variables, parameters, and "
                                          "variables shared with the {inner} (the same objects)",
    "xray.timedistributed.note.shared": (
        "One set of weights for every step: {count} variable(s), {params} parameters. A separate {inner} per step "
        "would need T × {params} = {would}."
    ),
    "xray.timedistributed.note.steps": "Only the first {steps} of T = {T} slices are run through the inner layer "
                                       "and compared, to keep the X-ray quick.",
    "xray.timedistributed.note.samples": "Recomputed on the first {n} of {B} samples, to stay within the X-ray's "
                                         "memory bound.",
    "xray.timedistributed.note.inner_xray": "{inner} has its own X-ray: open that layer kind's X-ray to see one "
                                            "slice's arithmetic.",
    "xray.timedistributed.grid.input": "the slice x[{b}, {t}] the inner layer gets",
    "xray.timedistributed.grid.output": "what it gives back, the layer's out[{b}, {t}] (the followed number "
                                        "{index} marked)",
    # -- mistakes ------------------------------------------------------------------------------------------
    "mistake.return_sequences.title": "Forgetting return_sequences=True on {layer}",
    "mistake.return_sequences.why": (
        "Without it the {rnn} keeps only the last step's state: {last} {last_named} instead of {seq} {seq_named}. "
        "The time axis {time} is gone, and {consumer} ({consumer_cls}) needs it."
    ),
    "mistake.merge_none.title": "merge_mode=None on {layer}",
    "mistake.merge_none.why": (
        "merge_mode=None returns the two directions as two tensors, {half} and {half}, instead of one {merged} "
        "{merged_named} (merge_mode={mode}); {consumer} ({consumer_cls}) takes one tensor."
    ),
}

ZH |= {
    "xray.simplernn.summary": (
        "{layer} 逐步读取 x {inp_named} = {inp}：T = {T} 步，每步 E = {E} 个特征。每一步 "
        "h_t = {act}(x_t @ kernel + bias + h_(t−1) @ recurrent_kernel)，kernel 为 ({E}, {H})，"
        "recurrent_kernel 为 ({H}, {H})：每一步用同一组权重，H = {H} 个单元的 h 从一步传到下一步。"
        "输出 {out_named} = {out}。"
    ),
    "xray.simplernn.grid.gates": "样本 {b} 第 {t} 步在 {act} 之前的预激活值（标出单元 {unit}）",
    "xray.lstm.summary": (
        "{layer} 逐步读取 x {inp_named} = {inp}：T = {T} 步，每步 E = {E} 个特征。每一步 "
        "z = x_t @ kernel ({E}, {G}) + h_(t−1) @ recurrent_kernel ({H}, {G}) + bias ({G},)，按 Keras 的顺序 "
        "i、f、c、o 切成四块，每块 H = {H}：c_t = {ract}(f)·c_(t−1) + {ract}(i)·{act}(c)，"
        "h_t = {ract}(o)·{act}(c_t)。每一步用同一组权重。输出 {out_named} = {out}。"
    ),
    "xray.lstm.grid.gates": "四个门块 i、f、c、o 在激活之前的值，第 {t} 步，样本 {b}（标出单元 {unit}）",
    "xray.gru.summary": (
        "{layer} 逐步读取 x {inp_named} = {inp}：T = {T} 步，每步 E = {E} 个特征。kernel ({E}, {G}) 和 "
        "recurrent_kernel ({H}, {G}) 按 Keras 的顺序 z、r、h 分成三块，每块 H = {H}：更新门 z = {ract}(…)，"
        "重置门 r = {ract}(…)，候选值 ĥ = {act}(…)，h_t = z·h_(t−1) + (1 − z)·ĥ。每一步用同一组权重。"
        "输出 {out_named} = {out}。"
    ),
    "xray.gru.grid.gates": "z、r、h 三块在激活之前的值（h：经过重置门之后的候选值），第 {t} 步，样本 {b}"
                           "（标出单元 {unit}）",
    "xray.lstm.code.order": "Keras 的顺序 i, f, c, o",
    "xray.gru.code.order": "Keras 的顺序 z, r, h",
    "xray.gru.code.bias_rows": "{shape}：一行给输入，一行给循环部分",
    "xray.gru.note.reset_after": (
        "reset_after=True（Keras 3 的默认值）：r 乘在 h_(t−1) @ R_h + b_rh 上，即在乘积之后；偏置为 (2, 3H)："
        "一行加到 x_t @ kernel 上，一行加到 h_(t−1) @ recurrent_kernel 上。"
    ),
    "xray.gru.note.reset_before": (
        "reset_after=False：r 先乘 h_(t−1)，再与 R_h 相乘：(r·h_(t−1)) @ R_h；只有一行 3H 的偏置。"
    ),
    "xray.bidirectional.summary.merged": (
        "{layer} 在 x {inp_named} = {inp} 上运行两个 H = {H} 个单元的 {rnn}：前向的按 0 … {T} − 1 读取各步，"
        "后向的（有自己的权重）从最后一步读到第一步。后向的输出被放回输入的时间顺序，于是位置 t 上是两个方向对"
        "第 t 步的结果，再由 merge_mode={mode} 合并：{out_named} = {out}。"
    ),
    "xray.bidirectional.summary.none": (
        "{layer} 在 x {inp_named} = {inp} 上运行两个 H = {H} 个单元的 {rnn}，一个前向、一个后向（有自己的权重，"
        "从后往前读，再放回输入的时间顺序）。merge_mode=None 不合并它们：该层返回两个张量，前向的 "
        "{out_named} = {out}，以及形状相同的后向张量。"
    ),
    "xray.bidirectional.check.output": "numpy 前向 + numpy 后向（翻转回来），用 {mode} 合并，{B} 个样本中的前 "
                                       "{n} 个，与该层输出 {shape} 比较",
    "xray.bidirectional.check.forward": "numpy 前向 RNN，{B} 个样本中的前 {n} 个，与该层的第一个输出 {shape} 比较",
    "xray.bidirectional.check.backward": "numpy 后向 RNN 按时间翻转回来，{B} 个样本中的前 {n} 个，与该层的第二个"
                                         "输出 {shape} 比较",
    "xray.bidirectional.check.state.forward": "前向 RNN 的最终状态 {state}，前 {n} 个样本，与该层的状态输出比较",
    "xray.bidirectional.check.state.backward": "后向 RNN 的最终状态 {state}，前 {n} 个样本，与该层的状态输出比较",
    "xray.bidirectional.note.activation": "激活函数 {act} 不在本 X 光重算的范围内，因此跳过检查。",
    "xray.bidirectional.note.unflipped": (
        "如果忘了把后向输出翻转回来，直接按它输出的顺序合并（位置 0 = 输入的第 {last} 步）：结果与该层输出最多"
        "相差 {diff}。翻转让两个方向对同一个输入步的结果对齐。"
    ),
    "xray.bidirectional.note.last_step": (
        "return_sequences=False：每个方向只保留最后一步之后的状态：前向的是读完第 {last} 步之后，后向的是读完"
        "第 0 步之后。不做翻转。"
    ),
    "xray.bidirectional.note.samples": "只在 {B} 个样本中的前 {n} 个上重算，以保持在 X 光的内存上限内。",
    "xray.bidirectional.note.inner_backwards": (
        "内部的 RNN 写了 go_backwards=True，所以这里第一个副本从最后一步读到第一步，第二个副本从第一步读到最后一步。"
        "Keras 仍然会在合并之前把第二个副本的输出翻转回来。"
    ),
    "xray.bidirectional.note.initial": (
        "initial_state：{count} 个张量；前 {half} 个是前向 RNN 的初始状态，后 {half} 个是后向 RNN 的。"
    ),
    "xray.bidirectional.grid.forward": "样本 {b} 的前向 h，行 = 各步（标出第 {t} 步、单元 {unit}）",
    "xray.bidirectional.grid.backward": "样本 {b} 的后向 h，已翻转回输入顺序（标出第 {t} 步、单元 {unit}）",
    "xray.bidirectional.grid.backward_raw": "后向 RNN 原样给出的 h：翻转之前，第 {t} 步位于位置 {raw}",
    "xray.bidirectional.grid.output": "该层对样本 {b} 的输出（标出跟踪的数字 {index}）",
    "xray.bidirectional.grid.forward_last": "前向 h 在最后一步之后，样本 {b}（标出单元 {unit}）",
    "xray.bidirectional.grid.backward_last": "后向 h 在最后一步（输入第 0 步）之后，样本 {b}（标出单元 {unit}）",
    "xray.bidirectional.code.flip": "翻回输入的时间顺序：bwd[:, t] 与 x[:, t] 对齐",
    "xray.bidirectional.code.two": "merge_mode=None：两个张量",
    "xray.timedistributed.code.inner": "里面的 {inner}",
    "xray.timedistributed.code.each": "每个 x[:, t] {step_in} → {step_out}",
    "xray.timedistributed.summary": (
        "{layer} 收到 x {inp_named} = {inp}，每次把一个时间切片交给其中的 {inner}：x[:, t] {step_in} → "
        "{step_out}，对 T = {T} 步中的每一步都这样做，再把结果沿轴 1 堆叠：{out_named} = {out}。"
    ),
    "xray.timedistributed.check.steps": "在每个切片 x[:, t] 上单独运行 {inner}（T = {T} 步中的 {steps} 步，"
                                        "{B} 个样本中的前 {n} 个），堆叠后与该层输出比较",
    "xray.timedistributed.check.weights": "包装层的权重就是 {inner} 自己的权重：变量数、参数数，以及与 {inner} "
                                          "共享的变量（同一个对象）",
    "xray.timedistributed.note.shared": (
        "所有步共用一组权重：{count} 个变量，{params} 个参数。如果每一步都有自己的 {inner}，"
        "需要 T × {params} = {would} 个。"
    ),
    "xray.timedistributed.note.steps": "只把 T = {T} 个切片中的前 {steps} 个送入内部层并比较，以保持 X 光快速。",
    "xray.timedistributed.note.samples": "只在 {B} 个样本中的前 {n} 个上重算，以保持在 X 光的内存上限内。",
    "xray.timedistributed.note.inner_xray": "{inner} 有自己的 X 光：打开该层类型的 X 光可以看到一个切片的运算。",
    "xray.timedistributed.grid.input": "内部层收到的切片 x[{b}, {t}]",
    "xray.timedistributed.grid.output": "它返回的结果，即该层的 out[{b}, {t}]（标出跟踪的数字 {index}）",
    "mistake.return_sequences.title": "在 {layer} 上忘了 return_sequences=True",
    "mistake.return_sequences.why": (
        "没有它，{rnn} 只保留最后一步的状态：{last} {last_named}，而不是 {seq} {seq_named}。"
        "时间轴 {time} 没有了，而 {consumer}（{consumer_cls}）需要它。"
    ),
    "mistake.merge_none.title": "在 {layer} 上使用 merge_mode=None",
    "mistake.merge_none.why": (
        "merge_mode=None 把两个方向作为两个张量 {half} 和 {half} 返回，而不是一个 {merged} {merged_named}"
        "(merge_mode={mode})；{consumer}（{consumer_cls}）只接受一个张量。"
    ),
}
