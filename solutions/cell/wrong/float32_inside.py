# expect: wrong_answer
# why: computes in float32 and returns float64: the dtype is right, but the values are only float32-accurate
import numpy as np


def _sigmoid(z):
    return 0.5 * (1 + np.tanh(z / 2))


def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    f32 = [np.asarray(a, dtype=np.float32) for a in (x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh)]
    x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh = f32
    z = x @ W_ih.T + b_ih + h_prev @ W_hh.T + b_hh
    H = h_prev.shape[1]
    i, f = _sigmoid(z[:, :H]), _sigmoid(z[:, H:2 * H])
    g, o = np.tanh(z[:, 2 * H:3 * H]), _sigmoid(z[:, 3 * H:])
    c = f * c_prev + i * g
    h = o * np.tanh(c)
    return h.astype(np.float64), c.astype(np.float64)
