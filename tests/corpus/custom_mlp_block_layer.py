# expect: builds
# A small MLP block as a custom layer (Dense with gelu, Dropout, LayerNormalization), stacked in a Sequential
# from a list plus a comprehension of named blocks
import keras
from keras import layers


class MLPBlock(layers.Layer):
    def __init__(self, units, dropout_rate=0.1, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.dense = layers.Dense(units, activation="gelu")
        self.norm = layers.LayerNormalization()
        self.drop = layers.Dropout(dropout_rate)

    def call(self, inputs):
        x = self.dense(inputs)
        x = self.drop(x)
        return self.norm(x)


widths = [64, 64, 32]
blocks = [MLPBlock(w, name=f"mlp_block_{i}") for i, w in enumerate(widths)]
model = keras.Sequential([keras.Input(shape=(16,))] + blocks)
model.add(layers.Dense(1))
