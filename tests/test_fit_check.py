"""The fit check (explorer/fit_check.py) against real `model.fit`: for every case, the same Keras code is run here
the plain way (`model.compile(...)`, `model.fit(x2, y2, epochs=1, verbose=0)`, graph mode, on 2-row arrays written
out by hand), and the check, which builds its own model from the code as read and feeds arrays it makes from the
data's shapes alone, must agree: it runs where fit runs, and fails where fit fails with Keras's same words (both
cleaned of the traceback and of the tensor Keras prints). Then its cause, its fix (applied, the check runs) and
what it says Keras did silently.
"""
from __future__ import annotations

import dataclasses
import resource
import time
from dataclasses import dataclass, field

import numpy as np
import pytest

from explorer.fit_check import FitCheck, _clean, check_fit
from explorer.presets import preset_code
from explorer.reader.code import read_code
from explorer.shapes import describe
from explorer.training import ArraySpec, LossSpec, TrainingSpec

HEAD = "import keras\nfrom keras import layers\n\n"


@dataclass
class Case:
    id: str
    model: str  # Keras code that makes `model` (after HEAD), or a preset's whole code
    x: object  # the arrays real fit gets
    y: object
    xs: ArraySpec  # what the training code says of them (the check makes its own arrays from this)
    ys: ArraySpec | None
    loss: str
    status: str  # what real fit does: "ok" or "failed"
    cause: str = ""
    fix: str = ""
    notes: tuple[str, ...] = ()
    from_logits: bool = False
    metrics: tuple[str, ...] = ("accuracy",)
    assumed: tuple[int, ...] | None = None
    call: str = "fit"
    other: str = ""
    extra: dict = field(default_factory=dict)


def dense_head(inp: str, *body: str) -> str:
    return f"model = keras.Sequential([keras.Input({inp}), {', '.join(body)}])\n"


X4 = np.array([[0.1, 0.2, 0.3, 0.4], [1.0, -1.0, 0.5, 2.0]], "float32")
F4 = ArraySpec((60000, 4), "float32", "floats")
CLF10 = dense_head("(4,)", 'layers.Dense(10, activation="softmax")')
TAGGER = preset_code("tagger").split("\n# stand-ins")[0]  # the model; each case feeds its own data
TOKENS = np.array([np.arange(50) * 7, np.arange(50) + 9950], "int32")  # ids 0..9999, the highest last
TAG_IDS = np.array([np.arange(50) % 6, (np.arange(50) + 3) % 6], "int32")
RS_TRUE = dense_head("(5, 3)", "layers.LSTM(4, return_sequences=True, name='lstm')",
                     'layers.Dense(4, activation="softmax")')
SEQ = np.linspace(0, 1, 30, dtype="float32").reshape(2, 5, 3)
MNIST_FLAT = dense_head("(28, 28)", "layers.Flatten()", 'layers.Dense(10, activation="softmax")')
MNIST_CNN = dense_head("(28, 28, 1)", "layers.Conv2D(2, 3)", "layers.Flatten()",
                       'layers.Dense(10, activation="softmax")')
PIXELS = np.arange(2 * 784).reshape(2, 784) % 256
LABELS = np.array([0, 9])

