# expect: builds
# A Keras 2 era CIFAR-10 CNN with star imports, Sequential.add in a loop over the filter counts and
# f-string names
from tensorflow.keras.models import *
from tensorflow.keras.layers import *
from tensorflow.keras.optimizers import *

num_classes = 10
model = Sequential()
model.add(InputLayer(input_shape=(32, 32, 3)))
for i, filters in enumerate([32, 64, 128]):
    model.add(Conv2D(filters, (3, 3), padding="same", name=f"conv{i}_a"))
    model.add(BatchNormalization(name=f"bn{i}_a"))
    model.add(Activation("relu"))
    model.add(Conv2D(filters, (3, 3), padding="same", name=f"conv{i}_b"))
    model.add(Activation("relu"))
    model.add(MaxPooling2D(pool_size=(2, 2)))
    model.add(Dropout(0.2 + 0.1 * i))
model.add(Flatten())
model.add(Dense(512, activation="relu"))
model.add(Dropout(0.5))
model.add(Dense(num_classes, activation="softmax"))
model.compile(loss="categorical_crossentropy", optimizer=RMSprop(learning_rate=1e-4), metrics=["accuracy"])
