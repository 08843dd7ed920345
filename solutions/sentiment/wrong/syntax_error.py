# expect: compile_error
# why: genuine syntax error (a missing closing parenthesis)
import numpy as np


def train(tokens, lengths, labels, vocab, budget_s):
    return int(np.mean(labels) >= 0.5


def predict(model, tokens, lengths):
    return np.full(len(lengths), model, dtype=np.int64)
