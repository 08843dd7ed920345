# expect: compile_error
# why: genuine syntax error (an unclosed bracket in train)
import numpy as np


def train(series, budget_s):
    return {"mean": float(np.mean(series)}


def predict(model, history):
    return float(history[-1])
