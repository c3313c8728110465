# expect: builds
import keras
from keras import layers

seq_len = 20
d_model = 32

tokens = keras.Input(shape=(seq_len,), dtype="int32")
x = layers.Embedding(1000, d_model)(tokens)
attn = layers.MultiHeadAttention(num_heads=4, key_dim=8)(x, x)
x = layers.Add()([x, attn])
x = layers.LayerNormalization()(x)
x = layers.GlobalAveragePooling1D()(x)
out = layers.Dense(2, activation="softmax")(x)
model = keras.Model(tokens, out)
