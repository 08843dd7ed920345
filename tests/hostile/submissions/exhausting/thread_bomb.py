# expect: accepted
# score: full
# why: starts sleeping threads (64 KiB stacks, so that the process limit, not the memory
#      limit, is what stops it) until starting one fails; with them all still alive it
#      computes correctly
import threading
import time

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
THREADS = []
threading.stack_size(1 << 16)
try:
    while len(THREADS) < 5000:
        t = threading.Thread(target=time.sleep, args=(1000,), daemon=True)
        t.start()
        THREADS.append(t)
except (RuntimeError, MemoryError, OSError):
    pass
if len(THREADS) >= 5000:
    SUCCEEDED.append(f"{len(THREADS)} threads")


def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    if SUCCEEDED:  # the attack worked: make it visible
        print("attack succeeded:", SUCCEEDED)
        return np.full(h_prev.shape, 9.0), np.full(c_prev.shape, 9.0)
    return _cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh)
