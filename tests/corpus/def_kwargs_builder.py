# expect: builds
from tensorflow import keras


def build_model(n_hidden=2, n_neurons=[64, 32], input_shape=(12,), **dense_options):
    model = keras.Sequential()
    model.add(keras.Input(shape=input_shape))
    for i in range(n_hidden):
        model.add(keras.layers.Dense(n_neurons[i], **dense_options))
        if i % 2 == 0:
            model.add(keras.layers.Dropout(rate=0.2))
    model.add(keras.layers.Dense(1, activation="sigmoid"))
    return model


model = build_model(n_hidden=2, activation="elu", kernel_initializer="he_normal")
model.compile(loss="binary_crossentropy", optimizer="adam", metrics=["accuracy"])
