# expect: accepted
# score: full
# why: tries to kill its parent (the judge, or bwrap's init) with SIGKILL and SIGTERM, by
#      pid, through a pidfd, and pid 1; also the test's sentinel process by its host pid.
#      Every signal must be refused; the judge carries on and the sentinel survives
import ctypes
import os
import signal

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
SENTINEL = int("__HOSTILE_SENTINEL_PID__")
libc = ctypes.CDLL(None, use_errno=True)
libc.syscall.restype = ctypes.c_long
SYS_pidfd_open, SYS_pidfd_send_signal = 434, 424
for pid in {os.getppid(), 1, SENTINEL}:
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.kill(pid, sig)
            if pid != 1:  # pid 1 of a pid namespace ignores signals it has no handler for
                SUCCEEDED.append(f"kill({pid}, {sig.name})")
        except OSError:
            pass
    fd = libc.syscall(SYS_pidfd_open, pid, 0)
    if fd >= 0:
        if libc.syscall(SYS_pidfd_send_signal, fd, signal.SIGKILL, None, 0) == 0 and pid != 1:
            SUCCEEDED.append(f"pidfd_send_signal({pid})")
        os.close(fd)


def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    if SUCCEEDED:  # the attack worked: make it visible
        print("attack succeeded:", SUCCEEDED)
        return np.full(h_prev.shape, 9.0), np.full(c_prev.shape, 9.0)
    return _cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh)
