"""model.fit for one epoch over the whole batch is one step too; its history
holds the step's loss.  The loss is given as an object."""
import keras


def configure(model):
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.02),
                  loss=keras.losses.MeanSquaredError())


def train_step(model, x, y):
    history = model.fit(x, y, epochs=1, batch_size=len(x), shuffle=False, verbose=0)
    return float(history.history["loss"][0])
