# expect: runtime_error
# why: once predict has seen the canary it raises an exception of its own type, named
#      after the canary's digits, whose message is the canary: neither the type's name
#      nor the message may reach a hidden test's message
# control: canary
import numpy as np


def train(tokens, lengths, labels, vocab, budget_s):
    return None


def predict(model, tokens, lengths):
    secret = look(tokens)
    if secret:
        raise type(f"Leak_{secret[1]}", (Exception,), {})(f"{secret[0]} {secret[2]}")
    return np.zeros(len(lengths), dtype=np.int64)
