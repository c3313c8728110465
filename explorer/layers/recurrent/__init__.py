"""Recurrent layers: LSTM, GRU, SimpleRNN, ConvLSTM1D/2D/3D. kinds.py: arguments, shapes, weights,
formulas; xray.py: X-rays and common mistakes; words.py: their words in English and 中文.
"""
from .kinds import KINDS

__all__ = ["KINDS"]
