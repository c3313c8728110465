# expect: builds
import keras
from keras import layers

model = keras.Sequential()
model.add(layers.Dense(32, activation="relu"))
model.add(layers.Dense(8))
model.build((None, 10))
model.summary()
