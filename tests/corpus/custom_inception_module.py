# expect: builds
# An Inception-style module as a custom layer made of Keras layers: four branches joined on channels,
# used twice (two instances) between pooling layers
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers


class InceptionModule(layers.Layer):
    def __init__(self, f1, f3_reduce, f3, f5_reduce, f5, pool_proj, **kwargs):
        super().__init__(**kwargs)
        self.b1 = layers.Conv2D(f1, 1, padding="same", activation="relu")
        self.b3_reduce = layers.Conv2D(f3_reduce, 1, padding="same", activation="relu")
        self.b3 = layers.Conv2D(f3, 3, padding="same", activation="relu")
        self.b5_reduce = layers.Conv2D(f5_reduce, 1, padding="same", activation="relu")
        self.b5 = layers.Conv2D(f5, 5, padding="same", activation="relu")
        self.pool = layers.MaxPooling2D(3, strides=1, padding="same")
        self.pool_proj = layers.Conv2D(pool_proj, 1, padding="same", activation="relu")
        self.concat = layers.Concatenate(axis=-1)

    def call(self, x):
        branch1 = self.b1(x)
        branch3 = self.b3(self.b3_reduce(x))
        branch5 = self.b5(self.b5_reduce(x))
        branch_pool = self.pool_proj(self.pool(x))
        return self.concat([branch1, branch3, branch5, branch_pool])


inputs = keras.Input(shape=(64, 64, 3))
x = layers.Conv2D(32, 3, strides=2, padding="same", activation="relu")(inputs)
x = layers.MaxPooling2D(3, strides=2, padding="same")(x)
x = InceptionModule(16, 24, 32, 4, 8, 8, name="inception_3a")(x)
x = InceptionModule(32, 32, 48, 8, 24, 16, name="inception_3b")(x)
x = layers.MaxPooling2D(3, strides=2, padding="same")(x)
x = layers.GlobalAveragePooling2D()(x)
outputs = layers.Dense(10, activation="softmax")(x)
model = keras.Model(inputs, outputs)
