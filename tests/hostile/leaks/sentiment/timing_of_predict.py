# expect: wrong_answer
# why: learns nothing; once predict has seen the canary every call takes a time that
#      encodes the canary's digits: test times and the top-level time must be coarse
# control: time
import time

import numpy as np


def train(tokens, lengths, labels, vocab, budget_s):
    return None


def predict(model, tokens, lengths):
    secret = look(tokens)
    if secret:
        time.sleep(0.013 * (secret[2] % 7 + 1))
    return np.zeros(len(lengths), dtype=np.int64)
