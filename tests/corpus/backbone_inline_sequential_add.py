# expect: builds
# A backbone made inline as the first layer of a Sequential (model.add(MobileNetV2(...)))
from tensorflow.keras import models, layers
from tensorflow.keras.applications import MobileNetV2

model = models.Sequential()
model.add(MobileNetV2(include_top=False, weights=None, input_shape=(64, 64, 3)))
model.add(layers.GlobalMaxPooling2D())
model.add(layers.Dense(1, activation="sigmoid"))
