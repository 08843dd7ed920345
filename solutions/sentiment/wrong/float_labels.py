# expect: wrong_answer
# score: <= 0
# why: predict returns float64 probabilities-as-labels (0.0 / 1.0) instead of integer or bool labels
import numpy as np


def train(tokens, lengths, labels, vocab, budget_s):
    return float(np.mean(labels) >= 0.5)


def predict(model, tokens, lengths):
    return np.full(len(lengths), model)
