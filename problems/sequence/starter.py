import numpy as np


def lstm_forward(x, h0, c0, W_ih, W_hh, b_ih, b_hh):
    """A single-layer LSTM over a batch-first sequence (torch.nn.LSTM(batch_first=True)).

    Args:
        x:    (B, T, I) inputs, batch first: x[:, t] is the input at step t
        h0:   (B, H)    initial hidden state
        c0:   (B, H)    initial cell state
        W_ih: (4H, I)   input-to-hidden weights, gate blocks in order i, f, g, o
        W_hh: (4H, H)   hidden-to-hidden weights, gate blocks in order i, f, g, o
        b_ih: (4H,)     input-to-hidden bias
        b_hh: (4H,)     hidden-to-hidden bias

    Returns:
        (out, h_n, c_n): out (B, T, H) holds the hidden state after every step;
        h_n and c_n (B, H) are the hidden and cell state after the last step.

    Use only numpy; do not modify the inputs; keep results finite for large |z|.
    """
    raise NotImplementedError("write your LSTM forward pass here")
