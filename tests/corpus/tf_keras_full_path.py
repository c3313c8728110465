# expect: builds
import tensorflow as tf

model = tf.keras.Sequential([
    tf.keras.layers.Dense(64, activation=tf.nn.relu, input_shape=(20,),
                          kernel_regularizer=tf.keras.regularizers.l2(0.01)),
    tf.keras.layers.Dense(64, activation=tf.keras.activations.relu),
    tf.keras.layers.Dense(3, activation=tf.nn.softmax),
])
model.compile(optimizer=tf.keras.optimizers.Adam(0.001), loss='categorical_crossentropy')
