# expect: builds
# Residual connections written with + as many Keras 3 examples do, and a gate written with *
import keras
from keras import layers

inputs = keras.Input(shape=(40, 16))
x = layers.Conv1D(16, 3, padding="same", activation="relu")(inputs)
x = x + inputs
gate = layers.Dense(16, activation="sigmoid")(x)
x = x * gate
residual = layers.Dense(16)(x)
x = layers.LayerNormalization()(x - residual)
outputs = layers.Dense(3, activation="softmax")(layers.GlobalAveragePooling1D()(x))
model = keras.Model(inputs, outputs)
