# expect: builds
import keras
from keras import layers

seq_len = 64
channels = 12
classes = 4

inp = keras.Input((seq_len, channels))
h = layers.Conv1D(filters=32, kernel_size=5, padding="same", activation="relu")(inp)
h = layers.MaxPooling1D(pool_size=2, padding="same")(h)
h = layers.Conv1D(filters=16, kernel_size=3, padding="same")(h)
out = layers.TimeDistributed(layers.Dense(classes, activation="softmax"))(h)
model = keras.Model(inp, out)
