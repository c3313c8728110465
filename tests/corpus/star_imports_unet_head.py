# expect: builds
# Star imports as some U-Net repositories write them: the later optimizers import must not hide the layers
from keras.models import *
from keras.layers import *
from keras.optimizers import *


def tiny_unet(input_size=(64, 64, 1)):
    inputs = Input(input_size)
    conv1 = Conv2D(16, 3, activation='relu', padding='same', kernel_initializer='he_normal')(inputs)
    conv1 = Conv2D(16, 3, activation='relu', padding='same', kernel_initializer='he_normal')(conv1)
    pool1 = MaxPooling2D(pool_size=(2, 2))(conv1)
    conv2 = Conv2D(32, 3, activation='relu', padding='same', kernel_initializer='he_normal')(pool1)
    conv2 = Conv2D(32, 3, activation='relu', padding='same', kernel_initializer='he_normal')(conv2)
    drop2 = Dropout(0.5)(conv2)
    conv3 = Conv2D(1, 1, activation='sigmoid')(drop2)
    model = Model(inputs=inputs, outputs=conv3)
    model.compile(optimizer=Adam(learning_rate=1e-4), loss='binary_crossentropy', metrics=['accuracy'])
    return model


model = tiny_unet()
