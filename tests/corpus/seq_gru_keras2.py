# expect: builds
from tensorflow.keras.models import Sequential
from tensorflow.keras.layers import Embedding, GRU, Dense

max_features = 5000
maxlen = 100

model = Sequential()
model.add(Embedding(max_features, 32, input_length=maxlen))
model.add(GRU(32))
model.add(Dense(1, activation='sigmoid'))
model.compile(optimizer='rmsprop', loss='binary_crossentropy', metrics=['acc'])
history = model.fit(x_train, y_train, epochs=10, batch_size=128, validation_split=0.2)
