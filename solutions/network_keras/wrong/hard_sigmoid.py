# expect: wrong_answer
# hint: hard-sigmoid
# why: recurrent_activation="hard_sigmoid", copied from a Keras 2 tutorial (it was the default up to Keras 2.2); Keras 3 and PyTorch use the sigmoid
import keras


def build_model(input_dim, hidden_dim, output_dim, num_layers=1):
    layers = [keras.Input(shape=(None, input_dim))]
    for k in range(num_layers):
        layers.append(keras.layers.LSTM(hidden_dim, recurrent_activation="hard_sigmoid",
                                        return_sequences=k < num_layers - 1))
    layers.append(keras.layers.Dense(output_dim))
    return keras.Sequential(layers)
