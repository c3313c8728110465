# expect: builds
import keras
from keras import layers

vocab_size = 8000
seq_len = 40
embed_dim = 32
lstm_units = 48
num_tags = 9

model = keras.Sequential([
    keras.Input(shape=(seq_len,), dtype="int32"),
    layers.Embedding(vocab_size, embed_dim),
    layers.Bidirectional(layers.LSTM(lstm_units, return_sequences=True)),
    layers.TimeDistributed(layers.Dense(num_tags, activation="softmax")),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
model.summary()
