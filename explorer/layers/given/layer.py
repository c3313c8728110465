"""The Keras layer the live model holds where the learner's function is: it cannot run their function (nothing a
learner sends is run), so its output is a fixed stand-in tensor of the given shape, the same for every sample and
every run (seeded), and the page says that the numbers after it are a stand-in's. The weights their build makes
are made with the same shapes (zeros), so the model's count is Keras's. Sizes the learner left unknown
(None) take the input's size at the same place, else 1."""
from __future__ import annotations

import keras
import numpy as np
from keras import ops


class GivenLayer(keras.layers.Layer):
    def __init__(self, output_shape: tuple, weights: tuple = (), seed: int = 0, **kwargs):
        super().__init__(**kwargs)
        self.given = tuple(output_shape)
        self.weight_shapes = tuple(weights)  # (name, shape): what the learner's build makes; counted, never used
        self.seed = seed

    def build(self, input_shape):
        for name, shape in self.weight_shapes:
            self.add_weight(shape=tuple(shape), name=name, initializer="zeros")

    def compute_output_shape(self, input_shape):
        first = input_shape[0] if isinstance(input_shape, (list, tuple)) and input_shape and isinstance(
            input_shape[0], (list, tuple)) else input_shape
        return (first[0],) + self.given

    def call(self, inputs):
        first = inputs[0] if isinstance(inputs, (list, tuple)) else inputs
        sizes = tuple(size if size is not None else (first.shape[i + 1] if i + 1 < len(first.shape)
                                                     and first.shape[i + 1] is not None else 1)
                      for i, size in enumerate(self.given))
        pattern = np.random.default_rng(self.seed).uniform(-1.0, 1.0, size=sizes).astype("float32")
        batch = ops.shape(first)[0]
        return ops.broadcast_to(ops.convert_to_tensor(pattern)[None], (batch,) + sizes)
