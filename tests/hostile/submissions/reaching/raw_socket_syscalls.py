# expect: accepted
# score: full
# why: asks the kernel for sockets directly through ctypes (no Python socket module, no
#      audit hook): AF_INET, AF_INET6, AF_UNIX, AF_NETLINK, AF_PACKET and socketpair; every
#      one must be refused
# control: yes
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
for family, kind in ((2, 1), (10, 1), (1, 1), (16, 3), (17, 3), (2, 2)):
    fd = libc.socket(family, kind, 0)
    if fd >= 0:
        SUCCEEDED.append(f"socket({family}, {kind}) -> fd {fd}")
        os.close(fd)
pair = (ctypes.c_int * 2)()
if libc.socketpair(1, 1, 0, pair) == 0:
    SUCCEEDED.append("socketpair")


def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    if SUCCEEDED:  # the attack worked: make it visible
        print("attack succeeded:", SUCCEEDED)
        return np.full(h_prev.shape, 9.0), np.full(c_prev.shape, 9.0)
    return _cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh)
