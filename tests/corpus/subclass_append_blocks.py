# expect: builds
# A subclassed residual MLP whose blocks live in a list, filled with self.blocks.append in a loop
import keras
from keras import layers


class ResidualMLP(keras.Model):
    def __init__(self, width=64, depth=3, num_outputs=1, **kwargs):
        super().__init__(**kwargs)
        self.stem = layers.Dense(width)
        self.blocks = []
        for _ in range(depth):
            self.blocks.append([layers.Dense(width, activation="relu"), layers.Dense(width), layers.Add()])
        self.norm = layers.LayerNormalization()
        self.head = layers.Dense(num_outputs)

    def call(self, inputs):
        x = self.stem(inputs)
        for dense_a, dense_b, add in self.blocks:
            y = dense_b(dense_a(x))
            x = add([x, y])
        return self.head(self.norm(x))


model = ResidualMLP(width=32, depth=2)
inputs = keras.Input(shape=(12,))
model(inputs)
model.summary()