CASES = [
    Case("ids_n1_categorical", CLF10, X4, np.array([[0], [9]]), F4, ArraySpec((60000, 1), "int64", "class_ids", 10),
         "categorical_crossentropy", "failed", "fit.cause.ids_for_one_hot", "fit.fix.loss_sparse",
         other="fit.fix.to_categorical"),
    Case("ids_n_categorical", CLF10, X4, LABELS, F4, ArraySpec((60000,), "int64", "class_ids", 10),
         "categorical_crossentropy", "failed", "fit.cause.ids_for_one_hot", "fit.fix.loss_sparse",
         other="fit.fix.to_categorical"),
    Case("binary_ids_dense2", dense_head("(4,)", 'layers.Dense(2, activation="softmax", name="head")'), X4,
         np.array([0, 1]), F4, ArraySpec((60000,), "int64", "class_ids", 2), "binary_crossentropy", "failed",
         "fit.cause.binary_two_units", "fit.fix.binary_head"),
    Case("binary_n1_dense3", dense_head("(4,)", 'layers.Dense(3, activation="sigmoid", name="head")'), X4,
         np.array([[0.0], [1.0]]), F4, ArraySpec((60000, 1), "float32", "class_ids", 2), "binary_crossentropy",
         "failed", "fit.cause.binary_two_units", "fit.fix.binary_head"),
    Case("tagger_ids_categorical", TAGGER, TOKENS, TAG_IDS, ArraySpec((1000, 50), "int32", "tokens", 10000),
         ArraySpec((1000, 50), "int32", "class_ids", 6), "categorical_crossentropy", "failed",
         "fit.cause.ids_for_one_hot", "fit.fix.loss_sparse", other="fit.fix.to_categorical"),
    Case("tagger_ids_sparse", TAGGER, TOKENS, TAG_IDS, ArraySpec((1000, 50), "int32", "tokens", 10000),
         ArraySpec((1000, 50), "int32", "class_ids", 6), "sparse_categorical_crossentropy", "ok",
         notes=("fit.silent.probabilities_expected",)),
    Case("tagger_one_hot", TAGGER, TOKENS, np.eye(6, dtype="float32")[TAG_IDS],
         ArraySpec((1000, 50), "int32", "tokens", 10000), ArraySpec((1000, 50, 6), "float32", "one_hot", 6),
         "categorical_crossentropy", "ok", notes=("fit.silent.probabilities_expected",), from_logits=False),
    Case("tagger_one_hot_logits", TAGGER, TOKENS, np.eye(6, dtype="float32")[TAG_IDS],
         ArraySpec((1000, 50), "int32", "tokens", 10000), ArraySpec((1000, 50, 6), "float32", "one_hot", 6),
         "categorical_crossentropy", "ok", from_logits=True),
    Case("sequences_ids_sparse", RS_TRUE, SEQ, np.array([0, 3]), ArraySpec((500, 5, 3)),
         ArraySpec((500,), "int64", "class_ids", 4), "sparse_categorical_crossentropy", "failed",
         "fit.cause.sequences", "fit.fix.return_sequences"),
    Case("sequences_one_hot", RS_TRUE, SEQ, np.eye(4, dtype="float32")[[0, 3]], ArraySpec((500, 5, 3)),
         ArraySpec((500, 4), "float32", "one_hot", 4), "categorical_crossentropy", "failed",
         "fit.cause.sequences", "fit.fix.return_sequences"),
    Case("flat_into_28x28", MNIST_FLAT, PIXELS.astype("float32"), LABELS, ArraySpec((60000, 784), "float32", "pixels"),
         ArraySpec((60000,), "uint8", "class_ids", 10), "sparse_categorical_crossentropy", "failed",
         "fit.cause.input_shape", "fit.fix.input_shape", other="fit.fix.reshape"),
    Case("flat_into_conv", MNIST_CNN, PIXELS.astype("float32"), LABELS, ArraySpec((60000, 784), "float32", "pixels"),
         ArraySpec((60000,), "uint8", "class_ids", 10), "sparse_categorical_crossentropy", "failed",
         "fit.cause.input_shape", "fit.fix.reshape"),
    Case("mnist_into_channel_axis", MNIST_CNN, PIXELS.reshape(2, 28, 28).astype("float32"), LABELS,
         ArraySpec((60000, 28, 28), "float32", "pixels"), ArraySpec((60000,), "uint8", "class_ids", 10),
         "sparse_categorical_crossentropy", "ok", notes=("fit.silent.axis_added",)),
    Case("series_into_feature_axis", dense_head("(30, 1)", "layers.LSTM(3)", "layers.Dense(1)"),
         np.linspace(0, 1, 60, dtype="float32").reshape(2, 30), np.array([0.5, 1.5], "float32"),
         ArraySpec((500, 30)), ArraySpec((500,), "float32", "floats"), "mse", "ok",
         notes=("fit.silent.axis_added", "fit.silent.labels_expanded"), metrics=()),
    Case("channel_axis_dropped", dense_head("(28, 28)", "layers.Flatten()", "layers.Dense(1)"),
         PIXELS.reshape(2, 28, 28, 1).astype("float32"), np.array([[0.5], [1.0]], "float32"),
         ArraySpec((60000, 28, 28, 1), "float32", "pixels"), ArraySpec((60000, 1), "float32", "floats"), "mse", "ok",
         notes=("fit.silent.axis_dropped",), metrics=()),
    Case("label_out_of_range", dense_head("(4,)", 'layers.Dense(10, activation="softmax", name="head")'), X4,
         np.array([0, 10]), F4, ArraySpec((60000,), "int64", "class_ids", 11), "sparse_categorical_crossentropy",
         "failed", "fit.cause.label_range", "fit.fix.units"),
    Case("token_out_of_range", dense_head("(5,)", "layers.Embedding(10, 8, name='embed')", "layers.Flatten()",
                                          'layers.Dense(1, activation="sigmoid")'),
         np.array([[0, 1, 2, 3, 4], [5, 6, 7, 8, 10]]), np.array([0, 1]), ArraySpec((25000, 5), "int64", "tokens", 11),
         ArraySpec((25000,), "int64", "class_ids", 2), "binary_crossentropy", "failed", "fit.cause.token_range",
         "fit.fix.vocabulary"),
    Case("one_hot_width", dense_head("(4,)", 'layers.Dense(10, activation="softmax", name="head")'), X4,
         np.eye(5, dtype="float32")[[0, 4]], F4, ArraySpec((60000, 5), "float32", "one_hot", 5),
         "categorical_crossentropy", "failed", "fit.cause.width", "fit.fix.units"),
    Case("one_hot_for_sparse", CLF10, X4, np.eye(10, dtype="float32")[[0, 9]], F4,
         ArraySpec((60000, 10), "float32", "one_hot", 10), "sparse_categorical_crossentropy", "failed",
         "fit.cause.one_hot_for_sparse", "fit.fix.loss_categorical"),
    Case("sparse_n1_labels", CLF10, X4, np.array([[0], [9]]), F4, ArraySpec((60000, 1), "int64", "class_ids", 10),
         "sparse_categorical_crossentropy", "ok", notes=("fit.silent.labels_squeezed",)),
    Case("binary_softmax_one_unit", dense_head("(4,)", 'layers.Dense(1, activation="softmax")'), X4,
         np.array([0, 1]), F4, ArraySpec((60000,), "int64", "class_ids", 2), "binary_crossentropy", "ok",
         notes=("fit.silent.labels_expanded", "fit.silent.softmax_one")),
    Case("binary_sigmoid", dense_head("(4,)", 'layers.Dense(1, activation="sigmoid")'), X4, np.array([[0], [1]]), F4,
         ArraySpec((60000, 1), "int64", "class_ids", 2), "binary_crossentropy", "ok"),
    Case("regression_n_labels", dense_head("(4,)", "layers.Dense(1)"), X4, np.array([0.5, 3.0], "float32"), F4,
         ArraySpec((60000,), "float32", "floats"), "mse", "ok", notes=("fit.silent.labels_expanded",),
         metrics=("mae",)),
    Case("regression_broadcast", dense_head("(4,)", "layers.Dense(3)"), X4, np.array([[0.5], [3.0]], "float32"), F4,
         ArraySpec((60000, 1), "float32", "floats"), "mse", "ok", notes=("fit.silent.broadcast",), metrics=()),
    Case("regression_width", dense_head("(4,)", 'layers.Dense(3, name="head")'), X4, np.ones((2, 2), "float32"), F4,
         ArraySpec((60000, 2), "float32", "floats"), "mse", "failed", "fit.cause.width", "fit.fix.units", metrics=()),
    Case("logits_on_softmax", CLF10, X4, np.eye(10, dtype="float32")[[0, 9]], F4,
         ArraySpec((60000, 10), "float32", "one_hot", 10), "categorical_crossentropy", "ok",
         notes=("fit.silent.logits_on_probabilities",), from_logits=True),
    Case("probabilities_from_linear", dense_head("(4,)", "layers.Dense(10)"), X4, LABELS, F4,
         ArraySpec((60000,), "int64", "class_ids", 10), "sparse_categorical_crossentropy", "ok",
         notes=("fit.silent.probabilities_expected",)),
    Case("cardinality", dense_head("(4,)", "layers.Dense(1)"), X4, np.zeros((3,), "float32"), F4,
         ArraySpec((59999,), "float32", "floats"), "mse", "failed", "fit.cause.cardinality", metrics=()),
    Case("ragged_reviews", dense_head("(None,)", "layers.Embedding(100, 4)", "layers.GlobalAveragePooling1D()",
                                      'layers.Dense(1, activation="sigmoid")'),
         np.array([[1, 2, 3], [4, 5]], dtype=object), np.array([0, 1]),
         ArraySpec((25000,), "int32", "tokens", 100, ragged=True), ArraySpec((25000,), "int64", "class_ids", 2),
         "binary_crossentropy", "failed", "fit.cause.ragged", "fit.fix.pad_sequences"),
    Case("no_input_in_code", "model = keras.Sequential([layers.Dense(8, activation='relu'), "
                             "layers.Dense(1, activation='sigmoid')])\n",
         np.linspace(0, 1, 40, dtype="float32").reshape(2, 20), np.array([0, 1]), ArraySpec((1000, 20)),
         ArraySpec((1000,), "int64", "class_ids", 2), "binary_crossentropy", "ok",
         notes=("fit.silent.labels_expanded",), assumed=(7,)),
    Case("sequences_binary_rank", dense_head("(5, 3)", "layers.LSTM(4, return_sequences=True, name='lstm')",
                                             'layers.Dense(1, activation="sigmoid")'), SEQ, np.array([0, 1]),
         ArraySpec((500, 5, 3)), ArraySpec((500,), "int64", "class_ids", 2), "binary_crossentropy", "failed",
         "fit.cause.sequences", "fit.fix.return_sequences"),
    Case("regression_vector_wide_output", dense_head("(4,)", 'layers.Dense(3, name="head")'), X4,
         np.array([0.5, 3.0], "float32"), F4, ArraySpec((60000,), "float32", "floats"), "mse", "failed",
         "fit.cause.width", "fit.fix.units", metrics=()),
    Case("dataset_never_batched", dense_head("(4,)", "layers.Dense(3)"), "dataset", None,
         ArraySpec((4,), "float32", "floats", dataset=True), ArraySpec((), "int64", "class_ids", 3, dataset=True),
         "sparse_categorical_crossentropy", "failed", "fit.cause.unbatched", "fit.fix.batch"),
    Case("dataset_batched", dense_head("(4,)", "layers.Dense(3)"), "dataset.batch", None,
         ArraySpec((4,), "float32", "floats", batch=32, dataset=True),
         ArraySpec((), "int64", "class_ids", 3, batch=32, dataset=True), "sparse_categorical_crossentropy", "ok",
         notes=("fit.silent.probabilities_expected",)),
    Case("predict_wrong_input", MNIST_FLAT, PIXELS.astype("float32"), None,
         ArraySpec((10000, 784), "float32", "pixels"),
         None, "", "failed", "fit.cause.input_shape", "fit.fix.input_shape", call="predict", other="fit.fix.reshape"),
]


