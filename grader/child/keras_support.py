"""Child-side helpers for Keras problems: what a model's layers are, loading
the weights the judge chose, and the few things the judge itself sets up
(the float type, its own model, a compile it chooses, reading a compile).

Copied into the sandbox beside the worker; imports Keras only when used.
Keras runs on its torch backend (the sandbox sets KERAS_BACKEND=torch and
preloads it), so a model's output is a torch tensor and travels as one.
"""

# Each Keras layer is described by these settings of its get_config(), where
# it has them; the judge reads nothing else of a layer.
CONFIG_KEYS = ("units", "return_sequences", "return_state", "stateful", "go_backwards",
               "activation", "recurrent_activation", "use_bias", "unit_forget_bias",
               "dropout", "recurrent_dropout", "time_major", "unroll", "dims")

# Classes the listing leaves out: an LSTM's cell is part of its LSTM.
INNER = {"LSTMCell", "InputLayer"}


def _keras():
    import keras

    return keras


def _layers(model):
    """The model's layers in the order Keras tracks them, nested models
    flattened, without cells and input layers."""
    keras = _keras()
    if not isinstance(model, keras.layers.Layer):
        raise TypeError(f"expected a keras.Model, got {type(model).__name__}")
    return [layer for layer in model._flatten_layers(include_self=False, recursive=True)
            if type(layer).__name__ not in INNER
            and not isinstance(layer, keras.Model)]


def _weighted(model):
    return [layer for layer in _layers(model) if layer.weights]


def _plain(value):
    if isinstance(value, (bool, int, float, str)) or value is None:
        return value
    if isinstance(value, (list, tuple)) and all(isinstance(v, int) for v in value):
        return ",".join(map(str, value))
    return type(value).__name__


def _reset_states(model):
    for layer in _layers(model):
        if getattr(layer, "stateful", False) and hasattr(layer, "reset_state"):
            layer.reset_state()


def describe(model, input_shape, dtype):
    """Build the model if it is not (a call on zeros of ``input_shape``), and
    list its layers: class, module, the settings of CONFIG_KEYS and the
    shapes and dtypes of its weights, in Keras's order."""
    import numpy as np

    if not model.weights:  # a subclassed or Input-less model builds on its first call
        model(np.zeros(tuple(input_shape), dtype=dtype))
        _reset_states(model)
    out = []
    for layer in _layers(model):
        config = layer.get_config()
        out.append({
            "class": type(layer).__name__,
            "module": type(layer).__module__,
            "config": {k: _plain(config[k]) for k in CONFIG_KEYS if k in config},
            "weights": [list(map(int, w.shape)) for w in layer.weights],
            "dtypes": [str(w.dtype) for w in layer.weights],
        })
    return out


def load(model, weights):
    """Set each weighted layer's weights (``weights``: one list of arrays per
    layer of ``describe`` that has weights, in its order), then clear any
    state a stateful layer holds."""
    import numpy as np

    layers = _weighted(model)
    if len(layers) != len(weights):
        raise ValueError(f"{len(weights)} weight lists for {len(layers)} layers with weights")
    for layer, arrays in zip(layers, weights):
        layer.set_weights([np.asarray(a) for a in arrays])
    _reset_states(model)


def set_floatx(name):
    """Keras's default float type for layers built from now on."""
    if name not in ("float32", "float64"):
        raise ValueError(f"no float type {name!r}")
    keras = _keras()
    keras.config.set_floatx(name)
    keras.config.set_dtype_policy(name)


def regressor(input_dim, hidden_dim, output_dim, num_layers=1, seed=0):
    """The judge's own model for the training problem: stacked LSTMs (all
    but the top one return sequences) and a Dense on the last step."""
    keras = _keras()
    keras.utils.set_random_seed(seed)
    layers = [keras.Input((None, input_dim))]
    for k in range(num_layers):
        layers.append(keras.layers.LSTM(hidden_dim, return_sequences=k < num_layers - 1))
    layers.append(keras.layers.Dense(output_dim))
    return keras.Sequential(layers)


def weights(model):
    """Each weighted layer's weights, in ``describe``'s order (as numpy arrays)."""
    return [[w for w in layer.get_weights()] for layer in _weighted(model)]


OPTIMIZERS = {"SGD", "Adam"}


def compile_with(model, optimizer, options):
    """Compile ``model`` with mean squared error and an optimizer the judge chose."""
    if optimizer not in OPTIMIZERS:
        raise ValueError(f"the judge may not compile with {optimizer!r}")
    keras = _keras()
    model.compile(loss="mean_squared_error",
                  optimizer=getattr(keras.optimizers, optimizer)(**options))


def compiled(model):
    """What ``model.compile`` chose, as plain data: the loss (a name, or a
    loss object's class and settings) and the optimizer's class and settings."""
    keras = _keras()
    loss = getattr(model, "loss", None)
    if isinstance(loss, str) or loss is None:
        loss_out = {"name": loss, "class": None, "config": {}}
    else:
        config = loss.get_config() if hasattr(loss, "get_config") else {}
        loss_out = {"name": getattr(loss, "__name__", None), "class": type(loss).__name__,
                    "config": {k: _plain(v) for k, v in config.items()}}
    optimizer = getattr(model, "optimizer", None)
    if not isinstance(optimizer, keras.optimizers.Optimizer):
        return {"loss": loss_out, "optimizer": None}
    return {"loss": loss_out,
            "optimizer": {"class": type(optimizer).__name__,
                          "module": type(optimizer).__module__,
                          "config": {k: _plain(v) for k, v in optimizer.get_config().items()}}}


OPS = {"describe": describe, "load": load, "weights": weights, "set_floatx": set_floatx,
       "regressor": regressor, "compile_with": compile_with, "compiled": compiled}


def run(name, args):
    """The judge's request ``name`` (one of OPS) with ``args``."""
    if name not in OPS:
        raise ValueError(f"no Keras helper {name!r}")
    return OPS[name](*args)
