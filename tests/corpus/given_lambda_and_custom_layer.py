# expect: builds
# a spectrum front end: a Lambda around tf.signal (the page cannot read it) with output_shape=, and a custom
# layer without weights with its own compute_output_shape: Keras builds both without running them
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers


class LogMagnitude(layers.Layer):
    def call(self, x):
        return tf.math.log1p(tf.abs(tf.signal.rfft(x)))

    def compute_output_shape(self, input_shape):
        return (input_shape[0], input_shape[1], input_shape[2] // 2 + 1)


frames = keras.Input(shape=(20, 64))
spec = LogMagnitude()(frames)
spec = layers.Dense(32, activation="relu")(spec)
pooled = layers.Lambda(lambda t: tf.reduce_logsumexp(t, axis=1), output_shape=(32,))(spec)
out = layers.Dense(5, activation="softmax")(pooled)
model = keras.Model(frames, out)
