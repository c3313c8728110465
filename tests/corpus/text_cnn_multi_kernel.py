# expect: builds
# Kim's CNN for sentence classification: parallel Conv1D branches over kernel sizes 3, 4 and 5, each max-pooled
# over time, the branches gathered with a comprehension and concatenated
from tensorflow import keras
from tensorflow.keras import layers

MAX_LEN = 100
VOCAB = 15000
EMB = 128
kernel_sizes = [3, 4, 5]


def branch(x, k, filters=100):
    x = layers.Conv1D(filters, k, activation="relu", name=f"conv_k{k}")(x)
    return layers.GlobalMaxPooling1D(name=f"pool_k{k}")(x)


inputs = keras.Input(shape=(MAX_LEN,), dtype="int32")
emb = layers.Embedding(VOCAB, EMB)(inputs)
emb = layers.SpatialDropout1D(0.2)(emb)
pooled = [branch(emb, k) for k in kernel_sizes]
x = layers.concatenate(pooled)
x = layers.Dropout(0.5)(x)
outputs = layers.Dense(6, activation="sigmoid")(x)
model = keras.Model(inputs=inputs, outputs=outputs)
model.compile(loss="binary_crossentropy", optimizer="adam", metrics=["accuracy"])
