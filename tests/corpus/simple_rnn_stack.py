# expect: builds
import keras
from keras import layers

model = keras.Sequential()
model.add(layers.SimpleRNN(16, return_sequences=True, input_shape=(10, 3)))
model.add(layers.SimpleRNN(8))
model.add(layers.Dense(1))
