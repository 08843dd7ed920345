import math

import numpy as np


def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    hsz = h_prev.shape[1]
    acts = []
    for k, squash in enumerate(["sigmoid", "sigmoid", "tanh", "sigmoid"]):
        lo, hi = k * hsz, (k + 1) * hsz
        a = np.matmul(x, W_ih[lo:hi].T) + np.matmul(h_prev, W_hh[lo:hi].T)
        a = a + b_ih[lo:hi] + b_hh[lo:hi]
        if squash == "tanh":
            acts.append(np.tanh(a))
        else:
            clipped = np.clip(a, -500, 500)
            acts.append(1 / (1 + np.exp(-clipped)))
    i, f, g, o = acts
    c = f * c_prev + i * g
    return o * np.tanh(c), c
