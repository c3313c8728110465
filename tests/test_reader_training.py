"""The reader reads the training code (issue 19): the arrays fit sees and the loss compile names.

Each case is written as learners write it. Where the data comes from Keras's datasets, the shapes are the
documented ones (https://keras.io/api/datasets/); what the code then does to them is run here, with numpy and Keras,
on small stand-ins of the documented sample shapes, and the reader's TrainingSpec must say the same (with N in
place of the stand-ins' few rows). Nothing is downloaded: load_data is replaced by the stand-ins while a case runs.
"""
from __future__ import annotations

import time

import keras
import numpy as np
import pytest

from explorer.losses import CLASS_LOSSES, CLASS_ONLY, LOSS_ALIASES, LOSS_CLASSES, METRIC_CLASSES, METRIC_NAMES
from explorer.reader.code import read_code
from explorer.training import ArraySpec, TrainingSpec

SMALL = 7  # rows of a stand-in's training part
SMALL_TEST = 3

# the documented shapes (keras.io/api/datasets/<name>/): sample shape, label shape after N, dtype, classes
DOCUMENTED = {
    "mnist": ((28, 28), (), "uint8", 10), "fashion_mnist": ((28, 28), (), "uint8", 10),
    "cifar10": ((32, 32, 3), (1,), "uint8", 10), "cifar100": ((32, 32, 3), (1,), "uint8", 100),
    "boston_housing": ((13,), (), "float64", None), "california_housing": ((8,), (), "float64", None),
}


def _standin(name: str):
    def load_data(*args, **kwargs):
        rng = np.random.default_rng(0)
        if name in ("imdb", "reuters"):
            words = kwargs.get("num_words") or 500
            top = 46 if name == "reuters" else 2

            def part(n):
                x = np.empty(n, dtype=object)
                for i in range(n):
                    x[i] = list(rng.integers(1, words, size=int(rng.integers(3, 300))))
                return x, rng.integers(0, top, size=n)
            return part(SMALL), part(SMALL_TEST)
        sample, label, dtype, classes = DOCUMENTED[name]
        if kwargs.get("label_mode") == "coarse":
            classes = 20

        def part(n):
            if dtype == "uint8":
                x = rng.integers(0, 256, size=(n,) + sample).astype("uint8")
                y = rng.integers(0, classes, size=(n,) + label).astype("uint8")
            else:
                x, y = rng.random((n,) + sample), rng.random((n,)) * 40 + 10
            return x, y
        return part(SMALL), part(SMALL_TEST)
    return load_data


@pytest.fixture()
def standins(monkeypatch):
    for name in ("mnist", "fashion_mnist", "cifar10", "cifar100", "imdb", "reuters", "boston_housing",
                 "california_housing"):
        monkeypatch.setattr(getattr(keras.datasets, name), "load_data", _standin(name))
    return monkeypatch


def run_data(code: str) -> dict:
    """The case's data lines, run here on the stand-ins (this is the test's code, never the app's)."""
    names: dict = {}
    exec(compile(code, "<case>", "exec"), names)  # the test's own lines: numpy's answer
    return names


def training(source: str) -> TrainingSpec:
    result = read_code(source)
    assert result.spec is not None, result.notes
    assert isinstance(result.training, TrainingSpec), result.notes
    return result.training


def keys(source: str) -> list[tuple[int, str]]:
    return [(n.line, n.key) for n in read_code(source).notes]


def same(spec: ArraySpec, array, rows: dict[int, int] | None = None) -> None:
    """The spec says what numpy says for the stand-in: its shape (N for the stand-in's rows) and dtype."""
    shape = tuple((rows or {}).get(d, d) if i == 0 else d for i, d in enumerate(spec.shape))
    assert shape == np.shape(array), (spec.shape, np.shape(array))
    assert spec.dtype == str(np.asarray(array).dtype) or (spec.ragged and np.asarray(array).dtype == object)


MODEL = '''
model = keras.Sequential([keras.Input(shape=(28, 28, 1)), keras.layers.Flatten(), keras.layers.Dense(10)])
'''

