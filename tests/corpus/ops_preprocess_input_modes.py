# expect: builds
# transfer-learning habits: each keras.applications module's preprocess_input on the model's own input
import keras
from keras import layers
from keras.applications import densenet, mobilenet_v2, vgg16

inputs = keras.Input(shape=(24, 24, 3))
a = layers.Rescaling(1 / 255.0)(vgg16.preprocess_input(inputs))  # caffe keeps pixels in the hundreds
b = densenet.preprocess_input(inputs)
c = mobilenet_v2.preprocess_input(inputs)
x = layers.Concatenate()([a, b, c])
x = layers.Conv2D(8, 3, activation="relu")(x)
x = layers.GlobalAveragePooling2D()(x)
outputs = layers.Dense(4, activation="softmax")(x)
model = keras.Model(inputs, outputs)
