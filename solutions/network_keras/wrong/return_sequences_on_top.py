# expect: wrong_answer
# hint: return-sequences-on-top
# why: return_sequences=True on every LSTM, the top one included, so the Dense acts on every time step and the model gives (B, T, output_dim)
import keras


def build_model(input_dim, hidden_dim, output_dim, num_layers=1):
    layers = [keras.Input(shape=(None, input_dim))]
    layers += [keras.layers.LSTM(hidden_dim, return_sequences=True) for _ in range(num_layers)]
    layers.append(keras.layers.Dense(output_dim))
    return keras.Sequential(layers)
