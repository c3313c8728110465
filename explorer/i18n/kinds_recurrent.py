"""Strings of the recurrent kinds (SimpleRNN, LSTM, GRU) and the wrappers (Bidirectional, TimeDistributed):
the meaning of the axis they name and the smallest fixes they suggest (shown after "Smallest fix:",
so they start in lower case; {code} is the fix's code)."""

EN = {
    "axis.bidirectional": "features of {layer}: the forward and backward directions merged",
    "fix.rnn_needs_steps": (
        "{cls} reads (batch, time steps, features per step), and {shape} has one number per step. "
        "Token ids need an Embedding before {layer} (one vector per token); measurements need a "
        "features axis of size 1: `{code}`."
    ),
    "fix.rnn_time_removed": (
        "{producer} ({pcls}) removed the time axis that {layer} steps along: remove {producer}, "
        "or move it after {layer}."
    ),
    "fix.rnn_image": (
        "{cls} reads (batch, time steps, features), and {shape} has {rank} axes: merge each step's "
        "remaining axes into one features axis before {layer}, `{code}` (an image is then read row by row)."
    ),
    "fix.rnn_unknown_features": (
        "the kernel of {layer} has one row per feature, so the last axis of {shape} needs a fixed size "
        "in the input's shape (only the time axis may be None)."
    ),
    "fix.bidirectional_rnn": (
        "Bidirectional runs a recurrent layer forwards and backwards, and {inner} has no direction: "
        "wrap an LSTM, GRU or SimpleRNN, for example `{code}`, or use {inner} without Bidirectional."
    ),
    "fix.td_needs_time": (
        "TimeDistributed steps along axis 1 of a tensor with at least 3 axes, and {shape} has no time "
        "axis: apply {inner} directly, `{code}`."
    ),
    "fix.td_one_output": (
        "TimeDistributed needs one tensor back from {inner} at each step: set `{code}` on the layer "
        "inside {layer}."
    ),
    "fix.td_step_shape": (
        "TimeDistributed gives {inner} one step at a time, {step} = {step_named} ({shape} without its "
        "time axis {time}), and {inner} cannot take that: check that axis 1 is time, or give {inner} the "
        "whole tensor without TimeDistributed."
    ),
}

ZH = {
    "axis.bidirectional": "{layer} 的特征：前向与后向两个方向合并后的结果",
    "fix.rnn_needs_steps": (
        "{cls} 读取（批，时间步，每步的特征），而 {shape} 每个时间步只有一个数。若是词元 id，"
        "请在 {layer} 之前加 Embedding（每个词元一个向量）；若是测量值，请补上大小为 1 的特征轴：`{code}`。"
    ),
    "fix.rnn_time_removed": (
        "{producer}（{pcls}）去掉了 {layer} 要逐步读取的时间轴：删除 {producer}，或把它移到 {layer} 之后。"
    ),
    "fix.rnn_image": (
        "{cls} 读取（批，时间步，特征），而 {shape} 有 {rank} 个轴：在 {layer} 之前把每一步其余的轴"
        "合并成一个特征轴，`{code}`（图像于是被逐行读取）。"
    ),
    "fix.rnn_unknown_features": (
        "{layer} 的 kernel 每个特征占一行，所以 {shape} 的最后一个轴需要在输入形状里写成固定大小"
        "（只有时间轴可以是 None）。"
    ),
    "fix.bidirectional_rnn": (
        "Bidirectional 把一个循环层正向、反向各运行一次，而 {inner} 没有方向：请包装 LSTM、GRU 或 "
        "SimpleRNN，例如 `{code}`，或者不用 Bidirectional，直接使用 {inner}。"
    ),
    "fix.td_needs_time": (
        "TimeDistributed 沿至少 3 个轴的张量的轴 1 逐步应用，而 {shape} 没有时间轴：直接使用 {inner}，`{code}`。"
    ),
    "fix.td_one_output": (
        "TimeDistributed 需要 {inner} 在每一步只返回一个张量：在 {layer} 里面的层上设置 `{code}`。"
    ),
    "fix.td_step_shape": (
        "TimeDistributed 每次只给 {inner} 一个时间步，{step} = {step_named}（{shape} 去掉时间轴 {time}），"
        "而 {inner} 不能接受这个形状：请检查轴 1 是否是时间轴，或者去掉 TimeDistributed，把整个张量交给 {inner}。"
    ),
}
