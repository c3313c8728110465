# expect: builds
# DenseNet121 first in a Sequential with pooling="avg", a small dense head after it, as Kaggle notebooks
# write transfer learning
from tensorflow.keras.applications import DenseNet121
from tensorflow.keras.models import Sequential
from tensorflow.keras.layers import Dense, Dropout, BatchNormalization

IMAGE_SIZE = 64
densenet = DenseNet121(weights="imagenet", include_top=False, pooling="avg",
                       input_shape=(IMAGE_SIZE, IMAGE_SIZE, 3))
densenet.trainable = False

model = Sequential([
    densenet,
    BatchNormalization(),
    Dense(256, activation="relu"),
    Dropout(0.4),
    Dense(3, activation="softmax"),
])
model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
