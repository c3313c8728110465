# expect: fails at dense: expects 1 input(s), but it received 2 input tensors
from keras.models import Sequential
from keras.layers import Input, Bidirectional, LSTM, Dense

model = Sequential()
model.add(Input(shape=(20, 10)))
model.add(Bidirectional(LSTM(32, return_sequences=True), merge_mode=None))
model.add(Dense(5))
