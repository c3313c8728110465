"""Preprocessing inside the model: Rescaling, RandomFlip, RandomRotation, RandomZoom, RandomTranslation,
RandomContrast, Resizing, CenterCrop, Normalization. kinds.py: arguments, shapes, refusals and fixes;
xray.py: X-rays; words.py: their words in English and 中文.
"""
from .kinds import KINDS

__all__ = ["KINDS"]
