# expect: wrong_answer
# score: <= 5
# why: always predicts the training set's majority class; the held-out sets are exactly balanced, so accuracy is 0.5 (0 points)
import numpy as np


def train(tokens, lengths, labels, vocab, budget_s):
    return int(np.mean(labels) >= 0.5)


def predict(model, tokens, lengths):
    return np.full(len(lengths), model, dtype=np.int64)
