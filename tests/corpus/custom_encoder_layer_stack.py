# expect: builds
# A TransformerEncoder custom layer (attention, a Sequential feed-forward, two LayerNormalizations), two
# instances stacked on token embeddings for a sentiment classifier
import keras
from keras import layers


class TransformerEncoder(layers.Layer):
    def __init__(self, embed_dim, dense_dim, num_heads, **kwargs):
        super().__init__(**kwargs)
        self.embed_dim = embed_dim
        self.dense_dim = dense_dim
        self.num_heads = num_heads
        self.attention = layers.MultiHeadAttention(num_heads=num_heads, key_dim=embed_dim)
        self.dense_proj = keras.Sequential(
            [layers.Dense(dense_dim, activation="relu"), layers.Dense(embed_dim)]
        )
        self.layernorm_1 = layers.LayerNormalization()
        self.layernorm_2 = layers.LayerNormalization()
        self.add_1 = layers.Add()
        self.add_2 = layers.Add()

    def call(self, inputs, mask=None):
        attention_output = self.attention(inputs, inputs)
        proj_input = self.layernorm_1(self.add_1([inputs, attention_output]))
        proj_output = self.dense_proj(proj_input)
        return self.layernorm_2(self.add_2([proj_input, proj_output]))


vocab_size = 10000
sequence_length = 120
embed_dim = 64
dense_dim = 128
num_heads = 4

inputs = keras.Input(shape=(sequence_length,), dtype="int64")
x = layers.Embedding(vocab_size, embed_dim)(inputs)
for i in range(2):
    x = TransformerEncoder(embed_dim, dense_dim, num_heads, name=f"encoder_{i}")(x)
x = layers.GlobalMaxPooling1D()(x)
x = layers.Dropout(0.5)(x)
outputs = layers.Dense(1, activation="sigmoid")(x)
model = keras.Model(inputs, outputs)
model.compile(optimizer="rmsprop", loss="binary_crossentropy", metrics=["accuracy"])
