# expect: accepted
# score: full
# why: changes the metadata of files outside the sandbox, which Landlock does not cover:
#      chmod, chown, utime and setxattr of a victim file (path written into this file) and
#      of the canary problem's hidden tests; succeeding returns wrong values, and the test
#      also checks the victim is untouched
# control: yes
# also-process: yes
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
for path in ("__HOSTILE_VICTIM__", "__HOSTILE_PROBLEM_DIR__/tests/test_cell.py"):
    for name, change in (("chmod", lambda p: os.chmod(p, os.stat(p).st_mode & 0o7777)),
                         ("chown", lambda p: os.chown(p, os.stat(p).st_uid, os.stat(p).st_gid)),
                         ("utime", lambda p: os.utime(p, ns=(os.stat(p).st_atime_ns,
                                                              os.stat(p).st_mtime_ns))),
                         ("setxattr", lambda p: os.setxattr(p, "user.hostile", b"1"))):
        try:
            change(path)  # the first three change nothing, so success is harmless here
            SUCCEEDED.append(f"{name} {path}")
        except OSError:
            pass
        try:
            os.removexattr(path, "user.hostile")
        except OSError:
            pass


def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    if SUCCEEDED:  # the attack worked: make it visible
        print("attack succeeded:", SUCCEEDED)
        return np.full(h_prev.shape, 9.0), np.full(c_prev.shape, 9.0)
    return _cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh)
