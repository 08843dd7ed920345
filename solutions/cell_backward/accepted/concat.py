"""LSTM cell backward with one weight matrix over the concatenation [x, h_prev]."""
import numpy as np


def _sigmoid(z):
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def lstm_cell_backward(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh, dh, dc):
    I, H = x.shape[1], h_prev.shape[1]
    xh = np.concatenate([x, h_prev], axis=1)          # (B, I + H)
    W = np.concatenate([W_ih, W_hh], axis=1)          # (4H, I + H)
    z = xh @ W.T + (b_ih + b_hh)
    zi, zf, zg, zo = np.split(z, 4, axis=1)
    i, f, g, o = _sigmoid(zi), _sigmoid(zf), np.tanh(zg), _sigmoid(zo)
    c = f * c_prev + i * g
    tanh_c = np.tanh(c)

    # Gradient flowing into c: from the upstream dc and through h = o * tanh(c).
    grad_c = dc + dh * o * (1.0 - tanh_c * tanh_c)
    dz = np.hstack([
        grad_c * g * i * (1.0 - i),
        grad_c * c_prev * f * (1.0 - f),
        grad_c * i * (1.0 - g * g),
        dh * tanh_c * o * (1.0 - o),
    ])
    dxh = dz @ W                                      # (B, I + H)
    dW = dz.T @ xh                                    # (4H, I + H)
    db = np.sum(dz, axis=0)
    return (dxh[:, :I], dxh[:, I:], grad_c * f, dW[:, :I], dW[:, I:], db, np.array(db))
