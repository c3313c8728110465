# expect: builds
import keras
from keras import layers

hidden = [2 ** i for i in range(7, 4, -1)]
config = {"activation": "relu", "kernel_initializer": "he_normal"}
blocks = [layers.Dense(units, name=f"hidden_{i}", **config) for i, units in enumerate(hidden)]
model = keras.Sequential([keras.Input(shape=(20,)), *blocks, layers.Dense(1, name="price")])
assert len(model.layers) == 4
