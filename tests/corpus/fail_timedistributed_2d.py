# expect: fails at time_distributed: at least 3 dimensions
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(40,)),
    layers.Dense(20),
    layers.TimeDistributed(layers.Dense(5)),
])
