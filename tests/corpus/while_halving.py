# expect: builds
import keras
from keras import layers

size = 32
inputs = keras.Input((size, size, 3))
x = inputs
filters = 8
while size > 4:
    x = layers.Conv2D(filters, 3, strides=2, padding="same", activation="relu")(x)
    size //= 2
    filters *= 2
x = layers.Flatten()(x)
outputs = layers.Dense(10)(x)
model = keras.Model(inputs, outputs)
