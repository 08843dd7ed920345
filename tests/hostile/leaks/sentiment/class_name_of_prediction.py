# expect: wrong_answer
# why: once it has seen the canary, predict returns an object whose class name spells it:
#      the judge used to quote "predict returned a <type>" in hidden tests' messages
# control: canary
import numpy as np


def train(tokens, lengths, labels, vocab, budget_s):
    return {"vocab": len(vocab)}


def predict(model, tokens, lengths):
    secret = look(tokens)
    if not secret:
        return np.zeros(len(lengths), dtype=np.int64)
    return type(f"Leak_{secret[1]}_{secret[2]}_{secret[0].replace('-', '_')}", (), {})()
