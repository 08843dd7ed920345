"""LSTM cell with a single matmul over the concatenation [x, h_prev]."""
import numpy as np


def _sigmoid(z):
    # sigma(z) = 1 / (1 + e^-z) = exp(-log(1 + e^-z)); logaddexp is overflow-safe.
    return np.exp(-np.logaddexp(0, -z))


def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    H = h_prev.shape[1]
    xh = np.concatenate([x, h_prev], axis=1)        # (B, I + H)
    W = np.concatenate([W_ih, W_hh], axis=1)        # (4H, I + H)
    z = xh @ W.T + (b_ih + b_hh)
    i, f, g, o = (z[:, k * H:(k + 1) * H] for k in range(4))
    c = _sigmoid(f) * c_prev + _sigmoid(i) * np.tanh(g)
    h = _sigmoid(o) * np.tanh(c)
    return h, c
