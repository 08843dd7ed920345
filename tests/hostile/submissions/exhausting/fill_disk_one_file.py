# expect: accepted
# score: full
# why: writes one file in its working directory 1 MB at a time until the write fails: the
#      file-size limit stops it (EFBIG) well before the disk fills; it catches that,
#      computes correctly, and the file goes with the sandbox (the test checks)
import os
import resource

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


SUCCEEDED = []
CHUNK = b"\x01" * (1 << 20)
written = 0
try:
    with open("filler.bin", "wb", buffering=0) as f:
        while written < (1 << 30):
            written += f.write(CHUNK)
except OSError:
    pass
limit = resource.getrlimit(resource.RLIMIT_FSIZE)[1]
if limit == resource.RLIM_INFINITY or written > limit:
    SUCCEEDED.append(f"wrote {written >> 20} MiB into one file")


def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    if SUCCEEDED:  # the attack worked: make it visible
        print("attack succeeded:", SUCCEEDED)
        return np.full(h_prev.shape, 9.0), np.full(c_prev.shape, 9.0)
    return _cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh)
