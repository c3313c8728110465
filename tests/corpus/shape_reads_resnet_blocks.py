# expect: builds
# A ResNet-style block helper that asks its input's shape, as keras.io's examples and many learners write it
import keras
from keras import layers



def residual_block(x, filters, stride=1):
    shortcut = x
    if stride != 1 or x.shape[-1] != filters:
        shortcut = layers.Conv2D(filters, 1, strides=stride, padding="same")(shortcut)
        shortcut = layers.BatchNormalization()(shortcut)
    x = layers.Conv2D(filters, 3, strides=stride, padding="same")(x)
    x = layers.BatchNormalization()(x)
    x = layers.Activation("relu")(x)
    x = layers.Conv2D(filters, 3, padding="same")(x)
    x = layers.BatchNormalization()(x)
    x = layers.Add()([x, shortcut])
    return layers.Activation("relu")(x)


inputs = keras.Input(shape=(32, 32, 3))
x = layers.Conv2D(16, 3, padding="same")(inputs)
for filters, stride in [(16, 1), (32, 2), (32, 1), (64, 2)]:
    x = residual_block(x, filters, stride)
channels = keras.ops.shape(x)[-1]
height, width = x.shape[1], x.shape[2]
x = layers.Reshape((height * width, channels))(x)
x = layers.GlobalAveragePooling1D()(x)
outputs = layers.Dense(10, activation="softmax")(x)
model = keras.Model(inputs, outputs)
