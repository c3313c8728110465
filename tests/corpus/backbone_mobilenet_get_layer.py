# expect: builds
# A MobileNetV2 with alpha=0.35 whose intermediate feature map is taken with get_layer(...).output, as
# segmentation and detection tutorials do
import tensorflow as tf

base = tf.keras.applications.MobileNetV2(input_shape=(96, 96, 3), alpha=0.35, include_top=False,
                                         weights="imagenet")
feat = base.get_layer("block_13_expand_relu").output
x = tf.keras.layers.Conv2D(32, 3, padding="same", activation="relu")(feat)
x = tf.keras.layers.GlobalAveragePooling2D()(x)
out = tf.keras.layers.Dense(4)(x)
model = tf.keras.Model(inputs=base.input, outputs=out)
