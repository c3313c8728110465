# expect: builds
# keras.io's PointNet style: conv + batch norm blocks as custom layers holding tf.nn.relu as an attribute
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers


class ConvBlock(layers.Layer):
    def __init__(self, filters):
        super().__init__()
        self.conv = layers.Conv1D(filters, kernel_size=1, padding="valid")
        self.norm = layers.BatchNormalization(momentum=0.0)
        self.activation = tf.nn.relu

    def call(self, inputs):
        return self.activation(self.norm(self.conv(inputs)))


class Unused(keras.callbacks.Callback):
    def on_epoch_end(self, epoch, logs=None):
        print(epoch)


inputs = keras.Input(shape=(256, 3))
x = ConvBlock(32)(inputs)
x = ConvBlock(64)(x)
x = layers.GlobalMaxPooling1D()(x)
outputs = layers.Dense(5, activation="softmax")(x)
model = keras.Model(inputs=inputs, outputs=outputs, name="points")
