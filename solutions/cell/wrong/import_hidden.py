# expect: forbidden_import
# why: obtains torch dynamically via importlib.import_module("to" + "rch") inside the function
import importlib

import numpy as np


def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    t = importlib.import_module("to" + "rch")
    H = h_prev.shape[1]
    z = t.from_numpy(x @ W_ih.T + b_ih + h_prev @ W_hh.T + b_hh)
    i = t.sigmoid(z[:, 0 * H:1 * H]).numpy()
    f = t.sigmoid(z[:, 1 * H:2 * H]).numpy()
    g = t.tanh(z[:, 2 * H:3 * H]).numpy()
    o = t.sigmoid(z[:, 3 * H:4 * H]).numpy()
    c = f * c_prev + i * g
    h = o * np.tanh(c)
    return h, c
