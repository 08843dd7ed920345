# expect: wrong_answer
# hint: weights-unchanged
# why: evaluates the loss on the batch but never trains: the weights never change
import keras


def configure(model):
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-2), loss="mse")


def train_step(model, x, y):
    return float(model.test_on_batch(x, y))
