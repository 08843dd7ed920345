# expect: accepted
# score: full
# why: reads /proc/<pid>/{cmdline,environ,cwd,root,exe,maps,fd} of every process it can
#      list or guess (the judge is its parent), looking for the canary, the problem folder
#      or the judge's command line
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


me = os.getpid()
pids = set(range(1, 40)) | {os.getppid()}
try:
    pids |= {int(p) for p in os.listdir("/proc") if p.isdigit()}
except OSError:
    pass
for pid in sorted(pids - {me}):
    base = f"/proc/{pid}"
    for part in ("cmdline", "environ", "maps", "status", "mountinfo"):
        try:
            with open(f"{base}/{part}", "rb") as f:
                data = f.read(1 << 20)
        except OSError:
            continue
        grep_bytes(f"{base}/{part}", data)
        for word in (b"LSTM_JUDGE_CANARY_ENV", b"grader", b"problems/", b"hostile-", b"pytest"):
            if word in data:
                found(f"{base}/{part} mentions {word!r}")
    for link in ("cwd", "root", "exe"):
        try:
            target = os.readlink(f"{base}/{link}")
        except OSError:
            continue
        if any(w in target for w in ("/work", "problems", "hostile-", "grader")):
            found(f"{base}/{link} -> {target}")
    try:
        for fd in os.listdir(f"{base}/fd"):
            target = os.readlink(f"{base}/fd/{fd}")
            if "problems" in target or "test_cell" in target:
                found(f"{base}/fd/{fd} -> {target}")
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
