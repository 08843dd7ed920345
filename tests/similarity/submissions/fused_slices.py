import numpy as np


def sigmoid(a):
    # numerically stable: never exponentiates a positive number
    out = np.empty_like(a)
    pos = a >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-a[pos]))
    ea = np.exp(a[~pos])
    out[~pos] = ea / (1.0 + ea)
    return out


def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    """One step of an LSTM cell, PyTorch layout."""
    hidden = h_prev.shape[-1]
    gates = x @ W_ih.T + h_prev @ W_hh.T + b_ih + b_hh
    in_gate = sigmoid(gates[:, :hidden])
    forget_gate = sigmoid(gates[:, hidden:2 * hidden])
    cell_gate = np.tanh(gates[:, 2 * hidden:3 * hidden])
    out_gate = sigmoid(gates[:, 3 * hidden:])
    c_next = forget_gate * c_prev + in_gate * cell_gate
    h_next = out_gate * np.tanh(c_next)
    return h_next, c_next
