# expect: builds
import keras
from keras import layers

features = 16

a = keras.Input(shape=(features,))
b = keras.Input(shape=(features,))
s = layers.add([a, b])
m = layers.Multiply()([a, b])
joined = layers.Concatenate(axis=-1)([s, m])
out = layers.Dense(1)(joined)
model = keras.Model([a, b], out)
