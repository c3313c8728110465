# expect: builds
import keras
from keras import layers

inputs = keras.Input(shape=(96,))
x = layers.Reshape((12, 8))(inputs)
x = layers.Permute((2, 1))(x)
x = layers.LSTM(10)(x)
model = keras.Model(inputs, x)
