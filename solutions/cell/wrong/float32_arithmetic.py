# expect: wrong_answer
# hint: float32-arithmetic
# why: computes the cell in float32 "to save memory" and casts back to the inputs' dtype:
#      the dtype is right, but float64 answers are only float32-accurate
import numpy as np


def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    dtype = np.asarray(x).dtype
    x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh = (
        np.asarray(a).astype(np.float32) for a in (x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh))
    H = h_prev.shape[1]
    z = x @ W_ih.T + h_prev @ W_hh.T + (b_ih + b_hh)
    i, f, g, o = z[:, :H], z[:, H:2 * H], z[:, 2 * H:3 * H], z[:, 3 * H:]
    c = _sigmoid(f) * c_prev + _sigmoid(i) * np.tanh(g)
    h = _sigmoid(o) * np.tanh(c)
    return h.astype(dtype), c.astype(dtype)
