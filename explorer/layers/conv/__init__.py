"""Convolutions: Conv1D, Conv2D, Conv3D, their transposed kinds, DepthwiseConv2D, SeparableConv1D/2D.
kinds.py: arguments, shapes, weights, formulas; xray.py: X-rays and common mistakes; words.py: their words
in English and 中文.
"""
from .kinds import KINDS

__all__ = ["KINDS"]