def _loss(case: Case):
    import keras

    if case.from_logits:
        return keras.losses.CategoricalCrossentropy(from_logits=True)
    return case.loss


def real_fit(case: Case) -> tuple[str, str]:
    """("ok" or "failed", Keras's words) from the plain way: the code run, compile, fit for one epoch."""
    import keras

    code = case.model if "import keras" in case.model else HEAD + case.model
    scope: dict = {}
    exec(compile(code, case.id, "exec"), scope)  # the test's own Keras code, never a user's
    model = scope["model"]
    keras.utils.set_random_seed(1)
    x = case.x
    if isinstance(x, str):  # a tf.data dataset of X4 and class ids 0, 2: "dataset" as is, or batched
        import tensorflow as tf

        x = tf.data.Dataset.from_tensor_slices((X4, np.array([0, 2])))
        x = x.batch(32) if x_batched(case) else x
    try:
        if case.call == "predict":
            model.predict(case.x, verbose=0)
        else:
            model.compile(optimizer="rmsprop", loss=_loss(case), metrics=list(case.metrics) or None)
            model.fit(x, case.y, epochs=1, verbose=0)
    except Exception as error:
        return "failed", _clean(error)
    return "ok", ""


def x_batched(case: Case) -> bool:
    return case.x == "dataset.batch"


