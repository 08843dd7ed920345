# expect: accepted
# score: full
# why: looks at what the judge might have leaked into the child itself: every open fd
#      (a judge file left open?), /proc/self/mountinfo (a bind of the problem?),
#      /proc/self/maps; reads from every fd that is not one of the protocol's pipes
# control: none
# control-why: outside a sandbox nothing of the judge's is open in the process either
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


import json
import select

pipes = set(json.loads(sys.argv[1])["fds"]) if len(sys.argv) > 1 else set()
for fd in sorted(int(n) for n in os.listdir("/proc/self/fd")):
    try:
        target = os.readlink(f"/proc/self/fd/{fd}")
    except OSError:
        continue
    if target.startswith(os.getcwd() + "/"):
        continue  # its own files (at the process level the working directory is a host path)
    if any(w in target for w in ("problems", "test_cell", "grader", "hostile-", "/work/")):
        found(f"fd {fd} -> {target}")
    if fd in pipes or fd < 3:
        continue
    try:
        if select.select([fd], [], [], 0)[0]:
            grep_bytes(f"fd {fd}", os.pread(fd, 1 << 16, 0) if "pipe" not in target else b"")
    except OSError:
        pass
for part in ("mountinfo", "maps", "mounts"):
    try:
        with open(f"/proc/self/{part}", "rb") as f:
            data = f.read()
    except OSError:
        continue
    grep_bytes(part, data)
    for word in (b"problems", b"solutions", b"/grader", b"/canary/problems"):
        if word in data:
            found(f"/proc/self/{part} mentions {word!r}")


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
