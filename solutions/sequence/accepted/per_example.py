"""LSTM forward one example at a time, with 1-D vectors and a concatenated weight."""
import numpy as np


def _sigmoid(z):
    return np.exp(-np.logaddexp(0.0, -z))


def _run(xs, h, c, W, b, H):
    hs = []
    for x_t in xs:
        z = W @ np.concatenate([x_t, h]) + b            # (4H,)
        gate_in, gate_forget = _sigmoid(z[:H]), _sigmoid(z[H:2 * H])
        candidate, gate_out = np.tanh(z[2 * H:3 * H]), _sigmoid(z[3 * H:])
        c = gate_forget * c + gate_in * candidate
        h = gate_out * np.tanh(c)
        hs.append(h)
    return hs, h, c


def lstm_forward(x, h0, c0, W_ih, W_hh, b_ih, b_hh):
    B = x.shape[0]
    H = h0.shape[1]
    W = np.hstack([W_ih, W_hh])                          # (4H, I + H)
    b = b_ih + b_hh
    rows = [_run(x[n], h0[n], c0[n], W, b, H) for n in range(B)]
    out = np.array([hs for hs, _, _ in rows])            # (B, T, H)
    h_n = np.array([h for _, h, _ in rows])
    c_n = np.array([c for _, _, c in rows])
    return out, h_n, c_n
