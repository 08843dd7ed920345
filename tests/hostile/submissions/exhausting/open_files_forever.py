# expect: accepted
# score: full
# why: opens /dev/null (and its own files) until open() fails with EMFILE at the open-files
#      limit, keeps all but 16 of them open (the worker needs a few fds of its own after the
#      import: taking every one only breaks the submission itself), computes correctly
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


SUCCEEDED = []
HELD = []
try:
    while len(HELD) < 100_000:
        HELD.append(os.open("/dev/null", os.O_RDONLY))
except OSError:
    pass
try:
    while len(HELD) < 100_000:
        HELD.append(os.open("/proc/self/status", os.O_RDONLY))
except OSError:
    pass
if len(HELD) >= 100_000:
    SUCCEEDED.append(f"{len(HELD)} files open")
for fd in HELD[-16:]:
    os.close(fd)
del HELD[-16:]


def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    if SUCCEEDED:  # the attack worked: make it visible
        print("attack succeeded:", SUCCEEDED)
        return np.full(h_prev.shape, 9.0), np.full(c_prev.shape, 9.0)
    return _cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh)
