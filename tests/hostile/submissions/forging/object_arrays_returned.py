# expect: wrong_answer
# score: 0
# why: returns the right values as object arrays (np.array([h, c], dtype=object) in some
#      calls, h.astype(object) and c.astype(object) in others); object arrays never cross
#      the wire (no pickles), so the answer is not an array of numbers: a wrong answer
import numpy as np

def _sigmoid(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    """The correct cell (solutions/cell/accepted/reference.py)."""
    H = h_prev.shape[1]
    z = x @ W_ih.T + b_ih + h_prev @ W_hh.T + b_hh
    i = _sigmoid(z[:, 0 * H:1 * H])
    f = _sigmoid(z[:, 1 * H:2 * H])
    g = np.tanh(z[:, 2 * H:3 * H])
    o = _sigmoid(z[:, 3 * H:4 * H])
    c = f * c_prev + i * g
    return o * np.tanh(c), c


CALLS = [0]


def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    h, c = _cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh)
    CALLS[0] += 1
    if CALLS[0] % 2:
        return np.array([h, c], dtype=object)
    return h.astype(object), c.astype(object)
