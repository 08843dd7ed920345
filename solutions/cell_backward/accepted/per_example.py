"""LSTM cell backward one example at a time, with outer products for the weights."""
import numpy as np


def _sigmoid(z):
    out = np.empty_like(z)
    pos = z >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-z[pos]))
    e = np.exp(z[~pos])
    out[~pos] = e / (1.0 + e)
    return out


def lstm_cell_backward(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh, dh, dc):
    B, H = h_prev.shape
    dtype = np.result_type(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh, dh, dc)
    dx = np.zeros(x.shape, dtype)
    dh_prev = np.zeros(h_prev.shape, dtype)
    dc_prev = np.zeros(c_prev.shape, dtype)
    dW_ih = np.zeros(W_ih.shape, dtype)
    dW_hh = np.zeros(W_hh.shape, dtype)
    db = np.zeros(b_ih.shape, dtype)
    for n in range(B):
        z = W_ih @ x[n] + b_ih + W_hh @ h_prev[n] + b_hh          # (4H,)
        i, f, o = _sigmoid(z[:H]), _sigmoid(z[H:2 * H]), _sigmoid(z[3 * H:])
        g = np.tanh(z[2 * H:3 * H])
        c = f * c_prev[n] + i * g
        t = np.tanh(c)
        d_c = dc[n] + dh[n] * o * (1 - t * t)
        dz = np.concatenate([d_c * g * i * (1 - i), d_c * c_prev[n] * f * (1 - f),
                             d_c * i * (1 - g * g), dh[n] * t * o * (1 - o)])
        dx[n] = W_ih.T @ dz
        dh_prev[n] = W_hh.T @ dz
        dc_prev[n] = d_c * f
        dW_ih += np.outer(dz, x[n])
        dW_hh += np.outer(dz, h_prev[n])
        db += dz
    return dx, dh_prev, dc_prev, dW_ih, dW_hh, db, db.copy()
