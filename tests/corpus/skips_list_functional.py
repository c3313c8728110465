# expect: builds
# An encoder that keeps its skip tensors in a list, then pools each and joins them
import keras
from keras import layers

inputs = keras.Input((128, 1))
skips = []
x = inputs
for width in (16, 32, 64):
    x = layers.Conv1D(width, 3, padding="same", activation="relu")(x)
    skips.append(x)
    x = layers.MaxPooling1D(2)(x)
x = layers.Conv1D(128, 3, padding="same", activation="relu")(x)
pooled = [layers.GlobalAveragePooling1D()(skip) for skip in reversed(skips)]
x = layers.Concatenate()([layers.GlobalMaxPooling1D()(x)] + pooled)
outputs = layers.Dense(3, activation="softmax")(x)
model = keras.Model(inputs, outputs)
