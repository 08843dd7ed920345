# expect: wrong_answer
# score: <= 2
# why: learns nothing: every character equally likely (log2 63 = 5.98 bits per
#      character, worse than the unigram baseline), so 0 points
import numpy as np


def train(text, budget_s, vocab):
    return len(vocab)


def next_char_log_probs(model, chars):
    return np.full((len(chars), model), -np.log(model))


def generate(model, prompt, n):
    return " " * n
