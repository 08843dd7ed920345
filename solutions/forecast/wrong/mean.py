# expect: wrong_answer
# score: <= 5
# why: predicts the training mean at every step (worse than persistence on these
#      cyclic series: an RMSE ratio of 1.5-2.1)
import numpy as np


def train(series, budget_s):
    return float(np.mean(series))


def predict(model, history):
    return model
