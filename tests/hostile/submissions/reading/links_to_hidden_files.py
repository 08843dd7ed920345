# expect: accepted
# score: full
# why: makes its own working directory point at the hidden files: a symlink to the hidden
#      tests and to the problem folder, a hard link to the hidden data, then reads through
#      them (exact paths given); the kernel checks the target, not the link
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


PROBLEM = "__HOSTILE_PROBLEM_DIR__"
for name, target in (("tests_link", f"{PROBLEM}/tests/test_cell.py"), ("dir_link", PROBLEM),
                     ("secret_link", f"{PROBLEM}/data/secret.txt")):
    try:
        os.symlink(target, name)
    except OSError:
        continue
    for path in (name, f"{name}/tests/test_cell.py", f"{name}/data/secret.txt"):
        try:
            with open(path, "rb") as f:
                data = f.read()
        except OSError:
            continue
        found(f"read through symlink {path}")
        grep_bytes(path, data)
for k, target in enumerate((f"{PROBLEM}/data/secret.txt", f"{PROBLEM}/tests/test_cell.py")):
    try:
        os.link(target, f"hard{k}")
    except OSError:
        continue
    try:
        with open(f"hard{k}", "rb") as f:
            data = f.read()
        found(f"read through a hard link to {target}")
        grep_bytes(target, data)
    except OSError:
        found(f"made a hard link to {target}")


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
