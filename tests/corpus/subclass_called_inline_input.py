# expect: builds
# A subclassed model given its input by calling it on a keras.Input written inline
import keras
from keras import layers


class Tower(keras.Model):
    def __init__(self):
        super().__init__()
        self.a = layers.Dense(8)
        self.out = layers.Dense(1)

    def call(self, x):
        return self.out(self.a(x))


model = Tower()
model(keras.Input(shape=(12,)))
