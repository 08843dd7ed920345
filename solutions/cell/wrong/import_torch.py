# expect: forbidden_import
# why: imports torch at module level and uses torch.sigmoid
import numpy as np
import torch


def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    H = h_prev.shape[1]
    z = torch.from_numpy(x @ W_ih.T + b_ih + h_prev @ W_hh.T + b_hh)
    i = torch.sigmoid(z[:, 0 * H:1 * H]).numpy()
    f = torch.sigmoid(z[:, 1 * H:2 * H]).numpy()
    g = torch.tanh(z[:, 2 * H:3 * H]).numpy()
    o = torch.sigmoid(z[:, 3 * H:4 * H]).numpy()
    c = f * c_prev + i * g
    h = o * np.tanh(c)
    return h, c
