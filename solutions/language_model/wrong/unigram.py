# expect: wrong_answer
# score: <= 2
# why: the baseline: character frequencies of the training text, the same
#      distribution for every stream whatever came before (no context at all)
import numpy as np


def train(text, budget_s, vocab):
    index = {c: i for i, c in enumerate(vocab)}
    codes = np.array([index.get(c, index[" "]) for c in text])
    counts = np.bincount(codes, minlength=len(vocab)) + 1.0
    return {"log_p": np.log(counts / counts.sum()), "vocab": list(vocab)}


def next_char_log_probs(model, chars):
    return np.tile(model["log_p"], (len(chars), 1))


def generate(model, prompt, n):
    rng = np.random.default_rng(0)
    p = np.exp(model["log_p"])
    return "".join(model["vocab"][k] for k in rng.choice(len(p), size=n, p=p / p.sum()))
