# expect: wrong_answer
# hint: loss-after-step
# why: trains, then returns the loss evaluated after the update rather than the step's own loss
import keras


def configure(model):
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-2), loss="mse")


def train_step(model, x, y):
    model.train_on_batch(x, y)
    return float(model.test_on_batch(x, y))
