"""Merging several tensors: Concatenate, Add, Subtract, Multiply, Average, Maximum, Minimum, Dot. kinds.py:
arguments, shapes, weights, formulas; xray.py: X-rays and common mistakes; words.py: their words in English and 中文.
"""
from .kinds import KINDS

__all__ = ["KINDS"]
