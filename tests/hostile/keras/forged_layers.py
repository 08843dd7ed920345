# expect: runtime_error
# why: replaces the child's Keras helper so that the judge's request for the model's
#      layers gets a forged description (a kernel "shape" holding text and a negative
#      size): child data, so a malformed reply is the submission's runtime_error, never
#      a judge_error
import sys

import keras


def build_model(input_dim, hidden_dim, output_dim, num_layers=1):
    helper = sys.modules.get("keras_support")
    if helper is None:
        import keras_support as helper
    helper.OPS["describe"] = lambda *args: [
        {"class": "LSTM", "module": "keras.src.layers.rnn.lstm", "config": {},
         "weights": [["3", -1]], "dtypes": ["float32"]}]
    layers = [keras.Input(shape=(None, input_dim))]
    for k in range(num_layers):
        layers.append(keras.layers.LSTM(hidden_dim, return_sequences=k < num_layers - 1))
    layers.append(keras.layers.Dense(output_dim))
    return keras.Sequential(layers)
