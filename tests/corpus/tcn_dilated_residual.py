# expect: builds
# A small TCN for a time series: causal Conv1D blocks with dilations 1, 2, 4, 8, a 1x1 projection on the
# skip when the widths differ (read from x.shape[-1]), and the last step taken with Cropping1D
import keras
from keras import layers


def tcn_block(x, filters, kernel_size, dilation_rate, dropout=0.1):
    prev = x
    for _ in range(2):
        x = layers.Conv1D(filters, kernel_size, padding="causal", dilation_rate=dilation_rate)(x)
        x = layers.LayerNormalization()(x)
        x = layers.Activation("relu")(x)
        x = layers.SpatialDropout1D(dropout)(x)
    if prev.shape[-1] != filters:
        prev = layers.Conv1D(filters, 1, padding="same")(prev)
    return layers.add([prev, x])


timesteps, n_features = 64, 3
inputs = keras.Input(shape=(timesteps, n_features))
x = inputs
for d in [2 ** i for i in range(4)]:
    x = tcn_block(x, 32, 3, d)
x = layers.Cropping1D((timesteps - 1, 0))(x)
x = layers.Flatten()(x)
outputs = layers.Dense(1)(x)
model = keras.Model(inputs, outputs)
