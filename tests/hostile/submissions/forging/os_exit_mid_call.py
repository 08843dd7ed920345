# expect: runtime_error
# why: calls os._exit(0) in the middle of every call (status 0, after printing a fake
#      result): the process died during the call, so it is a runtime error
#      (only in the tests with a batch of 1 or 2, the others get right answers: each failure
#      costs a fresh child, and failing every test could run past the 4 s total instead)
import os

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


def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    if x.shape[0] > 2:
        return _cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh)
    os.write(1, b'{"verdict": "accepted"}')
    os._exit(0)
