# expect: builds
import keras
from keras import layers

model = keras.Sequential([
    layers.Embedding(input_dim=500, output_dim=16),
    layers.GRU(8),
    layers.Dense(1),
])
