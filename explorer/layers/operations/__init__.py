"""Keras 3 operations on tensors (`x / 127.5 - 1`, `keras.ops.reshape`, `keras.ops.arange`), each a kind named
`ops.<function>`: a node of the functional graph with no weights. kinds.py: arguments, shapes, axes; layer.py: the
one Keras layer that runs them; xray.py: their X-rays; words.py: their words in English and 中文.
"""
from .kinds import KINDS

__all__ = ["KINDS"]
