# expect: fails at add: incompatible shapes | ours: add: shapes must match
import keras
from keras import layers

x = keras.Input(shape=(32,))
a = layers.Dense(16)(x)
b = layers.Dense(8)(x)
s = layers.add([a, b])
model = keras.Model(x, s)
