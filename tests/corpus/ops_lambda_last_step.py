# expect: builds
# many-to-one by hand: a Lambda keeps the last time step of an LSTM's sequence, another the first three
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(12, 5)),
    layers.LSTM(16, return_sequences=True),
    layers.Lambda(lambda x: x[:, :3, :]),
    layers.LSTM(8, return_sequences=True),
    layers.Lambda(lambda seq: seq[:, -1]),
    layers.Dense(1),
])
model.summary()
