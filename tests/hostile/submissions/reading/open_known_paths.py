# expect: accepted
# score: full
# why: knows the exact paths (the test writes them into this file) of the hidden tests, the
#      hidden data, the spec, the solutions and the judge's source, and opens each with
#      open(), os.open, pathlib, io.FileIO and os.listdir; every one must fail
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


import io
import pathlib

PROBLEM = "__HOSTILE_PROBLEM_DIR__"
REPO = "__HOSTILE_REPO__"
TARGETS = [
    f"{PROBLEM}/tests/test_cell.py", f"{PROBLEM}/tests/data/secret.txt", f"{PROBLEM}/data/secret.txt",
    f"{PROBLEM}/problem.yaml", f"{REPO}/problems/cell/tests/test_cell.py",
    f"{REPO}/problems/cell/problem.yaml", f"{REPO}/solutions/cell/accepted/reference.py",
    f"{REPO}/grader/grading/judge.py", f"{REPO}/grader/sandbox/child_process.py",
    "/work/shared/design.md",
]
READERS = [
    ("open", lambda p: open(p, "rb").read()),
    ("os.open", lambda p: os.read(os.open(p, os.O_RDONLY), 1 << 20)),
    ("pathlib", lambda p: pathlib.Path(p).read_bytes()),
    ("io.FileIO", lambda p: io.FileIO(p).read()),
    ("O_PATH+/proc/self/fd", lambda p: open(f"/proc/self/fd/{os.open(p, os.O_PATH)}", "rb").read()),
]
for path in TARGETS:
    for how, read in READERS:
        try:
            data = read(path)
        except OSError:
            continue
        found(f"{how} read {path} ({len(data)} bytes)")
        grep_bytes(path, data)
for folder in (PROBLEM, f"{PROBLEM}/tests", f"{PROBLEM}/data", REPO, f"{REPO}/problems",
               f"{REPO}/solutions", f"{REPO}/grader"):
    try:
        found(f"listed {folder}: {sorted(os.listdir(folder))[:8]}")
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
