# expect: wrong_answer | runtime_error
# why: in sample tests (whose details are shown) raises with a lone surrogate and terminal
#      control sequences (clear the screen, set the title, move the cursor up to repaint
#      a line as a green tick), and writes them raw to fd 1: the text report used to crash
#      on the surrogate, and a terminal would obey the sequences
# control: escape
import os
import numpy as np


def _sigmoid(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    H = h_prev.shape[1]
    z = x @ W_ih.T + b_ih + h_prev @ W_hh.T + b_hh
    i, f, o = _sigmoid(z[:, :H]), _sigmoid(z[:, H:2 * H]), _sigmoid(z[:, 3 * H:])
    c = f * c_prev + i * np.tanh(z[:, 2 * H:3 * H])
    return o * np.tanh(c), c


PAINT = "\x1b[2J\x1b]0;all tests passed\x07\x1b[1A\x1b[32m  \u2713 accepted\x1b[0m"


def lstm_cell(*args):
    os.write(1, PAINT.encode() + b"\n")
    raise ValueError("\udc80 " + PAINT)
