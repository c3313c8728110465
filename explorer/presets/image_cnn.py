# A small image classifier: Flatten turns the feature maps into one long vector for Dense.
import keras
from keras import layers

height = 28
width = 28
channels = 1
filters = 32
num_classes = 10
batch_size = 64

model = keras.Sequential([
    keras.Input(shape=(height, width, channels), batch_size=batch_size),
    layers.Conv2D(filters, 3, activation="relu"),
    layers.MaxPooling2D(2),
    layers.Conv2D(2 * filters, 3, activation="relu"),
    layers.MaxPooling2D(2),
    layers.Flatten(),
    layers.Dense(128, activation="relu"),
    layers.Dense(num_classes, activation="softmax"),
])
