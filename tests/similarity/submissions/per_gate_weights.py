import numpy as np

GATES = ("input", "forget", "cell", "output")


def _stable_sigmoid(v):
    """1 / (1 + exp(-v)) without overflow for large |v|."""
    return np.exp(-np.logaddexp(0.0, -v))


def _rows(gate, size):
    """The rows of a stacked (4H, ...) matrix that belong to one gate."""
    k = GATES.index(gate)
    return slice(k * size, (k + 1) * size)


def _preactivation(gate, x, h_prev, W_ih, W_hh, b_ih, b_hh):
    n = W_hh.shape[1]
    r = _rows(gate, n)
    return x @ W_ih[r].T + b_ih[r] + h_prev @ W_hh[r].T + b_hh[r]


def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    args = (x, h_prev, W_ih, W_hh, b_ih, b_hh)
    i = _stable_sigmoid(_preactivation("input", *args))
    f = _stable_sigmoid(_preactivation("forget", *args))
    g = np.tanh(_preactivation("cell", *args))
    o = _stable_sigmoid(_preactivation("output", *args))
    c = f * c_prev + i * g
    h = o * np.tanh(c)
    return h, c
