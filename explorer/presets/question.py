# The question's code as posted on a Chinese forum ("Tensorflow 理解keras层中的形状": understanding the shapes
# in Keras layers), kept exactly as the learner wrote it, Keras 2 habits and mistakes included. It does not run
# as is on Keras 3: the reader's notes at its lines say why, and what the model would be.

voc_size = 10000
embed_dim = 64
lstm_units = 75
size_batch = 30
count_classes = 5

from tensorflow.keras.layers import ( Bidirectional, LSTM, 
                                Dense, Embedding, TimeDistributed )
from tensorflow.keras import Sequential

def sample_build(embed_dim, voc_size, batch_size, lstm_units, count_classes):
    model = Sequential()
    model.add(Embedding(input_dim=voc_size, 
                     output_dim=embed_dim,input_length=50))
    model.add(Bidirectional(LSTM(units=lstm_units,return_sequences=True),
                                         merge_mode="ave"))
    model.add(Dense(200))
    model.add(TimeDistributed(Dense(count_classes+1)))

    # Compile model
    model.compile(loss='categorical_crossentropy', 
                      optimizer='rmsprop', 
                      metrics=['accuracy'])
    model.summary()
    return model 


sample_model = sample_build(embed_dim,voc_size, 
                                    size_batch, rnn_units,
                                    count_classes)
