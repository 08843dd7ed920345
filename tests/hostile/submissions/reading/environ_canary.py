# expect: accepted
# score: full
# why: looks for the canary the test puts in the judge's environment
#      (LSTM_JUDGE_CANARY_ENV) in os.environ, os.environb and /proc/self/environ, and for any
#      variable of the judge's (LSTM_JUDGE_* but the sandbox's own marker, PYTEST_*,
#      PYTHONDONTWRITEBYTECODE, which the test sets for the judge...); the child's
#      environment is scrubbed
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


JUDGE_ONLY = ("LSTM_JUDGE", "PYTEST", "VIRTUAL_ENV", "PYTHONPATH", "PYTHONDONTWRITEBYTECODE",
              "PYENV", "CI")
for key, value in os.environ.items():
    if key.startswith(JUDGE_ONLY) and key != "LSTM_JUDGE_SANDBOX":  # the judge's marker
        found(f"environment variable {key}")
    grep_bytes(f"env {key}", value)
for key, value in os.environb.items():
    grep_bytes(f"envb {key!r}", value)
try:
    with open("/proc/self/environ", "rb") as f:
        data = f.read()
    grep_bytes("/proc/self/environ", data)
    if b"LSTM_JUDGE_CANARY_ENV" in data:
        found("/proc/self/environ names LSTM_JUDGE_CANARY_ENV")
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
