"""LSTM cell computed gate by gate from per-gate slices of the weights."""
import numpy as np


def _sigmoid(z):
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    H = h_prev.shape[1]

    def pre(k):
        rows = slice(k * H, (k + 1) * H)
        return (np.dot(x, W_ih[rows].T) + b_ih[rows]
                + np.dot(h_prev, W_hh[rows].T) + b_hh[rows])

    input_gate = _sigmoid(pre(0))
    forget_gate = _sigmoid(pre(1))
    candidate = np.tanh(pre(2))
    output_gate = _sigmoid(pre(3))

    c = forget_gate * c_prev + input_gate * candidate
    h = output_gate * np.tanh(c)
    return h, c
