# expect: fails at conv2d: expected min_ndim=4, found ndim=3
import keras
from keras import layers

inputs = keras.Input(shape=(28, 28))
x = layers.Conv2D(32, 3, activation="relu")(inputs)
x = layers.Flatten()(x)
outputs = layers.Dense(10)(x)
model = keras.Model(inputs, outputs)
