# expect: accepted
# score: full
# why: creates SysV IPC objects (a shared memory segment, a semaphore set, a message queue)
#      and a POSIX message queue, which outlive a process unless removed; the test checks
#      /proc/sysvipc of the machine for new objects afterwards
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


libc = ctypes.CDLL(None, use_errno=True)
IPC_CREAT = 0o1000
key = int.from_bytes(os.urandom(3), "big") + 1
libc.shmget(key, 1 << 20, IPC_CREAT | 0o600)
libc.semget(key, 1, IPC_CREAT | 0o600)
libc.msgget(key, IPC_CREAT | 0o600)
try:
    rt = ctypes.CDLL("librt.so.1", use_errno=True)
    rt.mq_open(f"/hostile-{key}".encode(), os.O_CREAT | os.O_RDWR, 0o600, None)
except OSError:
    pass


def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    return _cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh)
