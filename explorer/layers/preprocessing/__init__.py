"""Preprocessing inside the model: Rescaling, RandomFlip, RandomRotation, RandomZoom, RandomTranslation,
RandomContrast, RandomBrightness, RandomGrayscale, RandomHue, RandomSaturation, RandomShear, RandomErasing,
RandomSharpness, RandomGaussianBlur, RandomPerspective, RandomPosterization, RandomInvert,
RandomColorDegeneration, RandomColorJitter, Solarization, RandomCrop, Resizing, CenterCrop, Normalization.
kinds.py: arguments, shapes, refusals and fixes; xray.py: X-rays; words.py: their words in English and 中文.
"""
from .kinds import KINDS

__all__ = ["KINDS"]
