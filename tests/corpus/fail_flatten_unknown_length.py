# expect: fails at dense: fully-defined | ours: flatten: must be fully defined
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(None,), dtype="int32"),
    layers.Embedding(1000, 16),
    layers.Flatten(),
    layers.Dense(1, activation="sigmoid"),
])
