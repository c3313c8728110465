# expect: fails at dense: fully-defined
import keras
from keras import layers

inputs = keras.Input(shape=(10, None))
outputs = layers.Dense(4)(inputs)
model = keras.Model(inputs, outputs)
