# expect: wrong_answer
# hint: input-transposed
# why: believes x is (batch, features, timesteps) and permutes it first, so the LSTM reads the time axis as features: the weights have the wrong shape when T != input_dim, and the output is wrong when T == input_dim
import keras


def build_model(input_dim, hidden_dim, output_dim, num_layers=1):
    layers = [keras.layers.Permute((2, 1))]
    for k in range(num_layers):
        layers.append(keras.layers.LSTM(hidden_dim, return_sequences=k < num_layers - 1))
    layers.append(keras.layers.Dense(output_dim))
    return keras.Sequential(layers)
