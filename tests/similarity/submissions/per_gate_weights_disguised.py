# LSTM cell -- written from scratch for this exercise
import numpy as np

ORDER = ("input", "forget", "cell", "output")


def lstm_cell(inp, hid, cell_state, w_in, w_rec, bias_in, bias_rec):
    # bundle everything the gates need
    params = (inp, hid, w_in, w_rec, bias_in, bias_rec)
    ig = logistic(gate_logits("input", *params))
    fg = logistic(gate_logits("forget", *params))
    cand = np.tanh(gate_logits("cell", *params))
    og = logistic(gate_logits("output", *params))
    new_c = fg * cell_state + ig * cand
    new_h = og * np.tanh(new_c)
    return new_h, new_c


def gate_logits(name, inp, hid, w_in, w_rec, bias_in, bias_rec):
    # affine map for a single gate
    width = w_rec.shape[1]
    sel = block(name, width)
    return inp @ w_in[sel].T + bias_in[sel] + hid @ w_rec[sel].T + bias_rec[sel]


def block(name, width):
    idx = ORDER.index(name)   # position of the gate in the stacked weights
    return slice(idx * width, (idx + 1) * width)


def logistic(t):
    '''Overflow-safe logistic function.'''
    return np.exp(-np.logaddexp(0.0, -t))
