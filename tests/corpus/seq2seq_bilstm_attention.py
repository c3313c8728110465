# expect: builds
# A seq2seq with attention from a forum question: a Bidirectional LSTM encoder returning sequences and its four
# states, the two directions' states concatenated for a decoder twice as wide, Luong-style Attention over the
# encoder outputs, and a softmax on each decoder step
import keras
from keras import layers

num_encoder_tokens, num_decoder_tokens = 71, 93
latent_dim = 64

encoder_inputs = keras.Input(shape=(None, num_encoder_tokens))
encoder = layers.Bidirectional(layers.LSTM(latent_dim, return_sequences=True, return_state=True))
encoder_outputs, fwd_h, fwd_c, bwd_h, bwd_c = encoder(encoder_inputs)
state_h = layers.Concatenate()([fwd_h, bwd_h])
state_c = layers.Concatenate()([fwd_c, bwd_c])

decoder_inputs = keras.Input(shape=(None, num_decoder_tokens))
decoder_lstm = layers.LSTM(latent_dim * 2, return_sequences=True)
decoder_outputs = decoder_lstm(decoder_inputs, initial_state=[state_h, state_c])
context = layers.Attention()([decoder_outputs, encoder_outputs])
decoder_combined = layers.Concatenate(axis=-1)([decoder_outputs, context])
outputs = layers.Dense(num_decoder_tokens, activation="softmax")(decoder_combined)
model = keras.Model([encoder_inputs, decoder_inputs], outputs)
