# expect: builds
# A learner's fine-tuning script: a head on ResNet50's output tensor, the first layers frozen in a loop
from tensorflow.keras.applications import ResNet50
from tensorflow.keras.layers import Dense, Dropout, GlobalAveragePooling2D
from tensorflow.keras.models import Model

NUM_CLASSES = 5
base = ResNet50(weights="imagenet", include_top=False, input_shape=(64, 64, 3))
for layer in base.layers[:-10]:
    layer.trainable = False
x = base.output
x = GlobalAveragePooling2D()(x)
x = Dropout(0.3)(x)
out = Dense(NUM_CLASSES, activation="softmax")(x)
model = Model(inputs=base.input, outputs=out)
model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
