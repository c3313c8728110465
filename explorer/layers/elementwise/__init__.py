"""Layers that keep the shape: Activation, ReLU, LeakyReLU, PReLU, ELU, Softmax, Identity, Dropout,
SpatialDropout1D/2D/3D, GaussianNoise, GaussianDropout, Masking, BatchNormalization, LayerNormalization,
UnitNormalization, GroupNormalization. kinds.py: arguments, shapes, weights, formulas; xray.py: X-rays and common
mistakes; words.py: their words in English and 中文.
"""
from .kinds import KINDS

__all__ = ["KINDS"]
