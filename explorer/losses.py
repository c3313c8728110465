"""Keras 3's losses and metrics as data: the names `compile(loss=..., metrics=...)` accepts, by string or by class.

An allowlist (tests/test_reader_training.py checks every name against `keras.losses` and `keras.metrics`): a loss
is read as Keras's function name ("mse" is "mean_squared_error", `keras.losses.SparseCategoricalCrossentropy(...)`
is "sparse_categorical_crossentropy"); anything else is not known, and the reader says so at its line.
"""
from __future__ import annotations

# Keras's loss functions (keras.losses.<name>), each with its class
LOSS_CLASSES: dict[str, str] = {
    "binary_crossentropy": "BinaryCrossentropy",
    "binary_focal_crossentropy": "BinaryFocalCrossentropy",
    "categorical_crossentropy": "CategoricalCrossentropy",
    "categorical_focal_crossentropy": "CategoricalFocalCrossentropy",
    "categorical_generalized_cross_entropy": "CategoricalGeneralizedCrossEntropy",
    "categorical_hinge": "CategoricalHinge",
    "circle": "Circle",
    "cosine_similarity": "CosineSimilarity",
    "ctc": "CTC",
    "dice": "Dice",
    "hinge": "Hinge",
    "huber": "Huber",
    "kl_divergence": "KLDivergence",
    "log_cosh": "LogCosh",
    "mean_absolute_error": "MeanAbsoluteError",
    "mean_absolute_percentage_error": "MeanAbsolutePercentageError",
    "mean_squared_error": "MeanSquaredError",
    "mean_squared_logarithmic_error": "MeanSquaredLogarithmicError",
    "poisson": "Poisson",
    "sparse_categorical_crossentropy": "SparseCategoricalCrossentropy",
    "squared_hinge": "SquaredHinge",
    "tversky": "Tversky",
}
# the short names keras.losses.get accepts
LOSS_ALIASES: dict[str, str] = {"mse": "mean_squared_error", "mae": "mean_absolute_error",
                                "mape": "mean_absolute_percentage_error", "msle": "mean_squared_logarithmic_error",
                                "kld": "kl_divergence"}
CLASS_LOSSES: dict[str, str] = {cls: name for name, cls in LOSS_CLASSES.items()}
# losses whose class takes from_logits=
FROM_LOGITS = frozenset({"binary_crossentropy", "binary_focal_crossentropy", "categorical_crossentropy",
                         "categorical_focal_crossentropy", "sparse_categorical_crossentropy"})


# losses Keras has only as a class: compile(loss="categorical_generalized_cross_entropy") is refused by Keras 3.15
CLASS_ONLY = frozenset({"categorical_generalized_cross_entropy"})


def loss_name(text: str) -> str | None:
    """Keras's function name for a loss given by string, None if Keras has no such loss."""
    if text in LOSS_CLASSES and text not in CLASS_ONLY:
        return text
    return LOSS_ALIASES.get(text)


# metrics by string: what compile accepts (keras.metrics.get, and "accuracy"/"acc" and "crossentropy"/"ce", which
# compile turns into the variant that suits the loss)
METRIC_NAMES = frozenset({
    "accuracy", "acc", "crossentropy", "ce", "mse", "mae", "mape", "msle",
    "binary_accuracy", "binary_crossentropy", "categorical_accuracy",
    "categorical_crossentropy", "categorical_hinge", "concordance_correlation",
    "hinge", "kl_divergence", "mean_absolute_error", "mean_absolute_percentage_error",
    "mean_squared_error", "mean_squared_logarithmic_error", "pearson_correlation", "poisson",
    "sparse_categorical_accuracy", "sparse_categorical_crossentropy", "sparse_top_k_categorical_accuracy",
    "squared_hinge", "top_k_categorical_accuracy",
})
# metric classes (keras.metrics.<Class>(...)), read as their snake_case names
METRIC_CLASSES = frozenset({
    "AUC", "Accuracy", "BinaryAccuracy", "BinaryCrossentropy", "BinaryIoU", "CategoricalAccuracy",
    "CategoricalCrossentropy", "CategoricalHinge", "ConcordanceCorrelation", "CosineSimilarity", "F1Score",
    "FBetaScore", "FalseNegatives", "FalsePositives", "Hinge", "IoU", "KLDivergence", "LogCoshError", "Mean",
    "MeanAbsoluteError", "MeanAbsolutePercentageError", "MeanIoU", "MeanSquaredError", "MeanSquaredLogarithmicError",
    "OneHotIoU", "OneHotMeanIoU", "PearsonCorrelation", "Poisson", "Precision", "PrecisionAtRecall", "R2Score",
    "Recall", "RecallAtPrecision", "RootMeanSquaredError", "SensitivityAtSpecificity", "SparseCategoricalAccuracy",
    "SparseCategoricalCrossentropy", "SparseTopKCategoricalAccuracy", "SpecificityAtSensitivity", "SquaredHinge",
    "Sum", "TopKCategoricalAccuracy", "TrueNegatives", "TruePositives",
})