def read(case: Case):
    code = case.model if "import keras" in case.model else HEAD + case.model
    result = read_code(code, assumed_input=case.assumed)
    assert result.spec is not None, result.notes
    return result.spec, describe(result.spec)


def training_of(case: Case, **changes) -> TrainingSpec:
    losses = (LossSpec(case.loss, case.from_logits),) if case.loss else ()
    base = TrainingSpec(case.call, 40, (case.xs,), (case.ys,) if case.ys else (), 32, loss=losses,
                        metrics=case.metrics, compile_line=39 if case.loss else 0)
    return dataclasses.replace(base, **changes)


def check(case: Case, spec=None, **changes) -> FitCheck:
    spec, desc = (spec, describe(spec)) if spec is not None else read(case)
    return check_fit(spec, desc, training_of(case, **changes))


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_the_check_agrees_with_real_fit(case):
    expected_status, expected_message = real_fit(case)
    assert expected_status == case.status, expected_message  # what the case says Keras does is what it does
    result = check(case)
    assert result.status == case.status, (result.message, result.reason)
    assert result.message == expected_message
    assert (result.cause.key if result.cause else "") == case.cause
    assert (result.fix.key if result.fix else "") == case.fix
    assert (result.other.key if result.other else "") == case.other
    assert tuple(n.key for n in result.notes) == case.notes
    assert result.line == 40 and result.call == case.call
    assert len(CASES) >= 20


