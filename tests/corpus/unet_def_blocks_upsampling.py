# expect: builds
# A U-Net from helper defs (a conv block, an encoder block returning two tensors, a decoder block), with
# UpSampling2D instead of transposed convolutions and BatchNormalization in every block
from tensorflow.keras.layers import (Input, Conv2D, BatchNormalization, Activation, MaxPool2D,
                                     UpSampling2D, Concatenate, Dropout)
from tensorflow.keras.models import Model


def conv_block(x, num_filters):
    x = Conv2D(num_filters, 3, padding="same")(x)
    x = BatchNormalization()(x)
    x = Activation("relu")(x)
    x = Conv2D(num_filters, 3, padding="same")(x)
    x = BatchNormalization()(x)
    x = Activation("relu")(x)
    return x


def encoder_block(x, num_filters):
    s = conv_block(x, num_filters)
    p = MaxPool2D((2, 2))(s)
    return s, p


def decoder_block(x, skip, num_filters):
    x = UpSampling2D((2, 2), interpolation="bilinear")(x)
    x = Concatenate()([x, skip])
    return conv_block(x, num_filters)


def build_unet(input_shape, base=8, depth=4):
    inputs = Input(input_shape)
    skips = []
    p = inputs
    for i in range(depth):
        s, p = encoder_block(p, base * 2 ** i)
        skips.append(s)
    b = conv_block(p, base * 2 ** depth)
    b = Dropout(0.3)(b)
    d = b
    for i in range(depth - 1, -1, -1):
        d = decoder_block(d, skips[i], base * 2 ** i)
    outputs = Conv2D(1, 1, padding="same", activation="sigmoid")(d)
    return Model(inputs, outputs, name="UNET")


model = build_unet((96, 96, 1))
model.summary()
