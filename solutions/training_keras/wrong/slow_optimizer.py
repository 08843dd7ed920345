# expect: wrong_answer
# why: plain SGD at learning rate 0.01: every step is right, but 300 steps leave the held-out error far above 0.05
import keras


def configure(model):
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.01), loss="mse")


def train_step(model, x, y):
    return float(model.train_on_batch(x, y))
