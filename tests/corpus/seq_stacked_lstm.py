# expect: builds
import keras
from keras import layers

timesteps = 30
n_features = 8

model = keras.Sequential()
model.add(keras.Input(shape=(timesteps, n_features)))
model.add(layers.LSTM(64, return_sequences=True))
model.add(layers.Dropout(0.2))
model.add(layers.LSTM(32))
model.add(layers.Dense(1))
model.compile(loss="mse", optimizer="adam")