def _applied(spec, edit):
    """The spec with a FixEdit applied, as the fix loop would write it into the code."""
    if edit.action == "replace":
        return dataclasses.replace(spec, layers=tuple(edit.layer if item.name == edit.at else item
                                                      for item in spec.layers))
    assert edit.action == "input_shape"
    return dataclasses.replace(spec, inputs=tuple(dataclasses.replace(i, shape=edit.shape) if i.name == edit.at else i
                                                  for i in spec.inputs))


MODEL_FIXES = [c for c in CASES if c.fix in ("fit.fix.units", "fit.fix.binary_head", "fit.fix.return_sequences",
                                               "fit.fix.vocabulary", "fit.fix.input_shape")]


@pytest.mark.parametrize("case", MODEL_FIXES, ids=lambda c: c.id)
def test_a_model_fix_makes_fit_run(case):
    result = check(case)
    spec, _ = read(case)
    fixed = _applied(spec, result.fix.edit)
    assert result.fix.code and check(case, fixed).status == "ok"


def test_training_code_fixes_make_fit_run():
    by_id = {c.id: c for c in CASES}
    # the loss named in compile
    case = by_id["tagger_ids_categorical"]
    assert check(case, loss=(LossSpec("sparse_categorical_crossentropy"),)).ok
    case = by_id["one_hot_for_sparse"]
    assert check(case, loss=(LossSpec("categorical_crossentropy"),)).ok
    # to_categorical: one-hot labels of the output's width
    case = by_id["ids_n1_categorical"]
    assert check(case, y=(ArraySpec((60000, 10), "float32", "one_hot", 10),)).ok
    # the data reshaped to the input's shape
    case = by_id["flat_into_conv"]
    assert check(case, x=(ArraySpec((60000, 28, 28), "float32", "pixels"),)).ok
    # the dataset batched
    case = by_id["dataset_never_batched"]
    assert check(case, x=(dataclasses.replace(case.xs, batch=32),), y=(dataclasses.replace(case.ys, batch=32),)).ok
    # padded reviews
    case = by_id["ragged_reviews"]
    assert check(case, x=(ArraySpec((25000, 200), "int32", "tokens", 100),)).ok


def test_fixes_as_the_new_text_of_the_learners_lines():
    case = next(c for c in CASES if c.id == "ids_n1_categorical")
    code = HEAD + CLF10 + ("model.compile(optimizer='adam', loss='categorical_crossentropy',\n"
                           "              metrics=['accuracy'])\n"
                           "model.fit(x_train, y_train, epochs=5, batch_size=32)\n")
    spec, desc = read(case)
    training = dataclasses.replace(training_of(case), line=7, compile_line=5)
    result = check_fit(spec, desc, training, code)
    assert result.fix.code == "loss='sparse_categorical_crossentropy'"
    assert result.line_fix.first == 5 and result.line_fix.last == 6
    assert result.line_fix.text == ("model.compile(optimizer='adam', loss='sparse_categorical_crossentropy',\n"
                                    "              metrics=['accuracy'])")
    assert result.other_line_fix.first == result.other_line_fix.last == 7
    assert result.other_line_fix.text == "model.fit(x_train, keras.utils.to_categorical(y_train, 10), epochs=5, " \
                                         "batch_size=32)"
    case = next(c for c in CASES if c.id == "flat_into_conv")
    code = HEAD + MNIST_CNN + "model.compile(loss='sparse_categorical_crossentropy')\nmodel.fit(x, y_train)\n"
    spec, desc = read(case)
    result = check_fit(spec, desc, dataclasses.replace(training_of(case), line=6, compile_line=5), code)
    assert result.fix.code == "x.reshape(-1, 28, 28, 1)"
    assert result.line_fix.text == "model.fit(x.reshape(-1, 28, 28, 1), y_train)"


