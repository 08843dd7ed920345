# expect: wrong_answer
# why: compiles with the mean absolute error; the task's loss is the mean squared error (the compiled_choices test says so; the steps the judge compiles itself pass)
import keras


def configure(model):
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-2), loss="mae")


def train_step(model, x, y):
    return float(model.train_on_batch(x, y))
