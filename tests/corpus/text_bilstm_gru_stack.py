# expect: builds
# A toxic-comment style text model: Embedding with mask_zero, a Bidirectional LSTM returning sequences, a
# GRU on top, both poolings of the LSTM output concatenated with the GRU's last state
import tensorflow as tf
from tensorflow.keras import layers, Model

max_features = 20000
maxlen = 150
embed_size = 64

inp = layers.Input(shape=(maxlen,))
x = layers.Embedding(max_features, embed_size)(inp)
x = layers.SpatialDropout1D(0.2)(x)
seq = layers.Bidirectional(layers.LSTM(48, return_sequences=True))(x)
last = layers.GRU(32)(seq)
avg_pool = layers.GlobalAveragePooling1D()(seq)
max_pool = layers.GlobalMaxPooling1D()(seq)
x = layers.concatenate([avg_pool, max_pool, last])
x = layers.Dense(64, activation="relu")(x)
out = layers.Dense(6, activation="sigmoid")(x)
model = Model(inputs=inp, outputs=out)
