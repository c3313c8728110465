# expect: builds
# VGG16 without its top called on a keras.Input like a layer, then Flatten and Dense layers as the
# Keras 2 era blog posts on cats and dogs did
from tensorflow import keras
from tensorflow.keras.applications.vgg16 import VGG16

conv_base = VGG16(weights="imagenet", include_top=False, input_shape=(64, 64, 3))
conv_base.trainable = False

inputs = keras.Input(shape=(64, 64, 3))
features = conv_base(inputs)
x = keras.layers.Flatten()(features)
x = keras.layers.Dense(256, activation="relu")(x)
x = keras.layers.Dropout(0.5)(x)
outputs = keras.layers.Dense(1, activation="sigmoid")(x)
model = keras.Model(inputs, outputs)
model.compile(loss="binary_crossentropy", optimizer=keras.optimizers.RMSprop(learning_rate=2e-5),
              metrics=["acc"])
