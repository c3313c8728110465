# expect: builds
# A flowers classifier: an augmentation Sequential (RandomFlip, RandomRotation, RandomZoom, RandomContrast),
# Rescaling to [-1, 1] as MobileNetV2 expects, the frozen backbone called with training=False
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers

img_height, img_width = 96, 96
num_classes = 5

data_augmentation = keras.Sequential(
    [
        layers.RandomFlip("horizontal"),
        layers.RandomRotation(0.1),
        layers.RandomZoom(0.1),
        layers.RandomContrast(0.2),
    ],
    name="data_augmentation",
)

base_model = keras.applications.MobileNetV2(
    input_shape=(img_height, img_width, 3), include_top=False, weights="imagenet"
)
base_model.trainable = False

inputs = keras.Input(shape=(img_height, img_width, 3))
x = data_augmentation(inputs)
x = layers.Rescaling(1.0 / 127.5, offset=-1)(x)
x = base_model(x, training=False)
x = layers.GlobalAveragePooling2D()(x)
x = layers.Dropout(0.2)(x)
outputs = layers.Dense(num_classes)(x)
model = keras.Model(inputs, outputs)
model.compile(optimizer="adam", loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
              metrics=["accuracy"])
