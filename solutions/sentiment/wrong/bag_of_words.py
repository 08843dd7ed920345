# expect: wrong_answer
# score: <= 10
# why: logistic regression on word counts; each held-out sentence has a twin with the same words and the opposite label, so any bag-of-words model gets exactly half right (accuracy 0.5, 0 points)
import numpy as np

STEPS = 300
RATE = 0.5


def _counts(tokens, vocab_size):
    counts = np.zeros((len(tokens), vocab_size))
    rows = np.repeat(np.arange(len(tokens)), tokens.shape[1])
    np.add.at(counts, (rows, tokens.ravel()), 1.0)
    counts[:, 0] = 1.0   # the padding column becomes the bias
    return counts


def train(tokens, lengths, labels, vocab, budget_s):
    x = _counts(np.asarray(tokens), len(vocab))
    y = np.asarray(labels, dtype=np.float64)
    w = np.zeros(x.shape[1])
    for _ in range(STEPS):   # gradient descent on the logistic loss
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        w -= RATE * x.T @ (p - y) / len(y)
    return {"w": w}


def predict(model, tokens, lengths):
    w = model["w"]
    return (_counts(np.asarray(tokens), len(w)) @ w > 0).astype(np.int64)
