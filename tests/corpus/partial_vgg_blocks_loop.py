# expect: builds
# VGG-style blocks from a functools.partial of Conv2D, the block sizes in a list of tuples, layer names
# made with f-strings as Keras's own VGG16 names them
import functools
import keras
from keras import layers

Conv = functools.partial(layers.Conv2D, kernel_size=(3, 3), padding="same", activation="relu")
blocks = [(32, 2), (64, 2), (128, 3)]

model = keras.Sequential(name="mini_vgg")
model.add(keras.Input(shape=(64, 64, 3)))
for b, (filters, n_convs) in enumerate(blocks, start=1):
    for c in range(1, n_convs + 1):
        model.add(Conv(filters, name=f"block{b}_conv{c}"))
    model.add(layers.MaxPooling2D((2, 2), strides=(2, 2), name=f"block{b}_pool"))
model.add(layers.Flatten(name="flatten"))
model.add(layers.Dense(256, activation="relu", name="fc1"))
model.add(layers.Dropout(0.5))
model.add(layers.Dense(10, activation="softmax", name="predictions"))