# -- keras.io's MNIST convnet, with its data lines ------------------------------------------------------------
MNIST_DATA = '''import numpy as np
import keras
from keras import layers

num_classes = 10
input_shape = (28, 28, 1)
(x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
x_train = x_train.astype("float32") / 255
x_test = x_test.astype("float32") / 255
x_train = np.expand_dims(x_train, -1)
x_test = np.expand_dims(x_test, -1)
print("x_train shape:", x_train.shape)
y_train = keras.utils.to_categorical(y_train, num_classes)
y_test = keras.utils.to_categorical(y_test, num_classes)
'''
MNIST = MNIST_DATA + '''
model = keras.Sequential([
    keras.Input(shape=input_shape),
    layers.Conv2D(32, kernel_size=(3, 3), activation="relu"),
    layers.MaxPooling2D(pool_size=(2, 2)),
    layers.Conv2D(64, kernel_size=(3, 3), activation="relu"),
    layers.MaxPooling2D(pool_size=(2, 2)),
    layers.Flatten(),
    layers.Dropout(0.5),
    layers.Dense(num_classes, activation="softmax"),
])
batch_size = 128
epochs = 15
model.compile(loss="categorical_crossentropy", optimizer="adam", metrics=["accuracy"])
model.fit(x_train, y_train, batch_size=batch_size, epochs=epochs, validation_split=0.1)
score = model.evaluate(x_test, y_test, verbose=0)
'''


def test_the_keras_io_mnist_convnet(standins):
    spec = training(MNIST)
    names = run_data(MNIST_DATA)
    assert (spec.call, spec.line, spec.batch_size, spec.validation_split) == ("fit", 29, 128, 0.1)
    assert spec.x[0].shape == (60000, 28, 28, 1) and spec.y[0].shape == (60000, 10)
    same(spec.x[0], names["x_train"], {60000: SMALL})
    same(spec.y[0], names["y_train"], {60000: SMALL})
    assert (spec.x[0].holds, spec.x[0].low, spec.x[0].high) == ("floats", 0, 1)
    assert (spec.y[0].holds, spec.y[0].classes) == ("one_hot", 10)
    assert spec.x[0].source == "keras.datasets.mnist.load_data()" and spec.x[0].line == 7
    assert [(l.name, l.from_logits, l.line) for l in spec.loss] == [("categorical_crossentropy", False, 28)]
    assert spec.metrics == ("accuracy",) and spec.compile_line == 28
    assert not [n for n in read_code(MNIST).notes if n.severity == "error"]


def test_the_model_is_read_as_before():
    with_training = read_code(MNIST)
    without = read_code(MNIST.split("batch_size = 128")[0])
    assert with_training.spec.layers == without.spec.layers and without.training is None
    plain = read_code("import keras\nmodel = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2)])\n")
    assert plain.training is None and [l.kind for l in plain.spec.layers] == ["Dense"]


# -- the question's tagger with (N, 50) tag ids -----------------------------------------------------------------
TAGGER_DATA = '''import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

vocab_size = 10000
count_classes = 5
x_train = np.random.randint(1, vocab_size, size=(1000, 50))
y_train = np.random.randint(0, count_classes + 1, size=(1000, 50))
'''
TAGGER = TAGGER_DATA + '''
model = keras.Sequential([
    keras.Input(shape=(50,), dtype="int32"),
    layers.Embedding(vocab_size, 64),
    layers.Bidirectional(layers.LSTM(75, return_sequences=True), merge_mode="ave"),
    layers.Dense(200),
    layers.TimeDistributed(layers.Dense(count_classes + 1, activation="softmax")),
])
model.compile(loss="categorical_crossentropy", optimizer="rmsprop")
model.fit(x_train, y_train, batch_size=30, epochs=3)
'''


def test_the_question_tagger_with_tag_ids():
    spec = training(TAGGER)
    names = run_data(TAGGER_DATA)
    same(spec.x[0], names["x_train"])
    same(spec.y[0], names["y_train"])
    assert (spec.y[0].holds, spec.y[0].classes, spec.y[0].low, spec.y[0].high) == ("class_ids", 6, 0, 5)
    assert spec.loss[0].name == "categorical_crossentropy" and spec.batch_size == 30


def test_the_tagger_with_one_hot_labels():
    source = TAGGER.replace("model.compile", "y_train = keras.utils.to_categorical(y_train)\nmodel.compile")
    spec = training(source)
    names = run_data(TAGGER_DATA + "y_train = keras.utils.to_categorical(y_train)\n")
    same(spec.y[0], names["y_train"])
    assert spec.y[0].shape == (1000, 50, 6) and spec.y[0].holds == "one_hot"


