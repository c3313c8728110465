"""The data's path to the loss under the shape table (explorer/ui/fit_panel.render_path): read from the code, never
run. What each loss compares the output with (explorer/losses.labels_needed) is checked here on real Keras: labels of
the form and shape it names fit for one step; the forms are not interchangeable (class ids fail a one-hot loss, and
one-hot rows fail the sparse one)."""
from __future__ import annotations

import numpy as np
import pytest

from explorer.fit_check import NOT_CHECKED, data_path
from explorer.losses import LABEL_FORMS, LOSS_CLASSES, labels_needed
from explorer.presets import preset_code
from explorer.reader.code import read_code
from explorer.shapes import describe

OUTPUT = (2, 5, 4)  # a Dense(4) on a (5, 3) sequence, batch of 2


def labels(form: str, shape: tuple, width: int) -> np.ndarray:
    rng = np.random.default_rng(0)
    if form == "one_hot":
        return np.eye(width, dtype="float32")[rng.integers(0, width, shape[:-1])]
    if form == "class_ids":
        return rng.integers(0, width, shape)
    if form == "zero_one":
        return rng.integers(0, 2, shape).astype("float32")
    values = rng.random(shape).astype("float32") + 0.1
    return values / values.sum(axis=-1, keepdims=True)  # positive, and a distribution for kl_divergence


def fit_once(loss: str, y: np.ndarray) -> str:
    import keras

    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((5, 3)), keras.layers.Dense(OUTPUT[-1], activation="softmax")])
    model.compile(loss=loss, optimizer="sgd")
    try:
        model.fit(np.ones((2, 5, 3), "float32"), y, epochs=1, batch_size=2, verbose=0)
    except (ValueError, TypeError) as error:  # Keras's own shape errors
        return str(error)[:200]
    return ""


def test_every_loss_keras_has_is_in_the_table_or_named_as_not_checked():
    assert set(LABEL_FORMS) | NOT_CHECKED == set(LOSS_CLASSES)
    assert not set(LABEL_FORMS) & NOT_CHECKED


@pytest.mark.parametrize("loss", sorted(LABEL_FORMS))
def test_labels_of_the_named_form_and_shape_fit(loss):
    form, rest = labels_needed(loss, OUTPUT)
    assert form == LABEL_FORMS[loss]
    assert rest == ((5,) if form == "class_ids" else (5, 4))
    assert fit_once(loss, labels(form, (2,) + rest, OUTPUT[-1])) == ""


def test_the_forms_are_not_interchangeable():
    assert "rank" in fit_once("categorical_crossentropy", labels("class_ids", (2, 5), 4))
    assert fit_once("sparse_categorical_crossentropy", labels("one_hot", (2, 5, 4), 4)) != ""


def test_short_names_and_unknown_losses():
    assert labels_needed("mse", (None, 1)) == ("values", (1,))
    assert labels_needed("sparse_categorical_crossentropy", (None, 10)) == ("class_ids", ())
    assert labels_needed("ctc", (None, 5, 4)) is None and labels_needed("no_such_loss", (None, 4)) is None
    assert labels_needed("mse", (None,)) is None


def test_the_default_preset_path_runs_from_the_data_to_the_output():
    for one_hot in (False, True):
        code = preset_code("tagger").replace("one_hot_labels = False", f"one_hot_labels = {one_hot}")
        result = read_code(code)
        meets = data_path(describe(result.spec), result.spec, result.training)
        assert [(m.role, m.shape, m.axes) for m in meets] == [
            ("x", (900, 50), ("N", "T")), ("input", (30, 50), ("B", "T")), ("output", (30, 50, 6), ("B", "T", "C")),
            ("y", (900, 50, 6) if one_hot else (900, 50), ("N", "T", "C") if one_hot else ("N", "T"))]


def test_typed_data_completes_the_code_and_never_replaces_its_data():
    from explorer.training import ArraySpec, LossSpec, TrainingSpec, typed_training

    spec = read_code(preset_code("question")).spec
    code = read_code(preset_code("question")).training
    typed = typed_training(spec, code, ((1000, 50),), ((1000, 50),), "class_ids", "mse", 6)
    assert typed.origin == "typed" and typed.loss == code.loss  # the code's loss wins over a typed one
    assert typed.x == (ArraySpec((1000, 50), "int32", "tokens"),)  # the input reads integer ids
    assert typed.y == (ArraySpec((1000, 50), "int64", "class_ids", classes=6),)
    one_hot = typed_training(spec, None, ((8, 50),), ((8, 50, 6),), "one_hot", "categorical_crossentropy")
    assert one_hot.y[0].classes == 6 and one_hot.loss == (LossSpec("categorical_crossentropy"),)
    assert typed_training(spec, None, ((8, 50),), None, "<forged>", "").y == () and \
        typed_training(spec, None, ((8, 50),), ((8,),), "<forged>", "").y[0].holds == "floats"
    with_data = TrainingSpec("fit", 3, (ArraySpec((5, 50)),))
    assert typed_training(spec, with_data, ((1000, 50),), None, "floats", "") is with_data
    assert typed_training(spec, None, None, ((1, 2),), "floats", "mse") is None


def test_the_diagram_writes_x_over_the_input_and_y_under_the_output():
    from explorer.diagram import DataEnd, flow_drawing
    from explorer.ui.diagram_panel import labels
    from explorer.data_path import diagram_ends

    result = read_code(preset_code("tagger"))
    desc = describe(result.spec)
    ends = diagram_ends(desc, result.spec, result.training, "en")
    assert [(e.role, e.node, e.shape, e.axes, e.arrow) for e in ends] == [
        ("x", "tokens", (900, 50), ("N", "T"), "fit"),
        ("y", "time_distributed", (900, 50), ("N", "T"), "categorical_crossentropy")]
    plain = flow_drawing(desc, labels("en", result.spec), result.spec)
    drawing = flow_drawing(desc, labels("en", result.spec), result.spec, (), ends)
    boxes = {i.name: i.boxes[-1] for i in drawing.items if i.kind == "tensor"}
    data = [i for i in drawing.items if i.kind == "data"]
    assert len(data) == 2
    x_label, y_label = data[0].labels[0], data[1].labels[0]
    assert x_label.y > boxes["tokens"].y1 and boxes["tokens"].x0 < x_label.x < boxes["tokens"].x1 + 0.2
    assert y_label.y < boxes["time_distributed"].y0 - 1
    assert drawing.x_range == plain.x_range  # the model keeps its width: the data is words at its ends
    assert {"x: your data", "(900, 50) (N, T)", "↓ fit", "↕ categorical_crossentropy", "y: your labels"} \
        <= set(drawing.texts())
    assert drawing.y_range[0] < plain.y_range[0]  # room under the output for the loss and y
    assert all(drawing.x_range[0] < label.x < drawing.x_range[1] for item in data for label in item.labels)
    assert set(plain.texts()) < set(drawing.texts())  # the model's own drawing is all there
    assert diagram_ends(desc, result.spec, None, "en") == () and isinstance(ends[0], DataEnd)
