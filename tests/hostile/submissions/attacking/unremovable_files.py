# expect: accepted
# score: full
# why: makes its leftovers hard to remove: a directory chmod 000 holding files, a
#      read-only file, a FIFO, a unix socket file it cannot make (sockets are refused),
#      and its working directory itself chmod 000 at the end of every call
import os
import stat

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
os.makedirs("locked/inner", exist_ok=True)
for k in range(3):
    with open(f"locked/inner/f{k}", "w") as f:
        f.write("x")
os.chmod("locked/inner", 0)
os.chmod("locked", 0)
with open("readonly", "w") as f:
    f.write("x")
os.chmod("readonly", 0o400)
try:
    os.mkfifo("fifo")
except OSError:
    pass


def lock_cwd():
    try:
        os.chmod(".", 0)
    except OSError:
        pass


def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    lock_cwd()
    if SUCCEEDED:  # the attack worked: make it visible
        print("attack succeeded:", SUCCEEDED)
        return np.full(h_prev.shape, 9.0), np.full(c_prev.shape, 9.0)
    return _cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh)