def test_the_shapes_that_meet_have_named_axes():
    case = next(c for c in CASES if c.id == "tagger_ids_categorical")
    result = check(case)
    meets = {(m.role, m.shape, m.axes) for m in result.meets}
    assert ("x", (1000, 50), ("N", "T")) in meets
    assert ("y", (1000, 50), ("N", "T")) in meets
    output = next(m for m in result.meets if m.role == "output")
    assert output.shape == (30, 50, 6) and output.axes[:2] == ("B", "T")
    assert result.fed == ((2, 50), (2, 50))


def test_a_regression_label_vector_is_expanded_not_broadcast():
    """mse with labels (N,) against an output (N, 1): Keras's loss wrapper adds the labels' axis; it does not
    broadcast (2,) against (2, 1) into a (2, 2) table."""
    import keras

    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(1)])
    model.compile(loss="mse")
    y = np.array([0.5, 3.0], "float32")
    pred = model.predict(X4, verbose=0)
    loss = model.evaluate(X4, y, verbose=0)
    assert loss == pytest.approx(float(np.mean((pred[:, 0] - y) ** 2)), rel=1e-5)
    assert loss != pytest.approx(float(np.mean((pred - y) ** 2)), rel=1e-3)


def test_deterministic():
    case = next(c for c in CASES if c.id == "label_out_of_range")
    assert check(case) == check(case)


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@pytest.mark.parametrize("code, x", [
    (dense_head("(5,)", "layers.Embedding(10_000_000, 64)", "layers.Flatten()", "layers.Dense(1)"),
     ArraySpec((100, 5), "int32", "tokens", 10)),
    (dense_head("(None,)", "layers.Embedding(100, 4)", "layers.GlobalAveragePooling1D()", "layers.Dense(1)"),
     ArraySpec((100, 2_000_000_000), "int32", "tokens", 100)),
    (dense_head("(None, 1000)", "layers.Dense(1)"), ArraySpec((100, 100_000_000, 1000), "float32")),
])
def test_a_huge_model_or_huge_data_is_refused_before_anything_is_allocated(code, x):
    result = read_code(HEAD + code)
    spec = result.spec
    training = TrainingSpec("fit", 9, (x,), (ArraySpec((100,), "float32", "floats"),), loss=(LossSpec("mse"),),
                            compile_line=8)
    before, start = _rss_mb(), time.perf_counter()
    outcome = check_fit(spec, describe(spec), training)
    assert outcome.status == "not_run" and outcome.reason.key == "fit.not_run.budget"
    assert time.perf_counter() - start < 5 and _rss_mb() - before < 200


def test_what_is_not_run_says_why():
    case = next(c for c in CASES if c.id == "binary_sigmoid")
    assert check(case, loss=(LossSpec("my_custom_loss"),)).reason.key == "fit.not_run.unknown_loss"
    assert check(case, x=()).reason.key == "fit.not_run.no_data"
    assert check(case, y=()).reason.key == "fit.not_run.no_labels"
    assert check(case, loss=(), compile_line=3).reason.key == "fit.not_run.no_loss"
    assert check(case, x=(case.xs, case.xs)).reason.key == "fit.not_run.inputs"
    folders = ArraySpec((None,), "float32", "one_hot", None, 0, 1, batch=32, source="image_dataset_from_directory(...)",
                        dataset=True)  # label_mode="categorical": one-hot rows as wide as the folders are many
    wide = next(c for c in CASES if c.id == "one_hot_width")  # ten units: it runs only with ten folders
    assert check(wide, y=(folders,)).reason.key == "fit.not_run.classes_unknown"


def test_one_unit_against_one_hot_rows_of_unknown_width_is_checked_with_two_classes():
    """A folder's categorical labels (their width unknown) meet Dense(1, sigmoid): with 2 classes, the fewest, as
    with any more, Keras stops; the check says what it assumed, and its words and fix are Keras's at width 2."""

    case = next(c for c in CASES if c.id == "binary_sigmoid")
    folders = ArraySpec((None,), "float32", "one_hot", None, 0, 1, batch=32, source="image_dataset_from_directory(...)",
                        dataset=True)
    result = check(case, y=(folders,))
    assert result.status == "failed" and [n.key for n in result.notes] == ["fit.assumed.two_classes"]
    assert result.cause.key == "fit.cause.width" and result.fix.key == "fit.fix.units"
    real = dataclasses.replace(case, y=np.eye(2, dtype="float32")[[0, 1]])  # two folders, one-hot
    status, words = real_fit(real)
    assert status == "failed" and words.split("Received")[0] == result.message.split("Received")[0]
