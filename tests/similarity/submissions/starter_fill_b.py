import numpy as np


def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    """One forward step of an LSTM cell (PyTorch's torch.nn.LSTMCell conventions).

    Args:
        x:      (B, I)  input
        h_prev: (B, H)  previous hidden state
        c_prev: (B, H)  previous cell state
        W_ih:   (4H, I) input-to-hidden weights, gate blocks in order i, f, g, o
        W_hh:   (4H, H) hidden-to-hidden weights, gate blocks in order i, f, g, o
        b_ih:   (4H,)   input-to-hidden bias
        b_hh:   (4H,)   hidden-to-hidden bias

    Returns:
        (h, c): a tuple of two numpy arrays, each of shape (B, H).

    Use only numpy; do not modify the inputs; keep results finite for large |z|.
    """
    h = np.zeros_like(h_prev)
    return h, c_prev
