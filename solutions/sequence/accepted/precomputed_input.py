"""LSTM forward with the input projection of all steps computed in one matmul."""
import numpy as np


def _sigmoid(z):
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def lstm_forward(x, h0, c0, W_ih, W_hh, b_ih, b_hh):
    B, T, I = x.shape
    H = h0.shape[1]
    dtype = np.result_type(x, h0, c0, W_ih, W_hh, b_ih, b_hh)
    # (B*T, I) @ (I, 4H): every step's x_t @ W_ih.T + both biases at once.
    zx = (x.reshape(B * T, I) @ W_ih.T + (b_ih + b_hh)).reshape(B, T, 4 * H)
    out = np.empty((B, T, H), dtype=dtype)
    h, c = h0.astype(dtype), c0.astype(dtype)
    for t in range(T):
        z = zx[:, t] + h @ W_hh.T
        i, f, g, o = np.split(z, 4, axis=1)
        c = _sigmoid(f) * c + _sigmoid(i) * np.tanh(g)
        h = _sigmoid(o) * np.tanh(c)
        out[:, t] = h
    return out, h.copy(), c
