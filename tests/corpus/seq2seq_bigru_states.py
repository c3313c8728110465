# expect: builds
# A translation seq2seq: a Bidirectional GRU encoder returning its two states, concatenated as the initial
# state of a GRU decoder twice as wide, with a TimeDistributed softmax over the target vocabulary
import keras
from keras import layers

src_vocab, tgt_vocab = 5000, 6000
src_len, tgt_len = 20, 22
emb_dim, units = 128, 96

encoder_inputs = keras.Input(shape=(src_len,), name="source")
enc_emb = layers.Embedding(src_vocab, emb_dim)(encoder_inputs)
enc_out, forward_h, backward_h = layers.Bidirectional(layers.GRU(units, return_state=True))(enc_emb)
state_h = layers.Concatenate()([forward_h, backward_h])

decoder_inputs = keras.Input(shape=(tgt_len,), name="target_in")
dec_emb = layers.Embedding(tgt_vocab, emb_dim)(decoder_inputs)
dec_out = layers.GRU(units * 2, return_sequences=True)(dec_emb, initial_state=state_h)
outputs = layers.TimeDistributed(layers.Dense(tgt_vocab, activation="softmax"))(dec_out)
model = keras.Model([encoder_inputs, decoder_inputs], outputs)
model.compile(optimizer="rmsprop", loss="sparse_categorical_crossentropy")
