# Encode a sequence into one vector, repeat it, decode a sequence of another length.
import keras
from keras import layers

in_steps = 20
in_features = 8
latent_dim = 100
out_steps = 10
out_features = 3
batch_size = 16

model = keras.Sequential([
    keras.Input(shape=(in_steps, in_features), batch_size=batch_size),
    layers.LSTM(latent_dim),
    layers.RepeatVector(out_steps),
    layers.LSTM(latent_dim, return_sequences=True),
    layers.TimeDistributed(layers.Dense(out_features)),
])
