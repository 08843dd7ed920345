# expect: wrong_answer
# score: <= 5
# why: predicts the training mean every year (worse than persistence on this series)
import numpy as np


def train(series, budget_s):
    return float(np.mean(series))


def predict(model, history):
    return model
