"""What the training code gives the model (issue 19): the arrays `fit` sees and the loss `compile` names. Frozen data,
no Keras, no Streamlit: the code reader (explorer/reader/) makes these from the learner's code without running it
(or the page makes them from what the learner types), and the fit check (explorer/fit_check.py) gives them to real
Keras on 2-row arrays.

Shapes start with the samples axis (N: 60000 for mnist's x_train), None where only the data knows it (the rows of
a CSV file, imdb's reviews of different lengths before pad_sequences).
"""
from __future__ import annotations

from dataclasses import dataclass

# what the numbers of an array are, as far as the code says: class ids (integer labels below `classes`), one-hot
# rows of width `classes`, floats (regression targets, scaled pixels), token ids (below `classes`: a vocabulary),
# raw pixels (0..255), or "" when the code does not say
HOLDS = ("class_ids", "one_hot", "floats", "tokens", "pixels", "")
CALLS = ("fit", "evaluate", "predict", "train_on_batch", "test_on_batch")


@dataclass(frozen=True)
class ArraySpec:
    """An array (or a dataset) of the training code. shape: with the samples axis first; for a dataset batched with
    `.batch(n)`, the shape of one element and `batch` = n. low / high: the range of its values where the code says
    it (mnist's pixels 0..255, its labels 0..9). ragged: lists of different lengths (imdb's reviews), no shape
    after N until pad_sequences. source: the code that made it ("keras.datasets.mnist.load_data()"), line: where.
    dataset: a tf.data dataset's element (shape without the samples axis); batch None there means the dataset
    is not batched, and fit gets each element as it is, with no batch axis."""

    shape: tuple[int | None, ...]
    dtype: str = "float32"
    holds: str = ""
    classes: int | None = None
    low: float | None = None
    high: float | None = None
    ragged: bool = False
    batch: int | None = None
    source: str = ""
    line: int = 0
    dataset: bool = False


@dataclass(frozen=True)
class LossSpec:
    """A loss `compile` names: Keras's function name ("categorical_crossentropy"; a class such as
    `keras.losses.CategoricalCrossentropy(from_logits=True)` is read as its function and from_logits)."""

    name: str
    from_logits: bool = False
    source: str = ""
    line: int = 0
    col: int = 0


@dataclass(frozen=True)
class TrainingSpec:
    """One call of the training code on the model: `model.fit(x, y, batch_size=32, validation_split=0.1)`.
    x / y: one array per model input / output (y empty for predict, or when x is a dataset that yields both);
    loss: one per output, or one for all; metrics: their names as compile gives them; origin: "code" (read from
    the learner's code) or "typed" (the learner typed the shapes on the page)."""

    call: str
    line: int
    x: tuple[ArraySpec, ...] = ()
    y: tuple[ArraySpec, ...] = ()
    batch_size: int | None = None
    validation_split: float | None = None
    validation: tuple[tuple[ArraySpec, ...], tuple[ArraySpec, ...]] | None = None
    loss: tuple[LossSpec, ...] = ()
    metrics: tuple[str, ...] = ()
    compile_line: int = 0
    origin: str = "code"


# what a learner can say y holds when the code does not say it (the sidebar's "Your data")
TYPED_HOLDS = ("class_ids", "one_hot", "floats")


def typed_training(spec, code: TrainingSpec | None, xs: tuple | None, ys: tuple | None, holds: str,
                   loss: str, output_width: int | None = None) -> TrainingSpec | None:
    """The training the page checks when the learner typed the data's shapes: x's and y's shapes (samples first,
    one per model input / output), what y holds (TYPED_HOLDS) and a loss (a Keras loss name) where the code names
    none. The code's own training wins where it gives data; what it gives besides (its loss, its call, its
    batch_size) is kept. spec: the model (explorer.spec.ModelSpec): integer inputs get token ids; output_width:
    the model output's last axis, the classes typed class ids stay below. None when there is nothing to check."""
    if code is not None and code.x:
        return code
    if not xs:
        return code
    x = tuple(ArraySpec(tuple(shape), "int32" if inp.dtype.startswith(("int", "uint")) else "float32",
                        "tokens" if inp.dtype.startswith(("int", "uint")) else "floats", source="", line=0)
              for shape, inp in zip(xs, spec.inputs))
    holds = holds if holds in TYPED_HOLDS else "floats"
    y = tuple(ArraySpec(tuple(shape), "int64" if holds == "class_ids" else "float32", holds,
                        classes=(shape[-1] if holds == "one_hot" else output_width if holds == "class_ids" else None))
              for shape in (ys or ()))
    losses = code.loss if code is not None and code.loss else ((LossSpec(loss),) if loss else ())
    return TrainingSpec(code.call if code is not None else "fit", code.line if code is not None else 0, x, y,
                        batch_size=code.batch_size if code is not None else None, loss=losses,
                        metrics=code.metrics if code is not None else (),
                        compile_line=code.compile_line if code is not None else 0, origin="typed")
