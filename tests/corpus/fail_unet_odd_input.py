# expect: fails at concatenate: matching shapes | ours: concatenate: must have the same size
# A learner's U-Net on 100x100 images: 100 -> 50 -> 25 -> 12 going down, but 12 -> 24 coming up, so the
# deepest skip (25x25) does not match the upsampled tensor (24x24) at the first Concatenate
import keras
from keras import layers

inputs = keras.Input(shape=(100, 100, 1))
x = inputs
skips = []
for filters in [16, 32, 64]:
    x = layers.Conv2D(filters, 3, padding="same", activation="relu")(x)
    skips.append(x)
    x = layers.MaxPooling2D()(x)
x = layers.Conv2D(128, 3, padding="same", activation="relu")(x)
for filters in [64, 32, 16]:
    x = layers.UpSampling2D()(x)
    x = layers.Conv2D(filters, 2, padding="same", activation="relu")(x)
    x = layers.Concatenate()([skips.pop(), x])
    x = layers.Conv2D(filters, 3, padding="same", activation="relu")(x)
outputs = layers.Conv2D(1, 1, activation="sigmoid")(x)
model = keras.Model(inputs, outputs)
