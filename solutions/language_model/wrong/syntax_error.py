# expect: compile_error
# score: <= 0
# why: does not parse (a missing colon), so nothing runs
import torch


def train(text, budget_s, vocab)
    return None


def next_char_log_probs(model, chars):
    return None


def generate(model, prompt, n):
    return ""