# -- imdb with pad_sequences, reuters ---------------------------------------------------------------------------
IMDB_DATA = '''import keras
from keras.datasets import imdb
from keras.utils import pad_sequences

max_features = 20000
maxlen = 200
(x_train, y_train), (x_val, y_val) = imdb.load_data(num_words=max_features)
print(len(x_train), "Training sequences")
x_train = pad_sequences(x_train, maxlen=maxlen)
x_val = pad_sequences(x_val, maxlen=maxlen)
'''
IMDB = IMDB_DATA + '''
inputs = keras.Input(shape=(None,), dtype="int32")
x = keras.layers.Embedding(max_features, 128)(inputs)
x = keras.layers.Bidirectional(keras.layers.LSTM(64))(x)
outputs = keras.layers.Dense(1, activation="sigmoid")(x)
model = keras.Model(inputs, outputs)
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
model.fit(x_train, y_train, batch_size=32, epochs=2, validation_data=(x_val, y_val))
'''


def test_imdb_with_pad_sequences(standins):
    spec = training(IMDB)
    names = run_data(IMDB_DATA)
    assert spec.x[0].shape == (25000, 200) and spec.y[0].shape == (25000,)
    same(spec.x[0], names["x_train"], {25000: SMALL})
    assert (spec.x[0].holds, spec.x[0].classes, spec.x[0].high) == ("tokens", 20000, 19999)
    (vx,), (vy,) = spec.validation
    same(vx, names["x_val"], {25000: SMALL_TEST})
    assert vy.shape == (25000,) and (vy.holds, vy.classes) == ("class_ids", 2)
    assert spec.loss[0].name == "binary_crossentropy"


def test_imdb_before_pad_sequences_is_ragged():
    source = IMDB.replace("x_train = pad_sequences(x_train, maxlen=maxlen)\n", "")
    spec = training(source)
    assert spec.x[0].ragged and spec.x[0].shape == (25000,)


def test_reuters_with_to_categorical(standins):
    data = '''import keras
import numpy as np
(x_train, y_train), (x_test, y_test) = keras.datasets.reuters.load_data(num_words=10000)
x_train = keras.utils.pad_sequences(x_train, maxlen=100)
y_train = keras.utils.to_categorical(y_train, 46)
'''
    spec = training(data + MODEL.replace("(28, 28, 1)", "(100,)") +
                    "model.compile(loss='categorical_crossentropy', optimizer='adam')\nmodel.fit(x_train, y_train)\n")
    names = run_data(data)
    assert spec.x[0].shape == (8982, 100) and spec.y[0].shape == (8982, 46)
    same(spec.x[0], names["x_train"], {8982: SMALL})
    same(spec.y[0], names["y_train"], {8982: SMALL})


# -- cifar with to_categorical; the other datasets --------------------------------------------------------------
CIFAR_DATA = '''import tensorflow as tf
(x_train, y_train), (x_test, y_test) = tf.keras.datasets.cifar10.load_data()
x_train, x_test = x_train / 255.0, x_test / 255.0
y_train = tf.keras.utils.to_categorical(y_train, 10)
'''


def test_cifar10_with_to_categorical(standins):
    source = CIFAR_DATA + MODEL.replace("keras.", "tf.keras.").replace("(28, 28, 1)", "(32, 32, 3)") + \
        "model.compile(optimizer='adam', loss='categorical_crossentropy')\nmodel.fit(x_train, y_train, epochs=10)\n"
    spec = training(source)
    names = run_data(CIFAR_DATA)
    assert spec.x[0].shape == (50000, 32, 32, 3) and spec.y[0].shape == (50000, 10)
    same(spec.x[0], names["x_train"], {50000: SMALL})  # uint8 / 255.0: float64, as numpy gives it
    same(spec.y[0], names["y_train"], {50000: SMALL})


