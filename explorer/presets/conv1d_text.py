# Convolutions slide along the time axis; pooling shortens it; global pooling removes it.
import keras
from keras import layers

vocab_size = 20000
embed_dim = 64
maxlen = 200
filters = 128
kernel_size = 5
batch_size = 32

model = keras.Sequential([
    keras.Input(shape=(maxlen,), batch_size=batch_size, dtype="int32"),
    layers.Embedding(vocab_size, embed_dim),
    layers.Conv1D(filters, kernel_size, activation="relu"),
    layers.MaxPooling1D(2),
    layers.Conv1D(filters, kernel_size, activation="relu"),
    layers.GlobalMaxPooling1D(),
    layers.Dense(1, activation="sigmoid"),
])
