"""Adam with settings of its own (betas, epsilon), which the judge reads back
and replays; compiled with the loss given as its full name."""
import keras


def configure(model):
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.015, beta_1=0.85,
                                                  beta_2=0.995, epsilon=1e-6),
                  loss="mean_squared_error")


def train_step(model, x, y):
    loss = model.train_on_batch(x, y)
    return float(loss)
