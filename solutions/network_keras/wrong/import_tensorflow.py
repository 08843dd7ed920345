# expect: forbidden_import
# why: writes tensorflow.keras, as Keras 2 code did (refused by the static check: TensorFlow is not installed, and Keras 3 is imported as keras)
from tensorflow import keras


def build_model(input_dim, hidden_dim, output_dim, num_layers=1):
    layers = [keras.Input(shape=(None, input_dim))]
    for k in range(num_layers):
        layers.append(keras.layers.LSTM(hidden_dim, return_sequences=k < num_layers - 1))
    layers.append(keras.layers.Dense(output_dim))
    return keras.Sequential(layers)
