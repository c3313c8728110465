# expect: builds
# A recursive helper for a small U-shaped model: each level convolves, recurses on the pooled map and
# joins the upsampled result with its own features
import keras
from keras import layers


def level(x, filters, depth):
    x = layers.Conv2D(filters, 3, padding="same", activation="relu")(x)
    if depth == 0:
        return x
    down = layers.MaxPooling2D()(x)
    inner = level(down, filters * 2, depth - 1)
    up = layers.UpSampling2D()(inner)
    return layers.Concatenate()([x, up])


inputs = keras.Input(shape=(64, 64, 3))
x = level(inputs, 8, 3)
outputs = layers.Conv2D(2, 1, activation="softmax")(x)
model = keras.Model(inputs, outputs)
