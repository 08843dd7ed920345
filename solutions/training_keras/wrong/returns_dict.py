# expect: wrong_answer
# why: returns train_on_batch's dict of logs, not the loss as a float
import keras


def configure(model):
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-2), loss="mse")


def train_step(model, x, y):
    return model.train_on_batch(x, y, return_dict=True)
