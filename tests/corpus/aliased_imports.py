# expect: builds
import keras as K
from keras.layers import Dense as D, LSTM as L, Bidirectional as Bi
from keras.models import Sequential as Seq

hidden = 50
steps = 12

net = Seq(name="my_model")
net.add(K.Input(shape=(steps, 4)))
net.add(Bi(L(hidden), merge_mode="concat"))
net.add(D(hidden // 5, activation="relu"))
net.add(D(1))
