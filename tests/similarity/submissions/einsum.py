import numpy as np


def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    B, H = h_prev.shape
    # (4H, I) -> (4, H, I) so that every gate is one slice of the first axis
    Wx = W_ih.reshape(4, H, -1)
    Wh = W_hh.reshape(4, H, H)
    b = (b_ih + b_hh).reshape(4, 1, H)
    pre = np.einsum("ghi,bi->gbh", Wx, x) + np.einsum("ghj,bj->gbh", Wh, h_prev) + b
    act = np.empty_like(pre)
    act[[0, 1, 3]] = 0.5 + 0.5 * np.tanh(0.5 * pre[[0, 1, 3]])   # sigmoid, via tanh
    act[2] = np.tanh(pre[2])
    i_t, f_t, g_t, o_t = act
    c_t = f_t * c_prev + i_t * g_t
    return o_t * np.tanh(c_t), c_t
