# Many-to-one: the first BiLSTM passes on every step, the second only its last one.
import keras
from keras import layers

vocab_size = 20000
embed_dim = 128
seq_len = 80
lstm_units = 64
num_classes = 4
batch_size = 32

model = keras.Sequential([
    keras.Input(shape=(seq_len,), batch_size=batch_size, dtype="int32"),
    layers.Embedding(vocab_size, embed_dim),
    layers.Bidirectional(layers.LSTM(lstm_units, return_sequences=True)),
    layers.Bidirectional(layers.LSTM(lstm_units // 2)),
    layers.Dense(num_classes, activation="softmax"),
])
