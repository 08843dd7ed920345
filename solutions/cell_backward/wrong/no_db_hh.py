# expect: wrong_answer
# hint: no-db_hh
# why: thinks b_hh gets no gradient of its own and returns zeros for db_hh
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

    dc_total = dc + dh * o * (1 - tc ** 2)
    do = dh * tc
    di = dc_total * g
    df = dc_total * c_prev
    dg = dc_total * i
    dc_prev = dc_total * f

    dz = np.concatenate([di * i * (1 - i), df * f * (1 - f), dg * (1 - g ** 2),
                         do * o * (1 - o)], axis=1)
    dx = dz @ W_ih
    dh_prev = dz @ W_hh
    dW_ih = dz.T @ x
    dW_hh = dz.T @ h_prev
    db = dz.sum(axis=0)
    return dx, dh_prev, dc_prev, dW_ih, dW_hh, db, np.zeros_like(b_hh)
