"""Keras models for the JSON / .keras reader tests, built by Keras here (our own trusted code), and
the checks those tests share: the reader's spec described and compared with Keras layer by layer."""
import functools
import io
import time
import zipfile
import json

import keras
from keras import layers as L

from explorer.shapes import describe
from explorer.spec import ReadResult

# note keys any reader test saw; the last test of test_reader_keras_file checks they all have text
KEYS_SEEN: set = set()


# -- models built by Keras --------------------------------------------------------------------------
def tagger(small=False):
    """The question's model: Embedding → Bidirectional(LSTM, ave) → Dense → TimeDistributed(Dense)."""
    vocab = 200 if small else 10_000
    return keras.Sequential([
        keras.Input(shape=(50,), batch_size=30, dtype="int32", name="tokens"),
        L.Embedding(vocab, 64, name="embedding"),
        L.Bidirectional(L.LSTM(75, return_sequences=True), merge_mode="ave", name="bidirectional"),
        L.Dense(200, name="dense"),
        L.TimeDistributed(L.Dense(6), name="time_distributed"),
    ], name="tagger")


def stacked_lstm(small=False):
    return keras.Sequential([keras.Input((20, 8)), L.LSTM(32, return_sequences=True, name="lstm_1"),
                             L.LSTM(16, name="lstm_2"), L.Dense(3, activation="softmax", name="out")])


def gru(small=False):
    return keras.Sequential([keras.Input((20, 8)), L.GRU(12, return_sequences=True, reset_after=False, name="gru"),
                             L.GlobalAveragePooling1D(name="pool"), L.Dense(2, name="out")])


def conv1d(small=False):
    return keras.Sequential([
        keras.Input((100,), dtype="int32"), L.Embedding(500, 16, name="embedding"),
        L.Conv1D(32, 5, activation="relu", padding="same", name="conv_a"), L.MaxPooling1D(2, name="pool"),
        L.Conv1D(16, 3, strides=2, name="conv_b"), L.GlobalMaxPooling1D(name="global_pool"),
        L.Dropout(0.5, name="dropout"), L.Dense(1, name="out")])


def conv2d(small=False):
    return keras.Sequential([
        keras.Input((28, 28, 1), batch_size=4), L.Conv2D(8, (3, 3), activation="relu", name="conv_a"),
        L.MaxPooling2D((2, 2), name="pool"), L.Conv2D(16, 3, name="conv_b"), L.Flatten(name="flatten"),
        L.Dense(10, name="out")])


def two_inputs(small=False):
    a, b = keras.Input((10,), name="a"), keras.Input((5,), name="b")
    joined = L.Concatenate(name="joined")([a, b])
    return keras.Model([a, b], L.Dense(3, name="out")(joined), name="two_inputs")


def seq2seq(small=False):
    source = keras.Input((12, 4), name="source")
    summary = L.LSTM(16, name="encoder")(source)
    repeated = L.RepeatVector(7, name="repeat")(summary)
    decoded = L.LSTM(16, return_sequences=True, name="decoder")(repeated)
    return keras.Model(source, L.TimeDistributed(L.Dense(4), name="head")(decoded), name="seq2seq")


def return_state(small=False):
    x = keras.Input((7, 4), name="x")
    sequence, state_h, state_c = L.LSTM(5, return_state=True, name="lstm")(x)
    return keras.Model(x, [sequence, L.Dense(2, name="head")(state_h), state_c], name="states")


def residual(small=False):
    x = keras.Input((8,), name="x")
    y = L.Add(name="add")([x, L.Dense(8, name="dense")(x)])
    return keras.Model(x, L.Reshape((2, 4), name="reshape")(y), name="residual")


def both_directions(small=False):
    x = keras.Input((9, 3), name="x")
    forward, backward = L.Bidirectional(L.GRU(8, return_sequences=True), merge_mode=None, name="bi")(x)
    return keras.Model(x, L.Concatenate(name="joined")([forward, backward]), name="both_directions")


def nested_wrappers(small=False):
    """TimeDistributed(Bidirectional(LSTM)): a wrapper inside a wrapper, over (B, T, steps, features)."""
    return keras.Sequential([keras.Input((4, 6, 3)), L.TimeDistributed(L.Bidirectional(L.LSTM(5)), name="td"),
                             L.Flatten(name="flatten")])


ARCHITECTURES = {f.__name__: f for f in (tagger, stacked_lstm, gru, conv1d, conv2d, two_inputs, seq2seq,
                                         return_state, residual, both_directions, nested_wrappers)}


@functools.cache
def built(name, small=False):
    return ARCHITECTURES[name](small)


@functools.cache
def config_text(name):
    return built(name).to_json()


def keras_view(model):
    """Keras's own word: {layer: (output shapes, parameters)} for every layer but the inputs."""
    view = {}
    for layer in model.layers:
        if isinstance(layer, L.InputLayer):
            continue
        outs = layer.output if isinstance(layer.output, (list, tuple)) else [layer.output]
        view[layer.name] = (tuple(tuple(t.shape) for t in outs), layer.count_params())
    return view


def our_view(spec):
    description = describe(spec)
    assert description.failure is None, description.failure
    return {s.name: (s.output_shapes, s.params) for s in description.steps if s.cls != "InputLayer"}, description


def assert_same_model(result, model):
    assert isinstance(result, ReadResult)
    assert [n for n in result.notes if n.severity == "error"] == []
    spec = result.spec
    assert spec is not None
    view, description = our_view(spec)
    assert view == keras_view(model)
    assert list(view) == [layer.name for layer in model.layers if not isinstance(layer, L.InputLayer)]
    assert description.total_params == model.count_params()
    assert [tuple(i.shape) for i in model.inputs] == [s.output_shape for s in description.steps
                                                       if s.cls == "InputLayer"]
    outs = {s.name: s.output_shapes for s in description.steps}
    ours = [outs[node][index or 0] for node, index in spec.outputs]
    assert ours == [tuple(o.shape) for o in model.outputs]
    assert spec.style == ("sequential" if isinstance(model, keras.Sequential) else "functional")
    assert spec.name == model.name



def read_timed(reader, data):
    start = time.perf_counter()
    result = reader(data)
    elapsed = time.perf_counter() - start
    assert isinstance(result, ReadResult)
    assert elapsed < 1.0, elapsed
    return result


def refused(result, key=None):
    """The model is not shown and an error note says why (with this key, if given)."""
    assert result.spec is None
    errors = [n for n in result.notes if n.severity == "error"]
    assert errors, result.notes
    if key is not None:
        assert key in {n.key for n in errors}, errors
    return errors


def small_config():
    return json.loads(config_text("stacked_lstm"))




def zip_bytes(members, method=zipfile.ZIP_STORED):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in members:
            archive.writestr(name, data)
    return buffer.getvalue()
