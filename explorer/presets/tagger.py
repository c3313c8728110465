# The question's many-to-many tagger, written as clean Keras 3 code.
import keras
import numpy as np
from keras import layers

vocab_size = 10000
embed_dim = 64
seq_len = 50
lstm_units = 75
merge_mode = "ave"
dense_units = 200
count_classes = 5
batch_size = 30
one_hot_labels = False

model = keras.Sequential([
    keras.Input(shape=(seq_len,), batch_size=batch_size, dtype="int32", name="tokens"),
    layers.Embedding(vocab_size, embed_dim),
    layers.Bidirectional(layers.LSTM(lstm_units, return_sequences=True), merge_mode=merge_mode),
    layers.Dense(dense_units),
    layers.TimeDistributed(layers.Dense(count_classes + 1)),
])

# stand-ins for the question's data: 900 sentences of seq_len token ids, one tag id per token
x_train = np.random.randint(0, vocab_size, size=(900, seq_len))
y_train = np.random.randint(0, count_classes + 1, size=(900, seq_len))
if one_hot_labels:
    y_train = keras.utils.to_categorical(y_train, count_classes + 1)

model.compile(loss="categorical_crossentropy", optimizer="rmsprop", metrics=["accuracy"])
model.fit(x_train, y_train, batch_size=batch_size, epochs=1)
