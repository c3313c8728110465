# expect: builds
import keras
from keras import layers

inputs = keras.Input(shape=(64, 64, 3))
x = inputs
for filters in [32, 64, 128]:
    x = layers.Conv2D(filters, 3, padding="same", activation="relu")(x)
    x = layers.BatchNormalization()(x)
    x = layers.MaxPooling2D(2)(x)
x = layers.GlobalAveragePooling2D()(x)
x = layers.Dropout(0.3)(x)
outputs = layers.Dense(5, activation="softmax")(x)
model = keras.Model(inputs, outputs, name="small_convnet")
model.summary()
