"""BPTT that gathers every step's pre-activation gradient first, then forms dx and the
weight gradients with one matmul each over all B*T rows."""
import numpy as np


def _sigmoid(z):
    return np.exp(-np.logaddexp(0.0, -z))


def lstm_backward(x, h0, c0, W_ih, W_hh, b_ih, b_hh, dout, dh_n, dc_n):
    B, T, I = x.shape
    H = h0.shape[1]
    dtype = np.result_type(x, h0, c0, W_ih, W_hh, b_ih, b_hh, dout, dh_n, dc_n)

    # Forward: every step's input projection in one matmul, gates kept in (B, T, H) arrays.
    zx = np.einsum("bti,gi->btg", x, W_ih) + b_ih + b_hh
    h_prev = np.empty((B, T, H), dtype)   # h_{t-1} for every t
    c_prev = np.empty((B, T, H), dtype)
    act = np.empty((B, T, 4 * H), dtype)  # i, f, g, o after their nonlinearities
    tanh_c = np.empty((B, T, H), dtype)
    h, c = h0, c0
    for t in range(T):
        h_prev[:, t], c_prev[:, t] = h, c
        z = zx[:, t] + h @ W_hh.T
        a = np.concatenate([_sigmoid(z[:, :2 * H]), np.tanh(z[:, 2 * H:3 * H]),
                            _sigmoid(z[:, 3 * H:])], axis=1)
        act[:, t] = a
        c = a[:, H:2 * H] * c + a[:, :H] * a[:, 2 * H:3 * H]
        tanh_c[:, t] = np.tanh(c)
        h = a[:, 3 * H:] * tanh_c[:, t]

    # Backward: only the recurrence is sequential.
    dz = np.empty((B, T, 4 * H), dtype)
    dh, dc = dh_n, dc_n
    for t in range(T - 1, -1, -1):
        i, f, g, o = np.split(act[:, t], 4, axis=1)
        tc = tanh_c[:, t]
        dh = dh + dout[:, t]
        dc = dc + dh * o * (1 - tc * tc)
        dz[:, t, :H] = dc * g * i * (1 - i)
        dz[:, t, H:2 * H] = dc * c_prev[:, t] * f * (1 - f)
        dz[:, t, 2 * H:3 * H] = dc * i * (1 - g * g)
        dz[:, t, 3 * H:] = dh * tc * o * (1 - o)
        dh = dz[:, t] @ W_hh
        dc = dc * f

    flat = dz.reshape(B * T, 4 * H)
    dx = (flat @ W_ih).reshape(B, T, I)
    dW_ih = flat.T @ x.reshape(B * T, I)
    dW_hh = flat.T @ h_prev.reshape(B * T, H)
    db = flat.sum(axis=0)
    return dx, dh, dc, dW_ih, dW_hh, db, db.copy()
