# A GRU tagger: one label per token. A GRU has 3 gates where an LSTM has 4.
import keras
from keras import layers

vocab_size = 5000
embed_dim = 32
seq_len = 40
gru_units = 48
num_tags = 9
batch_size = 8

model = keras.Sequential([
    keras.Input(shape=(seq_len,), batch_size=batch_size, dtype="int32"),
    layers.Embedding(vocab_size, embed_dim),
    layers.GRU(gru_units, return_sequences=True),
    layers.TimeDistributed(layers.Dense(num_tags, activation="softmax")),
])
