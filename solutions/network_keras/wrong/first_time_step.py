# expect: wrong_answer
# hint: first-time-step
# why: takes the top LSTM's output at the first time step, seq[:, 0], instead of the last
import keras


def build_model(input_dim, hidden_dim, output_dim, num_layers=1):
    inputs = keras.Input(shape=(None, input_dim))
    x = inputs
    for _ in range(num_layers):
        x = keras.layers.LSTM(hidden_dim, return_sequences=True)(x)
    first = keras.layers.Lambda(lambda seq: seq[:, 0, :])(x)
    return keras.Model(inputs, keras.layers.Dense(output_dim)(first))
