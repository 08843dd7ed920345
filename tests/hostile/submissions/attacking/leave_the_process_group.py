# expect: accepted
# score: full
# why: leaves the process group and session the judge kills at the end (setsid, setpgid to
#      a new group or to pid 1's) and starts a thread that sleeps forever, so that the
#      process would outlive a judge that only kills the group; the test checks that no
#      process is left (in a pid namespace its end kills everything in it)
# also-process: yes
import os
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


SUCCEEDED = []  # leaving the group is allowed; outliving the judge is what the test checks
for call in (os.setsid, lambda: os.setpgid(0, 0), lambda: os.setpgid(0, 1)):
    try:
        call()
    except OSError:
        pass
threading.Thread(target=time.sleep, args=(1000,), daemon=False).start()


def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    if SUCCEEDED:  # the attack worked: make it visible
        print("attack succeeded:", SUCCEEDED)
        return np.full(h_prev.shape, 9.0), np.full(c_prev.shape, 9.0)
    return _cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh)
