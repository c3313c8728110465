"""A layer whose output shape the learner gave and the page cannot check: a Lambda (or a custom layer) whose
function computes with calls the reader cannot read, given `output_shape=` (or `compute_output_shape`), as Keras
takes it when it builds the model: without running the function. kinds.py: the one kind, `shape.given`;
layer.py: the Keras layer the live model uses in its place; words.py: its words in English and 中文.
"""
from .kinds import KINDS

__all__ = ["KINDS"]
