# expect: fails at gru_1: expected ndim=3, found ndim=2
# Stacking recurrent layers in a loop but forgetting return_sequences=True on all but the last: the
# second GRU gets (batch, units) instead of (batch, timesteps, units)
import tensorflow as tf
from tensorflow.keras import layers

n_steps, n_features = 30, 4
rnn_sizes = [64, 64, 32]

model = tf.keras.Sequential()
model.add(layers.Input(shape=(n_steps, n_features)))
for units in rnn_sizes:
    model.add(layers.GRU(units, dropout=0.1))
model.add(layers.Dense(1))
model.compile(loss="mse", optimizer="adam")
