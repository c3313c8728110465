# expect: builds
import tensorflow as tf
from tensorflow.keras import layers, Model

IMG_SIZE = (96, 96)
NUM_CLASSES = 4


def conv_block(x, filters, kernel_size=3, pool=True):
    x = layers.Conv2D(filters, kernel_size, padding="same", use_bias=False)(x)
    x = layers.BatchNormalization()(x)
    x = layers.Activation("relu")(x)
    if pool:
        x = layers.MaxPooling2D()(x)
    return x


inputs = layers.Input(shape=IMG_SIZE + (3,))
x = inputs
for i, filters in enumerate([16, 32, 64, 128]):
    x = conv_block(x, filters, pool=i < 3)
x = layers.Flatten()(x)
x = layers.Dense(int(NUM_CLASSES * 16), activation="relu")(x)
outputs = layers.Dense(NUM_CLASSES, activation="softmax")(x)
model = Model(inputs=inputs, outputs=outputs)
