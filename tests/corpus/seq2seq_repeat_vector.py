# expect: builds
from keras.models import Sequential
from keras.layers import LSTM, RepeatVector, TimeDistributed, Dense

n_in = 12
n_out = 5
n_features = 1

model = Sequential()
model.add(LSTM(100, activation='relu', input_shape=(n_in, n_features)))
model.add(RepeatVector(n_out))
model.add(LSTM(100, activation='relu', return_sequences=True))
model.add(TimeDistributed(Dense(1)))
model.compile(optimizer='adam', loss='mse')
