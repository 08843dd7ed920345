# expect: accepted
# score: full
# why: reads the hidden files (exact paths given) with numpy instead of open():
#      np.load, np.fromfile, np.loadtxt, np.genfromtxt, np.memmap; every one must fail
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


import warnings

PROBLEM = "__HOSTILE_PROBLEM_DIR__"
REPO = "__HOSTILE_REPO__"
TARGETS = [f"{PROBLEM}/tests/test_cell.py", f"{PROBLEM}/tests/data/secret.txt",
           f"{PROBLEM}/data/secret.txt", f"{REPO}/problems/cell/tests/test_cell.py",
           f"{REPO}/grader/grading/judge.py"]
LOADERS = [
    ("np.fromfile", lambda p: np.fromfile(p, dtype=np.uint8).tobytes()),
    ("np.memmap", lambda p: np.memmap(p, dtype=np.uint8, mode="r").tobytes()),
    ("np.loadtxt", lambda p: "".join(np.loadtxt(p, dtype=str, delimiter="\x01", comments=None))),
    ("np.genfromtxt", lambda p: "".join(np.genfromtxt(p, dtype=str, delimiter="\x01", comments=None))),
    ("np.load", lambda p: np.load(p, allow_pickle=False).tobytes()),
]
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    for path in TARGETS:
        for how, load in LOADERS:
            try:
                data = load(path)
            except (OSError, ValueError, TypeError):
                # ValueError: np.load read the bytes but they are not .npy: still a read
                try:
                    with open(path, "rb"):
                        pass
                except OSError:
                    continue
                found(f"{how}: {path} is readable")
                continue
            found(f"{how} read {path}")
            grep_bytes(path, data)


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
