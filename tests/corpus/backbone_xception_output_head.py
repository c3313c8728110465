# expect: builds
# Fine-tuning Xception: a head on base.output, the model from base.input, every layer but the last twenty
# frozen in a loop (Xception needs at least 71 pixels)
import tensorflow as tf

base = tf.keras.applications.Xception(include_top=False, weights="imagenet", input_shape=(80, 80, 3))
for layer in base.layers[:-20]:
    layer.trainable = False

x = base.output
x = tf.keras.layers.GlobalAveragePooling2D(name="avg_pool")(x)
x = tf.keras.layers.Dense(128, activation="relu")(x)
x = tf.keras.layers.Dropout(0.3)(x)
predictions = tf.keras.layers.Dense(2, activation="softmax")(x)
model = tf.keras.Model(inputs=base.input, outputs=predictions)
