# expect: wrong_answer
# kind: modified
# why: right values, but accumulates the gradient into the caller's dout in place (dout[:, t] += dh_next)
import numpy as np


def _sigmoid(z):
    # Stable for any finite z: exp is only ever taken of a non-positive number.
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def lstm_backward(x, h0, c0, W_ih, W_hh, b_ih, b_hh, dout, dh_n, dc_n):
    B, T, _ = x.shape
    H = h0.shape[1]

    # Forward, keeping each step's inputs and gates.
    h, c = h0, c0
    cache = []
    for t in range(T):
        z = x[:, t] @ W_ih.T + b_ih + h @ W_hh.T + b_hh   # (B, 4H), order i, f, g, o
        i = _sigmoid(z[:, 0 * H:1 * H])
        f = _sigmoid(z[:, 1 * H:2 * H])
        g = np.tanh(z[:, 2 * H:3 * H])
        o = _sigmoid(z[:, 3 * H:4 * H])
        c_new = f * c + i * g
        tc = np.tanh(c_new)
        cache.append((h, c, i, f, g, o, tc))
        h, c = o * tc, c_new

    # Backward through time.
    dx = np.zeros_like(x)
    dW_ih = np.zeros_like(W_ih)
    dW_hh = np.zeros_like(W_hh)
    db = np.zeros_like(b_ih)
    dh_next, dc_next = dh_n, dc_n
    for t in reversed(range(T)):
        h_prev, c_prev, i, f, g, o, tc = cache[t]
        dout[:, t] += dh_next
        dh = dout[:, t]
        dc_total = dc_next + dh * o * (1 - tc ** 2)
        dz = np.concatenate([dc_total * g * i * (1 - i), dc_total * c_prev * f * (1 - f),
                             dc_total * i * (1 - g ** 2), dh * tc * o * (1 - o)], axis=1)
        dx[:, t] = dz @ W_ih
        dW_ih += dz.T @ x[:, t]
        dW_hh += dz.T @ h_prev
        db += dz.sum(axis=0)
        dh_next = dz @ W_hh
        dc_next = dc_total * f
    return dx, dh_next, dc_next, dW_ih, dW_hh, db, db.copy()