def test_cifar_labels_are_n_by_one_and_cifar100_coarse():
    spec = training("import keras\n(x, y), _ = keras.datasets.cifar100.load_data(label_mode='coarse')\n" + MODEL +
                    "model.fit(x, y)\n")
    assert spec.y[0].shape == (50000, 1) and (spec.y[0].classes, spec.y[0].high) == (20, 19)
    fine = training("from keras.datasets import cifar100\nimport keras\n(x, y), _ = cifar100.load_data()\n" + MODEL +
                    "model.fit(x, y)\n")
    assert fine.y[0].classes == 100 and fine.x[0].holds == "pixels" and fine.x[0].dtype == "uint8"


@pytest.mark.parametrize("name, train, sample, test", [
    ("mnist", 60000, (28, 28), 10000), ("fashion_mnist", 60000, (28, 28), 10000),
    ("cifar10", 50000, (32, 32, 3), 10000), ("boston_housing", 404, (13,), 102),
    ("california_housing", 16512, (8,), 4128)])
def test_each_dataset_has_its_documented_shapes(name, train, sample, test):
    source = f"import keras\n(x, y), (xt, yt) = keras.datasets.{name}.load_data()\n" + MODEL + \
        "model.fit(x, y, validation_data=(xt, yt))\n"
    spec = training(source)
    assert spec.x[0].shape == (train,) + sample and spec.validation[0][0].shape == (test,) + sample
    assert spec.y[0].shape[0] == train and spec.y[0].dtype == DOCUMENTED[name][2]


def test_california_small_and_a_test_split():
    spec = training("import keras\n(x, y), _ = keras.datasets.california_housing.load_data(version='small')\n" +
                    MODEL + "model.compile(loss='mse')\nmodel.fit(x, y)\n")
    assert spec.x[0].shape == (480, 8) and spec.loss[0].name == "mean_squared_error"
    split = training("import keras\n(x, y), _ = keras.datasets.boston_housing.load_data(test_split=0.5)\n" + MODEL +
                     "model.fit(x, y)\n")
    assert split.x[0].shape == (253, 13) and split.y[0].holds == "floats"


# -- numpy arrays of known shapes, and what changes them ------------------------------------------------------
NUMPY_CASES = [
    "x = np.zeros((100, 28, 28))\nx = x.reshape(-1, 28 * 28)",
    "x = np.ones((64, 10), dtype='float32')\nx = x[..., None]",
    "x = np.random.rand(50, 20)\nx = x[:, :, np.newaxis]",
    "x = np.random.randn(30, 4, 5).T",
    "x = np.empty((12, 3, 4))[:10]",
    "x = np.expand_dims(np.zeros((5, 6), dtype='uint8'), axis=1) / 255.0",
    "x = np.stack([np.zeros((4, 3)), np.ones((4, 3))], axis=-1)",
    "x = np.concatenate([np.zeros((4, 3)), np.ones((6, 3))])",
    "x = np.array([[1, 2, 3], [4, 5, 6]])",
    "x = np.array([[1.5, 2], [3, 4]], dtype='float32')",
    "x = np.random.randint(0, 10, size=(20,)).astype('int32')",
    "x = np.eye(10)[np.random.randint(0, 10, size=(40,))]",
    "x = np.arange(24).reshape(2, 3, 4)",
    "x = np.zeros((8, 5)) - np.ones((5,))",
    "x = np.random.random((6, 2)) * 2",
    "x = np.zeros((9, 9)).reshape((3, -1, 3))",
    "x = np.squeeze(np.zeros((4, 1, 3)), axis=1)",
    "x = np.transpose(np.zeros((2, 3, 4)), (0, 2, 1))",
    "x = np.vstack([np.zeros((2, 3)), np.zeros((1, 3))])",
    "x = np.zeros((6, 4), dtype=np.float32).astype(float)",
    "x = np.full((3, 2), 7)",
    "x = np.random.uniform(-1, 1, size=(5, 3)).astype('float16')",
    "x = np.zeros((10, 4))[2:8:2, 1:]",
]


@pytest.mark.parametrize("lines", NUMPY_CASES)
def test_numpy_arrays_have_numpy_shapes(lines):
    source = "import numpy as np\nimport keras\n" + lines + "\n" + MODEL + "model.predict(x)\n"
    spec = training(source)
    assert spec.call == "predict" and spec.y == ()
    same(spec.x[0], run_data("import numpy as np\n" + lines)["x"])


