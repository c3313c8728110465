# expect: fails at lstm: expected ndim=3, found ndim=2
from keras.models import Sequential
from keras.layers import Dense, LSTM

model = Sequential()
model.add(Dense(32, input_shape=(100,)))
model.add(LSTM(16))
model.add(Dense(1))
