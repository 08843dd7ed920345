# expect: accepted
# score: full
# why: leaves files behind in its own working directory (allowed): plain and hidden files,
#      nested folders, a 10 MB file; the test checks the whole sandbox folder is gone after
import os

import numpy as np

def _sigmoid(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    """The correct cell (solutions/cell/accepted/reference.py)."""
    H = h_prev.shape[1]
    z = x @ W_ih.T + b_ih + h_prev @ W_hh.T + b_hh
    i = _sigmoid(z[:, 0 * H:1 * H])
    f = _sigmoid(z[:, 1 * H:2 * H])
    g = np.tanh(z[:, 2 * H:3 * H])
    o = _sigmoid(z[:, 3 * H:4 * H])
    c = f * c_prev + i * g
    return o * np.tanh(c), c


os.makedirs("a/b/c", exist_ok=True)
for path in ("left.txt", ".hidden", "a/b/c/deep.txt"):
    with open(path, "w") as f:
        f.write("left behind")
with open("big.bin", "wb") as f:
    f.write(b"\0" * (10 << 20))


def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    with open(f"call-{os.getpid()}-{len(os.listdir('.'))}.txt", "w") as f:
        f.write("one more")
    return _cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh)
