"""Reference: a keras.Sequential of stacked LSTMs (all but the top one return
sequences) and a Dense on the top layer's last step."""
import keras


def build_model(input_dim, hidden_dim, output_dim, num_layers=1):
    layers = [keras.Input(shape=(None, input_dim))]
    for k in range(num_layers):
        layers.append(keras.layers.LSTM(hidden_dim, return_sequences=k < num_layers - 1))
    layers.append(keras.layers.Dense(output_dim))
    return keras.Sequential(layers)
