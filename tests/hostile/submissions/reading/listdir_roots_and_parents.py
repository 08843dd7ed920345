# expect: accepted
# score: full
# why: lists /, /proc/1/root, /proc/self/root, .., ../.., every parent of the working
#      directory, /proc/<ppid>/cwd and /proc/<ppid>/root (os.listdir and os.scandir) looking
#      for the repository, the problems, other sandboxes or the test's own temp folders
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


SUSPICIOUS = {"problems", "solutions", "grader", "main", "shared", "test_cell.py", "secret.txt",
              "problem.yaml", "pyproject.toml", ".git", "pytest-of-root"}
own = os.path.dirname(os.getcwd())  # at the process level: the sandbox's own lstm-judge-* folder


def look(folder):
    for lister in (os.listdir, lambda d: [e.name for e in os.scandir(d)]):
        try:
            names = lister(folder)
        except OSError:
            continue
        for name in names:
            full = os.path.realpath(os.path.join(folder, name))
            if name in SUSPICIOUS or name.startswith("hostile-"):
                found(f"{folder} holds {name}")
            elif name.startswith("lstm-judge-") and full != own:
                found(f"{folder} holds another sandbox {name}")


ppid = os.getppid()
folders = ["/", "/proc/1/root", "/proc/self/root", "..", "../..", "../../..",
           f"/proc/{ppid}/cwd", f"/proc/{ppid}/root", "/proc/1/cwd", "/proc/self/cwd/.."]
parent = os.getcwd()
while parent != "/":
    parent = os.path.dirname(parent)
    folders.append(parent)
for folder in folders:
    look(folder)
    for sub in ("problems", "work", "work/main", "tmp", "root"):
        look(os.path.join(folder, sub))


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
