# expect: builds
import keras
from keras import layers

inputs = keras.Input(shape=(None,), dtype="int32")
x = layers.Embedding(input_dim=1000, output_dim=16)(inputs)
x = layers.Bidirectional(layers.GRU(24, return_sequences=True), merge_mode="sum")(x)
x = layers.GlobalMaxPooling1D()(x)
outputs = layers.Dense(2, activation="softmax")(x)
model = keras.Model(inputs=inputs, outputs=outputs)
