"""Starter for the LSTM cell exercise: the helpers are given, write lstm_cell."""
import numpy as np


def sigmoid(z):
    """The logistic function, stable for any finite z (given)."""
    out = np.empty_like(z)
    positive = z >= 0
    out[positive] = 1.0 / (1.0 + np.exp(-z[positive]))
    e = np.exp(z[~positive])
    out[~positive] = e / (1.0 + e)
    return out


def split_gates(z, hidden_size):
    """Split pre-activations (B, 4H) into the i, f, g, o blocks (given)."""
    return tuple(z[:, k * hidden_size:(k + 1) * hidden_size] for k in range(4))


def check_shapes(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    """Raise ValueError unless the shapes follow the conventions (given)."""
    B, I = x.shape
    H = h_prev.shape[1]
    if h_prev.shape != (B, H) or c_prev.shape != (B, H):
        raise ValueError("h_prev and c_prev must be (B, H)")
    if W_ih.shape != (4 * H, I) or W_hh.shape != (4 * H, H):
        raise ValueError("W_ih must be (4H, I) and W_hh (4H, H)")
    if b_ih.shape != (4 * H,) or b_hh.shape != (4 * H,):
        raise ValueError("b_ih and b_hh must be (4H,)")


def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    """One forward step of an LSTM cell; returns (h, c)."""
    check_shapes(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh)
    # TODO: compute the gates and the new states
    raise NotImplementedError("write your LSTM cell here")
