# expect: accepted
# score: full
# why: tries to read the judge's memory: ptrace(PTRACE_ATTACH) of its parent,
#      process_vm_readv, and /proc/<ppid>/mem; every one must be refused
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
libc.ptrace.restype = ctypes.c_long
libc.ptrace.argtypes = [ctypes.c_long, ctypes.c_long, ctypes.c_void_p, ctypes.c_void_p]
PTRACE_ATTACH, PTRACE_DETACH = 16, 17
ppid = os.getppid()
if libc.ptrace(PTRACE_ATTACH, ppid, None, None) == 0:
    SUCCEEDED.append(f"ptrace attached to {ppid}")
    libc.ptrace(PTRACE_DETACH, ppid, None, None)


class IOVec(ctypes.Structure):
    _fields_ = [("base", ctypes.c_void_p), ("len", ctypes.c_size_t)]


buf = ctypes.create_string_buffer(64)
local = IOVec(ctypes.cast(buf, ctypes.c_void_p), 64)
remote = IOVec(0x400000, 64)
libc.process_vm_readv.restype = ctypes.c_ssize_t
if libc.process_vm_readv(ppid, ctypes.byref(local), 1, ctypes.byref(remote), 1, 0) > 0:
    SUCCEEDED.append("process_vm_readv of the parent")
try:
    with open(f"/proc/{ppid}/mem", "rb") as f:
        SUCCEEDED.append(f"opened /proc/{ppid}/mem")
except OSError:
    pass


def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    if SUCCEEDED:  # the attack worked: make it visible
        print("attack succeeded:", SUCCEEDED)
        return np.full(h_prev.shape, 9.0), np.full(c_prev.shape, 9.0)
    return _cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh)
