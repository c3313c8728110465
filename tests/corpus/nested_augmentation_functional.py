# expect: builds
# keras.io's image classification from scratch: an augmentation Sequential called on the input
import keras
from keras import layers

image_size = (180, 180)
data_augmentation_layers = [
    layers.RandomFlip("horizontal"),
    layers.RandomRotation(0.1),
]


def data_augmentation(images):
    for layer in data_augmentation_layers:
        images = layer(images)
    return images


augment = keras.Sequential([layers.RandomFlip("horizontal"), layers.RandomZoom(0.1)], name="augment")
inputs = keras.Input(shape=image_size + (3,))
x = augment(inputs)
x = data_augmentation(x)
x = layers.Rescaling(1.0 / 255)(x)
x = layers.Conv2D(32, 3, strides=2, padding="same")(x)
x = layers.BatchNormalization()(x)
x = layers.Activation("relu")(x)
x = layers.GlobalAveragePooling2D()(x)
outputs = layers.Dense(1, activation=None)(x)
model = keras.Model(inputs, outputs)
