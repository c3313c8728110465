# expect: builds
# A subclassed CNN whose layers are made in __init__ from arguments, some in a list, and built with
# model.build before summary()
import keras
from keras import layers


class SmallCNN(keras.Model):
    def __init__(self, num_classes=10, filters=(32, 64), dropout=0.3):
        super().__init__()
        self.convs = [layers.Conv2D(f, 3, padding="same", activation="relu") for f in filters]
        self.pools = [layers.MaxPooling2D() for _ in filters]
        self.flatten = layers.Flatten()
        self.dropout = layers.Dropout(dropout)
        self.hidden = layers.Dense(128, activation="relu")
        self.classifier = layers.Dense(num_classes, activation="softmax")

    def call(self, inputs, training=False):
        x = inputs
        for conv, pool in zip(self.convs, self.pools):
            x = conv(x)
            x = pool(x)
        x = self.flatten(x)
        x = self.hidden(x)
        x = self.dropout(x, training=training)
        return self.classifier(x)


model = SmallCNN(num_classes=5)
model.build(input_shape=(None, 48, 48, 3))
model.summary()
