"""Attention: MultiHeadAttention, Attention (Luong) and AdditiveAttention (Bahdanau). kinds.py: arguments,
shapes, weights, formulas; xray.py: X-rays and common mistakes; words.py: their words in English and 中文.
"""
from .kinds import KINDS

__all__ = ["KINDS"]
