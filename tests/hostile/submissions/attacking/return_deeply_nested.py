# expect: runtime_error | wrong_answer
# score: 0
# why: returns (h, c) where c is a list nested 5000 deep: the judge's JSON decoding must
#      fail cleanly (a malformed reply), not crash on recursion
import numpy as np


def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    nested = [0.0]
    for _ in range(5000):
        nested = [nested]
    return np.zeros(h_prev.shape), nested
