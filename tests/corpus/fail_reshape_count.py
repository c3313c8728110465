# expect: fails at reshape: total size
import keras
from keras import layers

inputs = keras.Input(shape=(10, 8))
x = layers.Reshape((9, 9))(inputs)
model = keras.Model(inputs, x)