def test_class_ids_from_randint():
    spec = training("import numpy as np\nimport keras\nx = np.random.rand(100, 28, 28, 1)\n"
                    "y = np.random.randint(10, size=100)\n" + MODEL + "model.fit(x, y, batch_size=16)\n")
    assert (spec.y[0].shape, spec.y[0].holds, spec.y[0].classes, spec.y[0].high) == ((100,), "class_ids", 10, 9)


def test_a_reshape_that_does_not_divide_says_it_in_numpys_words():
    source = "import numpy as np\nimport keras\nx = np.zeros((100, 30))\nx = x.reshape(-1, 28, 28)\n" + MODEL + \
        "model.fit(x, x)\n"
    result = read_code(source)
    note = next(n for n in result.notes if n.key == "train.numpy_error")
    with pytest.raises(ValueError) as numpy_says:
        np.zeros((100, 30)).reshape(-1, 28, 28)
    assert note.line == 4 and note.param("error") == str(numpy_says.value)
    assert result.spec is not None and result.training.x == ()  # x is not known after it
    fixed = read_code(source.replace("-1, 28, 28", "3000"))
    assert fixed.training.x[0].shape == (3000,)
    with pytest.raises(ValueError) as numpy_fixed:
        np.zeros((100, 30)).reshape(3001)
    wrong = read_code(source.replace("-1, 28, 28", "3001"))
    assert next(n for n in wrong.notes if n.key == "train.numpy_error").param("error") == str(numpy_fixed.value)


def test_the_model_input_may_come_from_the_data():
    source = "import numpy as np\nimport keras\nX = np.zeros((500, 30, 1))\nmodel = keras.Sequential([" \
             "keras.Input(shape=X.shape[1:]), keras.layers.LSTM(8), keras.layers.Dense(1)])\n" \
             "model.compile(loss='mse')\nmodel.fit(X, np.zeros((len(X), 1)))\n"
    spec = training(source)
    assert read_code(source).spec.inputs[0].shape == (30, 1)
    assert spec.y[0].shape == (500, 1)


def test_train_test_split_as_sklearn_splits():
    """sklearn (not installed here) puts ceil(test_size * n) rows in the test part: 21 of 103, 82 left."""
    data = "import numpy as np\nX = np.random.rand(103, 8)\ny = np.random.randint(0, 3, size=(103,))\n"
    split = "X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=42)\n"
    source = "from sklearn.model_selection import train_test_split\nimport keras\n" + data + split + \
        MODEL.replace("(28, 28, 1)", "(8,)") + "model.fit(X_train, y_train, validation_data=(X_test, y_test))\n"
    spec = training(source)
    assert spec.x[0].shape == (82, 8) and spec.y[0].shape == (82,) and spec.y[0].classes == 3
    assert spec.validation[0][0].shape == (21, 8) and spec.validation[1][0].shape == (21,)
    default = training(source.replace("test_size=0.2, ", ""))  # 0.25 by default: ceil(25.75) = 26
    assert default.x[0].shape == (77, 8)


# -- data the reader cannot see ---------------------------------------------------------------------------------
CSV = '''import pandas as pd
import numpy as np
import keras

df = pd.read_csv("train.csv")
X = df.drop("label", axis=1).values / 255.0
y = keras.utils.to_categorical(df["label"].values, 10)
X = X.reshape(-1, 28, 28, 1)
''' + MODEL + "model.compile(loss='categorical_crossentropy', optimizer='adam')\nmodel.fit(X, y, epochs=5)\n"


def test_a_csv_read_is_unknown_with_a_note_and_the_rest_is_read():
    result = read_code(CSV)
    assert (5, "train.data_unknown") in [(n.line, n.key) for n in result.notes]
    assert not [n for n in result.notes if n.severity == "error"]
    spec = result.training
    assert spec.x[0].shape == (None, 28, 28, 1)  # the reshape says every axis but the rows
    assert spec.y == ()  # labels of unknown rank: (N,) or (N, 1) would give (N, 10), (N, T) would not
    assert spec.loss[0].name == "categorical_crossentropy" and [l.kind for l in result.spec.layers] == \
        ["Flatten", "Dense"]


def test_an_undefined_name_in_fit_says_nothing_new():
    source = "import keras\nmodel = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])\n" \
             "model.compile(loss='mse')\nmodel.fit(x, y, epochs=2)\n"
    result = read_code(source)
    assert [n.key for n in result.notes] == []  # compile and fit are read; x and y are unknown names
    assert result.training.x == () and result.training.loss[0].name == "mean_squared_error"


