# expect: wrong_answer
# kind: modified
# why: right values, but adds the gradient through h into the caller's dc in place
#      (dc_total = dc; dc_total += ...); the sample tests already show it
import numpy as np


def _sigmoid(z):
    # Stable for any finite z: exp is only ever taken of a non-positive number.
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def lstm_cell_backward(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh, dh, dc):
    H = h_prev.shape[1]
    z = x @ W_ih.T + b_ih + h_prev @ W_hh.T + b_hh   # (B, 4H), order i, f, g, o
    i = _sigmoid(z[:, 0 * H:1 * H])
    f = _sigmoid(z[:, 1 * H:2 * H])
    g = np.tanh(z[:, 2 * H:3 * H])
    o = _sigmoid(z[:, 3 * H:4 * H])
    c = f * c_prev + i * g
    tc = np.tanh(c)

    dc_total = dc
    dc_total += dh * o * (1 - tc ** 2)
    dz = np.concatenate([dc_total * g * i * (1 - i), dc_total * c_prev * f * (1 - f),
                         dc_total * i * (1 - g ** 2), dh * tc * o * (1 - o)], axis=1)
    db = dz.sum(axis=0)
    return dz @ W_ih, dz @ W_hh, dc_total * f, dz.T @ x, dz.T @ h_prev, db, db.copy()
