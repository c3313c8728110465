# expect: builds
from tensorflow import keras
from tensorflow.keras import layers

title_input = keras.Input(shape=(None,), name="title")
body_input = keras.Input(shape=(None,), name="body")
title_features = layers.Embedding(10000, 64)(title_input)
body_features = layers.Embedding(10000, 64)(body_input)
title_features = layers.LSTM(128)(title_features)
body_features = layers.LSTM(32)(body_features)
x = layers.concatenate([title_features, body_features])
priority_pred = layers.Dense(1, name="priority")(x)
department_pred = layers.Dense(4, name="department")(x)
model = keras.Model(inputs=[title_input, body_input], outputs=[priority_pred, department_pred])
