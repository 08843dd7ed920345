# expect: accepted
# score: full
# why: fills its working directory with symlinks to things outside it (the canary problem,
#      the folder of a victim file, /tmp) and a directory holding more of them, hoping that
#      the judge's clean-up follows them and deletes what they point at; the test checks
#      that the problem and the victim are intact
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
TARGETS = ["__HOSTILE_PROBLEM_DIR__", os.path.dirname("__HOSTILE_VICTIM__"),
           "__HOSTILE_VICTIM__", "/tmp"]
os.mkdir("nest")
for k, target in enumerate(TARGETS):
    for where in (".", "nest"):
        try:
            os.symlink(target, os.path.join(where, f"link{k}"))
        except OSError:
            pass


def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    if SUCCEEDED:  # the attack worked: make it visible
        print("attack succeeded:", SUCCEEDED)
        return np.full(h_prev.shape, 9.0), np.full(c_prev.shape, 9.0)
    return _cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh)
