# expect: wrong_answer
# hint: h-without-tanh
# why: computes h = o * c, forgetting the tanh on the new cell state
import numpy as np


def _sigmoid(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    H = h_prev.shape[1]
    z = x @ W_ih.T + b_ih + h_prev @ W_hh.T + b_hh
    i = _sigmoid(z[:, 0 * H:1 * H])
    f = _sigmoid(z[:, 1 * H:2 * H])
    g = np.tanh(z[:, 2 * H:3 * H])
    o = _sigmoid(z[:, 3 * H:4 * H])
    c = f * c_prev + i * g
    h = o * c
    return h, c
