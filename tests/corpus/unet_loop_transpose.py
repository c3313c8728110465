# expect: builds
# A U-Net written with loops: the encoder keeps its skips in a list, the decoder walks them backwards with
# Conv2DTranspose and Concatenate, as segmentation tutorials write it
import keras
from keras import layers

IMG_SIZE = 64
NUM_CLASSES = 3
filters_list = [16, 32, 64]

inputs = keras.Input(shape=(IMG_SIZE, IMG_SIZE, 3))
x = inputs
skips = []
for f in filters_list:
    x = layers.Conv2D(f, 3, padding="same", activation="relu")(x)
    x = layers.Conv2D(f, 3, padding="same", activation="relu")(x)
    skips.append(x)
    x = layers.MaxPooling2D(2)(x)

x = layers.Conv2D(128, 3, padding="same", activation="relu")(x)
x = layers.Conv2D(128, 3, padding="same", activation="relu")(x)

for f, skip in zip(reversed(filters_list), reversed(skips)):
    x = layers.Conv2DTranspose(f, 2, strides=2, padding="same")(x)
    x = layers.Concatenate()([x, skip])
    x = layers.Conv2D(f, 3, padding="same", activation="relu")(x)
    x = layers.Conv2D(f, 3, padding="same", activation="relu")(x)

outputs = layers.Conv2D(NUM_CLASSES, 1, activation="softmax")(x)
model = keras.Model(inputs, outputs, name="unet")
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
