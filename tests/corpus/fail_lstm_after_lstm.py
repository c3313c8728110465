# expect: fails at lstm_1: expected ndim=3, found ndim=2
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(50, 16)),
    layers.LSTM(64),
    layers.LSTM(32),
    layers.Dense(1),
])
