# expect: accepted
# score: full
# why: calls clone (as fork: SIGCHLD only), vfork and clone3 directly through ctypes, past
#      anything Python checks; a new process must be refused (threads stay allowed)
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
libc = ctypes.CDLL(None, use_errno=True)
libc.syscall.restype = ctypes.c_long
SYS_clone, SYS_vfork, SYS_clone3 = (56, 58, 435) if os.uname().machine == "x86_64" else (220, -1, 435)


class CloneArgs(ctypes.Structure):
    _fields_ = [(n, ctypes.c_uint64) for n in ("flags", "pidfd", "child_tid", "parent_tid",
                                                "exit_signal", "stack", "stack_size", "tls")]


args = CloneArgs(exit_signal=signal.SIGCHLD)
for name, call in (("clone", lambda: libc.syscall(SYS_clone, signal.SIGCHLD, 0, 0, 0, 0)),
                   ("clone3", lambda: libc.syscall(SYS_clone3, ctypes.byref(args),
                                                   ctypes.sizeof(args)))):
    pid = call()
    if pid == 0:  # the new process: leave at once, without running anything of Python's
        libc._exit(0)
    if pid > 0:
        SUCCEEDED.append(f"{name} -> {pid}")
        os.waitpid(pid, 0)


def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    if SUCCEEDED:  # the attack worked: make it visible
        print("attack succeeded:", SUCCEEDED)
        return np.full(h_prev.shape, 9.0), np.full(c_prev.shape, 9.0)
    return _cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh)
