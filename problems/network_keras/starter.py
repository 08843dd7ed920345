import keras


def build_model(input_dim, hidden_dim, output_dim, num_layers=1):
    """A stacked LSTM followed by a Dense layer on the last time step.

    build_model(input_dim, hidden_dim, output_dim, num_layers=1) -> keras.Model

    model(x): x (B, T, input_dim), batch-first  ->  (B, output_dim)
      num_layers keras.layers.LSTM(hidden_dim) layers, each but the top one
      with return_sequences=True, then keras.layers.Dense(output_dim) on the
      top layer's output at the last time step.

    Any B >= 1 and T >= 1; float32, and float64 when the judge sets
    keras.config.floatx() to "float64"; nothing kept between calls.
    """
    raise NotImplementedError("build your model here")
