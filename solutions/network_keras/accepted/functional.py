"""The functional API: the top LSTM returns its whole sequence and the last
step is taken by slicing, which computes the same thing."""
import keras


def build_model(input_dim, hidden_dim, output_dim, num_layers=1):
    inputs = keras.Input(shape=(None, input_dim), name="sequence")
    x = inputs
    for _ in range(num_layers):
        x = keras.layers.LSTM(hidden_dim, return_sequences=True)(x)
    last = keras.layers.Lambda(lambda seq: seq[:, -1, :])(x)
    outputs = keras.layers.Dense(output_dim, name="head")(last)
    return keras.Model(inputs, outputs)
