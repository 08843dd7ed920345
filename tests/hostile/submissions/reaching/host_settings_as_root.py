# expect: accepted
# score: full
# why: changes settings of the machine the judge shares: sethostname (to the name it already
#      has, so that success changes nothing), a negative nice value, real-time scheduling
#      (SCHED_FIFO, which could starve the machine); each needs privileges the child must
#      not have
# control: yes
# also-process: yes
import ctypes
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
libc = ctypes.CDLL(None, use_errno=True)
name = os.uname().nodename.encode()
if libc.sethostname(name, len(name)) == 0:
    SUCCEEDED.append("sethostname")
try:
    os.setpriority(os.PRIO_PROCESS, 0, -5)
    SUCCEEDED.append("nice -5")
except OSError:
    pass
try:
    os.sched_setscheduler(0, os.SCHED_FIFO, os.sched_param(1))
    SUCCEEDED.append("SCHED_FIFO")
    os.sched_setscheduler(0, os.SCHED_OTHER, os.sched_param(0))
except OSError:
    pass


def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    if SUCCEEDED:  # the attack worked: make it visible
        print("attack succeeded:", SUCCEEDED)
        return np.full(h_prev.shape, 9.0), np.full(c_prev.shape, 9.0)
    return _cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh)
