import numpy as np


def lstm_cell(inputs, h0, c0, w_x, w_h, bias_x, bias_h):
    n, hid = h0.shape
    assert inputs.shape[0] == n
    # weights as (gate, hidden, features)
    wx = w_x.reshape(4, hid, -1)
    wh = w_h.reshape(4, hid, hid)
    bias = (bias_x + bias_h).reshape(4, 1, hid)
    a = np.einsum("ghi,bi->gbh", wx, inputs)
    a = a + np.einsum("ghj,bj->gbh", wh, h0) + bias
    gate = np.empty_like(a)
    gate[[0, 1, 3]] = 0.5 + 0.5 * np.tanh(0.5 * a[[0, 1, 3]])
    gate[2] = np.tanh(a[2])
    ii, ff, gg, oo = gate
    c1 = ff * c0 + ii * gg
    h1 = oo * np.tanh(c1)
    return h1, c1
