# expect: builds
import keras
from keras import layers

frames, height, width = 8, 32, 32

model = keras.Sequential([
    keras.Input(shape=(frames, height, width, 3)),
    layers.TimeDistributed(layers.Conv2D(16, (3, 3), activation="relu")),
    layers.TimeDistributed(layers.MaxPooling2D((2, 2))),
    layers.TimeDistributed(layers.Flatten()),
    layers.LSTM(32),
    layers.Dense(5, activation="softmax"),
])
