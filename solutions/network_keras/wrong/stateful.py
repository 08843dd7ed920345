# expect: runtime_error
# hint: stateful
# why: stateful=True LSTMs (from a tutorial on long series): each call starts from the previous call's final state, so calling twice on the same x gives two answers (wrong_answer), and the model is tied to its first batch size, so Keras raises on a batch of another size (runtime_error)
import keras


def build_model(input_dim, hidden_dim, output_dim, num_layers=1):
    layers = []
    for k in range(num_layers):
        layers.append(keras.layers.LSTM(hidden_dim, return_sequences=k < num_layers - 1,
                                        stateful=True))
    layers.append(keras.layers.Dense(output_dim))
    return keras.Sequential(layers)
