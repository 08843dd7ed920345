# expect: accepted
# score: full
# why: walks /tmp, /var/tmp, /dev/shm, /work, /root, /home, /srv, /opt, /mnt, /run, /var
#      and /etc, grepping every small file for the canary and looking for the hidden
#      files' names; none of it is in the sandbox's view
import os
import sys
import time

import numpy as np

MARK = "CANA" + "RY-"  # built at run time, so that this file itself never contains it
FOUND = []


def found(what):
    FOUND.append(str(what)[:300])


def grep_bytes(where, data):
    if isinstance(data, str):
        data = data.encode(errors="replace")
    k = data.find(MARK.encode())
    if k >= 0:
        found(f"{where}: {data[k:k + 60]!r}")


import stat

NAMES = {"test_cell.py", "secret.txt", "problem.yaml", "design.md", "judge.py", "pyproject.toml"}


def scan(top, deadline):
    for root, dirs, files in os.walk(top):
        if time.monotonic() > deadline:
            return
        for name in dirs + files:
            if name in NAMES or name.startswith(("hostile-", "lstm-judge-", "pytest-of-")):
                found(f"name {os.path.join(root, name)}")
        for name in files:
            path = os.path.join(root, name)
            try:
                st = os.lstat(path)
                if stat.S_ISREG(st.st_mode) and st.st_size < (1 << 20):
                    with open(path, "rb") as f:
                        grep_bytes(path, f.read())
            except OSError:
                pass


deadline = time.monotonic() + 1.2
for top in ("/tmp", "/var/tmp", "/dev/shm", "/work", "/root", "/home", "/srv", "/opt", "/mnt",
            "/media", "/run", "/var", "/etc"):
    scan(top, deadline)


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


CALLS = [0]


def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    if FOUND:  # the attack worked: make it visible (output, an error, wrong values)
        CALLS[0] += 1
        report = "found hidden material: " + " | ".join(FOUND)
        print(report)
        if CALLS[0] % 2:
            raise RuntimeError(report)
        return np.full(h_prev.shape, 7.0), np.full(c_prev.shape, -7.0)
    return _cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh)
