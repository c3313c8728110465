# The question's many-to-many tagger, written as clean Keras 3 code.
import keras
from keras import layers

vocab_size = 10000
embed_dim = 64
seq_len = 50
lstm_units = 75
merge_mode = "ave"
dense_units = 200
count_classes = 5
batch_size = 30

model = keras.Sequential([
    keras.Input(shape=(seq_len,), batch_size=batch_size, dtype="int32", name="tokens"),
    layers.Embedding(vocab_size, embed_dim),
    layers.Bidirectional(layers.LSTM(lstm_units, return_sequences=True), merge_mode=merge_mode),
    layers.Dense(dense_units),
    layers.TimeDistributed(layers.Dense(count_classes + 1)),
])
