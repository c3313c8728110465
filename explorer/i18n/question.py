"""Strings of the section that shows the question this page started from (explorer/question.py holds the
learner's original words; this English rendering is ours). Key -> (English, 中文)."""

WORDS: dict[str, tuple[str, str]] = {
    "question.header": ("The question this page started from", "本页起源的问题"),
    "question.open": ("Read the question", "阅读这个问题"),
    "question.intro": (
        "A learner building a many-to-many tagger (one tag per word) with Embedding → Bidirectional(LSTM) → "
        "Dense(200) → TimeDistributed(Dense) asked two things they could not see:\n"
        "1. the shape each layer outputs (why the Embedding gives (30, 50, 64));\n"
        "2. how a Dense layer whose weight matrix they believed to be (200, 75) multiplies the 3-D (30, 50, 75) "
        "output of the Bidirectional LSTM, even after flattening it to (1500, 75).\n\n"
        "The answer at the top of the page answers both with the numbers of the model you are looking at.",
        "一位学习者用 Embedding → Bidirectional(LSTM) → Dense(200) → TimeDistributed(Dense) 搭建多对多的序列标注"
        "模型（每个词一个标签），有两件事看不清楚：\n"
        "1. 每一层输出什么形状（为什么 Embedding 输出 (30, 50, 64)）；\n"
        "2. 他们以为 Dense 的权重矩阵是 (200, 75)，它怎样与双向 LSTM 的三维输出 (30, 50, 75) 相乘——即使展平成 "
        "(1500, 75) 之后也想不明白。\n\n"
        "页面顶部的答案用你正在查看的模型的数字回答了这两点。",
    ),
    "question.code": (
        "Their code as posted (Keras 2 habits included). [Open it in the code box]({link}) to see what Keras 3 "
        "makes of it: `input_length`, the unbuilt `model.summary()` and the undefined `rnn_units` are noted at "
        "their lines.",
        "他们贴出的代码（保留了 Keras 2 的写法）。[在代码框中打开]({link})，看看 Keras 3 如何处理它："
        "`input_length`、未构建模型上的 `model.summary()` 和未定义的 `rnn_units` 都会在各自的行上注明。",
    ),
    "question.original": ("The question as posted (中文)", "原帖（中文）"),
    "question.english": ("In English (our rendering)", "整理后的问题（我们的整理）"),
    "question.english_text": (
        "**Understanding shapes in Keras layers.** I am learning TensorFlow and Keras to build a many-to-many "
        "model, where the output sequence is as long as the input sequence.\n\n"
        "I find it hard to understand the input and output shape of each layer. For example, the Embedding "
        "layer's output shape is (batch size, time steps, input length), here (30, 50, 64).\n\n"
        "Likewise, the output shape after the Bidirectional LSTM is (30, 50, 75), and it is the input of the next "
        "Dense layer with 200 units. But the Dense layer's weight matrix has the shape (units of this layer, units "
        "of the previous layer), here (200, 75). So how does the matrix product work between the Dense layer's "
        "2-D shape and the Bidirectional layer's 3-D shape? Any explanation of the shapes would help.\n\n"
        "*Their follow-up to a first reply:* Thank you. So here the Dense layer's input, flattened, would be "
        "(30 × 50, 75) = (1500, 75). If the Dense weight matrix is (200, 75), I still do not see how the "
        "computation and the reshaping work. Could you explain?",
        "**理解 Keras 层中的形状。** 我在学习 TensorFlow 和 Keras，要搭建一个多对多模型，输出序列和输入序列一样长。\n\n"
        "我很难理解每一层输入和输出的形状。例如，Embedding 层的输出形状是（批大小，时间步，输入长度），这里是 "
        "(30, 50, 64)。\n\n"
        "同样，双向 LSTM 之后的输出形状是 (30, 50, 75)，它是下一个 200 个单元的 Dense 层的输入。可是 Dense 层的"
        "权重矩阵形状是（本层单元数，上一层单元数），这里是 (200, 75)。那么 Dense 层的二维形状和双向层的三维形状之间，"
        "矩阵乘法是怎么进行的？任何关于形状的解释都会有帮助。\n\n"
        "*他们在第一条回复之后的追问：* 谢谢。那么这里 Dense 层的输入展平后是 (30 × 50, 75) = (1500, 75)。如果 "
        "Dense 的权重矩阵是 (200, 75)，我还是不明白计算和重塑是怎么进行的。能解释一下吗？",
    ),
    "question.see": ("The question this page started from", "本页起源的问题"),
}
