# expect: runtime_error
# hint: return-sequences-missing
# why: leaves return_sequences off the lower LSTMs, so with two or more layers the second LSTM gets (B, H) and Keras refuses it ("expected ndim=3, found ndim=2"); one-layer tests pass
import keras


def build_model(input_dim, hidden_dim, output_dim, num_layers=1):
    layers = [keras.Input(shape=(None, input_dim))]
    layers += [keras.layers.LSTM(hidden_dim) for _ in range(num_layers)]
    layers.append(keras.layers.Dense(output_dim))
    return keras.Sequential(layers)
