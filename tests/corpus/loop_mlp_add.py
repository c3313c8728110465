# expect: builds
# A regression MLP whose hidden layers a loop adds (as in Hands-On ML's hyperparameter search)
import tensorflow as tf
from tensorflow import keras

n_hidden = 3
n_neurons = 30
learning_rate = 3e-3

model = keras.models.Sequential()
model.add(keras.layers.InputLayer(input_shape=[8]))
for layer in range(n_hidden):
    model.add(keras.layers.Dense(n_neurons, activation="relu"))
model.add(keras.layers.Dense(1))
optimizer = keras.optimizers.SGD(learning_rate=learning_rate)
model.compile(loss="mse", optimizer=optimizer)
