# expect: fails at lstm: expected ndim=3, found ndim=4
# A CNN-LSTM for spectrograms where the learner feeds the Conv2D feature maps straight into the LSTM,
# without a Reshape to (time, features) first
import keras
from keras import layers

inputs = keras.Input(shape=(128, 64, 1))
x = layers.Conv2D(32, (3, 3), padding="same", activation="relu")(inputs)
x = layers.MaxPooling2D((2, 2))(x)
x = layers.Conv2D(64, (3, 3), padding="same", activation="relu")(x)
x = layers.MaxPooling2D((2, 2))(x)
x = layers.LSTM(64)(x)
outputs = layers.Dense(10, activation="softmax")(x)
model = keras.Model(inputs, outputs)