def test_the_shape_of_unknown_data_says_where_it_comes_from():
    source = "import pandas as pd\nimport keras\ndf = pd.read_csv('a.csv')\n" \
             "model = keras.Sequential([keras.Input(shape=(df.shape[1],)), keras.layers.Dense(1)])\n"
    result = read_code(source)
    note = next(n for n in result.notes if n.key == "train.shape_unknown")
    assert note.line == 4 and note.param("line") == "3"


# -- tf.data and image folders ----------------------------------------------------------------------------------
def test_a_tf_data_dataset_batched():
    source = "import numpy as np\nimport tensorflow as tf\nx = np.zeros((1000, 28, 28, 1), 'float32')\n" \
             "y = np.random.randint(0, 10, size=(1000,))\n" \
             "ds = tf.data.Dataset.from_tensor_slices((x, y)).shuffle(1000).batch(64).prefetch(tf.data.AUTOTUNE)\n" \
             + MODEL.replace("keras.", "tf.keras.") + \
             "model.compile(loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True))\nmodel.fit(ds)\n"
    spec = training(source)  # one element of the dataset (fit sees (None, 28, 28, 1)), as ArraySpec says
    assert spec.x[0].shape == (28, 28, 1) and spec.x[0].batch == 64 and spec.batch_size == 64 and spec.x[0].dataset
    assert spec.y[0].shape == () and spec.y[0].holds == "class_ids" and spec.y[0].dataset
    assert spec.loss[0].name == "sparse_categorical_crossentropy" and spec.loss[0].from_logits


def test_a_dataset_map_and_an_unbatched_dataset_give_notes():
    base = "import numpy as np\nimport tensorflow as tf\nx = np.zeros((10, 28, 28, 1))\n"
    mapped = base + "ds = tf.data.Dataset.from_tensor_slices((x, x)).map(lambda a, b: (a, b)).batch(2)\n" + \
        MODEL + "model.fit(ds)\n"
    result = read_code(mapped)
    assert "train.dataset_map" in [n.key for n in result.notes] and result.training.x == ()
    unbatched = base + "ds = tf.data.Dataset.from_tensor_slices((x, x))\n" + MODEL + "model.fit(ds)\n"
    result = read_code(unbatched)
    assert "train.dataset_unbatched" in [n.key for n in result.notes]
    assert result.training.x[0].shape == (28, 28, 1) and result.training.x[0].batch is None  # each element, as fit
    assert result.training.x[0].dataset  # gets it


def test_image_dataset_from_directory():
    source = "import keras\ntrain_ds = keras.utils.image_dataset_from_directory('flowers', validation_split=0.2, " \
             "subset='training', seed=123, image_size=(180, 180), batch_size=32)\n" + \
             MODEL.replace("(28, 28, 1)", "(180, 180, 3)") + "model.fit(train_ds, epochs=3)\n"
    spec = training(source)
    assert spec.x[0].shape == (180, 180, 3) and spec.x[0].batch == 32 and spec.x[0].holds == "pixels"
    assert spec.y[0].shape == () and spec.y[0].dtype == "int32" and spec.y[0].classes is None
    named = source.replace("batch_size=32", "batch_size=32, label_mode='categorical', class_names=['a', 'b', 'c']")
    assert training(named).y[0].shape == (3,)
    unnamed = source.replace("batch_size=32", "batch_size=32, label_mode='categorical'")
    assert training(unnamed).y[0].shape == (None,)  # the folders' count: not in the code


@pytest.mark.parametrize("code, shape, dtype", [
    ("x.mean(axis=0)", (13,), "float64"), ("x.std(axis=0)", (13,), "float64"), ("x.max()", (), "uint8"),
    ("x.sum(axis=1, keepdims=True)", (404, 1), "uint64"), ("x.mean((0, 1))", (), "float64")])
