# expect: accepted
# score: full
# why: goes through the parent's and pid 1's /proc entries as directories:
#      /proc/<ppid>/cwd/..., /proc/<ppid>/root/<repo>/..., /proc/1/root/<problem>/... and
#      tries to open the hidden files through them (exact paths given)
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
REPO = "__HOSTILE_REPO__"
ppid = os.getppid()
for base in (f"/proc/{ppid}/root", "/proc/1/root", "/proc/self/root", f"/proc/{ppid}/cwd/..",
             f"/proc/{ppid}/cwd"):
    for rel in (f"{PROBLEM}/tests/test_cell.py", f"{PROBLEM}/data/secret.txt",
                f"{REPO}/grader/grading/judge.py", f"{REPO}/problems/cell/tests/test_cell.py",
                "problems/cell/tests/test_cell.py", "grader/grading/judge.py"):
        path = base + "/" + rel.lstrip("/")
        try:
            with open(path, "rb") as f:
                data = f.read()
        except OSError:
            continue
        found(f"read {path}")
        grep_bytes(path, data)
    try:
        names = os.listdir(f"/proc/{ppid}/cwd")
        found(f"listed the parent's cwd: {names[:8]}")
    except OSError:
        pass


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
