# expect: builds
import keras
from keras import layers

n_inputs = 30
hidden_units = 64


def make_mlp():
    model = keras.Sequential(name="mlp")
    model.add(keras.Input(shape=(n_inputs,)))
    model.add(layers.Dense(hidden_units))
    model.add(layers.BatchNormalization())
    model.add(layers.Activation("relu"))
    model.add(layers.Dense(hidden_units // 2, activation="relu"))
    model.add(layers.Dense(1))
    return model


if __name__ == "__main__":
    mlp = make_mlp()
    mlp.compile(optimizer="adam", loss="mse")
    print(mlp.summary())