def test_numpy_reductions_as_methods(code, shape, dtype):
    """Chollet's boston_housing normalisation: mean and std over the samples, then x -= mean; dtypes numpy's."""
    import numpy as np

    source = f"import numpy as np\nimport keras\nx = np.zeros((404, 13), 'uint8')\nm = {code}\n" \
             "model = keras.Sequential([keras.Input(shape=m.shape), keras.layers.Dense(1)])\n" \
             "model.compile(loss='mse')\nmodel.fit(m, m)\n"
    if shape:
        spec = training(source)
        assert spec.x[0].shape == shape and spec.x[0].dtype == dtype
    expected = eval(code, {"x": np.zeros((404, 13), "uint8")})  # the test's own numpy, never a user's code
    assert expected.shape == shape and str(expected.dtype) == dtype


def test_normalised_features_keep_their_shape():
    source = "from keras.datasets import boston_housing\nfrom keras import models, layers\n" \
             "(train_data, train_targets), _ = boston_housing.load_data()\nmean = train_data.mean(axis=0)\n" \
             "train_data -= mean\nstd = train_data.std(axis=0)\ntrain_data /= std\n" \
             "model = models.Sequential([layers.Input(shape=(train_data.shape[1],)), layers.Dense(1)])\n" \
             "model.compile(optimizer='rmsprop', loss='mse', metrics=['mae'])\nmodel.fit(train_data, train_targets)\n"
    spec = training(source)
    assert spec.x[0].shape == (404, 13) and spec.x[0].dtype == "float64" and spec.y[0].shape == (404,)


# -- compile: losses and metrics ------------------------------------------------------------------------------
@pytest.mark.parametrize("loss, name, logits", [
    ("'sparse_categorical_crossentropy'", "sparse_categorical_crossentropy", False),
    ("'mae'", "mean_absolute_error", False),
    ("keras.losses.SparseCategoricalCrossentropy(from_logits=True)", "sparse_categorical_crossentropy", True),
    ("keras.losses.BinaryCrossentropy()", "binary_crossentropy", False),
    ("keras.losses.categorical_crossentropy", "categorical_crossentropy", False),
    ("loss_fn", "categorical_crossentropy", True)])
def test_losses_by_name_and_by_class(loss, name, logits):
    source = "import keras\nloss_fn = keras.losses.CategoricalCrossentropy(from_logits=True)\n" + MODEL + \
        f"model.compile(optimizer='adam', loss={loss}, metrics=['accuracy', keras.metrics.AUC()])\n"
    spec = training(source)
    assert (spec.loss[0].name, spec.loss[0].from_logits) == (name, logits)
    assert spec.metrics == ("accuracy", "auc") and spec.x == () and spec.compile_line == 5


def test_an_unknown_loss_and_metric_are_notes_at_their_line():
    source = "import keras\ndef my_loss(y_true, y_pred):\n    return y_true\n" + MODEL + \
        "model.compile(loss=my_loss, metrics=['acuracy'])\n"
    result = read_code(source)
    assert {(n.line, n.key) for n in result.notes if n.key.startswith("train.")} == \
        {(6, "train.loss_unknown"), (6, "train.metric_unknown")}
    assert result.training.loss == ()


def test_a_loss_per_output_by_list_and_by_dict():
    model = '''import keras
import numpy as np
inp = keras.Input((8,), name="features")
a = keras.layers.Dense(3, activation="softmax", name="kind")(inp)
b = keras.layers.Dense(1, name="price")(inp)
model = keras.Model(inp, [a, b])
'''
    listed = training(model + "model.compile(loss=['sparse_categorical_crossentropy', 'mse'])\n")
    assert [l.name for l in listed.loss] == ["sparse_categorical_crossentropy", "mean_squared_error"]
    keyed = training(model + "model.compile(loss={'price': 'mse', 'kind': 'sparse_categorical_crossentropy'})\n"
                     "model.fit({'features': np.zeros((4, 8))}, {'kind': np.zeros((4,)), 'price': np.zeros((4, 1))})\n")
    assert [l.name for l in keyed.loss] == ["sparse_categorical_crossentropy", "mean_squared_error"]
    assert [a.shape for a in keyed.y] == [(4,), (4, 1)] and keyed.x[0].shape == (4, 8)


