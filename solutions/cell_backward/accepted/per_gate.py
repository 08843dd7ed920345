"""LSTM cell backward gate by gate, from per-gate slices of the weights."""
import numpy as np


def _sigmoid(z):
    return np.exp(-np.logaddexp(0, -z))


def lstm_cell_backward(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh, dh, dc):
    H = h_prev.shape[1]
    rows = [slice(k * H, (k + 1) * H) for k in range(4)]      # i, f, g, o

    def pre(k):
        r = rows[k]
        return np.dot(x, W_ih[r].T) + b_ih[r] + np.dot(h_prev, W_hh[r].T) + b_hh[r]

    input_gate = _sigmoid(pre(0))
    forget_gate = _sigmoid(pre(1))
    candidate = np.tanh(pre(2))
    output_gate = _sigmoid(pre(3))
    cell = forget_gate * c_prev + input_gate * candidate
    squashed = np.tanh(cell)

    d_cell = dc + dh * output_gate * (1 - squashed ** 2)
    d_pre = [
        d_cell * candidate * input_gate * (1 - input_gate),
        d_cell * c_prev * forget_gate * (1 - forget_gate),
        d_cell * input_gate * (1 - candidate ** 2),
        dh * squashed * output_gate * (1 - output_gate),
    ]

    dx = np.zeros_like(x)
    dh_prev = np.zeros_like(h_prev)
    dW_ih = np.empty_like(W_ih)
    dW_hh = np.empty_like(W_hh)
    db_ih = np.empty_like(b_ih)
    for r, d in zip(rows, d_pre):
        dx = dx + np.dot(d, W_ih[r])
        dh_prev = dh_prev + np.dot(d, W_hh[r])
        dW_ih[r] = np.dot(d.T, x)
        dW_hh[r] = np.dot(d.T, h_prev)
        db_ih[r] = d.sum(axis=0)
    return dx, dh_prev, d_cell * forget_gate, dW_ih, dW_hh, db_ih, db_ih.copy()
