# expect: wrong_answer
# hint: several-steps
# why: model.fit with epochs=2 takes two steps on the batch each time, and returns the first epoch's loss
import keras


def configure(model):
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-2), loss="mse")


def train_step(model, x, y):
    history = model.fit(x, y, epochs=2, batch_size=len(x), shuffle=False, verbose=0)
    return float(history.history["loss"][0])
