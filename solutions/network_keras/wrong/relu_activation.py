# expect: wrong_answer
# hint: relu-activation
# why: activation="relu" on the LSTMs (a forecasting tutorial's choice); the LSTM's cell candidate and output use tanh
import keras


def build_model(input_dim, hidden_dim, output_dim, num_layers=1):
    layers = [keras.Input(shape=(None, input_dim))]
    for k in range(num_layers):
        layers.append(keras.layers.LSTM(hidden_dim, activation="relu",
                                        return_sequences=k < num_layers - 1))
    layers.append(keras.layers.Dense(output_dim))
    return keras.Sequential(layers)
