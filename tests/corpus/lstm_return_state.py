# expect: builds
import keras
from keras.layers import Input, LSTM, Dense

latent_dim = 64
num_encoder_tokens = 71

encoder_inputs = Input(shape=(None, num_encoder_tokens))
encoder_outputs, state_h, state_c = LSTM(latent_dim, return_state=True)(encoder_inputs)
summary_vector = Dense(16, activation="tanh")(state_h)
model = keras.Model(encoder_inputs, [encoder_outputs, summary_vector])
