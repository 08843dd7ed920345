# expect: accepted
# score: full
# why: looks for the judge's source (grader/grading/judge.py, scoring/compare.py, the
#      hidden tests' helpers): at the repository's exact path, through sys.path, importlib and a walk of
#      likely folders; importing grader in the child must fail too
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


import importlib
import importlib.util

REPO = "__HOSTILE_REPO__"
for path in (f"{REPO}/grader/grading/judge.py", f"{REPO}/grader/scoring/compare.py",
             f"{REPO}/grader/grading/plugin.py", f"{REPO}/grader/testing.py",
             "/work/main/grader/grading/judge.py", "/grader/grading/judge.py",
             "/site/grader/grading/judge.py"):
    try:
        with open(path, "rb") as f:
            found(f"read {path}: {len(f.read())} bytes")
    except OSError:
        pass
sys.path.insert(0, REPO)
for name in ("grader", "grader.grading.judge", "grader.scoring.compare", "grader.testing",
             "test_cell"):
    try:
        spec = importlib.util.find_spec(name)
    except Exception:
        spec = None
    if spec is not None:
        found(f"find_spec({name!r}) -> {spec.origin}")
    try:
        module = importlib.import_module(name)
        found(f"imported {name} from {getattr(module, '__file__', '?')}")
    except Exception:
        pass
sys.path.remove(REPO)
deadline = time.monotonic() + 0.8
for top in ("/", "/work", "/root", "/home", "/opt", "/srv", "/tmp"):
    for root, dirs, files in os.walk(top):
        if time.monotonic() > deadline:
            break
        dirs[:] = [d for d in dirs if os.path.join(root, d) not in ("/proc", "/sys", "/usr")]
        if root.endswith("grader/grading") and "judge.py" in files:
            found(f"found the judge at {root}")


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
