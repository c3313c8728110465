# expect: builds
import keras
from keras import layers

batch = 16
features = 20

inputs = keras.Input(shape=(features,), batch_size=batch)
hidden = layers.Dense(features * 2, activation="relu")(inputs)
outputs = layers.Dense(1, activation="sigmoid")(hidden)
model = keras.Model(inputs, outputs)
