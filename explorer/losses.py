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


# What each loss compares the model's output with (its y_true in Keras's documentation of the loss): "one_hot" rows
# as wide as the output (the categorical losses), "class_ids" one integer per row below the output's width, so the
# output's shape without its last axis (sparse_categorical_crossentropy), "zero_one" the output's shape holding 0 or 1
# (the binary losses), "values" the output's shape (regression, distributions). tests/test_data_path.py fits each
# with labels of the shape `labels_needed` gives, on real Keras.
LABEL_FORMS: dict[str, str] = {
    "categorical_crossentropy": "one_hot", "categorical_focal_crossentropy": "one_hot", "categorical_hinge": "one_hot",
    "sparse_categorical_crossentropy": "class_ids",
    "binary_crossentropy": "zero_one", "binary_focal_crossentropy": "zero_one", "hinge": "zero_one",
    "squared_hinge": "zero_one",
    "kl_divergence": "values", "mean_squared_error": "values", "mean_absolute_error": "values",
    "mean_absolute_percentage_error": "values", "mean_squared_logarithmic_error": "values", "huber": "values",
    "log_cosh": "values", "poisson": "values", "cosine_similarity": "values",
}


def labels_needed(loss: str, output_shape: tuple) -> tuple[str, tuple] | None:
    """(the form, the axes after the samples axis) of the labels this loss compares with an output of this shape
    (batch axis first): categorical_crossentropy and (30, 50, 6) -> ("one_hot", (50, 6)); None for a loss the
    table does not know or an output without axes."""
    form = LABEL_FORMS.get(loss_name(loss) or loss)
    if form is None or len(output_shape) < 2:
        return None
    return form, tuple(output_shape[1:-1]) if form == "class_ids" else tuple(output_shape[1:])
