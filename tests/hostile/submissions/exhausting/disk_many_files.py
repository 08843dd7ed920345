# expect: accepted
# score: full
# why: writes files just under the file-size limit, one after another, until it holds more
#      than four times that limit on disk (about 60 MB here; nothing but time would stop
#      it going on to fill the disk): succeeding returns wrong values
# control: yes
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
limit = resource.getrlimit(resource.RLIMIT_FSIZE)[1]
size = (limit if limit != resource.RLIM_INFINITY else 16 << 20) - (1 << 20)
CHUNK = b"\x01" * (1 << 20)
total = 0
try:
    for k in range(5):
        with open(f"part{k}.bin", "wb", buffering=0) as f:
            for _ in range(size >> 20):
                total += f.write(CHUNK)
except OSError:
    pass
if total > 4 * size:
    SUCCEEDED.append(f"holds {total >> 20} MiB on disk in 5 files")


def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    if SUCCEEDED:  # the attack worked: make it visible
        print("attack succeeded:", SUCCEEDED)
        return np.full(h_prev.shape, 9.0), np.full(c_prev.shape, 9.0)
    return _cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh)
