"""The words of the wrappers (Bidirectional, TimeDistributed): axis meanings and fixes (kinds.py),
X-rays and common mistakes (xray.py), each key with its English and its Chinese side by side.
Placeholders use str.format names; numbers are formatted by the caller.
"""

WORDS: dict[str, tuple[str, str]] = {
    "axis.bidirectional": (
        "features of {layer}: the forward and backward directions merged",
        "{layer} 的特征：前向与后向两个方向合并后的结果",
    ),
    "fix.bidirectional_rnn": (
        "Bidirectional runs a recurrent layer forwards and backwards, and {inner} has no direction: "
        "wrap an LSTM, GRU or SimpleRNN, for example `{code}`, or use {inner} without Bidirectional.",
        "Bidirectional 把一个循环层正向、反向各运行一次，而 {inner} 没有方向：请包装 LSTM、GRU 或 "
        "SimpleRNN，例如 `{code}`，或者不用 Bidirectional，直接使用 {inner}。",
    ),
    "fix.td_needs_time": (
        "TimeDistributed steps along axis 1 of a tensor with at least 3 axes, and {shape} has no time "
        "axis: apply {inner} directly, `{code}`.",
        "TimeDistributed 沿至少 3 个轴的张量的轴 1 逐步应用，而 {shape} 没有时间轴：直接使用 {inner}，`{code}`。",
    ),
    "fix.td_one_output": (
        "TimeDistributed needs one tensor back from {inner} at each step: set `{code}` on the layer "
        "inside {layer}.",
        "TimeDistributed 需要 {inner} 在每一步只返回一个张量：在 {layer} 里面的层上设置 `{code}`。",
    ),
    "fix.td_step_shape": (
        "TimeDistributed gives {inner} one step at a time, {step} = {step_named} ({shape} without its "
        "time axis {time}), and {inner} cannot take that: check that axis 1 is time, or give {inner} the "
        "whole tensor without TimeDistributed.",
        "TimeDistributed 每次只给 {inner} 一个时间步，{step} = {step_named}（{shape} 去掉时间轴 {time}），"
        "而 {inner} 不能接受这个形状：请检查轴 1 是否是时间轴，或者去掉 TimeDistributed，把整个张量交给 {inner}。",
    ),
    # -- Bidirectional -----------------------------------------------------------------------------------
    "xray.bidirectional.summary.merged": (
        "{layer} runs two {rnn}s of {hx} = {H} units over x {inp_named} = {inp}: the forward one reads steps 0 … "
        "{T} − 1, the backward one (its own weights) reads them last to first. The backward outputs are put back "
        "in input time order, so position t holds what both directions say about step t, and merge_mode={mode} "
        "joins them: {out_named} = {out}.",
        "{layer} 在 x {inp_named} = {inp} 上运行两个 {hx} = {H} 个单元的 {rnn}：前向的按 0 … {T} − 1 读取各步，"
        "后向的（有自己的权重）从最后一步读到第一步。后向的输出被放回输入的时间顺序，于是位置 t 上是两个方向对"
        "第 t 步的结果，再由 merge_mode={mode} 合并：{out_named} = {out}。",
    ),
    "xray.bidirectional.summary.none": (
        "{layer} runs two {rnn}s of {hx} = {H} units over x {inp_named} = {inp}, forward and backward (its own "
        "weights, reading last to first, put back in input time order). merge_mode=None does not join them: the "
        "layer returns two tensors, the forward one {out_named} = {out} and the backward one of the same shape.",
        "{layer} 在 x {inp_named} = {inp} 上运行两个 {hx} = {H} 个单元的 {rnn}，一个前向、一个后向（有自己的权重，"
        "从后往前读，再放回输入的时间顺序）。merge_mode=None 不合并它们：该层返回两个张量，前向的 "
        "{out_named} = {out}，以及形状相同的后向张量。",
    ),
    "xray.bidirectional.check.output": (
        "numpy forward + numpy backward (flipped back), merged with {mode}, first "
        "{n} of {B} samples, against the layer's output {shape}",
        "numpy 前向 + numpy 后向（翻转回来），用 {mode} 合并，{B} 个样本中的前 "
        "{n} 个，与该层输出 {shape} 比较",
    ),
    "xray.bidirectional.check.forward": (
        "numpy forward RNN, first {n} of {B} samples, against the layer's first "
        "output {shape}",
        "numpy 前向 RNN，{B} 个样本中的前 {n} 个，与该层的第一个输出 {shape} 比较",
    ),
    "xray.bidirectional.check.backward": (
        "numpy backward RNN flipped back in time, first {n} of {B} samples, "
        "against the layer's second output {shape}",
        "numpy 后向 RNN 按时间翻转回来，{B} 个样本中的前 {n} 个，与该层的第二个"
        "输出 {shape} 比较",
    ),
    "xray.bidirectional.check.state.forward": (
        "the forward RNN's final state {state}, first {n} samples, against "
        "the layer's state output",
        "前向 RNN 的最终状态 {state}，前 {n} 个样本，与该层的状态输出比较",
    ),
    "xray.bidirectional.check.state.backward": (
        "the backward RNN's final state {state}, first {n} samples, "
        "against the layer's state output",
        "后向 RNN 的最终状态 {state}，前 {n} 个样本，与该层的状态输出比较",
    ),
    "xray.bidirectional.note.activation": (
        "The activation {act} is not one this X-ray recomputes, so the checks are skipped.",
        "激活函数 {act} 不在本 X 光重算的范围内，因此跳过检查。",
    ),
    "xray.bidirectional.note.unflipped": (
        "Forget to flip the backward outputs back and merge them as they come out (position 0 = input step "
        "{last}): the result is off by up to {diff} from the layer's output. The flip pairs both directions' "
        "views of the same input step.",
        "如果忘了把后向输出翻转回来，直接按它输出的顺序合并（位置 0 = 输入的第 {last} 步）：结果与该层输出最多"
        "相差 {diff}。翻转让两个方向对同一个输入步的结果对齐。",
    ),
    "xray.bidirectional.note.last_step": (
        "return_sequences=False: each direction keeps only the state after its last step: the forward one after "
        "reading step {last}, the backward one after reading step 0. Nothing is flipped.",
        "return_sequences=False：每个方向只保留最后一步之后的状态：前向的是读完第 {last} 步之后，后向的是读完"
        "第 0 步之后。不做翻转。",
    ),
    "xray.bidirectional.note.samples": (
        "Recomputed on the first {n} of {B} samples, to stay within the X-ray's "
        "memory bound.",
        "只在 {B} 个样本中的前 {n} 个上重算，以保持在 X 光的内存上限内。",
    ),
    "xray.bidirectional.note.inner_backwards": (
        "The RNN inside is written with go_backwards=True, so here the first copy reads the steps last to first "
        "and the second copy first to last. Keras still flips the second copy's outputs back before merging.",
        "内部的 RNN 写了 go_backwards=True，所以这里第一个副本从最后一步读到第一步，第二个副本从第一步读到最后一步。"
        "Keras 仍然会在合并之前把第二个副本的输出翻转回来。",
    ),
    "xray.bidirectional.note.initial": (
        "initial_state: {count} tensors; the first {half} start the forward RNN, the other {half} the backward one.",
        "initial_state：{count} 个张量；前 {half} 个是前向 RNN 的初始状态，后 {half} 个是后向 RNN 的。",
    ),
    "xray.bidirectional.grid.forward": (
        "forward h for sample {b}, rows = steps (step {t}, unit {unit} marked)",
        "样本 {b} 的前向 h，行 = 各步（标出第 {t} 步、单元 {unit}）",
    ),
    "xray.bidirectional.grid.backward": (
        "backward h for sample {b}, flipped back to input order (step {t}, unit "
        "{unit} marked)",
        "样本 {b} 的后向 h，已翻转回输入顺序（标出第 {t} 步、单元 {unit}）",
    ),
    "xray.bidirectional.grid.backward_raw": (
        "backward h as the backward RNN gives it: step {t} sits at position "
        "{raw} before the flip",
        "后向 RNN 原样给出的 h：翻转之前，第 {t} 步位于位置 {raw}",
    ),
    "xray.bidirectional.grid.output": (
        "the layer's output for sample {b} (the followed number {index} marked)",
        "该层对样本 {b} 的输出（标出跟踪的数字 {index}）",
    ),
    "xray.bidirectional.grid.forward_last": (
        "forward h after its last step, sample {b} (unit {unit} marked)",
        "前向 h 在最后一步之后，样本 {b}（标出单元 {unit}）",
    ),
    "xray.bidirectional.grid.backward_last": (
        "backward h after its last step (input step 0), sample {b} "
        "(unit {unit} marked)",
        "后向 h 在最后一步（输入第 0 步）之后，样本 {b}（标出单元 {unit}）",
    ),
    "xray.bidirectional.direction.note.forward": (
        "This is {rnn}, the forward copy of the RNN inside {layer}, with its own weights: it reads x first to last "
        "(step t reads x[:, t]), as a plain {kind} does, and its steps are {layer}'s forward half as they come, "
        "never flipped. Below, one of its steps in full: x_t @ kernel, h @ recurrent_kernel, the bias and the gate "
        "blocks. {other} is the other half; merge_mode={mode} joins them. The first checks compare with {rnn} "
        "called on its own, the last ones with {layer}'s output.",
        "这是 {rnn}，即 {layer} 里面那个 RNN 的前向副本，有自己的权重：它从第一步读到最后一步（第 t 步读取 "
        "x[:, t]），和一个普通的 {kind} 一样，它的各步原样就是 {layer} 的前向一半，不做翻转。下面完整展示它的"
        "一步：x_t @ kernel、h @ recurrent_kernel、偏置和各个门块。{other} 是另一半；merge_mode={mode} 把两者合并。"
        "前面的检查与单独调用的 {rnn} 比较，最后的检查与 {layer} 的输出比较。",
    ),
    "xray.bidirectional.direction.note.backward": (
        "This is {rnn}, the backward copy of the RNN inside {layer}, with its own weights (not the forward "
        "copy's): it reads x last to first, so its step s reads x[:, {T} − 1 − s], and it returns its steps in the "
        "order they ran. {layer} flips them back before merging with {other} (merge_mode={mode}), so position t of "
        "{layer}'s output holds step {T} − 1 − t of this copy: the followed position {t} is its step {run}, shown "
        "below in full (x_t @ kernel, h @ recurrent_kernel, the bias and the gate blocks). The first checks compare "
        "with {rnn} called on its own, the last ones with {layer}'s output.",
        "这是 {rnn}，即 {layer} 里面那个 RNN 的后向副本，有自己的权重（不是前向副本的权重）：它从最后一步读到第一步，"
        "所以它的第 s 步读取 x[:, {T} − 1 − s]，并按实际运行的顺序返回各步。{layer} 在与 {other} 合并"
        "（merge_mode={mode}）之前把它们翻转回来，所以 {layer} 输出的位置 t 上是这个副本的第 {T} − 1 − t 步："
        "跟踪的位置 {t} 是它的第 {run} 步，下面完整展示这一步（x_t @ kernel、h @ recurrent_kernel、偏置和各个门块）。"
        "前面的检查与单独调用的 {rnn} 比较，最后的检查与 {layer} 的输出比较。",
    ),
    "xray.bidirectional.direction.code.forward": (
        "bwd: the {other} X-ray; {shape}",
        "bwd：见 {other} 的 X 光；{shape}",
    ),
    "xray.bidirectional.direction.code.backward": (
        "fwd: the {other} X-ray; {shape}",
        "fwd：见 {other} 的 X 光；{shape}",
    ),
    "xray.bidirectional.direction.check.half": (
        "these numpy steps, first {n} of {B} samples, against {where} of {layer}'s output",
        "这些 numpy 步骤，{B} 个样本中的前 {n} 个，与 {layer} 输出的 {where} 比较",
    ),
    "xray.bidirectional.direction.check.half_backward": (
        "these numpy steps, put back in input order as {layer} does, first {n} of {B} samples, against {where} of "
        "{layer}'s output",
        "这些 numpy 步骤，像 {layer} 那样放回输入顺序，{B} 个样本中的前 {n} 个，与 {layer} 输出的 {where} 比较",
    ),
    "xray.bidirectional.direction.check.merged": (
        "these numpy steps and numpy {other} (the backward one flipped back), merged with {mode}, first {n} of {B} "
        "samples, against {layer}'s output {shape}",
        "这些 numpy 步骤与 numpy {other}（后向的翻转回来），用 {mode} 合并，{B} 个样本中的前 {n} 个，与 {layer} "
        "的输出 {shape} 比较",
    ),
    "xray.bidirectional.direction.check.state": (
        "the final state {state}, first {n} samples, against {layer}'s state output",
        "最终状态 {state}，前 {n} 个样本，与 {layer} 的状态输出比较",
    ),
    # -- TimeDistributed ---------------------------------------------------------------------------------
    "xray.bidirectional.code.flip": (
        "back to input time order: bwd[:, t] lines up with x[:, t]",
        "翻回输入的时间顺序：bwd[:, t] 与 x[:, t] 对齐",
    ),
    "xray.bidirectional.code.two": ("merge_mode=None: two tensors", "merge_mode=None：两个张量"),
    "xray.timedistributed.code.inner": ("the {inner} inside", "里面的 {inner}"),
    "xray.timedistributed.code.each": ("each x[:, t] {step_in} → {step_out}", "每个 x[:, t] {step_in} → {step_out}"),
    "xray.timedistributed.summary": (
        "{layer} gets x {inp_named} = {inp} and hands its {inner} one time slice at a time: x[:, t] {step_in} → "
        "{step_out}, for each of the {tx} = {T} steps, then stacks the results on axis 1: {out_named} = {out}.",
        "{layer} 收到 x {inp_named} = {inp}，每次把一个时间切片交给其中的 {inner}：x[:, t] {step_in} → "
        "{step_out}，对 {tx} = {T} 步中的每一步都这样做，再把结果沿轴 1 堆叠：{out_named} = {out}。",
    ),
    "xray.timedistributed.check.steps": (
        "the {inner} run on each slice x[:, t] separately ({steps} of {tx} = {T} "
        "steps, first {n} of {B} samples), stacked, against the layer's output",
        "在每个切片 x[:, t] 上单独运行 {inner}（{tx} = {T} 步中的 {steps} 步，"
        "{B} 个样本中的前 {n} 个），堆叠后与该层输出比较",
    ),
    "xray.timedistributed.check.weights": (
        "the wrapper's weights are the {inner}'s own: variables, parameters, and "
        "variables shared with the {inner} (the same objects)",
        "包装层的权重就是 {inner} 自己的权重：变量数、参数数，以及与 {inner} "
        "共享的变量（同一个对象）",
    ),
    "xray.timedistributed.note.shared": (
        "One set of weights for every step: {count} variable(s), {params} parameters. A separate {inner} per step "
        "would need {tx} × {params} = {would}.",
        "所有步共用一组权重：{count} 个变量，{params} 个参数。如果每一步都有自己的 {inner}，"
        "需要 {tx} × {params} = {would} 个。",
    ),
    "xray.timedistributed.note.steps": (
        "Only the first {steps} of {tx} = {T} slices are run through the inner layer "
        "and compared, to keep the X-ray quick.",
        "只把 {tx} = {T} 个切片中的前 {steps} 个送入内部层并比较，以保持 X 光快速。",
    ),
    "xray.timedistributed.note.samples": (
        "Recomputed on the first {n} of {B} samples, to stay within the X-ray's "
        "memory bound.",
        "只在 {B} 个样本中的前 {n} 个上重算，以保持在 X 光的内存上限内。",
    ),
    "xray.timedistributed.note.inner_xray": (
        "{inner} has its own X-ray: open that layer kind's X-ray to see one "
        "slice's arithmetic.",
        "{inner} 有自己的 X 光：打开该层类型的 X 光可以看到一个切片的运算。",
    ),
    "xray.timedistributed.no_heat": (
        "Its inner layer's own X-ray (listed as this layer / the inner one) draws the heatmaps of one step; this X-ray "
        "checks that every step runs that same layer and is stacked on the time axis.",
        "它的内部层有自己的 X 光（列为「本层 / 内部层」），画出一步的热力图；这个 X 光检查每一步都运行同一个层，"
        "并沿时间轴堆叠起来。",
    ),
    "xray.timedistributed.grid.input": ("the slice x[{b}, {t}] the inner layer gets", "内部层收到的切片 x[{b}, {t}]"),
    "xray.timedistributed.grid.output": (
        "what it gives back, the layer's out[{b}, {t}] (the followed number "
        "{index} marked)",
        "它返回的结果，即该层的 out[{b}, {t}]（标出跟踪的数字 {index}）",
    ),
    "mistake.merge_none.title": ("merge_mode=None on {layer}", "在 {layer} 上使用 merge_mode=None"),
    "mistake.merge_none.why": (
        "merge_mode=None returns the two directions as two tensors, {half} and {half}, instead of one {merged} "
        "{merged_named} (merge_mode={mode}); {consumer} ({consumer_cls}) takes one tensor.",
        "merge_mode=None 把两个方向作为两个张量 {half} 和 {half} 返回，而不是一个 {merged} {merged_named}"
        "(merge_mode={mode})；{consumer}（{consumer_cls}）只接受一个张量。",
    ),
}
