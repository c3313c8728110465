"""The question this page started from: a learner's post (in Chinese, as they posted it), kept as data so the
page can show it beside its answers. Their code is the preset `question` (explorer/presets/question.py); the
English rendering and the page's words about it are in explorer/i18n/question.py."""
from __future__ import annotations

# The learner's own words: the question, then their follow-up after a first reply (paragraphs re-joined where
# the post broke lines inside a sentence; nothing else changed).
ORIGINAL_ZH = (
    "Tensorflow 理解keras层中的形状",
    "我正在学习Tensorflow和Keras,以实现输入序列长度等于输出序列长度的多对多模型",
    "我很难理解每一层的输入和输出的形状。例如,嵌入层的输出形状是(批大小、时间步长、输入长度),在这种情况下,"
    "它是(30、50、64)",
    "类似地,双向LSTM之后的输出形状是(30,50,75)。这将是具有200单位的下一个密集层的输入。但是密集层的权重矩阵的形状是"
    "(当前层中的单元数,前一层中的单元数,即(200,75)在这种情况下。那么,在密集层的2D形状和双向层的3D形状之间,"
    "矩阵计算是如何进行的呢?任何关于形状澄清的解释都会很有帮助",
    "谢谢您的回答。因此,在这种情况下,通过对密集层的输入进行展平be(30*50,75)=>(1500,75)。在这种情况下,如果致密层的"
    "权重矩阵的形状是(200,75),我不明白计算是如何进行的,以及重塑的。你能解释一下吗?",
)

__all__ = ["ORIGINAL_ZH"]
