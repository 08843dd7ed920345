# expect: accepted | memory_limit_exceeded
# why: holds 1.25 times the memory limit in shared anonymous mappings (mmap.mmap(-1, n), every
#      page written) at import: succeeding returns wrong values.  A limit that holds makes
#      the mapping fail (caught: accepted) or ends the child (memory_limit_exceeded)
# control: yes
import mmap
import resource

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
HELD = []
limit = resource.getrlimit(resource.RLIMIT_DATA)[1]
want = 5 * (limit if limit != resource.RLIM_INFINITY else 256 << 20) // 4
got = 0
try:
    while got < want:
        m = mmap.mmap(-1, 64 << 20)
        m.write(b"\x01" * (64 << 20))
        HELD.append(m)
        got += 64 << 20
except (OSError, MemoryError, ValueError):
    pass
if got >= want:
    SUCCEEDED.append(f"holds {got >> 20} MiB, the limit is {limit >> 20} MiB")


def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    if SUCCEEDED:  # the attack worked: make it visible
        print("attack succeeded:", SUCCEEDED)
        return np.full(h_prev.shape, 9.0), np.full(c_prev.shape, 9.0)
    return _cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh)
