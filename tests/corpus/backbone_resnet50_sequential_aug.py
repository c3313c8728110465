# expect: builds
# ResNet50 inside a Sequential after its own augmentation layers and a Resizing, pooling="max", as a
# forum question's model did
import keras
from keras import layers
from keras.applications import ResNet50

resnet = ResNet50(include_top=False, weights="imagenet", input_shape=(64, 64, 3), pooling="max")
resnet.trainable = False

model = keras.Sequential([
    keras.Input(shape=(80, 80, 3)),
    layers.Resizing(64, 64),
    layers.RandomFlip("horizontal_and_vertical"),
    layers.RandomTranslation(0.1, 0.1),
    resnet,
    layers.Dense(64, activation="relu"),
    layers.Dense(4, activation="softmax"),
])
