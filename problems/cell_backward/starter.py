import numpy as np


def lstm_cell_backward(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh, dh, dc):
    """Backward pass of one LSTM cell step (PyTorch's torch.nn.LSTMCell conventions).

    The forward step is h, c = lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh);
    dh and dc are the upstream gradients on h and c (loss = sum(h*dh) + sum(c*dc)).

    Args:
        x:      (B, I)  input
        h_prev: (B, H)  previous hidden state
        c_prev: (B, H)  previous cell state
        W_ih:   (4H, I) input-to-hidden weights, gate blocks in order i, f, g, o
        W_hh:   (4H, H) hidden-to-hidden weights, gate blocks in order i, f, g, o
        b_ih:   (4H,)   input-to-hidden bias
        b_hh:   (4H,)   hidden-to-hidden bias
        dh:     (B, H)  gradient of the loss w.r.t. the new hidden state h
        dc:     (B, H)  gradient of the loss w.r.t. the new cell state c

    Returns:
        (dx, dh_prev, dc_prev, dW_ih, dW_hh, db_ih, db_hh): a tuple of seven numpy
        arrays, each with the shape of the matching input.

    Use only numpy; do not modify the inputs; keep results finite for large |z|.
    """
    raise NotImplementedError("write your LSTM cell backward pass here")
