# expect: wrong_answer
# hint: compiled-in-step
# why: compiles the model again inside train_step, keeping the optimizer's class and settings: each compile makes a fresh optimizer, so its momentum (and Adam's moments) start over every step
import keras


def configure(model):
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-2), loss="mse")


def train_step(model, x, y):
    optimizer = model.optimizer
    fresh = type(optimizer).from_config(optimizer.get_config())
    model.compile(optimizer=fresh, loss=model.loss)
    return float(model.train_on_batch(x, y))
