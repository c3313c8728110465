# expect: builds
# pixels scaled by hand between layers: x / 127.5 - 1, then a small convnet; Keras 3 records two operations
import keras
from keras import layers

inputs = keras.Input(shape=(32, 32, 3))
x = inputs / 127.5 - 1
x = layers.Conv2D(16, 3, activation="relu")(x)
x = layers.MaxPooling2D()(x)
x = 0.5 * x
x = layers.Flatten()(x)
outputs = layers.Dense(10, activation="softmax")(x)
model = keras.Model(inputs, outputs)
model.summary()
