# expect: runtime_error
# why: indexes the time steps along axis 0 (x[t], the batch axis): (T, I) inputs against (B, H) states fail to broadcast, or x[t] runs out of range
import numpy as np


def _sigmoid(z):
    # Stable for any finite z: exp is only ever taken of a non-positive number.
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _step(x_t, h, c, W_ih, W_hh, b_ih, b_hh):
    H = h.shape[1]
    z = x_t @ W_ih.T + b_ih + h @ W_hh.T + b_hh   # (B, 4H), order i, f, g, o
    i = _sigmoid(z[:, 0 * H:1 * H])
    f = _sigmoid(z[:, 1 * H:2 * H])
    g = np.tanh(z[:, 2 * H:3 * H])
    o = _sigmoid(z[:, 3 * H:4 * H])
    c = f * c + i * g
    h = o * np.tanh(c)
    return h, c


def lstm_forward(x, h0, c0, W_ih, W_hh, b_ih, b_hh):
    h, c = h0, c0
    outputs = []
    for t in range(x.shape[1]):
        h, c = _step(x[t], h, c, W_ih, W_hh, b_ih, b_hh)
        outputs.append(h)
    out = np.stack(outputs, axis=1)   # (B, T, H)
    return out, h, c
