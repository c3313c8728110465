# expect: builds
# A backbone made inline as the first entry of a Sequential list
from tensorflow.keras import models, layers
from tensorflow.keras.applications import MobileNetV2

model = models.Sequential([MobileNetV2(include_top=False, weights=None, input_shape=(64, 64, 3)),
                           layers.GlobalMaxPooling2D(), layers.Dense(1, activation="sigmoid")])
