import numpy as np


def lstm_backward(x, h0, c0, W_ih, W_hh, b_ih, b_hh, dout, dh_n, dc_n):
    """Backpropagation through time for a single-layer, batch-first LSTM
    (torch.nn.LSTM(batch_first=True) conventions).

    The forward pass is out, h_n, c_n = lstm_forward(x, h0, c0, W_ih, W_hh, b_ih, b_hh);
    the loss is sum(out * dout) + sum(h_n * dh_n) + sum(c_n * dc_n).

    Args:
        x:     (B, T, I) inputs, batch first: x[:, t] is the input at step t
        h0:    (B, H)    initial hidden state
        c0:    (B, H)    initial cell state
        W_ih:  (4H, I)   input-to-hidden weights, gate blocks in order i, f, g, o
        W_hh:  (4H, H)   hidden-to-hidden weights, gate blocks in order i, f, g, o
        b_ih:  (4H,)     input-to-hidden bias
        b_hh:  (4H,)     hidden-to-hidden bias
        dout:  (B, T, H) gradient of the loss w.r.t. out (every step's hidden state)
        dh_n:  (B, H)    gradient of the loss w.r.t. the final hidden state h_n
        dc_n:  (B, H)    gradient of the loss w.r.t. the final cell state c_n

    Returns:
        (dx, dh0, dc0, dW_ih, dW_hh, db_ih, db_hh): a tuple of seven numpy arrays,
        each with the shape of the matching input.

    Use only numpy; do not modify the inputs; keep results finite for large |z|.
    """
    raise NotImplementedError("write your backpropagation through time here")
