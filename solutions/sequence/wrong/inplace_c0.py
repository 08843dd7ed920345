# expect: wrong_answer
# kind: modified
# why: right values, but carries the cell state in place from c = c0 (c *= f; c += i * g),
#      which overwrites the caller's c0; the sample tests already show it
import numpy as np


def _sigmoid(z):
    # Stable for any finite z: exp is only ever taken of a non-positive number.
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def lstm_forward(x, h0, c0, W_ih, W_hh, b_ih, b_hh):
    H = h0.shape[1]
    h, c = h0, c0
    outputs = []
    for t in range(x.shape[1]):
        z = x[:, t] @ W_ih.T + b_ih + h @ W_hh.T + b_hh   # (B, 4H), order i, f, g, o
        i = _sigmoid(z[:, 0 * H:1 * H])
        f = _sigmoid(z[:, 1 * H:2 * H])
        g = np.tanh(z[:, 2 * H:3 * H])
        o = _sigmoid(z[:, 3 * H:4 * H])
        c *= f
        c += i * g
        h = o * np.tanh(c)
        outputs.append(h)
    return np.stack(outputs, axis=1), h, c
