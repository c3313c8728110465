# expect: builds
# A convolutional denoising autoencoder for 28x28 images: an encoder Sequential and a decoder Sequential,
# joined by calling them on an Input
import keras
from keras import layers

latent_dim = 32

encoder = keras.Sequential([
    keras.Input(shape=(28, 28, 1)),
    layers.Conv2D(32, 3, strides=2, padding="same", activation="relu"),
    layers.Conv2D(64, 3, strides=2, padding="same", activation="relu"),
    layers.Flatten(),
    layers.Dense(latent_dim, name="latent"),
], name="encoder")

decoder = keras.Sequential([
    keras.Input(shape=(latent_dim,)),
    layers.Dense(7 * 7 * 64, activation="relu"),
    layers.Reshape((7, 7, 64)),
    layers.Conv2DTranspose(64, 3, strides=2, padding="same", activation="relu"),
    layers.Conv2DTranspose(32, 3, strides=2, padding="same", activation="relu"),
    layers.Conv2D(1, 3, padding="same", activation="sigmoid"),
], name="decoder")

inputs = keras.Input(shape=(28, 28, 1))
outputs = decoder(encoder(inputs))
autoencoder = keras.Model(inputs, outputs, name="autoencoder")
autoencoder.compile(optimizer="adam", loss="binary_crossentropy")
