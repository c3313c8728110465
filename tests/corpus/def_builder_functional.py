# expect: builds
import keras
from keras import layers

VOCAB = 3000
SEQ_LEN = 25
BATCH_SIZE = 64


def build_model(vocab_size, seq_len, batch_size, units=32, n_classes=3):
    inputs = keras.Input(shape=(seq_len,), batch_size=batch_size, dtype="int32")
    x = layers.Embedding(vocab_size, 2 * units)(inputs)
    x = layers.GRU(units, return_sequences=True)(x)
    x = layers.GRU(units // 2)(x)
    outputs = layers.Dense(n_classes, activation="softmax")(x)
    return keras.Model(inputs, outputs, name="classifier")


model = build_model(VOCAB, SEQ_LEN, batch_size=BATCH_SIZE, n_classes=5)
model.summary()
