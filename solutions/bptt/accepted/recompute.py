"""BPTT that stores only the states in the forward pass and recomputes each step's
gates on the way back, through a reusable one-step backward function."""
import numpy as np


def _sigmoid(z):
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def _gates(x_t, h, c, W_ih, W_hh, b_ih, b_hh):
    z = x_t @ W_ih.T + b_ih + h @ W_hh.T + b_hh
    zi, zf, zg, zo = np.split(z, 4, axis=1)
    i, f, g, o = _sigmoid(zi), _sigmoid(zf), np.tanh(zg), _sigmoid(zo)
    c_new = f * c + i * g
    return i, f, g, o, c_new


def _cell_backward(x_t, h, c, W_ih, W_hh, b_ih, b_hh, dh, dc):
    """One step's gradients: (dx_t, dh_prev, dc_prev, dW_ih, dW_hh, db)."""
    i, f, g, o, c_new = _gates(x_t, h, c, W_ih, W_hh, b_ih, b_hh)
    tc = np.tanh(c_new)
    grad_c = dc + dh * o * (1.0 - tc * tc)
    dz = np.hstack([grad_c * g * i * (1.0 - i), grad_c * c * f * (1.0 - f),
                    grad_c * i * (1.0 - g * g), dh * tc * o * (1.0 - o)])
    return dz @ W_ih, dz @ W_hh, grad_c * f, dz.T @ x_t, dz.T @ h, dz.sum(axis=0)


def lstm_backward(x, h0, c0, W_ih, W_hh, b_ih, b_hh, dout, dh_n, dc_n):
    T = x.shape[1]
    hs, cs = [h0], [c0]
    for t in range(T - 1):                     # states h_{t-1}, c_{t-1} for every step
        i, f, g, o, c_new = _gates(x[:, t], hs[-1], cs[-1], W_ih, W_hh, b_ih, b_hh)
        hs.append(o * np.tanh(c_new))
        cs.append(c_new)

    grads = [0.0, 0.0, 0.0]                    # dW_ih, dW_hh, db
    dxs = [None] * T
    dh, dc = dh_n, dc_n
    for t in range(T - 1, -1, -1):
        dxs[t], dh, dc, *step = _cell_backward(x[:, t], hs[t], cs[t], W_ih, W_hh, b_ih, b_hh,
                                               dh + dout[:, t], dc)
        grads = [total + part for total, part in zip(grads, step)]
    dW_ih, dW_hh, db = grads
    return np.stack(dxs, axis=1), dh, dc, dW_ih, dW_hh, db, np.array(db, copy=True)
