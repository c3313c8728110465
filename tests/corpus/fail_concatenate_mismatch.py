# expect: fails at concatenate: matching shapes | ours: concatenate: must have the same size
import keras
from keras import layers

left = keras.Input(shape=(10, 8))
right = keras.Input(shape=(12, 8))
merged = layers.Concatenate(axis=-1)([left, right])
out = layers.Dense(1)(merged)
model = keras.Model([left, right], out)
