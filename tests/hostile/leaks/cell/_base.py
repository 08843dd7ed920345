# The correct cell, for the cell attacks (put in front of each by the harness).
import numpy as np


def _sigmoid(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    H = h_prev.shape[1]
    z = x @ W_ih.T + b_ih + h_prev @ W_hh.T + b_hh
    i, f, o = _sigmoid(z[:, :H]), _sigmoid(z[:, H:2 * H]), _sigmoid(z[:, 3 * H:])
    c = f * c_prev + i * np.tanh(z[:, 2 * H:3 * H])
    return o * np.tanh(c), c
