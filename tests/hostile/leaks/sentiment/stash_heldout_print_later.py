# expect: wrong_answer
# why: trains nothing; keeps what predict was sent in hidden tests (the canary among it)
#      and prints it in every later call, hoping a sample test (whose output is shown)
#      runs after a hidden one in the same child
# control: canary
import numpy as np


def train(tokens, lengths, labels, vocab, budget_s):
    return {"vocab": len(vocab)}


def predict(model, tokens, lengths):
    secret = look(tokens)
    if secret:
        print("stashed:", secret[0], secret[2])
    return np.zeros(len(lengths), dtype=np.int64)