def test_several_inputs_as_a_list():
    source = '''import keras
import numpy as np
a = keras.Input((5,))
b = keras.Input((7,))
out = keras.layers.Dense(1)(keras.layers.concatenate([a, b]))
model = keras.Model([a, b], out)
model.compile(loss="mse", optimizer="adam")
model.train_on_batch([np.zeros((32, 5)), np.zeros((32, 7))], np.zeros((32, 1)))
'''
    spec = training(source)
    assert spec.call == "train_on_batch" and [x.shape for x in spec.x] == [(32, 5), (32, 7)]


def test_the_allowlists_are_keras_names():
    for name, cls in LOSS_CLASSES.items():
        assert callable(getattr(keras.losses, name)) and isinstance(getattr(keras.losses, cls), type)
        if name in CLASS_ONLY:
            with pytest.raises(ValueError):
                keras.losses.get(name)
        else:
            assert keras.losses.get(name).__name__ == name
    assert set(CLASS_LOSSES) == set(LOSS_CLASSES.values())
    for alias, name in LOSS_ALIASES.items():
        assert keras.losses.get(alias).__name__ == name
    for cls in METRIC_CLASSES:
        assert isinstance(getattr(keras.metrics, cls), type)
    for name in METRIC_NAMES - {"accuracy", "acc", "crossentropy", "ce"}:
        assert keras.metrics.get(name) is not None


# -- hostile code: notes, never exceptions, nothing allocated ------------------------------------------------
@pytest.mark.parametrize("lines", [
    "x = np.zeros((10**9, 10**9))\ny = np.zeros((10**9, 10**9)) / 255.0\nmodel.fit(x, y)",
    "x = np.ones((10**12,) * 32)\nx = x.reshape(-1, 7)\nmodel.fit(x)",
    "x = np.zeros((2,) * 40)\nmodel.fit(x)",
    "for i in range(10**12):\n    x = np.zeros((i, 3))\nmodel.fit(x)",
    "x = np.zeros((5, 3))\nx = x[..., None, ..., None]\nx = x.reshape(-1, -1)\nmodel.fit(x[7:2:0])",
    "x = np.random.randint(5, 1, size=3)\ny = keras.utils.to_categorical(np.array([3, 12]), 4)\nmodel.fit(x, y)",
    "x = np.array([[1, 2], [3]])\nds = tf.data.Dataset.from_tensor_slices(x).batch(0).batch(2)\nmodel.fit(ds, y=x)",
    "x = np.zeros((4, 3)).astype('complex128')\nx = np.zeros((4, 3), dtype=np.uint8) + 300\nmodel.fit(x)",
    "(a, b), (c, d) = keras.datasets.imdb.load_data(num_words=-5, maxlen=10)\nmodel.fit(keras.utils.pad_sequences(a))",
])
def test_hostile_training_code_gives_notes_not_exceptions(lines):
    source = "import numpy as np\nimport keras\nimport tensorflow as tf\n" + MODEL + lines + "\n"
    start = time.perf_counter()
    result = read_code(source)
    assert time.perf_counter() - start < 2.0
    assert result.spec is not None and not any(n.key == "read.internal" for n in result.notes), result.notes
    assert result.training is None or isinstance(result.training, TrainingSpec)


def test_huge_shapes_stay_arithmetic():
    spec = training("import numpy as np\nimport keras\n" + MODEL +
                    "x = np.zeros((10**9, 10**9))\nmodel.fit(x.reshape(-1, 1000), np.zeros((10**12, 1)))\n")
    assert spec.x[0].shape == (10**15, 1000) and spec.y[0].shape == (10**12, 1)


def test_tensorflows_newaxis_adds_an_axis_as_numpys_does():
    """TensorFlow's advanced quickstart: `x_train = x_train[..., tf.newaxis]` on mnist's arrays."""
    code = ("import tensorflow as tf\nmnist = tf.keras.datasets.mnist\n"
            "(x_train, y_train), (x_test, y_test) = mnist.load_data()\nx_train = x_train / 255.0\n"
            "x_train = x_train[..., tf.newaxis]\n"
            "model = tf.keras.Sequential([tf.keras.Input((28, 28, 1)), tf.keras.layers.Flatten(),"
            " tf.keras.layers.Dense(10)])\n"
            "model.compile(loss='sparse_categorical_crossentropy')\nmodel.fit(x_train, y_train)\n")
    result = read_code(code)
    assert not [n for n in result.notes if n.severity == "error"]
    assert result.training.x[0].shape == (60000, 28, 28, 1)
