# expect: builds
# keras.ops between layers: reshape with -1, expand_dims, a slice, a mean over time and a broadcast add
import keras
from keras import layers, ops

inputs = keras.Input(shape=(6, 8))
x = layers.Dense(12)(inputs)
flat = ops.reshape(x, (-1, 72))
x = ops.expand_dims(flat, axis=1)
x = layers.Dense(4)(x)
first = inputs[:, 0, :]
pooled = ops.mean(inputs, axis=1)
both = ops.concatenate([first, pooled], axis=-1)
out = layers.Dense(3)(both) + ops.squeeze(x, axis=1)[:, :3]
model = keras.Model(inputs, out)
