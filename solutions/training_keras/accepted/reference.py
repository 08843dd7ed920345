"""Reference: Adam at 1e-2 with mean squared error; one train_on_batch per step."""
import keras


def configure(model):
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-2), loss="mse")


def train_step(model, x, y):
    return float(model.train_on_batch(x, y))
