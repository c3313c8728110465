# The functional API: a text input and a numeric input, joined along the feature axis.
import keras
from keras import layers

vocab_size = 10000
embed_dim = 32
seq_len = 60
lstm_units = 32
num_features = 12
hidden_units = 16
batch_size = 16

text = keras.Input(shape=(seq_len,), batch_size=batch_size, dtype="int32", name="text")
numbers = keras.Input(shape=(num_features,), batch_size=batch_size, name="numbers")
x = layers.Embedding(vocab_size, embed_dim)(text)
x = layers.LSTM(lstm_units)(x)
y = layers.Dense(hidden_units, activation="relu")(numbers)
joined = layers.Concatenate()([x, y])
output = layers.Dense(1, activation="sigmoid")(joined)
model = keras.Model(inputs=[text, numbers], outputs=output)
