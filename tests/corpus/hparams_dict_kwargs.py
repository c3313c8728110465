# expect: builds
# Hyperparameters kept in a dict (as a tuning script would), passed on with **kwargs, the hidden sizes from a
# comprehension and each layer named with str.format
from tensorflow import keras

config = {
    "input_dim": 20,
    "n_hidden": 3,
    "first_units": 256,
    "dropout": 0.25,
    "n_classes": 4,
}
dense_kwargs = {"activation": "relu", "kernel_initializer": "he_normal", "use_bias": True}
hidden_units = [config["first_units"] // 2 ** i for i in range(config["n_hidden"])]


def make_mlp(input_dim, n_classes, dropout=0.0, **layer_kwargs):
    inputs = keras.Input(shape=(input_dim,), name="features")
    x = inputs
    for i, units in enumerate(hidden_units):
        x = keras.layers.Dense(units, name="hidden_{}".format(i), **layer_kwargs)(x)
        if dropout > 0:
            x = keras.layers.Dropout(dropout, name="drop_{}".format(i))(x)
    outputs = keras.layers.Dense(n_classes, activation="softmax", name="probs")(x)
    return keras.Model(inputs, outputs)


model = make_mlp(config["input_dim"], config["n_classes"], dropout=config["dropout"], **dense_kwargs)
model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="categorical_crossentropy", metrics=["accuracy"])
